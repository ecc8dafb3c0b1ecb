// [pilots.nieuwe_doelgroepen]: Werkzaak's infrastructure opened to new target groups (WW/WIA recipients of
// the UWV, vulnerable youth). Expansion, for each group under [pilots.nieuwe_doelgroepen.groups.<name>]:
//   group, state   <name>: a trajectory at Werkzaak (re-integration, development), entered by an arrival
//                  stream <name> within [start, end), shared over the gemeenten placing the Participatiewet
//                  at Werkzaak by population
//   transitions    <name>->x for `outflow` (regular work, the tussengroep and its waiting list, ...)
//   money          funding per intake and per person-year, support cost; the group's persons receive no
//                  bijstand in the states `no_benefit_in` (they are excluded from the `benefit_items`)
// and for the pilot as a whole extra places (the tussengroep) and a project cost per year.
#include <numeric>

#include "sim/scenario/money_sections.hpp"

namespace ws::scenario::pilot {

using model::ScenarioSpec;

namespace {

std::vector<std::string> names(const Reader& r, const Node& n, const std::string& path) {
  r.expect_array(n, path);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n.items.size(); ++k) out.push_back(r.string(n.items[k], index_path(path, k)));
  return out;
}

void add_group(Context& c, const Node& at, const std::string& path, const std::string& name) {
  for (const auto& g : c.spec.groups)
    if (g.name == name)
      c.r.fail(at, path, "the pilot adds group '" + name + "', but the scenario has a group of that name");
  c.spec.groups.push_back({name, false});
  // Multipliers by group given before the group existed: 1 for the new one.
  for (auto& t : c.spec.transitions)
    if (!t.group_multiplier.empty()) t.group_multiplier.push_back(1.0);
}

void add_stream(Context& c, const Node& t, const std::string& p, const std::string& name, const Window& w) {
  Reader& r = c.r;
  const std::size_t a = c.spec.arrivals.size();
  c.spec.arrivals.emplace_back();
  model::ArrivalSpec stream;
  stream.name = name;
  stream.into = name;
  stream.group = name;
  stream.age = read_age_distribution(c, r.required(t, p, "age"), p + ".age", a);
  stream.share_women = r.number_or(t, p, "share_women", 0.5, share(),
                                   [a](ScenarioSpec& s, double v) { s.arrivals[a].share_women = v; });
  // Whole-area persons per year, shared by population over the gemeenten that can receive them.
  const auto& state = c.spec.states[static_cast<std::size_t>(c.state(t, p, name))];
  std::vector<double> weight(c.spec.gemeenten.size(), 0.0);
  for (std::size_t g = 0; g < weight.size(); ++g)
    if (c.places_module(static_cast<int>(g), state)) weight[g] = c.spec.gemeenten[g].inhabitants;
  const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
  if (!(total > 0)) r.fail(t, p, "expected at least one gemeente placing the Participatiewet at Werkzaak");
  for (double& x : weight) x /= total;
  const auto& run = c.spec.run;
  stream.period_start.push_back(run.start);
  std::size_t active = 0;
  if (w.start > run.start) {
    stream.period_start.push_back(w.start);
    active = 1;
  }
  if (w.end < run.end) stream.period_start.push_back(w.end);
  stream.rate.assign(stream.period_start.size(), std::vector<double>(weight.size(), 0.0));
  const double inflow =
      r.number(r.required(t, p, "inflow_per_year"), p + ".inflow_per_year", non_negative("persons per year"),
               [a, active, weight](ScenarioSpec& s, double v) {
                 for (std::size_t g = 0; g < weight.size(); ++g)
                   s.arrivals[a].rate[active][g] = v * weight[g];
               });
  for (std::size_t g = 0; g < weight.size(); ++g) stream.rate[active][g] = inflow * weight[g];
  c.spec.arrivals[a] = std::move(stream);
}

void read_group(Context& c, const Node& pilot, const std::string& name, const Node& t, const std::string& p,
                const Window& w) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(
      t, p,
      {"description", "inflow_per_year", "age", "share_women", "outflow", "at_werkzaak", "no_benefit_in",
       "funded_in", "funding_per_intake", "funding_per_person_year", "support_cost_per_person_year"});
  if (name.empty() || name == "in" || name.find("->") != std::string::npos)
    r.fail(t, p, "expected a group name without '->' and other than 'in' (it names a state too)");
  add_group(c, t, p, name);
  model::StateSpec state;
  state.name = name;
  state.description = r.string_or(t, p, "description", "new target group in a trajectory at Werkzaak");
  state.module = model::Module::participatiewet;
  state.at_werkzaak = r.boolean_or(t, p, "at_werkzaak", true);  // revenue per person-year, the use key
  add_state(c, t, p, state);
  add_stream(c, t, p, name, w);
  add_transitions_from_table(c, r.required(t, p, "outflow"), p + ".outflow", name, /*out_of_state=*/true);

  model::MoneyItemSpec intake;
  intake.name = name + "_instroomfinanciering";
  intake.description = "funding per person entering the trajectory (" + name + ")";
  intake.sign = +1;
  intake.basis = model::MoneyBasis::transition;
  intake.transitions = {"in->" + name};
  const std::size_t per_intake = add_item(c, t, p, intake);
  model::MoneyItemSpec funding;
  funding.name = name + "_financiering";
  funding.description = "funding per person-year of the group at Werkzaak (" + name + ")";
  funding.sign = +1;
  funding.basis = model::MoneyBasis::person_year;
  funding.groups = {name};
  funding.states = {name};
  if (const Node* f = t.find("funded_in")) {
    funding.states = names(r, *f, p + ".funded_in");
    for (std::size_t k = 0; k < funding.states.size(); ++k)
      c.state(f->items[k], index_path(p + ".funded_in", k), funding.states[k]);
  }
  const std::size_t per_year = add_item(c, t, p, funding);
  model::MoneyItemSpec support;
  support.name = name + "_begeleiding";
  support.description = "support (begeleiding) per person-year in the trajectory (" + name + ")";
  support.basis = model::MoneyBasis::person_year;
  support.states = {name};
  const std::size_t cost = add_item(c, t, p, support);
  item_amount(c, t, p, "funding_per_intake", 0.0, {per_intake});
  item_amount(c, t, p, "funding_per_person_year", 0.0, {per_year});
  item_amount(c, t, p, "support_cost_per_person_year", 0.0, {cost});

  // No bijstand for them where they are at Werkzaak's services.
  if (const Node* n = t.find("no_benefit_in")) {
    model::MoneyExclusion exclusion{name, names(r, *n, p + ".no_benefit_in")};
    for (std::size_t k = 0; k < exclusion.states.size(); ++k)
      c.state(n->items[k], index_path(p + ".no_benefit_in", k), exclusion.states[k]);
    const Node* benefit = pilot.find("benefit_items");
    if (!benefit)
      r.fail(*n, p + ".no_benefit_in",
             "expected pilots.nieuwe_doelgroepen.benefit_items naming the money items that pay bijstand");
    const std::string bp = "pilots.nieuwe_doelgroepen.benefit_items";
    const auto items = names(r, *benefit, bp);
    for (std::size_t k = 0; k < items.size(); ++k) {
      auto it = std::find_if(c.spec.money.items.begin(), c.spec.money.items.end(),
                             [&](const auto& i) { return i.name == items[k]; });
      if (it == c.spec.money.items.end() || it->basis != model::MoneyBasis::person_year)
        r.fail(benefit->items[k], index_path(bp, k),
               "expected a money item with per = \"person_year\", got '" + items[k] + "'");
      it->exclude.push_back(exclusion);
    }
  }
}

}  // namespace

void read_nieuwe_doelgroepen(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.check_keys(
      t, p,
      {"enabled", "description", "start", "end", "groups", "benefit_items", "extra_places", "cost_per_year"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  const Window w = read_window(c, t, p);
  const Node& groups = r.expect_table(r.required(t, p, "groups"), p + ".groups");
  if (groups.members.empty()) r.fail(groups, p + ".groups", "expected at least one group");
  for (const auto& [name, value] : groups.members)
    read_group(c, t, name, value, join_path(p + ".groups", name), w);
  add_cost_per_year(c, t, p, "nieuwe_doelgroepen_projectkosten",
                    "project cost of the pilot Nieuwe doelgroepen",
                    model::MoneyKey::population_participatiewet, w);
  if (const Node* places = t.find("extra_places")) add_extra_places(c, *places, p + ".extra_places", w);
}

}  // namespace ws::scenario::pilot
