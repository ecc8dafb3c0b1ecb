// Inputs that validate must not hang or run away, and a stop request ends even a single replication.
#include <catch2/catch.hpp>
#include <numeric>

#include "model_fixtures.hpp"
#include "sim/common/error.hpp"
#include "sim/engine/stop.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/money.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/run_estimate.hpp"
#include "sim/scenario/csv.hpp"

using namespace ws;

TEST_CASE("whole-euro sharing ends for amounts where adding one euro changes nothing", "[hardening]") {
  // 1e16 > 2^53: the settling loop once added 1 to a double that did not change, for ever.
  const std::vector<double> parts = model::split_whole_euros(1e16, {1, 2, 3, 4, 5, 6, 7, 8});
  REQUIRE(parts.size() == 8);
  CHECK(std::accumulate(parts.begin(), parts.end(), 0.0) == Approx(1e16));
  const std::vector<double> small = model::split_whole_euros(10.5, {1, 1, 1});
  CHECK(std::accumulate(small.begin(), small.end(), 0.0) == 10.5);
}

TEST_CASE("a stop request ends a replication in the middle", "[hardening]") {
  model::ScenarioSpec spec = test::tiny_spec(2025, 2035);
  spec.initial_cells = {test::young_cell("a", 100000)};
  spec.transitions = {test::constant_transition("a", "vertrokken", 1.0)};
  const model::CompiledModel compiled = model::compile_model(spec);
  engine::stop_signal.store(15);
  try {
    model::simulate_replication(compiled, 1, 0);
    engine::stop_signal.store(0);
    FAIL("the replication ran to its end");
  } catch (const Interrupted& e) {
    engine::stop_signal.store(0);
    CHECK(e.signal() == 15);
  }
  CHECK(model::simulate_replication(compiled, 1, 0).events > 0);
}

TEST_CASE("a run that cannot fit in memory is refused with the estimate", "[hardening]") {
  model::ScenarioSpec spec = test::tiny_spec(2025, 2035);
  spec.initial_cells = {test::young_cell("a", 1e9)};
  const runner::RunEstimate estimate = runner::estimate_run({spec}, 4);
  CHECK(estimate.persons == Approx(1e9));
  CHECK(estimate.concurrent == 4);
  CHECK_THROWS_WITH(
      runner::check_run_fits(estimate, {"big.toml"}, 16e9),
      Catch::Contains("big.toml: about 1e+09 persons in one replication need about 1 TB of memory "
                      "with 4 replications at a time, more than the 16 GB available"));
  CHECK_NOTHROW(runner::check_run_fits(runner::estimate_run({test::tiny_spec()}, 4), {"small.toml"}, 16e9));
}

TEST_CASE("CSV as a spreadsheet writes it: byte order mark, line breaks in quotes, NUL bytes",
          "[hardening]") {
  const scenario::CsvTable bom("g.csv", "\xEF\xBB\xBFgemeente,source\nTiel,x\n");
  CHECK(bom.has_column("gemeente"));
  const scenario::CsvTable broken("g.csv", "gemeente,source\n\"Tiel\nnoord\",x\nBuren,y\n");
  REQUIRE(broken.rows().size() == 2);
  CHECK(broken.text(broken.rows()[0], "gemeente") == "Tiel\nnoord");
  CHECK(broken.rows()[1].line == 4);
  CHECK_THROWS_WITH(scenario::CsvTable("g.csv", "gemeente,source\n\"Tiel,x\n"),
                    "g.csv:2: unterminated quoted field");
  CHECK_THROWS_WITH(scenario::CsvTable("g.csv", std::string("gemeente,source\nTi\0el,x\n", 24)),
                    Catch::Contains("g.csv:2: a NUL byte"));
}
