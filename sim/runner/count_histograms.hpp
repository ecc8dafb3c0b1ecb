#pragma once
// Exact quantiles of whole numbers (counts of persons) without keeping every value: per cell, how often each
// value between the smallest and the largest seen so far occurred (dense, 4 bytes a value). Memory grows with
// the range of values a cell takes (about the spread of the counts, which grows like the square root of the
// log of the number of replications), not with the number of replications, and the result does not depend on
// the order the values came in.
#include <cstdint>
#include <span>
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
  struct Cell {
    std::int32_t low = 0;               // the value counted by counts[0]
    std::vector<std::uint32_t> counts;  // [value - low], empty before the first value
  };
  // Widens the cell's range to hold x (exactly: no spare capacity).
  static void widen(Cell& cell, std::int32_t x);
  // The k-th smallest value (0-based) of a cell.
  double order_statistic(std::size_t cell, std::uint64_t k) const;
  std::vector<Cell> cells_;
  std::uint64_t n_ = 0;
};

}  // namespace ws::runner
