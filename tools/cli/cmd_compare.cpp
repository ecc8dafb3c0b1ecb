// werkstroom compare FILE --against SCENARIO : paired differences (common random numbers): a whole-area
// summary with the spread of outcomes and the chance of a gain, then (--detail) the tables with 95% intervals.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "sim/common/error.hpp"
#include "sim/common/text.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/runner/decision_statistics.hpp"
#include "sim/runner/paired_difference.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/compare_combined.hpp"
#include "tools/cli/compare_summary.hpp"

namespace ws::cli {
namespace {

struct CompareArguments {
  std::string file;
  std::string against;
  std::vector<std::string> gemeenten;  // empty: the whole area and every gemeente
  std::vector<std::string> variables;  // empty: all
  bool write = false;     // add the differences to the input file
  std::string out;        // or to a copy of it at this new path
  bool no_write = false;  // the default; kept so that older command lines still work
  bool detail = false;    // the per-year, per-gemeente tables (implied by --gemeente and --variable)
};

// One table: rows are the items of the last dimension with any non-zero difference, columns the years,
// each cell "mean ± half-width of the 95% interval".
void print_table(std::ostream& out, const runner::Comparison& c, const runner::PairedDifference& d,
                 const std::vector<std::string>& items, std::size_t s, std::size_t g,
                 const std::string& where) {
  const std::size_t Y = d.shape[1], G1 = d.shape[2], K = d.shape[3];
  const auto at = [&](std::size_t y, std::size_t k) { return ((s * Y + y) * G1 + g) * K + k; };
  std::vector<std::size_t> rows;
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t y = 0; y < Y; ++y)
      if (d.upper[at(y, k)] != 0 || d.lower[at(y, k)] != 0) {
        rows.push_back(k);
        break;
      }
  out << fmt::format("\n-- {} {} ({}), {} --\n", c.scenarios[s], d.variable, d.units, where);
  if (rows.empty()) {
    out << "   no difference in any year\n";
    return;
  }
  out << fmt::format("{:<28}", "");
  for (const auto& y : c.years) out << fmt::format("{:>16}", y);
  out << "\n";
  for (std::size_t k : rows) {
    out << fmt::format("{:<28.28}", items[k]);
    for (std::size_t y = 0; y < Y; ++y) {
      const double mean = d.mean[at(y, k)], half = (d.upper[at(y, k)] - d.lower[at(y, k)]) / 2;
      const bool money = d.variable == "money";  // units "1": euros (the comment says so)
      out << fmt::format("{:>16}", money ? fmt::format("{:+.0f}k±{:.0f}k", mean / 1e3, half / 1e3)
                                         : fmt::format("{:+.1f}±{:.1f}", mean, half));
    }
    out << "\n";
  }
}

// The tables per scenario, variable and area (the whole area, then each chosen gemeente).
void print_detail(std::ostream& out, const output::ResultsReader& file, const runner::Comparison& c,
                  const CompareArguments& args) {
  out << "\n";
  out << fmt::format(
      "Paired differences against '{}' with common random numbers: {} replications, "
      "mean ± half-width of the 95% interval\n",
      c.baseline, c.replications);
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    if (c.scenarios[s] == c.baseline) continue;
    for (const auto& d : c.differences) {
      if (!args.variables.empty() &&
          std::find(args.variables.begin(), args.variables.end(), d.variable) == args.variables.end())
        continue;
      const std::vector<std::string> items = file.strings(d.dims[3]);
      const std::size_t G = d.shape[2] - 1;
      if (args.gemeenten.empty()) print_table(out, c, d, items, s, G, "whole area");
      for (std::size_t g = 0; g < G; ++g) {
        const bool chosen = args.gemeenten.empty() || std::find(args.gemeenten.begin(), args.gemeenten.end(),
                                                                c.gemeenten[g]) != args.gemeenten.end();
        if (chosen) print_table(out, c, d, items, s, g, c.gemeenten[g]);
      }
    }
  }
}

int compare_command(const CompareArguments& args) {
  const output::ResultsReader file(args.file);
  runner::Comparison c = runner::compare_scenarios(file, args.against);
  for (const auto& g : args.gemeenten)
    if (std::find(c.gemeenten.begin(), c.gemeenten.end(), g) == c.gemeenten.end())
      throw InputError(args.file + ": --gemeente: no gemeente named '" + g + "'");
  std::vector<std::string> compared;
  for (const auto& d : c.differences) compared.push_back(d.variable);
  for (const auto& v : args.variables)
    if (std::find(compared.begin(), compared.end(), v) == compared.end()) {
      const std::string suggestion = closest_match(v, compared);
      std::string list;
      for (const auto& name : compared) list += (list.empty() ? "" : ", ") + name;
      throw InputError(args.file + ": --variable: no variable named '" + v + "'" +
                       (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
                       " (expected one of: " + list + ")");
    }
  const runner::DecisionStatistics decisions = runner::decision_statistics(file, c);
  print_decision_summary(std::cout, c, decisions);
  print_combinations(std::cout, c, runner::find_combinations(file, c));
  if (args.detail || !args.gemeenten.empty() || !args.variables.empty())
    print_detail(std::cout, file, c, args);
  else
    std::cout << "\nper year and per gemeente: --detail\n";
  if (args.write || !args.out.empty()) {
    std::string target = args.file;
    if (!args.out.empty()) {
      if (std::filesystem::exists(args.out))
        throw InputError(args.out + ": --out: the file exists; expected a new path");
      std::filesystem::copy_file(args.file, args.out);
      target = args.out;
    }
    auto writer = output::ResultsWriter::amend(target);
    runner::write_comparison(*writer, c);
    runner::write_decision_statistics(*writer, c, decisions);
    writer->commit();
    std::cout << "\nwritten to " << target
              << " as <variable>_diff_mean/_lower/_upper, <outcome>_diff_quantile/_p_positive, cost_per_*, "
                 "break_even_year (and _region_...)\n";
  }
  return 0;
}

Registration register_compare(CLI::App& app) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* sub = app.add_subcommand(
      "compare",
      "paired differences of each scenario in a results file against a baseline, with 95% intervals");
  sub->add_option("file", args->file, "results file of a run of several scenarios")->required();
  sub->add_option("--against", args->against, "the baseline scenario's name (scenario.name)")->required();
  sub->add_option("--gemeente", args->gemeenten, "show only these gemeenten (default: whole area and each)");
  sub->add_option("--variable", args->variables,
                  "show only these: stock_year_end, flow, person_years, money");
  sub->add_flag("--write", args->write, "add the differences to FILE (default: print only)");
  sub->add_option("--out", args->out, "add the differences to a copy of FILE at this new path");
  sub->add_flag("--no-write", args->no_write, "print only (the default)");
  sub->add_flag("--detail", args->detail, "also the tables per year and per gemeente");
  return {[args] { return compare_command(*args); }, sub};
}

const RegisterCommand registered(register_compare);

}  // namespace
}  // namespace ws::cli
