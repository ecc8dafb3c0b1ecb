// Initial cells of a group with a permit date: the permit lies permit_lead years before entering the state, and
// hazards by time since permit see it (the 2025 bijstand stock's statushouders, scenarios/data/bijstand_stock.py).
#include <catch2/catch.hpp>
#include <cmath>

#include "model_fixtures.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"

using namespace ws;
using namespace ws::model;

namespace {

// Survivors in state "a" after one year of a closed cohort of statushouders, 0.5 years in the state at the
// start, with a hazard of 0.5 a year from 1.4 years since the permit on (0 before).
double survivors_after_one_year(double lead, double n) {
  ScenarioSpec spec = test::tiny_spec(2000, 2002);
  InitialCell cell = test::young_cell("a", n);
  cell.group = "statushouder";
  cell.duration_min_years = cell.duration_max_years = 0.5;
  cell.permit_lead_min_years = cell.permit_lead_max_years = lead;
  spec.initial_cells = {cell};
  TransitionSpec t = test::constant_transition("a", "vertrokken", 0.5);
  t.by_time_since_permit = {{1.4}, {0.0, 1.0}};
  spec.transitions = {t};
  const CompiledModel m = compile_model(spec);
  const Accounts a = simulate_replication(m, 3, 0);
  const int s = m.state_index("a");
  return a.stock[Accounts::index3(1, 0, s, a.gemeenten, a.states)];  // output time 1: 2001-01-01
}

}  // namespace

TEST_CASE("a permit lead in an initial cell moves the permit before the entry into the state", "[model]") {
  const double n = 20000;
  // Lead 1 year: 1.5 years since the permit at the start, the hazard applies all year: n exp(-0.5).
  // No lead: the permit is the entry, 0.5 years before the start; the hazard starts after 0.9 years: n exp(-0.05).
  const double with_lead = survivors_after_one_year(1.0, n), without = survivors_after_one_year(0.0, n);
  for (const auto& [got, p] : {std::pair{with_lead, std::exp(-0.5)}, std::pair{without, std::exp(-0.05)}}) {
    INFO("survivors " << got << ", expected " << n * p);
    CHECK(std::abs(got - n * p) <= 4 * std::sqrt(n * p * (1 - p)));  // binomial, false alarm below 1e-4
  }
}

TEST_CASE("a hazard by time since permit does not apply to persons without a permit date", "[model]") {
  // Multipliers all below 1 by time since the permit: persons of a group without permit dates keep the plain
  // rate, so the run is the one without the clause, bit for bit. (The bound that skips risks which cannot win
  // once took the clock's largest value, 0.5, for them too, and dropped the exits with -log(u) in [0.5, 1).)
  const auto run = [](bool by_permit) {
    ScenarioSpec spec = test::tiny_spec(2000, 2002);
    spec.initial_cells = {test::young_cell("a", 5000)};
    TransitionSpec t = test::constant_transition("a", "vertrokken", 0.5);
    if (by_permit) t.by_time_since_permit = {{1.0}, {0.5, 0.25}};
    spec.transitions = {t};
    const CompiledModel m = compile_model(spec);
    return simulate_replication(m, 11, 0);
  };
  const Accounts with_clause = run(true), without = run(false);
  CHECK(with_clause.flow == without.flow);
  CHECK(with_clause.stock == without.stock);
  CHECK(with_clause.events == without.events);
}
