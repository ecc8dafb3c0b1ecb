// Money as a pure function of one replication's accounts: each basis and key on hand-made accounts of the
// mini scenario (gemeente A with 10,000 inhabitants and both modules, B with 5,000 and the Wsw only), and the
// identities: the items add up to operating_result, the gemeenten add up to the whole-area amount.
#include <catch2/catch.hpp>
#include <numeric>

#include "sim/common/date.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/money.hpp"
#include "tests/unit/scenario_fixture.hpp"

using scenario_test::TempScenario;
using namespace ws;

namespace {

struct MoneyCase {
  model::ScenarioSpec spec;
  model::CompiledModel m;
  model::Accounts a;
  explicit MoneyCase(model::ScenarioSpec s) : spec(std::move(s)), m(model::compile_model(spec)), a(m) {}
  MoneyCase(const MoneyCase&) = delete;
  int state(const std::string& name) const { return m.state_index(name); }
  int item(const std::string& name) const {
    const auto names = model::money_item_names(spec);
    return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
  }
  std::vector<double> money() const { return model::compute_money(m, a); }
  double at(const std::vector<double>& money, int y, int g, const std::string& name) const {
    const auto I = model::money_item_names(spec).size();
    return money[(static_cast<std::size_t>(y) * 2 + static_cast<std::size_t>(g)) * I +
                 static_cast<std::size_t>(item(name))];
  }
};

MoneyCase with_money(const TempScenario& t, const std::string& items) {
  return MoneyCase(t.load_child("[states.c]\nat_werkzaak = true\n" + items));
}

}  // namespace

TEST_CASE("money: per person-year, per unit of person-years, per place and per transition", "[money]") {
  TempScenario t;
  MoneyCase x = with_money(t, R"(
[money.items.b_cost]
kind = "cost"
per = "person_year"
states = ["b"]
amount = 1000
[money.items.a_income]
kind = "income"
per = "person_year"
states = ["a"]
amount = 1100
persons_per_unit = 1.1
[money.items.revenue]
kind = "income"
per = "person_year"
states = "at_werkzaak"
amount = 10
[money.items.per_place]
kind = "income"
per = "place"
state = "c"
amount = 300
key = "population_participatiewet"
[money.items.intake]
kind = "cost"
per = "transition"
transitions = ["b->c", "in->b"]
amount = 50
)");
  const int b = x.state("b"), a = x.state("a"), c = x.state("c");
  x.a.person_years_at(0, 0, b) = 12.5;
  x.a.person_years_at(1, 1, a) = 4.4;
  x.a.person_years_at(2, 0, c) = 3;
  x.a.capacity[static_cast<std::size_t>(3 * x.a.capacities)] = 10;  // places of c in 2028
  const int in_b = static_cast<int>(std::find(x.m.flow_labels.begin(), x.m.flow_labels.end(), "in->b") -
                                    x.m.flow_labels.begin());
  x.a.flow_at(4, 0, in_b) = 7;
  const auto money = x.money();
  CHECK(x.at(money, 0, 0, "b_cost") == -12500);
  CHECK(x.at(money, 1, 1, "a_income") == Approx(4400).epsilon(1e-12));
  CHECK(x.at(money, 2, 0, "revenue") == 30);
  // 10 places x 300: all to A, the only gemeente placing the Participatiewet at Werkzaak.
  CHECK(x.at(money, 3, 0, "per_place") == 3000);
  CHECK(x.at(money, 3, 1, "per_place") == 0);
  CHECK(x.at(money, 4, 0, "intake") == -350);
  // Everything else is zero.
  CHECK(x.at(money, 0, 1, "b_cost") == 0);
  CHECK(x.at(money, 1, 0, "a_income") == 0);
}

TEST_CASE("money: amounts per year, windows pro rata, and the keys", "[money]") {
  TempScenario t;
  MoneyCase x = with_money(t, R"(
[money.items.yearly]
kind = "income"
per = "year"
amounts = { 2026 = 1000, 2028 = 3001 }
key = "population"
[money.items.window]
kind = "cost"
per = "year"
amount = 365000
start = 2026-07-01
end = 2027-07-01
key = "population"
[money.items.by_use]
kind = "cost"
per = "year"
amount = 900
key = "use"
key_states = ["a"]
[money.items.fixed_shares]
kind = "income"
per = "year"
amount = 100
multiplier = 2
key = "shares"
shares = { A = 1, B = 3 }
)");
  const int a = x.state("a");
  x.a.person_years_at(1, 0, a) = 1;
  x.a.person_years_at(1, 1, a) = 2;
  const auto money = x.money();
  // Step function over years, 0 before the first; 1000 split 2:1 in whole euros by largest remainders.
  CHECK(x.at(money, 0, 0, "yearly") == 0);
  CHECK(x.at(money, 1, 0, "yearly") == 667);
  CHECK(x.at(money, 1, 1, "yearly") == 333);
  CHECK(x.at(money, 2, 0, "yearly") + x.at(money, 2, 1, "yearly") == 1000);
  CHECK(x.at(money, 4, 0, "yearly") + x.at(money, 4, 1, "yearly") == 3001);
  // 2026: 184 of 365 days inside the window; 2027: 181 days.
  CHECK(x.at(money, 1, 0, "window") + x.at(money, 1, 1, "window") == Approx(-184000).epsilon(1e-12));
  CHECK(x.at(money, 2, 0, "window") + x.at(money, 2, 1, "window") == Approx(-181000).epsilon(1e-12));
  CHECK(x.at(money, 0, 0, "window") == 0);
  CHECK(x.at(money, 3, 1, "window") == 0);
  // Use: by person-years in a in 2026 (1:2); nobody in a in 2025: by population instead (2:1).
  CHECK(x.at(money, 1, 0, "by_use") == -300);
  CHECK(x.at(money, 1, 1, "by_use") == -600);
  CHECK(x.at(money, 0, 0, "by_use") == -600);
  CHECK(x.at(money, 0, 1, "by_use") == -300);
  CHECK(x.at(money, 2, 0, "fixed_shares") == 50);
  CHECK(x.at(money, 2, 1, "fixed_shares") == 150);
}

TEST_CASE("money: groups and exclusions count person-years of some groups only", "[money]") {
  TempScenario t;
  MoneyCase x = with_money(t, R"(
[money.items.benefit]
kind = "cost"
per = "person_year"
states = ["b", "c"]
amount = 100
exclude = [{ group = "statushouder", states = ["c"] }]
[money.items.statushouders_only]
kind = "income"
per = "person_year"
amount_by_state = { b = 10, c = 20 }
groups = ["statushouder"]
)");
  const int b = x.state("b"), c = x.state("c");
  const auto group_cell = [&](int y, int g, int group, int s) -> double& {
    return x.a.person_years_group[((static_cast<std::size_t>(y) * 2 + static_cast<std::size_t>(g)) *
                                       static_cast<std::size_t>(x.a.groups) +
                                   static_cast<std::size_t>(group)) *
                                      static_cast<std::size_t>(x.a.states) +
                                  static_cast<std::size_t>(s)];
  };
  // 2025, gemeente A: 5 person-years in b (2 of statushouders), 4 in c (3 of statushouders).
  x.a.person_years_at(0, 0, b) = 5;
  x.a.person_years_at(0, 0, c) = 4;
  group_cell(0, 0, 0, b) = 3, group_cell(0, 0, 1, b) = 2;
  group_cell(0, 0, 0, c) = 1, group_cell(0, 0, 1, c) = 3;
  const auto money = x.money();
  CHECK(x.at(money, 0, 0, "benefit") == -(5 + 1) * 100);
  CHECK(x.at(money, 0, 0, "statushouders_only") == 2 * 10 + 3 * 20);
}

TEST_CASE("money: the items add up to operating_result and the gemeenten to the whole area", "[money]") {
  TempScenario t;
  MoneyCase x = with_money(t, R"(
[money.items.income]
kind = "income"
per = "year"
amounts = { 2025 = 1234567, 2027 = 7654321 }
key = "population"
[money.items.cost]
kind = "cost"
per = "person_year"
states = ["a", "b"]
amount = 1234.5
[money.items.odd]
kind = "cost"
per = "year"
amount = 1000.75
key = "shares"
shares = { A = 1, B = 1 }
)");
  x.a.person_years_at(2, 0, x.state("a")) = 3.25;
  x.a.person_years_at(2, 1, x.state("b")) = 0.5;
  const auto money = x.money();
  const auto names = model::money_item_names(x.spec);
  REQUIRE(names.back() == model::kOperatingResult);
  for (int y = 0; y < 5; ++y) {
    for (int g = 0; g < 2; ++g) {
      double sum = 0;
      for (std::size_t i = 0; i + 1 < names.size(); ++i) sum += x.at(money, y, g, names[i]);
      CHECK(x.at(money, y, g, model::kOperatingResult) == sum);
    }
    // Whole-euro amounts split into whole euros: the gemeenten add up exactly.
    const double income = x.at(money, y, 0, "income") + x.at(money, y, 1, "income");
    CHECK(income == (y < 2 ? 1234567 : 7654321));
    // The cent part goes to the largest weight (the first of two equal ones).
    CHECK(x.at(money, y, 0, "odd") + x.at(money, y, 1, "odd") == -1000.75);
  }
}

TEST_CASE("money: whole-euro split by largest remainders", "[money]") {
  const auto parts = model::split_whole_euros(100, {1, 1, 1});
  CHECK(parts == std::vector<double>{34, 33, 33});
  const auto negative = model::split_whole_euros(-7, {0, 2, 5});
  CHECK(negative == std::vector<double>{0, -2, -5});
  const std::vector<double> weights{51128, 42159, 28955, 28881, 26749, 25030, 24339, 19324};
  for (double amount : {468800.0, 218700.0, 1307700.0, 2066700.0, 1.0, 0.0}) {
    const auto split = model::split_whole_euros(amount, weights);
    CHECK(std::accumulate(split.begin(), split.end(), 0.0) == amount);
    for (double p : split) CHECK(p == std::floor(p));
  }
  CHECK_THROWS_AS(model::split_whole_euros(10, {0, 0}), std::logic_error);
}
