#include "tools/cli/compare_summary.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace ws::cli {
namespace {

std::string amount(double v, const std::string& units) {
  if (std::isnan(v)) return "-";
  if (units == "EUR") return fmt::format("{:+.0f}k", v / 1e3);
  return fmt::format("{:+.1f}", v);
}

std::size_t probability_index(const runner::DecisionStatistics& d, double p) {
  for (std::size_t q = 0; q < d.probabilities.size(); ++q)
    if (std::abs(d.probabilities[q] - p) < 1e-9) return q;
  return d.probabilities.size();
}

// One line: label, mean (95% CI), futures 5%..95%, median, P(> 0) for year y of the whole area.
void print_line(std::ostream& out, const runner::DecisionStatistics& d, const runner::SeriesStatistics& st,
                std::size_t s, std::size_t y, const std::string& label, const char* chance) {
  const std::size_t g = d.areas - 1, i = d.at(s, y, g), cells = d.years * d.areas;
  const auto q = [&](double p) {
    const std::size_t k = probability_index(d, p);
    return k < d.probabilities.size()
               ? st.quantiles[(s * d.probabilities.size() + k) * cells + y * d.areas + g]
               : NAN;
  };
  out << fmt::format("  {:<34} {:>9} (95% CI {}..{})  futures {}..{}, median {}  {} {:.0f}%\n", label,
                     amount(st.mean[i], st.units), amount(st.lower[i], st.units),
                     amount(st.upper[i], st.units), amount(q(0.05), st.units), amount(q(0.95), st.units),
                     amount(q(0.5), st.units), chance, 100 * st.p_positive[i]);
}

}  // namespace

void print_decision_summary(std::ostream& out, const runner::Comparison& c,
                            const runner::DecisionStatistics& d) {
  if (d.years == 0) return;
  const std::size_t last = d.years - 1;
  const std::string first_year = c.years.front(), last_year = c.years.back();
  out << fmt::format(
      "Whole area against '{}': {} replications with common random numbers. Mean with the 95% interval of "
      "the "
      "mean;\nfutures: 5%..95% of the per-replication differences (what may happen); P: share of "
      "replications "
      "with a difference > 0.\n",
      c.baseline, c.replications);
  const std::size_t base_s = static_cast<std::size_t>(
      std::find(c.scenarios.begin(), c.scenarios.end(), c.baseline) - c.scenarios.begin());
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    if (s == base_s) continue;
    out << "\n" << c.scenarios[s] << "\n";
    if (const auto* st = d.find("operating_result_cumulative"))
      print_line(out, d, *st, s, last, "result " + first_year + "-" + last_year + " (EUR)", "P(gain)");
    if (const auto* st = d.find("operating_result"))
      print_line(out, d, *st, s, last, "result in " + last_year + " (EUR)", "P(gain)");
    if (const auto* st = d.find("in_work"))
      print_line(out, d, *st, s, last, "in work end " + last_year + " (persons)", "P(more)");
    if (const auto* st = d.find("benefit_years_cumulative"))
      print_line(out, d, *st, s, last, "bijstand " + first_year + "-" + last_year + " (person-years)",
                 "P(more)");
    if (d.find("operating_result_cumulative")) {
      const std::size_t i = d.at(s, last, d.areas - 1);
      const double be = d.break_even_year[s * d.areas + d.areas - 1];
      // A cost per person only where there is a net cost and the persons gained (in work, bijstand-years
      // avoided): a negative "cost" of a pilot that pays, or one per bijstand-year added, means nothing.
      const auto per = [&](const std::vector<double>& cost, const char* series, double sign,
                           const char* none) {
        const auto* st = d.find(series);
        const double gained = st ? sign * st->mean[i] : NAN;
        if (!(gained > 0)) return std::string(none);
        if (cost[i] <= 0) return std::string("none (net gain)");
        return std::isnan(cost[i]) ? std::string("-") : fmt::format("EUR {:.0f}", cost[i]);
      };
      out << fmt::format(
          "  net cost up to {} per extra person in work: {}; per bijstand-year avoided: {}; break-even: {}\n",
          last_year, per(d.cost_per_extra_in_work, "in_work", 1, "no extra persons in work"),
          per(d.cost_per_benefit_year_avoided, "benefit_years_cumulative", -1, "no bijstand-years avoided"),
          std::isnan(be) ? "not by " + last_year : fmt::format("{:.0f}", be));
    }
  }
}

}  // namespace ws::cli
