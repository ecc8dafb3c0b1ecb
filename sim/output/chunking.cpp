#include "sim/output/chunking.hpp"

#include <stdexcept>

namespace ws::output {

std::vector<std::uint64_t> chunk_shape(std::span<const std::string> dims,
                                       std::span<const std::uint64_t> sizes, std::size_t element_bytes,
                                       std::size_t max_bytes) {
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
  return chunk;
}

}  // namespace ws::output
