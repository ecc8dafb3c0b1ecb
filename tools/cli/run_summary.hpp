#pragma once
// The readable yearly summary printed after a run.
#include <ostream>

#include "sim/runner/run.hpp"

namespace ws::cli {

void print_run_summary(std::ostream& out, const runner::RunReport& report, const runner::RunOptions& options);

}  // namespace ws::cli
