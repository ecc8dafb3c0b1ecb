#pragma once
// The writing end of a run or a merge. Replications arrive in order, one slab per variable: the summaries'
// sums take every one, the first `stored` replications are gathered into whole chunks (along the replication
// axis), encoded on any thread and stored as they are by the single writer thread. Once every replication has
// arrived, the summaries are written. The same code serves `run` and `merge`, which is what makes a merged file
// equal to a single run.
#include <oneapi/tbb/parallel_pipeline.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/output/results_writer.hpp"
#include "sim/runner/pipeline_failure.hpp"
#include "sim/runner/slab.hpp"
#include "sim/runner/summary_store.hpp"

namespace ws::runner {

// A per-replication variable as the sink sees it: dims (scenario, replication, ...) and `cells` values a slab.
struct SinkVariable {
  std::string name;
  std::size_t cells = 0;
  bool summarised = false;  // gets NAME_mean, NAME_se and NAME_quantile
  bool integer = false;     // whole numbers (counts of persons)
};

// Stores `values` in `slab` in the variable's type; a whole-number variable's values must be whole numbers
// that fit in int32 (else std::logic_error).
void store_slab(const SinkVariable& variable, std::span<const double> values, Slab& slab);

// Consecutive replications of one variable and scenario that make one chunk along the replication axis.
struct Batch {
  std::size_t variable = 0, scenario = 0, first = 0, rows = 0;
  std::vector<double> values;        // [row][cell], for float variables
  std::vector<std::int32_t> counts;  // [row][cell], for whole-number variables: half the memory of doubles
  std::vector<output::EncodedChunk> chunks;
};
using Batches = std::vector<Batch>;

class SlabSink {
 public:
  // `replications` of each of `scenarios` arrive and are summarised; the first `stored` of them are written.
  SlabSink(output::ResultsWriter& writer, std::vector<SinkVariable> variables, std::size_t scenarios,
           std::size_t replications, std::size_t stored);

  // Serially, scenario by scenario, replications 0, 1, ... (counted within this file); slabs[v] holds
  // variables[v].cells values (store_slab), or its encoded chunks (encode_alone) and the values only if
  // summarised. Returns the batches this replication completed (null when none); encoded chunks move there.
  std::shared_ptr<Batches> add(std::size_t scenario, std::size_t replication, std::vector<Slab>& slabs);
  // Whether a replication (counted within this file) is written, not only summarised.
  bool stores(std::size_t replication) const { return replication < stored_; }
  bool summarises(std::size_t variable) const { return stores_[variable] != nullptr; }
  // Whether one replication of the variable fills its chunks alone: then the thread that simulated it can
  // encode them (encode_alone), and its values need not wait in the ordered stage for the next replications.
  bool chunk_per_replication(std::size_t variable) const;
  // Encodes the slab's values, of a stored replication of a chunk_per_replication variable, into slab.chunks.
  // On any thread.
  void encode_alone(std::size_t variable, std::size_t scenario, std::size_t replication, Slab& slab) const;
  // On any thread.
  void encode(Batches& batches) const;
  // Serially, in the order add() returned them.
  void write(const Batches& batches);

  using SummaryCallback =
      std::function<void(const std::string& variable, std::size_t scenario, SummaryStore::Summary& summary)>;
  // After the last add(): writes every summary, calling `seen` with each before it is dropped. `stop` is
  // called between variables (e.g. to throw when interrupted).
  void write_summaries(const SummaryCallback& seen, const std::function<void()>& stop);

  const std::vector<SinkVariable>& variables() const { return variables_; }

 private:
  void write_encoded(const std::string& variable, std::span<const std::size_t> leading,
                     std::span<const double> values);

  output::ResultsWriter& writer_;
  std::vector<SinkVariable> variables_;
  std::size_t scenarios_, replications_, stored_;
  std::vector<output::ChunkLayout> chunks_;
  std::vector<std::unique_ptr<SummaryStore>> stores_;
  Batches open_;  // rows collected towards each variable's next chunk
};

// The pipeline stage that encodes completed batches on any thread (run and merge alike): after a failure
// elsewhere in the pipeline it lets them pass (pipeline_failure.hpp).
inline tbb::filter<std::shared_ptr<Batches>, std::shared_ptr<Batches>> encode_filter(
    const SlabSink& sink, PipelineFailure& failure) {
  return tbb::make_filter<std::shared_ptr<Batches>, std::shared_ptr<Batches>>(
      tbb::filter_mode::parallel, [&sink, &failure](std::shared_ptr<Batches> full) {
        if (full && !failure.failed()) failure.guard([&] { sink.encode(*full); });
        return full;
      });
}

}  // namespace ws::runner
