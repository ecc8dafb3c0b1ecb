#pragma once
// Whole chunks encoded away from the writer: HDF5 serialises every call behind one lock, so the runner
// shuffles and deflates chunks on its worker threads (no HDF5 call here) and the writer only stores the bytes
// (ResultsWriter::write_chunk). The encoding is the one the dataset declares, so any HDF5 reader decodes it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ws::output {

// A chunked variable as stored: what encode_chunks needs to know, from ResultsWriter::chunk_layout.
struct ChunkLayout {
  std::vector<std::uint64_t> shape;  // the variable's dimension sizes
  std::vector<std::uint64_t> chunk;  // the chunk's sizes
  bool integer = false;              // int32, else float64
  int deflate_level = 1;             // after the byte shuffle
};

struct EncodedChunk {
  std::vector<std::uint64_t> offset;  // index of the chunk's first element
  std::vector<unsigned char> bytes;   // shuffled and deflated
};

// Encodes the slabs of `rows` consecutive indices of the last leading axis: `leading` fixes the first
// leading.size() indices, its last entry being the first of the rows; `data` is [row][remaining dims] in
// row-major order. The rows must fill whole chunks: the first row starts a chunk and the rows fill it or
// reach the end of the axis (the chunk's part past the end is padded with the fill value); axes before it
// have chunk size 1. Returns every chunk the rows cover, in row-major order of the chunk grid. Thread-safe.
std::vector<EncodedChunk> encode_chunks(const ChunkLayout& layout, std::span<const std::size_t> leading,
                                        std::size_t rows, std::span<const double> data);
std::vector<EncodedChunk> encode_chunks(const ChunkLayout& layout, std::span<const std::size_t> leading,
                                        std::size_t rows, std::span<const std::int32_t> data);

}  // namespace ws::output
