// The scenarios in scenarios/: they load, and the numbers derived from the data say what the comments claim.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/common/date.hpp"
#include "sim/scenario/csv.hpp"
#include "tests/unit/scenario_fixture.hpp"

using scenario_test::repo_root;
using ws::scenario::load_scenario;

namespace {

int index_of_gemeente(const ws::model::ScenarioSpec& s, const std::string& name) {
  for (std::size_t i = 0; i < s.gemeenten.size(); ++i)
    if (s.gemeenten[i].name == name) return static_cast<int>(i);
  FAIL("no gemeente " << name);
  return -1;
}

const ws::model::ArrivalSpec& arrival(const ws::model::ScenarioSpec& s, const std::string& name) {
  for (const auto& a : s.arrivals)
    if (a.name == name) return a;
  FAIL("no arrival stream " << name);
  return s.arrivals.front();
}

double state_count(const ws::model::ScenarioSpec& s, const std::string& state) {
  double total = 0;
  for (const auto& c : s.initial_cells)
    if (c.state == state) total += c.count;
  return total;
}

ws::scenario::CsvTable read_csv(const std::string& relative) {
  std::ifstream in(repo_root() / relative);
  std::stringstream text;
  text << in.rdbuf();
  return ws::scenario::CsvTable(relative, text.str());
}

}  // namespace

TEST_CASE("every scenario in scenarios/ loads", "[scenario]") {
  const char* files[] = {"baseline.toml",
                         "wsw-nationaal-2016.toml",
                         "variants/statushouders-low.toml",
                         "variants/statushouders-mid.toml",
                         "variants/statushouders-high.toml",
                         "variants/statushouders-uncertain.toml",
                         "variants/aow-frozen.toml",
                         "variants/aow-fast.toml",
                         "variants/mortality-high.toml",
                         "variants/mortality-low.toml"};
  for (const char* f : files) {
    INFO(f);
    CHECK_NOTHROW(load_scenario(repo_root() / "scenarios" / f));
  }
}

TEST_CASE("baseline: gemeenten, modules, horizon, stocks", "[scenario]") {
  const auto s = load_scenario(repo_root() / "scenarios/baseline.toml");
  CHECK(s.name == "baseline");
  CHECK(s.run.start == ws::days_from_civil(2025, 1, 1));
  CHECK(s.run.end == ws::days_from_civil(2035, 1, 1));
  REQUIRE(s.gemeenten.size() == 8);
  const auto& buren = s.gemeenten[static_cast<std::size_t>(index_of_gemeente(s, "Buren"))];
  CHECK(buren.wsw_at_werkzaak);
  CHECK_FALSE(buren.participatiewet_at_werkzaak);
  CHECK(s.groups.front().name == "general");
  // The initial stocks of the derivation in data/derive_tables.py.
  // Wsw: the regional backcast at its fit on 2025-01-01 (tests/calibration/baseline_check.py reruns it).
  CHECK(state_count(s, "wsw") == Approx(783.0).epsilon(1e-4));
  CHECK(state_count(s, "bijstand") == Approx(2700).epsilon(1e-4));
  CHECK(state_count(s, "beschut") == Approx(142).epsilon(1e-4));
  // Nobody of the Participatiewet in Buren and Neder-Betuwe; everybody's Wsw duration >= 10 years (closed
  // 2015).
  for (const auto& c : s.initial_cells) {
    const auto& g = s.gemeenten[static_cast<std::size_t>(c.gemeente)];
    if (!g.participatiewet_at_werkzaak) CHECK(c.state == "wsw");
    if (c.state == "wsw") CHECK(c.duration_min_years >= 10);
  }
  // Statushouders flagged in the bijstand stock, their permit 0.25-1 year before entering bijstand.
  double flagged = 0;
  for (const auto& c : s.initial_cells)
    if (c.group == "statushouder") {
      CHECK(c.state == "bijstand");
      CHECK(c.permit_lead_min_years == 0.25);
      CHECK(c.permit_lead_max_years == 1.0);
      flagged += c.count;
    }
  CHECK(flagged > 300);
  CHECK(flagged < 1000);
  // Sources: the scenario files in extend order (the calibrated bijstand inflow the baseline extends, then the
  // baseline), then each data file once.
  REQUIRE(s.sources.size() > 2);
  CHECK(s.sources[0].first.find("calibrated/bijstand-gemeenten.toml") != std::string::npos);
  CHECK(s.sources[1].first.find("baseline.toml") != std::string::npos);
  CHECK(s.sources[1].second.find("[scenario]") != std::string::npos);
}

TEST_CASE("baseline: statushouder rates = taakstelling x 2 x population share, adult share as multiplier",
          "[scenario]") {
  const auto s = load_scenario(repo_root() / "scenarios/baseline.toml");
  const auto& a = arrival(s, "statushouders");
  CHECK(a.into == "bijstand");
  CHECK(a.group == "statushouder");
  CHECK(a.rate_multiplier == 0.6);
  REQUIRE(a.period_start.size() == 20);  // 2025H1 .. 2034H2
  CHECK(a.period_start[0] == ws::days_from_civil(2025, 1, 1));
  CHECK(a.period_start[1] == ws::days_from_civil(2025, 7, 1));
  const auto tiel = static_cast<std::size_t>(index_of_gemeente(s, "Tiel"));
  const auto buren = static_cast<std::size_t>(index_of_gemeente(s, "Buren"));
  const double share = 42159.0 / 17475415.0;
  CHECK(a.rate[0][tiel] == Approx(15000 * 2 * share));  // 2025H1 from the file
  CHECK(a.rate[1][tiel] == Approx(13000 * 2 * share));  // 2025H2 from the file
  CHECK(a.rate[2][tiel] == Approx(13000 * 2 * share));  // 2026H1: future_per_half_year
  CHECK(a.rate[5][buren] == 0.0);                       // Participatiewet not at Werkzaak
  CHECK(a.permit_lead_min_years == 0.25);
  CHECK(a.permit_lead_max_years == 1.0);
}

TEST_CASE("variants change what their names say", "[scenario]") {
  const auto base = load_scenario(repo_root() / "scenarios/baseline.toml");
  const auto low = load_scenario(repo_root() / "scenarios/variants/statushouders-low.toml");
  const auto high = load_scenario(repo_root() / "scenarios/variants/statushouders-high.toml");
  const auto tiel = static_cast<std::size_t>(index_of_gemeente(base, "Tiel"));
  CHECK(arrival(low, "statushouders").rate[4][tiel] ==
        Approx(arrival(base, "statushouders").rate[4][tiel] * 6000 / 13000));
  CHECK(arrival(high, "statushouders").rate[4][tiel] ==
        Approx(arrival(base, "statushouders").rate[4][tiel] * 21200 / 13000));
  CHECK(arrival(low, "statushouders").rate[0][tiel] ==
        arrival(base, "statushouders").rate[0][tiel]);  // 2025 as listed
  CHECK(low.sources.size() == base.sources.size() + 1);
  CHECK(load_scenario(repo_root() / "scenarios/variants/aow-frozen.toml").aow.months_per_year_after == 0);
  CHECK(load_scenario(repo_root() / "scenarios/variants/aow-fast.toml").aow.months_per_year_after == 3);
  CHECK(load_scenario(repo_root() / "scenarios/variants/mortality-high.toml").mortality.level == 1.2);
  CHECK(load_scenario(repo_root() / "scenarios/variants/mortality-low.toml").mortality.level == 0.8);
  const auto uncertain = load_scenario(repo_root() / "scenarios/variants/statushouders-uncertain.toml");
  bool found = false;
  for (const auto& u : uncertain.uncertain)
    if (u.name == "statushouders.future_per_half_year") {
      found = true;
      CHECK(u.distribution.kind == ws::model::ParameterDistribution::Kind::triangular);
      CHECK(u.distribution.a == 6000);
      CHECK(u.distribution.c == 21200);
    }
  CHECK(found);
}

TEST_CASE("baseline Gompertz parameters are the two-point fit to data/mortality_points.csv", "[scenario]") {
  const auto csv = read_csv("scenarios/data/mortality_points.csv");
  double q61 = 0, q81 = 0;
  for (const auto& row : csv.rows())
    if (csv.text(row, "sex") == "men" && csv.text(row, "year") == "2023") {
      if (csv.text(row, "age") == "61") q61 = csv.number(row, "q_death_probability");
      if (csv.text(row, "age") == "81") q81 = csv.number(row, "q_death_probability");
    }
  const double mu61 = -std::log(1 - q61), mu81 = -std::log(1 - q81);
  const double b = std::log(mu81 / mu61) / 20, a = mu61 / std::exp(61 * b);
  const auto s = load_scenario(repo_root() / "scenarios/baseline.toml");
  // The TOML carries 5 significant digits.
  CHECK(s.mortality.gompertz_b == Approx(b).epsilon(1e-4));
  CHECK(s.mortality.gompertz_a == Approx(a).epsilon(1e-4));
  CHECK(s.mortality.women_multiplier == Approx(std::exp(-b * (83.33 - 80.31))).epsilon(1e-3));
}

TEST_CASE("national 2016 Wsw stock reproduces the 2015 composition", "[scenario]") {
  const auto s = load_scenario(repo_root() / "scenarios/wsw-nationaal-2016.toml");
  REQUIRE(s.gemeenten.size() == 1);
  CHECK(s.gemeenten[0].name == "Nederland");
  double total = 0, age_sum = 0, over45 = 0, under27 = 0;
  for (const auto& c : s.initial_cells) {
    CHECK(c.state == "wsw");
    total += c.count;
    age_sum += c.count * (c.age_lower + c.age_upper) / 2;  // ages are uniform within a cell
    if (c.age_lower >= 45) over45 += c.count;
    if (c.age_upper <= 27) under27 += c.count;
  }
  CHECK(total == Approx(96300).epsilon(1e-6));
  // Sources: mean 48.6, 68% over 45, 4% under 27 (given to 3 significant digits).
  CHECK(age_sum / total == Approx(48.6).margin(0.05));
  CHECK(over45 / total == Approx(0.68).margin(0.0005));
  CHECK(under27 / total == Approx(0.04).margin(0.0005));
}

TEST_CASE("the worked example of docs/scenario-reference.md loads and does what the page says",
          "[scenario]") {
  std::ifstream in(repo_root() / "docs/scenario-reference.md");
  std::stringstream page;
  page << in.rdbuf();
  const std::string text = page.str();
  const auto begin = text.find("```toml\n");
  REQUIRE(begin != std::string::npos);
  std::string example = text.substr(begin + 8, text.find("```", begin + 8) - begin - 8);
  const std::string parent = "\"../baseline.toml\"";
  REQUIRE(example.find(parent) != std::string::npos);
  // Quoted by appending: GCC 12 warns (-Wrestrict, a false positive) on "\"" + std::string.
  std::string absolute_parent(1, '"');
  absolute_parent += (repo_root() / "scenarios/baseline.toml").generic_string();
  absolute_parent += '"';
  example.replace(example.find(parent), parent.size(), absolute_parent);
  scenario_test::TempScenario t;
  t.write("example.toml", example);
  const auto s = load_scenario(t.path("example.toml"));
  CHECK(s.name == "faster-work");
  // The baseline's own uncertain parameters but the calibrated bijstand inflow rates, which the example's
  // inline rates replace whole, and the example's two.
  std::vector<std::string> names, expected;
  for (const auto& u : s.uncertain) names.push_back(u.name);
  for (const auto& u : load_scenario(repo_root() / "scenarios/baseline.toml").uncertain)
    if (u.name.rfind("arrivals.bijstand_inflow.rates.", 0) != 0) expected.push_back(u.name);
  expected.push_back("transitions.bijstand->regulier.rate");
  expected.push_back("initial_population.count_multiplier.wsw");
  std::sort(names.begin(), names.end());
  std::sort(expected.begin(), expected.end());
  CHECK(names == expected);
  for (const auto& tr : s.transitions)
    if (tr.from == "bijstand" && tr.to == "regulier") {
      CHECK(tr.rate == 0.124);
      CHECK(tr.by_age.values.size() == 4);  // kept from the baseline
      CHECK(tr.by_calendar.values == std::vector<double>{1.0, 1.1});
    }
  const auto& inflow = arrival(s, "bijstand_inflow");
  CHECK(inflow.period_start.size() == 2);
  for (const auto& cap : s.capacities)
    if (cap.state == "tussengroep") {
      CHECK(cap.years.size() == 10);
      CHECK(cap.places[5][0] == 120);  // 2030
      CHECK(cap.places[4][0] == 93);   // 2029 from the file
    }
}

TEST_CASE("an empty file key drops an inherited data table", "[scenario]") {
  scenario_test::TempScenario t;
  t.write("data/persons.csv",
          "gemeente,state,sex,birth_date,entered_state,group,permit_date\n"
          "A,a,men,1970-05-01,2010-01-01,general,\n");
  CHECK(t.load_child("[initial_population]\npersons_file = \"data/persons.csv\"\n").initial_cells.size() ==
        3);
  const auto s = t.load_child("[initial_population]\npersons_file = \"data/persons.csv\"\nfile = \"\"\n");
  CHECK(s.initial_cells.empty());
  REQUIRE(s.initial_persons.size() == 1);
  CHECK(s.initial_persons[0].birth == ws::days_from_civil(1970, 5, 1));
}
