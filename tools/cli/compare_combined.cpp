#include "tools/cli/compare_combined.hpp"

#include <fmt/core.h>

#include <cmath>
#include <string>

namespace ws::cli {
namespace {

std::string value(double v, const std::string& units) {
  if (std::isnan(v)) return "-";
  if (units == "EUR") return fmt::format("{:+.0f}k", v / 1e3);
  return fmt::format("{:+.1f}", v);
}

const char* title(const std::string& series) {
  if (series == "operating_result") return "operating result (EUR), per year";
  if (series == "operating_result_cumulative") return "operating result (EUR), cumulative";
  return "persons in work at the year end (regulier, lks)";
}

}  // namespace

void print_combinations(std::ostream& out, const runner::Comparison& c,
                        const std::vector<runner::Combination>& combinations) {
  for (const auto& comb : combinations) {
    std::string parts;
    for (std::size_t s : comb.singles) parts += (parts.empty() ? "" : " + ") + c.scenarios[s];
    out << fmt::format(
        "\nCombined: {} against the sum of its parts ({}), whole area, mean differences against '{}'; "
        "interaction = combined - sum, with its 95% interval (common random numbers)\n",
        c.scenarios[comb.combined], parts, c.baseline);
    for (const auto& st : comb.series) {
      out << fmt::format("  {}\n  {:<6} {:>12} {:>12} {:>30}\n", title(st.name), "year", "sum of parts",
                         "combined", "interaction (95% CI)");
      for (std::size_t y = 0; y < st.combined.size() && y < c.years.size(); ++y)
        out << fmt::format(
            "  {:<6} {:>12} {:>12} {:>30}\n", c.years[y], value(st.sum_of_singles[y], st.units),
            value(st.combined[y], st.units),
            fmt::format("{} ({}..{})", value(st.interaction[y], st.units),
                        value(st.interaction_lower[y], st.units), value(st.interaction_upper[y], st.units)));
    }
  }
}

}  // namespace ws::cli
