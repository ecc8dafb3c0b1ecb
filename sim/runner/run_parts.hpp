#pragma once
// A run that survives interruption: its replications are run as parts of `every` replications, each a complete
// results file written atomically into the folder "<out>.parts/"; at the end the parts are merged into <out>
// (sim/runner/merge.hpp) and the folder is removed. An interrupted run (a signal, kill -9, power loss) leaves
// the parts it finished; `resume` keeps those of the folder that belong to this run and runs only the others.
// The result equals an uninterrupted run's, whatever was interrupted where.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/runner/run.hpp"

namespace ws::runner {

std::filesystem::path parts_folder(const std::filesystem::path& out);

// Throws ws::InputError when the folder exists without `resume` (nothing there is lost), or holds a part of
// other inputs; ws::Interrupted when stopped (the finished parts stay).
RunReport run_in_parts(const std::vector<model::ScenarioSpec>& specs,
                       const std::vector<std::string>& scenario_files, const RunOptions& options,
                       std::size_t every, bool resume);

}  // namespace ws::runner
