#include "sim/runner/results_layout.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/model/money.hpp"

namespace ws::runner {

const std::vector<double> kQuantiles{0.05, 0.25, 0.5, 0.75, 0.95};

std::size_t LayoutVariable::cells() const {
  std::size_t n = 1;
  for (std::size_t d : inner_shape) n *= d;
  return n;
}

namespace {

// Appends names not seen yet, keeping first-seen order; returns each name's index in the union.
std::vector<int> merge_names(std::vector<std::string>& all, const std::vector<std::string>& names) {
  std::vector<int> map;
  for (const auto& n : names) {
    auto it = std::find(all.begin(), all.end(), n);
    if (it == all.end()) it = all.insert(all.end(), n);
    map.push_back(static_cast<int>(it - all.begin()));
  }
  return map;
}

// Copies [outer][inner] (inner mapped by `map`) into the union slab [outer][union_inner].
void scatter_last(const std::vector<double>& local, const std::vector<int>& map, std::size_t union_inner,
                  std::vector<double>& slab) {
  const std::size_t inner = map.size();
  if (inner == 0) return;
  const std::size_t outer = local.size() / inner;
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t i = 0; i < inner; ++i)
      slab[o * union_inner + static_cast<std::size_t>(map[i])] = local[o * inner + i];
}

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const auto& i : items) names.push_back(i.name);
  return names;
}

}  // namespace

ResultsLayout make_layout(const std::vector<const model::CompiledModel*>& models,
                          const std::vector<std::string>& scenario_files) {
  ResultsLayout layout;
  const model::CompiledModel& first = *models.front();
  layout.gemeenten = names_of(first.spec->gemeenten);
  layout.cohorts = first.cohorts;
  layout.start_date = format_iso_date(static_cast<model::Day>(first.start));
  for (double t : first.output_times) layout.output_times.push_back(t - first.start);
  for (int y : first.years) layout.years.push_back(y);
  for (int d = 0; d < first.cohort_durations; ++d) layout.months_since_permit.push_back(6 * d);

  // Per scenario: where its states, labels, capacity states, streams and parameters sit in the union.
  struct Maps {
    std::vector<int> states, labels, capacities, streams, parameters, items, results;
  };
  auto maps = std::make_shared<std::vector<Maps>>();
  for (std::size_t s = 0; s < models.size(); ++s) {
    const model::CompiledModel& m = *models[s];
    const auto refuse = [&](const std::string& what) {
      throw InputError(scenario_files[s] + ": scenarios in one run must share " + what + " with " +
                       scenario_files.front());
    };
    if (m.start != first.start || m.end != first.end) refuse("the horizon (scenario.start, scenario.end)");
    if (m.output_times != first.output_times) refuse("the output times (scenario.output_interval_months)");
    if (names_of(m.spec->gemeenten) != layout.gemeenten) refuse("the gemeenten");
    layout.scenarios.push_back(m.spec->name);
    Maps mp;
    std::vector<std::string> state_names, capacity_names, parameter_names;
    for (const auto& st : m.states) state_names.push_back(st.name);
    for (const auto& c : m.capacities)
      capacity_names.push_back(m.states[static_cast<std::size_t>(c.state)].name);
    for (const auto& p : m.spec->uncertain) parameter_names.push_back(p.name);
    mp.states = merge_names(layout.states, state_names);
    mp.labels = merge_names(layout.labels, m.flow_labels);
    mp.capacities = merge_names(layout.capacity_states, capacity_names);
    mp.streams = merge_names(layout.streams, names_of(m.arrivals));
    mp.parameters = merge_names(layout.parameters, parameter_names);
    maps->push_back(std::move(mp));
  }
  // Money items: every scenario's items in first-seen order, the operating result last.
  for (std::size_t s = 0; s < models.size(); ++s) {
    auto names = model::money_item_names(*models[s]->spec);
    if (!names.empty()) names.pop_back();
    merge_names(layout.money_items, names);
  }
  if (!layout.money_items.empty()) layout.money_items.emplace_back(model::kOperatingResult);
  for (std::size_t s = 0; s < models.size(); ++s)
    (*maps)[s].items = merge_names(layout.money_items, model::money_item_names(*models[s]->spec));
  for (std::size_t s = 0; s < models.size(); ++s)
    (*maps)[s].results = merge_names(layout.money_results, model::money_result_names(*models[s]->spec));
  layout.money_budgets.assign(layout.money_items.size(), "");
  for (std::size_t s = models.size(); s-- > 0;) {  // the first scenario naming an item says its budget
    const auto budgets = model::money_item_budgets(*models[s]->spec);
    for (std::size_t i = 0; i < budgets.size(); ++i)
      layout.money_budgets[static_cast<std::size_t>((*maps)[s].items[i])] = budgets[i];
  }
  for (std::size_t i = 0; i < layout.scenarios.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (layout.scenarios[i] == layout.scenarios[j])
        throw InputError(scenario_files[i] + ": scenario.name '" + layout.scenarios[i] +
                         "' is used by two scenarios of this run; expected distinct names");

  const std::size_t T = layout.output_times.size(), Y = layout.years.size(), G = layout.gemeenten.size();
  const std::size_t S = layout.states.size(), L = layout.labels.size(), C = layout.capacity_states.size();
  const std::size_t A = layout.streams.size(), P = layout.parameters.size(), K = layout.cohorts.size();
  const std::size_t D = layout.months_since_permit.size();

  using Member = std::vector<double> model::Accounts::*;
  using MapOf = std::vector<int> Maps::*;
  const auto add = [&](std::string name, std::vector<std::string> dims, std::vector<std::size_t> shape,
                       std::string units, std::string long_name, bool summarised, Member member, MapOf map) {
    LayoutVariable v;
    dims.insert(dims.begin(), {"scenario", "replication"});
    v.spec = {std::move(name), std::move(dims), std::move(units), std::move(long_name), false, {}};
    v.inner_shape = std::move(shape);
    v.summarised = summarised;
    const std::size_t union_inner = v.inner_shape.back();
    v.scatter = [maps, member, map, union_inner](std::size_t scenario, const model::Accounts& a,
                                                 const std::vector<double>&, std::vector<double>& slab) {
      scatter_last(a.*member, (*maps)[scenario].*map, union_inner, slab);
    };
    layout.variables.push_back(std::move(v));
  };
  add("stock", {"time", "gemeente", "state"}, {T, G, S}, "persons",
      "persons in each state at each output time (exit states: cumulative exits since the start)", true,
      &model::Accounts::stock, &Maps::states);
  add("waiting", {"time", "gemeente", "capacity_state"}, {T, G, C}, "persons",
      "persons on the waiting list of each capacity state", true, &model::Accounts::waiting,
      &Maps::capacities);
  add("flow", {"year", "gemeente", "transition"}, {Y, G, L}, "persons/year",
      "persons making each transition during the year (in->x: arrivals)", true, &model::Accounts::flow,
      &Maps::labels);
  add("person_years", {"year", "gemeente", "state"}, {Y, G, S}, "person-years",
      "time spent in each state during the year", true, &model::Accounts::person_years, &Maps::states);
  add("arrivals", {"year", "gemeente", "arrival_stream"}, {Y, G, A}, "persons/year",
      "persons brought by each arrival stream", false, &model::Accounts::arrivals_count, &Maps::streams);
  add("admissions", {"year", "gemeente", "capacity_state"}, {Y, G, C}, "persons/year",
      "persons admitted from the waiting list to a place", false, &model::Accounts::admissions,
      &Maps::capacities);
  add("wait_years", {"year", "gemeente", "capacity_state"}, {Y, G, C}, "years",
      "total time waited by the persons admitted in the year (divide by admissions for the mean wait)", false,
      &model::Accounts::wait_years, &Maps::capacities);

  if (!layout.money_items.empty())
    add("money", {"year", "gemeente", "item"}, {Y, G, layout.money_items.size()}, "EUR",
        "money per year (income positive, cost negative; operating_result: the sum of the other items)", true,
        &model::Accounts::money, &Maps::items);
  if (!layout.money_items.empty())  // xarray: ds.money.groupby("budget")
    layout.variables.back().spec.attributes.emplace_back("coordinates", "budget");
  if (!layout.money_results.empty())
    add("money_result", {"year", "gemeente", "total"}, {Y, G, layout.money_results.size()}, "EUR",
        "result per budget (sum of its items), each gemeente's share of the joint result by the scenario's "
        "key, "
        "the contribution that settles it next year, Werkzaak's reserve at the end of the year",
        true, &model::Accounts::money_result, &Maps::results);

  LayoutVariable capacity;
  capacity.spec = {"capacity", {"scenario", "replication", "year", "capacity_state"},
                   "places",   "places of each capacity state in the whole area at the start of the year",
                   false,      {}};
  capacity.inner_shape = {Y, C};
  capacity.scatter = [maps, C](std::size_t scenario, const model::Accounts& a, const std::vector<double>&,
                               std::vector<double>& slab) {
    scatter_last(a.capacity, (*maps)[scenario].capacities, C, slab);
  };
  layout.variables.push_back(std::move(capacity));

  // Statushouder cohorts and parameter draws: no union mapping for the cohort axes.
  const auto add_cohort = [&](std::string name, std::string long_name, Member member) {
    LayoutVariable v;
    v.spec = {std::move(name), {"scenario", "replication", "cohort", "months_since_permit"},
              "persons",       std::move(long_name),
              false,           {}};
    v.inner_shape = {K, D};
    v.scatter = [member](std::size_t, const model::Accounts& a, const std::vector<double>&,
                         std::vector<double>& slab) {
      std::copy((a.*member).begin(), (a.*member).end(), slab.begin());
    };
    layout.variables.push_back(std::move(v));
  };
  add_cohort("cohort_present",
             "statushouders of the arrival half-year living in the region, by time since permit",
             &model::Accounts::cohort_present);
  add_cohort("cohort_working", "of whom in a working state", &model::Accounts::cohort_working);

  LayoutVariable parameters;
  parameters.spec = {"parameter_value",
                     {"scenario", "replication", "parameter"},
                     "1",
                     "the value drawn for each uncertain parameter (units: see the parameter's scenario key)",
                     false,
                     {}};
  parameters.inner_shape = {P};
  parameters.fill = std::numeric_limits<double>::quiet_NaN();
  parameters.scatter = [maps](std::size_t scenario, const model::Accounts&, const std::vector<double>& values,
                              std::vector<double>& slab) {
    const auto& map = (*maps)[scenario].parameters;
    for (std::size_t i = 0; i < values.size(); ++i) slab[static_cast<std::size_t>(map[i])] = values[i];
  };
  layout.variables.push_back(std::move(parameters));

  // Counts of persons are whole numbers: stored as int32 (smaller and faster to compress than float64).
  for (auto& v : layout.variables)
    for (const char* count :
         {"stock", "waiting", "flow", "arrivals", "admissions", "cohort_present", "cohort_working"})
      if (v.spec.name == count) v.spec.integer = true;

  LayoutVariable events;
  events.spec = {"events", {"scenario", "replication"}, "1", "events processed by the engine", false, {}};
  events.scatter = [](std::size_t, const model::Accounts& a, const std::vector<double>&,
                      std::vector<double>& slab) { slab[0] = static_cast<double>(a.events); };
  layout.variables.push_back(std::move(events));
  return layout;
}

void define_results(output::ResultsWriter& writer, const ResultsLayout& layout, std::size_t replications) {
  std::vector<std::int32_t> replication_index(replications);
  for (std::size_t r = 0; r < replications; ++r) replication_index[r] = static_cast<std::int32_t>(r);
  writer.add_dimension({"scenario", layout.scenarios, {{"long_name", "scenario name"}}});
  writer.add_dimension({"replication", replication_index, {{"long_name", "Monte Carlo replication"}}});
  writer.add_dimension({"quantile", kQuantiles, {{"long_name", "quantile over replications"}}});
  writer.add_dimension({"time",
                        layout.output_times,
                        {{"units", "days since " + layout.start_date},
                         {"calendar", "proleptic_gregorian"},
                         {"long_name", "output time (start of the day)"}}});
  writer.add_dimension({"year", layout.years, {{"long_name", "calendar year"}}});
  writer.add_dimension({"gemeente", layout.gemeenten, {{"long_name", "gemeente (municipality)"}}});
  writer.add_dimension({"state", layout.states, {{"long_name", "state of a person"}}});
  writer.add_dimension({"transition", layout.labels, {{"long_name", "from->to; in->x arrivals"}}});
  writer.add_dimension(
      {"capacity_state", layout.capacity_states, {{"long_name", "state with limited places"}}});
  writer.add_dimension({"arrival_stream", layout.streams, {{"long_name", "arrival process"}}});
  writer.add_dimension({"cohort", layout.cohorts, {{"long_name", "statushouder arrival half-year"}}});
  writer.add_dimension({"months_since_permit", layout.months_since_permit, {{"units", "months"}}});
  writer.add_dimension({"parameter", layout.parameters, {{"long_name", "uncertain scenario parameter"}}});
  if (!layout.money_items.empty())
    writer.add_dimension(
        {"item", layout.money_items, {{"long_name", "money item (scenario [money.items])"}}});
  if (!layout.money_items.empty())
    writer.add_labels("budget", "item", layout.money_budgets,
                      {{"long_name", "the budget each money item belongs to"}});
  if (!layout.money_results.empty())
    writer.add_dimension(
        {"total", layout.money_results, {{"long_name", "money total ([money.buig], [money.sharing])"}}});
  for (const auto& v : layout.variables) {
    writer.add_variable(v.spec);
    if (!v.summarised) continue;
    std::vector<std::string> dims(v.spec.dims.begin() + 2, v.spec.dims.end());
    dims.insert(dims.begin(), "scenario");
    writer.add_variable(
        {v.spec.name + "_mean", dims, v.spec.units, "mean over replications of " + v.spec.name, false, {}});
    writer.add_variable({v.spec.name + "_se",
                         dims,
                         v.spec.units,
                         "standard error of the mean over replications of " + v.spec.name,
                         false,
                         {}});
    dims.insert(dims.begin() + 1, "quantile");
    writer.add_variable({v.spec.name + "_quantile",
                         dims,
                         v.spec.units,
                         "quantiles over replications of " + v.spec.name,
                         false,
                         {}});
  }
}

}  // namespace ws::runner
