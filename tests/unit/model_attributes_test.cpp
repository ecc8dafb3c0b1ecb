// Person attributes a scenario declares: hazards depend on them through one covariate index; declaring one
// changes no other random number; a closed cohort with two levels decays as the mixture of two exponentials.
#include <catch2/catch.hpp>
#include <cmath>

#include "model_fixtures.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;
using namespace ws::model;

namespace {

ScenarioSpec cohort(double n, double rate) {
  ScenarioSpec spec = test::tiny_spec(2000, 2010);
  spec.initial_cells = {test::young_cell("a", n)};
  spec.transitions = {test::constant_transition("a", "vertrokken", rate)};
  return spec;
}

AttributeSpec opleiding() { return {"opleiding", {"laag", "hoog"}, {0.5, 0.5}}; }

}  // namespace

TEST_CASE("the covariate index is row-major and decodes back", "[model][attributes]") {
  const CovariateIndex index(3, 2, {3, 2});
  CHECK(index.cells() == 3u * 2 * 2 * 3 * 2);
  std::size_t expected = 0;
  for (int g = 0; g < 3; ++g)
    for (int sex = 0; sex < 2; ++sex)
      for (int group = 0; group < 2; ++group)
        for (std::uint8_t a = 0; a < 3; ++a)
          for (std::uint8_t b = 0; b < 2; ++b) {
            const AttributeLevels levels{a, b, 0, 0};
            REQUIRE(index(g, sex, group, levels) == expected);
            const CovariateCell cell = index.decode(expected);
            CHECK(
                (cell.gemeente == g && cell.sex == sex && cell.group == group && cell.attributes == levels));
            ++expected;
          }
  // Without attributes: the layout [gemeente][sex][group] of before.
  CHECK(CovariateIndex(8, 3, {})(5, 1, 2, {}) == (5u * 2 + 1) * 3 + 2);
}

TEST_CASE("declaring an attribute, or multipliers of 1, changes nothing", "[model][attributes]") {
  const ScenarioSpec plain = cohort(3000, 0.2);
  ScenarioSpec declared = plain;
  declared.attributes = {opleiding()};
  ScenarioSpec ones = declared;
  ones.transitions[0].by_attribute = {{"opleiding", {1.0, 1.0}}};
  const CompiledModel mp = compile_model(plain), md = compile_model(declared), mo = compile_model(ones);
  for (std::uint64_t r = 0; r < 3; ++r) {
    const Accounts p = simulate_replication(mp, 5, r), d = simulate_replication(md, 5, r),
                   o = simulate_replication(mo, 5, r);
    CHECK(d.stock == p.stock);
    CHECK(o.stock == p.stock);
    CHECK(o.person_years == p.person_years);
    CHECK(o.events == p.events);
  }
}

TEST_CASE("a cohort with two levels decays as the mixture of two exponentials",
          "[model][attributes][analytic]") {
  const double n = 20000, rate = 0.1, low = 0.5, high = 2.0;
  ScenarioSpec spec = cohort(n, rate);
  spec.attributes = {opleiding()};
  spec.transitions[0].by_attribute = {{"opleiding", {low, high}}};
  const CompiledModel m = compile_model(spec);
  const Accounts a = simulate_replication(m, 11, 0);
  const int s = m.state_index("a");
  for (int t = 0; t < a.times; t += 12) {
    const double years = (m.output_times[static_cast<std::size_t>(t)] - m.start) / kDaysPerYear;
    const double p = 0.5 * std::exp(-low * rate * years) + 0.5 * std::exp(-high * rate * years);
    double stock = 0;
    for (int g = 0; g < a.gemeenten; ++g) stock += a.stock[Accounts::index3(t, g, s, a.gemeenten, a.states)];
    // Survivors: the levels are Binomial(n, 1/2), then each survives with its own probability; the variance
    // is at most n p (1 - p) plus the level mix's n/4 (p_low - p_high)^2. Four standard deviations.
    const double pl = std::exp(-low * rate * years), ph = std::exp(-high * rate * years);
    const double sd = std::sqrt(n * p * (1 - p) + n / 4 * (pl - ph) * (pl - ph));
    INFO("t = " << years << " years");
    CHECK(std::abs(stock - n * p) <= 4 * sd + 1e-9);
  }
}

TEST_CASE("attributes in a scenario file: declared levels and shares, by_attribute on a transition",
          "[scenario][attributes]") {
  scenario_test::TempScenario t;
  const std::string attr = "[attributes.opleiding]\nlevels = [\"laag\", \"hoog\"]\nshares = [0.6, 0.4]\n";
  const ScenarioSpec s =
      t.load_child(attr + "[transitions.\"b->weg\"]\nby_attribute = { opleiding = { hoog = 1.5 } }\n");
  REQUIRE(s.attributes.size() == 1);
  CHECK(s.attributes[0].shares == std::vector<double>{0.6, 0.4});
  for (const auto& tr : s.transitions)
    if (tr.from == "b" && tr.to == "weg") {
      REQUIRE(tr.by_attribute.size() == 1);
      CHECK(tr.by_attribute[0].multiplier == std::vector<double>{1.0, 1.5});
    }
  using Catch::Matchers::Contains;
  CHECK_THAT(
      t.error_of_child(attr + "[transitions.\"b->weg\"]\nby_attribute = { opleidng = { hoog = 1.5 } }\n"),
      Contains("transitions.b->weg.by_attribute.opleidng: unknown attribute 'opleidng'; did you mean "
               "'opleiding'?"));
  CHECK_THAT(
      t.error_of_child(attr + "[transitions.\"b->weg\"]\nby_attribute = { opleiding = { midden = 2 } }\n"),
      Contains("unknown level 'midden' of attribute 'opleiding'"));
  CHECK_THAT(t.error_of_child("[attributes.opleiding]\nlevels = [\"laag\", \"hoog\"]\nshares = [0.6, 0.6]\n"),
             Contains("attributes.opleiding.shares: expected shares summing to 1, got 1.2"));
  CHECK_THAT(t.error_of_child("[attributes.opleiding]\nlevels = [\"laag\", \"laag\"]\nshares = [0.5, 0.5]\n"),
             Contains("level 'laag' is listed twice"));
}
