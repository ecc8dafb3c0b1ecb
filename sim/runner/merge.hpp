#pragma once
// `werkstroom merge`: part files of one run (the same inputs, version and commit; replications that together
// make 0 ... R-1 exactly once) into one results file. Per-replication data are copied by replication number
// and every summary is recomputed in replication order by the same code as `run` (sim/runner/slab_sink.hpp),
// so the data variables equal a single run's bit for bit. Written atomically like a run.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/runner/run.hpp"

namespace ws::runner {

struct MergeOptions {
  std::vector<std::filesystem::path> parts;
  std::filesystem::path out;
  std::string command_line;    // for the history attribute
  std::optional<int> threads;  // encoding threads (default: all)
};

// Throws ws::InputError (one line) for parts that do not make one run, or a damaged part; ws::Interrupted when
// stopped by a signal. No file is left in either case. The report has the summaries and events, no layout.
RunReport merge_parts(const MergeOptions& options);

}  // namespace ws::runner
