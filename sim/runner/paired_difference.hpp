#pragma once
// Paired differences between scenarios run with common random numbers: for each replication r the difference
// x[scenario, r] - x[baseline, r], summarised by its mean and a 95% t interval over replications. Streams
// through the results file one replication at a time.
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"

namespace ws::runner {

// Student's t quantile (two-sided 95%: probability 0.975) for `df` degrees of freedom.
double student_t_quantile(double probability, double df);

struct PairedDifference {
  std::string variable;           // "stock_year_end", "flow", "person_years", "money"
  std::vector<std::string> dims;  // (scenario, year, gemeente, <last>)
  std::vector<std::size_t> shape;
  // [scenario][year][gemeente][last], where gemeente index G (one past the last) is the whole area;
  // zero for the baseline itself.
  std::vector<double> mean, lower, upper;
  std::string units;
  std::string comment;  // the source variable's (money: what the euros are)
};

struct Comparison {
  std::string baseline;
  std::size_t replications = 0;
  std::vector<std::string> scenarios, years, gemeenten;
  std::vector<PairedDifference> differences;
};

// Throws ws::InputError when the baseline is not a scenario of the file or there is nothing to compare.
Comparison compare_scenarios(const output::ResultsReader& file, const std::string& baseline);

// Adds <variable>_diff_mean/_lower/_upper to the file (replacing those of an earlier comparison) atomically.
void write_comparison(const std::string& path, const Comparison& comparison);
// The same into an amended file the caller commits (to add more in one atomic replacement).
void write_comparison(output::ResultsWriter& writer, const Comparison& comparison);

}  // namespace ws::runner
