#pragma once
// Parameter uncertainty: each replication draws its own value of every uncertain parameter (one per named
// slot) and applies the vector to its own compiled tables (model::CompiledModel::with_parameters). A
// parameter's draw comes from a stream keyed by its name, so a baseline and a variant that share a parameter
// draw the same value in the same replication (common random numbers).
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/random.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/spec.hpp"

namespace ws::runner {

double draw_value(const model::ParameterDistribution& d, engine::RandomStream& rng);

// The drawn values of replication `replication`, in the order of spec.uncertain.
std::vector<double> draw_parameters(const model::ScenarioSpec& spec, std::uint64_t seed,
                                    std::uint64_t replication);

// The compiled model of one replication: `base` itself when nothing is uncertain, else a copy with the draws.
struct DrawnModel {
  std::optional<model::CompiledModel> own;
  const model::CompiledModel* model = nullptr;
  std::vector<double> values;
};
DrawnModel draw_model(const model::CompiledModel& base, std::uint64_t seed, std::uint64_t replication);

}  // namespace ws::runner
