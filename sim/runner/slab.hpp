#pragma once
// One replication's values of one per-replication variable, as the runner keeps them between the simulation
// and the writer: whole-number variables (counts of persons) as int32 in `counts`, half the memory of doubles
// and the type the file stores; the others as double in `values`.
#include <cstdint>
#include <vector>

#include "sim/output/chunk_codec.hpp"

namespace ws::runner {

struct Slab {
  std::vector<double> values;
  std::vector<std::int32_t> counts;
  // The replication's chunks, already encoded, when its variable has one replication a chunk
  // (SlabSink::encode_alone): then the values are there only if the summaries need them.
  std::vector<output::EncodedChunk> chunks;
};

}  // namespace ws::runner
