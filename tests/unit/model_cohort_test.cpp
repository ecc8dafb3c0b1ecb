// Statushouder cohorts: at every check after everyone is housed, those present in the region and those who left it
// alive add up to the cohort (no deaths here, nobody reaches the AOW age), and leavers from a working state are counted as such.
#include <catch2/catch.hpp>

#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;

TEST_CASE("cohort checks: present + left is the whole cohort once housed; leavers from work counted",
          "[model][cohort]") {
  scenario_test::TempScenario t;
  t.write("data/taakstelling.csv", "period,persons,source\n2025H1,20000,test\n2025H2,20000,test\n");
  const model::ScenarioSpec spec = t.load_child(R"(
[states.c]
working = true
[capacities.c]
places = { 2025 = 100000 }   # nobody waits: c (working) -> weg happens
[mortality]
level = 0
[statushouders]
into = "b"
group = "statushouder"
taakstelling_file = "data/taakstelling.csv"
future_per_half_year = 0
national_population = 1000000
adult_share = 1
permit_lead_min_years = 0.25
permit_lead_max_years = 1
age = { lower = [18], upper = [30], weight = [1] }
)");
  const model::CompiledModel m = model::compile_model(spec);
  const model::Accounts a = model::simulate_replication(m, 7, 0);
  const std::size_t D = static_cast<std::size_t>(m.cohort_durations);
  int checked = 0;
  double left_total = 0, left_working_total = 0;
  for (std::size_t k = 0; k < m.cohorts.size(); ++k) {
    const double housed = a.cohort_present[k * D + 2] + a.cohort_left[k * D + 2];  // 12 months: all housed
    if (housed == 0) continue;
    // Cohort k arrives in the k-th half year of the run (permits before): every member is observed at check d
    // when the end of that half year plus d half years is within the 10 half years of the run.
    for (std::size_t d = 2; k + 1 + d <= 10; ++d) {
      const std::size_t i = k * D + d;
      INFO("cohort " << m.cohorts[k] << ", check " << d);
      CHECK(a.cohort_present[i] + a.cohort_left[i] == housed);
      CHECK(a.cohort_working[i] <= a.cohort_present[i]);
      CHECK(a.cohort_left_working[i] <= a.cohort_left[i]);
      if (d > 2) CHECK(a.cohort_left[i] >= a.cohort_left[i - 1]);  // leaving is for good
      ++checked;
      left_total += a.cohort_left[i];
      left_working_total += a.cohort_left_working[i];
    }
  }
  CHECK(checked > 10);
  CHECK(left_working_total > 0);           // c (working) -> weg happens
  CHECK(left_working_total < left_total);  // and b (not working) -> weg too
}
