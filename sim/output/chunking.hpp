#pragma once
// The chunk shape of a results variable: one chunk per (scenario, replication), so the runner writes and a
// notebook reads a replication at a time, and compression works on whole slabs.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ws::output {

inline constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;  // OUTPUT.md: at most 1 MiB per chunk

// Dimensions named "scenario" and "replication" get 1, the others their whole size; while a chunk would
// exceed `max_bytes`, the leftmost dimension still above 1 is halved (rounding up). Every size must be at
// least 1.
std::vector<std::uint64_t> chunk_shape(std::span<const std::string> dims,
                                       std::span<const std::uint64_t> sizes, std::size_t element_bytes,
                                       std::size_t max_bytes = kMaxChunkBytes);

}  // namespace ws::output
