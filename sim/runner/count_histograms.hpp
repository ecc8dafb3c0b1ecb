#pragma once
// Exact quantiles of whole numbers (counts of persons) without keeping every value: per cell, how often each
// value between the smallest and the largest seen so far occurred (dense, 4 bytes a value). Memory grows with
// the range of values a cell takes (about the spread of the counts, which grows like the square root of the
// log of the number of replications), not with the number of replications, and the result does not depend on
// the order the values came in.
// The mean and the standard error come from exact integer totals per cell (the sum and the sum of squares),
// taken from the histogram itself, so they too are the same bits in any order of replications, in one run or
// recomputed by a merge.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace ws::runner {

// x as a count: a whole number that fits in int32 (else std::logic_error). Inline: the scatter of every
// count of every replication goes through it.
[[noreturn]] void throw_not_a_count();
inline std::int32_t whole_count(double x) {
  if (!(x >= -2147483648.0 && x <= 2147483647.0)) throw_not_a_count();  // NaN too
  const auto whole = static_cast<std::int32_t>(x);
  if (static_cast<double>(whole) != x) throw_not_a_count();
  return whole;
}

class CountHistograms {
 public:
  explicit CountHistograms(std::size_t cells);
  // One replication's values, one per cell.
  void add(std::span<const std::int32_t> values);
  // The same from doubles, each a whole number that fits in int32 (else std::logic_error).
  void add(std::span<const double> values);
  // Type 7 quantiles (as SummaryStore) of one cell: quantile q goes to out[q * stride].
  void quantiles(std::size_t cell, std::span<const double> probabilities, double* out,
                 std::size_t stride) const;
  // sum / n, rounded once; NaN without values.
  double mean(std::size_t cell) const;
  // sqrt((n * sum of squares - sum^2) / (n^2 (n - 1))), the numerator exact; NaN with fewer than 2 values.
  double standard_error(std::size_t cell) const;

 private:
  // Most cells take one value in every replication (a count that is structurally zero, or fixed): those keep
  // their one count inline, with no allocation of their own. Wider cells hold [value - low] on the heap, in
  // 16 bits until one of their counts would pass 65,535: those arrays were the memory that grew with the
  // replications (half of it at 10,000 replications, BENCHMARKS.md "Peak memory, sixth session").
  // 24 bytes: a baseline replication adds to 24,000 cells, and with 40-byte cells and running totals (the sum
  // and the sum of squares, 24 bytes more) their 1.5 MB did not stay in a core's cache from one replication to
  // the next (perf: this loop's time was mostly waiting for them).
  class Cell {
    void* counts_ = nullptr;  // first, so that the three counts and the flag below fill one 24-byte record

   public:
    std::int32_t low = 0;      // the value counted first
    std::uint32_t size = 0;    // how many values from low on; 0 before the first value
    std::uint32_t single = 0;  // the count of `low` while size == 1
    Cell() = default;
    Cell(Cell&& other) noexcept { *this = std::move(other); }
    Cell& operator=(Cell&& other) noexcept;
    ~Cell() { release(); }
    // [value - low] once size > 1: 16-bit counts while every count fits, 32-bit ones after that (or null).
    std::uint16_t* narrow() const { return wide_ ? nullptr : static_cast<std::uint16_t*>(counts_); }
    std::uint32_t* wide() const { return wide_ ? static_cast<std::uint32_t*>(counts_) : nullptr; }
    void set_narrow(std::unique_ptr<std::uint16_t[]> counts);
    void set_wide(std::unique_ptr<std::uint32_t[]> counts);
    std::uint32_t count(std::uint32_t i) const {
      return size == 1 ? single : wide_ ? static_cast<std::uint32_t*>(counts_)[i] : narrow()[i];
    }

   private:
    void release();
    bool wide_ = false;
  };
  static_assert(sizeof(Cell) == 24);
  // Widens the cell's range to hold x (exactly: no spare capacity).
  static void widen(Cell& cell, std::int32_t x);
  // Counts the value at index `at` of a cell with size > 1 whose 16-bit count there is full, or is wide.
  static void increment_wide(Cell& cell, std::size_t at);
  // The k-th smallest value (0-based) of a cell.
  double order_statistic(std::size_t cell, std::uint64_t k) const;
  __extension__ typedef __int128 Int128;  // GCC and clang; __extension__: no -Wpedantic warning
  // The sum of a cell's values and of their squares, exact: |value| < 2^31, squares < 2^62.
  void totals(std::size_t cell, Int128& sum, Int128& sum_of_squares) const;
  std::vector<Cell> cells_;
  std::uint64_t n_ = 0;
};

}  // namespace ws::runner
