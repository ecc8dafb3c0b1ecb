// Name dimensions (scenario, gemeente, ...): the writer stores them as netCDF-C does a dimension without a
// coordinate variable, the names in the CF label variable <dim>_name that every variable along the dimension
// lists in `coordinates`; the reader reads them back, and still reads files from before the label variables
// (string coordinate variables).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/common/error.hpp"
#include "sim/output/hdf5_util.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "tests/unit/output_test_support.hpp"

namespace {

using ws::output::ResultsReader;
using ws::output::ResultsWriter;
using ws::output::testing::ScratchDir;
namespace h5 = ws::output::h5;

const std::vector<std::string> kGemeenten{"Tiel", "Buren"};

std::string text_attribute(const std::filesystem::path& file, const std::string& dataset, const char* name) {
  h5::QuietErrors quiet;
  h5::Handle f(h5::check(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose);
  h5::Handle ds = h5::dataset(H5Dopen2(f.get(), dataset.c_str(), H5P_DEFAULT), dataset);
  return h5::read_text_attribute(ds.get(), name);
}

// A results file as werkstroom wrote it before the label variables: the names in string coordinate
// variables (dimension scales named like the dimension).
void write_old_layout(const std::filesystem::path& path) {
  h5::QuietErrors quiet;
  h5::Handle f(h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create"),
               H5Fclose);
  h5::Handle root = h5::group(H5Gopen2(f.get(), "/", H5P_DEFAULT), "root");
  h5::write_attribute(root.get(), "werkstroom_format", std::string("1"));
  const auto scale = [&](const char* name, hid_t type, const void* values, hsize_t size) {
    h5::Handle space = h5::dataspace(H5Screate_simple(1, &size, nullptr), name);
    h5::Handle ds = h5::dataset(
        H5Dcreate2(root.get(), name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
    h5::check_status(H5Dwrite(ds.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), name);
    h5::check_status(H5DSset_scale(ds.get(), name), name);
    return ds;
  };
  h5::Handle strings = h5::utf8_string_type();
  const char* scenarios[] = {"baseline"};
  const std::int32_t replications[] = {0, 1};
  const char* gemeenten[] = {kGemeenten[0].c_str(), kGemeenten[1].c_str()};
  h5::Handle dims[] = {scale("scenario", strings.get(), scenarios, 1),
                       scale("replication", H5T_NATIVE_INT32, replications, 2),
                       scale("gemeente", strings.get(), gemeenten, 2)};
  const hsize_t shape[] = {1, 2, 2};
  h5::Handle space = h5::dataspace(H5Screate_simple(3, shape, nullptr), "events");
  h5::Handle events = h5::dataset(
      H5Dcreate2(root.get(), "events", H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      "events");
  for (unsigned axis = 0; axis < 3; ++axis)
    h5::check_status(H5DSattach_scale(events.get(), dims[axis].get(), axis), "attach");
}

}  // namespace

TEST_CASE("name dimensions have label variables, listed in coordinates", "[output]") {
  ScratchDir dir;
  const auto path = dir / "names.nc";
  {
    ResultsWriter w(path);
    w.add_dimension({"gemeente", kGemeenten, {{"long_name", "gemeente (municipality)"}}});
    w.add_dimension({"year", std::vector<std::int32_t>{2025}, {}});
    w.add_variable({"flow", {"year", "gemeente"}, "1", "moves", true, {{"coordinates", "year_start"}}});
    w.add_variable({"total", {"gemeente"}, "1", "per gemeente", false, {}});
    w.commit();
  }
  CHECK(text_attribute(path, "gemeente", "NAME") ==
        "This is a netCDF dimension but not a netCDF variable.         2");
  CHECK(text_attribute(path, "gemeente_name", "long_name") == "gemeente (municipality)");
  // Named first; what the caller listed stays (year_start is not in this file, so it is not added).
  CHECK(text_attribute(path, "flow", "coordinates") == "year_start gemeente_name");
  CHECK(text_attribute(path, "total", "coordinates") == "gemeente_name");
  const ResultsReader r(path);
  CHECK(r.dimension_names() == std::vector<std::string>{"gemeente", "year"});
  CHECK(r.strings("gemeente") == kGemeenten);
  CHECK(r.has_names("gemeente"));
  CHECK_FALSE(r.has_names("year"));
  CHECK(r.variable_dims("gemeente_name") == std::vector<std::string>{"gemeente"});
  CHECK(r.variable_dims("flow") == std::vector<std::string>{"year", "gemeente"});
  CHECK_THROWS_AS(r.numbers("gemeente"), ws::InputError);
}

TEST_CASE("files with string coordinate variables are still read", "[output]") {
  ScratchDir dir;
  const auto path = dir / "old.nc";
  write_old_layout(path);
  const ResultsReader r(path);
  r.require_results_structure();
  CHECK(r.strings("scenario") == std::vector<std::string>{"baseline"});
  CHECK(r.strings("gemeente") == kGemeenten);
  CHECK(r.has_names("gemeente"));
  CHECK(r.variable_dims("events") == std::vector<std::string>{"scenario", "replication", "gemeente"});
  CHECK(r.numbers("replication") == std::vector<double>{0, 1});
}
