#include "sim/runner/slab_sink.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "sim/common/rounding.hpp"
#include "sim/runner/results_layout.hpp"

namespace ws::runner {

SlabSink::SlabSink(output::ResultsWriter& writer, std::vector<SinkVariable> variables, std::size_t scenarios,
                   std::size_t replications, std::size_t stored)
    : writer_(writer),
      variables_(std::move(variables)),
      scenarios_(scenarios),
      replications_(replications),
      stored_(std::min(stored, replications)),
      chunks_(variables_.size()),
      stores_(variables_.size()),
      open_(variables_.size()) {
  // Variables without cells are not chunked and have nothing to write. Axis 1 is the replication:
  // chunk[1] replications make one chunk.
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    if (variables_[v].cells > 0 && stored_ > 0) chunks_[v] = writer_.chunk_layout(variables_[v].name);
    // Whole-number variables keep a histogram per cell for their quantiles (the same quantiles as every
    // value; memory by the range of the counts, not by the replications: BENCHMARKS.md).
    if (variables_[v].summarised)
      stores_[v] = std::make_unique<SummaryStore>(scenarios_, replications_, variables_[v].cells, 64,
                                                  variables_[v].integer);
  }
}

std::shared_ptr<Batches> SlabSink::add(std::size_t scenario, std::size_t replication,
                                       const std::vector<std::vector<double>>& slabs) {
  std::shared_ptr<Batches> full;
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const std::vector<double>& slab = slabs[v];
    if (stores_[v]) stores_[v]->add(scenario, replication, slab);
    if (slab.empty() || replication >= stored_) continue;
    Batch& batch = open_[v];
    const bool integer = chunks_[v].integer;
    if (batch.rows == 0) {
      batch = {v, scenario, replication, 0, {}, {}, {}};
      if (integer)
        batch.counts.reserve(chunks_[v].chunk[1] * slab.size());
      else
        batch.values.reserve(chunks_[v].chunk[1] * slab.size());
    }
    if (integer)  // counts of persons: int32 compresses better and faster than float64
      std::transform(slab.begin(), slab.end(), std::back_inserter(batch.counts),
                     [](double x) { return static_cast<std::int32_t>(round_nearest(x)); });
    else
      batch.values.insert(batch.values.end(), slab.begin(), slab.end());
    if (++batch.rows < chunks_[v].chunk[1] && replication + 1 < stored_) continue;
    if (!full) full = std::make_shared<Batches>();
    full->push_back(std::move(batch));
    batch = {};
  }
  return full;
}

void SlabSink::encode(Batches& batches) const {
  for (Batch& batch : batches) {
    const output::ChunkLayout& layout = chunks_[batch.variable];
    const std::size_t leading[] = {batch.scenario, batch.first};
    if (layout.integer)
      batch.chunks =
          output::encode_chunks(layout, leading, batch.rows, std::span<const std::int32_t>(batch.counts));
    else
      batch.chunks =
          output::encode_chunks(layout, leading, batch.rows, std::span<const double>(batch.values));
    batch.values = {};
    batch.counts = {};
  }
}

void SlabSink::write(const Batches& batches) {
  for (const Batch& batch : batches)
    for (const output::EncodedChunk& chunk : batch.chunks)
      writer_.write_chunk(variables_[batch.variable].name, chunk);
}

void SlabSink::write_summaries(const SummaryCallback& seen, const std::function<void()>& stop) {
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    if (!stores_[v]) continue;
    stop();
    const std::string& name = variables_[v].name;
    for (std::size_t s = 0; s < scenarios_; ++s) {
      SummaryStore::Summary summary = stores_[v]->summarise(s, kQuantiles);
      const std::size_t leading[] = {s};
      writer_.write(name + "_mean", leading, summary.mean);
      writer_.write(name + "_se", leading, summary.se);
      writer_.write(name + "_quantile", leading, summary.quantiles);
      if (seen) seen(name, s, summary);
    }
  }
}

}  // namespace ws::runner
