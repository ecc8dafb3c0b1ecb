#pragma once
// What a board decides on: per pilot, year, gemeente and whole area, the spread of the per-replication paired
// differences (the predictive distribution of the outcome, not only the interval of its mean), the chance of a
// gain, the cost per extra person in work and per benefit-year avoided, and the break-even year. Computed from
// the same common-random-number pairs as compare_scenarios.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/runner/paired_difference.hpp"

namespace ws::runner {

struct DecisionSettings {
  std::string result_item = "operating_result";             // money item that is "the result"
  std::vector<std::string> work_states{"regulier", "lks"};  // "in work": a job at a regular employer
  std::vector<std::string> benefit_states{"bijstand"};      // a "bijstand-year" is a person-year in these
};

// One outcome's paired differences summarised per [scenario][year][gemeente + whole area] (index G: the area).
struct SeriesStatistics {
  std::string name, units, long_name;
  std::vector<double> mean, lower, upper;  // mean and its 95% t interval
  std::vector<double> p_positive;          // share of replications with a difference > 0
  std::vector<double> quantiles;           // [scenario][probability][year][gemeente + 1] of the differences
};

struct DecisionStatistics {
  std::vector<double> probabilities;  // of `quantiles`: the file's quantile coordinate
  std::vector<SeriesStatistics> series;
  // [scenario][year][gemeente + 1]: minus the cumulative result difference up to the year, per extra person in
  // work at the year's end and per benefit-year avoided up to the year (NaN where the divisor is ~0).
  std::vector<double> cost_per_extra_in_work, cost_per_benefit_year_avoided;
  // [scenario][gemeente + 1]: the first year from which the mean cumulative result difference stays >= 0;
  // NaN when it is still negative in the last year.
  std::vector<double> break_even_year;
  std::size_t scenarios = 0, years = 0, areas = 0;  // areas: gemeenten + 1

  // The series of that name ("operating_result", "operating_result_cumulative", "in_work", "benefit_years",
  // "benefit_years_cumulative"), or nullptr when the file lacks what it needs.
  const SeriesStatistics* find(const std::string& name) const;
  std::size_t at(std::size_t s, std::size_t y, std::size_t g) const { return (s * years + y) * areas + g; }
};

// `comparison` is compare_scenarios' answer for the same file (it has checked the baseline).
DecisionStatistics decision_statistics(const output::ResultsReader& file, const Comparison& comparison,
                                       const DecisionSettings& settings = {});

// Adds <series>_diff_{mean,lower,upper,p_positive,quantile} (and <series>_region_diff_...), cost_per_*,
// break_even_year (and _region) to an amended file; replaces those of an earlier comparison.
void write_decision_statistics(output::ResultsWriter& writer, const Comparison& comparison,
                               const DecisionStatistics& stats);

}  // namespace ws::runner
