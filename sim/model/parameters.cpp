#include "sim/model/parameters.hpp"

#include <stdexcept>

#include "sim/model/parameter_targets.hpp"
#include "sim/model/spec.hpp"

namespace ws::model {
namespace {

// The spec's own objects, for applying a value to a spec in place.
struct SpecObjects {
  ScenarioSpec& spec;
  StateSpec& state(std::size_t i) { return spec.states.at(i); }
  TransitionSpec& transition(std::size_t i) { return spec.transitions.at(i); }
  ArrivalSpec& arrival(std::size_t i) { return spec.arrivals.at(i); }
  CapacitySpec& capacity(std::size_t i) { return spec.capacities.at(i); }
  MortalitySpec& mortality() { return spec.mortality; }
  AowSpec& aow() { return spec.aow; }
  InitialCell& initial_cell(std::size_t i) { return spec.initial_cells.at(i); }
  MoneyItemSpec& money_item(std::size_t i) { return spec.money.items.at(i); }
  MoneySpec& money() { return spec.money; }
};

}  // namespace

void apply_target(ScenarioSpec& spec, const ParameterTarget& target, double value) {
  SpecObjects objects{spec};
  apply_target_to(objects, target, value);
}

void apply_parameter(ScenarioSpec& spec, const UncertainParameter& parameter, double value) {
  for (const auto& t : parameter.targets) apply_target(spec, t, value);
}

UncertainParameter* find_parameter(ScenarioSpec& spec, const std::string& name) {
  for (auto& u : spec.uncertain)
    if (u.name == name) return &u;
  return nullptr;
}

}  // namespace ws::model
