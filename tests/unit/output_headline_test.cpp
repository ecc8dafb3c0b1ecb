// Headline numbers for `werkstroom info`: quantiles, the last output time of each year, and the per-state
// summary of a written file checked against a direct computation.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/output/headline.hpp"
#include "sim/output/results_writer.hpp"
#include "tests/unit/output_test_support.hpp"

using namespace ws::output;

TEST_CASE("quantiles interpolate between order statistics", "[output]") {
  const std::vector<double> v{1, 2, 3, 4, 5};
  CHECK(quantile_sorted(v, 0.5) == 3.0);
  CHECK(quantile_sorted(v, 0.0) == 1.0);
  CHECK(quantile_sorted(v, 1.0) == 5.0);
  CHECK(quantile_sorted(v, 0.05) == Approx(1.2).epsilon(1e-12));  // position 0.2 between 1 and 2
  CHECK(quantile_sorted(v, 0.95) == Approx(4.8).epsilon(1e-12));
  const std::vector<double> one{7};
  CHECK(quantile_sorted(one, 0.05) == 7.0);
  CHECK(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
}

TEST_CASE("time units: days since a date", "[output]") {
  CHECK(parse_days_since("days since 2025-01-01") == ws::days_from_civil(2025, 1, 1));
  CHECK(parse_days_since("days since 2025-01-01 00:00:00") == ws::days_from_civil(2025, 1, 1));
  CHECK(parse_days_since("days since 1970-01-01") == 0);
  CHECK_FALSE(parse_days_since("hours since 2025-01-01"));
  CHECK_FALSE(parse_days_since("days since 2025-13-01"));
  CHECK_FALSE(parse_days_since("days since 2025-01-01 06:00:00"));
  CHECK_FALSE(parse_days_since("persons"));
}

TEST_CASE("the last output time of each calendar year", "[output]") {
  const std::int64_t epoch = ws::days_from_civil(2025, 1, 1);
  // 364.5 is 2025-12-31 at noon, 365 is 2026-01-01, 730 is 2027-01-01; given out of order on purpose.
  const std::vector<double> times{0, 364.5, 90, 730, 365, 364};
  // 1 January closes the year before (as `run` prints it); the start closes none.
  const std::vector<YearEnd> years = last_time_of_each_year(times, epoch);
  REQUIRE(years.size() == 2);
  CHECK(years[0].year == 2025);
  CHECK(years[0].time_index == 4);
  CHECK(years[0].day == ws::days_from_civil(2025, 12, 31));
  CHECK(years[1].year == 2026);
  CHECK(years[1].time_index == 3);
  CHECK(years[1].day == ws::days_from_civil(2026, 12, 31));
}

TEST_CASE("stock headline per state and year over replications", "[output]") {
  ws::output::testing::ScratchDir dir;
  const auto path = dir / "run.nc";
  constexpr std::size_t R = 21, T = 5, G = 3, S = 2;
  const std::vector<double> times{0, 200, 364, 400, 700};  // 2025: index 2; 2026: index 4 (0 closes 2024)
  // stock[s=0][r][t][g][st], random so that the quantiles are not trivially the extremes.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 100);
  std::vector<std::vector<double>> slabs(R, std::vector<double>(T * G * S));
  for (auto& slab : slabs)
    for (double& x : slab) x = std::round(u(rng));
  {
    ResultsWriter w(path);
    w.add_dimension({"scenario", std::vector<std::string>{"baseline"}, {}});
    w.add_dimension({"replication", std::vector<std::int32_t>(R, 0), {}});
    w.add_dimension({"time", times, {{"units", "days since 2025-01-01"}}});
    w.add_dimension({"gemeente", std::vector<std::string>{"Buren", "Tiel", "Culemborg"}, {}});
    w.add_dimension({"state", std::vector<std::string>{"wsw", "beschut"}, {}});
    w.add_variable({"headcount",
                    {"scenario", "replication", "time", "gemeente", "state"},
                    "persons",
                    "stock",
                    false,
                    {}});
    for (std::size_t r = 0; r < R; ++r) {
      if (r == 3) continue;  // one replication missing: it must be left out, not counted as zero
      const std::size_t leading[] = {0, r};
      w.write("headcount", leading, slabs[r]);
    }
    w.commit();
  }
  const ResultsReader reader(path);
  const auto headline = stock_headline(reader);
  REQUIRE(headline);
  CHECK(headline->states == std::vector<std::string>{"wsw", "beschut"});
  CHECK(headline->replications == R);
  REQUIRE(headline->years.size() == 2);
  CHECK(headline->years[0].time_index == 2);
  CHECK(headline->years[1].time_index == 4);
  REQUIRE(headline->scenarios.size() == 1);
  for (std::size_t y = 0; y < 2; ++y)
    for (std::size_t st = 0; st < S; ++st) {
      const std::size_t t = headline->years[y].time_index;
      std::vector<double> sums;
      for (std::size_t r = 0; r < R; ++r) {
        if (r == 3) continue;
        double sum = 0;
        for (std::size_t g = 0; g < G; ++g) sum += slabs[r][(t * G + g) * S + st];
        sums.push_back(sum);
      }
      std::sort(sums.begin(), sums.end());
      double mean = 0;
      for (double x : sums) mean += x / static_cast<double>(sums.size());
      const StateYearStat& stat = headline->scenarios[0].by_year[y][st];
      CHECK(stat.replications == R - 1);
      // Same numbers summed in another order: equal up to rounding of 20 terms.
      CHECK(stat.mean == Approx(mean).epsilon(1e-12));
      // 20 values: position 0.05 * 19 = 0.95 lies between the 1st and 2nd smallest, 18.05 between the 19th
      // and 20th.
      CHECK(stat.q05 == Approx(sums[0] + 0.95 * (sums[1] - sums[0])).epsilon(1e-12));
      CHECK(stat.q95 == Approx(sums[18] + 0.05 * (sums[19] - sums[18])).epsilon(1e-12));
    }
}

TEST_CASE("no headline without a stock variable; undecodable time units are an input error", "[output]") {
  ws::output::testing::ScratchDir dir;
  {
    ResultsWriter w(dir / "empty.nc");
    w.add_dimension({"state", std::vector<std::string>{"wsw"}, {}});
    w.commit();
  }
  CHECK_FALSE(stock_headline(ResultsReader(dir / "empty.nc")));
  {
    ResultsWriter w(dir / "years.nc");
    for (const char* d : {"scenario", "gemeente", "state"})
      w.add_dimension({d, std::vector<std::string>{"x"}, {}});
    w.add_dimension({"replication", std::vector<std::int32_t>{0}, {}});
    w.add_dimension({"time", std::vector<double>{1.5}, {{"units", "years since 2025-01-01"}}});
    w.add_variable({"headcount",
                    {"scenario", "replication", "time", "gemeente", "state"},
                    "persons",
                    "stock",
                    false,
                    {}});
    w.commit();
  }
  CHECK_THROWS_AS(stock_headline(ResultsReader(dir / "years.nc")), ws::InputError);
}

TEST_CASE("the stock headline of a run's file comes from its summaries, never from the replications",
          "[output]") {
  ws::output::testing::ScratchDir dir;
  const auto path = dir / "run.nc";
  constexpr std::size_t R = 20000, T = 2, G = 2, S = 2, Q = 5;
  const std::vector<double> probabilities{0.05, 0.25, 0.5, 0.75, 0.95};
  // mean[t][g][st] and quantile[q][t][g][st]; `stock` itself is never written (all missing): a headline read
  // from the replications would have no values at all.
  std::vector<double> mean(T * G * S), quantiles(Q * T * G * S);
  for (std::size_t i = 0; i < mean.size(); ++i) mean[i] = 10.0 + static_cast<double>(i);
  for (std::size_t i = 0; i < quantiles.size(); ++i) quantiles[i] = static_cast<double>(i);
  {
    ResultsWriter w(path);
    w.add_dimension({"scenario", std::vector<std::string>{"baseline"}, {}});
    w.add_dimension({"replication", std::vector<std::int32_t>(R, 0), {}});
    w.add_dimension({"quantile", probabilities, {}});
    w.add_dimension({"time", std::vector<double>{0, 364}, {{"units", "days since 2025-01-01"}}});
    w.add_dimension({"gemeente", std::vector<std::string>{"Buren", "Tiel"}, {}});
    w.add_dimension({"state", std::vector<std::string>{"wsw", "beschut"}, {}});
    w.add_variable(
        {"stock", {"scenario", "replication", "time", "gemeente", "state"}, "persons", "stock", true, {}});
    w.add_variable({"stock_mean", {"scenario", "time", "gemeente", "state"}, "persons", "mean", false, {}});
    w.add_variable({"stock_quantile",
                    {"scenario", "quantile", "time", "gemeente", "state"},
                    "persons",
                    "quantiles",
                    false,
                    {}});
    const std::size_t leading[] = {0};
    w.write("stock_mean", leading, mean);
    w.write("stock_quantile", leading, quantiles);
    w.commit();
  }
  const ResultsReader reader(path);
  const auto headline = stock_headline(reader);
  REQUIRE(headline);
  CHECK(headline->from_summaries);
  CHECK(headline->band_added_over_gemeenten);
  CHECK(headline->replications == R);
  REQUIRE(headline->years.size() == 1);  // 2025: index 1
  const std::size_t t = 1;
  for (std::size_t st = 0; st < S; ++st) {
    const StateYearStat& stat = headline->scenarios.at(0).by_year.at(0).at(st);
    const auto cell = [&](std::size_t g) { return (t * G + g) * S + st; };
    CHECK(stat.mean == mean[cell(0)] + mean[cell(1)]);
    CHECK(stat.q05 == quantiles[cell(0)] + quantiles[cell(1)]);  // quantile 0 is 5%
    CHECK(stat.q95 == quantiles[4 * T * G * S + cell(0)] + quantiles[4 * T * G * S + cell(1)]);
    CHECK(stat.replications == R);
  }
}

TEST_CASE("a file with the format attribute but no results structure is refused", "[output]") {
  ws::output::testing::ScratchDir dir;
  {
    ResultsWriter w(dir / "bare.nc");  // only the werkstroom_format attribute
    w.commit();
  }
  const ResultsReader bare(dir / "bare.nc");
  CHECK_THROWS_WITH(bare.require_results_structure(),
                    Catch::Contains("bare.nc: not a werkstroom results file (no scenario and no replication "
                                    "dimension"));
  {
    ResultsWriter w(dir / "dims.nc");  // the dimensions, but no variable over them
    w.add_dimension({"scenario", std::vector<std::string>{"baseline"}, {}});
    w.add_dimension({"replication", std::vector<std::int32_t>{0}, {}});
    w.commit();
  }
  CHECK_THROWS_WITH(ResultsReader(dir / "dims.nc").require_results_structure(),
                    Catch::Contains("no variable of (scenario, replication, ...)"));
}
