#pragma once
// Exact quantiles of whole numbers (counts of persons) without keeping every value: per cell, how often each
// value occurred. Memory grows with the number of distinct values a cell takes, not with the number of
// replications, and the result does not depend on the order the values came in.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace ws::runner {

class CountHistograms {
 public:
  explicit CountHistograms(std::size_t cells);
  // One replication's values, one per cell; each a whole number that fits in int32 (else std::logic_error).
  void add(std::span<const double> values);
  // Type 7 quantiles (as SummaryStore) of one cell: quantile q goes to out[q * stride].
  void quantiles(std::size_t cell, std::span<const double> probabilities, double* out,
                 std::size_t stride) const;

 private:
  // The k-th smallest value (0-based) of a cell.
  double order_statistic(std::size_t cell, std::uint64_t k) const;
  std::vector<std::vector<std::pair<std::int32_t, std::uint32_t>>> counts_;  // [cell] sorted by value
  std::uint64_t n_ = 0;
};

}  // namespace ws::runner
