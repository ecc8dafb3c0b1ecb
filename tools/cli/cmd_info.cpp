// `werkstroom info FILE`: a readable summary of a results file and its headline numbers.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>

#include "sim/common/date.hpp"
#include "sim/output/headline.hpp"
#include "sim/output/results_reader.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {
namespace {

using output::ResultsReader;

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

void print_field(const std::string& label, const std::string& value) {
  // Multi-line values (a history of several commands) stay aligned under the first line.
  std::string indented;
  for (char c : value) indented += c == '\n' ? std::string("\n") + std::string(16, ' ') : std::string(1, c);
  fmt::print("  {:<14}{}\n", label, indented);
}

std::string horizon(const ResultsReader& results) {
  const std::vector<double> times = results.numbers("time");
  if (times.empty()) return "no output times";
  const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
  const std::string units = results.variable_attribute("time", "units");
  const std::optional<std::int64_t> epoch = output::parse_days_since(units);
  if (!epoch) return fmt::format("{} .. {} {} ({} output times)", *lo, *hi, units, times.size());
  const auto date = [&](double t) {
    return format_iso_date(*epoch + static_cast<std::int64_t>(std::floor(t)));
  };
  return fmt::format("{} .. {} ({} output times)", date(*lo), date(*hi), times.size());
}

std::string counted_names(const ResultsReader& results, const std::string& dim) {
  const std::vector<std::string> names = results.strings(dim);
  return fmt::format("{}: {}", names.size(), join(names));
}

void print_headline(const output::StockHeadline& h, const std::string& units) {
  fmt::print("\nstock at the last output time of each calendar year, summed over gemeenten ({}):\n",
             or_dash(units));
  if (h.band_added_over_gemeenten)
    fmt::print(
        "mean and 90% band over {} replications (the band: each gemeente's 5% and 95% quantiles added "
        "up)\n",
        h.replications);
  else
    fmt::print("mean and 90% band (5% and 95% quantiles over {} replications)\n", h.replications);
  std::size_t width = 5;
  for (const std::string& s : h.states) width = std::max(width, s.size());
  const auto number = [](double x) {
    return std::isnan(x) ? std::string("missing") : fmt::format("{:.1f}", x);
  };
  for (const output::ScenarioHeadline& scenario : h.scenarios) {
    fmt::print("\nscenario {}\n", scenario.scenario);
    fmt::print("  {:<{}}  {:>4}  {:<10}  {:>12}  {:>12}  {:>12}\n", "state", width, "year", "date", "mean",
               "5%", "95%");
    for (std::size_t st = 0; st < h.states.size(); ++st)
      for (std::size_t y = 0; y < h.years.size(); ++y) {
        const output::StateYearStat& s = scenario.by_year[y][st];
        std::string note;
        if (s.replications < h.replications)
          note = fmt::format("  ({} of {} replications)", s.replications, h.replications);
        fmt::print("  {:<{}}  {:>4}  {:<10}  {:>12}  {:>12}  {:>12}{}\n", h.states[st], width,
                   h.years[y].year, format_iso_date(h.years[y].day), number(s.mean), number(s.q05),
                   number(s.q95), note);
      }
  }
}

int run_info(const std::string& path) {
  const ResultsReader results(path);
  results.require_results_structure();
  const std::vector<std::string> dims = results.dimension_names();
  const auto has_dim = [&](const std::string& d) {
    return std::find(dims.begin(), dims.end(), d) != dims.end();
  };

  fmt::print("werkstroom results file {}\n", path);
  for (const char* key : {"title", "source", "history", "seed"})
    print_field(key, or_dash(results.attribute(key)));
  if (has_dim("scenario")) print_field("scenarios", counted_names(results, "scenario"));
  if (has_dim("replication"))
    print_field("replications", std::to_string(results.dimension_size("replication")));
  if (has_dim("time")) print_field("horizon", horizon(results));
  if (has_dim("gemeente")) print_field("gemeenten", counted_names(results, "gemeente"));
  if (has_dim("state")) print_field("states", counted_names(results, "state"));

  std::vector<std::string> sized;
  for (const std::string& d : dims) sized.push_back(fmt::format("{} {}", d, results.dimension_size(d)));
  fmt::print("dimensions: {}\n", join(sized));

  fmt::print("variables:\n");
  const std::vector<std::string> variables = results.variable_names();
  std::size_t width = 0;
  for (const std::string& v : variables) width = std::max(width, v.size());
  for (const std::string& v : variables) {
    const std::string units = results.variable_attribute(v, "units");
    const std::string long_name = results.variable_attribute(v, "long_name");
    fmt::print("  {:<{}}  ({})  [{}]  {}\n", v, width, join(results.variable_dims(v)), or_dash(units),
               long_name);
  }

  if (const auto headline = output::stock_headline(results)) print_headline(*headline, "persons");
  return 0;
}

Registration register_info(CLI::App& app) {
  auto* sub = app.add_subcommand("info",
                                 "Summarise a results file: what was run, its dimensions, variables and "
                                 "headline numbers per state and year");
  auto path = std::make_shared<std::string>();
  sub->add_option("file", *path, "a results file written by `werkstroom run`")->required();
  return {[path] { return run_info(*path); }, sub};
}

const RegisterCommand registered{register_info};

}  // namespace
}  // namespace ws::cli
