// [pilots]: the board's three pilots (seed 001, 27 Nov 2025) as scenario modules. Each is expanded into the
// structures the model already has -- states, transitions with calendar windows, places, arrival streams and
// money items -- so a pilot switched on with zero effect and zero cost changes nothing: its transitions and
// streams have rate 0 (the model draws no random numbers for them) and its money items are 0.
#include <algorithm>

#include "sim/common/date.hpp"
#include "sim/scenario/money_sections.hpp"

namespace ws::scenario {

using model::ScenarioSpec;

void read_pilots(Context& c, const Node& root) {
  const Node* t = root.find("pilots");
  if (!t) return;
  Reader& r = c.r;
  r.expect_table(*t, "pilots");
  r.check_keys(*t, "pilots", {"p_wetters_in_dienst", "ondernemerschap", "nieuwe_doelgroepen"});
  if (const Node* p = t->find("p_wetters_in_dienst"))
    pilot::read_p_wetters_in_dienst(c, r.expect_table(*p, "pilots.p_wetters_in_dienst"),
                                    "pilots.p_wetters_in_dienst");
  if (const Node* p = t->find("ondernemerschap"))
    pilot::read_ondernemerschap(c, r.expect_table(*p, "pilots.ondernemerschap"), "pilots.ondernemerschap");
  if (const Node* p = t->find("nieuwe_doelgroepen"))
    pilot::read_nieuwe_doelgroepen(c, r.expect_table(*p, "pilots.nieuwe_doelgroepen"),
                                   "pilots.nieuwe_doelgroepen");
}

namespace pilot {

Window read_window(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  const auto& run = c.spec.run;
  Window w{run.start, run.end};
  std::string horizon = "[";  // built step by step: GCC 12 warns (-Wrestrict) about "[" + std::string
  horizon += format_iso_date(run.start);
  horizon += ", ";
  horizon += format_iso_date(run.end);
  horizon += "]";
  const Node* start = t.find("start");
  const Node* end = t.find("end");
  if (start) {
    w.start = r.date(*start, p + ".start");
    if (w.start < run.start || w.start >= run.end)
      r.fail(*start, p + ".start",
             "expected a date within the horizon " + horizon + ", got " + format_iso_date(w.start));
  }
  if (end) {
    w.end = r.date(*end, p + ".end");
    if (w.end <= run.start || w.end > run.end)
      r.fail(*end, p + ".end",
             "expected a date within the horizon " + horizon + ", got " + format_iso_date(w.end));
  }
  if (w.end <= w.start)
    r.fail(end ? *end : *start, p + ".end", "expected a date after start (" + format_iso_date(w.start) + ")");
  return w;
}

model::Piecewise calendar_switch(const Context& c, const Window& w) {
  model::Piecewise out;
  const auto& run = c.spec.run;
  if (w.start > run.start) {
    out.breaks.push_back(static_cast<double>(w.start));
    out.values.push_back(0.0);
  }
  out.values.push_back(1.0);
  if (w.end < run.end) {
    out.breaks.push_back(static_cast<double>(w.end));
    out.values.push_back(0.0);
  }
  if (out.breaks.empty()) out.values.clear();  // the whole horizon: no calendar dependence at all
  return out;
}

std::vector<int> years_of(const Window& w) {
  std::vector<int> years;
  for (int y = civil_from_days(w.start).year; y <= civil_from_days(w.end - 1).year; ++y) years.push_back(y);
  return years;
}

void add_state(Context& c, const Node& at, const std::string& path, model::StateSpec state) {
  if (c.has_state(state.name))
    c.r.fail(at, path,
             "the pilot adds state '" + state.name + "', but the scenario has a state of that name already");
  c.spec.states.push_back(std::move(state));
}

double add_transition(Context& c, const Node& rate_node, const std::string& path, const std::string& from,
                      const std::string& to, const model::Piecewise& calendar, const model::Piecewise& by_age,
                      const model::Piecewise& by_duration) {
  Reader& r = c.r;
  const auto& f = c.spec.states[static_cast<std::size_t>(c.state(rate_node, path + " (from)", from))];
  const auto& t = c.spec.states[static_cast<std::size_t>(c.state(rate_node, path + " (to)", to))];
  if (from == to) r.fail(rate_node, path, "expected two different states, got '" + from + "' twice");
  if (f.kind == model::StateKind::exit)
    r.fail(rate_node, path, "expected a living state, got exit '" + from + "'");
  if (t.name == "wsw" || t.module == model::Module::wsw)
    r.fail(rate_node, path,
           "nothing may enter '" + to + "': the Wsw is closed to newcomers since 2015-01-01");
  if (t.kind == model::StateKind::capacity && t.waiting_state == from)
    r.fail(rate_node, path, "not allowed: '" + from + "' admits to '" + to + "' first come first served");
  for (const auto& existing : c.spec.transitions)
    if (existing.from == from && existing.to == to)
      r.fail(rate_node, path,
             "the pilot adds " + from + "->" + to + ", but the scenario has that transition already");
  const std::size_t i = c.spec.transitions.size();
  model::TransitionSpec spec;
  spec.from = from;
  spec.to = to;
  spec.by_calendar = calendar;
  spec.by_age = by_age;
  spec.by_duration = by_duration;
  c.spec.transitions.push_back(spec);
  const double rate = r.number(rate_node, path, non_negative("per year"),
                               [i](ScenarioSpec& s, double v) { s.transitions[i].rate = v; });
  c.spec.transitions[i].rate = rate;
  return rate;
}

void add_transitions_from_table(Context& c, const Node& table, const std::string& path,
                                const std::string& state, bool out_of_state, const model::Piecewise& calendar,
                                const model::Piecewise& by_age, const model::Piecewise& by_duration) {
  c.r.expect_table(table, path);
  if (is_distribution(table)) c.r.fail(table, path, "expected a table { state = rate per year, ... }");
  for (const auto& [name, value] : table.members)
    add_transition(c, value, join_path(path, name), out_of_state ? state : name, out_of_state ? name : state,
                   calendar, by_age, by_duration);
}

std::size_t add_item(Context& c, const Node& at, const std::string& path, model::MoneyItemSpec item) {
  for (const auto& existing : c.spec.money.items)
    if (existing.name == item.name)
      c.r.fail(at, path,
               "the pilot adds money item '" + item.name + "', but the scenario has an item of that name");
  if (item.end == 0) {
    item.start = c.spec.run.start;
    item.end = c.spec.run.end;
  }
  c.spec.money.items.push_back(std::move(item));
  return c.spec.money.items.size() - 1;
}

double item_amount(Context& c, const Node& t, const std::string& path, std::string_view key, double fallback,
                   std::vector<std::size_t> items) {
  const double v =
      c.r.number_or(t, path, key, fallback, non_negative("EUR"), [items](ScenarioSpec& s, double d) {
        for (std::size_t i : items) s.money.items[i].amount = d;
      });
  for (std::size_t i : items) c.spec.money.items[i].amount = v;
  return v;
}

void add_cost_per_year(Context& c, const Node& t, const std::string& path, const std::string& name,
                       const std::string& description, model::MoneyKey key, const Window& w) {
  model::MoneyItemSpec cost;
  cost.name = name;
  cost.description = description;
  cost.basis = model::MoneyBasis::year;
  cost.key = key;
  cost.start = w.start;
  cost.end = w.end;
  item_amount(c, t, path, "cost_per_year", 0.0, {add_item(c, t, path, cost)});
}

void add_extra_places(Context& c, const Node& table, const std::string& path, const Window& w) {
  Reader& r = c.r;
  r.expect_table(table, path);
  if (is_distribution(table)) r.fail(table, path, "expected a table { capacity_state = places, ... }");
  const int first = civil_from_days(c.spec.run.start).year, last = civil_from_days(c.spec.run.end - 1).year;
  const std::vector<int> pilot_years = years_of(w);
  for (const auto& [name, value] : table.members) {
    const std::string vp = join_path(path, name);
    c.state(value, vp, name);
    auto cap = std::find_if(c.spec.capacities.begin(), c.spec.capacities.end(),
                            [&](const auto& k) { return k.state == name; });
    if (cap == c.spec.capacities.end())
      r.fail(value, vp, "expected a capacity state (one with [capacities." + name + "]), got '" + name + "'");
    if (cap->per_gemeente)
      r.fail(value, vp, "expected a regional capacity: [capacities." + name + "] has places per gemeente");
    // The places are rewritten per year below: a draw of the base places, or of another pilot's extra
    // places, would no longer land in the right year.
    for (const auto& u : c.spec.uncertain)
      if (u.name.rfind("capacities." + name + ".", 0) == 0 || u.name.ends_with(".extra_places." + name))
        r.fail(value, vp,
               "expected plain numbers for the places of '" + name + "' when a pilot adds places to them (" +
                   u.name + " carries a distribution)");
    // One row per simulated year, with the step function's value.
    std::vector<int> years;
    std::vector<std::vector<double>> places;
    for (int y = first; y <= last; ++y) {
      const auto it = std::upper_bound(cap->years.begin(), cap->years.end(), y);
      const std::size_t row =
          it == cap->years.begin() ? 0 : static_cast<std::size_t>(it - cap->years.begin() - 1);
      years.push_back(y);
      places.push_back(cap->places[row]);
    }
    std::vector<std::pair<std::size_t, double>> base;  // (row, places without the extra)
    for (int y : pilot_years)
      if (y >= first && y <= last)
        base.emplace_back(static_cast<std::size_t>(y - first),
                          places[static_cast<std::size_t>(y - first)][0]);
    const std::size_t ci = static_cast<std::size_t>(cap - c.spec.capacities.begin());
    const double extra =
        r.number(value, vp, non_negative("places per year"), [ci, base](ScenarioSpec& s, double v) {
          for (const auto& [row, places] : base) s.capacities[ci].places[row][0] = places + v;
        });
    for (const auto& [row, p] : base) places[row][0] = p + extra;
    cap->years = std::move(years);
    cap->places = std::move(places);
  }
}

void count_like(Context& c, const std::string& state, const std::string& like) {
  auto& items = c.spec.money.items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    if (item.basis != model::MoneyBasis::person_year) continue;
    const auto it = std::find(item.states.begin(), item.states.end(), like);
    if (it == item.states.end()) continue;
    const std::size_t k = static_cast<std::size_t>(it - item.states.begin());
    item.states.push_back(state);
    for (auto& e : item.exclude)
      if (std::find(e.states.begin(), e.states.end(), like) != e.states.end()) e.states.push_back(state);
    if (item.state_amount.empty()) continue;
    item.state_amount.push_back(item.state_amount[k]);
    // A drawn amount for `like` applies to `state` as well.
    const std::size_t copy = item.state_amount.size() - 1;
    const std::string name = "money.items." + item.name + ".amount_by_state." + like;
    for (auto& u : c.spec.uncertain)
      if (u.name == name)
        u.apply = [old = u.apply, i, copy](ScenarioSpec& s, double v) {
          old(s, v);
          s.money.items[i].state_amount[copy] = v;
        };
  }
}

}  // namespace pilot
}  // namespace ws::scenario
