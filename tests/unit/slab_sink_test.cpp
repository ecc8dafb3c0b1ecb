// The sink's two ways of taking a replication (sim/runner/slab_sink.hpp): its values, gathered into chunks of
// several replications and encoded on the way to the writer, or, for a variable with one replication a chunk,
// chunks the simulating thread encoded already (encode_alone). Both must give the writer the same bytes, and
// a summarised variable must still reach its summaries.
#include "sim/runner/slab_sink.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/output/results_writer.hpp"
#include "tests/unit/output_test_support.hpp"

using namespace ws;
using ws::output::testing::ScratchDir;

namespace {

constexpr std::size_t kReplications = 3, kWide = 20'000, kNarrow = 5;

std::vector<std::int32_t> index(std::size_t n) {
  std::vector<std::int32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int32_t>(i);
  return v;
}

// A file with "wide" (20,000 int32 a replication: one replication a chunk, summarised) and "narrow" (5
// doubles: all replications in one chunk), both [scenario][replication][cell].
void define(output::ResultsWriter& w) {
  w.add_dimension({"scenario", std::vector<std::string>{"a"}, {}});
  w.add_dimension({"replication", index(kReplications), {}});
  w.add_dimension({"wide_cell", index(kWide), {}});
  w.add_dimension({"narrow_cell", index(kNarrow), {}});
  w.add_variable({"wide", {"scenario", "replication", "wide_cell"}, "1", "counts", true, {}});
  w.add_variable({"narrow", {"scenario", "replication", "narrow_cell"}, "1", "values", false, {}});
  w.add_dimension({"quantile", index(5), {}});  // the summaries of "wide"
  w.add_variable({"wide_mean", {"scenario", "wide_cell"}, "1", "mean", false, {}});
  w.add_variable({"wide_se", {"scenario", "wide_cell"}, "1", "standard error", false, {}});
  w.add_variable({"wide_quantile", {"scenario", "quantile", "wide_cell"}, "1", "quantiles", false, {}});
}

const std::vector<runner::SinkVariable> kVariables{{"wide", kWide, true, true},
                                                   {"narrow", kNarrow, false, false}};

std::vector<double> wide_values(std::size_t r) {
  std::vector<double> v(kWide);
  for (std::size_t i = 0; i < kWide; ++i) v[i] = static_cast<double>((i * 7 + r * 13) % 50);
  return v;
}

// Every chunk the sink hands the writer, in order: [chunk] bytes of "wide".
std::vector<std::vector<unsigned char>> wide_chunks(bool encoded_alone, const std::filesystem::path& path) {
  output::ResultsWriter w(path);
  define(w);
  runner::SlabSink sink(w, kVariables, 1, kReplications, kReplications);
  REQUIRE(sink.chunk_per_replication(0));
  REQUIRE_FALSE(sink.chunk_per_replication(1));
  std::vector<std::vector<unsigned char>> out;
  for (std::size_t r = 0; r < kReplications; ++r) {
    std::vector<runner::Slab> slabs(2);
    runner::store_slab(kVariables[0], wide_values(r), slabs[0]);
    runner::store_slab(kVariables[1], std::vector<double>(kNarrow, 0.25 * static_cast<double>(r)), slabs[1]);
    if (encoded_alone) sink.encode_alone(0, 0, r, slabs[0]);
    const std::shared_ptr<runner::Batches> full = sink.add(0, r, slabs);
    REQUIRE(full);  // "wide" completes a chunk every replication
    sink.encode(*full);
    for (const runner::Batch& b : *full)
      if (b.variable == 0)
        for (const output::EncodedChunk& c : b.chunks) out.push_back(c.bytes);
    sink.write(*full);
  }
  std::vector<double> means;
  sink.write_summaries(
      [&](const std::string& name, std::size_t, runner::SummaryStore::Summary& s) {
        if (name == "wide") means = s.mean;
      },
      [] {});
  // The summaries saw the values either way: cell 0 takes 0, 13 and 26.
  REQUIRE(means.size() == kWide);
  CHECK(means[0] == 13.0);
  w.commit();
  return out;
}

}  // namespace

TEST_CASE("a slab encoded where it was simulated reaches the writer as the chunks the sink would encode",
          "[runner][output]") {
  ScratchDir dir;
  const auto by_sink = wide_chunks(false, dir / "sink.nc");
  const auto alone = wide_chunks(true, dir / "alone.nc");
  REQUIRE(by_sink.size() == kReplications);
  REQUIRE(alone.size() == kReplications);
  for (std::size_t r = 0; r < kReplications; ++r) {
    INFO("replication " << r << ": " << alone[r].size() << " against " << by_sink[r].size() << " bytes");
    CHECK(alone[r] == by_sink[r]);
  }
}

TEST_CASE("slabs of whole-number variables take whole numbers only", "[runner]") {
  runner::Slab slab;
  runner::store_slab(kVariables[0], std::vector<double>{3, -2, 0}, slab);
  CHECK(slab.counts == std::vector<std::int32_t>{3, -2, 0});
  CHECK(slab.values.empty());
  CHECK_THROWS_AS(runner::store_slab(kVariables[0], std::vector<double>{0.5}, slab), std::logic_error);
  CHECK_THROWS_AS(runner::store_slab(kVariables[0], std::vector<double>{3e9}, slab), std::logic_error);
  runner::store_slab(kVariables[1], std::vector<double>{0.5}, slab);
  CHECK(slab.values == std::vector<double>{0.5});
}
