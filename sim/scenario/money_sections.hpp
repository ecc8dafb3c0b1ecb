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

MoneyNodes read_money(Context& c, const Node& root);   // [money]
void read_money_rules(Context& c, const Node& money);  // [money.buig], [money.sharing] (load_money_rules.cpp)
void check_money_rules(Context& c, const Node& root);  // the allocation item names a BUIG income per year
// An item's `budget` (default bedrijfsvoering).
model::MoneyBudget read_budget(Reader& r, const Node& t, const std::string& path);
// { gemeente = share, ... }: one weight per gemeente (unnamed: 0), with a positive sum.
std::vector<double> read_gemeente_shares(Context& c, const Node& n, const std::string& path);
void read_pilots(Context& c, const Node& root);  // [pilots]
void check_money(Context& c, const Node& root, const MoneyNodes& nodes);

// The dates a pilot or a money item runs: `start` and `end` of table t (default: the whole horizon), checked
// against the horizon.
namespace pilot {
model::pilots::Window read_window(Context& c, const Node& t, const std::string& path);
}  // namespace pilot
}  // namespace ws::scenario
