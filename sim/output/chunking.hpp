#pragma once
// The chunk shape of a results variable: one scenario and a batch of whole replication slabs per chunk, so
// the runner writes whole chunks (encoded on its worker threads) and a notebook reads a few replications at a
// time.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ws::output {

inline constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;  // OUTPUT.md: at most 1 MiB per chunk
// Replications batched into chunks of about 64 KiB. OUTPUT.md says a few hundred KiB; 256 KiB chunks made the
// runner's memory swing by 5.6 MB each time every variable's chunk completed at once (every 32 replications:
// the full chunks wait to be encoded while the next ones fill), and the highest of those swings grew with the
// run's length (BENCHMARKS.md, "Peak memory, sixth session"). Files are 3.8 % larger (128 KiB: 2.8 %, but
// the peak grew by 4.4 % from 100 to 10,000 replications instead of 2.6 %).
inline constexpr std::size_t kBatchChunkBytes = std::size_t{1} << 16;
// Also at most this many replications a chunk: from this many replications on, the chunks (and so the
// runner's buffers) do not depend on the number of replications.
inline constexpr std::size_t kMaxBatchReplications = 64;

// Dimensions named "scenario" and "replication" get 1, the others their whole size; while a chunk would
// exceed `max_bytes`, the leftmost dimension still above 1 is halved (rounding up). Then "replication" gets
// as many replications as fit in `batch_bytes` (at least 1, at most `max_batch` and its size), rounded down to a
// power of two. Every size must be at least 1.
std::vector<std::uint64_t> chunk_shape(std::span<const std::string> dims,
                                       std::span<const std::uint64_t> sizes, std::size_t element_bytes,
                                       std::size_t max_bytes = kMaxChunkBytes,
                                       std::size_t batch_bytes = kBatchChunkBytes,
                                       std::size_t max_batch = kMaxBatchReplications);

}  // namespace ws::output
