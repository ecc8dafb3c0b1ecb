#pragma once
// The one-screen summary `compare` prints first: per scenario, for the whole area, the result, the persons in
// work and the bijstand-years with the mean, its 95% interval, the spread of the simulated futures (5%..95%),
// the chance of a gain, the cost per extra person in work and the break-even year.
#include <ostream>

#include "sim/runner/decision_statistics.hpp"
#include "sim/runner/paired_difference.hpp"

namespace ws::cli {

void print_decision_summary(std::ostream& out, const runner::Comparison& c,
                            const runner::DecisionStatistics& d);

}  // namespace ws::cli
