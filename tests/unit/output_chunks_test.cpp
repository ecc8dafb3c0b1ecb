// Whole chunks encoded off the writer (encode_chunks) and stored with write_chunk: HDF5 must read back the
// same values as from ordinary slab writes, for batched replications, a partial last batch and chunks split
// along an inner axis.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "sim/output/chunk_codec.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "tests/unit/output_test_support.hpp"

using namespace ws::output;
using ws::output::testing::ScratchDir;

namespace {

double value(std::size_t s, std::size_t r, std::size_t i) {
  return 1e6 * static_cast<double>(s) + 1e3 * static_cast<double>(r) + static_cast<double>(i) + 0.5;
}

std::vector<std::int32_t> index(std::size_t n) {
  std::vector<std::int32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int32_t>(i);
  return v;
}

// Writes `name` [scenario][replication][cell] batch by batch as the runner does.
void write_batched(ResultsWriter& w, const std::string& name, std::size_t scenarios, std::size_t replications,
                   std::size_t cells) {
  const ChunkLayout layout = w.chunk_layout(name);
  const std::size_t batch = layout.chunk[1];
  for (std::size_t s = 0; s < scenarios; ++s)
    for (std::size_t r0 = 0; r0 < replications; r0 += batch) {
      const std::size_t rows = std::min(batch, replications - r0);
      std::vector<double> doubles;
      for (std::size_t r = r0; r < r0 + rows; ++r)
        for (std::size_t i = 0; i < cells; ++i) doubles.push_back(value(s, r, i));
      const std::size_t leading[] = {s, r0};
      if (layout.integer) {
        const std::vector<std::int32_t> ints(doubles.begin(), doubles.end());
        for (const EncodedChunk& c : encode_chunks(layout, leading, rows, ints)) w.write_chunk(name, c);
      } else {
        for (const EncodedChunk& c : encode_chunks(layout, leading, rows, doubles)) w.write_chunk(name, c);
      }
    }
}

// Inflates a chunk and undoes the byte shuffle: `n` int32 values.
std::vector<std::int32_t> decode_ints(const EncodedChunk& c, std::size_t n) {
  std::vector<unsigned char> shuffled(n * 4 + 1);  // one byte more: a longer stream would show
  uLongf length = shuffled.size();
  REQUIRE(uncompress(shuffled.data(), &length, c.bytes.data(), c.bytes.size()) == Z_OK);
  REQUIRE(length == n * 4);
  std::vector<unsigned char> bytes(n * 4);
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t i = 0; i < n; ++i) bytes[i * 4 + j] = shuffled[j * n + i];
  std::vector<std::int32_t> out(n);
  std::memcpy(out.data(), bytes.data(), bytes.size());
  return out;
}

}  // namespace

TEST_CASE("chunks encoded off the writer read back as written", "[output]") {
  ScratchDir dir;
  const auto path = dir / "chunks.nc";
  const std::size_t S = 2, R = 1000, small = 100, large = 150001;
  {
    ResultsWriter w(path);
    w.add_dimension({"scenario", std::vector<std::string>{"a", "b"}, {}});
    w.add_dimension({"replication", index(R), {}});
    w.add_dimension({"cell", index(small), {}});
    w.add_dimension({"big", index(large), {}});
    w.add_dimension({"few", index(3), {}});
    w.add_variable({"small", {"scenario", "replication", "cell"}, "1", "small slabs", false, {}});
    w.add_variable({"counts", {"scenario", "replication", "cell"}, "1", "int32 slabs", true, {}});
    w.add_variable({"events", {"scenario", "replication"}, "1", "one value each", false, {}});
    w.add_variable({"large", {"scenario", "few", "big"}, "1", "split along big", false, {}});
    // Batches of 64 replications, the last one partial.
    CHECK(w.chunk_layout("small").chunk == std::vector<std::uint64_t>{1, 64, small});
    CHECK(w.chunk_layout("events").chunk == std::vector<std::uint64_t>{1, 64});
    CHECK(w.chunk_layout("large").chunk == std::vector<std::uint64_t>{1, 1, 75001});
    write_batched(w, "small", S, R, small);
    write_batched(w, "counts", S, R, small);
    write_batched(w, "events", S, R, 1);
    // One scenario only: scenario 1 stays unwritten (fill values).
    const ChunkLayout big = w.chunk_layout("large");
    for (std::size_t f = 0; f < 3; ++f) {
      std::vector<double> row(large);
      for (std::size_t i = 0; i < large; ++i) row[i] = value(0, f, i);
      const std::size_t leading[] = {0, f};
      const auto chunks = encode_chunks(big, leading, 1, row);
      REQUIRE(chunks.size() == 2);
      CHECK(chunks[1].offset == std::vector<std::uint64_t>{0, f, 75001});
      for (const EncodedChunk& c : chunks) w.write_chunk("large", c);
    }
    w.commit();
  }
  ResultsReader r(path);
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t rep :
         {std::size_t{0}, std::size_t{63}, std::size_t{64}, std::size_t{960}, std::size_t{999}}) {
      const std::size_t leading[] = {s, rep};
      const auto small_values = r.read("small", leading);
      const auto counts = r.read("counts", leading);
      REQUIRE(small_values.size() == small);
      for (std::size_t i = 0; i < small; ++i) {
        CHECK(small_values[i] == value(s, rep, i));
        CHECK(counts[i] == static_cast<double>(static_cast<std::int32_t>(value(s, rep, i))));
      }
      CHECK(r.read("events", leading) == std::vector<double>{value(s, rep, 0)});
    }
  for (std::size_t f = 0; f < 3; ++f) {
    const std::size_t first[] = {0, f}, second[] = {1, f};
    const auto row = r.read("large", first);
    CHECK(row.front() == value(0, f, 0));
    CHECK(row[75001] == value(0, f, 75001));
    CHECK(row.back() == value(0, f, large - 1));
    CHECK(std::isnan(r.read("large", second).front()));
  }
}

TEST_CASE("encoded chunks are HDF5's shuffle and deflate, padded with the fill value", "[output]") {
  // 3 rows of a chunk of 4 (the end of the axis), 2 x 3 cells split as 2 x 2 chunks.
  const ChunkLayout layout{{1, 7, 2, 3}, {1, 4, 2, 2}, true, 1};
  std::vector<std::int32_t> data(3 * 6);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::int32_t>(i) + 1;
  const std::size_t leading[] = {0, 4};
  const auto chunks = encode_chunks(layout, leading, 3, data);
  REQUIRE(chunks.size() == 2);
  CHECK(chunks[0].offset == std::vector<std::uint64_t>{0, 4, 0, 0});
  CHECK(chunks[1].offset == std::vector<std::uint64_t>{0, 4, 0, 2});
  const auto decode = [](const EncodedChunk& c) { return decode_ints(c, 16); };
  const std::int32_t F = kIntegerFill;
  CHECK(decode(chunks[0]) == std::vector<std::int32_t>{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, F, F, F, F});
  CHECK(decode(chunks[1]) == std::vector<std::int32_t>{3, F, 6, F, 9, F, 12, F, 15, F, 18, F, F, F, F, F});
  // Rows that do not fill a chunk, away from the end of the axis, are refused.
  const std::size_t middle[] = {0, 0};
  CHECK_THROWS_AS(encode_chunks(layout, middle, 3, data), std::logic_error);
  const std::size_t unaligned[] = {0, 3};
  CHECK_THROWS_AS(encode_chunks(layout, unaligned, 3, data), std::logic_error);
  const std::vector<double> doubles(data.begin(), data.end());
  CHECK_THROWS_AS(encode_chunks(layout, leading, 3, doubles), std::logic_error);
}

TEST_CASE("a chunk spanning its trailing axes whole is copied as one run, padded past the end", "[output]") {
  // 3 rows of a chunk of 4 rows at the end of the axis; the chunk holds the 2 x 3 cells whole.
  const ChunkLayout layout{{1, 7, 2, 3}, {1, 4, 2, 3}, true, 1};
  std::vector<std::int32_t> data(3 * 6);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::int32_t>(i) + 1;
  const std::size_t leading[] = {0, 4};
  const auto chunks = encode_chunks(layout, leading, 3, data);
  REQUIRE(chunks.size() == 1);
  std::vector<std::int32_t> expected = data;
  expected.resize(24, kIntegerFill);
  CHECK(decode_ints(chunks[0], 24) == expected);
}

TEST_CASE("chunks that deflate cannot shrink still decode, from one value to a million", "[output]") {
  // Uniform random 32-bit values: the compressed stream must fall back to stored blocks within the buffer.
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (const std::uint64_t n : {1ull, 7ull, 16384ull, 16385ull, 1000000ull}) {
    const ChunkLayout layout{{1, 1, n}, {1, 1, n}, true, 1};
    std::vector<std::int32_t> data(n);
    for (auto& v : data) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      v = static_cast<std::int32_t>(x >> 32);
    }
    const std::size_t leading[] = {0, 0};
    const auto chunks = encode_chunks(layout, leading, 1, data);
    REQUIRE(chunks.size() == 1);
    CHECK(chunks[0].bytes.size() >= n * 4);  // nothing to gain: stored, not shrunk
    CHECK(decode_ints(chunks[0], n) == data);
  }
}
