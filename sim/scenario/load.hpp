#pragma once
// Reading a scenario: a TOML file (possibly extending another), its CSV data tables, validation, and the
// parameters that carry uncertainty. The keys are documented in docs/scenario-reference.md.
#include <filesystem>

#include "sim/model/spec.hpp"

namespace ws::scenario {

// Loads, merges (`extend`), reads and validates a scenario. Any problem throws ws::InputError with one line
// naming the file, the line where known, the key path and what was expected. `sources` receives the full text
// of every scenario file (base first) and data file used.
model::ScenarioSpec load_scenario(const std::filesystem::path& file);

}  // namespace ws::scenario
