#include "sim/common/text.hpp"

#include <catch2/catch.hpp>

TEST_CASE("edit distance and closest match") {
  CHECK(ws::edit_distance("kitten", "sitting") == 3);
  const std::vector<std::string> keys{"capacity", "rate", "waiting_state"};
  CHECK(ws::closest_match("capacty", keys) == "capacity");
  CHECK(ws::closest_match("zzzzzzzz", keys).empty());
}
