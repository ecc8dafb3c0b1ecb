// Pilot "Nieuwe doelgroepen": Werkzaak's infrastructure opened to new target groups (WW/WIA recipients of the
// UWV, vulnerable youth). Expansion, for each group:
//   group, state   <name>: a trajectory at Werkzaak, entered by an arrival stream <name> within the window,
//                  shared over the gemeenten placing the Participatiewet at Werkzaak by population; entering
//                  it marks the person as a participant (for `scale`)
//   transitions    <name>->x for `outflow` (regular work, the tussengroep and its waiting list, ...)
//   money          funding per intake and per person-year, support cost; the group's persons receive no
//                  bijstand in the states `no_benefit_in` (they are excluded from the `benefit_items`)
//   uwv_benefit    (WW/WIA recipients) the benefit they keep, a state of its own paid by the UWV: their
//                  transitions into bijstand from the trajectory and from `no_benefit_in` lead to it instead,
//                  and from it to work or, when a WW entitlement ends, to bijstand
// and for the pilot as a whole extra places (the tussengroep) and a project cost per year.
#include <algorithm>
#include <numeric>

#include "sim/model/pilots/expand.hpp"

namespace ws::model::pilots {
namespace {

void add_group(ScenarioSpec& spec, const Origin& at, const std::string& name) {
  for (const auto& g : spec.groups)
    if (g.name == name)
      fail(at, "the pilot adds group '" + name + "', but the scenario has a group of that name");
  spec.groups.push_back({name, false});
  // Multipliers by group given before the group existed: 1 for the new one.
  for (auto& t : spec.transitions)
    if (!t.group_multiplier.empty()) t.group_multiplier.push_back(1.0);
}

bool places_participatiewet(const GemeenteSpec& g) { return g.participatiewet_at_werkzaak; }

void add_stream(ScenarioSpec& spec, const NewTargetGroup& group, const Window& w) {
  const std::size_t a = spec.arrivals.size();
  ArrivalSpec stream;
  stream.name = group.name;
  stream.into = group.name;
  stream.group = group.name;
  stream.age = group.age;
  stream.share_women = group.share_women.value;
  // Whole-area persons per year, shared by population over the gemeenten that can receive them.
  std::vector<double> weight(spec.gemeenten.size(), 0.0);
  for (std::size_t g = 0; g < weight.size(); ++g)
    if (places_participatiewet(spec.gemeenten[g])) weight[g] = spec.gemeenten[g].inhabitants;
  const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
  if (!(total > 0))
    fail(group.origin, "expected at least one gemeente placing the Participatiewet at Werkzaak");
  for (double& x : weight) x /= total;
  stream.period_start.push_back(spec.run.start);
  std::size_t active = 0;
  if (w.start > spec.run.start) {
    stream.period_start.push_back(w.start);
    active = 1;
  }
  if (w.end < spec.run.end) stream.period_start.push_back(w.end);
  stream.rate.assign(stream.period_start.size(), std::vector<double>(weight.size(), 0.0));
  for (std::size_t g = 0; g < weight.size(); ++g) stream.rate[active][g] = group.inflow.value * weight[g];
  spec.arrivals.push_back(std::move(stream));
  for (std::size_t k = 0; k < group.age_weight_slots.size(); ++k)
    attach(spec, Number{0, group.age_weight_slots[k], {}}, {ParameterTarget::Kind::arrival_age_weight, a, k});
  attach(spec, group.share_women, {ParameterTarget::Kind::arrival_share_women, a});
  for (std::size_t g = 0; g < weight.size(); ++g)
    attach(spec, group.inflow, {ParameterTarget::Kind::arrival_rate, a, active, 0, g, weight[g]});
}

void expand_group(ScenarioSpec& spec, const NieuweDoelgroepen& pilot, const NewTargetGroup& group) {
  add_group(spec, group.origin, group.name);
  StateSpec state;
  state.name = group.name;
  state.description = group.description;
  state.module = Module::participatiewet;
  state.at_werkzaak = group.at_werkzaak;  // revenue per person-year, the use key
  add_state(spec, group.origin, state);
  add_stream(spec, group, pilot.window);
  if (group.uwv_benefit) add_uwv_benefit(spec, *group.uwv_benefit);  // before the outflow, which may name it
  add_transitions(spec, group.outflow, group.name, /*out_of_state=*/true);

  MoneyItemSpec intake;
  intake.budget = MoneyBudget::participatiebudget;
  intake.name = group.name + "_instroomfinanciering";
  intake.description = "funding per person entering the trajectory (" + group.name + ")";
  intake.sign = +1;
  intake.basis = MoneyBasis::transition;
  intake.transitions = {"in->" + group.name};
  const std::size_t per_intake = add_item(spec, group.origin, intake);
  MoneyItemSpec funding;
  funding.budget = MoneyBudget::participatiebudget;
  funding.name = group.name + "_financiering";
  funding.description = "funding per person-year of the group at Werkzaak (" + group.name + ")";
  funding.sign = +1;
  funding.basis = MoneyBasis::person_year;
  funding.groups = {group.name};
  funding.states = group.funded_in.value_or(std::vector<std::string>{group.name});
  for (const auto& s : funding.states) state_index(spec, group.origin, s);
  const std::size_t per_year = add_item(spec, group.origin, funding);
  MoneyItemSpec support;
  support.budget = MoneyBudget::participatiebudget;
  support.name = group.name + "_begeleiding";
  support.description = "support (begeleiding) per person-year in the trajectory (" + group.name + ")";
  support.basis = MoneyBasis::person_year;
  support.states = {group.name};
  const std::size_t cost = add_item(spec, group.origin, support);
  set_amount(spec, group.funding_per_intake, {per_intake});
  set_amount(spec, group.funding_per_person_year, {per_year});
  set_amount(spec, group.support_cost, {cost});

  // No bijstand for them where they are at Werkzaak's services.
  if (group.no_benefit_in.empty()) return;
  for (const auto& s : group.no_benefit_in) state_index(spec, group.origin, s);
  if (pilot.benefit_items.empty())
    fail(suffixed(group.origin, ".no_benefit_in"),
         "expected pilots.nieuwe_doelgroepen.benefit_items naming the money items that pay bijstand");
  for (std::size_t k = 0; k < pilot.benefit_items.size(); ++k) {
    auto it = std::find_if(spec.money.items.begin(), spec.money.items.end(),
                           [&](const auto& i) { return i.name == pilot.benefit_items[k]; });
    if (it == spec.money.items.end() || it->basis != MoneyBasis::person_year)
      fail(pilot.benefit_item_origins[k],
           "expected a money item with per = \"person_year\", got '" + pilot.benefit_items[k] + "'");
    it->exclude.push_back({group.name, group.no_benefit_in});
  }
}

}  // namespace

void expand_nieuwe_doelgroepen(ScenarioSpec& spec, const NieuweDoelgroepen& pilot) {
  std::vector<std::string> states;
  for (const auto& group : pilot.groups) {
    expand_group(spec, pilot, group);
    states.push_back(group.name);
  }
  // After every group exists: a routed transition is for its own group only, none added later.
  for (const auto& group : pilot.groups) {
    if (!group.uwv_benefit) continue;
    std::vector<std::string> from = group.no_benefit_in;
    from.push_back(group.name);
    route_to_benefit(spec, *group.uwv_benefit, group.name, from);
  }
  add_cost_per_year(spec, pilot.cost_per_year, "nieuwe_doelgroepen_projectkosten",
                    "project cost of the pilot Nieuwe doelgroepen", MoneyKey::population_participatiewet,
                    pilot.window);
  add_extra_places(spec, pilot.extra_places, pilot.window);
  if (!pilot.scale.empty())
    scale_for_mark(spec, pilot.scale,
                   mark_on_entry(spec, pilot.benefit_items_origin, "nieuwe_doelgroepen.deelnemer", states));
}

}  // namespace ws::model::pilots
