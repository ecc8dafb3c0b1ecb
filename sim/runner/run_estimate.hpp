#pragma once
// Before a run starts: about how many persons one replication creates and how much memory the run needs, so
// that a scenario that validates but cannot fit (inhabitants typed with extra digits, a count of 1e12) is
// refused with the estimate instead of growing until the machine runs out of memory.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/model/spec.hpp"

namespace ws::runner {

struct RunEstimate {
  double persons = 0;        // expected persons in the largest replication (initial plus arrivals)
  std::size_t scenario = 0;  // the scenario of that replication
  double bytes = 0;          // peak memory of the run with `concurrent` replications at a time
  std::size_t concurrent = 1;
};

RunEstimate estimate_run(const std::vector<model::ScenarioSpec>& specs, std::size_t concurrent);

// Memory this process may still use: the least of MemAvailable, the cgroup limit and RLIMIT_AS (bytes).
double available_memory_bytes();

// Throws ws::InputError naming the scenario file and the estimate when the run cannot fit in `available`
// bytes, or when a replication would hold more persons than the model can number.
void check_run_fits(const RunEstimate& estimate, const std::vector<std::string>& scenario_files,
                    double available);

}  // namespace ws::runner
