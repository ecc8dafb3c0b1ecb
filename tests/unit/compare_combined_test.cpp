// Combined pilots in compare (issue 12, item 5): a run of the baseline, the three pilots and alle-pilots finds
// alle-pilots as the combination of the three, and its interaction is the combined effect minus the sum of the
// single effects; a file without a combined scenario has none.
#include <catch2/catch.hpp>
#include <filesystem>

#include "sim/output/results_reader.hpp"
#include "sim/runner/paired_difference.hpp"
#include "sim/runner/pilot_combination.hpp"
#include "sim/runner/run.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;
using scenario_test::repo_root;

namespace {

std::filesystem::path run_files(const std::vector<std::string>& relative, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "werkstroom-combined-test";
  std::filesystem::create_directories(dir);
  const auto out = dir / name;
  std::filesystem::remove(out);
  std::vector<model::ScenarioSpec> specs;
  std::vector<std::string> files;
  for (const auto& r : relative) {
    specs.push_back(scenario::load_scenario(repo_root() / r));
    files.push_back(r);
  }
  runner::run_scenarios(specs, files,
                        {.replications = 3,
                         .first_replication = 0,
                         .keep_replications = std::nullopt,
                         .replications_per_draw = 1,
                         .seed = specs[0].run.seed,
                         .threads = 2,
                         .out = out,
                         .progress = runner::Progress::Mode::quiet,
                         .command_line = "compare_combined_test"});
  return out;
}

}  // namespace

TEST_CASE("compare: alle-pilots against the sum of the three single pilots", "[compare][pilots]") {
  const auto path =
      run_files({"scenarios/baseline.toml", "scenarios/pilots/p-wetters-in-dienst.toml",
                 "scenarios/pilots/ondernemerschap.toml", "scenarios/pilots/nieuwe-doelgroepen.toml",
                 "scenarios/pilots/alle-pilots.toml"},
                "all.nc");
  const output::ResultsReader file(path);
  const runner::Comparison c = runner::compare_scenarios(file, "baseline");
  const auto found = runner::find_combinations(file, c);
  REQUIRE(found.size() == 1);
  CHECK(c.scenarios[found[0].combined] == "alle-pilots");
  std::vector<std::string> singles;
  for (std::size_t s : found[0].singles) singles.push_back(c.scenarios[s]);
  CHECK(singles == std::vector<std::string>{"p-wetters-in-dienst", "ondernemerschap", "nieuwe-doelgroepen"});
  std::vector<std::string> series;
  for (const auto& st : found[0].series) {
    series.push_back(st.name);
    REQUIRE(st.combined.size() == c.years.size());
    for (std::size_t y = 0; y < st.combined.size(); ++y) {
      CHECK(st.interaction[y] == Approx(st.combined[y] - st.sum_of_singles[y]).margin(1e-6));
      CHECK(st.interaction_lower[y] <= st.interaction[y]);
      CHECK(st.interaction_upper[y] >= st.interaction[y]);
    }
  }
  CHECK(series == std::vector<std::string>{"operating_result", "operating_result_cumulative", "in_work"});
  // Every pilot changes the result: each adds its own items, so the sum of the parts is not zero.
  const auto& cumulative = found[0].series[1];
  CHECK(cumulative.sum_of_singles.back() != 0);
  CHECK(cumulative.combined.back() != 0);

  // Two single pilots without their combination: nothing to show.
  const auto pair = run_files({"scenarios/baseline.toml", "scenarios/pilots/p-wetters-in-dienst.toml",
                               "scenarios/pilots/ondernemerschap.toml"},
                              "pair.nc");
  const output::ResultsReader pair_file(pair);
  CHECK(runner::find_combinations(pair_file, runner::compare_scenarios(pair_file, "baseline")).empty());
  std::filesystem::remove(path);
  std::filesystem::remove(pair);
}
