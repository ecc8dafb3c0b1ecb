// [pilots.p_wetters_in_dienst]: Werkzaak employs Participatiewet clients (from bijstand or the tussengroep)
// on its own payroll. Expansion:
//   states       in_dienst (a capacity state: places per year) and in_dienst_wacht (its waiting list)
//   transitions  origin->in_dienst for each origin in `intake`, only within [start, end), for eligible ages
//   and
//                durations; in_dienst->x for `outflow` (the effect: outflow to regular work from a job rather
//                than from bijstand); in_dienst->after_contract once the contract ends; in_dienst_wacht->x
//   money        wage cost, LKS received by Werkzaak and paid from the BUIG budget, support, project cost;
//                persons waiting for a place count as `waiting_counts_as` (bijstand) in every money item.
#include "sim/common/date.hpp"
#include "sim/scenario/money_sections.hpp"

namespace ws::scenario::pilot {

using model::ScenarioSpec;

namespace {

// The contract ends this fast once contract_years have passed (a mean of one week): close to a fixed date.
constexpr double kContractEndRate = 52.0;

Node number_node(const Node& at, double value) {
  Node n;
  n.type = Node::Type::floating;
  n.number = value;
  n.source = at.source;
  n.line = at.line;
  return n;
}

model::CapacitySpec read_places(Context& c, const Node& t, const std::string& p, const std::string& state,
                                const Window& w) {
  Reader& r = c.r;
  model::CapacitySpec cap;
  cap.state = state;
  const Node& places = r.required(t, p, "places");
  const std::size_t ci = c.spec.capacities.size();
  if (places.is_table() && !is_distribution(places)) {
    // Like [capacities]: { year = places } from each listed year on.
    for (const auto& [key, value] : places.members) {
      const auto d = parse_iso_date(key + "-01-01");
      if (key.size() != 4 || !d)
        r.fail(value, join_path(p + ".places", key), "expected a calendar year such as 2026 as key");
      cap.years.push_back(civil_from_days(*d).year);
    }
    if (cap.years.empty()) r.fail(places, p + ".places", "expected at least one year");
    std::vector<std::size_t> order(cap.years.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return cap.years[a] < cap.years[b]; });
    std::vector<int> sorted;
    for (std::size_t k : order) sorted.push_back(cap.years[k]);
    cap.places.assign(sorted.size(), {0.0});
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto& [key, value] = places.members[order[k]];
      cap.places[k][0] = r.number(value, join_path(p + ".places", key), non_negative("places"),
                                  [ci, k](ScenarioSpec& s, double v) { s.capacities[ci].places[k][0] = v; });
    }
    cap.years = std::move(sorted);
    return cap;
  }
  // A number: that many places in every calendar year the pilot overlaps, none before or after.
  const int first = civil_from_days(c.spec.run.start).year, last = civil_from_days(c.spec.run.end - 1).year;
  std::vector<std::size_t> rows;
  const std::vector<int> pilot_years = years_of(w);
  for (int y = first; y <= last; ++y) {
    cap.years.push_back(y);
    cap.places.push_back({0.0});
    if (std::find(pilot_years.begin(), pilot_years.end(), y) != pilot_years.end())
      rows.push_back(cap.years.size() - 1);
  }
  const double v =
      r.number(places, p + ".places", non_negative("places per year"), [ci, rows](ScenarioSpec& s, double d) {
        for (std::size_t k : rows) s.capacities[ci].places[k][0] = d;
      });
  for (std::size_t k : rows) cap.places[k][0] = v;
  return cap;
}

model::Piecewise eligible_ages(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  const Bounds ages{0, 130, "years of age"};
  const double lo = t.find("age_min") ? r.number(*t.find("age_min"), p + ".age_min", ages, nullptr) : 0.0;
  const double hi = t.find("age_max") ? r.number(*t.find("age_max"), p + ".age_max", ages, nullptr) : 130.0;
  if (!(hi > lo))
    r.fail(t.find("age_max") ? *t.find("age_max") : t, p + ".age_max", "expected an age above age_min");
  model::Piecewise out;
  if (lo > 0) out.breaks.push_back(lo), out.values.push_back(0.0);
  out.values.push_back(1.0);
  if (hi < 130) out.breaks.push_back(hi), out.values.push_back(0.0);
  if (out.breaks.empty()) out.values.clear();
  return out;
}

}  // namespace

void read_p_wetters_in_dienst(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.check_keys(t, p,
               {"enabled", "description", "start", "end", "state", "places", "intake", "age_min", "age_max",
                "min_years_in_state", "contract_years", "after_contract", "outflow", "waiting_outflow",
                "waiting_counts_as", "wage_cost_per_person_year", "lks_per_person_year",
                "support_cost_per_person_year", "cost_per_year"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  const Window w = read_window(c, t, p);
  const std::string state = r.string_or(t, p, "state", "in_dienst");
  if (state.empty() || state == "in" || state.find("->") != std::string::npos)
    r.fail(*t.find("state"), p + ".state", "expected a state name without '->' and other than 'in'");
  const std::string waiting = state + "_wacht";

  model::StateSpec job;
  job.name = state;
  job.description = "P-wetter employed by Werkzaak (pilot P-wetters in dienst)";
  job.kind = model::StateKind::capacity;
  job.module = model::Module::participatiewet;
  job.waiting_state = waiting;
  job.working = true;
  job.at_werkzaak = true;
  add_state(c, t, p + ".state", job);
  model::StateSpec wait;
  wait.name = waiting;
  wait.description = "selected for the pilot P-wetters in dienst, waiting for a place";
  wait.kind = model::StateKind::waiting;
  wait.module = model::Module::participatiewet;
  add_state(c, t, p + ".state", wait);
  c.spec.capacities.push_back(read_places(c, t, p, state, w));

  // Intake: only while the pilot runs, for eligible ages and after min_years_in_state in the origin.
  model::Piecewise duration;
  if (const Node* d = t.find("min_years_in_state")) {
    const double years = r.number(*d, p + ".min_years_in_state", non_negative("years"), nullptr);
    if (years > 0) duration = {{years}, {0.0, 1.0}};
  }
  add_transitions_from_table(c, r.required(t, p, "intake"), p + ".intake", state, /*out_of_state=*/false,
                             calendar_switch(c, w), eligible_ages(c, t, p), duration);
  if (const Node* o = t.find("outflow")) add_transitions_from_table(c, *o, p + ".outflow", state, true);
  const Node& contract = r.required(t, p, "contract_years");
  const double years = r.number(contract, p + ".contract_years", positive("years"), nullptr);
  const std::string after = r.string_or(t, p, "after_contract", "bijstand");
  const Node after_node = t.find("after_contract") ? *t.find("after_contract") : contract;
  add_transition(c, number_node(after_node, kContractEndRate), p + ".after_contract", state, after, {}, {},
                 {{years}, {0.0, 1.0}});
  if (const Node* o = t.find("waiting_outflow"))
    add_transitions_from_table(c, *o, p + ".waiting_outflow", waiting, true);
  else
    add_transition(c, number_node(t, 1.0), p + ".waiting_outflow", waiting, after);

  // Money.
  const auto per_person_year = [&](const char* name, const char* description, double sign) {
    model::MoneyItemSpec item;
    item.name = std::string("p_wetters_") + name;
    item.description = description;
    item.sign = sign;
    item.basis = model::MoneyBasis::person_year;
    item.states = {state};
    return add_item(c, t, p, item);
  };
  const std::size_t wage = per_person_year("loonkosten", "wage cost of the P-wetters Werkzaak employs", -1);
  const std::size_t lks_in =
      per_person_year("lks_ontvangen", "loonkostensubsidie Werkzaak receives for them", +1);
  const std::size_t lks_out =
      per_person_year("lks_betaald", "loonkostensubsidie paid from the BUIG budget", -1);
  const std::size_t support =
      per_person_year("begeleiding", "support (begeleiding) of the P-wetters in dienst", -1);
  item_amount(c, t, p, "wage_cost_per_person_year", 0.0, {wage});
  item_amount(c, t, p, "lks_per_person_year", 0.0, {lks_in, lks_out});
  item_amount(c, t, p, "support_cost_per_person_year", 0.0, {support});
  add_cost_per_year(c, t, p, "p_wetters_projectkosten", "project cost of the pilot P-wetters in dienst",
                    model::MoneyKey::population_participatiewet, w);
  const std::string like = r.string_or(t, p, "waiting_counts_as", "bijstand");
  if (t.find("waiting_counts_as")) c.state(*t.find("waiting_counts_as"), p + ".waiting_counts_as", like);
  count_like(c, waiting, like);
}

}  // namespace ws::scenario::pilot
