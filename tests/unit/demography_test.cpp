// The demographic counts of a replication (recorder.hpp) agree with the counts made without age: the stock by
// age band, sex and group adds up to the headcount at every year end, person-years and transitions by age
// band add up to their totals, labour-years follow the state's AJ per person-year.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/scenario/load.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;

TEST_CASE("demography: stocks by age band add up to the headcount at every year end", "[model][demography]") {
  const model::ScenarioSpec spec =
      scenario::load_scenario(scenario_test::repo_root() / "scenarios/baseline.toml");
  const model::CompiledModel base = model::compile_model(spec);
  for (std::uint64_t r = 0; r < 8; ++r) {  // replication 7 has an AOW day on the start
    const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, r);
    const model::CompiledModel& m = *drawn.model;
    const model::Accounts a = model::simulate_replication(m, spec.run.seed, r);
    const int G = a.gemeenten, S = a.states, B = a.age_bands, X = model::Accounts::kSexes, Gr = a.groups;
    REQUIRE(B == 12);
    REQUIRE(a.year_ends == a.years + 1);
    const std::size_t per_cell = static_cast<std::size_t>(B * X * Gr);
    int matched = 0;
    for (int e = 0; e < a.year_ends; ++e) {
      const double t = m.year_starts[static_cast<std::size_t>(e)];
      for (int ti = 0; ti < a.times; ++ti) {
        if (m.output_times[static_cast<std::size_t>(ti)] != t) continue;
        ++matched;
        for (int g = 0; g < G; ++g)
          for (int s = 0; s < S; ++s) {
            const std::size_t cell = model::Accounts::index3(e, g, s, G, S);
            double sum = 0;
            for (std::size_t k = 0; k < per_cell; ++k) sum += a.stock_age[cell * per_cell + k];
            INFO("replication " << r << ", year end " << e << ", gemeente " << g << ", state "
                                << m.states[static_cast<std::size_t>(s)].name);
            REQUIRE(sum == a.stock[model::Accounts::index3(ti, g, s, G, S)]);
            if (sum > 0) {
              CHECK(a.mean_age[cell] > 14);
              CHECK(a.mean_age[cell] < 100);
            } else {
              CHECK(std::isnan(a.mean_age[cell]));
            }
          }
      }
    }
    CHECK(matched == a.year_ends);
    // Person-years (whole area): the split at band bounds rounds each piece to ticks, so sums agree to rounding.
    const std::size_t bx = static_cast<std::size_t>(B * X);
    double wsw_years = 0, labour = 0;
    const int wsw = m.state_index("wsw");
    for (int y = 0; y < a.years; ++y) {
      for (int g = 0; g < G; ++g) labour += a.labour_years[static_cast<std::size_t>(y * G + g)];
      for (int s = 0; s < S; ++s) {
        double total = 0, by_age = 0;
        for (int g = 0; g < G; ++g) total += a.person_years[model::Accounts::index3(y, g, s, G, S)];
        for (std::size_t k = 0; k < bx; ++k)
          by_age += a.person_years_age[static_cast<std::size_t>(y * S + s) * bx + k];
        CHECK(by_age == Approx(total).margin(1e-6));
        if (s == wsw) wsw_years += total;
      }
    }
    CHECK(wsw_years > 100);
    CHECK(labour == Approx(wsw_years * 0.888).epsilon(1e-12));
    // Transitions by age: the whole area's flows.
    for (int y = 0; y < a.years; ++y)
      for (int l = 0; l < a.labels; ++l) {
        double total = 0, by_age = 0;
        for (int g = 0; g < G; ++g) total += a.flow[model::Accounts::index3(y, g, l, G, a.labels)];
        const std::size_t row = static_cast<std::size_t>(y * a.labels + l) * bx;
        for (std::size_t k = 0; k < bx; ++k) by_age += a.flow_age[row + k];
        REQUIRE(by_age == total);
      }
  }
}

namespace {

// Follows a few persons and counts what it is shown.
struct CountingObserver : model::ReplicationObserver {
  std::size_t appeared_n = 0, moved_n = 0, redrawn_n = 0;
  std::uint32_t persons = 0;
  bool follows(std::uint32_t id) const override { return id % 97 == 3; }
  void appeared(std::uint32_t, const model::Person&, double, std::string_view) override { ++appeared_n; }
  void moved(std::uint32_t, const model::Person&, double, int, std::string_view) override { ++moved_n; }
  void redrawn(std::uint32_t, const model::Person&, double, std::span<const model::RiskDraw> risks,
               std::string_view chosen) override {
    ++redrawn_n;
    REQUIRE(risks.size() >= 2);  // AOW and death at least
    if (!chosen.empty()) {
      // The chosen risk has the shortest wait.
      double shortest = risks.front().wait_days;
      for (const auto& r : risks) shortest = std::min(shortest, r.wait_days);
      for (const auto& r : risks)
        if (r.cause == chosen) CHECK(r.wait_days == shortest);
    }
  }
  void finished(std::uint32_t n) override { persons = n; }
};

}  // namespace

TEST_CASE("trace: an observed replication counts bitwise what an unobserved one counts", "[model][trace]") {
  const model::ScenarioSpec spec =
      scenario::load_scenario(scenario_test::repo_root() / "scenarios/baseline.toml");
  const model::CompiledModel base = model::compile_model(spec);
  const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, 1);
  const model::Accounts plain = model::simulate_replication(*drawn.model, spec.run.seed, 1);
  CountingObserver observer;
  const model::Accounts traced = model::simulate_replication(*drawn.model, spec.run.seed, 1, &observer);
  CHECK(traced.events == plain.events);
  CHECK(traced.stock == plain.stock);
  CHECK(traced.flow == plain.flow);
  CHECK(traced.person_years == plain.person_years);
  CHECK(traced.stock_age == plain.stock_age);
  CHECK(traced.money == plain.money);
  CHECK(observer.persons > 1000);
  CHECK(observer.appeared_n == (observer.persons + 93) / 97);  // ids 3, 100, 197, ...
  CHECK(observer.moved_n > 0);
  CHECK(observer.redrawn_n >= observer.appeared_n);
}
