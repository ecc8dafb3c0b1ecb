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

namespace {

const std::vector<std::string> kHeadcountDims{"scenario", "replication", "time", "gemeente", "state"};

// The index of probability p on the `quantile` coordinate, if the file has it.
std::optional<std::size_t> quantile_index(const std::vector<double>& probabilities, double p) {
  for (std::size_t i = 0; i < probabilities.size(); ++i)
    if (std::abs(probabilities[i] - p) < 1e-9) return i;
  return std::nullopt;
}

// The summaries `run` writes next to `headcount`: headcount_mean (scenario, time, gemeente, state) and
// headcount_quantile
// (scenario, quantile, time, gemeente, state) with the 5% and 95% quantiles. Reads one scenario's summaries at
// a time: memory and time do not depend on the number of replications.
bool from_summaries(const ResultsReader& results, const std::string& name,
                    const std::vector<std::string>& scenarios, StockHeadline& headline) {
  const std::vector<std::string> mean_dims{"scenario", "time", "gemeente", "state"};
  const std::vector<std::string> quantile_dims{"scenario", "quantile", "time", "gemeente", "state"};
  if (!results.has_variable(name + "_mean") || !results.has_variable(name + "_quantile") ||
      !results.has_variable("quantile") || results.variable_dims(name + "_mean") != mean_dims ||
      results.variable_dims(name + "_quantile") != quantile_dims)
    return false;
  const std::vector<double> probabilities = results.numbers("quantile");
  const std::optional<std::size_t> low = quantile_index(probabilities, 0.05);
  const std::optional<std::size_t> high = quantile_index(probabilities, 0.95);
  if (!low || !high) return false;
  const std::vector<std::size_t> shape = results.shape(name + "_mean");
  const std::size_t n_time = shape[1], n_gemeente = shape[2], n_state = shape[3];
  headline.from_summaries = true;
  // The whole-area variable's own quantiles when the file has them (a band of a sum is not the sum of bands).
  const bool region = results.has_variable("headcount_region_mean") &&
                      results.has_variable("headcount_region_quantile") &&
                      results.variable_dims("headcount_region_quantile") ==
                          std::vector<std::string>{"scenario", "quantile", "time", "state"};
  headline.band_added_over_gemeenten = !region && n_gemeente > 1;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const std::size_t leading[] = {s};
    const std::vector<double> mean = results.read(name + "_mean", leading);  // [time][gemeente][state]
    const std::vector<double> quantiles = results.read(name + "_quantile", leading);  // [quantile][time][...]
    const std::size_t per_quantile = n_time * n_gemeente * n_state;
    const std::vector<double> region_quantiles =
        region ? results.read("headcount_region_quantile", leading) : std::vector<double>{};
    ScenarioHeadline out{scenarios[s], std::vector<std::vector<StateYearStat>>(headline.years.size())};
    for (std::size_t y = 0; y < headline.years.size(); ++y) {
      const std::size_t t = headline.years[y].time_index;
      for (std::size_t st = 0; st < n_state; ++st) {
        StateYearStat stat;
        stat.replications = headline.replications;
        if (t >= n_time) {
          stat.mean = stat.q05 = stat.q95 = std::numeric_limits<double>::quiet_NaN();
          stat.replications = 0;
        }
        for (std::size_t g = 0; g < n_gemeente && t < n_time; ++g) {
          const std::size_t cell = (t * n_gemeente + g) * n_state + st;
          stat.mean += mean[cell];
          if (region) continue;
          stat.q05 += quantiles[*low * per_quantile + cell];
          stat.q95 += quantiles[*high * per_quantile + cell];
        }
        if (region && t < n_time) {
          const std::size_t per_region_quantile = n_time * n_state, cell = t * n_state + st;
          stat.q05 = region_quantiles[*low * per_region_quantile + cell];
          stat.q95 = region_quantiles[*high * per_region_quantile + cell];
        }
        out.by_year[y].push_back(stat);
      }
    }
    headline.scenarios.push_back(std::move(out));
  }
  return true;
}

// Files without summaries (written by other tools or tests): one replication at a time, so memory holds one
// value per (replication, year, state), never the whole `stock`.
void from_replications(const ResultsReader& results, const std::string& name,
                       const std::vector<std::string>& scenarios, StockHeadline& headline) {
  const std::vector<std::size_t> shape = results.shape(name);
  const std::size_t n_time = shape[2], n_gemeente = shape[3], n_state = shape[4];
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
}

}  // namespace

std::optional<StockHeadline> stock_headline(const ResultsReader& results) {
  // `headcount`; files from before the stock by age band call it `stock`.
  std::string name;
  for (const char* candidate : {"headcount", "stock"})
    if (name.empty() && results.has_variable(candidate) && results.variable_dims(candidate) == kHeadcountDims)
      name = candidate;
  if (name.empty()) return std::nullopt;
  const std::string units = results.variable_attribute("time", "units");
  const std::optional<std::int64_t> epoch = parse_days_since(units);
  if (!epoch)
    throw InputError(results.path().string() + ": time units \"" + units +
                     "\" are not of the form \"days since YYYY-MM-DD\"");

  StockHeadline headline;
  headline.states = results.strings("state");
  const std::vector<std::string> scenarios = results.strings("scenario");
  headline.replications = results.shape(name)[1];
  headline.years = last_time_of_each_year(results.numbers("time"), *epoch);
  if (!from_summaries(results, name, scenarios, headline))
    from_replications(results, name, scenarios, headline);
  return headline;
}

}  // namespace ws::output
