// Distribution tables become named parameter slots whose targets say where a drawn value goes.
#include <catch2/catch.hpp>

#include "sim/scenario/distribution.hpp"
#include "tests/unit/scenario_fixture.hpp"

using Kind = ws::model::ParameterDistribution::Kind;
using scenario_test::TempScenario;

namespace {

const ws::model::UncertainParameter& parameter(const ws::model::ScenarioSpec& s, const std::string& name) {
  for (const auto& u : s.uncertain)
    if (u.name == name) return u;
  FAIL("no uncertain parameter " << name);
  return s.uncertain.front();
}

}  // namespace

TEST_CASE("a distribution on a transition rate: central value in the spec, apply writes that rate only",
          "[scenario]") {
  TempScenario t;
  const auto s = t.load_child(R"(
[transitions."b->c"]
rate = { distribution = "triangular", min = 0.1, mode = 0.25, max = 0.5 }
)");
  REQUIRE(s.uncertain.size() == 1);
  const auto& u = parameter(s, "transitions.b->c.rate");
  CHECK(u.units == std::string("per year"));
  CHECK(u.distribution.kind == Kind::triangular);
  std::size_t bc = 0;
  while (!(s.transitions[bc].from == "b" && s.transitions[bc].to == "c")) ++bc;
  CHECK(s.transitions[bc].rate == 0.25);  // the mode
  auto copy = s;
  ws::model::apply_parameter(copy, u, 0.4);
  CHECK(copy.transitions[bc].rate == 0.4);
  for (std::size_t i = 0; i < copy.transitions.size(); ++i)
    if (i != bc) CHECK(copy.transitions[i].rate == s.transitions[i].rate);
}

TEST_CASE(
    "distributions on piecewise values, multipliers, arrivals, capacities, mortality, AOW, initial counts",
    "[scenario]") {
  TempScenario t;
  const auto s = t.load_child(R"(
[states.a]
mortality_multiplier = { distribution = "uniform", min = 1, max = 2 }
[transitions."b->c"]
by_age = { breaks = [30, 50], values = [1.5, { distribution = "normal", mean = 1, sd = 0.1, lower = 0 }, 0.5] }
by_gemeente = { B = { distribution = "lognormal", median = 2, sigma = 0.3 } }
[arrivals.inflow]
rates = { 2025-01-01 = { distribution = "beta", alpha = 2, beta = 2, lower = 1, upper = 3 } }
share_women = { distribution = "choice", values = [0.4, 0.5], weights = [1, 3] }
[capacities.c.places]
2026 = { distribution = "uniform", min = 10, max = 20 }
[mortality]
level = { distribution = "uniform", min = 0.9, max = 1.1 }
[aow]
months_per_year_after = { distribution = "choice", values = [0, 3] }
[initial_population]
count_multiplier = { a = { distribution = "uniform", min = 0.5, max = 1.5 } }
)");
  CHECK(s.uncertain.size() == 9);
  auto copy = s;
  ws::model::apply_parameter(copy, parameter(s, "states.a.mortality_multiplier"), 1.7);
  CHECK(copy.states[0].mortality_multiplier == 1.7);
  std::size_t bc = 0;
  while (!(s.transitions[bc].from == "b" && s.transitions[bc].to == "c")) ++bc;
  CHECK(s.transitions[bc].by_age.values[1] == 1.0);
  ws::model::apply_parameter(copy, parameter(s, "transitions.b->c.by_age.values[1]"), 1.2);
  CHECK(copy.transitions[bc].by_age.values == std::vector<double>{1.5, 1.2, 0.5});
  CHECK(s.transitions[bc].gemeente_multiplier == std::vector<double>{1.0, 2.0});
  ws::model::apply_parameter(copy, parameter(s, "transitions.b->c.by_gemeente.B"), 3.0);
  CHECK(copy.transitions[bc].gemeente_multiplier == std::vector<double>{1.0, 3.0});
  // The beta's mean is 2 per 1,000: 20 a year in A (10,000 inhabitants); B places no Participatiewet here.
  CHECK(s.arrivals[0].rate[0] == std::vector<double>{20.0, 0.0});
  ws::model::apply_parameter(copy, parameter(s, "arrivals.inflow.rates.2025-01-01"), 2.5);
  CHECK(copy.arrivals[0].rate[0] == std::vector<double>{25.0, 0.0});
  CHECK(s.arrivals[0].share_women == 0.5);  // the most likely choice
  ws::model::apply_parameter(copy, parameter(s, "arrivals.inflow.share_women"), 0.4);
  CHECK(copy.arrivals[0].share_women == 0.4);
  REQUIRE(s.capacities[0].years == std::vector<int>{2025, 2026});
  CHECK(s.capacities[0].places[1][0] == 15);
  ws::model::apply_parameter(copy, parameter(s, "capacities.c.places.2026"), 12);
  CHECK(copy.capacities[0].places[1][0] == 12);
  CHECK(copy.capacities[0].places[0][0] == 10);
  ws::model::apply_parameter(copy, parameter(s, "mortality.level"), 0.95);
  CHECK(copy.mortality.level == 0.95);
  ws::model::apply_parameter(copy, parameter(s, "aow.months_per_year_after"), 3);
  CHECK(copy.aow.months_per_year_after == 3);
  ws::model::apply_parameter(copy, parameter(s, "initial_population.count_multiplier.a"), 0.5);
  CHECK(copy.initial_cells[0].count == 5);  // 10 x 0.5, from the file's count, not the central one
  CHECK(copy.initial_cells[1].count == 2.5);
  CHECK(copy.initial_cells[2].count == 20);  // state b: untouched
}

TEST_CASE("statushouders.future_per_half_year: apply re-derives the rates of the future half years",
          "[scenario]") {
  TempScenario t;
  t.write("data/taakstelling.csv", "period,persons,source\n2025H1,15000,test\n2025H2,13000,test\n");
  const auto s = t.load_child(R"(
[statushouders]
into = "b"
group = "statushouder"
taakstelling_file = "data/taakstelling.csv"
future_per_half_year = { distribution = "triangular", min = 6000, mode = 13000, max = 21200 }
national_population = 1000000
adult_share = { distribution = "uniform", min = 0.5, max = 0.7 }
permit_lead_min_years = 0.25
permit_lead_max_years = 1
age = { lower = [18], upper = [67], weight = [1] }
)");
  const auto& a = s.arrivals.back();
  REQUIRE(a.period_start.size() == 10);  // 2025H1 .. 2029H2
  const double share_a = 2.0 * 10000 / 1000000;
  CHECK(a.rate[0][0] == Approx(15000 * share_a));
  CHECK(a.rate[2][0] == Approx(13000 * share_a));
  CHECK(a.rate[2][1] == 0.0);  // B: no Participatiewet at Werkzaak
  CHECK(a.rate_multiplier == Approx(0.6));
  auto copy = s;
  ws::model::apply_parameter(copy, parameter(s, "statushouders.future_per_half_year"), 20000);
  const auto& c = copy.arrivals.back();
  CHECK(c.rate[0][0] == Approx(15000 * share_a));  // listed half years keep the file's numbers
  CHECK(c.rate[1][0] == Approx(13000 * share_a));
  for (std::size_t k = 2; k < c.rate.size(); ++k) CHECK(c.rate[k][0] == Approx(20000 * share_a));
  CHECK(c.rate[9][1] == 0.0);
  ws::model::apply_parameter(copy, parameter(s, "statushouders.adult_share"), 0.55);
  CHECK(copy.arrivals.back().rate_multiplier == 0.55);
  CHECK(copy.arrivals.back().rate[9][0] == Approx(20000 * share_a));  // the two parameters do not interfere
}

TEST_CASE("central values of each distribution kind", "[scenario]") {
  ws::model::ParameterDistribution d;
  d.kind = Kind::uniform, d.a = 1, d.b = 3;
  CHECK(ws::scenario::central_value(d) == 2);
  d.kind = Kind::normal, d.a = 5, d.b = 1, d.lower = 6, d.upper = 9;
  CHECK(ws::scenario::central_value(d) == 6);  // the mean clamped into the truncation
  d.kind = Kind::beta, d.a = 1, d.b = 3, d.lower = 0, d.upper = 8;
  CHECK(ws::scenario::central_value(d) == 2);
  d.kind = Kind::lognormal, d.a = 4, d.b = 0.5;
  CHECK(ws::scenario::central_value(d) == 4);
}
