// [capacities.<state>]: places of a capacity state per calendar year, one regional pool or one per gemeente.
#include <algorithm>
#include <map>

#include "sim/scenario/sections.hpp"

namespace ws::scenario {

using model::ScenarioSpec;

namespace {

std::optional<int> parse_year(const std::string& text) {
  if (text.size() != 4 ||
      !std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return std::nullopt;
  return std::stoi(text);
}

void read_capacity(Context& c, const std::string& name, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(t, p, {"per_gemeente", "places", "file", "description"});
  r.string_or(t, p, "description", "");
  const auto& state = c.spec.states[static_cast<std::size_t>(c.state(t, p, name))];
  if (state.kind != model::StateKind::capacity)
    r.fail(t, p, "expected the name of a state of kind \"capacity\", got '" + name + "'");
  model::CapacitySpec cap;
  cap.state = name;
  cap.per_gemeente = r.boolean_or(t, p, "per_gemeente", false);
  const std::size_t n_g = c.spec.gemeenten.size(), pools = cap.per_gemeente ? n_g : 1;
  auto module_ok = [&](std::size_t pool) {
    return !cap.per_gemeente || c.places_module(static_cast<int>(pool), state);
  };
  const CsvTable* file = nullptr;
  if (const Node* f = r.optional_file(t, p, "file")) {
    file = &r.csv(*f, p + ".file");
    file->require_columns({"year", "places"});
    if (cap.per_gemeente) file->require_columns({"gemeente"});
  }
  const Node* places = t.find("places");
  if (!file && !places) r.fail(t, p, "missing key 'places' or 'file' (the places per year)");
  if (places) r.expect_table(*places, p + ".places");
  // The years: every year either source names.
  for (const CsvTable::Row& row : file ? file->rows() : std::vector<CsvTable::Row>{})
    cap.years.push_back(file->integer(row, "year"));
  if (places)
    for (const auto& [key, value] : places->members) {
      const auto y = parse_year(key);
      if (!y) r.fail(value, join_path(p + ".places", key), "expected a calendar year such as 2025 as key");
      cap.years.push_back(*y);
    }
  std::sort(cap.years.begin(), cap.years.end());
  cap.years.erase(std::unique(cap.years.begin(), cap.years.end()), cap.years.end());
  cap.places.assign(cap.years.size(), std::vector<double>(pools, 0.0));
  auto year_index = [&](int y) {
    return static_cast<std::size_t>(std::lower_bound(cap.years.begin(), cap.years.end(), y) -
                                    cap.years.begin());
  };
  const std::size_t ci = c.spec.capacities.size();
  if (file) {
    std::map<std::pair<int, std::size_t>, int> seen;
    for (const auto& row : file->rows()) {
      const int year = file->integer(row, "year");
      std::size_t pool = 0;
      if (cap.per_gemeente) {
        const std::string& g = file->text(row, "gemeente");
        pool = n_g;
        for (std::size_t i = 0; i < n_g; ++i)
          if (c.spec.gemeenten[i].name == g) pool = i;
        if (pool == n_g) file->fail(row, "gemeente", "a gemeente of the scenario");
      }
      if (!seen.emplace(std::make_pair(year, pool), row.line).second)
        file->fail(row, cap.per_gemeente ? "each (year, gemeente) once" : "each year once");
      const double v = file->number(row, "places");
      if (v < 0) file->fail(row, "places", "a number of places >= 0 (a capacity cannot be negative)");
      if (v > 0 && !module_ok(pool))
        file->fail(row, "gemeente '" + c.spec.gemeenten[pool].name + "' does not place the module of '" +
                            name + "' at Werkzaak: expected 0 places");
      cap.places[year_index(year)][pool] = v;
    }
  }
  if (places)
    for (const auto& [key, value] : places->members) {
      const std::string kp = join_path(p + ".places", key);
      const std::size_t k = year_index(*parse_year(key));
      auto read_one = [&](const Node& n, const std::string& vp, std::size_t pool) {
        const double v = r.number(n, vp, non_negative("places"), T{K::capacity_places, ci, k, 0, pool});
        if (v > 0 && !module_ok(pool))
          r.fail(n, vp,
                 "gemeente '" + c.spec.gemeenten[pool].name + "' does not place the module of '" + name +
                     "' at Werkzaak: expected 0 places");
        cap.places[k][pool] = v;
      };
      if (cap.per_gemeente) {
        if (!value.is_table() || value.find("distribution"))
          r.fail(value, kp, "expected a table { gemeente = places, ... } (per_gemeente = true)");
        for (const auto& [g, v] : value.members)
          read_one(v, join_path(kp, g), static_cast<std::size_t>(c.gemeente(v, join_path(kp, g), g)));
      } else {
        read_one(value, kp, 0);
      }
    }
  c.spec.capacities.push_back(std::move(cap));
}

}  // namespace

void read_capacities(Context& c, const Node& root) {
  Reader& r = c.r;
  const Node* t = root.find("capacities");
  if (t) {
    r.expect_table(*t, "capacities");
    for (const auto& [name, value] : t->members) read_capacity(c, name, value, join_path("capacities", name));
  }
  for (const auto& s : c.spec.states) {
    if (s.kind != model::StateKind::capacity) continue;
    const bool found = std::any_of(c.spec.capacities.begin(), c.spec.capacities.end(),
                                   [&](const auto& cap) { return cap.state == s.name; });
    if (!found)
      r.fail(
          t ? *t : root, "capacities",
          "missing [capacities." + s.name + "]: capacity state '" + s.name + "' needs its places per year");
  }
}

}  // namespace ws::scenario
