#include "tools/cli/run_summary.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/common/date.hpp"

namespace ws::cli {
namespace {

// Output-time indices that fall on a year end (1 January of the next year, or the end), with that year.
std::vector<std::pair<std::size_t, int>> year_end_times(const runner::ResultsLayout& layout) {
  std::vector<std::pair<std::size_t, int>> ends;
  const auto start = parse_iso_date(layout.start_date).value();
  for (std::size_t t = 1; t < layout.output_times.size(); ++t) {
    const CivilDate d = civil_from_days(start + static_cast<std::int64_t>(layout.output_times[t]));
    if (d.month == 1 && d.day == 1) ends.emplace_back(t, d.year - 1);
  }
  return ends;
}

bool is_exit(const std::string& state, const runner::ResultsLayout& layout) {
  // Exit states are entered but never left: no label starts with "state->".
  for (const auto& l : layout.labels)
    if (l.rfind(state + "->", 0) == 0) return false;
  return true;
}

// The Wsw (or the first state) at each year end: share aged 45 and over, and the labour-years of the year.
void print_demography(std::ostream& out, const runner::RunReport& report, std::size_t s,
                      const std::vector<std::pair<std::size_t, int>>& ends) {
  const auto& L = report.layout;
  const auto wsw = std::find(L.states.begin(), L.states.end(), "wsw");
  if (wsw == L.states.end() || report.stock_region_mean[s].empty()) return;
  const std::size_t st = static_cast<std::size_t>(wsw - L.states.begin()), S = L.states.size();
  const std::size_t B = L.age_bands.size(), X = L.sexes.size();
  static const std::vector<double> ages_none;
  out << fmt::format("\n== {}: wsw at year end, whole area (mean) ==\n{:<20}", L.scenarios[s], "");
  for (const auto& [t, year] : ends) out << fmt::format("{:>13}", year);
  out << "\n" << fmt::format("{:<20}", "share aged 45+");
  for (std::size_t e = 1; e < L.year_ends.size() && e <= ends.size(); ++e) {
    double all = 0, older = 0;
    for (std::size_t b = 0; b < B; ++b)
      for (std::size_t x = 0; x < X; ++x) {
        const double n = report.stock_region_mean[s][((e * S + st) * B + b) * X + x];
        all += n;
        if (std::stoi(L.age_bands[b]) >= 45) older += n;
      }
    out << fmt::format("{:>13}", all > 0 ? fmt::format("{:.1f}%", 100 * older / all) : "-");
  }
  out << "\n" << fmt::format("{:<20}", "mean age (years)");
  const auto& ages = s < report.mean_age_region_mean.size() ? report.mean_age_region_mean[s] : ages_none;
  for (std::size_t e = 1; e < L.year_ends.size() && e <= ends.size(); ++e) {
    const std::size_t i = e * S + st;
    out << fmt::format("{:>13}",
                       i < ages.size() && !std::isnan(ages[i]) ? fmt::format("{:.1f}", ages[i]) : "-");
  }
  out << "\n" << fmt::format("{:<20}", "labour-years (AJ)");
  for (std::size_t y = 0; y < report.labour_years_mean[s].size() && y < ends.size(); ++y)
    out << fmt::format("{:>13.0f}", report.labour_years_mean[s][y]);
  out << "\n(labour-years: during the year; the others on 1 January after it. Per replication, with bands: "
         "mean_age_region, stock_region, labour_years_region in the results file)\n";
}

}  // namespace

void print_run_summary(std::ostream& out, const runner::RunReport& report,
                       const runner::RunOptions& options) {
  const auto& L = report.layout;
  const std::size_t G = L.gemeenten.size(), S = L.states.size(), T = L.labels.size();
  const auto ends = year_end_times(L);
  out << fmt::format("\n{} scenario(s) x {} replications, seed {}, {:.1f} s ({:.2g} events/s)\n",
                     L.scenarios.size(), options.replications, options.seed, report.seconds,
                     static_cast<double>(report.events) / report.seconds);
  for (std::size_t s = 0; s < L.scenarios.size(); ++s) {
    const auto& mean = report.stock_mean[s];
    // The whole area's mean and band are those of the per-replication sums (headcount_region), never sums
    // of the gemeenten's quantiles.
    const auto region = [&](const std::vector<std::vector<double>>& v, std::size_t t, std::size_t state) {
      return v[s][t * S + state];
    };
    out << fmt::format("\n== {}: persons at year end, whole area (mean, 90% band below) ==\n",
                       L.scenarios[s]);
    out << fmt::format("{:<20}", "state");
    for (const auto& [t, year] : ends) out << fmt::format("{:>13}", year);
    out << "\n";
    for (std::size_t st = 0; st < S; ++st) {
      if (is_exit(L.states[st], L)) continue;
      out << fmt::format("{:<20}", L.states[st]);
      for (const auto& [t, year] : ends) out << fmt::format("{:>13.0f}", region(report.region_mean, t, st));
      out << "\n" << fmt::format("{:<20}", "");
      for (const auto& [t, year] : ends)
        out << fmt::format("{:>13}", fmt::format("{:.0f}-{:.0f}", region(report.region_low, t, st),
                                                 region(report.region_high, t, st)));
      out << "\n";
    }
    // Outflow by exit, per year (means), from the flows into each exit state.
    out << fmt::format("\n== {}: exits per year, whole area (mean) ==\n{:<20}", L.scenarios[s], "exit");
    for (const auto& [t, year] : ends) out << fmt::format("{:>13}", year);
    out << "\n";
    for (std::size_t st = 0; st < S; ++st) {
      if (!is_exit(L.states[st], L)) continue;
      out << fmt::format("{:<20}", L.states[st]);
      for (std::size_t y = 0; y < L.years.size() && y < ends.size(); ++y) {
        double sum = 0;
        for (std::size_t g = 0; g < G; ++g)
          for (std::size_t l = 0; l < T; ++l) {
            const auto& label = L.labels[l];
            if (label.size() > L.states[st].size() + 2 &&
                label.compare(label.size() - L.states[st].size() - 2, std::string::npos,
                              "->" + L.states[st]) == 0)
              sum += report.flow_mean[s][(y * G + g) * T + l];
          }
        out << fmt::format("{:>13.0f}", sum);
      }
      out << "\n";
    }
    print_demography(out, report, s, ends);
    if (G < 2 || ends.empty()) continue;
    // Per gemeente at the last year end.
    const auto [t_last, last_year] = ends.back();
    out << fmt::format("\n== {}: persons per gemeente at the end of {} (mean) ==\n{:<20}", L.scenarios[s],
                       last_year, "gemeente");
    std::vector<std::size_t> living;
    for (std::size_t st = 0; st < S; ++st)
      if (!is_exit(L.states[st], L)) living.push_back(st);
    for (std::size_t st : living) out << fmt::format("{:>12.11}", L.states[st]);
    out << "\n";
    for (std::size_t g = 0; g < G; ++g) {
      out << fmt::format("{:<20}", L.gemeenten[g]);
      for (std::size_t st : living) out << fmt::format("{:>12.0f}", mean[(t_last * G + g) * S + st]);
      out << "\n";
    }
  }
  out << "\n";
}

}  // namespace ws::cli
