// werkstroom sensitivity FILE --output NAME --year Y : which uncertain parameters drive an output, from the
// parameter draws stored per replication (first-order indices), and the split into parameters and chance.
// --against BASELINE: of the paired difference (scenario - baseline, common random numbers); --cumulative: of
// the sum over the years up to --year; --json: the same as JSON (for tools/report.py).
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "sim/common/error.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/runner/output_selection.hpp"
#include "sim/runner/sensitivity.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {
namespace {

struct SensitivityArguments {
  std::string file, output, scenario, gemeente, against;
  int year = 0;
  bool cumulative = false, json = false;
  std::size_t bins = 0;  // 0: about sqrt(replications)
};

// The output of every replication of scenario s: the selected year's value, or with `cumulative` the sum over
// the years up to it.
std::vector<double> values_of(const output::ResultsReader& file, runner::OutputSelection sel, std::size_t s,
                              bool cumulative) {
  std::vector<double> sum(file.dimension_size("replication"), 0.0);
  const std::size_t last = sel.year;
  for (std::size_t year = cumulative ? 0 : last; year <= last; ++year) {
    sel.year = year;
    const std::vector<double> v = runner::output_per_replication(file, sel, s);
    for (std::size_t r = 0; r < sum.size(); ++r) sum[r] += v[r];
  }
  return sum;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
  }
  return out + "\"";
}

int sensitivity_command(const SensitivityArguments& args) {
  const output::ResultsReader file(args.file);
  const runner::OutputSelection sel = runner::select_output(file, args.output, args.year, args.gemeente);
  const auto scenarios = file.strings("scenario");
  const std::size_t s = args.scenario.empty() ? 0 : runner::scenario_index(file, args.scenario, "--scenario");
  std::vector<double> y = values_of(file, sel, s, args.cumulative);
  if (!args.against.empty()) {
    const std::size_t b = runner::scenario_index(file, args.against, "--against");
    const std::vector<double> base = values_of(file, sel, b, args.cumulative);
    for (std::size_t r = 0; r < y.size(); ++r) y[r] -= base[r];
  }
  const std::size_t R = y.size();
  // With k replications per draw the indices are taken over the draws (group means; E[mean | x] = E[y | x])
  // and scaled back to the variance of single replications.
  const std::size_t k = static_cast<std::size_t>(file.numeric_attribute("replications_per_draw").value_or(1));
  const bool grouped = k >= 2 && R % k == 0 && R >= 2 * k;
  const std::size_t step = grouped ? k : 1, N = R / step;
  std::vector<double> means(N, 0.0);
  for (std::size_t r = 0; r < R; ++r) means[r / step] += y[r] / static_cast<double>(step);
  const auto variance = [](const std::vector<double>& v) {
    double m = 0, m2 = 0;
    for (double x : v) m += x / static_cast<double>(v.size());
    for (double x : v) m2 += (x - m) * (x - m) / static_cast<double>(v.size());
    return m2;
  };
  const double scale = grouped && variance(y) > 0 ? variance(means) / variance(y) : 1.0;
  const std::size_t bins = args.bins ? args.bins : runner::default_bins(N);
  if (N < 2 * bins)
    throw InputError(args.file + ": " + std::to_string(N) + " parameter draws; expected at least " +
                     std::to_string(2 * bins) + " for " + std::to_string(bins) + " bins (--bins)");
  const std::vector<std::string> parameters =
      file.has_variable("parameter_value") ? file.strings("parameter") : std::vector<std::string>{};
  const std::size_t leading[] = {s};
  const std::vector<double> draws =
      parameters.empty() ? std::vector<double>{} : file.read("parameter_value", leading);  // [r][p]
  struct Row {
    std::string name;
    runner::Estimate index;
  };
  std::vector<Row> rows;
  for (std::size_t p = 0; p < parameters.size(); ++p) {
    std::vector<double> x(N);
    for (std::size_t r = 0; r < N; ++r) x[r] = draws[r * step * parameters.size() + p];
    const bool varies = std::none_of(x.begin(), x.end(), [](double v) { return std::isnan(v); }) &&
                        *std::min_element(x.begin(), x.end()) < *std::max_element(x.begin(), x.end());
    if (!varies) continue;
    runner::Estimate index = runner::first_order_index(x, means, bins);
    index.value *= scale, index.standard_error *= scale;
    rows.push_back({parameters[p], index});
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.index.value > b.index.value; });

  const std::string area = sel.area == file.dimension_size("gemeente") ? "whole area" : args.gemeente;
  const runner::VarianceSplit split = grouped ? runner::split_variance(y, k) : runner::VarianceSplit{};
  if (args.json) {
    const auto number = [](double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("NaN"); };
    std::cout << fmt::format(
        "{{\"output\": {}, \"year\": {}, \"cumulative\": {}, \"scenario\": {}, \"against\": {}, "
        "\"area\": {}, \"replications\": {}, \"bins\": {}, \"indices\": [",
        json_string(args.output), args.year, args.cumulative, json_string(scenarios[s]),
        json_string(args.against), json_string(area), R, bins);
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::cout << fmt::format("{}{{\"parameter\": {}, \"index\": {}, \"standard_error\": {}}}",
                               i ? ", " : "", json_string(rows[i].name), number(rows[i].index.value),
                               number(rows[i].index.standard_error));
    std::cout << "], \"parameter_share\": "
              << (grouped ? number(split.parameters / (split.parameters + split.chance))
                          : std::string("null"))
              << "}\n";
    return 0;
  }
  const std::string what = (args.cumulative ? "cumulative " : "") + args.output +
                           (args.against.empty() ? "" : " - '" + args.against + "'");
  std::cout << fmt::format(
      "First-order sensitivity of {} ({}, {}) in {}, {}, scenario '{}', {} replications\n", what,
      sel.variable, sel.units, args.year, area, scenarios[s], R);
  std::cout << fmt::format(
      "share of the variance explained by each uncertain parameter alone (binned conditional means, {} bins; "
      "± bootstrap standard error)\n",
      bins);
  if (rows.empty()) std::cout << "  no uncertain parameter varies in this scenario\n";
  double sum = 0;
  for (const Row& row : rows) {
    std::cout << fmt::format("  {:<48} {:6.1f}% ± {:.1f}%\n", row.name, 100 * row.index.value,
                             100 * row.index.standard_error);
    sum += row.index.value;
  }
  if (!rows.empty())
    std::cout << fmt::format("  {:<48} {:6.1f}%  (the rest: interactions and chance)\n", "sum", 100 * sum);
  if (grouped) {
    std::cout << fmt::format(
        "variance split ({} replications per parameter draw): parameters {:.1f}%, chance {:.1f}%\n", k,
        100 * split.parameters / (split.parameters + split.chance),
        100 * split.chance / (split.parameters + split.chance));
  } else {
    std::cout << "(run with --replications-per-draw k to split the variance into parameters and chance)\n";
  }
  return 0;
}

Registration register_sensitivity(CLI::App& app) {
  auto args = std::make_shared<SensitivityArguments>();
  CLI::App* sub = app.add_subcommand(
      "sensitivity", "which uncertain parameters drive an output: first-order indices from the stored draws");
  sub->add_option("file", args->file, "results file")->required();
  sub->add_option("--output", args->output, "a money item (operating_result), state or transition")
      ->required();
  sub->add_option("--year", args->year, "calendar year")->required();
  sub->add_option("--scenario", args->scenario, "scenario name (default: the first in the file)");
  sub->add_option("--gemeente", args->gemeente, "a gemeente, or all (default: the whole area)");
  sub->add_option("--against", args->against,
                  "of the paired difference scenario - this baseline (common random numbers)");
  sub->add_flag("--cumulative", args->cumulative, "of the sum over the years up to --year");
  sub->add_flag("--json", args->json, "print the indices as JSON");
  sub->add_option("--bins", args->bins, "bins of the conditional means (default: about sqrt(replications))")
      ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
  return {[args] { return sensitivity_command(*args); }, sub};
}

const RegisterCommand registered(register_sensitivity);

}  // namespace
}  // namespace ws::cli
