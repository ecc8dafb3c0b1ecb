// The runner: identical results whatever the thread count, common random numbers narrowing paired intervals,
// summaries over replications, and the t quantiles behind the intervals.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "model_fixtures.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/runner/count_histograms.hpp"
#include "sim/runner/paired_difference.hpp"
#include "sim/runner/run.hpp"
#include "sim/runner/summary_store.hpp"

using namespace ws;

namespace {

// A small open system: arrivals into `a`, a capacity state with a waiting list, and an uncertain rate.
model::ScenarioSpec open_system(double exit_rate) {
  model::ScenarioSpec spec = test::tiny_spec(2025, 2030);
  spec.name = "open";
  spec.run.output_interval_months = 6;
  model::StateSpec place;
  place.name = "plek";
  place.kind = model::StateKind::capacity;
  place.waiting_state = "plek_wacht";
  model::StateSpec wait;
  wait.name = "plek_wacht";
  wait.kind = model::StateKind::waiting;
  spec.states.insert(spec.states.begin() + 1, {place, wait});
  spec.transitions = {test::constant_transition("a", "vertrokken", exit_rate),
                      test::constant_transition("a", "plek", 0.2),
                      test::constant_transition("plek", "vertrokken", 0.5),
                      test::constant_transition("plek_wacht", "a", 0.3)};
  model::CapacitySpec capacity;
  capacity.state = "plek";
  capacity.years = {2025};
  capacity.places = {{30}};
  spec.capacities = {capacity};
  model::ArrivalSpec arrival;
  arrival.name = "inflow";
  arrival.into = "a";
  arrival.group = "general";
  arrival.period_start = {spec.run.start};
  arrival.rate = {{200}};
  arrival.age = {{20}, {21}, {1}};
  spec.arrivals = {arrival};
  spec.initial_cells = {test::young_cell("a", 300)};
  model::UncertainParameter p;
  p.name = "transitions.plek->vertrokken.rate";
  p.distribution.kind = model::ParameterDistribution::Kind::triangular;
  p.distribution.a = 0.3;
  p.distribution.b = 0.5;
  p.distribution.c = 0.8;
  p.targets = {{model::ParameterTarget::Kind::transition_rate, 2}};
  spec.uncertain = {p};
  return spec;
}

std::filesystem::path temp_file(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "werkstroom-runner-test";
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir / name);
  return dir / name;
}

runner::RunOptions options(const std::filesystem::path& out, int threads, std::size_t replications = 24) {
  runner::RunOptions o;
  o.replications = replications;
  o.seed = 99;
  o.threads = threads;
  o.out = out;
  o.progress = runner::Progress::Mode::quiet;
  o.command_line = "runner_test";
  return o;
}

}  // namespace

TEST_CASE("replication r gives bitwise the same numbers with 1, 2 or 8 threads", "[runner][determinism]") {
  const std::vector<model::ScenarioSpec> specs{open_system(0.1)};
  const std::vector<std::string> files{"open.toml"};
  std::vector<std::vector<double>> stocks, flows, parameters;
  for (int threads : {1, 2, 8}) {
    const auto path = temp_file("threads-" + std::to_string(threads) + ".nc");
    runner::run_scenarios(specs, files, options(path, threads));
    const output::ResultsReader file(path);
    std::vector<double> stock, flow, parameter;
    for (std::size_t r = 0; r < 24; ++r) {
      const std::size_t leading[] = {0, r};
      for (double v : file.read("stock", leading)) stock.push_back(v);
      for (double v : file.read("flow", leading)) flow.push_back(v);
      for (double v : file.read("parameter_value", leading)) parameter.push_back(v);
    }
    stocks.push_back(stock);
    flows.push_back(flow);
    parameters.push_back(parameter);
    const std::size_t none[] = {0};
    CHECK(file.read("headcount_region_quantile", none) == file.read("headcount_region_quantile", none));
  }
  CHECK(stocks[0] == stocks[1]);
  CHECK(stocks[0] == stocks[2]);
  CHECK(flows[0] == flows[1]);
  CHECK(flows[0] == flows[2]);
  CHECK(parameters[0] == parameters[2]);
  // The draws really vary between replications (a test of nothing would pass the checks above too).
  CHECK(parameters[0][0] != parameters[0][1]);
}

TEST_CASE("common random numbers narrow the paired interval", "[runner][crn]") {
  // Baseline and a variant with a 20% higher exit rate out of `a`: with the same streams the paired
  // differences of the stock in `a` vary far less than with independent streams (different seeds).
  const model::ScenarioSpec base = open_system(0.10), variant = open_system(0.12);
  const model::CompiledModel mb = model::compile_model(base), mv = model::compile_model(variant);
  const int a = mb.state_index("a"), replications = 40;
  const auto final_stock = [&](const model::Accounts& acc) {
    return acc.stock[model::Accounts::index3(acc.times - 1, 0, a, acc.gemeenten, acc.states)];
  };
  std::vector<double> paired, independent;
  for (int r = 0; r < replications; ++r) {
    const double b = final_stock(model::simulate_replication(mb, 5, static_cast<std::uint64_t>(r)));
    paired.push_back(final_stock(model::simulate_replication(mv, 5, static_cast<std::uint64_t>(r))) - b);
    independent.push_back(final_stock(model::simulate_replication(mv, 6, static_cast<std::uint64_t>(r))) - b);
  }
  const auto variance = [](const std::vector<double>& v) {
    double mean = 0, ss = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    for (double x : v) ss += (x - mean) * (x - mean);
    return ss / static_cast<double>(v.size() - 1);
  };
  INFO("paired variance " << variance(paired) << ", independent " << variance(independent));
  // With 40 replications an F ratio above 4 has a chance far below 1e-4 when the variances are equal.
  CHECK(variance(independent) > 4 * variance(paired));
}

TEST_CASE("one run of two scenarios writes comparable paired differences", "[runner][crn]") {
  const std::vector<model::ScenarioSpec> specs{open_system(0.10), [] {
                                                 auto s = open_system(0.10);
                                                 s.name = "same";
                                                 return s;
                                               }()};
  const auto path = temp_file("pair.nc");
  runner::run_scenarios(specs, {"a.toml", "b.toml"}, options(path, 2, 10));
  const output::ResultsReader file(path);
  const runner::Comparison c = runner::compare_scenarios(file, "open");
  // Two scenarios that agree everywhere differ by exactly zero in every replication.
  for (const auto& d : c.differences)
    for (std::size_t i = 0; i < d.mean.size(); ++i) {
      REQUIRE(d.mean[i] == 0.0);
      REQUIRE(d.upper[i] == 0.0);
    }
  CHECK_THROWS_WITH(runner::compare_scenarios(file, "nope"), Catch::Contains("no scenario named 'nope'"));
}

TEST_CASE("summaries over replications: mean, standard error and type-7 quantiles", "[runner][summary]") {
  // 3 cells, 10 replications in blocks of 4: values r, 2r and a constant.
  runner::SummaryStore store(1, 10, 3, 4);
  for (std::size_t r = 0; r < 10; ++r) {
    const double x = static_cast<double>(r);
    const std::vector<double> v{x, 2 * x, 7};
    store.add(0, r, v);
  }
  const std::vector<double> p{0.05, 0.5, 0.95};
  const auto s = store.summarise(0, p);
  CHECK(s.mean[0] == Approx(4.5));
  CHECK(s.mean[1] == Approx(9.0));
  CHECK(s.mean[2] == 7.0);
  CHECK(s.se[0] == Approx(std::sqrt(55.0 / 6.0 / 10.0)));  // sample variance of 0..9 is 55/6
  CHECK(s.se[2] == 0.0);
  // numpy.quantile(range(10), [0.05, 0.5, 0.95]) = 0.45, 4.5, 8.55
  CHECK(s.quantiles[0 * 3 + 0] == Approx(0.45));
  CHECK(s.quantiles[1 * 3 + 0] == Approx(4.5));
  CHECK(s.quantiles[2 * 3 + 0] == Approx(8.55));
  CHECK(s.quantiles[2 * 3 + 1] == Approx(17.1));
  CHECK(s.quantiles[1 * 3 + 2] == 7.0);
  runner::SummaryStore wrong_order(1, 10, 3, 4);
  const std::vector<double> v{1, 2, 3};
  CHECK_THROWS(wrong_order.add(0, 1, v));
}

TEST_CASE("quantiles in any order of probability are exactly the sorted order statistics",
          "[runner][summary]") {
  const std::size_t R = 1001;
  runner::SummaryStore store(1, R, 2, 64);
  std::vector<float> sorted[2];
  std::uint32_t x = 12345;
  for (std::size_t r = 0; r < R; ++r) {
    x = x * 1664525u + 1013904223u;
    const std::vector<double> v{static_cast<double>(x % 997) / 7.0, static_cast<double>(r % 3)};
    store.add(0, r, v);
    for (std::size_t c = 0; c < 2; ++c) sorted[c].push_back(static_cast<float>(v[c]));
  }
  const std::vector<double> p{0.95, 0.05, 0.5, 0.5, 1.0, 0.0, 0.333};
  const auto s = store.summarise(0, p);
  for (std::size_t c = 0; c < 2; ++c) {
    std::sort(sorted[c].begin(), sorted[c].end());
    for (std::size_t q = 0; q < p.size(); ++q) {
      const double h = p[q] * static_cast<double>(R - 1);
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const double below = sorted[c][lo], above = lo + 1 < R ? sorted[c][lo + 1] : below;
      CHECK(s.quantiles[q * 2 + c] == below + (h - static_cast<double>(lo)) * (above - below));
    }
  }
}

TEST_CASE("Student t quantiles", "[runner][summary]") {
  CHECK(runner::student_t_quantile(0.975, 1) == Approx(12.706).epsilon(1e-4));
  CHECK(runner::student_t_quantile(0.975, 2) == Approx(4.303).epsilon(1e-4));
  CHECK(runner::student_t_quantile(0.975, 9) == Approx(2.262).epsilon(1e-3));
  CHECK(runner::student_t_quantile(0.975, 99) == Approx(1.984).epsilon(1e-3));
  CHECK(runner::student_t_quantile(0.975, 1e6) == Approx(1.960).epsilon(1e-3));
}

TEST_CASE("summaries of counts from histograms equal those from every value, in two scenarios",
          "[runner][summary]") {
  const std::size_t R = 1001, cells = 3;
  runner::SummaryStore values(2, R, cells, 64), counts(2, R, cells, 64, true);
  std::uint32_t x = 777;
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t r = 0; r < R; ++r) {
      x = x * 1664525u + 1013904223u;
      const std::vector<double> v{static_cast<double>(x % 41), static_cast<double>(x % 7) - 3.0, 1000.0};
      values.add(s, r, v);
      counts.add(s, r, v);
    }
  const std::vector<double> p{0.95, 0.05, 0.5, 1.0, 0.0, 0.333};
  for (std::size_t s = 0; s < 2; ++s) {
    const auto a = values.summarise(s, p), b = counts.summarise(s, p);
    for (std::size_t c = 0; c < cells; ++c) {  // a running mean (Welford) against exact totals: a few ulps
      CHECK(a.mean[c] == Approx(b.mean[c]).epsilon(1e-12));
      CHECK(a.se[c] == Approx(b.se[c]).epsilon(1e-9).margin(1e-15));
    }
    CHECK(a.quantiles == b.quantiles);
  }
  runner::SummaryStore fractions(1, 2, 1, 64, true);
  const std::vector<double> half{0.5};
  CHECK_THROWS(fractions.add(0, 0, half));
}

TEST_CASE("count histograms past 16-bit counts give the quantiles of every value", "[runner][summary]") {
  // Cell 0 takes one value 70,000 times before a second one (its single count is already past 16 bits when
  // it widens); cell 1 takes two values from the start, one of them 70,000 times (its 16-bit counts must
  // widen on the way); cell 2 stays narrow. Each against the type 7 quantiles of all its values, sorted.
  const std::size_t R = 70'010;
  runner::CountHistograms histograms(3);
  std::vector<std::vector<double>> all(3);
  std::uint32_t x = 99;
  for (std::size_t r = 0; r < R; ++r) {
    x = x * 1664525u + 1013904223u;
    const std::int32_t row[3] = {r < 70'000 ? 5 : static_cast<std::int32_t>(x % 4) + 6, r % 7000 == 0 ? 2 : 1,
                                 static_cast<std::int32_t>(x % 13) - 6};
    histograms.add(std::span<const std::int32_t>(row, 3));
    for (std::size_t c = 0; c < 3; ++c) all[c].push_back(row[c]);
  }
  const std::vector<double> p{0.0, 0.05, 0.5, 0.9999, 0.99995, 1.0};
  for (std::size_t c = 0; c < 3; ++c) {
    std::sort(all[c].begin(), all[c].end());
    std::vector<double> got(p.size());
    histograms.quantiles(c, p, got.data(), 1);
    for (std::size_t q = 0; q < p.size(); ++q) {
      const double h = p[q] * static_cast<double>(R - 1);
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const double above = all[c][std::min(lo + 1, R - 1)];
      CHECK(got[q] == all[c][lo] + (h - static_cast<double>(lo)) * (above - all[c][lo]));
    }
    double sum = 0;
    for (double v : all[c]) sum += v;
    CHECK(histograms.mean(c) == sum / static_cast<double>(R));
  }
}

TEST_CASE("summaries of counts come from exact integer totals: the same bits in any order of replications",
          "[runner][summary]") {
  const std::size_t R = 4000;
  std::vector<double> draws(R);
  std::uint32_t x = 12345;
  std::int64_t sum = 0;
  for (double& d : draws) {  // large counts with a small spread: a running mean rounds at every step
    x = x * 1664525u + 1013904223u;
    d = 1e6 + static_cast<double>(x % 997);
    sum += static_cast<std::int64_t>(d);
  }
  runner::SummaryStore forward(1, R, 1, 64, true), backward(1, R, 1, 64, true);
  for (std::size_t r = 0; r < R; ++r) {
    forward.add(0, r, std::span<const double>(&draws[r], 1));
    backward.add(0, r, std::span<const double>(&draws[R - 1 - r], 1));
  }
  const std::vector<double> p{0.5};
  const auto a = forward.summarise(0, p), b = backward.summarise(0, p);
  CHECK(a.mean[0] == static_cast<double>(sum) / static_cast<double>(R));  // the exact total, rounded once
  CHECK(std::bit_cast<std::uint64_t>(a.mean[0]) == std::bit_cast<std::uint64_t>(b.mean[0]));
  CHECK(std::bit_cast<std::uint64_t>(a.se[0]) == std::bit_cast<std::uint64_t>(b.se[0]));
  CHECK(a.quantiles == b.quantiles);
  double m2 = 0;  // the two-pass variance, for the value
  for (double d : draws) m2 += (d - a.mean[0]) * (d - a.mean[0]);
  CHECK(a.se[0] == Approx(std::sqrt(m2 / (R - 1) / R)).epsilon(1e-12));
}
