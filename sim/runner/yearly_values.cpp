#include "sim/runner/yearly_values.hpp"

#include <algorithm>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/output/results_schema.hpp"

namespace ws::runner {

YearlyValues::YearlyValues(const output::ResultsReader& file) : file_(file) {
  const auto years = file.numbers("year");
  years_ = years.size();
  gemeenten_ = file.dimension_size("gemeente");
  const std::string units = file.variable_attribute("time", "units");
  const auto start = parse_iso_date(units.size() >= 21 ? units.substr(11, 10) : std::string());
  if (!start) throw InputError(file.path().string() + ": time: expected units 'days since YYYY-MM-DD'");
  const auto times = file.numbers("time");
  for (std::size_t t = 0; t < times.size(); ++t) {
    const CivilDate d = civil_from_days(*start + static_cast<std::int64_t>(times[t]));
    if (d.month != 1 || d.day != 1) continue;
    const auto it = std::find(years.begin(), years.end(), static_cast<double>(d.year - 1));
    if (it != years.end()) ends_.emplace_back(t, static_cast<std::size_t>(it - years.begin()));
  }
}

std::size_t YearlyValues::last_size(const std::string& variable) const {
  return file_.dimension_size(output::schema::variable(variable).dims.back());
}

std::vector<double> YearlyValues::load(const std::string& variable, std::size_t s, std::size_t r) const {
  const std::size_t G = gemeenten_, K = last_size(variable);
  const std::size_t leading[] = {s, r};
  const std::vector<double> raw = file_.read(variable, leading);
  std::vector<double> by_year(years_ * (G + 1) * K, 0.0);
  const auto copy_year = [&](std::size_t from, std::size_t y) {
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t k = 0; k < K; ++k) {
        const double v = raw[(from * G + g) * K + k];
        by_year[(y * (G + 1) + g) * K + k] = v;
        by_year[(y * (G + 1) + G) * K + k] += v;
      }
  };
  if (output::schema::variable(variable).dims.front() == "time")
    for (const auto& [t, y] : ends_) copy_year(t, y);
  else
    for (std::size_t y = 0; y < years_; ++y) copy_year(y, y);
  return by_year;
}

}  // namespace ws::runner
