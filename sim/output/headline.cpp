#include "sim/output/headline.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"

namespace ws::output {

std::optional<std::int64_t> parse_days_since(std::string_view units) {
  constexpr std::string_view prefix = "days since ";
  if (units.substr(0, prefix.size()) != prefix) return std::nullopt;
  units.remove_prefix(prefix.size());
  while (!units.empty() && units.front() == ' ') units.remove_prefix(1);
  const std::string_view date = units.substr(0, 10);
  const std::string_view rest = units.substr(date.size());
  // Only midnight may follow: an offset in hours would shift every date.
  if (!rest.empty() && rest != " 00:00:00" && rest != "T00:00:00" && rest != " 00:00" && rest != " 0:0:0")
    return std::nullopt;
  return parse_iso_date(date);
}

double quantile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

std::vector<YearEnd> last_time_of_each_year(std::span<const double> times, std::int64_t epoch_day) {
  std::map<int, YearEnd> latest;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!std::isfinite(times[i])) continue;
    // A stock at the start of a day closes the day before: 1 January is the end of the previous year (as in
    // `run` and `compare`); the start of the run closes no year of it.
    if (times[i] <= 0) continue;
    const std::int64_t day = epoch_day + static_cast<std::int64_t>(std::ceil(times[i])) - 1;
    const int year = civil_from_days(day).year;
    auto [it, inserted] = latest.try_emplace(year, YearEnd{year, i, day});
    if (!inserted && times[i] > times[it->second.time_index]) it->second = YearEnd{year, i, day};
  }
  std::vector<YearEnd> years;
  for (const auto& [year, end] : latest) years.push_back(end);
  return years;
}

std::optional<StockHeadline> stock_headline(const ResultsReader& results) {
  const std::vector<std::string> expected{"scenario", "replication", "time", "gemeente", "state"};
  // "headcount"; files from before the stock by age band called it "stock".
  std::string name = "headcount";
  if (!results.has_variable(name)) name = "stock";
  if (!results.has_variable(name) || results.variable_dims(name) != expected) return std::nullopt;
  const std::string units = results.variable_attribute("time", "units");
  const std::optional<std::int64_t> epoch = parse_days_since(units);
  if (!epoch)
    throw InputError(results.path().string() + ": time units \"" + units +
                     "\" are not of the form \"days since YYYY-MM-DD\"");

  StockHeadline headline;
  headline.states = results.strings("state");
  const std::vector<std::string> scenarios = results.strings("scenario");
  const std::vector<std::size_t> shape = results.shape(name);
  headline.replications = shape[1];
  const std::size_t n_time = shape[2], n_gemeente = shape[3], n_state = shape[4];
  headline.years = last_time_of_each_year(results.numbers("time"), *epoch);
  const std::size_t n_year = headline.years.size();

  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    // values[year][state] holds one sum per replication that has one.
    std::vector<std::vector<std::vector<double>>> values(n_year, std::vector<std::vector<double>>(n_state));
    for (std::size_t r = 0; r < headline.replications; ++r) {
      const std::size_t leading[] = {s, r};
      const std::vector<double> slab = results.read(name, leading);  // [time][gemeente][state]
      for (std::size_t y = 0; y < n_year; ++y) {
        const std::size_t t = headline.years[y].time_index;
        if (t >= n_time) continue;
        for (std::size_t st = 0; st < n_state; ++st) {
          double sum = 0;
          for (std::size_t g = 0; g < n_gemeente; ++g) sum += slab[(t * n_gemeente + g) * n_state + st];
          if (!std::isnan(sum)) values[y][st].push_back(sum);
        }
      }
    }
    ScenarioHeadline out{scenarios[s], std::vector<std::vector<StateYearStat>>(n_year)};
    for (std::size_t y = 0; y < n_year; ++y)
      for (std::size_t st = 0; st < n_state; ++st) {
        std::vector<double>& v = values[y][st];
        std::sort(v.begin(), v.end());
        StateYearStat stat;
        stat.replications = v.size();
        double total = 0;
        for (double x : v) total += x;
        stat.mean =
            v.empty() ? std::numeric_limits<double>::quiet_NaN() : total / static_cast<double>(v.size());
        stat.q05 = quantile_sorted(v, 0.05);
        stat.q95 = quantile_sorted(v, 0.95);
        out.by_year[y].push_back(stat);
      }
    headline.scenarios.push_back(std::move(out));
  }
  return headline;
}

}  // namespace ws::output
