#include "sim/output/chunk_codec.hpp"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "sim/output/results_writer.hpp"

namespace ws::output {
namespace {

// The file types are little-endian int32 and float64: the bytes of native values, on the machines we build
// for.
static_assert(std::endian::native == std::endian::little);

std::uint64_t product(std::span<const std::uint64_t> sizes) {
  std::uint64_t n = 1;
  for (std::uint64_t s : sizes) n *= s;
  return n;
}

void check_rows(const ChunkLayout& layout, std::span<const std::size_t> leading, std::size_t rows,
                std::size_t values) {
  const std::size_t n = layout.shape.size();
  if (layout.chunk.size() != n) throw std::logic_error("encode_chunks: one chunk size per dimension");
  if (leading.empty() || leading.size() > n)
    throw std::logic_error("encode_chunks: expected 1 to " + std::to_string(n) + " leading indices");
  const std::size_t a = leading.size() - 1;
  for (std::size_t i = 0; i < a; ++i)
    if (leading[i] >= layout.shape[i] || layout.chunk[i] != 1)
      throw std::logic_error("encode_chunks: leading axis " + std::to_string(i) +
                             " must be in range with chunk size 1");
  const std::uint64_t first = leading[a], chunk = layout.chunk[a], size = layout.shape[a];
  if (rows == 0 || first % chunk != 0 || rows > chunk || first + rows > size ||
      (rows < chunk && first + rows != size))
    throw std::logic_error("encode_chunks: rows " + std::to_string(first) + " + " + std::to_string(rows) +
                           " do not fill a chunk of " + std::to_string(chunk) + " on an axis of " +
                           std::to_string(size));
  const std::uint64_t expected = rows * product(std::span(layout.shape).subspan(leading.size()));
  if (values != expected)
    throw std::logic_error("encode_chunks: " + std::to_string(values) + " values, expected " +
                           std::to_string(expected));
}

// HDF5's shuffle filter for elements of B bytes: byte j of element i goes to out[j * elements + i]. One pass
// over the elements (B byte planes written side by side) rather than B strided passes: 3% of a baseline run.
template <std::size_t B>
void shuffle_bytes(const unsigned char* data, std::size_t elements, unsigned char* out) {
  for (std::size_t i = 0; i < elements; ++i) {
    const unsigned char* element = data + i * B;
    for (std::size_t j = 0; j < B; ++j) out[j * elements + i] = element[j];
  }
}

// ISA-L's levels (0-3) for the zlib level the dataset declares. Any deflate stream decodes the same, so the
// declared level is only a speed/size choice; ISA-L's level 1 is what zlib level 1 asks for: fast.
int isal_level(int zlib_level) { return zlib_level <= 1 ? 1 : zlib_level <= 5 ? 2 : 3; }

// Level 1 with the small token buffer (64 Ki tokens, not 256 Ki): a baseline file 3.2% smaller (shorter blocks,
// each with its own code) for the same CPU time; the 1 Ki-token minimum cost 12% more (BENCHMARKS.md).
std::size_t isal_level_buffer(int level) {
  switch (level) {
    case 1:
      return ISAL_DEF_LVL1_SMALL;
    case 2:
      return ISAL_DEF_LVL2_DEFAULT;
    default:
      return ISAL_DEF_LVL3_DEFAULT;
  }
}

// ISA-L's AVX-512 code returns without `vzeroupper`; the dirty upper register state then slowed every SSE
// instruction of the simulation that followed on the thread (measured: the recorder's functions took twice the
// time, the whole run 10-15% more CPU than with libdeflate). So we clear it after each call.
__attribute__((target("avx"))) void zero_upper() { __builtin_ia32_vzeroupper(); }
void clear_upper_vector_state() {
  static const bool has_avx = __builtin_cpu_supports("avx");
  if (has_avx) zero_upper();
}

// Scratch that only grows: a vector resized down and up again between chunks of different sizes zeroed the
// difference every time (0.6 MB a baseline replication, callgrind), although every byte used is written first.
template <typename T>
void grow_to(std::vector<T>& scratch, std::size_t size) {
  if (scratch.size() < size) scratch.resize(size);
}

// HDF5's shuffle filter (byte j of every element together), then a zlib stream as its deflate filter expects.
// ISA-L (Intel's igzip, Debian libisal) rather than libdeflate or zlib: libdeflate's level 1 spent ~18% of a
// baseline run inserting every byte of the long zero runs of the count variables into its hash table; igzip
// level 1 is 4-8 times faster on these chunks for 3-9% more bytes (BENCHMARKS.md, "Compression with ISA-L").
std::vector<unsigned char> shuffle_deflate(const unsigned char* data, std::size_t elements,
                                           std::size_t element_bytes, int zlib_level) {
  // Scratch per thread, reused chunk after chunk; the result holds only the compressed bytes. (A fresh
  // buffer per chunk, and a result keeping the capacity of the compression bound, held about the uncompressed
  // size of every chunk in flight and churned the heap: BENCHMARKS.md, "Peak memory: what grows with the replications".)
  thread_local std::vector<unsigned char> shuffled, compressed, level_buffer;
  const std::size_t bytes = elements * element_bytes;
  grow_to(shuffled, bytes);
  if (element_bytes == 4)
    shuffle_bytes<4>(data, elements, shuffled.data());
  else if (element_bytes == 8)
    shuffle_bytes<8>(data, elements, shuffled.data());
  else
    for (std::size_t j = 0; j < element_bytes; ++j)
      for (std::size_t i = 0; i < elements; ++i) shuffled[j * elements + i] = data[i * element_bytes + j];
  if (bytes > std::numeric_limits<std::uint32_t>::max() / 2)  // ISA-L counts bytes in 32 bits
    throw std::runtime_error("encode_chunks: chunk of " + std::to_string(bytes) + " bytes is too large");
  const int level = isal_level(zlib_level);
  level_buffer.resize(isal_level_buffer(level));
  // Room for the worst case, stored blocks: 5 bytes per 64 KiB block, the zlib header and trailer.
  const std::size_t bound = bytes + 5 * (bytes / 65535 + 1) + 64;
  grow_to(compressed, bound);
  // Aligned to a cache line: ISA-L's code finds worse matches in a stream that is not (the same chunk came
  // out as 281 or 14,616 bytes depending on where the caller's stack put the stream; tests/unit/slab_sink_test).
  alignas(64) isal_zstream stream;
  isal_deflate_stateless_init(&stream);
  stream.level = static_cast<std::uint32_t>(level);
  stream.level_buf = level_buffer.data();
  stream.level_buf_size = static_cast<std::uint32_t>(level_buffer.size());
  stream.gzip_flag = IGZIP_ZLIB;
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  stream.next_in = shuffled.data();
  stream.avail_in = static_cast<std::uint32_t>(bytes);
  stream.next_out = compressed.data();
  stream.avail_out = static_cast<std::uint32_t>(bound);
  const int status = isal_deflate_stateless(&stream);
  clear_upper_vector_state();
  if (status != COMP_OK)
    throw std::runtime_error("encode_chunks: deflate failed (ISA-L status " + std::to_string(status) + ")");
  return {compressed.begin(), compressed.begin() + static_cast<std::ptrdiff_t>(stream.total_out)};
}

template <typename T>
std::vector<EncodedChunk> encode(const ChunkLayout& layout, std::span<const std::size_t> leading,
                                 std::size_t rows, std::span<const T> data, T fill) {
  if (layout.integer != std::is_integral_v<T>)
    throw std::logic_error(layout.integer ? "encode_chunks: int32 variable, expected int32 values"
                                          : "encode_chunks: float64 variable, expected doubles");
  check_rows(layout, leading, rows, data.size());
  const std::size_t a = leading.size() - 1;
  // The rows and the remaining axes: extents of the data, sizes of one chunk, in row-major order.
  std::vector<std::uint64_t> extent{rows}, size{layout.chunk[a]};
  extent.insert(extent.end(), layout.shape.begin() + static_cast<std::ptrdiff_t>(leading.size()),
                layout.shape.end());
  size.insert(size.end(), layout.chunk.begin() + static_cast<std::ptrdiff_t>(leading.size()),
              layout.chunk.end());
  const std::size_t m = extent.size();
  std::vector<std::uint64_t> source_stride(m, 1), chunk_stride(m, 1), grid(m, 1);
  for (std::size_t i = m - 1; i > 0; --i) {
    source_stride[i - 1] = source_stride[i] * extent[i];
    chunk_stride[i - 1] = chunk_stride[i] * size[i];
  }
  for (std::size_t i = 1; i < m; ++i) grid[i] = (extent[i] + size[i] - 1) / size[i];
  // The chunk spans every axis after run_axis whole, so its part of run_axis and the axes after it lie
  // together in the data as in the chunk: one copy.
  std::size_t run_axis = m - 1;
  while (run_axis > 0 && size[run_axis] == extent[run_axis]) --run_axis;

  std::vector<EncodedChunk> out;
  thread_local std::vector<T> buffer;  // one chunk, reused (see shuffle_deflate)
  const std::size_t chunk_elements = product(size);
  grow_to(buffer, chunk_elements);
  std::vector<std::uint64_t> cell(m, 0), origin(m, 0), inside(m, 0);
  std::vector<std::uint64_t> at(m, 0);  // chunk grid index; at[0] stays 0 (the rows make one chunk)
  // The chunk at `origin` (of `inside` cells along each axis) into the buffer, the rest of it the fill value.
  const auto copy_chunk = [&](bool partial) {
    if (partial) std::fill_n(buffer.begin(), chunk_elements, fill);
    // Copy runs for every index of the axes before run_axis inside the data. (One run per index of all but
    // the last axis cost 2.7% of a baseline run: the stock's last axis has 3 values.)
    std::fill(cell.begin(), cell.end(), 0);
    const std::uint64_t run = inside[run_axis] * source_stride[run_axis];
    for (;;) {
      std::uint64_t from = 0, to = 0;
      for (std::size_t i = 0; i <= run_axis; ++i) {
        from += (origin[i] + cell[i]) * source_stride[i];
        to += cell[i] * chunk_stride[i];
      }
      std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(from), run,
                  buffer.begin() + static_cast<std::ptrdiff_t>(to));
      std::size_t i = run_axis;
      while (i > 0 && ++cell[i - 1] == inside[i - 1]) cell[--i] = 0;
      if (i == 0) break;
    }
  };
  for (;;) {
    bool partial = false;  // a chunk past the end of an axis: the rest is the fill value
    for (std::size_t i = 0; i < m; ++i) {
      origin[i] = at[i] * size[i];
      inside[i] = std::min(size[i], extent[i] - origin[i]);
      partial = partial || inside[i] < size[i];
    }
    // A chunk that is one run of the data (the stock: a replication's whole slab) is compressed from there.
    const T* values = buffer.data();
    if (!partial && run_axis == 0)
      values = data.data() + origin[0] * source_stride[0];
    else
      copy_chunk(partial);
    EncodedChunk chunk;
    chunk.offset.assign(leading.begin(), leading.end());
    chunk.offset.insert(chunk.offset.end(), origin.begin() + 1, origin.end());
    chunk.bytes = shuffle_deflate(reinterpret_cast<const unsigned char*>(values), chunk_elements, sizeof(T),
                                  layout.deflate_level);
    out.push_back(std::move(chunk));
    std::size_t i = m;
    while (i > 1 && ++at[i - 1] == grid[i - 1]) at[--i] = 0;
    if (i == 1) break;
  }
  return out;
}

}  // namespace

std::vector<EncodedChunk> encode_chunks(const ChunkLayout& layout, std::span<const std::size_t> leading,
                                        std::size_t rows, std::span<const double> data) {
  return encode(layout, leading, rows, data, std::numeric_limits<double>::quiet_NaN());
}

std::vector<EncodedChunk> encode_chunks(const ChunkLayout& layout, std::span<const std::size_t> leading,
                                        std::size_t rows, std::span<const std::int32_t> data) {
  return encode(layout, leading, rows, data, kIntegerFill);
}

}  // namespace ws::output
