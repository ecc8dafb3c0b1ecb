// Pilots as model modules: any set of pilots runs in one scenario (their drawn places on one state add up),
// and a pilot may scale an existing hazard for its participants. Zero-effect versions change nothing, bit for
// bit.
#include <catch2/catch.hpp>
#include <numeric>

#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/paired_difference.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;
using scenario_test::repo_root;
using scenario_test::TempScenario;

namespace {

model::ScenarioSpec load(const std::string& relative) {
  return scenario::load_scenario(repo_root() / relative);
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  REQUIRE(it != names.end());
  return static_cast<std::size_t>(it - names.begin());
}

double draw_of(const model::ScenarioSpec& spec, const std::vector<double>& values, const std::string& slot) {
  for (std::size_t i = 0; i < spec.uncertain.size(); ++i)
    if (spec.uncertain[i].name == slot) return values[i];
  FAIL("no parameter slot " << slot);
  return 0;
}

// Sum over years and gemeenten of flows with the given label.
double flow_total(const model::CompiledModel& m, const model::Accounts& a, const std::string& label) {
  const std::size_t L = m.flow_labels.size(), k = index_of(m.flow_labels, label);
  double sum = 0;
  for (std::size_t i = k; i < a.flow.size(); i += L) sum += a.flow[i];
  return sum;
}

// Mean paired difference minus t(0.975) standard errors: > 0 only when the effect is there beyond chance.
double lower_bound(const std::vector<double>& d) {
  const double n = static_cast<double>(d.size());
  const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  return mean - runner::student_t_quantile(0.975, n - 1) * std::sqrt(ss / (n - 1) / n);
}

}  // namespace

TEST_CASE("pilots: all three in one scenario, with their drawn tussengroep places adding up", "[pilots]") {
  const model::ScenarioSpec spec = load("scenarios/pilots/alle-pilots.toml");
  CHECK(spec.name == "alle-pilots");
  for (const char* state : {"in_dienst", "in_dienst_wacht", "in_dienst_ww", "ww_traject", "wia_traject", "ww",
                            "wia", "jongeren"}) {
    INFO(state);
    CHECK(
        std::any_of(spec.states.begin(), spec.states.end(), [&](const auto& s) { return s.name == state; }));
  }
  const model::ScenarioSpec baseline = load("scenarios/baseline.toml");
  const model::CompiledModel base_model = model::compile_model(baseline);
  const model::CompiledModel pilots_model = model::compile_model(spec);
  const int tussengroep = pilots_model
                              .states[index_of(
                                  [&] {
                                    std::vector<std::string> n;
                                    for (const auto& s : pilots_model.states) n.push_back(s.name);
                                    return n;
                                  }(),
                                  "tussengroep")]
                              .capacity;
  REQUIRE(tussengroep >= 0);
  std::vector<double> more_work;
  for (std::uint64_t r = 0; r < 6; ++r) {
    const runner::DrawnModel b = runner::draw_model(base_model, 1, r);
    const runner::DrawnModel p = runner::draw_model(pilots_model, 1, r);
    // Ondernemerschap's drawn places and Nieuwe doelgroepen's 10 both come on top of the baseline's in 2027,
    // and neither outside the pilots' years (2034).
    const auto& cap_p = p.model->capacities[static_cast<std::size_t>(tussengroep)];
    const auto& cap_b = b.model->capacities[static_cast<std::size_t>(
        b.model->states[static_cast<std::size_t>(cap_p.state)].capacity)];
    const double extra = draw_of(spec, p.values, "pilots.ondernemerschap.extra_places.tussengroep");
    CHECK(cap_p.places_in(2027, 0) == cap_b.places_in(2027, 0) + extra + 10);
    CHECK(cap_p.places_in(2034, 0) == cap_b.places_in(2034, 0));
    const model::Accounts pa = model::simulate_replication(*p.model, 1, r);
    const model::Accounts ba = model::simulate_replication(*b.model, 1, r);
    CHECK(flow_total(*p.model, pa, "in_dienst->regulier") + flow_total(*p.model, pa, "ww_traject->regulier") >
          0);
    more_work.push_back(
        flow_total(*p.model, pa, "bijstand->regulier") + flow_total(*p.model, pa, "in_dienst->regulier") +
        flow_total(*p.model, pa, "ww_traject->regulier") + flow_total(*p.model, pa, "wia_traject->regulier") +
        flow_total(*p.model, pa, "jongeren->regulier") - flow_total(*b.model, ba, "bijstand->regulier"));
  }
  CHECK(lower_bound(more_work) > 0);
}

TEST_CASE("pilots: extra places add to drawn base places", "[pilots]") {
  TempScenario t;
  const model::ScenarioSpec spec = t.load_child(
      "[capacities.c]\nplaces = { 2025 = { distribution = \"uniform\", min = 5, max = 15 } }\n"
      "[pilots.ondernemerschap]\nstart = 2026-01-01\nend = 2028-01-01\n"
      "extra_places = { c = { distribution = \"uniform\", min = 1, max = 3 } }\n");
  const model::CompiledModel m = model::compile_model(spec);
  for (std::uint64_t r = 0; r < 5; ++r) {
    const runner::DrawnModel d = runner::draw_model(m, 3, r);
    const double base = draw_of(spec, d.values, "capacities.c.places.2025");
    const double extra = draw_of(spec, d.values, "pilots.ondernemerschap.extra_places.c");
    const auto& cap = d.model->capacities.front();
    CHECK(cap.places_in(2025, 0) == base);
    CHECK(cap.places_in(2026, 0) == base + extra);
    CHECK(cap.places_in(2027, 0) == base + extra);
    CHECK(cap.places_in(2028, 0) == base);
  }
}

TEST_CASE("pilots: a pilot scales an existing hazard for its participants", "[pilots]") {
  TempScenario t;
  const std::string head = "extend = \"" +
                           (repo_root() / "scenarios/pilots/p-wetters-in-dienst.toml").generic_string() +
                           "\"\n[pilots.p_wetters_in_dienst]\n";
  t.write(
      "plain.toml",
      "extend = \"" + (repo_root() / "scenarios/pilots/p-wetters-in-dienst.toml").generic_string() + "\"\n");
  t.write("one.toml", head + "scale = { \"bijstand->regulier\" = 1 }\n");
  t.write(
      "three.toml",
      head + "scale = { \"bijstand->regulier\" = { distribution = \"uniform\", min = 2.5, max = 3.5 } }\n");
  const model::ScenarioSpec plain = scenario::load_scenario(t.path("plain.toml"));
  const model::ScenarioSpec one = scenario::load_scenario(t.path("one.toml"));
  const model::ScenarioSpec three = scenario::load_scenario(t.path("three.toml"));
  REQUIRE(three.marks == std::vector<std::string>{"in_dienst.deelnemer"});
  const model::CompiledModel mp = model::compile_model(plain), m1 = model::compile_model(one),
                             m3 = model::compile_model(three);
  std::vector<double> more;
  for (std::uint64_t r = 0; r < 8; ++r) {
    const runner::DrawnModel p = runner::draw_model(mp, 1, r), d1 = runner::draw_model(m1, 1, r),
                             d3 = runner::draw_model(m3, 1, r);
    const model::Accounts ap = model::simulate_replication(*p.model, 1, r);
    const model::Accounts a1 = model::simulate_replication(*d1.model, 1, r);
    const model::Accounts a3 = model::simulate_replication(*d3.model, 1, r);
    // A factor of 1 is no effect at all: the same events, bit for bit.
    CHECK(a1.events == ap.events);
    CHECK(a1.flow == ap.flow);
    CHECK(a1.person_years == ap.person_years);
    more.push_back(flow_total(*d3.model, a3, "bijstand->regulier") -
                   flow_total(*p.model, ap, "bijstand->regulier"));
  }
  CHECK(lower_bound(more) > 0);
}
