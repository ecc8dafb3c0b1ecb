// Events that concern one person alone run at once instead of through the queue (Replication::redraw,
// engine/run_ahead.hpp). The counts must be bitwise those of the same replication with every event through the
// queue in time order: an observer switches running ahead off, so an observed replication is that reference.
#include <catch2/catch.hpp>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/run_ahead.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/scenario/load.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;

namespace {

// Follows nobody: the replication runs as without an observer, except that every event goes through the queue.
struct NobodyObserver : model::ReplicationObserver {
  bool follows(std::uint32_t) const override { return false; }
  void appeared(std::uint32_t, const model::Person&, double, std::string_view) override {}
  void moved(std::uint32_t, const model::Person&, double, int, std::string_view) override {}
  void redrawn(std::uint32_t, const model::Person&, double, std::span<const model::RiskDraw>,
               std::string_view) override {}
  void finished(std::uint32_t) override {}
};

// Bit for bit, NaN equal to NaN (mean ages where nobody is).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  // (memcmp of an empty vector's null data is undefined, even for zero bytes.)
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

void require_same_accounts(const model::Accounts& a, const model::Accounts& b) {
  CHECK(a.events == b.events);
  CHECK(a.initial == b.initial);
  CHECK(a.arrived == b.arrived);
  CHECK(a.living == b.living);
  CHECK(a.exited == b.exited);
  CHECK(a.stock_age == b.stock_age);  // whole persons
  const std::vector<std::pair<std::string, const std::vector<double> model::Accounts::*>> arrays{
      {"stock", &model::Accounts::stock},
      {"waiting", &model::Accounts::waiting},
      {"flow", &model::Accounts::flow},
      {"person_years", &model::Accounts::person_years},
      {"person_years_group", &model::Accounts::person_years_group},
      {"arrivals_count", &model::Accounts::arrivals_count},
      {"admissions", &model::Accounts::admissions},
      {"capacity", &model::Accounts::capacity},
      {"wait_years", &model::Accounts::wait_years},
      {"cohort_present", &model::Accounts::cohort_present},
      {"cohort_working", &model::Accounts::cohort_working},
      {"cohort_left", &model::Accounts::cohort_left},
      {"cohort_left_working", &model::Accounts::cohort_left_working},
      {"money", &model::Accounts::money},
      {"mean_age", &model::Accounts::mean_age},
      {"mean_age_region", &model::Accounts::mean_age_region},
      {"flow_age", &model::Accounts::flow_age},
      {"person_years_age", &model::Accounts::person_years_age},
      {"labour_years", &model::Accounts::labour_years},
      {"money_result", &model::Accounts::money_result}};
  for (const auto& [name, member] : arrays) {
    INFO(name);
    CHECK(same_bits(a.*member, b.*member));
  }
}

}  // namespace

TEST_CASE("run ahead: a person's own events run in their time order, before the end", "[engine][ahead]") {
  std::vector<double> times{3, 3, 5}, handled;
  std::size_t next = 0;
  const auto draw = [&]() -> std::optional<double> {
    if (next == times.size()) return std::nullopt;
    return times[next++];
  };
  CHECK(engine::run_ahead(1, 10, draw, [&](double t) { handled.push_back(t); }) == 3);
  CHECK(handled == times);

  times = {4, 2};  // back in time: the clock refuses
  next = 0;
  CHECK_THROWS_AS(engine::run_ahead(1, 10, draw, [](double) {}), std::logic_error);
  times = {0.5};  // before the time it starts from
  next = 0;
  CHECK_THROWS_AS(engine::run_ahead(1, 10, draw, [](double) {}), std::logic_error);
  times = {10};  // at the end: belongs to no one
  next = 0;
  CHECK_THROWS_AS(engine::run_ahead(1, 10, draw, [](double) {}), std::logic_error);
  times = {std::numeric_limits<double>::quiet_NaN()};
  next = 0;
  CHECK_THROWS_AS(engine::run_ahead(1, 10, draw, [](double) {}), std::logic_error);
}

TEST_CASE("run ahead: the counts are bitwise those of every event through the queue", "[model][ahead]") {
  // The baseline (places, waiting lists, arrivals, AOW days on output times), all three pilots, the national
  // scenario (statushouder cohorts, several groups) and the cohort benchmark (every event a private one).
  const std::vector<std::string> scenarios{"scenarios/baseline.toml", "scenarios/pilots/alle-pilots.toml",
                                           "scenarios/nationaal.toml", "scenarios/bench/cohort.toml"};
  for (const std::string& path : scenarios) {
    const model::ScenarioSpec spec = scenario::load_scenario(scenario_test::repo_root() / path);
    const model::CompiledModel base = model::compile_model(spec);
    const std::uint64_t replications = path.find("nationaal") != std::string::npos ? 1 : 4;
    for (std::uint64_t r = 0; r < replications; ++r) {
      INFO(path << ", replication " << r);
      const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, r);
      const model::Accounts ahead = model::simulate_replication(*drawn.model, spec.run.seed, r);
      NobodyObserver observer;
      const model::Accounts queued = model::simulate_replication(*drawn.model, spec.run.seed, r, &observer);
      REQUIRE(ahead.events > 0);
      require_same_accounts(ahead, queued);
    }
  }
}
