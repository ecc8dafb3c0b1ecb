// The calibration: synthetic targets made by a run with known values are fitted back within their standard
// errors; the override text sets key paths; bad targets are refused with their file and line.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "scenario_fixture.hpp"
#include "sim/calibration/config.hpp"
#include "sim/calibration/evaluate.hpp"
#include "sim/calibration/fit.hpp"
#include "sim/calibration/overrides.hpp"

namespace {

using scenario_test::TempScenario;

const char* kRunoff = R"(
[scenario]
name = "runoff"
start = 2025-01-01
end = 2028-01-01
output_interval_months = 12
[gemeenten]
file = "data/gemeenten.csv"
[states.a]
[states.x]
kind = "exit"
[states.y]
kind = "exit"
[states.dood]
kind = "exit"
[states.pensioen]
kind = "exit"
[transitions."a->x"]
rate = 0.08
[transitions."a->y"]
rate = 0.03
[mortality]
gompertz_a = 1e-5
gompertz_b = 0.1
exit_state = "dood"
[aow]
file = "data/aow.csv"
exit_state = "pensioen"
[initial_population]
file = "data/runoff_initial.csv"
)";

const char* kCalibration = R"(
[calibration]
scenario = "runoff.toml"
targets = "targets.csv"
output = "fitted/runoff-fitted.toml"
report = "fitted/runoff-fit.csv"
name = "runoff-fitted"
end = 2027-01-01
replications = 4
seed = 7
max_evaluations = 60
template = '''
[transitions."a->y"]
rate = {rate_y}
'''
[parameters.rate_x]
key = "transitions.a->x.rate"
lower = 0.01
upper = 0.5
log = true
[parameters.rate_y]
lower = 0.005
upper = 0.2
log = true
start = 0.01
[uncertainty]
samples = 12
seed = 3
)";

const char* kTargetRows =
    "date,measure,state,transition,of,gemeente,value,sd,source\n"
    "2026-01-01,stock,a,,,*,1,1,synthetic\n"
    "2027-01-01,stock,a,,,*,1,1,synthetic\n"
    "2025,flow,,a->x,,*,1,1,synthetic\n"
    "2026,flow,,a->x,,A,1,1,synthetic\n"
    "2025,share,,a->y,a->*,*,1,1,synthetic\n"
    "2026,flow,,a->y,,*,1,1,synthetic\n";

void write_runoff(const TempScenario& dir) {
  dir.write("runoff.toml", kRunoff);
  dir.write("data/runoff_initial.csv",
            "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,duration_max,source\n"
            "A,a,men,30,40,general,6000,0,5,test\n"
            "B,a,women,30,40,general,4000,0,5,test\n");
  dir.write("calibration.toml", kCalibration);
  dir.write("targets.csv", kTargetRows);
}

// Replaces the targets' values by the model means at `truth` (seed 99), with Poisson-like uncertainty.
void make_synthetic_targets(const TempScenario& dir, const std::vector<double>& truth) {
  auto cfg = ws::calibration::read_calibration(dir.path("calibration.toml"));
  cfg.seed = 99;
  ws::calibration::Evaluator evaluate(cfg);
  const auto e = evaluate(truth);
  std::string csv = "date,measure,state,transition,of,gemeente,value,sd,source\n";
  std::istringstream rows(kTargetRows);
  std::string line;
  std::getline(rows, line);
  for (std::size_t t = 0; std::getline(rows, line); ++t) {
    const double mean = e.targets[t].mean;
    const double sd = cfg.targets[t].measure == "share" ? 0.01 : std::sqrt(mean);
    // The row up to the value column, then the synthetic value and its uncertainty.
    std::size_t at = 0;
    for (int comma = 0; comma < 6; ++comma) at = line.find(',', at) + 1;
    csv += line.substr(0, at) + std::to_string(mean) + "," + std::to_string(sd) + ",synthetic\n";
  }
  dir.write("targets.csv", csv);
}

}  // namespace

TEST_CASE("calibration recovers known rates from synthetic targets", "[calibration]") {
  TempScenario dir;
  write_runoff(dir);
  const std::vector<double> truth = {0.08, 0.03};
  make_synthetic_targets(dir, truth);
  const auto cfg = ws::calibration::read_calibration(dir.path("calibration.toml"));
  std::ostringstream log;
  const auto result = ws::calibration::fit(cfg, log);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    INFO(cfg.parameters[i].name << " = " << result.parameters[i].value << " se " << result.parameters[i].se);
    REQUIRE(std::isfinite(result.parameters[i].se));
    CHECK(std::abs(result.parameters[i].value - truth[i]) <= 2 * result.parameters[i].se);
    CHECK(result.parameters[i].accepted_min <= result.parameters[i].value);
    CHECK(result.parameters[i].accepted_max >= result.parameters[i].value);
  }
  CHECK(result.accepted >= 1);
  ws::calibration::write_results(cfg, result);
  // The written scenario loads, extends the original and carries the fitted rates as distributions.
  const auto spec = ws::scenario::load_scenario(dir.path("fitted/runoff-fitted.toml"));
  CHECK(spec.name == "runoff-fitted");
  CHECK(std::filesystem::exists(dir.path("fitted/runoff-fit-parameters.csv")));
  // Rerunning the calibration reproduces it exactly.
  const auto again = ws::calibration::fit(cfg, log);
  CHECK(again.parameters[0].value == result.parameters[0].value);
  CHECK(again.best.objective == result.best.objective);
}

TEST_CASE("override text sets key paths in sections", "[calibration]") {
  TempScenario dir;
  write_runoff(dir);
  const auto cfg = ws::calibration::read_calibration(dir.path("calibration.toml"));
  ws::calibration::OverrideRequest request;
  request.written_to = dir.path("fitted/x.toml");
  request.values = {"0.25", "0.5"};
  request.fitting = true;
  const auto text = ws::calibration::override_text(cfg, request);
  CHECK_THAT(text, Catch::Contains("extend = \"../runoff.toml\""));
  CHECK_THAT(text, Catch::Contains("end = 2027-01-01"));
  CHECK_THAT(text, Catch::Contains("[transitions.\"a->x\"]\nrate = 0.25\n"));
  CHECK_THAT(text, Catch::Contains("[transitions.\"a->y\"]\nrate = 0.5\n"));
  CHECK(ws::calibration::toml_key("West Betuwe") == "\"West Betuwe\"");
  CHECK(ws::calibration::split_key_path("a.b->c.rate").size() == 3);
  CHECK_THROWS_AS(ws::calibration::split_key_path("a..b"), ws::InputError);
}

TEST_CASE("bad targets name their file and line", "[calibration]") {
  TempScenario dir;
  write_runoff(dir);
  dir.write("targets.csv",
            "date,measure,state,transition,of,gemeente,value,sd,source\n"
            "2026-01-01,stock,nope,,,*,1,1,x\n");
  auto cfg = ws::calibration::read_calibration(dir.path("calibration.toml"));
  ws::calibration::Evaluator evaluate(cfg);
  CHECK_THROWS_WITH(evaluate({0.08, 0.03}), Catch::Contains("targets.csv:2: state 'nope'"));
  dir.write("targets.csv",
            "date,measure,state,transition,of,gemeente,value,sd,source\n"
            "2026-01-01,stock,a,,,*,1,0,x\n");
  CHECK_THROWS_WITH(ws::calibration::read_calibration(dir.path("calibration.toml")),
                    Catch::Contains("targets.csv:2: column 'sd'"));
  dir.write("calibration.toml",
            std::string(kCalibration) + "\n[parameters.rate_z]\nlower = 1\nupper = 0.5\n");
  CHECK_THROWS_WITH(ws::calibration::read_calibration(dir.path("calibration.toml")),
                    Catch::Contains("parameters.rate_z.upper: expected a number above lower"));
}
