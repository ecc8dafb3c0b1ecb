#include "sim/runner/slab_sink.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

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

void store_slab(const SinkVariable& variable, std::span<const double> values, Slab& slab) {
  if (!variable.integer) {
    slab.values.assign(values.begin(), values.end());
    return;
  }
  slab.counts.resize(values.size());
  std::transform(values.begin(), values.end(), slab.counts.begin(), whole_count);
}

bool SlabSink::chunk_per_replication(std::size_t variable) const {
  return variables_[variable].cells > 0 && stored_ > 0 && chunks_[variable].chunk[1] == 1;
}

void SlabSink::encode_alone(std::size_t variable, std::size_t scenario, std::size_t replication,
                            Slab& slab) const {
  if (!chunk_per_replication(variable) || !stores(replication))
    throw std::logic_error("SlabSink: " + variables_[variable].name + " is not encoded alone");
  const std::size_t leading[] = {scenario, replication};
  if (chunks_[variable].integer)
    slab.chunks =
        output::encode_chunks(chunks_[variable], leading, 1, std::span<const std::int32_t>(slab.counts));
  else
    slab.chunks = output::encode_chunks(chunks_[variable], leading, 1, std::span<const double>(slab.values));
}

std::shared_ptr<Batches> SlabSink::add(std::size_t scenario, std::size_t replication,
                                       std::vector<Slab>& slabs) {
  std::shared_ptr<Batches> full;
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    const bool integer = variables_[v].integer;
    const std::size_t cells = integer ? slabs[v].counts.size() : slabs[v].values.size();
    if (stores_[v]) {
      if (integer)
        stores_[v]->add(scenario, replication, std::span<const std::int32_t>(slabs[v].counts));
      else
        stores_[v]->add(scenario, replication, std::span<const double>(slabs[v].values));
    }
    if (replication >= stored_) continue;
    if (!slabs[v].chunks.empty()) {  // encoded where it was simulated: a whole batch of its own
      if (!full) full = std::make_shared<Batches>();
      full->push_back({v, scenario, replication, 1, {}, {}, std::move(slabs[v].chunks)});
      slabs[v].chunks.clear();
      continue;
    }
    if (cells == 0) continue;
    if (integer != chunks_[v].integer)
      throw std::logic_error("SlabSink: " + variables_[v].name + " is not of the file's type");
    Batch& batch = open_[v];
    if (batch.rows == 0) {
      batch = {v, scenario, replication, 0, {}, {}, {}};
      if (integer)
        batch.counts.reserve(chunks_[v].chunk[1] * cells);
      else
        batch.values.reserve(chunks_[v].chunk[1] * cells);
    }
    if (integer)  // counts of persons: int32 compresses better and faster than float64
      batch.counts.insert(batch.counts.end(), slabs[v].counts.begin(), slabs[v].counts.end());
    else
      batch.values.insert(batch.values.end(), slabs[v].values.begin(), slabs[v].values.end());
    if (++batch.rows < chunks_[v].chunk[1] && replication + 1 < stored_) continue;
    if (!full) full = std::make_shared<Batches>();
    full->push_back(std::move(batch));
    batch = {};
  }
  return full;
}

void SlabSink::encode(Batches& batches) const {
  for (Batch& batch : batches) {
    if (!batch.chunks.empty()) continue;  // encoded already (encode_alone)
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

// A scenario's whole slab of a summary variable (chunked one scenario a chunk, like every variable), encoded
// here and stored as it is: through HDF5's own deflate filter, which sets up zlib afresh for every chunk, the
// summaries took a sixth of the time a one-replication run spent on its results file (bench cohort).
void SlabSink::write_encoded(const std::string& variable, std::span<const std::size_t> leading,
                             std::span<const double> values) {
  if (values.empty()) return;
  for (const output::EncodedChunk& chunk :
       output::encode_chunks(writer_.chunk_layout(variable), leading, 1, values))
    writer_.write_chunk(variable, chunk);
}

void SlabSink::write_summaries(const SummaryCallback& seen, const std::function<void()>& stop) {
  for (std::size_t v = 0; v < variables_.size(); ++v) {
    if (!stores_[v]) continue;
    stop();
    const std::string& name = variables_[v].name;
    for (std::size_t s = 0; s < scenarios_; ++s) {
      SummaryStore::Summary summary = stores_[v]->summarise(s, kQuantiles);
      const std::size_t leading[] = {s};
      write_encoded(name + "_mean", leading, summary.mean);
      write_encoded(name + "_se", leading, summary.se);
      write_encoded(name + "_quantile", leading, summary.quantiles);
      if (seen) seen(name, s, summary);
    }
  }
}

}  // namespace ws::runner
