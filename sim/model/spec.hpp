#pragma once
// The scenario as the model sees it: plain data, filled by sim/scenario from the scenario files and data
// tables, validated there, and turned into flat tables by the model before a replication runs. No I/O happens
// here.
//
// Units: rates are per year; ages and durations in years (one year = 365.25 days); dates are day numbers
// (days since 1970-01-01, see sim/common/date.hpp). Every multiplier defaults to 1.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/model/money_spec.hpp"
#include "sim/model/parameters.hpp"

namespace ws::model {

using Day = std::int64_t;

enum class StateKind {
  living,    // an ordinary living state (wsw, bijstand, lks, regulier, ...)
  capacity,  // a living state with a limited number of places (beschut, tussengroep, pilot places)
  waiting,   // the first-come-first-served waiting list of one capacity state
  exit,      // absorbing (pensioen, overleden, uitval, vertrokken)
};

// Which of Werkzaak's modules a state belongs to. A gemeente that does not place a module at Werkzaak has
// nobody in its states: no initial persons, no arrivals, and transitions into them do not happen there.
enum class Module { none, wsw, participatiewet };

enum class Sex { men = 0, women = 1 };

inline constexpr std::size_t kMaxMarks = 8;

struct StateSpec {
  std::string name;
  std::string description;
  StateKind kind = StateKind::living;
  Module module = Module::none;
  std::string waiting_state;                  // capacity states: the name of their waiting state
  double mortality_multiplier = 1.0;          // times the general mortality hazard
  bool working = false;                       // counts as "in work" (statushouder employment shares)
  bool at_werkzaak = false;                   // works at or through Werkzaak (money: revenue, support)
  std::string mark;                           // a person mark (ScenarioSpec::marks) set on entering, or ""
  double labour_years_per_person_year = 0.0;  // arbeidsjaren (AJ) per person-year in the state (Wsw funding)
};

// A person attribute a scenario declares (an education level, a Wsw placement type, ...): each person gets one
// of its levels when created, drawn with `shares` from numbers of their own (so declaring an attribute changes
// no other draw). Hazards may depend on it (TransitionSpec::by_attribute).
struct AttributeSpec {
  std::string name;
  std::vector<std::string> levels;
  std::vector<double> shares;  // one per level, summing to 1
};
inline constexpr std::size_t kMaxAttributes = 4;

// A hazard multiplier by the levels of one declared attribute.
struct AttributeMultiplier {
  std::string attribute;
  std::vector<double> multiplier;  // one per level
};

// A hazard multiplier for persons who carry a mark (a named yes/no attribute set on entering a state, kept
// for life): e.g. pilot participants leave bijstand for work faster.
struct MarkMultiplier {
  std::string mark;
  double factor = 1.0;
};

// A multiplier that is piecewise constant in one clock: values[i] applies on [breaks[i-1], breaks[i]),
// values[0] below breaks[0], values.back() from breaks.back() on. Empty means 1 everywhere.
// breaks are ascending; values.size() == breaks.size() + 1.
struct Piecewise {
  std::vector<double> breaks;
  std::vector<double> values;
  bool empty() const { return values.empty(); }
};

// One allowed transition with its hazard, a proportional-hazards product:
//   rate * by_age(age) * by_duration(time in state) * by_calendar(date) * by_time_since_permit(...)
//        * gemeente_multiplier[g] * sex_multiplier[s] * group_multiplier[group] * by_attribute[a][level_a]
//        * by_mark (for persons with the mark)
struct TransitionSpec {
  std::string from;
  std::string to;
  double rate = 0.0;               // per year
  Piecewise by_age;                // breaks in years of age
  Piecewise by_duration;           // breaks in years since entering `from`
  Piecewise by_calendar;           // breaks as day numbers
  Piecewise by_time_since_permit;  // breaks in years since the residence permit; only persons with a permit
  std::vector<double> gemeente_multiplier;        // size = gemeenten.size(), or empty
  std::vector<double> sex_multiplier;             // size 2 (men, women), or empty
  std::vector<double> group_multiplier;           // size = groups.size(), or empty
  std::vector<MarkMultiplier> by_mark;            // times factor for persons with the mark
  std::vector<AttributeMultiplier> by_attribute;  // times the multiplier of the person's level
};

struct GemeenteSpec {
  std::string name;
  double inhabitants = 0;  // population share for the statushouder taakstelling and the money key
  bool wsw_at_werkzaak = true;
  bool participatiewet_at_werkzaak = true;
};

// A target group / origin that hazards may depend on (general, statushouder, school_leaver, ...).
struct GroupSpec {
  std::string name;
  bool has_permit_date = false;  // statushouders carry their residence-permit date
};

// Ages of new persons: uniform within each band [lower, upper), bands chosen with the given weights.
struct AgeDistribution {
  std::vector<double> lower;
  std::vector<double> upper;
  std::vector<double> weight;
};

// A Poisson arrival stream per gemeente with a rate piecewise constant in calendar periods.
struct ArrivalSpec {
  std::string name;  // e.g. "bijstand_inflow", "statushouders"
  std::string
      into;  // the state new persons enter (a capacity state sends them to its waiting list when full)
  std::string group;                      // their group
  std::vector<Day> period_start;          // ascending; the first is at or before the run's start
  std::vector<std::vector<double>> rate;  // [period][gemeente], persons per year
  double rate_multiplier = 1.0;           // scales every rate (a handle for scenario variants)
  AgeDistribution age;
  double share_women = 0.5;
  // Statushouders: the permit date lies this many years before arrival (uniform between the two).
  double permit_lead_min_years = 0.0;
  double permit_lead_max_years = 0.0;
};

// Places of one capacity state per calendar year: one regional pool, or one pool per gemeente.
// Places a module (a pilot) adds to a regional capacity in some rows of its table. Kept apart from the base
// places so that several modules, each with its own drawn number, add up.
struct ExtraPlaces {
  std::string source;             // the key path that gave them, for messages
  std::vector<std::size_t> rows;  // rows of CapacitySpec::places
  double places = 0;
};

struct CapacitySpec {
  std::string state;
  bool per_gemeente = false;
  std::vector<int> years;                   // ascending calendar years; before the first use the first,
  std::vector<std::vector<double>> places;  // [year][pool]; after the last use the last. pool = gemeente or 0
  std::vector<ExtraPlaces> extras;          // regional capacities only: added to pool 0 of their rows
};

// Gompertz mortality: hazard(age) = a * exp(b * age) per year, times women_multiplier for women, times
// `level`, times the state's mortality_multiplier.
struct MortalitySpec {
  double gompertz_a = 0.0;
  double gompertz_b = 0.0;
  double women_multiplier = 1.0;
  double level = 1.0;
  std::string exit_state = "overleden";
};

// AOW age by the calendar year in which it is reached; after the last listed year it rises by
// months_per_year_after (a scenario parameter) per year, rounded down to whole months.
struct AowSpec {
  std::vector<int> years;       // ascending, contiguous
  std::vector<int> age_months;  // AOW age in months for each year
  double months_per_year_after = 0.0;
  std::string exit_state = "pensioen";
};

// Initial persons from aggregate counts: `count` persons of the cell, ages uniform in [age_lower, age_upper),
// time already spent in the state uniform in [duration_min, duration_max] years.
struct InitialCell {
  int gemeente = 0;
  std::string state;
  Sex sex = Sex::men;
  std::string group = "general";
  double age_lower = 18;
  double age_upper = 67;
  double count = 0;  // rounded stochastically per replication when not whole
  double duration_min_years = 0;
  double duration_max_years = 0;
  // Groups with a permit date: the permit lies this many years (uniform) before entering the state.
  double permit_lead_min_years = 0;
  double permit_lead_max_years = 0;
};

// Initial persons from a person-level file (Werkzaak's own anonymised data).
struct InitialPerson {
  int gemeente = 0;
  std::string state;
  Sex sex = Sex::men;
  std::string group = "general";
  Day birth = 0;
  Day entered_state = 0;
  Day permit = 0;  // only for groups with a permit date
};

struct RunSettings {
  Day start = 0;                   // first day simulated (2025-01-01 by default)
  Day end = 0;                     // first day not simulated (2035-01-01 by default)
  int output_interval_months = 1;  // stocks are recorded at start and every this many months up to end
  std::uint64_t seed = 1;
  int replications = 10;  // default when the command line does not say
  // Lower bounds of the age bands of the demographic results, in whole years, ascending; the last band is
  // open ("70+"), younger persons than the first bound count in the first band.
  std::vector<int> age_bands{15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70};
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  RunSettings run;
  std::vector<GemeenteSpec> gemeenten;
  std::vector<GroupSpec> groups;          // groups[0] is "general"
  std::vector<std::string> marks;         // person marks (at most kMaxMarks), set by states, read by hazards
  std::vector<AttributeSpec> attributes;  // declared person attributes (at most kMaxAttributes)
  std::vector<StateSpec> states;
  std::vector<TransitionSpec> transitions;
  std::vector<ArrivalSpec> arrivals;
  std::vector<CapacitySpec> capacities;
  MortalitySpec mortality;
  AowSpec aow;
  std::vector<InitialCell> initial_cells;
  std::vector<InitialPerson> initial_persons;
  MoneySpec money;  // euros per year, gemeente and item (sim/model/money.hpp)
  std::vector<UncertainParameter> uncertain;
  // The source files (scenario files in `extend` order, then data files): path -> full text, for provenance.
  std::vector<std::pair<std::string, std::string>> sources;
};

}  // namespace ws::model
