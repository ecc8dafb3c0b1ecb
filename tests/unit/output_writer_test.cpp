// The results writer and reader: round trip of every dimension type, atomic commit, amend, and refusal of
// files that are not werkstroom results.
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "sim/common/error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/chunking.hpp"
#include "sim/output/hdf5_util.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "tests/unit/output_test_support.hpp"

using namespace ws::output;
using ws::output::testing::file_bytes;
using ws::output::testing::ScratchDir;
using ws::output::testing::temp_files_in;
using ws::output::testing::write_bytes;

namespace {

// A small file: 2 scenarios x 3 replications x 4 times x 2 gemeenten x 3 states, plus int, scalar and empty
// variables. Values are distinct per element so a transposed or shifted read cannot pass.
double stock_value(std::size_t s, std::size_t r, std::size_t t, std::size_t g, std::size_t st) {
  return 1000.0 * static_cast<double>(s) + 100.0 * static_cast<double>(r) + 10.0 * static_cast<double>(t) +
         static_cast<double>(g) + 0.125 * static_cast<double>(st);
}

std::int32_t flow_value(std::size_t s, std::size_t y, std::size_t st) {
  return static_cast<std::int32_t>(100 * s + 10 * y + st) - 50;  // negative values too
}

const std::vector<std::string> kScenarios{"baseline", "variant-ë (UTF-8)"};
const std::vector<std::int32_t> kReplications{0, 1, 2};
const std::vector<double> kTimes{0.0, 90.5, 181.0, 365.0};
const std::vector<std::int32_t> kYears{2025, 2026};
const std::vector<std::string> kGemeenten{"Tiel", "West Maas en Waal"};
const std::vector<std::string> kStates{"wsw", "beschut", "tussengroep"};

void write_small_file(const std::filesystem::path& path, bool commit = true) {
  ResultsWriter w(path);
  w.set_attribute("title", "round trip");
  w.set_attribute("seed", std::int64_t{-42});
  w.set_attribute("big_seed", std::uint64_t{18446744073709551615ULL});
  w.set_attribute("share", 0.25);
  w.set_attribute("count", 7);  // int goes through the integral template
  w.add_dimension({"scenario", kScenarios, {{"long_name", "scenario"}}});
  w.add_dimension({"replication", kReplications, {}});
  w.add_dimension(
      {"time", kTimes, {{"units", "days since 2025-01-01"}, {"calendar", "proleptic_gregorian"}}});
  w.add_dimension({"year", kYears, {}});
  w.add_dimension({"gemeente", kGemeenten, {}});
  w.add_dimension({"state", kStates, {}});
  w.add_dimension({"parameter", std::vector<std::string>{}, {}});
  w.add_variable({"stock",
                  {"scenario", "replication", "time", "gemeente", "state"},
                  "persons",
                  "persons in state",
                  false,
                  {{"description", "at each output time"}}});
  w.add_variable({"flow", {"scenario", "year", "state"}, "persons/year", "moves", true, {}});
  w.add_variable({"horizon_days", {}, "days", "length of the run", false, {}});
  w.add_variable(
      {"parameter_value", {"scenario", "replication", "parameter"}, "1", "drawn values", false, {}});
  // stock: one slab per (scenario, replication), except scenario 1, replication 2, left unwritten.
  for (std::size_t sc = 0; sc < 2; ++sc)
    for (std::size_t r = 0; r < 3; ++r) {
      if (sc == 1 && r == 2) continue;
      std::vector<double> slab;
      for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t g = 0; g < 2; ++g)
          for (std::size_t st = 0; st < 3; ++st) slab.push_back(stock_value(sc, r, t, g, st));
      const std::size_t leading[] = {sc, r};
      w.write("stock", leading, slab);
    }
  // flow: scenario 0 only, as one slab without leading indices would need scenario 1 too.
  std::vector<std::int32_t> flow;
  for (std::size_t y = 0; y < 2; ++y)
    for (std::size_t st = 0; st < 3; ++st) flow.push_back(flow_value(0, y, st));
  const std::size_t first[] = {0};
  w.write("flow", first, flow);
  const double horizon[] = {365.0};
  w.write("horizon_days", {}, horizon);
  const std::size_t none[] = {0, 0};
  w.write("parameter_value", none, std::span<const double>{});
  if (commit) w.commit();
}

bool one_line(const std::string& text) { return text.find('\n') == std::string::npos; }

}  // namespace

TEST_CASE("results file round trip", "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  write_small_file(path);
  CHECK(temp_files_in(dir.path()) == 0);

  const ResultsReader r(path);
  CHECK(r.dimension_names() == std::vector<std::string>{"scenario", "replication", "time", "year", "gemeente",
                                                        "state", "parameter"});
  CHECK(r.strings("scenario") == kScenarios);
  CHECK(r.numbers("replication") == std::vector<double>{0, 1, 2});
  CHECK(r.numbers("time") == kTimes);
  CHECK(r.numbers("year") == std::vector<double>{2025, 2026});
  CHECK(r.strings("gemeente") == kGemeenten);
  CHECK(r.strings("state") == kStates);
  CHECK(r.strings("parameter").empty());
  CHECK(r.dimension_size("time") == 4);
  CHECK_THROWS_AS(r.strings("time"), ws::InputError);
  CHECK_THROWS_AS(r.numbers("state"), ws::InputError);

  // The names are label variables (data variables to HDF5), after their dimension.
  CHECK(r.variable_names() == std::vector<std::string>{"scenario_name", "gemeente_name", "state_name",
                                                       "parameter_name", "stock", "flow", "horizon_days",
                                                       "parameter_value"});
  CHECK(r.has_variable("stock"));
  CHECK(r.has_variable("time"));  // coordinate variables are variables too
  CHECK_FALSE(r.has_variable("waiting"));
  CHECK(r.variable_dims("stock") ==
        std::vector<std::string>{"scenario", "replication", "time", "gemeente", "state"});
  CHECK(r.variable_dims("flow") == std::vector<std::string>{"scenario", "year", "state"});
  CHECK(r.variable_dims("horizon_days").empty());
  CHECK(r.variable_dims("time") == std::vector<std::string>{"time"});
  CHECK(r.shape("stock") == std::vector<std::size_t>{2, 3, 4, 2, 3});
  CHECK(r.shape("parameter_value") == std::vector<std::size_t>{2, 3, 0});
  CHECK(r.is_integer("flow"));
  CHECK_FALSE(r.is_integer("stock"));

  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t rep = 0; rep < 3; ++rep) {
      const std::size_t leading[] = {s, rep};
      const std::vector<double> slab = r.read("stock", leading);
      REQUIRE(slab.size() == 24);
      std::size_t i = 0;
      for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t g = 0; g < 2; ++g)
          for (std::size_t st = 0; st < 3; ++st, ++i) {
            if (s == 1 && rep == 2)
              CHECK(std::isnan(slab[i]));  // never written: reads as missing
            else
              CHECK(slab[i] == stock_value(s, rep, t, g, st));
          }
    }
  const std::vector<double> whole = r.read("stock", {});
  REQUIRE(whole.size() == 144);
  CHECK(whole[((((1 * 3 + 1) * 4 + 3) * 2 + 1) * 3 + 2)] == stock_value(1, 1, 3, 1, 2));

  const std::vector<double> flow = r.read("flow", {});
  REQUIRE(flow.size() == 12);
  for (std::size_t y = 0; y < 2; ++y)
    for (std::size_t st = 0; st < 3; ++st) {
      CHECK(flow[y * 3 + st] == flow_value(0, y, st));
      CHECK(std::isnan(flow[6 + y * 3 + st]));  // scenario 1 never written: int fill value reads as NaN
    }
  CHECK(r.read("horizon_days", {}) == std::vector<double>{365.0});
  CHECK(r.read("parameter_value", {}).empty());

  CHECK(r.attribute("title") == "round trip");
  CHECK(r.attribute("Conventions") == "CF-1.8");
  CHECK(r.attribute("werkstroom_format") == "1");
  CHECK(r.attribute("source").rfind("werkstroom ", 0) == 0);
  CHECK(r.attribute("seed") == "-42");
  CHECK(r.attribute("big_seed") == "18446744073709551615");
  CHECK(r.attribute("absent").empty());
  CHECK(r.numeric_attribute("seed") == -42.0);
  CHECK(r.numeric_attribute("share") == 0.25);
  CHECK(r.numeric_attribute("count") == 7.0);
  CHECK_FALSE(r.numeric_attribute("title"));
  CHECK_FALSE(r.numeric_attribute("absent"));
  CHECK(r.variable_attribute("stock", "units") == "persons");
  CHECK(r.variable_attribute("stock", "long_name") == "persons in state");
  CHECK(r.variable_attribute("stock", "description") == "at each output time");
  CHECK(r.variable_attribute("flow", "units") == "persons/year");
  CHECK(r.variable_attribute("time", "calendar") == "proleptic_gregorian");
  CHECK(std::isnan(std::stod(r.variable_attribute("stock", "_FillValue"))));
  CHECK(r.variable_attribute("flow", "_FillValue") == std::to_string(kIntegerFill));
  CHECK_THROWS_AS(r.read("waiting", {}), ws::InputError);
}

TEST_CASE("variables are chunked by scenario and batches of replications, and compressed", "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  write_small_file(path);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  const hid_t ds = H5Dopen2(file, "stock", H5P_DEFAULT);
  const hid_t dcpl = H5Dget_create_plist(ds);
  hsize_t chunk[5] = {};
  CHECK(H5Pget_chunk(dcpl, 5, chunk) == 5);
  CHECK(std::vector<hsize_t>(chunk, chunk + 5) ==
        std::vector<hsize_t>{1, 2, 4, 2, 3});  // 3 replications: 2 a chunk
  CHECK(H5Pget_nfilters(dcpl) == 2);
  unsigned flags = 0, config = 0;
  std::size_t n_values = 1;
  unsigned level = 0;
  CHECK(H5Pget_filter2(dcpl, 0, &flags, &n_values, &level, 0, nullptr, &config) == H5Z_FILTER_SHUFFLE);
  n_values = 1;
  CHECK(H5Pget_filter2(dcpl, 1, &flags, &n_values, &level, 0, nullptr, &config) == H5Z_FILTER_DEFLATE);
  CHECK(level == 1);
  H5Pclose(dcpl);
  H5Dclose(ds);
  H5Fclose(file);
}

TEST_CASE("chunk shape: one scenario, up to 64 replications (a power of two) in 64 KiB, at most 1 MiB",
          "[output]") {
  const std::vector<std::string> dims{"scenario", "replication", "time", "gemeente", "state"};
  CHECK(chunk_shape(dims, std::vector<std::uint64_t>{2, 100, 132, 8, 20}, 8) ==
        std::vector<std::uint64_t>{1, 1, 132, 8, 20});
  // 121 x 8 x 3 int32 = 11.6 KB a replication: 5 fit in 64 KiB, rounded down to a power of two: 4.
  CHECK(chunk_shape(dims, std::vector<std::uint64_t>{1, 100, 121, 8, 3}, 4) ==
        std::vector<std::uint64_t>{1, 4, 121, 8, 3});
  // 121 x 8 x 12 int32 = 46 KB: one replication a chunk.
  CHECK(chunk_shape(dims, std::vector<std::uint64_t>{1, 100, 121, 8, 12}, 4) ==
        std::vector<std::uint64_t>{1, 1, 121, 8, 12});
  // At most 64 replications, and never more than there are.
  CHECK(chunk_shape(dims, std::vector<std::uint64_t>{1, 10000, 3, 1, 1}, 8) ==
        std::vector<std::uint64_t>{1, 64, 3, 1, 1});
  CHECK(chunk_shape(dims, std::vector<std::uint64_t>{2, 3, 4, 2, 3}, 8) ==
        std::vector<std::uint64_t>{1, 2, 4, 2, 3});
  // 10000 x 8 x 20 doubles = 12.8 MB: time is halved until 625 x 8 x 20 x 8 B = 800 kB fits.
  CHECK(chunk_shape(dims, std::vector<std::uint64_t>{1, 10, 10000, 8, 20}, 8) ==
        std::vector<std::uint64_t>{1, 1, 625, 8, 20});
  // A small leading dimension goes to 1 before the next is split.
  const std::vector<std::string> two{"a", "b"};
  CHECK(chunk_shape(two, std::vector<std::uint64_t>{2, 200000}, 8) == std::vector<std::uint64_t>{1, 100000});
  CHECK(chunk_shape(two, std::vector<std::uint64_t>{3, 5}, 4) == std::vector<std::uint64_t>{3, 5});
}

TEST_CASE("bad writes are refused", "[output]") {
  ScratchDir dir;
  ResultsWriter w(dir / "bad.nc");
  w.add_dimension({"replication", std::vector<std::int32_t>{0, 1}, {}});
  w.add_dimension({"state", std::vector<std::string>{"a", "b", "c"}, {}});
  w.add_variable({"stock", {"replication", "state"}, "persons", "stock", false, {}});
  w.add_variable({"count", {"replication", "state"}, "persons", "count", true, {}});
  const std::size_t rep0[] = {0}, rep5[] = {5}, too_many[] = {0, 0, 0};
  const std::vector<double> three{1, 2, 3}, two{1, 2};
  CHECK_THROWS_AS(w.write("stock", rep0, two), std::logic_error);
  CHECK_THROWS_AS(w.write("stock", rep5, three), std::out_of_range);
  CHECK_THROWS_AS(w.write("stock", too_many, std::span<const double>{}), std::logic_error);
  CHECK_THROWS_AS(w.write("count", rep0, three), std::logic_error);  // doubles into int32
  CHECK_THROWS_AS(w.write("nothing", rep0, three), std::logic_error);
  CHECK_THROWS_AS(w.add_variable({"x", {"time"}, "", "", false, {}}), std::logic_error);
  CHECK_THROWS_AS(w.add_variable({"stock", {"state"}, "", "", false, {}}), std::logic_error);
  CHECK_THROWS_AS(w.add_dimension({"state", std::vector<std::int32_t>{1}, {}}), std::logic_error);
  CHECK_THROWS_AS(w.add_dimension({"a/b", std::vector<std::int32_t>{1}, {}}), std::invalid_argument);
  const std::vector<std::int32_t> ints{1, 2, 3};
  w.write("stock", rep0, std::span<const std::int32_t>(ints));  // int32 into float64 is exact: allowed
  w.commit();
  CHECK_THROWS_AS(w.write("stock", rep0, three), std::logic_error);
  CHECK_THROWS_AS(w.commit(), std::logic_error);
  const ResultsReader r(dir / "bad.nc");
  const std::vector<double> row = r.read("stock", rep0);
  CHECK(row == std::vector<double>{1, 2, 3});
}

TEST_CASE("an uncommitted writer leaves no file and never touches the final path", "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  SECTION("no earlier file") {
    { write_small_file(path, /*commit=*/false); }
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(std::filesystem::is_empty(dir.path()));
  }
  SECTION("an earlier file stays byte for byte") {
    write_bytes(path, "earlier results\n");
    {
      ResultsWriter w(path);
      CHECK(std::filesystem::exists(w.temp_path()));
      CHECK(w.temp_path().parent_path() == path.parent_path());
      CHECK(w.temp_path().filename().string() == "run.nc.tmp." + std::to_string(::getpid()));
      w.add_dimension({"state", std::vector<std::string>{"a"}, {}});
    }
    CHECK(file_bytes(path) == "earlier results\n");
    CHECK(temp_files_in(dir.path()) == 0);
  }
  SECTION("an exception while writing cleans up too") {
    try {
      ResultsWriter w(path);
      w.add_dimension({"state", std::vector<std::string>{"a"}, {}});
      w.add_variable({"stock", {"state"}, "persons", "stock", false, {}});
      const std::vector<double> wrong{1, 2};
      w.write("stock", {}, wrong);
    } catch (const std::logic_error&) {
    }
    CHECK(std::filesystem::is_empty(dir.path()));
  }
}

TEST_CASE("commit replaces an earlier file atomically", "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  write_bytes(path, "earlier results\n");
  write_small_file(path);
  CHECK(ResultsReader(path).attribute("title") == "round trip");
  CHECK(temp_files_in(dir.path()) == 0);
}

TEST_CASE("the writer needs an existing, writable folder", "[output]") {
  ScratchDir dir;
  CHECK_THROWS_AS(ResultsWriter(dir / "missing" / "run.nc"), ws::InputError);
  CHECK_THROWS_AS(ResultsWriter(dir.path()), ws::InputError);  // a folder, not a file name
  if (::geteuid() != 0) {                                      // root may write anywhere
    std::filesystem::create_directory(dir / "locked");
    std::filesystem::permissions(dir / "locked",
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    CHECK_THROWS_AS(ResultsWriter(dir / "locked" / "run.nc"), ws::InputError);
    std::filesystem::permissions(dir / "locked", std::filesystem::perms::owner_all);
  }
}

TEST_CASE("amend adds dimensions and variables and keeps the old ones", "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  write_small_file(path);
  const std::string before = file_bytes(path);

  SECTION("not committed: the original stays byte for byte") {
    {
      auto w = ResultsWriter::amend(path);
      w->add_dimension({"quantile", std::vector<double>{0.05, 0.95}, {}});
    }
    CHECK(file_bytes(path) == before);
    CHECK(temp_files_in(dir.path()) == 0);
  }
  SECTION("committed") {
    {
      auto w = ResultsWriter::amend(path);
      CHECK(w->has_dimension("state"));
      CHECK(w->has_variable("stock"));
      CHECK_FALSE(w->has_variable("difference"));
      w->set_attribute("title", "amended");
      w->add_dimension({"quantile", std::vector<double>{0.05, 0.95}, {}});
      w->add_variable({"difference", {"quantile", "state"}, "persons", "variant minus baseline", false, {}});
      const std::vector<double> values{1, 2, 3, 4, 5, 6};
      w->write("difference", {}, values);
      // Existing variables can be filled in too: the replication left out above.
      const std::size_t leading[] = {1, 2};
      const std::vector<double> slab(24, -1.0);
      w->write("stock", leading, slab);
      w->commit();
    }
    CHECK(temp_files_in(dir.path()) == 0);
    const ResultsReader r(path);
    CHECK(r.attribute("title") == "amended");
    CHECK(r.attribute("Conventions") == "CF-1.8");
    CHECK(r.dimension_names() == std::vector<std::string>{"scenario", "replication", "time", "year",
                                                          "gemeente", "state", "parameter", "quantile"});
    CHECK(r.variable_dims("difference") == std::vector<std::string>{"quantile", "state"});
    CHECK(r.read("difference", {}) == std::vector<double>{1, 2, 3, 4, 5, 6});
    const std::size_t first[] = {0, 1};
    const std::vector<double> old = r.read("stock", first);
    CHECK(old[5] == stock_value(0, 1, 0, 1, 2));
    const std::size_t filled[] = {1, 2};
    CHECK(r.read("stock", filled) == std::vector<double>(24, -1.0));
    CHECK(r.variable_attribute("flow", "units") == "persons/year");
  }
  SECTION("refuses a file that is not a results file") {
    write_bytes(dir / "notes.txt", "hello\n");
    CHECK_THROWS_AS(ResultsWriter::amend(dir / "notes.txt"), ws::InputError);
  }
}

TEST_CASE("dimension scales are attached both ways, an amended file's after the old attachments",
          "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  write_small_file(path);
  {
    auto w = ResultsWriter::amend(path);
    w->add_variable({"difference", {"scenario", "state"}, "persons", "variant minus baseline", false, {}});
    w->commit();
  }
  h5::QuietErrors quiet;
  h5::Handle f(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose);
  const auto open = [&](const char* name) { return h5::dataset(H5Dopen2(f.get(), name, H5P_DEFAULT), name); };
  const std::vector<std::pair<const char*, std::vector<const char*>>> attached{
      {"stock", {"scenario", "replication", "time", "gemeente", "state"}},
      {"flow", {"scenario", "year", "state"}},
      {"parameter_value", {"scenario", "replication", "parameter"}},
      {"state_name", {"state"}},
      {"difference", {"scenario", "state"}}};
  for (const auto& [name, dims] : attached) {
    h5::Handle ds = open(name);
    for (unsigned i = 0; i < dims.size(); ++i) {
      h5::Handle scale = open(dims[i]);
      INFO(name << " along " << dims[i]);
      CHECK(H5DSget_num_scales(ds.get(), i) == 1);
      CHECK(H5DSis_attached(ds.get(), scale.get(), i) == 1);
    }
  }
  // REFERENCE_LIST of "state" in attach order, the amended variable last (H5DS's layout: ds_list_t).
  struct Entry {
    hobj_ref_t dataset;
    unsigned int dimension;
  };
  h5::Handle type = h5::datatype(H5Tcreate(H5T_COMPOUND, sizeof(Entry)), "type");
  H5Tinsert(type.get(), "dataset", HOFFSET(Entry, dataset), H5T_STD_REF_OBJ);
  H5Tinsert(type.get(), "dimension", HOFFSET(Entry, dimension), H5T_NATIVE_INT);
  h5::Handle state = open("state");
  h5::Handle list = h5::attribute(H5Aopen(state.get(), "REFERENCE_LIST", H5P_DEFAULT), "REFERENCE_LIST");
  h5::Handle space = h5::dataspace(H5Aget_space(list.get()), "space");
  std::vector<Entry> entries(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  REQUIRE(entries.size() == 4);
  h5::check_status(H5Aread(list.get(), type.get(), entries.data()), "read");
  std::vector<std::pair<std::string, unsigned>> named;
  for (const Entry& e : entries) {
    char name[64] = {};
    H5Rget_name(f.get(), H5R_OBJECT, &e.dataset, name, sizeof name);
    named.emplace_back(name, e.dimension);
  }
  CHECK(named == std::vector<std::pair<std::string, unsigned>>{
                     {"/state_name", 0}, {"/stock", 4}, {"/flow", 2}, {"/difference", 1}});
}

TEST_CASE("the reader refuses files that are not werkstroom results", "[output]") {
  ScratchDir dir;
  const auto expect_refusal = [](const std::filesystem::path& path, const std::string& why) {
    try {
      ResultsReader r(path);
      FAIL("accepted " << path);
    } catch (const ws::InputError& e) {
      const std::string message = e.what();
      INFO(message);
      CHECK(message.rfind(path.string() + ": ", 0) == 0);
      CHECK(message.find(why) != std::string::npos);
      CHECK(one_line(message));
    }
  };
  write_bytes(dir / "text.nc", "this is not HDF5\n");
  expect_refusal(dir / "text.nc", "not a werkstroom results file");
  write_bytes(dir / "empty.nc", "");
  expect_refusal(dir / "empty.nc", "not a werkstroom results file");
  expect_refusal(dir / "missing.nc", "no such file");
  expect_refusal(dir.path(), "not a werkstroom results file");

  write_small_file(dir / "real.nc");
  const std::string bytes = file_bytes(dir / "real.nc");
  write_bytes(dir / "half.nc", bytes.substr(0, bytes.size() / 2));
  expect_refusal(dir / "half.nc", "not a werkstroom results file");

  const hid_t file = H5Fcreate((dir / "plain.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(file >= 0);
  H5Fclose(file);
  expect_refusal(dir / "plain.h5", "no werkstroom_format attribute");

  {
    ResultsWriter w(dir / "future.nc");
    w.set_attribute("werkstroom_format", "2");
    w.commit();
  }
  expect_refusal(dir / "future.nc", "werkstroom_format is \"2\"");
}

TEST_CASE("a new writer deletes temp files of dead processes only", "[output]") {
  ScratchDir dir;
  const auto path = dir / "run.nc";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);  // reaped: its pid names no process now
  const auto dead = temp_path_for(path, child);
  const auto live = temp_path_for(path, 1);  // init runs as long as the system does
  const auto other = temp_path_for(dir / "other.nc", child);
  const auto not_a_pid = std::filesystem::path(path.string() + ".tmp.12x");
  for (const auto& p : {dead, live, other, not_a_pid}) write_bytes(p, "partial");
  write_bytes(temp_path_for(path, ::getpid()), "partial from an earlier process with our pid");
  {
    ResultsWriter w(path);
    CHECK_FALSE(std::filesystem::exists(dead));
    CHECK(std::filesystem::exists(live));
    CHECK(std::filesystem::exists(other));
    CHECK(std::filesystem::exists(not_a_pid));
    CHECK(file_bytes(w.temp_path()).substr(0, 8) == "\x89HDF\r\n\x1a\n");  // ours, freshly created
    // A second writer for the same path in this process must not delete the first one's temp file.
    CHECK_THROWS_AS(ResultsWriter(path), std::logic_error);
    CHECK(std::filesystem::exists(w.temp_path()));
    w.commit();
  }
  CHECK(ResultsReader(path).attribute("werkstroom_format") == "1");
}
