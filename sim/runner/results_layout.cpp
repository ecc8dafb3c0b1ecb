#include "sim/runner/results_layout.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/model/money.hpp"
#include "sim/output/results_schema.hpp"
#include "sim/runner/count_histograms.hpp"

namespace ws::runner {

const std::vector<double> kQuantiles{0.05, 0.25, 0.5, 0.75, 0.95};

void LayoutVariable::scatter(std::size_t scenario, const model::Accounts& accounts,
                             const std::vector<double>& parameters, Slab& slab) const {
  if (spec.integer) {
    slab.counts.assign(cells(), 0);
    scatter_counts(scenario, accounts, parameters, slab.counts);
  } else {
    slab.values.assign(cells(), fill);
    scatter_values(scenario, accounts, parameters, slab.values);
  }
}

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

// A model's value as a slab's element: a double as it is, a count checked to be a whole number.
template <class T>
T element(double x) {
  if constexpr (std::is_same_v<T, double>)
    return x;
  else
    return whole_count(x);
}

// A model's values as a slab's elements, all at once. Doubles into doubles and whole numbers (the stock by age)
// into either: as they are.
template <class From, class To>
void elements(const std::vector<From>& local, To* slab) {
  std::copy(local.begin(), local.end(), slab);
}
// Doubles into counts: the checks of whole_count folded into one flag, so that the loop has no branch and the
// compiler vectorises it (the stock's 80,000 cells one at a time were 3.6 % of a baseline run, perf).
void elements(const std::vector<double>& local, std::int32_t* slab) {
  bool whole = true;
  for (std::size_t i = 0; i < local.size(); ++i) {
    const double x = local[i];
    const bool in_range = x >= -2147483648.0 && x <= 2147483647.0;  // false for NaN
    const auto count = static_cast<std::int32_t>(in_range ? x : 0.0);
    whole &= in_range & (static_cast<double>(count) == x);
    slab[i] = count;
  }
  if (!whole) throw_not_a_count();
}

// Copies [outer][inner] (inner mapped by `map`) into the union slab [outer][union_inner].
template <class T>
void scatter_last(const std::vector<double>& local, const std::vector<int>& map, std::size_t union_inner,
                  std::vector<T>& slab) {
  const std::size_t inner = map.size();
  if (inner == 0) return;
  const std::size_t outer = local.size() / inner;
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t i = 0; i < inner; ++i)
      slab[o * union_inner + static_cast<std::size_t>(map[i])] = element<T>(local[o * inner + i]);
}

// One axis of a scenario-local array: its length there and, for names merged into the run's union, where
// each index goes (null: the same index, the length is the union's). A summed axis is added up (the whole
// area: the gemeenten in order, so the sums are the same in every run).
struct Axis {
  std::size_t local = 0, union_size = 0;
  const std::vector<int>* map = nullptr;
  bool summed = false;
};

// Copies (or, over summed axes, adds) a row-major local array into the union slab, axis by axis. Each local
// index's offset in the slab is tabled per axis once, so the walk over the cells (80,000 for the stock) only
// adds offsets; the cells are visited in local row-major order, so sums over summed axes are added up in the
// same order as one element at a time (sums of counts are exact in either type).
template <class T, class Local>
void scatter_axes(const std::vector<Local>& local, const std::vector<Axis>& axes, std::vector<T>& slab) {
  if (axes.empty()) {
    // As the general walk: every value to the one cell.
    if (!local.empty()) slab[0] = element<T>(static_cast<double>(local.back()));
    return;
  }
  const bool sums = std::any_of(axes.begin(), axes.end(), [](const Axis& a) { return a.summed; });
  // Every axis as it is (one scenario, or its names where the union has them): the slab is the local array.
  const auto as_is = [](const Axis& a) {
    if (a.summed || a.local != a.union_size) return false;
    if (!a.map) return true;
    for (std::size_t i = 0; i < a.local; ++i)
      if ((*a.map)[i] != static_cast<int>(i)) return false;
    return true;
  };
  if (std::all_of(axes.begin(), axes.end(), as_is)) {
    elements(local, slab.data());
    return;
  }
  std::vector<std::vector<std::size_t>> offsets(axes.size());
  std::size_t stride = 1;
  for (std::size_t a = axes.size(); a-- > 0;) {
    offsets[a].resize(axes[a].local, 0);
    if (axes[a].summed) continue;
    for (std::size_t i = 0; i < axes[a].local; ++i)
      offsets[a][i] = (axes[a].map ? static_cast<std::size_t>((*axes[a].map)[i]) : i) * stride;
    stride *= axes[a].union_size;
  }
  // The trailing axes (up to 4096 local cells) make one inner block with its own offset table, so the walk
  // over the leading axes runs once per block, not once per value of the last axis (3 groups for the stock).
  std::size_t split = axes.size() - 1, inner = axes[split].local;
  while (split > 0 && inner * axes[split - 1].local <= 4096) inner *= axes[--split].local;
  if (inner == 0) return;
  std::vector<std::size_t> inner_offsets(1, 0);
  for (std::size_t a = split; a < axes.size(); ++a) {
    std::vector<std::size_t> wider;
    wider.reserve(inner_offsets.size() * axes[a].local);
    for (std::size_t outer : inner_offsets)
      for (std::size_t i = 0; i < axes[a].local; ++i) wider.push_back(outer + offsets[a][i]);
    inner_offsets = std::move(wider);
  }
  // Counts checked and converted first, all at once (elements), so that the walk below only adds.
  const T* values = nullptr;
  if constexpr (std::is_same_v<T, Local>) {
    values = local.data();
  } else {
    thread_local std::vector<T> converted;
    if (converted.size() < local.size()) converted.resize(local.size());
    elements(local, converted.data());
    values = converted.data();
  }
  std::vector<std::size_t> index(split, 0);
  for (std::size_t from = 0; from < local.size(); from += inner) {
    std::size_t base = 0;
    for (std::size_t a = 0; a < split; ++a) base += offsets[a][index[a]];
    const T* row = values + from;
    if (sums)
      for (std::size_t i = 0; i < inner; ++i) slab[base + inner_offsets[i]] += row[i];
    else
      for (std::size_t i = 0; i < inner; ++i) slab[base + inner_offsets[i]] = row[i];
    for (std::size_t a = split; a-- > 0;) {
      if (++index[a] < axes[a].local) break;
      index[a] = 0;
    }
  }
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
  for (double t : first.year_starts) layout.year_ends.push_back(t - first.start);
  const std::vector<int>& bands = first.spec->run.age_bands;
  for (std::size_t b = 0; b < bands.size(); ++b)
    layout.age_bands.push_back(b + 1 < bands.size()
                                   ? std::to_string(bands[b]) + "-" + std::to_string(bands[b + 1] - 1)
                                   : std::to_string(bands[b]) + "+");

  // Per scenario: where its states, labels, capacity states, streams and parameters sit in the union.
  struct Maps {
    std::vector<int> states, labels, capacities, streams, parameters, items, groups, results;
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
    if (m.spec->run.age_bands != bands) refuse("the age bands (scenario.age_bands)");
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
    mp.groups = merge_names(layout.groups, names_of(m.spec->groups));
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
  const std::size_t E = layout.year_ends.size(), B = layout.age_bands.size(), X = layout.sexes.size();
  const std::size_t Gr = layout.groups.size();

  // Each variable: its schema entry (sim/output/results_schema.cpp), its shape in this run, and how one
  // scenario's replication fills it.
  // A variable's scatters: into doubles, and for a whole-number variable also into counts.
  struct Scatter {
    LayoutVariable::ScatterInto<double> values;
    LayoutVariable::ScatterInto<std::int32_t> counts;
  };
  const auto both = [](const auto& into) { return Scatter{into, into}; };  // `into` takes either slab
  const auto add = [&](const char* name, std::vector<std::size_t> shape, Scatter scatter) {
    const output::schema::VariableInfo& info = output::schema::variable(name);
    LayoutVariable v;
    v.spec = {info.name, output::schema::replication_dims(info), info.units, info.long_name, info.integer,
              {}};
    if (!info.comment.empty()) v.spec.attributes.emplace_back("comment", info.comment);
    if (!info.cell_methods.empty()) v.spec.attributes.emplace_back("cell_methods", info.cell_methods);
    // `coordinates` (the label variables and year_start along its dims): the writer adds them.
    v.spec.complete = info.integer;  // every replication's slab is written whole
    v.inner_shape = std::move(shape);
    v.summarised = info.summarised;
    if (info.nan_fill) v.fill = std::numeric_limits<double>::quiet_NaN();
    if (info.integer && (info.nan_fill || !scatter.counts))
      throw std::logic_error(std::string("results layout: ") + name + " has no scatter into whole numbers");
    v.scatter_values = std::move(scatter.values);
    v.scatter_counts = std::move(scatter.counts);
    layout.variables.push_back(std::move(v));
  };
  using Member = std::vector<double> model::Accounts::*;
  using MapOf = std::vector<int> Maps::*;
  // Scenario-local names in the last dimension, mapped into the run's union.
  const auto by_union = [maps, both](Member member, MapOf map, std::size_t union_inner) -> Scatter {
    return both([maps, member, map, union_inner](std::size_t scenario, const model::Accounts& a,
                                                 const std::vector<double>&, auto& slab) {
      scatter_last(a.*member, (*maps)[scenario].*map, union_inner, slab);
    });
  };
  const auto copied = [both](Member member) -> Scatter {
    return both([member](std::size_t, const model::Accounts& a, const std::vector<double>&, auto& slab) {
      elements(a.*member, slab.data());
    });
  };
  // Names merged into the union on any axis: each axis's union length, its map (null: as is) and whether it
  // is summed away.
  struct AxisSpec {
    std::size_t size;
    MapOf map = nullptr;
    bool summed = false;
  };
  const auto by_axes = [maps, both](auto member, std::vector<AxisSpec> shape) -> Scatter {
    return both([maps, member, shape](std::size_t scenario, const model::Accounts& a,
                                      const std::vector<double>&, auto& slab) {
      const Maps& mp = (*maps)[scenario];
      std::vector<Axis> axes;
      for (const AxisSpec& x : shape)
        axes.push_back(
            {x.map ? (mp.*x.map).size() : x.size, x.size, x.map ? &(mp.*x.map) : nullptr, x.summed});
      scatter_axes(a.*member, axes, slab);
    });
  };
  using Acc = model::Accounts;
  const AxisSpec year_axis{Y}, end_axis{E}, gemeente_axis{G}, band_axis{B}, sex_axis{X},
      state_axis{S, &Maps::states};
  const AxisSpec label_axis{L, &Maps::labels}, area_axis{G, nullptr, true};
  add("stock", {E, G, S, B, X, Gr},
      by_axes(&Acc::stock_age,
              {end_axis, gemeente_axis, state_axis, band_axis, sex_axis, {Gr, &Maps::groups}}));
  add("headcount", {T, G, S}, by_union(&Acc::stock, &Maps::states, S));
  add("mean_age", {E, G, S}, by_union(&Acc::mean_age, &Maps::states, S));
  add("flow_by_age", {Y, L, B, X}, by_axes(&Acc::flow_age, {year_axis, label_axis, band_axis, sex_axis}));
  add("person_years_by_age", {Y, S, B, X},
      by_axes(&Acc::person_years_age, {year_axis, state_axis, band_axis, sex_axis}));
  add("labour_years", {Y, G}, copied(&Acc::labour_years));
  add("waiting", {T, G, C}, by_union(&Acc::waiting, &Maps::capacities, C));
  add("flow", {Y, G, L}, by_union(&Acc::flow, &Maps::labels, L));
  add("person_years", {Y, G, S}, by_union(&Acc::person_years, &Maps::states, S));
  add("arrivals", {Y, G, A}, by_union(&Acc::arrivals_count, &Maps::streams, A));
  add("admissions", {Y, G, C}, by_union(&Acc::admissions, &Maps::capacities, C));
  add("wait_years", {Y, G, C}, by_union(&Acc::wait_years, &Maps::capacities, C));
  const std::size_t I = layout.money_items.size();
  if (I > 0) add("money", {Y, G, I}, by_union(&Acc::money, &Maps::items, I));  // ds.money.groupby("budget")
  const std::size_t M = layout.money_results.size();
  if (M > 0) add("money_result", {Y, G, M}, by_union(&Acc::money_result, &Maps::results, M));
  add("stock_region", {E, S, B, X},
      by_axes(&Acc::stock_age,
              {end_axis, area_axis, state_axis, band_axis, sex_axis, {Gr, &Maps::groups, true}}));
  add("headcount_region", {T, S}, by_axes(&Acc::stock, {{T}, area_axis, state_axis}));
  add("mean_age_region", {E, S}, by_union(&Acc::mean_age_region, &Maps::states, S));
  add("flow_region", {Y, L}, by_axes(&Acc::flow, {year_axis, area_axis, label_axis}));
  add("person_years_region", {Y, S}, by_axes(&Acc::person_years, {year_axis, area_axis, state_axis}));
  add("labour_years_region", {Y}, by_axes(&Acc::labour_years, {year_axis, area_axis}));
  if (I > 0) add("money_region", {Y, I}, by_axes(&Acc::money, {year_axis, area_axis, {I, &Maps::items}}));
  add("capacity", {Y, C}, by_union(&Acc::capacity, &Maps::capacities, C));
  add("cohort_present", {K, D}, copied(&Acc::cohort_present));
  add("cohort_working", {K, D}, copied(&Acc::cohort_working));
  add("cohort_left", {K, D}, copied(&Acc::cohort_left));
  add("cohort_left_working", {K, D}, copied(&Acc::cohort_left_working));
  add("parameter_value", {P},
      {[maps](std::size_t scenario, const model::Accounts&, const std::vector<double>& values,
              std::vector<double>& slab) {
         const auto& map = (*maps)[scenario].parameters;
         for (std::size_t i = 0; i < values.size(); ++i) slab[static_cast<std::size_t>(map[i])] = values[i];
       },
       {}});
  add("events", {},
      {[](std::size_t, const model::Accounts& a, const std::vector<double>&, std::vector<double>& slab) {
         slab[0] = static_cast<double>(a.events);
       },
       {}});
  return layout;
}

void add_auxiliary(output::ResultsWriter& writer, std::string_view name, const std::string& time_units,
                   output::Attributes extra) {
  const output::schema::AuxiliaryInfo& info = output::schema::auxiliary(name);
  const bool dated = info.units == output::schema::kDaysSinceStart;
  if (dated) extra.emplace_back("calendar", "proleptic_gregorian");
  if (!info.comment.empty()) extra.emplace_back("comment", info.comment);
  output::VariableSpec spec{info.name,      info.dims,    dated ? time_units : info.units,
                            info.long_name, info.integer, std::move(extra)};
  spec.complete = true;  // written whole at once
  writer.add_variable(spec);
}

void define_year_time(output::ResultsWriter& writer, const std::vector<double>& year_ends,
                      const std::string& time_units) {
  if (year_ends.empty()) throw std::logic_error("define_year_time: no year ends");
  const std::vector<double> starts(year_ends.begin(), year_ends.end() - 1);
  std::vector<double> bounds;
  for (std::size_t y = 0; y + 1 < year_ends.size(); ++y) {
    bounds.push_back(year_ends[y]);
    bounds.push_back(year_ends[y + 1]);
  }
  add_auxiliary(writer, output::schema::kYearStart, time_units,
                {{"standard_name", "time"}, {"bounds", output::schema::kYearBounds}});
  add_auxiliary(writer, output::schema::kYearBounds, time_units);
  writer.write(output::schema::kYearStart, {}, std::span<const double>(starts));
  writer.write(output::schema::kYearBounds, {}, std::span<const double>(bounds));
}

void define_results(output::ResultsWriter& writer, const ResultsLayout& layout, std::size_t first_replication,
                    std::size_t replications) {
  std::vector<std::int32_t> replication_index(replications);
  for (std::size_t r = 0; r < replications; ++r)
    replication_index[r] = static_cast<std::int32_t>(first_replication + r);
  const auto add = [&](const char* name, decltype(output::Dimension::values) values,
                       output::Attributes extra = {}) {
    const output::schema::DimensionInfo& info = output::schema::dimension(name);
    output::Attributes attributes = std::move(extra);
    if (!info.long_name.empty()) attributes.emplace_back("long_name", info.long_name);
    const bool dated = std::string_view(name) == "time" || std::string_view(name) == "year_end";
    if (!info.units.empty() && !dated) attributes.emplace_back("units", info.units);
    writer.add_dimension({name, std::move(values), std::move(attributes)});
  };
  add("scenario", layout.scenarios);
  add("replication", replication_index, {{"standard_name", "realization"}});
  add("quantile", kQuantiles);
  add("time", layout.output_times,
      {{"units", "days since " + layout.start_date}, {"calendar", "proleptic_gregorian"}});
  add("year_end", layout.year_ends,
      {{"units", "days since " + layout.start_date}, {"calendar", "proleptic_gregorian"}});
  add("year", layout.years);
  add(output::schema::kBoundsDimension, std::vector<std::int32_t>{0, 1});
  define_year_time(writer, layout.year_ends, "days since " + layout.start_date);
  add("gemeente", layout.gemeenten);
  add("state", layout.states);
  add("transition", layout.labels);
  std::vector<std::string> from, to;
  for (const auto& label : layout.labels) {
    auto [a, b] = output::schema::transition_ends(label);
    from.push_back(std::move(a));
    to.push_back(std::move(b));
  }
  for (const char* name : {"transition_from", "transition_to"})
    writer.add_labels(name, "transition", name == std::string_view("transition_from") ? from : to,
                      {{"long_name", output::schema::label(name).long_name}});
  add("capacity_state", layout.capacity_states);
  add("arrival_stream", layout.streams);
  add("cohort", layout.cohorts);
  add("months_since_permit", layout.months_since_permit);
  add("parameter", layout.parameters);
  if (!layout.money_items.empty()) add("item", layout.money_items);
  add("age_band", layout.age_bands);
  add("sex", layout.sexes);
  add("group", layout.groups);
  if (!layout.money_items.empty())
    writer.add_labels("budget", output::schema::label("budget").dim, layout.money_budgets,
                      {{"long_name", output::schema::label("budget").long_name}});
  if (!layout.money_results.empty()) add("total", layout.money_results);
  for (const auto& v : layout.variables) {
    writer.add_variable(v.spec);
    if (!v.summarised) continue;
    const output::schema::VariableInfo& info = output::schema::variable(v.spec.name);
    // What each summary did over the replications: the mean is CF's `realization: mean` (the replication
    // coordinate's standard name); CF 1.8 has no method for the standard error nor the quantiles, so those
    // keep the time axis's cell_methods only and say the rest in long_name and comment.
    const auto summary = [&](std::string_view suffix, std::vector<std::string> dims, std::string long_name,
                             std::string how, const std::string& comment) {
      output::Attributes attributes;
      for (const auto& a : v.spec.attributes)
        if (a.first != "cell_methods" && a.first != "comment") attributes.push_back(a);
      if (!how.empty()) attributes.emplace_back("cell_methods", std::move(how));
      std::string text = comment;
      if (!info.comment.empty()) text = text.empty() ? info.comment : info.comment + "; " + comment;
      if (!text.empty()) attributes.emplace_back("comment", std::move(text));
      writer.add_variable({v.spec.name + std::string(suffix), std::move(dims), v.spec.units,
                           std::move(long_name), false, std::move(attributes)});
    };
    const std::string before = info.cell_methods.empty() ? "" : info.cell_methods + " ";
    summary(output::schema::kMean, output::schema::mean_dims(info),
            "mean over replications of " + v.spec.name, before + "realization: mean", "");
    summary(output::schema::kStandardError, output::schema::mean_dims(info),
            "standard error of the mean over replications of " + v.spec.name, info.cell_methods,
            "the standard deviation over the replications (realizations) divided by the square root of "
            "their number (CF 1.8 has no cell method for it)");
    summary(output::schema::kQuantile, output::schema::quantile_dims(info),
            "quantiles over replications of " + v.spec.name, info.cell_methods,
            "the quantile over the replications (realizations) named by the quantile coordinate, linear "
            "interpolation between order statistics (type 7, numpy's default; CF 1.8 has no cell method "
            "for it)");
  }
}

}  // namespace ws::runner
