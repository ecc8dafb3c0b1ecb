// Pilot "P-wetters in dienst": Werkzaak employs Participatiewet clients (from bijstand or the tussengroep) on
// its own payroll. Expansion:
//   states       <state> (a capacity state: places per year) and <state>_wacht (its waiting list); entering
//                <state> marks the person as a participant (for `scale`)
//   transitions  origin-><state> for each origin in `intake`, only within the window, for eligible ages and
//                durations; <state>->x for `outflow`; <state>->after_contract exactly when the contract ends,
//                or with `ww` to <state>_ww, the WW the contract built (paid by the UWV, no BUIG cost),
//                left for work or, exactly at the end of the entitlement, for after_contract;
//                <state>_wacht->x (`waiting_outflow`, default: back to after_contract within a year)
//   money        wage cost, LKS received by Werkzaak and paid from the BUIG budget, support, project cost;
//                persons waiting for a place count as `waiting_counts_as` (bijstand) in every money item
#include <algorithm>

#include "sim/common/date.hpp"
#include "sim/model/pilots/expand.hpp"

namespace ws::model::pilots {
namespace {

CapacitySpec places_of(ScenarioSpec& spec, const PWettersInDienst& pilot, std::size_t ci) {
  CapacitySpec cap;
  cap.state = pilot.state;
  if (pilot.places_per_listed_year) {
    cap.years = pilot.place_years;
    for (std::size_t k = 0; k < pilot.places.size(); ++k) {
      cap.places.push_back({pilot.places[k].value});
      attach(spec, pilot.places[k], {ParameterTarget::Kind::capacity_places, ci, k});
    }
    return cap;
  }
  // One number: that many places in every calendar year the window overlaps, none before or after.
  const int first = civil_from_days(spec.run.start).year, last = civil_from_days(spec.run.end - 1).year;
  const std::vector<int> pilot_years = years_of(pilot.window);
  for (int y = first; y <= last; ++y) {
    const bool open = std::find(pilot_years.begin(), pilot_years.end(), y) != pilot_years.end();
    cap.years.push_back(y);
    cap.places.push_back({open ? pilot.places.front().value : 0.0});
    if (open)
      attach(spec, pilot.places.front(), {ParameterTarget::Kind::capacity_places, ci, cap.years.size() - 1});
  }
  return cap;
}

Piecewise eligible_ages(double lo, double hi) {
  Piecewise out;
  if (lo > 0) out.breaks.push_back(lo), out.values.push_back(0.0);
  out.values.push_back(1.0);
  if (hi < 130) out.breaks.push_back(hi), out.values.push_back(0.0);
  if (out.breaks.empty()) out.values.clear();
  return out;
}

}  // namespace

void expand_p_wetters_in_dienst(ScenarioSpec& spec, const PWettersInDienst& pilot) {
  const std::string& state = pilot.state;
  const std::string waiting = state + "_wacht";
  StateSpec job;
  job.name = state;
  job.description = "P-wetter employed by Werkzaak (pilot P-wetters in dienst)";
  job.kind = StateKind::capacity;
  job.module = Module::participatiewet;
  job.waiting_state = waiting;
  job.working = true;
  job.at_werkzaak = true;
  add_state(spec, pilot.state_origin, job);
  StateSpec wait;
  wait.name = waiting;
  wait.description = "selected for the pilot P-wetters in dienst, waiting for a place";
  wait.kind = StateKind::waiting;
  wait.module = Module::participatiewet;
  add_state(spec, pilot.state_origin, wait);
  spec.capacities.push_back(places_of(spec, pilot, spec.capacities.size()));

  // Intake: only while the pilot runs, for eligible ages and after min_years_in_state in the origin.
  Piecewise duration;
  if (pilot.min_years_in_state > 0) duration = {{pilot.min_years_in_state}, {0.0, 1.0}};
  add_transitions(spec, pilot.intake, state, /*out_of_state=*/false, calendar_switch(spec, pilot.window),
                  eligible_ages(pilot.age_min, pilot.age_max), duration);
  add_transitions(spec, pilot.outflow, state, /*out_of_state=*/true);
  // The contract ends on its date: to the WW it built, if any, else to after_contract.
  std::string contract_end = pilot.after_contract;
  if (pilot.ww && ww_months(*pilot.ww, pilot.contract_years) > 0) {
    UwvBenefit ww;
    ww.state = state + "_ww";
    ww.description = "WW (UWV) after the contract of the pilot P-wetters in dienst";
    ww.origin = pilot.ww->origin;
    ww.months = ww_months(*pilot.ww, pilot.contract_years);
    ww.then = pilot.after_contract;
    ww.then_share = pilot.ww->then_share;
    ww.outflow = pilot.ww->outflow;
    add_uwv_benefit(spec, ww);
    contract_end = ww.state;
  }
  add_transition(spec, pilot.after_contract_origin, state, contract_end,
                 Number{1.0, "", pilot.after_contract_origin}, {}, {}, exactly_after(pilot.contract_years));
  if (pilot.waiting_outflow)
    add_transitions(spec, *pilot.waiting_outflow, waiting, /*out_of_state=*/true);
  else
    add_transition(spec, pilot.waiting_outflow_origin, waiting, pilot.after_contract, Number{1.0, "", {}});

  const auto per_person_year = [&](const char* name, const char* description, double sign) {
    MoneyItemSpec item;
    item.name = std::string("p_wetters_") + name;
    item.description = description;
    item.sign = sign;
    item.budget = MoneyBudget::participatiebudget;  // Participatiewet clients: not the Wsw-only gemeenten's
    item.basis = MoneyBasis::person_year;
    item.states = {state};
    return add_item(spec, pilot.state_origin, item);
  };
  const std::size_t wage = per_person_year("loonkosten", "wage cost of the P-wetters Werkzaak employs", -1);
  const std::size_t lks_in =
      per_person_year("lks_ontvangen", "loonkostensubsidie Werkzaak receives for them", +1);
  const std::size_t lks_out =
      per_person_year("lks_betaald", "loonkostensubsidie paid from the BUIG budget", -1);
  const std::size_t support =
      per_person_year("begeleiding", "support (begeleiding) of the P-wetters in dienst", -1);
  set_amount(spec, pilot.wage_cost, {wage});
  set_amount(spec, pilot.lks, {lks_in, lks_out});
  set_amount(spec, pilot.support_cost, {support});
  add_cost_per_year(spec, pilot.cost_per_year, "p_wetters_projectkosten",
                    "project cost of the pilot P-wetters in dienst", MoneyKey::population_participatiewet,
                    pilot.window);
  count_like(spec, waiting, pilot.waiting_counts_as);
  if (!pilot.scale.empty())
    scale_for_mark(spec, pilot.scale, mark_on_entry(spec, pilot.state_origin, state + ".deelnemer", {state}));
}

}  // namespace ws::model::pilots
