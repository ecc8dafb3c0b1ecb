// Werkzaak's budgets (issue 12): the result per budget and the shared joint result add up, the frozen BUIG is
// the old item arithmetic exactly, the vangnet compensates a deficit past its thresholds, statushouders change
// the BUIG result only by the gemeente's deviation from the national path, and the Wsw-only gemeenten of the
// baseline carry no Participatiewet money. Hand-made accounts of the mini scenario (A: both modules, 10,000
// inhabitants; B: the Wsw only, 5,000), and one replication of the baseline.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/model/compiled_model.hpp"
#include "sim/model/money.hpp"
#include "sim/model/money_rules.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "tests/unit/scenario_fixture.hpp"

using scenario_test::TempScenario;
using namespace ws;

namespace {

// Items in every budget of the mini scenario: A's b and c are Participatiewet states, a (both gemeenten) Wsw.
const char* kBudgets = R"(
[states.c]
at_werkzaak = true
[money.items]
buig_budget = { budget = "buig", kind = "income", per = "year", amount = 1000000, key = "shares", shares = { A = 1 } }
uitkeringen = { budget = "buig", kind = "cost", per = "person_year", states = ["b", "c_wacht"], amount = 15000 }
wsw_rijk = { budget = "wsw", kind = "income", per = "person_year", states = ["a"], amount = 30000 }
wsw_loon = { budget = "wsw", kind = "cost", per = "person_year", states = ["a"], amount = 26000.5 }
beschut = { budget = "participatiebudget", kind = "income", per = "year", amount = 123457, key = "population_participatiewet" }
tussengroep = { budget = "sociale_infrastructuur", kind = "income", per = "year", amount = 54321, key = "population_participatiewet" }
impuls = { budget = "impulsbudget", kind = "income", per = "year", amount = 77777, key = "population" }
overhead = { kind = "cost", per = "year", amount = 333333.33, key = "population" }
)";

// The items with [money.buig] on their BUIG allocation, and `keys`.
std::string with_buig(const std::string& keys) {
  return std::string(kBudgets) + "[money.buig]\nallocation_item = \"buig_budget\"\n" + keys;
}

struct Case {
  model::ScenarioSpec spec;
  model::CompiledModel m;
  model::Accounts a;
  explicit Case(model::ScenarioSpec s) : spec(std::move(s)), m(model::compile_model(spec)), a(m) {
    // Year 2027: A has 50 person-years on a benefit and 8 in the Wsw, B 4 in the Wsw.
    a.person_years_at(2, 0, m.state_index("b")) = 50;
    a.person_years_at(2, 0, m.state_index("a")) = 8;
    a.person_years_at(2, 1, m.state_index("a")) = 4;
  }
  Case(const Case&) = delete;
  std::size_t index(const std::vector<std::string>& names, const std::string& name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    REQUIRE(it != names.end());
    return static_cast<std::size_t>(it - names.begin());
  }
  double item(const std::vector<double>& money, int y, int g, const std::string& name) const {
    const auto names = model::money_item_names(spec);
    return money[(static_cast<std::size_t>(y) * 2 + static_cast<std::size_t>(g)) * names.size() +
                 index(names, name)];
  }
  double total(const std::vector<double>& results, int y, int g, const std::string& name) const {
    const auto names = model::money_result_names(spec);
    return results[(static_cast<std::size_t>(y) * 2 + static_cast<std::size_t>(g)) * names.size() +
                   index(names, name)];
  }
};

}  // namespace

TEST_CASE("money budgets: items sum to the result per budget, shares to the joint result",
          "[money][budgets]") {
  TempScenario t;
  Case x(t.load_child(std::string(kBudgets) + R"(
[money.sharing]
key = { A = 3, B = 1 }
reserve_start = 700000
to_reserve = 0.25
)"));
  const auto money = model::compute_money(x.m, x.a);
  const auto results = model::compute_money_results(x.m, x.a);
  const auto names = model::money_item_names(x.spec);
  const auto budgets = model::money_item_budgets(x.spec);
  REQUIRE(budgets.size() == names.size());
  CHECK(budgets.back() == "totaal");
  CHECK(budgets[x.index(names, "overhead")] == "bedrijfsvoering");  // no budget: the operating organisation
  double reserve = 700000;
  for (int y = 0; y < 5; ++y) {
    double joint = 0, shared = 0, settled = 0, pw_joint = 0;
    for (int g = 0; g < 2; ++g) {
      double sum_of_budgets = 0;
      for (const char* b : {"buig", "wsw", "participatiebudget", "sociale_infrastructuur", "impulsbudget",
                            "bedrijfsvoering"}) {
        double sum = 0;
        for (std::size_t i = 0; i + 1 < names.size(); ++i)
          if (budgets[i] == b) sum += x.item(money, y, g, names[i]);
        CHECK(x.total(results, y, g, std::string("result_") + b) == Approx(sum).margin(1e-6));
        sum_of_budgets += sum;
        if (std::string(b) == "buig" || std::string(b) == "participatiebudget" ||
            std::string(b) == "sociale_infrastructuur")
          pw_joint += sum;
      }
      CHECK(x.item(money, y, g, model::kOperatingResult) == Approx(sum_of_budgets).margin(1e-6));
      joint += x.item(money, y, g, model::kOperatingResult);
      shared += x.total(results, y, g, "aandeel_resultaat");
      settled += x.total(results, y, g, "gemeentelijke_bijdrage");
    }
    // To the euro (and below: the cent part goes to the largest weight).
    CHECK(shared == Approx(joint).margin(1e-6));
    // B places only the Wsw: of the Participatiewet module it carries nothing; of the Wsw module 1/4.
    const double wsw_joint = joint - pw_joint;
    CHECK(x.total(results, y, 1, "aandeel_resultaat") == Approx(wsw_joint / 4).margin(1.0));
    // A quarter of the result goes to the reserve, the rest is settled by the gemeenten next year.
    reserve = std::max(0.0, reserve + 0.25 * joint);
    CHECK(settled == Approx(-0.75 * joint).margin(1e-6));
    CHECK(x.total(results, y, 0, "reserve") + x.total(results, y, 1, "reserve") ==
          Approx(reserve).margin(1e-6));
  }
}

TEST_CASE("money budgets: a frozen BUIG reproduces the items without [money.buig] exactly", "[money][buig]") {
  TempScenario t;
  Case plain(t.load_child(kBudgets));
  Case frozen(t.load_child(with_buig(R"(
base_year = 2024
follow_volume = false
)")));
  CHECK(model::money_item_names(plain.spec) == model::money_item_names(frozen.spec));
  CHECK(model::compute_money(plain.m, plain.a) == model::compute_money(frozen.m, frozen.a));
}

TEST_CASE("money budgets: the BUIG allocation follows the national trend", "[money][buig]") {
  TempScenario t;
  Case x(t.load_child(with_buig(R"(
base_year = 2024
national_trend = 0.02
)")));
  const auto money = model::compute_money(x.m, x.a);
  for (int y = 0; y < 5; ++y)
    CHECK(x.item(money, y, 0, "buig_budget") == Approx(1000000 * std::pow(1.02, y + 1)).epsilon(1e-12));
}

TEST_CASE("money budgets: the BUIG allocation follows the growth of the LKS-like items since the start",
          "[money][buig]") {
  TempScenario t;
  Case x(t.load_child(with_buig(R"(
base_year = 2026
follow_items = ["uitkeringen"]
)")));
  x.a.stock_at(0, 0, x.m.state_index("b")) = 20;  // 20 x 15,000 = 300,000 a year at the start
  const auto results = model::compute_money_results(x.m, x.a);
  // 2027: 50 person-years cost 750,000; the allocation gains 750,000 - 300,000: the start's cost stays.
  CHECK(x.total(results, 2, 0, "result_buig") == Approx(1000000 - 300000));
  CHECK(x.total(results, 1, 0, "result_buig") == Approx(1000000 - 300000));  // nobody, and 300,000 less
}

TEST_CASE("money budgets: the vangnet compensates a deficit past its thresholds", "[money][buig]") {
  model::BuigSpec b;
  b.vangnet_from = {0.075, 0.125};
  b.vangnet_share = {0.5, 1.0};
  CHECK(model::vangnet_amount(b, 1e6, 100000) == 0);  // a surplus
  CHECK(model::vangnet_amount(b, 1e6, -70000) == 0);  // inside the own risk
  CHECK(model::vangnet_amount(b, 1e6, -100000) == Approx(12500));
  CHECK(model::vangnet_amount(b, 1e6, -200000) == Approx(25000 + 75000));

  // A gemeente pushed past the thresholds: 50 person-years x 15,000 = 750,000 against a budget of 600,000
  // (a deficit of 25%), as the item buig_vangnet of the BUIG budget.
  TempScenario t;
  std::string text = kBudgets;
  text.replace(text.find("amount = 1000000"), 16, "amount = 600000");
  Case x(t.load_child(text + R"(
[money.buig]
allocation_item = "buig_budget"
base_year = 2026
follow_volume = false
vangnet_from = [0.075, 0.125]
vangnet_share = [0.5, 1.0]
)"));
  const auto money = model::compute_money(x.m, x.a);
  const auto results = model::compute_money_results(x.m, x.a);
  CHECK(x.item(money, 2, 0, "buig_vangnet") == Approx(0.5 * 0.05 * 600000 + (150000 - 0.125 * 600000)));
  CHECK(x.item(money, 1, 0, "buig_vangnet") == 0);  // no benefits counted that year: a surplus
  CHECK(x.total(results, 2, 0, "result_buig") ==
        Approx(600000 - 750000 + x.item(money, 2, 0, "buig_vangnet")).margin(1e-6));
  // Pooled over the gemeenten (here A alone has an allocation): the same amount.
  x.m.money.buig.vangnet_pooled = true;
  CHECK(x.item(model::compute_money(x.m, x.a), 2, 0, "buig_vangnet") ==
        Approx(x.item(money, 2, 0, "buig_vangnet")));
}

TEST_CASE("money budgets: statushouders change the BUIG result only by the deviation from the national path",
          "[money][buig]") {
  TempScenario t;
  Case x(t.load_child(with_buig(R"(
base_year = 2026
statushouder_group = "statushouder"
volume_states = ["b", "c_wacht"]
national_caseload = 100000
national_population = 1000000
)")));
  x.m.money.buig.taakstelling = 1000;  // set by [statushouders] in a real scenario
  const auto buig = [&] {
    const auto results = model::compute_money_results(x.m, x.a);
    return x.total(results, 2, 0, "result_buig");
  };
  const double without = buig();
  // 10 statushouder person-years in b: nationally 10 / (10,000 / 1,000,000) = 1,000, i.e. 1% more volume.
  const int b = x.m.state_index("b");
  std::size_t group = 0;
  while (x.spec.groups[group].name != "statushouder") ++group;
  const std::size_t cell =
      ((2 * 2 + 0) * static_cast<std::size_t>(x.a.groups) + group) * static_cast<std::size_t>(x.a.states) +
      static_cast<std::size_t>(b);
  x.a.person_years_group[cell] = 10;
  x.a.person_years_at(2, 0, b) += 10;
  // The allocation grows by 1% = 10,000 while the benefits cost 10 x 15,000 = 150,000 more: the gemeente's
  // share of the macro budget is below its population share of the national cost, so it carries the gap.
  CHECK(buig() - without == Approx(10000 - 150000));
  // A gemeente whose allocation matches its population share of the national cost is fully compensated.
  x.m.money.buig.national_caseload = 1000000.0 / 15000 * 100;  // allocation / (population share x price)
  const double compensated = buig();
  x.a.person_years_group[cell] = 0;
  x.a.person_years_at(2, 0, b) -= 10;
  CHECK(compensated == Approx(buig()).epsilon(1e-12));
  // Only the part of the taakstelling that the national trend does not hold adds volume.
  x.m.money.buig.reference_taakstelling = 1000;
  x.a.person_years_group[cell] = 10;
  x.a.person_years_at(2, 0, b) += 10;
  CHECK(buig() - without == Approx(-150000));
}

TEST_CASE(
    "money budgets: in the baseline Buren and Neder-Betuwe carry no Participatiewet money, shares follow the "
    "key",
    "[money][budgets][baseline]") {
  const model::ScenarioSpec spec =
      scenario::load_scenario(scenario_test::repo_root() / "scenarios" / "baseline.toml");
  const model::CompiledModel base = model::compile_model(spec);
  const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, 0);
  const model::Accounts a = model::simulate_replication(*drawn.model, spec.run.seed, 0);
  const auto names = model::money_item_names(spec);
  const auto budgets = model::money_item_budgets(spec);
  const auto totals = model::money_result_names(spec);
  const std::size_t G = spec.gemeenten.size(), I = names.size(), R = totals.size();
  const auto gemeente = [&](const std::string& name) {
    std::size_t g = 0;
    while (spec.gemeenten[g].name != name) ++g;
    return g;
  };
  for (const std::string wsw_only : {"Buren", "Neder-Betuwe"}) {
    const std::size_t g = gemeente(wsw_only);
    for (std::size_t y = 0; y < a.money.size() / (G * I); ++y) {
      for (std::size_t i = 0; i < I; ++i)
        if (budgets[i] == "buig" || budgets[i] == "participatiebudget" ||
            budgets[i] == "sociale_infrastructuur")
          CHECK(a.money[(y * G + g) * I + i] == 0);
      double shared = 0;
      for (std::size_t k = 0; k < R; ++k)
        if (totals[k] == "aandeel_resultaat") shared = a.money_result[(y * G + g) * R + k];
      CHECK(shared != 0);  // they do share the Wsw module
    }
  }
  // Tied to the 2024 account: the BUIG result of 2025 starts near 2024's +3.9M (52.9M - 49.0M); one replication,
  // and the 2025 caseload grows ~1.5% with the statushouder inflow (docs/validation.md, bijstand per gemeente:
  // the mean over 24 replications is +3.0M), hence 30%.
  double buig_2025 = 0;
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t k = 0; k < R; ++k)
      if (totals[k] == "result_buig") buig_2025 += a.money_result[g * R + k];
  CHECK(buig_2025 == Approx(3909000).epsilon(0.3));

  // Every gemeente's share of the joint result follows the key: the Participatiewet module over the
  // gemeenten placing it, the Wsw module over all, each normalised.
  REQUIRE(spec.money.sharing.enabled);
  const std::size_t shared =
      static_cast<std::size_t>(std::find(totals.begin(), totals.end(), "aandeel_resultaat") - totals.begin());
  REQUIRE(shared < R);
  const auto& key = spec.money.sharing.key;
  double key_pw = 0, key_wsw = 0;
  for (std::size_t g = 0; g < G; ++g) {
    if (spec.gemeenten[g].participatiewet_at_werkzaak) key_pw += key[g];
    if (spec.gemeenten[g].wsw_at_werkzaak) key_wsw += key[g];
  }
  for (std::size_t y = 0; y < a.money.size() / (G * I); ++y) {
    // The joint result per module over the whole area (the items, operating_result aside).
    double pw = 0, wsw = 0;
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t i = 0; i + 1 < I; ++i) {
        const double v = a.money[(y * G + g) * I + i];
        const bool participatiewet = budgets[i] == "buig" || budgets[i] == "participatiebudget" ||
                                     budgets[i] == "sociale_infrastructuur";
        (participatiewet ? pw : wsw) += v;
      }
    for (std::size_t g = 0; g < G; ++g) {
      const auto& member = spec.gemeenten[g];
      const double expected = (member.participatiewet_at_werkzaak ? pw * key[g] / key_pw : 0.0) +
                              (member.wsw_at_werkzaak ? wsw * key[g] / key_wsw : 0.0);
      INFO(member.name << " in year " << y);
      CHECK(a.money_result[(y * G + g) * R + shared] == Approx(expected).margin(2.0));  // whole euros, twice
    }
  }
}
