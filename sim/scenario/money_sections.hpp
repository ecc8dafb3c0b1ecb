#pragma once
// The readers of [money] and [pilots], called by load_scenario after the other sections: read_money first
// (the items as written), then read_pilots (which add states, transitions, places, arrival streams and money
// items, and extend items the pilots affect), then check_money (every name an item refers to, now that the
// pilots' states and transitions exist).
#include <string>
#include <vector>

#include "sim/model/pilots/pilot_spec.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

// The nodes the items of [money.items] came from, in spec.money.items order, for messages in check_money.
using MoneyNodes = std::vector<const Node*>;

MoneyNodes read_money(Context& c, const Node& root);  // [money]
void read_pilots(Context& c, const Node& root);       // [pilots]
void check_money(Context& c, const Node& root, const MoneyNodes& nodes);

// The dates a pilot or a money item runs: `start` and `end` of table t (default: the whole horizon), checked
// against the horizon.
namespace pilot {
model::pilots::Window read_window(Context& c, const Node& t, const std::string& path);
}  // namespace pilot
}  // namespace ws::scenario
