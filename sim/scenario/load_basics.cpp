// [scenario], [gemeenten], [groups], [states], [mortality] and [aow].
#include <set>

#include "sim/common/date.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

using model::ScenarioSpec;

namespace {

// Lower bounds in whole years, strictly ascending, at most one band per year of age.
void read_age_bands(Reader& r, const Node& n, const std::string& path, std::vector<int>& bands) {
  const Node& list = r.expect_array(n, path);
  if (list.items.empty() || list.items.size() > 50)
    r.fail(n, path, "expected 1 to 50 lower bounds of age bands in years, e.g. [15, 20, 25]");
  bands.clear();
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const int lower = r.integer(list.items[i], index_path(path, i), 0, 120);
    if (!bands.empty() && lower <= bands.back())
      r.fail(list.items[i], index_path(path, i),
             "expected ascending lower bounds, each above the one before (" + std::to_string(bands.back()) +
                 ")");
    bands.push_back(lower);
  }
}

}  // namespace

void read_run(Context& c, const Node& root) {
  Reader& r = c.r;
  const std::string p = "scenario";
  const Node& t = r.expect_table(r.required(root, "", p), p);
  r.check_keys(
      t, p,
      {"name", "description", "start", "end", "seed", "replications", "output_interval_months", "age_bands"});
  const Node& name = r.required(t, p, "name");
  c.spec.name = r.string(name, p + ".name");
  if (c.spec.name.empty()) r.fail(name, p + ".name", "expected a non-empty name");
  c.spec.description = r.string_or(t, p, "description", "");
  auto& run = c.spec.run;
  run.start = r.date(r.required(t, p, "start"), p + ".start");
  const Node& end = r.required(t, p, "end");
  run.end = r.date(end, p + ".end");
  const auto year = [](model::Day day) { return std::stoi(format_iso_date(day).substr(0, 4)); };
  if (year(run.start) < plausible::kFirstYear || year(run.start) > plausible::kLastYear)
    r.fail(r.required(t, p, "start"), p + ".start",
           "expected a date in the years " + std::to_string(plausible::kFirstYear) + "-" +
               std::to_string(plausible::kLastYear) + ", got " + format_iso_date(run.start));
  if (run.end <= run.start)
    r.fail(end, p + ".end", "expected a date after scenario.start (" + format_iso_date(run.start) + ")");
  if (year(run.end) - year(run.start) > plausible::kMaxHorizonYears)
    r.fail(end, p + ".end",
           "expected at most " + std::to_string(plausible::kMaxHorizonYears) +
               " years after scenario.start (" + format_iso_date(run.start) + "), got " +
               format_iso_date(run.end));
  if (const Node* seed = t.find("seed")) {
    if (seed->type != Node::Type::integer || seed->integer < 0)
      r.fail(*seed, p + ".seed", "expected a whole number >= 0");
    run.seed = static_cast<std::uint64_t>(seed->integer);
  }
  if (const Node* n = t.find("replications"))
    run.replications = r.integer(*n, p + ".replications", 1, 1000000);
  if (const Node* n = t.find("output_interval_months"))
    run.output_interval_months = r.integer(*n, p + ".output_interval_months", 1, 120);
  if (const Node* n = t.find("age_bands")) read_age_bands(r, *n, p + ".age_bands", run.age_bands);
}

void read_gemeenten(Context& c, const Node& root) {
  Reader& r = c.r;
  const std::string p = "gemeenten";
  const Node& t = r.expect_table(r.required(root, "", p), p);
  r.check_keys(t, p, {"file"});
  const CsvTable& csv = r.csv(r.required(t, p, "file"), p + ".file");
  csv.require_columns({"gemeente", "inhabitants", "wsw_at_werkzaak", "participatiewet_at_werkzaak"});
  std::set<std::string> seen;
  for (const auto& row : csv.rows()) {
    model::GemeenteSpec g;
    g.name = csv.text(row, "gemeente");
    if (g.name.empty()) csv.fail(row, "gemeente", "a gemeente name");
    if (!seen.insert(g.name).second) csv.fail(row, "gemeente", "each gemeente once");
    g.inhabitants = csv.persons(row, "inhabitants", 1, plausible::kMaxInhabitants);
    g.wsw_at_werkzaak = csv.boolean(row, "wsw_at_werkzaak");
    g.participatiewet_at_werkzaak = csv.boolean(row, "participatiewet_at_werkzaak");
    c.spec.gemeenten.push_back(g);
  }
  if (c.spec.gemeenten.empty())
    r.fail(t.find("file") ? *t.find("file") : t, p + ".file", "expected at least one gemeente");
}

void read_groups(Context& c, const Node& root) {
  Reader& r = c.r;
  c.spec.groups.push_back({"general", false});  // always group 0: everyone without a specific origin
  const Node* t = root.find("groups");
  if (!t) return;
  r.expect_table(*t, "groups");
  for (const auto& [name, value] : t->members) {
    const std::string p = join_path("groups", name);
    r.expect_table(value, p);
    r.check_keys(value, p, {"has_permit_date", "description"});
    r.string_or(value, p, "description", "");
    const bool permit = r.boolean_or(value, p, "has_permit_date", false);
    if (name == "general") {
      if (permit)
        r.fail(value, p + ".has_permit_date", "expected false: the general group has no permit date");
      continue;
    }
    c.spec.groups.push_back({name, permit});
  }
}

namespace {

model::StateKind state_kind(const Reader& r, const Node& n, const std::string& path) {
  const std::string k = r.string(n, path);
  if (k == "living") return model::StateKind::living;
  if (k == "capacity") return model::StateKind::capacity;
  if (k == "waiting") return model::StateKind::waiting;
  if (k == "exit") return model::StateKind::exit;
  r.fail(n, path, "expected one of living, capacity, waiting, exit, got \"" + k + "\"");
}

model::Module state_module(const Reader& r, const Node& n, const std::string& path) {
  const std::string m = r.string(n, path);
  if (m == "none") return model::Module::none;
  if (m == "wsw") return model::Module::wsw;
  if (m == "participatiewet") return model::Module::participatiewet;
  r.fail(n, path, "expected one of none, wsw, participatiewet, got \"" + m + "\"");
}

}  // namespace

void read_states(Context& c, const Node& root) {
  Reader& r = c.r;
  const Node& t = r.expect_table(r.required(root, "", "states"), "states");
  for (const auto& [name, value] : t.members) {
    const std::string p = join_path("states", name);
    r.expect_table(value, p);
    r.check_keys(value, p,
                 {"description", "kind", "module", "waiting_state", "mortality_multiplier", "working",
                  "at_werkzaak", "labour_years_per_person_year"});
    if (name.find("->") != std::string::npos || name == "in" || name.empty())
      r.fail(value, p, "expected a state name without '->' and other than 'in' (both name transitions)");
    model::StateSpec s;
    s.name = name;
    s.description = r.string_or(value, p, "description", "");
    if (const Node* k = value.find("kind")) s.kind = state_kind(r, *k, p + ".kind");
    if (const Node* m = value.find("module")) s.module = state_module(r, *m, p + ".module");
    s.waiting_state = r.string_or(value, p, "waiting_state", "");
    const std::size_t i = c.spec.states.size();
    s.mortality_multiplier =
        r.number_or(value, p, "mortality_multiplier", 1.0, non_negative("times the hazard"),
                    T{K::state_mortality_multiplier, i});
    s.labour_years_per_person_year =
        r.number_or(value, p, "labour_years_per_person_year", 0.0, non_negative("AJ per person-year", 2.0),
                    T{K::state_labour_years, i});
    s.working = r.boolean_or(value, p, "working", false);
    s.at_werkzaak = r.boolean_or(value, p, "at_werkzaak", false);
    c.spec.states.push_back(s);
  }
  // The references between states, now that all are known.
  bool has_exit = false;
  for (const auto& [name, value] : t.members) {
    const std::string p = join_path("states", name);
    const auto& s = c.spec.states[static_cast<std::size_t>(c.state(value, p, name))];
    has_exit = has_exit || s.kind == model::StateKind::exit;
    if (s.kind == model::StateKind::capacity) {
      if (s.waiting_state.empty())
        r.fail(value, p, "missing key 'waiting_state' (a capacity state names the state its queue waits in)");
      const Node& w = *value.find("waiting_state");
      const auto& waiting =
          c.spec.states[static_cast<std::size_t>(c.state(w, p + ".waiting_state", s.waiting_state))];
      if (waiting.kind != model::StateKind::waiting)
        r.fail(w, p + ".waiting_state", "expected a state of kind \"waiting\", got '" + waiting.name + "'");
      for (const auto& other : c.spec.states)
        if (other.kind == model::StateKind::capacity && other.name != s.name &&
            other.waiting_state == s.waiting_state)
          r.fail(w, p + ".waiting_state",
                 "expected a waiting state of its own; '" + s.waiting_state + "' already serves '" +
                     other.name + "'");
      if (waiting.module != s.module) {
        // Blame whichever of the three keys was written last: a child may have changed either module.
        const Node* waiting_table = t.find(s.waiting_state);
        std::pair<const Node*, std::string> blamed{&w, p + ".waiting_state"};
        for (std::pair<const Node*, std::string> module :
             {std::pair<const Node*, std::string>{value.find("module"), p + ".module"},
              {waiting_table ? waiting_table->find("module") : nullptr,
               join_path("states", s.waiting_state) + ".module"}})
          if (module.first != nullptr && &written_last(*blamed.first, *module.first) == module.first)
            blamed = module;
        r.fail(*blamed.first, blamed.second,
               "expected a waiting state of the same module as '" + s.name + "' (waiting_state = '" +
                   s.waiting_state + "')");
      }
    } else if (!s.waiting_state.empty()) {
      // Blame whichever of kind and waiting_state was written last (a child that changed the kind).
      const Node& w = *value.find("waiting_state");
      const Node* k = value.find("kind");
      const bool kind_last = k != nullptr && &written_last(w, *k) == k;
      r.fail(kind_last ? *k : w, p + (kind_last ? ".kind" : ".waiting_state"),
             "only a state of kind \"capacity\" has a waiting state (waiting_state = '" + s.waiting_state +
                 "')");
    }
    if (s.kind == model::StateKind::waiting) {
      bool owned = false;
      for (const auto& other : c.spec.states) owned = owned || other.waiting_state == s.name;
      if (!owned) r.fail(value, p + ".kind", "a waiting state must be the waiting_state of a capacity state");
    }
  }
  if (!has_exit) r.fail(t, "states", "expected at least one state of kind \"exit\"");
}

namespace {

void check_exit_state(Context& c, const Node& table, const std::string& path, std::string& exit_state) {
  const Node* n = table.find("exit_state");
  if (!n) return;
  exit_state = c.r.string(*n, path);
  if (exit_state.empty()) return;  // switches this demographic exit off
  const auto& s = c.spec.states[static_cast<std::size_t>(c.state(*n, path, exit_state))];
  if (s.kind != model::StateKind::exit)
    c.r.fail(*n, path, "expected a state of kind \"exit\", got '" + s.name + "'");
}

}  // namespace

void read_mortality(Context& c, const Node& root) {
  Reader& r = c.r;
  const std::string p = "mortality";
  const Node& t = r.expect_table(r.required(root, "", p), p);
  r.check_keys(t, p, {"gompertz_a", "gompertz_b", "women_multiplier", "level", "exit_state"});
  auto& m = c.spec.mortality;
  m.gompertz_a = r.number(r.required(t, p, "gompertz_a"), p + ".gompertz_a", positive("per year at age 0"),
                          T{K::mortality_gompertz_a});
  m.gompertz_b = r.number(r.required(t, p, "gompertz_b"), p + ".gompertz_b", non_negative("per year of age"),
                          T{K::mortality_gompertz_b});
  m.women_multiplier = r.number_or(t, p, "women_multiplier", 1.0, non_negative("times the men's hazard"),
                                   T{K::mortality_women});
  m.level = r.number_or(t, p, "level", 1.0, non_negative("times the hazard"), T{K::mortality_level});
  check_exit_state(c, t, p + ".exit_state", m.exit_state);
  if (!m.exit_state.empty() && !c.has_state(m.exit_state))
    r.fail(t, p, "expected key 'exit_state': there is no state '" + m.exit_state + "'");
}

void read_aow(Context& c, const Node& root) {
  Reader& r = c.r;
  const std::string p = "aow";
  const Node& t = r.expect_table(r.required(root, "", p), p);
  r.check_keys(t, p, {"file", "months_per_year_after", "exit_state"});
  auto& aow = c.spec.aow;
  const CsvTable& csv = r.csv(r.required(t, p, "file"), p + ".file");
  csv.require_columns({"year", "aow_age_years", "aow_age_months"});
  for (const auto& row : csv.rows()) {
    const int year = csv.integer(row, "year");
    if (!aow.years.empty() && year != aow.years.back() + 1)
      csv.fail(row, "year",
               "the year after " + std::to_string(aow.years.back()) + " (years ascending, no gaps)");
    const int years = csv.integer(row, "aow_age_years");
    const int months = csv.integer(row, "aow_age_months");
    if (years < 50 || years > 90) csv.fail(row, "aow_age_years", "an age in years between 50 and 90");
    if (months < 0 || months > 11) csv.fail(row, "aow_age_months", "months between 0 and 11");
    aow.years.push_back(year);
    aow.age_months.push_back(years * 12 + months);
  }
  const Node& file = *t.find("file");
  if (aow.years.empty()) r.fail(file, p + ".file", "expected at least one year in " + csv.display());
  const int start_year = civil_from_days(c.spec.run.start).year;
  if (aow.years.front() > start_year)
    r.fail(file, p + ".file",
           "expected the schedule to start at or before the scenario's start year " +
               std::to_string(start_year) + " (" + csv.display() + " starts in " +
               std::to_string(aow.years.front()) + ")");
  aow.months_per_year_after = r.number_or(t, p, "months_per_year_after", 0.0, non_negative("months per year"),
                                          T{K::aow_months_per_year_after});
  check_exit_state(c, t, p + ".exit_state", aow.exit_state);
  if (!aow.exit_state.empty() && !c.has_state(aow.exit_state))
    r.fail(t, p, "expected key 'exit_state': there is no state '" + aow.exit_state + "'");
}

}  // namespace ws::scenario
