#include "sim/runner/pilot_combination.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "sim/model/money_spec.hpp"
#include "sim/runner/yearly_values.hpp"

namespace ws::runner {
namespace {

constexpr double kTiny = 1e-6;

std::size_t baseline_index(const Comparison& c) {
  return static_cast<std::size_t>(std::find(c.scenarios.begin(), c.scenarios.end(), c.baseline) -
                                  c.scenarios.begin());
}

// The names along `dim` with a non-zero mean of `variable` ([scenario][year][dim]) in scenario s. The vangnet is
// derived (any scenario may trigger it in some replication), not something a scenario adds.
std::vector<std::string> used(const output::ResultsReader& file, const std::string& variable,
                              const std::string& dim, const std::string& prefix, std::size_t s) {
  std::vector<std::string> out;
  if (!file.has_variable(variable)) return out;
  const std::vector<std::string> names = file.strings(dim);
  const std::size_t leading[] = {s};
  const std::vector<double> mean = file.read(variable, leading);
  const std::size_t K = names.size();
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t i = k; i < mean.size() && names[k] != model::kVangnet; i += K)
      if (std::abs(mean[i]) > kTiny) {  // NaN (not in the scenario) is not use
        out.push_back(prefix + names[k]);
        break;
      }
  return out;
}

std::vector<std::string> additions_of(const output::ResultsReader& file, std::size_t s,
                                      const std::vector<std::string>& baseline) {
  std::vector<std::string> all = used(file, "money_region_mean", "item", "item:", s);
  for (auto& x : used(file, "person_years_region_mean", "state", "state:", s)) all.push_back(std::move(x));
  std::sort(all.begin(), all.end());
  std::vector<std::string> out;
  std::set_difference(all.begin(), all.end(), baseline.begin(), baseline.end(), std::back_inserter(out));
  return out;
}

// The whole area's [year] of one outcome in replication r of scenario s.
struct Outcome {
  std::string name, variable, units;
  std::vector<std::size_t> items;
  bool cumulative = false;
};

std::vector<double> whole_area(const YearlyValues& yearly, const Outcome& o, std::size_t s, std::size_t r) {
  const std::vector<double> v = yearly.load(o.variable, s, r);
  const std::size_t Y = yearly.years(), G = yearly.gemeenten(), K = yearly.last_size(o.variable);
  std::vector<double> out(Y, 0.0);
  for (std::size_t y = 0; y < Y; ++y) {
    for (std::size_t k : o.items) out[y] += v[(y * (G + 1) + G) * K + k];
    if (o.cumulative && y > 0) out[y] += out[y - 1];
  }
  return out;
}

std::vector<std::size_t> indices_in(const std::vector<std::string>& names,
                                    const std::vector<std::string>& wanted) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (std::find(wanted.begin(), wanted.end(), names[k]) != wanted.end()) out.push_back(k);
  return out;
}

CombinationSeries summarise(const YearlyValues& yearly, const Outcome& o, const Combination& c,
                            std::size_t base, std::size_t R) {
  const std::size_t Y = yearly.years();
  CombinationSeries out{o.name, o.units, std::vector<double>(Y, 0.0), std::vector<double>(Y, 0.0), {},
                        {},     {}};
  std::vector<std::vector<double>> interaction(Y, std::vector<double>(R, 0.0));
  for (std::size_t r = 0; r < R; ++r) {
    const std::vector<double> b = whole_area(yearly, o, base, r), x = whole_area(yearly, o, c.combined, r);
    std::vector<double> singles(Y, 0.0);
    for (std::size_t s : c.singles) {
      const std::vector<double> v = whole_area(yearly, o, s, r);
      for (std::size_t y = 0; y < Y; ++y) singles[y] += v[y] - b[y];
    }
    for (std::size_t y = 0; y < Y; ++y) {
      out.sum_of_singles[y] += singles[y] / static_cast<double>(R);
      out.combined[y] += (x[y] - b[y]) / static_cast<double>(R);
      interaction[y][r] = (x[y] - b[y]) - singles[y];
    }
  }
  const double t = R > 1 ? student_t_quantile(0.975, static_cast<double>(R - 1)) : NAN;
  for (std::size_t y = 0; y < Y; ++y) {
    double mean = 0, m2 = 0;
    for (double v : interaction[y]) mean += v / static_cast<double>(R);
    for (double v : interaction[y]) m2 += (v - mean) * (v - mean);
    const double half = R > 1 ? t * std::sqrt(m2 / static_cast<double>(R - 1) / static_cast<double>(R)) : NAN;
    out.interaction.push_back(mean);
    out.interaction_lower.push_back(mean - half);
    out.interaction_upper.push_back(mean + half);
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> scenario_additions(const output::ResultsReader& file,
                                                         const Comparison& comparison) {
  const std::size_t base = baseline_index(comparison);
  std::vector<std::string> baseline = used(file, "money_region_mean", "item", "item:", base);
  for (auto& x : used(file, "person_years_region_mean", "state", "state:", base))
    baseline.push_back(std::move(x));
  std::sort(baseline.begin(), baseline.end());
  std::vector<std::vector<std::string>> out(comparison.scenarios.size());
  for (std::size_t s = 0; s < out.size(); ++s)
    if (s != base) out[s] = additions_of(file, s, baseline);
  return out;
}

std::vector<Combination> find_combinations(const output::ResultsReader& file, const Comparison& comparison,
                                           const DecisionSettings& settings) {
  const std::size_t base = baseline_index(comparison), S = comparison.scenarios.size();
  const auto adds = scenario_additions(file, comparison);
  std::vector<Combination> found;
  for (std::size_t x = 0; x < S; ++x) {
    if (x == base || adds[x].empty()) continue;
    // Its parts: the other scenarios whose additions all belong to it; they must cover it together.
    Combination c;
    c.combined = x;
    std::vector<std::string> covered;
    for (std::size_t s = 0; s < S; ++s) {
      if (s == base || s == x || adds[s].empty() || adds[s].size() >= adds[x].size()) continue;
      if (!std::includes(adds[x].begin(), adds[x].end(), adds[s].begin(), adds[s].end())) continue;
      c.singles.push_back(s);
      covered.insert(covered.end(), adds[s].begin(), adds[s].end());
    }
    std::sort(covered.begin(), covered.end());
    covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
    if (c.singles.size() >= 2 && covered == adds[x]) found.push_back(std::move(c));
  }
  if (found.empty()) return found;

  const YearlyValues yearly(file);
  std::vector<Outcome> outcomes;
  if (file.has_variable("money")) {
    const auto items = indices_in(file.strings("item"), {settings.result_item});
    if (!items.empty()) {
      outcomes.push_back({"operating_result", "money", "EUR", items, false});
      outcomes.push_back({"operating_result_cumulative", "money", "EUR", items, true});
    }
  }
  if (file.has_variable("headcount")) {
    const auto states = indices_in(file.strings("state"), settings.work_states);
    if (!states.empty()) outcomes.push_back({"in_work", "headcount", "persons", states, false});
  }
  for (auto& c : found)
    for (const auto& o : outcomes) c.series.push_back(summarise(yearly, o, c, base, comparison.replications));
  return found;
}

}  // namespace ws::runner
