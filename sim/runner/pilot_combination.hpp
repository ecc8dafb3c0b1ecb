#pragma once
// Combined pilots in `compare` (issue 12): a scenario of the file that adds to the baseline exactly what two or
// more other scenarios of the file add between them (alle-pilots and the single pilots) is their combination.
// For it, per year of the whole area: the sum of the single effects, the combined effect, and their difference
// (the interaction), the latter with a 95% interval over the common-random-number replications:
//   interaction_r = (combined_r - baseline_r) - sum_i (single_i,r - baseline_r).
// What a scenario adds: the money items and states with a non-zero whole-area mean that the baseline lacks
// (from money_region_mean and person_years_region_mean, the derived buig_vangnet aside; no scenario names are
// known here).
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"
#include "sim/runner/decision_statistics.hpp"
#include "sim/runner/paired_difference.hpp"

namespace ws::runner {

struct CombinationSeries {
  std::string name, units;  // "operating_result", "operating_result_cumulative", "in_work"
  // [year]: means of the paired differences against the baseline, and of the interaction with its interval
  std::vector<double> sum_of_singles, combined, interaction, interaction_lower, interaction_upper;
};

struct Combination {
  std::size_t combined = 0;          // scenario index
  std::vector<std::size_t> singles;  // scenario indices, in file order
  std::vector<CombinationSeries> series;
};

// What each scenario adds to the baseline (sorted names: "item:x", "state:y"); empty for the baseline.
std::vector<std::vector<std::string>> scenario_additions(const output::ResultsReader& file,
                                                         const Comparison& comparison);

// The combinations in the file (none when it holds no scenario made of others).
std::vector<Combination> find_combinations(const output::ResultsReader& file, const Comparison& comparison,
                                           const DecisionSettings& settings = {});

}  // namespace ws::runner
