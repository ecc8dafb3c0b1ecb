// The three pilots against the repository's baseline with common random numbers: switched on with zero effect
// and zero cost they change nothing at all, replication by replication; with the sizes of
// scenarios/pilots/*.toml each moves its outcome in the expected direction. Also the funding lines equal the
// board paper's table, and the runner writes money with an item dimension that compare reads.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "sim/model/compiled_model.hpp"
#include "sim/model/money.hpp"
#include "sim/model/replication.hpp"
#include "sim/model/state_graph.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/runner/paired_difference.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/runner/run.hpp"
#include "tests/unit/scenario_fixture.hpp"

using namespace ws;
using scenario_test::repo_root;
using scenario_test::TempScenario;

namespace {

// One replication of a scenario, with the names behind the accounts' last dimensions.
struct Replicate {
  model::Accounts a;
  std::vector<std::string> states, labels, items, capacities;
  int index(const std::vector<std::string>& names, const std::string& name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
  }
  // Sum over years and gemeenten of a [year][gemeente][k] array at k (0 when the name is absent).
  double total(const std::vector<double>& v, const std::vector<std::string>& names,
               const std::string& name) const {
    const int k = index(names, name);
    if (k < 0) return 0;
    double sum = 0;
    for (std::size_t i = static_cast<std::size_t>(k); i < v.size(); i += names.size()) sum += v[i];
    return sum;
  }
  double person_years(const std::string& s) const { return total(a.person_years, states, s); }
  double money(const std::string& item) const { return total(a.money, items, item); }
  double flows_into(const std::string& s) const {
    double sum = 0;
    for (const auto& l : labels)
      if (l.size() > s.size() + 2 && l.compare(l.size() - s.size() - 2, std::string::npos, "->" + s) == 0)
        sum += total(a.flow, labels, l);
    return sum;
  }
};

Replicate simulate(const model::ScenarioSpec& spec, std::uint64_t replication) {
  const model::CompiledModel base = model::compile_model(spec);
  const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, replication);
  const model::CompiledModel& m = *drawn.model;
  Replicate r{model::simulate_replication(m, spec.run.seed, replication),
              {},
              m.flow_labels,
              model::money_item_names(spec),
              {}};
  for (const auto& s : m.states) r.states.push_back(s.name);
  for (const auto& c : m.capacities) r.capacities.push_back(m.states[static_cast<std::size_t>(c.state)].name);
  return r;
}

model::ScenarioSpec load(const std::string& relative) {
  return scenario::load_scenario(repo_root() / relative);
}

// Every cell of a [leading][k] array of the pilot equals the baseline's for the baseline's names, and is zero
// for names only the pilot has.
void require_same(const std::vector<double>& base, const std::vector<std::string>& base_names,
                  const std::vector<double>& pilot, const std::vector<std::string>& pilot_names,
                  const char* what) {
  const std::size_t outer = base_names.empty() ? 0 : base.size() / base_names.size();
  REQUIRE(pilot.size() == outer * pilot_names.size());
  std::size_t differing = 0;
  for (std::size_t k = 0; k < pilot_names.size(); ++k) {
    const auto it = std::find(base_names.begin(), base_names.end(), pilot_names[k]);
    for (std::size_t o = 0; o < outer; ++o) {
      const double p = pilot[o * pilot_names.size() + k];
      const double b = it == base_names.end()
                           ? 0.0
                           : base[o * base_names.size() + static_cast<std::size_t>(it - base_names.begin())];
      if (p != b) {
        ++differing;
        if (differing == 1)
          FAIL_CHECK(what << " differs at " << pilot_names[k] << " (cell " << o << "): " << p << " vs " << b);
      }
    }
  }
  CHECK(differing == 0);
}

std::string baseline_path() { return (repo_root() / "scenarios" / "baseline.toml").generic_string(); }

// The paired differences pilot - baseline of one number per replication, with the check that their mean lies
// above zero by more than t(0.975, R - 1) standard errors: with common random numbers the differences are
// tight; the sizes in scenarios/pilots move these outcomes by many standard errors, so this fails only when
// the sign is wrong (or the effect vanished), not by chance beyond the 2.5% of a one-sided t test.
void require_positive(const std::vector<double>& differences, const char* what) {
  const double n = static_cast<double>(differences.size());
  const double mean = std::accumulate(differences.begin(), differences.end(), 0.0) / n;
  double ss = 0;
  for (double d : differences) ss += (d - mean) * (d - mean);
  const double se = std::sqrt(ss / (n - 1) / n);
  const double t = runner::student_t_quantile(0.975, n - 1);
  INFO(what << ": mean paired difference " << mean << ", standard error " << se);
  CHECK(mean - t * se > 0);
}

constexpr std::uint64_t kReplications = 8;

}  // namespace

TEST_CASE("pilots: switched on with zero effect and zero cost, nothing changes in any replication",
          "[pilots]") {
  TempScenario t;
  const std::string head = "extend = \"" + baseline_path() + "\"\n[scenario]\nname = \"zero\"\n";
  t.write("p-wetters.toml", head + R"(
[pilots.p_wetters_in_dienst]
start = 2026-01-01
end = 2029-01-01
places = 25
intake = { bijstand = 0, tussengroep = 0 }
age_min = 18
age_max = 55
min_years_in_state = 1
contract_years = 2
outflow = { regulier = 0.3, lks = 0.05 }
waiting_outflow = { bijstand = 2.0 }
)");
  t.write("ondernemerschap.toml", head + R"(
[pilots.ondernemerschap]
start = 2026-01-01
end = 2030-01-01
extra_revenue_per_person_year = 0
extra_places = { beschut = 0, tussengroep = 0 }
cost_per_year = 0
)");
  t.write("nieuwe-doelgroepen.toml", head + R"(
[pilots.nieuwe_doelgroepen]
start = 2026-01-01
end = 2030-01-01
benefit_items = ["bijstand_uitkeringen"]
extra_places = { tussengroep = 0 }
[pilots.nieuwe_doelgroepen.groups.ww_wia]
inflow_per_year = 0
age = { lower = [25], upper = [67], weight = [1] }
outflow = { regulier = 0.45, tussengroep = 0.15, vertrokken = 0.4 }
no_benefit_in = ["tussengroep", "tussengroep_wacht"]
funding_per_intake = 4000
support_cost_per_person_year = 5000
[pilots.nieuwe_doelgroepen.groups.jongeren]
inflow_per_year = 0
age = { lower = [16], upper = [27], weight = [1] }
outflow = { regulier = 0.3, tussengroep = 0.3, bijstand = 0.1 }
no_benefit_in = ["tussengroep"]
funding_per_person_year = 5000
)");
  const model::ScenarioSpec baseline = load("scenarios/baseline.toml");
  for (const char* file : {"p-wetters.toml", "ondernemerschap.toml", "nieuwe-doelgroepen.toml"}) {
    const model::ScenarioSpec pilot = scenario::load_scenario(t.path(file));
    REQUIRE(pilot.states.size() + pilot.money.items.size() >
            baseline.states.size() + baseline.money.items.size());
    for (std::uint64_t r = 0; r < 3; ++r) {
      INFO(file << ", replication " << r);
      const Replicate b = simulate(baseline, r), p = simulate(pilot, r);
      CHECK(p.a.events == b.a.events);
      require_same(b.a.stock, b.states, p.a.stock, p.states, "headcount");
      require_same(b.a.flow, b.labels, p.a.flow, p.labels, "flow");
      require_same(b.a.person_years, b.states, p.a.person_years, p.states, "person_years");
      require_same(b.a.waiting, b.capacities, p.a.waiting, p.capacities, "waiting");
      require_same(b.a.money, b.items, p.a.money, p.items, "money");
    }
  }
}

TEST_CASE("pilots: P-wetters in dienst brings more outflow to regular work and less bijstand", "[pilots]") {
  const model::ScenarioSpec baseline = load("scenarios/baseline.toml");
  const model::ScenarioSpec pilot = load("scenarios/pilots/p-wetters-in-dienst.toml");
  std::vector<double> to_work, less_bijstand, less_benefit_cost, employed;
  for (std::uint64_t r = 0; r < kReplications; ++r) {
    const Replicate b = simulate(baseline, r), p = simulate(pilot, r);
    to_work.push_back(p.flows_into("regulier") - b.flows_into("regulier"));
    // Candidates waiting for a place are still on bijstand.
    less_bijstand.push_back(b.person_years("bijstand") -
                            (p.person_years("bijstand") + p.person_years("in_dienst_wacht")));
    less_benefit_cost.push_back(p.money("bijstand_uitkeringen") -
                                b.money("bijstand_uitkeringen"));  // cost < 0
    employed.push_back(p.person_years("in_dienst"));
  }
  require_positive(employed, "person-years in dienst");
  require_positive(to_work, "persons flowing into regular work");
  require_positive(less_bijstand, "bijstand person-years avoided");
  require_positive(less_benefit_cost, "bijstand benefit saved");
}

TEST_CASE("pilots: Ondernemerschap brings more revenue and shorter waiting lists", "[pilots]") {
  const model::ScenarioSpec baseline = load("scenarios/baseline.toml");
  const model::ScenarioSpec pilot = load("scenarios/pilots/ondernemerschap.toml");
  std::vector<double> revenue, fewer_waiting;
  for (std::uint64_t r = 0; r < kReplications; ++r) {
    const Replicate b = simulate(baseline, r), p = simulate(pilot, r);
    revenue.push_back(p.money("toegevoegde_waarde") + p.money("ondernemerschap_omzet") -
                      b.money("toegevoegde_waarde"));
    fewer_waiting.push_back(b.person_years("tussengroep_wacht") + b.person_years("beschut_wacht") -
                            p.person_years("tussengroep_wacht") - p.person_years("beschut_wacht"));
  }
  require_positive(revenue, "revenue (toegevoegde waarde)");
  require_positive(fewer_waiting, "person-years on the beschut and tussengroep waiting lists avoided");
}

TEST_CASE("pilots: Nieuwe doelgroepen brings more persons into the tussengroep and more funding",
          "[pilots]") {
  const model::ScenarioSpec baseline = load("scenarios/baseline.toml");
  const model::ScenarioSpec pilot = load("scenarios/pilots/nieuwe-doelgroepen.toml");
  std::vector<double> tussengroep, funding, newcomers;
  for (std::uint64_t r = 0; r < kReplications; ++r) {
    const Replicate b = simulate(baseline, r), p = simulate(pilot, r);
    tussengroep.push_back(p.person_years("tussengroep") - b.person_years("tussengroep"));
    double income = 0;
    for (const auto& item : p.items)
      if (std::find(b.items.begin(), b.items.end(), item) == b.items.end() && p.money(item) > 0)
        income += p.money(item);
    funding.push_back(income);
    newcomers.push_back(p.a.flow.empty() ? 0
                                         : p.total(p.a.flow, p.labels, "in->ww_wia") +
                                               p.total(p.a.flow, p.labels, "in->jongeren"));
  }
  require_positive(newcomers, "persons of the new target groups");
  require_positive(tussengroep, "person-years in the tussengroep");
  require_positive(funding, "funding that comes with the new target groups");
}

TEST_CASE("money: the baseline's funding lines equal the board paper's table exactly", "[money]") {
  const model::ScenarioSpec baseline = load("scenarios/baseline.toml");
  // The table, read here independently of the loader: year -> (impulsbudget, rijksbijdrage, beschut).
  std::ifstream in(repo_root() / "scenarios" / "data" / "funding_werkzaak_2025_2034.csv");
  std::string line;
  std::getline(in, line);
  REQUIRE(line.rfind("year,impulsbudget_eur,rijksbijdrage_sociale_infrastructuur_eur,beschut_werk_eur", 0) ==
          0);
  std::map<int, std::array<double, 3>> table;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string year, a, b, c;
    std::getline(fields, year, ',');
    std::getline(fields, a, ',');
    std::getline(fields, b, ',');
    std::getline(fields, c, ',');
    if (year != "structural") table[std::stoi(year)] = {std::stod(a), std::stod(b), std::stod(c)};
  }
  REQUIRE(table.size() == 10);
  const Replicate r = simulate(baseline, 0);
  const std::size_t G = baseline.gemeenten.size(), I = r.items.size();
  const char* items[] = {"impulsbudget", "rijksbijdrage_tussengroep", "beschut_financiering"};
  for (std::size_t y = 0; y < 10; ++y)
    for (std::size_t k = 0; k < 3; ++k) {
      const auto i = static_cast<std::size_t>(r.index(r.items, items[k]));
      double sum = 0;
      for (std::size_t g = 0; g < G; ++g) sum += r.a.money[(y * G + g) * I + i];
      INFO(items[k] << " " << 2025 + y);
      CHECK(sum == table[2025 + static_cast<int>(y)][k]);
    }
  // Buren and Neder-Betuwe take part in the impulse budget only (the seed's footnotes).
  const auto buren =
      static_cast<std::size_t>(std::find_if(baseline.gemeenten.begin(), baseline.gemeenten.end(),
                                            [](const auto& g) { return g.name == "Buren"; }) -
                               baseline.gemeenten.begin());
  CHECK(r.a.money[buren * I + static_cast<std::size_t>(r.index(r.items, "impulsbudget"))] > 0);
  CHECK(r.a.money[buren * I + static_cast<std::size_t>(r.index(r.items, "rijksbijdrage_tussengroep"))] == 0);
}

TEST_CASE("money: the runner writes money by item, and compare reads it", "[money][pilots]") {
  const auto dir = std::filesystem::temp_directory_path() / "werkstroom-money-test";
  std::filesystem::create_directories(dir);
  const auto out = dir / "pilot.nc";
  std::filesystem::remove(out);
  const std::vector<model::ScenarioSpec> specs = {load("scenarios/baseline.toml"),
                                                  load("scenarios/pilots/p-wetters-in-dienst.toml")};
  runner::RunOptions o;
  o.replications = 3;
  o.seed = specs[0].run.seed;
  o.threads = 2;
  o.out = out;
  o.progress = runner::Progress::Mode::quiet;
  o.command_line = "pilots_test";
  runner::run_scenarios(specs, {"baseline.toml", "p-wetters-in-dienst.toml"}, o);
  const output::ResultsReader file(out);
  REQUIRE(file.has_variable("money"));
  CHECK(file.has_variable("money_mean"));
  CHECK(file.variable_dims("money") ==
        std::vector<std::string>{"scenario", "replication", "year", "gemeente", "item"});
  const auto items = file.strings("item");
  REQUIRE(items.back() == model::kOperatingResult);
  const auto pilot_item = std::find(items.begin(), items.end(), "p_wetters_loonkosten");
  REQUIRE(pilot_item != items.end());
  const std::size_t I = items.size(), k = static_cast<std::size_t>(pilot_item - items.begin());
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t r = 0; r < 3; ++r) {
      const std::size_t leading[] = {s, r};
      const auto money = file.read("money", leading);
      for (std::size_t cell = 0; cell < money.size(); cell += I) {
        double sum = 0;
        for (std::size_t i = 0; i + 1 < I; ++i) sum += money[cell + i];
        // The union keeps each scenario's item order (absent items are 0): the model's sum, exactly.
        CHECK(money[cell + I - 1] == sum);
        if (s == 0) CHECK(money[cell + k] == 0);
      }
    }
  const runner::Comparison c = runner::compare_scenarios(file, "baseline");
  const auto money_diff = std::find_if(c.differences.begin(), c.differences.end(),
                                       [](const auto& d) { return d.variable == "money"; });
  REQUIRE(money_diff != c.differences.end());
  CHECK(money_diff->dims.back() == "item");
  // The pilot pays wages: its wage item differs from the baseline's zero in some year of the whole area.
  const std::size_t Y = money_diff->shape[1], G1 = money_diff->shape[2];
  double wages = 0;
  for (std::size_t y = 0; y < Y; ++y) wages += money_diff->mean[((1 * Y + y) * G1 + (G1 - 1)) * I + k];
  CHECK(wages < 0);
  std::filesystem::remove(out);
}
