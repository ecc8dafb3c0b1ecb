#include "sim/runner/output_selection.hpp"

#include <algorithm>

#include "sim/common/error.hpp"
#include "sim/output/results_schema.hpp"
#include "sim/runner/yearly_values.hpp"

namespace ws::runner {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

OutputSelection select_output(const output::ResultsReader& file, const std::string& output, int year,
                              const std::string& gemeente) {
  OutputSelection out;
  const std::string where = file.path().string() + ": ";
  // The yearly variables (year or time, gemeente, last) in schema order: money first wins for its items.
  std::vector<std::string> candidates;
  for (const auto& v : output::schema::variables()) {
    if (v.dims.size() != 3 || v.dims[1] != "gemeente" || !file.has_variable(v.name)) continue;
    const auto names = file.strings(v.dims[2]);
    const std::size_t k = index_of(names, output);
    if (k < names.size() && out.variable.empty()) out.variable = v.name, out.item = k, out.units = v.units;
    candidates.insert(candidates.end(), names.begin(), names.end());
  }
  if (out.variable.empty())
    throw InputError(where + "--output: no output named '" + output +
                     "' (expected a money item, state or "
                     "transition: " +
                     joined(candidates) + ")");
  const auto years = file.numbers("year");
  const auto y = std::find(years.begin(), years.end(), static_cast<double>(year));
  if (y == years.end())
    throw InputError(where + "--year: " + std::to_string(year) + " is not a year of the file (" +
                     std::to_string(static_cast<int>(years.front())) + "-" +
                     std::to_string(static_cast<int>(years.back())) + ")");
  out.year = static_cast<std::size_t>(y - years.begin());
  const auto gemeenten = file.strings("gemeente");
  out.area = gemeente.empty() || gemeente == "all" ? gemeenten.size() : index_of(gemeenten, gemeente);
  if (out.area > gemeenten.size() || (out.area == gemeenten.size() && !gemeente.empty() && gemeente != "all"))
    throw InputError(where + "--gemeente: no gemeente named '" + gemeente +
                     "' (expected all or one of: " + joined(gemeenten) + ")");
  return out;
}

std::vector<double> output_per_replication(const output::ResultsReader& file, const OutputSelection& sel,
                                           std::size_t s) {
  const YearlyValues yearly(file);
  const std::size_t R = file.dimension_size("replication"), K = yearly.last_size(sel.variable);
  std::vector<double> out(R);
  for (std::size_t r = 0; r < R; ++r)
    out[r] = yearly.load(sel.variable, s, r)[(sel.year * (yearly.gemeenten() + 1) + sel.area) * K + sel.item];
  return out;
}

std::size_t scenario_index(const output::ResultsReader& file, const std::string& name,
                           const std::string& option) {
  const auto scenarios = file.strings("scenario");
  const std::size_t s = index_of(scenarios, name);
  if (s == scenarios.size())
    throw InputError(file.path().string() + ": " + option + ": no scenario named '" + name +
                     "'; the file has " + joined(scenarios));
  return s;
}

}  // namespace ws::runner
