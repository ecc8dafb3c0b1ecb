#include "sim/model/pilots/expand.hpp"

#include <algorithm>
#include <limits>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/common/text.hpp"
#include "sim/model/state_graph.hpp"

namespace ws::model::pilots {

void expand_pilots(ScenarioSpec& spec, const PilotsSpec& pilots) {
  if (pilots.p_wetters_in_dienst) expand_p_wetters_in_dienst(spec, *pilots.p_wetters_in_dienst);
  if (pilots.ondernemerschap) expand_ondernemerschap(spec, *pilots.ondernemerschap);
  if (pilots.nieuwe_doelgroepen) expand_nieuwe_doelgroepen(spec, *pilots.nieuwe_doelgroepen);
}

void fail(const Origin& at, const std::string& what) {
  throw InputError((at.where.empty() ? std::string("scenario") : at.where) + ": " +
                   (at.path.empty() ? "" : at.path + ": ") + what);
}

Origin suffixed(Origin at, const std::string& suffix) {
  at.path += suffix;
  return at;
}

int state_index(const ScenarioSpec& spec, const Origin& at, const std::string& name) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < spec.states.size(); ++i) {
    if (spec.states[i].name == name) return static_cast<int>(i);
    names.push_back(spec.states[i].name);
  }
  const std::string suggestion = closest_match(name, names);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  fail(at, "unknown state '" + name + "'" +
               (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
               " (expected one of: " + list + ")");
}

void attach(ScenarioSpec& spec, const Number& n, const ParameterTarget& target) {
  if (n.slot.empty()) return;
  UncertainParameter* slot = find_parameter(spec, n.slot);
  if (!slot) throw std::logic_error("pilot: no parameter slot '" + n.slot + "'");
  slot->targets.push_back(target);
}

Piecewise calendar_switch(const ScenarioSpec& spec, const Window& w) {
  Piecewise out;
  if (w.start > spec.run.start) {
    out.breaks.push_back(static_cast<double>(w.start));
    out.values.push_back(0.0);
  }
  out.values.push_back(1.0);
  if (w.end < spec.run.end) {
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

void add_state(ScenarioSpec& spec, const Origin& at, StateSpec state) {
  for (const auto& s : spec.states)
    if (s.name == state.name)
      fail(at,
           "the pilot adds state '" + state.name + "', but the scenario has a state of that name already");
  spec.states.push_back(std::move(state));
}

std::string mark_on_entry(ScenarioSpec& spec, const Origin& at, const std::string& mark,
                          const std::vector<std::string>& states) {
  if (std::find(spec.marks.begin(), spec.marks.end(), mark) == spec.marks.end()) {
    if (spec.marks.size() == kMaxMarks)
      fail(at, "at most " + std::to_string(kMaxMarks) + " person marks per scenario");
    spec.marks.push_back(mark);
  }
  for (const auto& name : states)
    spec.states[static_cast<std::size_t>(state_index(spec, at, name))].mark = mark;
  return mark;
}

std::size_t add_transition(ScenarioSpec& spec, const Origin& at, const std::string& from,
                           const std::string& to, const Number& rate, const Piecewise& calendar,
                           const Piecewise& by_age, const Piecewise& by_duration) {
  state_index(spec, suffixed(at, " (from)"), from);
  state_index(spec, suffixed(at, " (to)"), to);
  for (const auto& existing : spec.transitions)
    if (existing.from == from && existing.to == to)
      fail(at, "the pilot adds " + from + "->" + to + ", but the scenario has that transition already");
  TransitionSpec t;
  t.from = from;
  t.to = to;
  t.rate = rate.value;
  t.by_calendar = calendar;
  t.by_age = by_age;
  t.by_duration = by_duration;
  // Multipliers by group given before a pilot's group existed apply 1 to it: none here yet.
  spec.transitions.push_back(std::move(t));
  if (const std::string why = transition_rule(spec, from, to); !why.empty()) fail(at, why);
  const std::size_t i = spec.transitions.size() - 1;
  attach(spec, rate, {ParameterTarget::Kind::transition_rate, i});
  return i;
}

void add_transitions(ScenarioSpec& spec, const std::vector<Rate>& rates, const std::string& state,
                     bool out_of_state, const Piecewise& calendar, const Piecewise& by_age,
                     const Piecewise& by_duration) {
  for (const auto& r : rates)
    add_transition(spec, r.rate.origin, out_of_state ? state : r.state, out_of_state ? r.state : state,
                   r.rate, calendar, by_age, by_duration);
}

std::size_t add_item(ScenarioSpec& spec, const Origin& at, MoneyItemSpec item) {
  for (const auto& existing : spec.money.items)
    if (existing.name == item.name)
      fail(at, "the pilot adds money item '" + item.name + "', but the scenario has an item of that name");
  if (item.end == 0) {
    item.start = spec.run.start;
    item.end = spec.run.end;
  }
  spec.money.items.push_back(std::move(item));
  return spec.money.items.size() - 1;
}

void set_amount(ScenarioSpec& spec, const Number& amount, const std::vector<std::size_t>& items) {
  for (std::size_t i : items) {
    spec.money.items[i].amount = amount.value;
    attach(spec, amount, {ParameterTarget::Kind::money_amount, i});
  }
}

void add_cost_per_year(ScenarioSpec& spec, const Number& cost, const std::string& name,
                       const std::string& description, MoneyKey key, const Window& w) {
  MoneyItemSpec item;
  item.name = name;
  item.description = description;
  item.basis = MoneyBasis::year;
  item.key = key;
  item.start = w.start;
  item.end = w.end;
  set_amount(spec, cost, {add_item(spec, cost.origin, item)});
}

namespace {

// Rewrites a capacity's table with one row per simulated year (the step function's value), so that places can
// be added in the pilot's years only; the rows that drawn places and earlier extras refer to move along.
void one_row_per_year(ScenarioSpec& spec, std::size_t ci) {
  CapacitySpec& cap = spec.capacities[ci];
  const int first = civil_from_days(spec.run.start).year, last = civil_from_days(spec.run.end - 1).year;
  std::vector<int> years;
  std::vector<std::vector<double>> places;
  std::vector<std::size_t> old_row;  // per new row
  for (int y = first; y <= last; ++y) {
    const auto it = std::upper_bound(cap.years.begin(), cap.years.end(), y);
    const std::size_t row =
        it == cap.years.begin() ? 0 : static_cast<std::size_t>(it - cap.years.begin() - 1);
    years.push_back(y);
    places.push_back(cap.places[row]);
    old_row.push_back(row);
  }
  const auto new_rows = [&](std::size_t begin, std::size_t end) {
    std::vector<std::size_t> out;
    for (std::size_t r = 0; r < old_row.size(); ++r)
      if (old_row[r] >= begin && old_row[r] < end) out.push_back(r);
    return out;
  };
  for (auto& u : spec.uncertain)
    for (auto& t : u.targets) {
      if (t.kind != ParameterTarget::Kind::capacity_places || t.object != ci) continue;
      const auto rows = new_rows(t.k, t.rows_end());
      // A base row the horizon does not reach keeps no row: the target then sets nothing.
      t.k = rows.empty() ? old_row.size() : rows.front();
      t.k_end = rows.empty() ? old_row.size() : rows.back() + 1;
    }
  for (auto& extra : cap.extras) {
    std::vector<std::size_t> rows;
    for (std::size_t r : extra.rows)
      for (std::size_t n : new_rows(r, r + 1)) rows.push_back(n);
    std::sort(rows.begin(), rows.end());
    extra.rows = std::move(rows);
  }
  cap.years = std::move(years);
  cap.places = std::move(places);
}

}  // namespace

void add_extra_places(ScenarioSpec& spec, const std::vector<Rate>& places, const Window& w) {
  const int first = civil_from_days(spec.run.start).year;
  for (const auto& entry : places) {
    const Origin& at = entry.rate.origin;
    state_index(spec, at, entry.state);
    auto cap = std::find_if(spec.capacities.begin(), spec.capacities.end(),
                            [&](const auto& k) { return k.state == entry.state; });
    if (cap == spec.capacities.end())
      fail(at, "expected a capacity state (one with [capacities." + entry.state + "]), got '" + entry.state +
                   "'");
    if (cap->per_gemeente)
      fail(at, "expected a regional capacity: [capacities." + entry.state + "] has places per gemeente");
    const std::size_t ci = static_cast<std::size_t>(cap - spec.capacities.begin());
    one_row_per_year(spec, ci);
    ExtraPlaces extra{at.path, {}, entry.rate.value};
    for (int y : years_of(w))
      if (y >= first && static_cast<std::size_t>(y - first) < spec.capacities[ci].years.size())
        extra.rows.push_back(static_cast<std::size_t>(y - first));
    spec.capacities[ci].extras.push_back(std::move(extra));
    attach(spec, entry.rate,
           {ParameterTarget::Kind::capacity_extra, ci, spec.capacities[ci].extras.size() - 1});
  }
}

void count_like(ScenarioSpec& spec, const std::string& state, const std::string& like) {
  auto& items = spec.money.items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    if (item.basis != MoneyBasis::person_year) continue;
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
    for (auto& u : spec.uncertain)
      for (std::size_t n = 0, end = u.targets.size(); n < end; ++n) {
        const ParameterTarget t = u.targets[n];
        if (t.kind == ParameterTarget::Kind::money_state_amount && t.object == i && t.k == k)
          u.targets.push_back({ParameterTarget::Kind::money_state_amount, i, copy});
      }
  }
}

void scale_for_mark(ScenarioSpec& spec, const std::vector<HazardScaling>& scale, const std::string& mark) {
  for (const auto& s : scale) {
    const Origin& at = s.factor.origin;
    auto it = std::find_if(spec.transitions.begin(), spec.transitions.end(),
                           [&](const auto& t) { return t.from == s.from && t.to == s.to; });
    if (it == spec.transitions.end())
      fail(at, "expected an existing transition to scale, got '" + s.from + "->" + s.to + "'");
    it->by_mark.push_back({mark, s.factor.value});
    attach(spec, s.factor,
           {ParameterTarget::Kind::transition_mark, static_cast<std::size_t>(it - spec.transitions.begin()),
            it->by_mark.size() - 1});
  }
}

}  // namespace ws::model::pilots
