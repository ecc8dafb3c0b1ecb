// [transitions."from->to"]: the competing risks and their proportional-hazards multipliers.
#include <algorithm>

#include "sim/common/date.hpp"
#include "sim/common/text.hpp"
#include "sim/model/state_graph.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

namespace {

using model::Piecewise;
using model::ScenarioSpec;
using model::TransitionSpec;

enum class Clock { age, duration, calendar, permit };

struct ClockInfo {
  const char* key;
  Piecewise TransitionSpec::*member;
  Clock clock;
};

// A break value from an inline array item or a CSV field.
double break_from_node(Context& c, const Node& n, const std::string& path, Clock clock) {
  if (clock == Clock::calendar) return static_cast<double>(c.r.date(n, path));
  return c.r.number(n, path, clock == Clock::age ? Bounds{0, 130, "years of age"} : non_negative("years"),
                    nullptr);
}

void check_breaks(Context& c, const Node& at, const std::string& path, Clock clock,
                  const std::vector<double>& breaks) {
  for (std::size_t k = 1; k < breaks.size(); ++k)
    if (!(breaks[k] > breaks[k - 1]))
      c.r.fail(at, path,
               "expected breaks in ascending order (break " + std::to_string(k + 1) + " is not above break " +
                   std::to_string(k) + ")");
  if (clock != Clock::calendar) return;
  const auto& run = c.spec.run;
  for (const double b : breaks)
    if (b < static_cast<double>(run.start) || b > static_cast<double>(run.end))
      c.r.fail(at, path,
               "expected calendar breaks within the horizon [" + format_iso_date(run.start) + ", " +
                   format_iso_date(run.end) + "], got " + format_iso_date(static_cast<model::Day>(b)));
}

Piecewise read_piecewise(Context& c, const Node& n, const std::string& p, Clock clock,
                         std::size_t transition) {
  Reader& r = c.r;
  r.expect_table(n, p);
  Piecewise out;
  if (const Node* file = n.find("file")) {
    r.check_keys(n, p, {"file"});
    const CsvTable& csv = r.csv(*file, p + ".file");
    csv.require_columns({"from", "multiplier"});
    for (const auto& row : csv.rows()) {
      double from = 0;
      if (clock == Clock::calendar) {
        from = static_cast<double>(csv.date(row, "from"));
      } else {
        from = csv.non_negative(row, "from");
      }
      if (&row != &csv.rows().front()) out.breaks.push_back(from);
      out.values.push_back(csv.non_negative(row, "multiplier", plausible::kMaxMultiplier));
    }
    if (out.values.empty()) r.fail(*file, p + ".file", "expected at least one row in " + csv.display());
    check_breaks(c, *file, p + ".file (column from)", clock, out.breaks);
    return out;
  }
  r.check_keys(n, p, {"breaks", "values", "file"});
  const Node& breaks = r.expect_array(r.required(n, p, "breaks"), p + ".breaks");
  const Node& values = r.expect_array(r.required(n, p, "values"), p + ".values");
  for (std::size_t k = 0; k < breaks.items.size(); ++k)
    out.breaks.push_back(break_from_node(c, breaks.items[k], index_path(p + ".breaks", k), clock));
  check_breaks(c, breaks, p + ".breaks", clock, out.breaks);
  if (values.items.size() != out.breaks.size() + 1)
    r.fail(values, p + ".values",
           "expected " + std::to_string(out.breaks.size() + 1) + " values (one more than the " +
               std::to_string(out.breaks.size()) +
               " breaks: below the first, between each, above the last), got " +
               std::to_string(values.items.size()));
  for (std::size_t k = 0; k < values.items.size(); ++k)
    out.values.push_back(r.number(values.items[k], index_path(p + ".values", k),
                                  non_negative("multiplier", plausible::kMaxMultiplier),
                                  T{K::transition_piece, transition, k, 0, static_cast<std::size_t>(clock)}));
  return out;
}

// { name = multiplier, ... } for gemeenten, sexes or groups; names not given keep 1.
template <class Index>
std::vector<double> read_by_name(Context& c, const Node& n, const std::string& p, std::size_t size,
                                 Index index, std::size_t transition, model::ParameterTarget::Kind kind) {
  c.r.expect_table(n, p);
  std::vector<double> out(size, 1.0);
  for (const auto& [name, value] : n.members) {
    const std::string vp = join_path(p, name);
    const auto k = static_cast<std::size_t>(index(value, vp, name));
    out[k] =
        c.r.number(value, vp, non_negative("multiplier", plausible::kMaxMultiplier), T{kind, transition, k});
  }
  return out;
}

// by_attribute = { ATTRIBUTE = { level = multiplier, ... }, ... }; levels not given keep 1.
void read_by_attribute(Context& c, const Node& n, const std::string& p, std::size_t transition) {
  Reader& r = c.r;
  r.expect_table(n, p);
  if (is_distribution(n)) r.fail(n, p, "expected a table { attribute = { level = multiplier, ... } }");
  std::vector<std::string> declared;
  for (const auto& a : c.spec.attributes) declared.push_back(a.name);
  for (const auto& [name, levels] : n.members) {
    const std::string ap = join_path(p, name);
    const auto it = std::find(declared.begin(), declared.end(), name);
    if (it == declared.end()) {
      const std::string suggestion = closest_match(name, declared);
      r.fail(levels, ap,
             "unknown attribute '" + name + "'" +
                 (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
                 " (declare it under [attributes." + name + "])");
    }
    const model::AttributeSpec& attribute =
        c.spec.attributes[static_cast<std::size_t>(it - declared.begin())];
    auto& by_attribute = c.spec.transitions[transition].by_attribute;
    const std::size_t k = by_attribute.size();
    by_attribute.push_back({name, std::vector<double>(attribute.levels.size(), 1.0)});
    const auto index = [&](const Node& at, const std::string& vp, const std::string& level) {
      for (std::size_t l = 0; l < attribute.levels.size(); ++l)
        if (attribute.levels[l] == level) return static_cast<int>(l);
      r.fail(at, vp, "unknown level '" + level + "' of attribute '" + attribute.name + "'");
    };
    r.expect_table(levels, ap);
    for (const auto& [level, value] : levels.members) {
      const std::string vp = join_path(ap, level);
      const auto l = static_cast<std::size_t>(index(value, vp, level));
      c.spec.transitions[transition].by_attribute[k].multiplier[l] =
          r.number(value, vp, non_negative("multiplier", plausible::kMaxMultiplier),
                   T{K::transition_attribute, transition, k, 0, l});
    }
  }
}

}  // namespace

void read_transitions(Context& c, const Node& root) {
  Reader& r = c.r;
  const Node* t = root.find("transitions");
  if (!t) return;
  r.expect_table(*t, "transitions");
  for (const auto& [key, value] : t->members) {
    const std::string p = join_path("transitions", key);
    r.expect_table(value, p);
    r.check_keys(value, p,
                 {"rate", "by_age", "by_duration", "by_calendar", "by_time_since_permit", "by_gemeente",
                  "by_sex", "by_group", "by_attribute", "enabled", "description"});
    r.string_or(value, p, "description", "");
    if (!r.boolean_or(value, p, "enabled", true)) continue;
    const auto arrow = key.find("->");
    if (arrow == std::string::npos || key.find("->", arrow + 2) != std::string::npos)
      r.fail(value, p, "expected a key \"from->to\" naming two states");
    auto trim = [](std::string s) {
      while (!s.empty() && s.front() == ' ') s.erase(s.begin());
      while (!s.empty() && s.back() == ' ') s.pop_back();
      return s;
    };
    TransitionSpec spec;
    spec.from = trim(key.substr(0, arrow));
    spec.to = trim(key.substr(arrow + 2));
    const auto& from = c.spec.states[static_cast<std::size_t>(c.state(value, p + " (from)", spec.from))];
    const auto& to = c.spec.states[static_cast<std::size_t>(c.state(value, p + " (to)", spec.to))];
    const std::size_t i = c.spec.transitions.size();
    c.spec.transitions.push_back(spec);
    if (const std::string why = model::transition_rule(c.spec, from.name, to.name); !why.empty())
      r.fail(value, p, why);
    const double rate =
        r.number(r.required(value, p, "rate"), p + ".rate",
                 non_negative("per year", plausible::kMaxRatePerYear), T{K::transition_rate, i});
    c.spec.transitions[i].rate = rate;
    const ClockInfo clocks[] = {
        {"by_age", &TransitionSpec::by_age, Clock::age},
        {"by_duration", &TransitionSpec::by_duration, Clock::duration},
        {"by_calendar", &TransitionSpec::by_calendar, Clock::calendar},
        {"by_time_since_permit", &TransitionSpec::by_time_since_permit, Clock::permit}};
    for (const auto& clock : clocks)
      if (const Node* n = value.find(clock.key)) {
        Piecewise pw = read_piecewise(c, *n, join_path(p, clock.key), clock.clock, i);
        c.spec.transitions[i].*clock.member = std::move(pw);
      }
    auto& spec_i = c.spec.transitions;
    if (const Node* n = value.find("by_gemeente")) {
      auto v = read_by_name(
          c, *n, p + ".by_gemeente", c.spec.gemeenten.size(),
          [&](const Node& at, const std::string& vp, const std::string& name) {
            return c.gemeente(at, vp, name);
          },
          i, K::transition_gemeente);
      spec_i[i].gemeente_multiplier = std::move(v);
    }
    if (const Node* n = value.find("by_sex")) {
      auto v = read_by_name(
          c, *n, p + ".by_sex", 2,
          [&](const Node& at, const std::string& vp, const std::string& name) {
            if (name == "men") return 0;
            if (name == "women") return 1;
            r.fail(at, vp, "unknown key; expected men or women");
          },
          i, K::transition_sex);
      spec_i[i].sex_multiplier = std::move(v);
    }
    if (const Node* n = value.find("by_group")) {
      auto v = read_by_name(
          c, *n, p + ".by_group", c.spec.groups.size(),
          [&](const Node& at, const std::string& vp, const std::string& name) {
            return c.group(at, vp, name);
          },
          i, K::transition_group);
      spec_i[i].group_multiplier = std::move(v);
    }
    if (const Node* n = value.find("by_attribute")) read_by_attribute(c, *n, p + ".by_attribute", i);
  }
}

}  // namespace ws::scenario
