#include "sim/runner/decision_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "sim/output/results_schema.hpp"
#include "sim/runner/yearly_values.hpp"

namespace ws::runner {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kTiny = 1e-6;  // below this a difference counts as none (sums of floating-point amounts)

// Type 7 quantile (numpy's default) of sorted values.
double quantile_of_sorted(const std::vector<double>& sorted, double p) {
  const double h = p * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::vector<std::size_t> indices_of(const std::vector<std::string>& names,
                                    const std::vector<std::string>& wanted) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (std::find(wanted.begin(), wanted.end(), names[k]) != wanted.end()) out.push_back(k);
  return out;
}

// Per replication, [year][gemeente + 1] of one outcome: the sum over `items` of a variable's last dimension.
struct Outcome {
  std::string name, variable, units, long_name;
  std::vector<std::size_t> items;
  bool cumulative = false;
};

std::vector<double> reduce(const YearlyValues& yearly, const Outcome& o, std::size_t s, std::size_t r) {
  const std::vector<double> values = yearly.load(o.variable, s, r);
  const std::size_t cells = yearly.years() * (yearly.gemeenten() + 1), K = yearly.last_size(o.variable);
  std::vector<double> out(cells, 0.0);
  for (std::size_t c = 0; c < cells; ++c)
    for (std::size_t k : o.items) out[c] += values[c * K + k];
  if (o.cumulative)
    for (std::size_t c = yearly.gemeenten() + 1; c < cells; ++c) out[c] += out[c - (yearly.gemeenten() + 1)];
  return out;
}

// Summarises R per-replication differences of every cell: diffs[r][cell].
void summarise(const std::vector<std::vector<double>>& diffs, std::size_t s, const std::vector<double>& probs,
               std::size_t cells, SeriesStatistics& out) {
  const std::size_t R = diffs.size();
  const double t = student_t_quantile(0.975, static_cast<double>(R - 1));
  std::vector<double> x(R);
  for (std::size_t c = 0; c < cells; ++c) {
    double sum = 0, positive = 0;
    for (std::size_t r = 0; r < R; ++r) {
      x[r] = diffs[r][c];
      sum += x[r];
      positive += x[r] > kTiny ? 1 : 0;
    }
    const double mean = sum / static_cast<double>(R);
    double m2 = 0;
    for (double v : x) m2 += (v - mean) * (v - mean);
    const double half = t * std::sqrt(m2 / static_cast<double>(R - 1) / static_cast<double>(R));
    const std::size_t i = s * cells + c;
    out.mean[i] = mean, out.lower[i] = mean - half, out.upper[i] = mean + half;
    out.p_positive[i] = positive / static_cast<double>(R);
    std::sort(x.begin(), x.end());
    for (std::size_t q = 0; q < probs.size(); ++q)
      out.quantiles[(s * probs.size() + q) * cells + c] = quantile_of_sorted(x, probs[q]);
  }
}

double ratio(double numerator, double divisor) {
  return std::abs(divisor) > kTiny ? numerator / divisor : kNaN;
}

}  // namespace

const SeriesStatistics* DecisionStatistics::find(const std::string& name) const {
  for (const auto& s : series)
    if (s.name == name) return &s;
  return nullptr;
}

DecisionStatistics decision_statistics(const output::ResultsReader& file, const Comparison& comparison,
                                       const DecisionSettings& settings) {
  const YearlyValues yearly(file);
  DecisionStatistics out;
  out.probabilities = file.numbers("quantile");
  out.scenarios = comparison.scenarios.size();
  out.years = yearly.years();
  out.areas = yearly.gemeenten() + 1;
  const std::size_t S = out.scenarios, R = comparison.replications, cells = out.years * out.areas;
  const std::size_t base = static_cast<std::size_t>(
      std::find(comparison.scenarios.begin(), comparison.scenarios.end(), comparison.baseline) -
      comparison.scenarios.begin());

  std::vector<Outcome> outcomes;
  const auto add = [&](const char* variable, const char* dim, const std::vector<std::string>& wanted,
                       const std::string& name, const std::string& units, const std::string& what) {
    if (!file.has_variable(variable)) return;
    const auto items = indices_of(file.strings(dim), wanted);
    if (items.empty()) return;
    outcomes.push_back({name, variable, units, what, items, false});
    if (std::string(variable) != "headcount")
      outcomes.push_back(
          {name + "_cumulative", variable, units, what + ", cumulative from the first year", items, true});
  };
  add("money", "item", {settings.result_item}, "operating_result", "EUR", "operating result (money item)");
  add("headcount", "state", settings.work_states, "in_work", "persons", "persons in work at the year end");
  add("person_years", "state", settings.benefit_states, "benefit_years", "person-years",
      "person-years on bijstand");

  for (const auto& o : outcomes) {
    SeriesStatistics st{o.name, o.units, o.long_name, {}, {}, {}, {}, {}};
    for (auto* v : {&st.mean, &st.lower, &st.upper, &st.p_positive}) v->assign(S * cells, 0.0);
    st.quantiles.assign(S * out.probabilities.size() * cells, 0.0);
    std::vector<std::vector<double>> baseline(R);
    for (std::size_t r = 0; r < R; ++r) baseline[r] = reduce(yearly, o, base, r);
    for (std::size_t s = 0; s < S; ++s) {
      if (s == base) continue;
      std::vector<std::vector<double>> diffs(R);
      for (std::size_t r = 0; r < R; ++r) {
        diffs[r] = reduce(yearly, o, s, r);
        for (std::size_t c = 0; c < cells; ++c) diffs[r][c] -= baseline[r][c];
      }
      summarise(diffs, s, out.probabilities, cells, st);
    }
    out.series.push_back(std::move(st));
  }

  out.cost_per_extra_in_work.assign(S * cells, kNaN);
  out.cost_per_benefit_year_avoided.assign(S * cells, kNaN);
  out.break_even_year.assign(S * out.areas, kNaN);
  const SeriesStatistics* cost = out.find("operating_result_cumulative");
  if (!cost) return out;
  const SeriesStatistics* work = out.find("in_work");
  const SeriesStatistics* benefit = out.find("benefit_years_cumulative");
  const auto years = file.numbers("year");
  for (std::size_t s = 0; s < S; ++s) {
    if (s == base) continue;
    for (std::size_t i = s * cells; i < (s + 1) * cells; ++i) {
      if (work) out.cost_per_extra_in_work[i] = ratio(-cost->mean[i], work->mean[i]);
      if (benefit) out.cost_per_benefit_year_avoided[i] = ratio(-cost->mean[i], -benefit->mean[i]);
    }
    for (std::size_t g = 0; g < out.areas; ++g) {
      std::size_t first = out.years;  // the earliest year from which the cumulative mean stays >= 0
      while (first > 0 && cost->mean[out.at(s, first - 1, g)] >= -kTiny) --first;
      if (first < out.years) out.break_even_year[s * out.areas + g] = years[first];
    }
  }
  return out;
}

namespace {

// Splits [outer][gemeente + 1] into the per-gemeente part [outer][gemeente] and the whole area [outer].
std::pair<std::vector<double>, std::vector<double>> split_area(const double* values, std::size_t outer,
                                                               std::size_t areas) {
  std::pair<std::vector<double>, std::vector<double>> out;
  for (std::size_t o = 0; o < outer; ++o) {
    out.first.insert(out.first.end(), values + o * areas, values + o * areas + areas - 1);
    out.second.push_back(values[o * areas + areas - 1]);
  }
  return out;
}

// Writes values [scenario][outer...][gemeente + 1] as NAME (dims + gemeente) and NAME_region-style `region`.
void write_pair(output::ResultsWriter& writer, const std::string& name, const std::string& region,
                std::vector<std::string> dims, const std::string& units, const std::string& long_name,
                const Comparison& c, const std::vector<double>& values, std::size_t outer, std::size_t areas,
                const std::string& cell_methods = "", const std::string& comment = "") {
  // Stored in UDUNITS-2 form (money: "1" and a comment naming EUR); `units` stays the readable one in memory.
  const output::schema::FileUnits stored = output::schema::file_units(units);
  output::Attributes attributes{{"baseline", c.baseline}};
  const std::string text =
      stored.comment.empty() || comment.empty() ? stored.comment + comment : stored.comment + "; " + comment;
  if (!text.empty()) attributes.emplace_back("comment", text);
  if (!cell_methods.empty()) attributes.emplace_back("cell_methods", cell_methods);
  std::vector<std::string> gemeente_dims = dims;
  gemeente_dims.push_back("gemeente");
  if (!writer.has_variable(name))
    writer.add_variable({name, gemeente_dims, stored.units, long_name, false, attributes});
  if (!writer.has_variable(region))
    writer.add_variable({region, dims, stored.units, long_name + ", whole area", false, attributes});
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    const auto [per_gemeente, whole] = split_area(values.data() + s * outer * areas, outer, areas);
    const std::size_t leading[] = {s};
    writer.write(name, leading, per_gemeente);
    writer.write(region, leading, whole);
  }
}

}  // namespace

void write_decision_statistics(output::ResultsWriter& writer, const Comparison& c,
                               const DecisionStatistics& d) {
  const std::string against = " paired difference against the baseline (common random numbers) of ";
  const std::size_t Y = d.years, Q = d.probabilities.size();
  for (const auto& st : d.series) {
    struct Part {
      const char* suffix;
      const char* what;
      const std::vector<double>* values;
      std::string units;
    };
    const Part parts[] = {{"mean", "mean", &st.mean, st.units},
                          {"lower", "lower 95% bound of the mean", &st.lower, st.units},
                          {"upper", "upper 95% bound of the mean", &st.upper, st.units},
                          {"p_positive", "share of replications with a positive", &st.p_positive, "1"}};
    for (const Part& p : parts)
      write_pair(writer, st.name + "_diff_" + p.suffix, st.name + "_region_diff_" + p.suffix,
                 {"scenario", "year"}, p.units, std::string(p.what) + against + st.long_name, c, *p.values, Y,
                 d.areas, p.suffix == std::string_view("mean") ? "realization: mean" : "");
    write_pair(
        writer, st.name + "_diff_quantile", st.name + "_region_diff_quantile",
        {"scenario", "quantile", "year"}, st.units,
        "quantiles over replications (predictive distribution) of the" + against + st.long_name, c,
        st.quantiles, Q * Y, d.areas, "",
        "the quantile over the replications (realizations) named by the quantile coordinate (CF 1.8 has no "
        "cell method for it)");
  }
  if (!d.find("operating_result_cumulative")) return;
  write_pair(writer, "cost_per_extra_in_work", "cost_per_extra_in_work_region", {"scenario", "year"},
             "EUR/person",
             "minus the mean cumulative operating-result difference per extra person in work at the year end",
             c, d.cost_per_extra_in_work, Y, d.areas);
  write_pair(writer, "cost_per_benefit_year_avoided", "cost_per_benefit_year_avoided_region",
             {"scenario", "year"}, "EUR/person-year",
             "minus the mean cumulative operating-result difference per bijstand person-year avoided", c,
             d.cost_per_benefit_year_avoided, Y, d.areas);
  write_pair(
      writer, "break_even_year", "break_even_year_region", {"scenario"}, "1",
      "first year from which the mean cumulative operating-result difference stays >= 0 (NaN: not yet)", c,
      d.break_even_year, 1, d.areas);
}

}  // namespace ws::runner
