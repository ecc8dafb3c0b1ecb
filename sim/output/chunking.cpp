#include "sim/output/chunking.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace ws::output {

std::vector<std::uint64_t> chunk_shape(std::span<const std::string> dims,
                                       std::span<const std::uint64_t> sizes, std::size_t element_bytes,
                                       std::size_t max_bytes, std::size_t batch_bytes,
                                       std::size_t max_batch) {
  if (dims.size() != sizes.size()) throw std::invalid_argument("chunk_shape: one size per dimension");
  std::vector<std::uint64_t> chunk(sizes.begin(), sizes.end());
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (sizes[i] == 0) throw std::invalid_argument("chunk_shape: dimension " + dims[i] + " has size 0");
    if (dims[i] == "scenario" || dims[i] == "replication") chunk[i] = 1;
  }
  const auto bytes = [&] {
    std::uint64_t total = element_bytes;
    for (std::uint64_t c : chunk) total *= c;
    return total;
  };
  std::size_t axis = 0;
  while (bytes() > max_bytes && axis < chunk.size()) {
    if (chunk[axis] == 1) {
      ++axis;
      continue;
    }
    chunk[axis] = (chunk[axis] + 1) / 2;
  }
  // Replications batched up to `batch_bytes`: fewer, larger chunks cost the writer fewer HDF5 calls and keep
  // the chunk index small. A power of two, so that every variable's batches end at the same replications
  // (multiples of the largest batch): the runner's buffers then peak alike in a short and a long run, instead
  // of variables with unrelated batch sizes completing together by chance more often the longer the run.
  for (std::size_t i = 0; i < dims.size(); ++i)
    if (dims[i] == "replication")
      chunk[i] = std::bit_floor(
          std::clamp<std::uint64_t>(batch_bytes / bytes(), 1, std::min<std::uint64_t>(max_batch, sizes[i])));
  return chunk;
}

}  // namespace ws::output
