#pragma once
// Summaries over replications (mean, standard error, quantiles) in memory that does not grow with the number
// of replications: means and variances are accumulated as replications stream past (in replication order, so
// the sums are the same whatever the thread count); for the quantiles every value is kept, as float, in an
// anonymous temporary file, blocked by replications and transposed so that all replications of a group of
// cells can be read back with a few large reads. Stores of whole numbers (`counts`) keep a histogram per cell
// instead (sim/runner/count_histograms.hpp): the same quantiles, no temporary file, memory by distinct values.
#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

#include "sim/runner/count_histograms.hpp"

namespace ws::runner {

class SummaryStore {
 public:
  SummaryStore(std::size_t scenarios, std::size_t replications, std::size_t cells, std::size_t block = 64,
               bool counts = false);
  ~SummaryStore();
  SummaryStore(const SummaryStore&) = delete;
  SummaryStore& operator=(const SummaryStore&) = delete;

  // Replications of a scenario must arrive in order 0, 1, 2, ...
  void add(std::size_t scenario, std::size_t replication, std::span<const double> values);
  // The same for a store of counts, from whole numbers.
  void add(std::size_t scenario, std::size_t replication, std::span<const std::int32_t> counts);

  struct Summary {
    std::vector<double> mean;  // [cell]
    std::vector<double> se;    // [cell], NaN with a single replication
    // [quantile][cell], linear interpolation between order statistics (type 7)
    std::vector<double> quantiles;
  };
  Summary summarise(std::size_t scenario, std::span<const double> probabilities);

 private:
  void flush_block(std::size_t scenario, std::size_t block);
  // Checks the cell count and the order; true when the replication goes to the histograms (a store of counts).
  bool admit(std::size_t replication, std::size_t cells);
  std::uint64_t block_offset(std::size_t scenario, std::size_t block) const;

  std::size_t scenarios_, replications_, cells_, block_;
  std::FILE* file_;
  std::vector<float> buffer_;  // [cell][replication within block]
  std::size_t buffered_ = 0;
  std::vector<double> mean_, m2_;            // [scenario][cell], Welford
  std::vector<CountHistograms> histograms_;  // [scenario], for counts only
};

}  // namespace ws::runner
