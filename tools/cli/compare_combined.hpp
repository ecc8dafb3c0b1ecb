#pragma once
// The part of `compare` for combined pilots: for each scenario of the file made of others (alle-pilots and the
// single pilots, sim/runner/pilot_combination.hpp), per year for the whole area the sum of the single effects,
// the combined effect and the interaction with its 95% interval.
#include <ostream>
#include <vector>

#include "sim/runner/paired_difference.hpp"
#include "sim/runner/pilot_combination.hpp"

namespace ws::cli {

void print_combinations(std::ostream& out, const runner::Comparison& c,
                        const std::vector<runner::Combination>& combinations);

}  // namespace ws::cli
