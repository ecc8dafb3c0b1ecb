#pragma once
// Money parameters (MODEL.md, Accounting), plain data filled by sim/scenario (load_money.cpp and the pilots):
// each item turns something one replication counts into euros per year and gemeente. Amounts are positive
// numbers; `sign` says whether the item is income (+1) or cost (-1). The keys are documented in
// docs/scenario-reference.md ([money]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ws::model {

// What an item's amount is paid per.
enum class MoneyBasis {
  person_year,  // per person-year in `states` (per gemeente, from the replication's person-years)
  transition,   // per person making one of `transitions` (per gemeente, from the flows; "in->x" are arrivals)
  place,        // per place of a capacity state per year (whole area, from the places at the start of a year)
  year,         // a fixed amount per calendar year (whole area)
};

// How a whole-area amount (basis place or year) is shared over the gemeenten.
enum class MoneyKey {
  own,                         // person_year and transition items: each gemeente's own count, no key
  population,                  // inhabitants of every gemeente
  population_participatiewet,  // inhabitants of the gemeenten placing the Participatiewet at Werkzaak
  population_wsw,              // inhabitants of the gemeenten placing the Wsw at Werkzaak
  use,                         // the year's person-years in `key_states` (default: the at_werkzaak states)
  shares,                      // fixed shares per gemeente (`shares`, need not sum to 1: normalised)
};

// The budget an item belongs to (issue 12; docs/model.md, Money): the blocks of Werkzaak's account (seed 002's
// results table) and the Rijk's new funding lines (seed 001). `totaal` marks the derived items that belong to
// no single budget (shared results, operating_result).
enum class MoneyBudget : std::uint8_t {
  buig,                    // Gebundelde uitkering: bijstand benefits and LKS, and the Rijk's allocation
  wsw,                     // the Wsw: Rijk contribution and wages
  participatiebudget,      // re-integration budget and beschut werk (seed 001's beschut line)
  sociale_infrastructuur,  // Rijksbijdrage sociale infrastructuur (the tussengroep)
  impulsbudget,            // Impulsbudget sociaal ontwikkelbedrijf
  bedrijfsvoering,         // the operating organisation: gemeenten's contribution, revenue, overhead
  totaal,
};
inline constexpr std::array<const char*, 7> kBudgetNames{
    "buig",  "wsw", "participatiebudget", "sociale_infrastructuur", "impulsbudget", "bedrijfsvoering",
    "totaal"};
inline const char* budget_name(MoneyBudget b) { return kBudgetNames[static_cast<std::size_t>(b)]; }

// Person-years of `group` in `states` that an item does not count (for example: WW/WIA recipients in the
// tussengroep receive no bijstand).
struct MoneyExclusion {
  std::string group;
  std::vector<std::string> states;
};

struct MoneyItemSpec {
  std::string name;
  std::string description;
  MoneyBudget budget = MoneyBudget::bedrijfsvoering;
  double sign = -1.0;  // +1 income, -1 cost
  MoneyBasis basis = MoneyBasis::year;
  double amount = 0.0;      // EUR per unit of the basis (year basis without `years`: every year)
  double multiplier = 1.0;  // times every amount (a handle for uncertainty about a whole line)

  // person_year: the states counted; the amount per state (empty: `amount` for all); every state with
  // at_werkzaak = true counts too when at_werkzaak_states is set (resolved when money is computed, so states
  // a pilot adds are included).
  std::vector<std::string> states;
  std::vector<double> state_amount;
  bool at_werkzaak_states = false;
  std::vector<std::string> groups;  // only persons of these groups (empty: everyone)
  std::vector<MoneyExclusion> exclude;
  double persons_per_unit = 1.0;  // the amount is per this many person-years (Wsw: a labour-year)
  // person_year: the share of each state's person-years that counts (empty: all of them), and at most this
  // many counted person-years of the whole area per calendar year (0: no cap; pro rata in a partial year).
  // Above the cap every gemeente's count is scaled down alike (Ondernemerschap: the production halls' places).
  std::vector<double> state_share;
  double cap_person_years = 0.0;

  std::vector<std::string> transitions;  // transition basis: flow labels

  // year basis: EUR per calendar year, a step function over ascending `years` (0 before the first year, the
  // last amount after the last year).
  std::vector<int> years;
  std::vector<double> year_amount;

  // The item counts only within [start, end) (day numbers); a year partly inside counts pro rata.
  std::int64_t start = 0;
  std::int64_t end = 0;

  MoneyKey key = MoneyKey::own;
  std::vector<std::string> key_states;  // use: empty means the at_werkzaak states
  std::vector<double> shares;           // shares: one per gemeente
};

// [money.buig]: the BUIG allocation follows national volume, the benefit price is tied to the known account of
// the base year, and the vangnet compensates part of a deficit (docs/model.md, BUIG).
struct BuigSpec {
  bool enabled = false;
  std::string
      allocation_item;   // the year-basis item that is each gemeente's allocation (share x macro budget)
  int base_year = 2024;  // the year of the allocation's amount and of net_cost_base
  bool follow_volume = false;   // false: the allocation stays at its amount (the frozen special case)
  double national_trend = 0.0;  // yearly relative change of the national volume apart from new statushouders
  double national_caseload = 1.0;    // national benefit volume of the base year (person-years)
  double national_population = 1.0;  // inhabitants of the Netherlands (the taakstelling's key)
  std::string statushouder_group;    // arrivals of this group add national volume (empty: none)
  double taakstelling = 0.0;         // the scenario's national taakstelling per half year ([statushouders])
  double reference_taakstelling = 0.0;  // the taakstelling national_trend already contains (0: none)
  std::int64_t future_from = 0;         // the day the taakstelling of `taakstelling` starts (after the file)
  bool vangnet_pooled = false;          // the vangnet on the pooled BUIG of the gemeenten, not on each
  std::vector<std::string> volume_states;  // the benefit states whose person-years are volume
  std::vector<std::string> follow_items;   // BUIG cost items whose growth since the start the budget follows
  double net_cost_base = 0.0;              // > 0: BUIG cost items are scaled to this cost at the start stock
  std::vector<double> vangnet_from;        // deficit thresholds as shares of the allocation, ascending
  std::vector<double> vangnet_share;       // share of the deficit compensated above each threshold
};

// [money.sharing]: the joint result per module is shared over the gemeenten by `key` (docs/model.md, Sharing).
struct SharingSpec {
  bool enabled = false;
  std::vector<double> key;     // one weight per gemeente; per module normalised over the gemeenten placing it
  double reserve_start = 0.0;  // Werkzaak's reserve at the start (EUR)
  double to_reserve = 0.0;     // share of each year's joint result added to (taken from) the reserve
};

struct MoneySpec {
  std::vector<MoneyItemSpec> items;  // empty: the scenario counts no money
  BuigSpec buig;
  SharingSpec sharing;
};

// The name of the item that every scenario with money adds last: the sum of its budget items.
inline constexpr const char* kOperatingResult = "operating_result";
// Derived items (money.cpp adds them after the scenario's items, before operating_result).
inline constexpr const char* kVangnet = "buig_vangnet";            // with [money.buig] and vangnet tiers
inline constexpr const char* kResultPrefix = "result_";            // result_<budget>: one per budget used
inline constexpr const char* kSharedResult = "aandeel_resultaat";  // with [money.sharing]
inline constexpr const char* kContribution = "gemeentelijke_bijdrage";
inline constexpr const char* kReserve = "reserve";

}  // namespace ws::model
