// Pilots that work as the board paper means them (issue 12, item 4): UWV benefits (WW, WIA) as states of their
// own with no BUIG cost; a WW that ends exactly when the entitlement does, its length from the months worked
// (Werkloosheidswet); WW/WIA clients of Nieuwe doelgroepen routed to their benefit instead of bijstand; and
// Ondernemerschap's revenue earned per person-year of market work, capped by the halls' places. The mini
// scenario of scenario_fixture.hpp (A with both modules, B the Wsw only).
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/model/compiled_model.hpp"
#include "sim/model/money.hpp"
#include "sim/model/pilots/expand.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;
using scenario_test::TempScenario;

namespace {

struct Run {
  model::ScenarioSpec spec;
  model::CompiledModel m;
  model::Accounts a;
  explicit Run(model::ScenarioSpec s, std::uint64_t replication = 0)
      : spec(std::move(s)), m(model::compile_model(spec)), a(m) {
    const runner::DrawnModel drawn = runner::draw_model(m, spec.run.seed, replication);
    a = model::simulate_replication(*drawn.model, spec.run.seed, replication);
  }
  Run(const Run&) = delete;
  bool has_state(const std::string& name) const {
    for (const auto& s : spec.states)
      if (s.name == name) return true;
    return false;
  }
  bool has_transition(const std::string& from, const std::string& to) const {
    for (const auto& t : spec.transitions)
      if (t.from == from && t.to == to) return true;
    return false;
  }
  double flow(const std::string& label) const {
    const auto it = std::find(m.flow_labels.begin(), m.flow_labels.end(), label);
    REQUIRE(it != m.flow_labels.end());
    const std::size_t L = m.flow_labels.size(), k = static_cast<std::size_t>(it - m.flow_labels.begin());
    double sum = 0;
    for (std::size_t i = k; i < a.flow.size(); i += L) sum += a.flow[i];
    return sum;
  }
  double person_years(const std::string& state) const {
    const std::size_t S = spec.states.size(), k = static_cast<std::size_t>(m.state_index(state));
    double sum = 0;
    for (std::size_t i = k; i < a.person_years.size(); i += S) sum += a.person_years[i];
    return sum;
  }
  // Person-years of one group in one state, over years and gemeenten.
  double group_years(const std::string& group, const std::string& state) const {
    std::size_t gi = 0;
    while (spec.groups[gi].name != group) ++gi;
    const std::size_t S = spec.states.size(), G = spec.groups.size();
    const auto s = static_cast<std::size_t>(m.state_index(state));
    double sum = 0;
    for (std::size_t cell = 0; cell < a.person_years_group.size() / (G * S); ++cell)
      sum += a.person_years_group[(cell * G + gi) * S + s];
    return sum;
  }
};

const char* kPWetters = R"(
[money.items]
uitkering = { budget = "buig", kind = "cost", per = "person_year", states = ["b"], amount = 15000 }
[pilots.p_wetters_in_dienst]
end = 2028-01-01
places = 60
intake = { b = 2.0 }
age_max = 55
contract_years = CONTRACT
after_contract = "b"
waiting_outflow = { b = 2.0 }
)";

std::string p_wetters(const std::string& contract, const std::string& ww) {
  std::string text = kPWetters;
  text.replace(text.find("CONTRACT"), 8, contract);
  return text + ww;
}

}  // namespace

TEST_CASE("pilots: WW months from the months worked (Werkloosheidswet art. 17, 42)", "[pilots][ww]") {
  const model::pilots::WwRights law;  // 26 weeks required, 3 months, 1 month per year, at most 24
  CHECK(model::pilots::ww_months(law, 0.4) == 0);    // 20.9 weeks: no wekeneis, no WW
  CHECK(model::pilots::ww_months(law, 0.5) == 3);    // 26.1 weeks: the 3 months of the wekeneis
  CHECK(model::pilots::ww_months(law, 2.0) == 3);    // no jareneis yet: still 3
  CHECK(model::pilots::ww_months(law, 5.5) == 5);    // 5 whole years of work history
  CHECK(model::pilots::ww_months(law, 40.0) == 24);  // the maximum
  model::pilots::WwRights history = law;
  history.prior_years_worked = 6;
  CHECK(model::pilots::ww_months(history, 2.0) == 8);
}

TEST_CASE("pilots: P-wetters get the WW their contract built, ending exactly on its date, at no BUIG cost",
          "[pilots][ww]") {
  TempScenario t;
  Run x(t.load_child(p_wetters("1.0", "[pilots.p_wetters_in_dienst.ww]\n")));
  REQUIRE(x.has_state("in_dienst_ww"));
  CHECK(x.has_transition("in_dienst", "in_dienst_ww"));
  CHECK(x.has_transition("in_dienst_ww", "b"));
  CHECK_FALSE(x.has_transition("in_dienst", "b"));
  // Nobody but the benefit's own state counts in the BUIG item.
  for (const auto& item : x.spec.money.items)
    CHECK(std::find(item.states.begin(), item.states.end(), "in_dienst_ww") == item.states.end());

  // A one-year contract, then 3 months of WW: every stay lasts exactly that long unless death cuts it short.
  const double contracts = x.flow("in_dienst->in_dienst_ww"), ww_ended = x.flow("in_dienst_ww->b");
  REQUIRE(contracts > 20);
  const double entered = x.flow("in_dienst_wacht->in_dienst") + x.flow("b->in_dienst");
  CHECK(x.person_years("in_dienst") <= entered * 1.0 + 1e-9);
  CHECK(x.person_years("in_dienst") >= contracts * 1.0 - 1e-9);
  CHECK(x.person_years("in_dienst_ww") <= contracts * 0.25 + 1e-9);
  CHECK(x.person_years("in_dienst_ww") >= ww_ended * 0.25 - 1e-9);
  CHECK(ww_ended >= contracts - 2);  // a death or two within three months at most
  CHECK(x.person_years("in_dienst_ww") == Approx(ww_ended * 0.25).margin(0.5));

  // Shorter than the wekeneis: no WW, straight back.
  TempScenario u;
  const model::ScenarioSpec short_contract =
      u.load_child(p_wetters("0.4", "[pilots.p_wetters_in_dienst.ww]\n"));
  for (const auto& s : short_contract.states) CHECK(s.name != "in_dienst_ww");
  CHECK(std::any_of(short_contract.transitions.begin(), short_contract.transitions.end(),
                    [](const auto& tr) { return tr.from == "in_dienst" && tr.to == "b"; }));
}

TEST_CASE("pilots: WW/WIA clients of Nieuwe doelgroepen keep their benefit instead of bijstand",
          "[pilots][ww]") {
  const std::string base = R"(
[money.items]
uitkering = { budget = "buig", kind = "cost", per = "person_year", states = ["b", "c", "c_wacht"], amount = 15000 }
[transitions."c->b"]
rate = 0.5
[transitions."c_wacht->b"]
rate = 0.5
[pilots.nieuwe_doelgroepen]
benefit_items = ["uitkering"]
[pilots.nieuwe_doelgroepen.groups.uwv]
inflow_per_year = 60
age = { lower = [25], upper = [50], weight = [1] }
outflow = { c = 1.0, ww = 1.0 }
no_benefit_in = ["c", "c_wacht"]
[pilots.nieuwe_doelgroepen.groups.uwv.uwv_benefit]
state = "ww"
then = "b"
outflow = { weg = 0.3 }
)";
  SECTION("a benefit with no end (WIA): never bijstand, never a BUIG cost") {
    TempScenario t;
    Run x(t.load_child(base));
    CHECK(x.has_transition("c", "ww"));
    CHECK(x.has_transition("c_wacht", "ww"));
    CHECK(x.flow("c->ww") + x.flow("c_wacht->ww") > 0);
    CHECK(x.flow("c->b") > 0);  // everyone else still returns to bijstand
    CHECK(x.group_years("uwv", "ww") > 0);
    CHECK(x.group_years("uwv", "b") == 0);
    // The BUIG item counts the general persons only: their person-years in b, c and c_wacht.
    const double general =
        x.group_years("general", "b") + x.group_years("general", "c") + x.group_years("general", "c_wacht");
    double uitkering = 0;
    const auto items = model::money_item_names(x.spec);
    const std::size_t I = items.size(),
                      k = static_cast<std::size_t>(std::find(items.begin(), items.end(), "uitkering") -
                                                   items.begin());
    for (std::size_t i = k; i < x.a.money.size(); i += I) uitkering += x.a.money[i];
    CHECK(uitkering == Approx(-15000 * general).epsilon(1e-12));
  }
  SECTION("a WW of 6 months: bijstand only after it ends") {
    TempScenario t;
    std::string text = base + "months = 6\n";
    Run x(t.load_child(text));
    CHECK(x.flow("ww->b") > 0);
    CHECK(x.group_years("uwv", "b") > 0);
    CHECK(x.group_years("uwv", "ww") <=
          (x.flow("c->ww") + x.flow("c_wacht->ww") + x.flow("uwv->ww")) * 0.5 + 1e-9);
  }
  SECTION("only a share is entitled to bijstand when the WW ends; the others leave at the same moment") {
    TempScenario t;
    std::string text = base;
    text.replace(text.find("outflow = { weg = 0.3 }"), 23,
                 "months = 6\nshare_entitled = 0.25\notherwise = \"weg\"");
    Run x(t.load_child(text));
    const double entitled = x.flow("ww->b"), others = x.flow("ww->weg");
    REQUIRE(entitled + others > 40);
    CHECK(entitled / (entitled + others) > 0.1);
    CHECK(entitled / (entitled + others) < 0.4);
    // Both at the end of the WW: six months in it for everyone who left that way; nobody stays longer.
    const double entered = x.flow("c->ww") + x.flow("c_wacht->ww") + x.flow("uwv->ww");
    CHECK(x.person_years("ww") >= 0.5 * (entitled + others) - 1e-9);
    CHECK(x.person_years("ww") <= 0.5 * entered + 1e-9);
    // The end leads to `otherwise`: the outflow may not name it.
    std::string clash = text;
    clash.replace(clash.find("months = 6"), 10, "outflow = { weg = 0.3 }\nmonths = 6");
    CHECK_THAT(t.error_of_child(clash),
               Catch::Contains("uwv_benefit.otherwise: expected a state the outflow does not name"));
  }
}

TEST_CASE("pilots: Ondernemerschap earns its revenue per person-year of market work, capped by the halls",
          "[pilots][money]") {
  TempScenario t;
  const model::ScenarioSpec spec = t.load_child(R"(
[pilots.ondernemerschap]
extra_revenue_per_person_year = 1000
market_work = { a = 0.5, c = 1.0 }
production_halls = 2
places_per_hall = { distribution = "triangular", min = 4, mode = 5, max = 8 }
)");
  model::CompiledModel m = model::compile_model(spec);
  model::Accounts a(m);
  // 2027: A has 8 person-years in a and 4 in c (8 of market work), B 4 in a (2): 10, the halls' 2 x 5.
  a.person_years_at(2, 0, m.state_index("a")) = 8;
  a.person_years_at(2, 0, m.state_index("c")) = 4;
  a.person_years_at(2, 1, m.state_index("a")) = 4;
  const auto names = model::money_item_names(spec);
  const std::size_t I = names.size(),
                    k = static_cast<std::size_t>(
                        std::find(names.begin(), names.end(), "ondernemerschap_omzet") - names.begin());
  const auto revenue = [&](const model::CompiledModel& mm, int g) {
    return model::compute_money(mm, a)[(2 * 2 + static_cast<std::size_t>(g)) * I + k];
  };
  CHECK(revenue(m, 0) == Approx(8000));
  CHECK(revenue(m, 1) == Approx(2000));
  // 16 person-years in a: 12 + 2 of market work against 10 places: both scaled by 10 / 14.
  a.person_years_at(2, 0, m.state_index("a")) = 16;
  CHECK(revenue(m, 0) == Approx(1000 * 12 * 10.0 / 14));
  CHECK(revenue(m, 1) == Approx(1000 * 2 * 10.0 / 14));
  CHECK(revenue(m, 0) + revenue(m, 1) == Approx(10000));
  // A drawn number of places per hall sets the cap: 2 halls x 7.
  std::vector<double> values(spec.uncertain.size(), 0.0);
  for (std::size_t i = 0; i < spec.uncertain.size(); ++i) {
    REQUIRE(spec.uncertain[i].name == "pilots.ondernemerschap.places_per_hall");
    values[i] = 7;
  }
  const model::CompiledModel drawn = m.with_parameters(values);
  CHECK(revenue(drawn, 0) + revenue(drawn, 1) == Approx(14000));
}
