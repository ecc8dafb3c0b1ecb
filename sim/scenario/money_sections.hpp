#pragma once
// The readers of [money] and [pilots], called by load_scenario after the other sections: read_money first
// (the items as written), then read_pilots (which add states, transitions, places, arrival streams and money
// items, and extend items the pilots affect), then check_money (every name an item refers to, now that the
// pilots' states and transitions exist).
#include <string>
#include <vector>

#include "sim/scenario/sections.hpp"

namespace ws::scenario {

// The nodes the items of [money.items] came from, in spec.money.items order, for messages in check_money.
using MoneyNodes = std::vector<const Node*>;

MoneyNodes read_money(Context& c, const Node& root);  // [money]
void read_pilots(Context& c, const Node& root);       // [pilots]
void check_money(Context& c, const Node& root, const MoneyNodes& nodes);

// Shared by the pilots (pilots.cpp) and their modules (pilot_*.cpp).
namespace pilot {

// The dates a pilot runs: intake, places and costs count within [start, end).
struct Window {
  model::Day start = 0;
  model::Day end = 0;
};

// `start` and `end` of a pilot table (default: the whole horizon), checked against the horizon.
Window read_window(Context& c, const Node& t, const std::string& path);

// A by_calendar multiplier that is 1 within the window and 0 outside (empty when the window is the horizon).
model::Piecewise calendar_switch(const Context& c, const Window& w);

// The calendar years a window overlaps.
std::vector<int> years_of(const Window& w);

// Adds a state; the name must be new.
void add_state(Context& c, const Node& at, const std::string& path, model::StateSpec state);

// Adds the transition from->to with the rate `rate_node` (a number or a distribution) and `pieces` on the
// calendar clock; checks the states as [transitions] does. Returns the rate read.
double add_transition(Context& c, const Node& rate_node, const std::string& path, const std::string& from,
                      const std::string& to, const model::Piecewise& calendar = {},
                      const model::Piecewise& by_age = {}, const model::Piecewise& by_duration = {});

// Reads { state = rate, ... } and adds from->state (or state->to when `into_table` is false) for each.
void add_transitions_from_table(Context& c, const Node& table, const std::string& path,
                                const std::string& state, bool out_of_state,
                                const model::Piecewise& calendar = {}, const model::Piecewise& by_age = {},
                                const model::Piecewise& by_duration = {});

// Adds a money item; the name must be new. Returns its index.
std::size_t add_item(Context& c, const Node& at, const std::string& path, model::MoneyItemSpec item);

// The pilot's own cost: `cost_per_year` of table t (EUR per calendar year, pro rata within the window, may
// carry uncertainty), shared over the gemeenten by `key`, as item `name`.
void add_cost_per_year(Context& c, const Node& t, const std::string& path, const std::string& name,
                       const std::string& description, model::MoneyKey key, const Window& w);

// A money amount (EUR >= 0, may carry uncertainty) of item `index`: sets `amount` now and in each draw.
double item_amount(Context& c, const Node& t, const std::string& path, std::string_view key, double fallback,
                   std::vector<std::size_t> items);

// Adds `extra` places (a number or distribution, per calendar year the window overlaps) to the regional
// capacity of each state named in the table { state = places, ... }.
void add_extra_places(Context& c, const Node& table, const std::string& path, const Window& w);

// Every person_year money item that counts `like` counts `state` too, at the same amount.
void count_like(Context& c, const std::string& state, const std::string& like);

// Pilot modules.
void read_p_wetters_in_dienst(Context& c, const Node& t, const std::string& path);
void read_ondernemerschap(Context& c, const Node& t, const std::string& path);
void read_nieuwe_doelgroepen(Context& c, const Node& t, const std::string& path);

}  // namespace pilot
}  // namespace ws::scenario
