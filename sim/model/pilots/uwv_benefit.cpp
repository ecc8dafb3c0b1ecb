// Benefits the UWV pays (WW, WIA) for the pilots' persons: a state of their own with no BUIG cost, left for work
// and, at the end of a WW entitlement, for bijstand. The WW duration follows the Werkloosheidswet (art. 17 the
// wekeneis, art. 42 the duration; docs/model.md "WW and WIA").
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "sim/model/pilots/expand.hpp"
#include "sim/model/state_graph.hpp"

namespace ws::model::pilots {

double ww_months(const WwRights& rights, double years_worked) {
  constexpr double kWeeksPerYear = 365.25 / 7;
  if (years_worked * kWeeksPerYear < rights.weeks_required) return 0;
  const double history = std::floor(years_worked + rights.prior_years_worked);
  return std::min(rights.max_months, std::max(rights.min_months, rights.months_per_year_worked * history));
}

Piecewise exactly_after(double years) { return {{years}, {0.0, std::numeric_limits<double>::infinity()}}; }

void add_uwv_benefit(ScenarioSpec& spec, const UwvBenefit& benefit) {
  StateSpec state;
  state.name = benefit.state;
  state.description = benefit.description;
  // Only Participatiewet clients reach it; where the module is not at Werkzaak nobody is there.
  state.module = Module::participatiewet;
  add_state(spec, benefit.origin, state);
  add_transitions(spec, benefit.outflow, benefit.state, /*out_of_state=*/true);
  if (!(benefit.months > 0)) return;
  const Origin at = suffixed(benefit.origin, ".months");
  const Piecewise end = exactly_after(benefit.months / 12.0);
  const std::size_t to_then =
      add_transition(spec, at, benefit.state, benefit.then, Number{1.0, "", benefit.origin}, {}, {}, end);
  if (!(benefit.then_share < 1)) return;
  // The split at the end: an attribute drawn once per person from numbers of its own (no other draw changes).
  if (benefit.otherwise == benefit.then)
    fail(suffixed(benefit.origin, ".otherwise"),
         "expected a state other than '" + benefit.then + "' (where the entitled go)");
  for (const auto& r : benefit.outflow)
    if (r.state == benefit.otherwise)
      fail(suffixed(benefit.origin, ".otherwise"),
           "expected a state the outflow does not name (the end of the WW leads there), got '" +
               benefit.otherwise + "'");
  if (spec.attributes.size() == kMaxAttributes)
    fail(benefit.origin, "at most " + std::to_string(kMaxAttributes) + " person attributes per scenario");
  const std::string attribute = benefit.state + ".recht_op_" + benefit.then;
  spec.attributes.push_back({attribute, {"ja", "nee"}, {benefit.then_share, 1 - benefit.then_share}});
  // Multipliers by attribute given before the attribute existed: 1 for every level (none here yet).
  spec.transitions[to_then].by_attribute.push_back({attribute, {1.0, 0.0}});
  const std::size_t to_otherwise = add_transition(spec, at, benefit.state, benefit.otherwise,
                                                  Number{1.0, "", benefit.origin}, {}, {}, end);
  spec.transitions[to_otherwise].by_attribute.push_back({attribute, {0.0, 1.0}});
}

void route_to_benefit(ScenarioSpec& spec, const UwvBenefit& benefit, const std::string& group,
                      const std::vector<std::string>& from) {
  const auto g = static_cast<std::size_t>(
      std::find_if(spec.groups.begin(), spec.groups.end(), [&](const auto& x) { return x.name == group; }) -
      spec.groups.begin());
  if (g == spec.groups.size()) fail(benefit.origin, "unknown group '" + group + "'");
  const std::size_t G = spec.groups.size();
  for (std::size_t i = 0, n = spec.transitions.size(); i < n; ++i) {
    if (spec.transitions[i].to != benefit.then ||
        std::find(from.begin(), from.end(), spec.transitions[i].from) == from.end())
      continue;
    TransitionSpec& existing = spec.transitions[i];
    if (existing.group_multiplier.empty()) existing.group_multiplier.assign(G, 1.0);
    TransitionSpec routed = existing;
    routed.to = benefit.state;
    routed.group_multiplier.assign(G, 0.0);
    routed.group_multiplier[g] = existing.group_multiplier[g];
    existing.group_multiplier[g] = 0.0;
    for (const auto& t : spec.transitions)
      if (t.from == routed.from && t.to == routed.to)
        fail(benefit.origin, "the pilot routes " + routed.from + "->" + benefit.then + " to " +
                                 benefit.state + ", but the scenario has " + routed.from + "->" + routed.to +
                                 " already");
    // A drawn rate or multiplier of the original sets the routed copy too; a drawn multiplier of the group
    // moves to the copy (the original keeps 0 for the group).
    using K = ParameterTarget::Kind;
    const std::size_t copy = spec.transitions.size();
    for (auto& u : spec.uncertain)
      for (std::size_t k = 0, end = u.targets.size(); k < end; ++k) {
        ParameterTarget& t = u.targets[k];
        if (t.object != i || t.kind < K::transition_rate || t.kind > K::transition_attribute) continue;
        if (t.kind == K::transition_group) {
          if (t.k == g) t.object = copy;
          continue;
        }
        ParameterTarget moved = t;
        moved.object = copy;
        u.targets.push_back(moved);
      }
    spec.transitions.push_back(std::move(routed));
    if (const std::string why = transition_rule(spec, spec.transitions.back().from, benefit.state);
        !why.empty())
      fail(benefit.origin, why);
  }
}

}  // namespace ws::model::pilots
