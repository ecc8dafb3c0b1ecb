#pragma once
// Headline numbers of a results file for `werkstroom info`: per scenario, state and calendar year, the stock
// at the last output time of that year summed over gemeenten, as mean and 90% band over replications. Reads
// the summaries `run` writes (stock_mean, stock_quantile), never the replications, so time and memory do not
// grow with their number; only a file without summaries is read one replication at a time.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/output/results_reader.hpp"

namespace ws::output {

// "days since 2025-01-01" (optionally followed by a time of day) -> the day number of 2025-01-01.
std::optional<std::int64_t> parse_days_since(std::string_view units);

// The p-quantile (0 <= p <= 1) of sorted values by linear interpolation between order statistics (Hyndman &
// Fan type 7, numpy's default). NaN for an empty input.
double quantile_sorted(std::span<const double> sorted, double p);

struct YearEnd {
  int year = 0;
  std::size_t time_index = 0;  // the last output time in that calendar year
  std::int64_t day = 0;        // the last day it closes, as a day number
};

// For each calendar year with output times, the latest of them, in year order. `times` are days after
// `epoch_day`; a stock at a time describes the moment, so a time at the start of a day closes the day before
// (1 January 00:00 is the end of the previous year); times at or before the epoch close no year.
std::vector<YearEnd> last_time_of_each_year(std::span<const double> times, std::int64_t epoch_day);

struct StateYearStat {
  double mean = 0;
  double q05 = 0;
  double q95 = 0;
  std::size_t replications = 0;  // replications with a value (all gemeenten written)
};

struct ScenarioHeadline {
  std::string scenario;
  std::vector<std::vector<StateYearStat>> by_year;  // [year][state], years as in StockHeadline::years
};

struct StockHeadline {
  std::vector<std::string> states;
  std::vector<YearEnd> years;
  std::size_t replications = 0;
  std::vector<ScenarioHeadline> scenarios;
  bool from_summaries = false;  // read from stock_mean and stock_quantile
  // From summaries with several gemeenten: the band is the gemeenten's 5% and 95% quantiles added up (the
  // quantiles of the sum are not in the file); with one gemeente it is exact.
  bool band_added_over_gemeenten = false;
};

// nullopt when the file has no `stock` of dims (scenario, replication, time, gemeente, state); throws
// ws::InputError when the time units cannot be decoded.
std::optional<StockHeadline> stock_headline(const ResultsReader& results);

}  // namespace ws::output
