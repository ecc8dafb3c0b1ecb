#pragma once
// Named parameter slots: every number a scenario gives a distribution becomes one slot, with the places in
// the scenario it sets written as plain data (a kind and indices), not as code. A replication draws one value
// per slot and applies the vector to its own compiled tables (CompiledModel::with_parameters); the spec
// itself is never copied per replication. Because targets are data, several modules may add targets to one
// slot or to one table (two pilots adding drawn places to the same state simply add up).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ws::model {

struct ScenarioSpec;

// What a drawn value sets. `object` is an index into the spec's list of that kind; the meaning of `k` and `g`
// depends on the kind (noted per kind); `factor` scales the value where the number is given in other units.
struct ParameterTarget {
  enum class Kind : std::uint8_t {
    state_mortality_multiplier,  // states[object]
    state_labour_years,          // states[object].labour_years_per_person_year
    transition_rate,             // transitions[object].rate
    transition_piece,         // transitions[object] clock g (sim/model/compiled_model.hpp Clock) .values[k]
    transition_gemeente,      // transitions[object].gemeente_multiplier[k]
    transition_sex,           // transitions[object].sex_multiplier[k]
    transition_group,         // transitions[object].group_multiplier[k]
    transition_mark,          // transitions[object].by_mark[k].factor
    transition_attribute,     // transitions[object].by_attribute[k].multiplier[g]
    arrival_rate,             // arrivals[object].rate[k .. k_end)[g] = value * factor
    arrival_rate_multiplier,  // arrivals[object].rate_multiplier
    arrival_share_women,      // arrivals[object].share_women
    arrival_age_weight,       // arrivals[object].age.weight[k]
    arrival_permit_lead_min,  // arrivals[object].permit_lead_min_years
    arrival_permit_lead_max,  // arrivals[object].permit_lead_max_years
    capacity_places,          // capacities[object].places[k .. k_end)[g]
    capacity_extra,           // capacities[object].extras[k].places
    mortality_gompertz_a,
    mortality_gompertz_b,
    mortality_women,
    mortality_level,
    aow_months_per_year_after,
    initial_count,            // initial_cells[object].count = value * factor
    money_amount,             // money.items[object].amount
    money_year_amount,        // money.items[object].year_amount[k]
    money_state_amount,       // money.items[object].state_amount[k]
    money_persons_per_unit,   // money.items[object].persons_per_unit
    money_multiplier,         // money.items[object].multiplier
    money_buig_trend,         // money.buig.national_trend
    money_buig_caseload,      // money.buig.national_caseload
    money_buig_taakstelling,  // money.buig.taakstelling
    money_cap_person_years,   // money.items[object].cap_person_years = value * factor
  };
  Kind kind = Kind::transition_rate;
  std::size_t object = 0;
  std::size_t k = 0;
  std::size_t k_end = 0;  // arrival_rate, capacity_places: rows [k, k_end); 0 means k + 1
  std::size_t g = 0;
  double factor = 1.0;
  std::size_t rows_end() const { return k_end > k ? k_end : k + 1; }
};

// A numeric parameter that carries uncertainty: each replication draws a value from `distribution`.
struct ParameterDistribution {
  enum class Kind { uniform, triangular, normal, lognormal, beta, choice } kind = Kind::uniform;
  // uniform: a=min b=max; triangular: a=min b=mode c=max; normal: a=mean b=sd (truncated to [lower, upper]);
  // lognormal: a=median b=sigma of log; beta: a=alpha b=beta scaled to [lower, upper]; choice:
  // values/weights.
  double a = 0, b = 0, c = 0;
  double lower = -1e300, upper = 1e300;
  std::vector<double> values, weights;
};

struct UncertainParameter {
  std::string name;  // the key path, e.g. "transitions.bijstand->regulier.rate": the slot's name
  std::string units;
  ParameterDistribution distribution;
  std::vector<ParameterTarget>
      targets;  // what the value sets (a slot without targets is drawn and stored only)
};

// Writes `value` wherever `target` points in `spec`. Used by validation and tests; replications apply their
// draws to compiled tables instead (CompiledModel::with_parameters), through the same per-object functions.
void apply_target(ScenarioSpec& spec, const ParameterTarget& target, double value);
void apply_parameter(ScenarioSpec& spec, const UncertainParameter& parameter, double value);

// The slot of that name, or null.
UncertainParameter* find_parameter(ScenarioSpec& spec, const std::string& name);

}  // namespace ws::model
