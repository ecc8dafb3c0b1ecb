#pragma once
// The scenario flattened into the tables the hot loop reads: indices instead of names, days instead of years.
// Built once per scenario; a replication with drawn parameters works on a copy of these tables with its
// values applied (with_parameters), never on a copy of the spec.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/common/date.hpp"
#include "sim/engine/random.hpp"
#include "sim/model/aow.hpp"
#include "sim/model/covariates.hpp"
#include "sim/model/spec.hpp"

namespace ws::model {

// Names the random numbers of death (a transition's are a hash of "from->to").
inline constexpr auto kDeathRisk = static_cast<std::uint32_t>(engine::purpose_id("death"));

// The clocks a hazard can be piecewise constant in; all advance one day per day.
enum Clock : int { kAge = 0, kDuration = 1, kCalendar = 2, kSincePermit = 3, kClockCount = 4 };

struct CompiledTransition {
  int from = -1;
  int to = -1;
  int label = -1;           // flow label "from->to"
  int overflow_label = -1;  // when `to` is a capacity state that is full: "from->waiting"
  std::uint32_t risk = 0;   // names the transition's random numbers (a hash of "from->to": stable)
  double rate_per_day = 0;
  std::array<std::vector<double>, kClockCount> breaks;  // in days (calendar: day numbers)
  std::array<std::vector<double>, kClockCount> values;  // empty: the clock does not matter
  std::vector<double> factor;  // by CompiledModel::covariates (gemeente, sex, group, attributes): constants
  std::vector<std::pair<std::uint8_t, double>> mark_factor;  // (mark bit, factor): for persons with the mark
  // The product of the clocks' largest values (the time since the permit: at least 1): an upper bound of the
  // piecewise part.
  double max_multiplier = 1;
  // Per clock and piece: the largest value of that piece and the later ones (the walk's tail bound: clocks only
  // advance, so a wait that has reached a piece sees no other values).
  std::array<std::vector<double>, kClockCount> largest_from_piece;
};

struct CompiledState {
  std::string name;
  StateKind kind = StateKind::living;
  int capacity = -1;  // capacity states and their waiting states: the index into CompiledModel::capacities
  double mortality_multiplier = 1;
  double labour_years = 0;  // AJ per person-year
  bool working = false;
  std::uint8_t mark_bit = 0;     // set on the person on entering
  std::vector<int> transitions;  // outgoing hazard transitions
  // The names of the random numbers of the state's risks, drawn together at each redraw: kDeathRisk, then
  // each transition's risk in the order of `transitions`.
  std::vector<std::uint32_t> risks;
  int aow_label = -1;         // "state->pensioen"
  int death_label = -1;       // "state->overleden"
  std::vector<char> open_in;  // per gemeente: may persons be in this state there (module flags)
};

struct CompiledCapacity {
  int state = -1;
  int waiting_state = -1;
  int admission_label = -1;  // "waiting->state"
  bool per_gemeente = false;
  std::vector<int> years;
  std::vector<std::vector<double>> places;  // [year][pool]
  double places_in(int year, int pool) const;
};

struct CompiledArrival {
  std::string name;
  int into = -1;
  int group = 0;
  int label = -1;                                 // "in->state"
  int overflow_label = -1;                        // "in->waiting" when `into` is a full capacity state
  std::vector<double> period_start;               // day numbers
  std::vector<std::vector<double>> rate_per_day;  // [gemeente][period]
  AgeDistribution age;
  engine::DiscreteWeights age_weights;  // age.weight, checked and summed once
  double share_women = 0.5;
  double permit_lead_min_days = 0;
  double permit_lead_max_days = 0;
  std::uint64_t time_purpose = 0;    // random stream of the arrival times
  std::uint64_t person_purpose = 0;  // random streams of the persons it brings
};

struct CompiledModel {
  const ScenarioSpec* spec = nullptr;  // names and structure; the numbers below are the model's own
  // The parts of the spec that population synthesis and money read directly, owned so that drawn values can
  // be applied to them.
  MoneySpec money;
  std::vector<InitialCell> initial_cells;
  AowSpec aow;
  // aow_day for the birth days persons of this model can have (shared: copies of the model share it until
  // drawn values change the AOW schedule). Null without an AOW exit.
  std::shared_ptr<const AowDayTable> aow_days;
  int gemeente_count = 0;
  int group_count = 0;
  CovariateIndex covariates;
  // Declared attributes: the shares of their levels and the purpose of the numbers they are drawn from.
  std::vector<std::vector<double>> attribute_shares;
  std::vector<std::uint64_t> attribute_purposes;
  std::vector<CompiledState> states;
  std::vector<CompiledTransition> transitions;
  std::vector<CompiledArrival> arrivals;
  std::vector<CompiledCapacity> capacities;
  std::vector<std::string> flow_labels;
  int aow_state = -1;
  int death_state = -1;
  double gompertz_a_per_day = 0;  // includes the mortality level
  double gompertz_b_per_day = 0;
  // exp(gompertz_b_per_day * k * kGompertzStepDays) for k = 0, 1, ...: an upper bound of the Gompertz growth
  // up to an age, without exp (redraw's "can death win" test). Empty unless b > 0.
  static constexpr double kGompertzStepDays = kDaysPerYear / 4;
  std::vector<double> gompertz_growth;
  double women_mortality = 1;
  double start = 0;
  double end = 0;
  std::vector<double> output_times;  // day numbers, start .. end
  std::vector<double> year_starts;   // Jan 1 of each simulated year (the first is the start), then the end
  std::vector<int> years;            // the calendar years simulated
  std::vector<std::string> cohorts;  // statushouder cohorts by arrival half-year, e.g. "2025H1"
  int cohort_durations = 0;          // checks at 0, 6, 12, ... months since the permit
  int state_index(const std::string& name) const;

  // A copy of these tables with one drawn value per slot of spec->uncertain applied (in that order).
  CompiledModel with_parameters(std::span<const double> values) const;
};

// Throws std::logic_error on an inconsistent spec (the loader validates user input before this).
CompiledModel compile_model(const ScenarioSpec& spec);

}  // namespace ws::model
