#pragma once
// Parameter uncertainty: each replication draws its own value of every uncertain parameter and applies it to
// its own copy of the scenario. A parameter's draw comes from a stream keyed by its name, so a baseline and a
// variant that share a parameter draw the same value in the same replication (common random numbers).
#include <cstdint>
#include <vector>

#include "sim/engine/random.hpp"
#include "sim/model/spec.hpp"

namespace ws::runner {

double draw_value(const model::ParameterDistribution& d, engine::RandomStream& rng);

// The scenario of replication `replication`, with its drawn values (in the order of spec.uncertain).
struct DrawnScenario {
  model::ScenarioSpec spec;
  std::vector<double> values;
};
DrawnScenario draw_scenario(const model::ScenarioSpec& spec, std::uint64_t seed, std::uint64_t replication);

}  // namespace ws::runner
