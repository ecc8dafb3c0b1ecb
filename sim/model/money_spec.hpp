#pragma once
// Money parameters (MODEL.md, Accounting), plain data filled by sim/scenario (load_money.cpp and the pilots):
// each item turns something one replication counts into euros per year and gemeente. Amounts are positive
// numbers; `sign` says whether the item is income (+1) or cost (-1). The keys are documented in
// docs/scenario-reference.md ([money]).
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

// Person-years of `group` in `states` that an item does not count (for example: WW/WIA recipients in the
// tussengroep receive no bijstand).
struct MoneyExclusion {
  std::string group;
  std::vector<std::string> states;
};

struct MoneyItemSpec {
  std::string name;
  std::string description;
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

struct MoneySpec {
  std::vector<MoneyItemSpec> items;  // empty: the scenario counts no money
};

// The name of the item that every scenario with money adds last: the sum of its other items.
inline constexpr const char* kOperatingResult = "operating_result";

}  // namespace ws::model
