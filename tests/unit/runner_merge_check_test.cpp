// The checks `merge` makes on a set of parts (sim/runner/merge_check.hpp), without files: coverage of
// 0 ... R-1 exactly once, the same inputs, version and commit, and how missing replications are listed.
#include <catch2/catch.hpp>

#include "sim/common/error.hpp"
#include "sim/runner/merge_check.hpp"

using namespace ws;
using runner::PartInfo;

namespace {

constexpr const char* kSource = "werkstroom 0.1.0";

PartInfo part(const char* name, std::size_t first, std::size_t count) {
  return PartInfo{name, first, count, std::string(1, 'f'), std::string(kSource), std::string(1, 'c'), 0};
}

std::string refusal(std::vector<PartInfo> parts) {
  try {
    runner::check_parts(parts);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("merge: parts in any order that cover every replication once are accepted, sorted", "[runner]") {
  std::vector<PartInfo> parts{part("c", 7, 3), part("a", 0, 4), part("b", 4, 3)};
  runner::check_parts(parts);
  CHECK(parts[0].path == "a");
  CHECK(parts[1].path == "b");
  CHECK(parts[2].path == "c");
}

TEST_CASE("merge: gaps, overlaps and foreign parts are refused with what is wrong", "[runner]") {
  CHECK_THAT(refusal({part("a", 0, 4), part("c", 7, 3)}),
             Catch::Contains("replications 4-6 of 0-9 are missing"));
  CHECK_THAT(refusal({part("b", 4, 3), part("d", 11, 1)}), Catch::Contains("replications 0-3, 7-10 of 0-11"));
  CHECK_THAT(refusal({part("a", 0, 4), part("x", 3, 2)}), Catch::Contains("replications 3 in both a and x"));
  PartInfo other = part("o", 4, 3);
  other.fingerprint = "g";
  CHECK_THAT(refusal({part("a", 0, 4), other}), Catch::Contains("o: input_fingerprint \"g\" differs"));
  other = part("o", 4, 3);
  other.commit = "d";
  CHECK_THAT(refusal({part("a", 0, 4), other}), Catch::Contains("commit"));
  other = part("o", 4, 3);
  other.source = "werkstroom 0.2.0";
  CHECK_THAT(refusal({part("a", 0, 4), other}), Catch::Contains("version"));
  CHECK_THAT(refusal({}), Catch::Contains("at least one part"));
}

TEST_CASE("merge: replication ranges are written compactly", "[runner]") {
  CHECK(runner::ranges_text({{0, 1}}) == "0");
  CHECK(runner::ranges_text({{0, 4}, {7, 8}, {10, 13}}) == "0-3, 7, 10-12");
}
