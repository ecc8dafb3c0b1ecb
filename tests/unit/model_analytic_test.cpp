// Analytic checks of the model: exponential decay of a closed cohort, the exact AOW day, Poisson arrival
// counts, and a capacity state against the M/M/c (Erlang C) queue. Tolerances follow from the sample sizes
// (see each test).
#include <catch2/catch.hpp>
#include <cmath>

#include "model_fixtures.hpp"
#include "sim/common/date.hpp"
#include "sim/model/aow.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/parameters.hpp"
#include "sim/model/replication.hpp"

using namespace ws;
using namespace ws::model;

namespace {

int state_of(const CompiledModel& m, const std::string& name) { return m.state_index(name); }

double region_stock(const Accounts& a, int t, int s) {
  double sum = 0;
  for (int g = 0; g < a.gemeenten; ++g) sum += a.stock[Accounts::index3(t, g, s, a.gemeenten, a.states)];
  return sum;
}

}  // namespace

TEST_CASE("a closed cohort under a constant hazard decays exponentially", "[model][analytic]") {
  ScenarioSpec spec = test::tiny_spec(2000, 2010);
  const double n = 20000, rate = 0.1;
  spec.initial_cells = {test::young_cell("a", n)};
  spec.transitions = {test::constant_transition("a", "vertrokken", rate)};
  const CompiledModel m = compile_model(spec);
  const Accounts a = simulate_replication(m, 11, 0);
  const int s = state_of(m, "a");
  for (int t = 0; t < a.times; ++t) {
    const double years = (m.output_times[static_cast<std::size_t>(t)] - m.start) / kDaysPerYear;
    const double p = std::exp(-rate * years);
    // The survivors are Binomial(n, p): 4 standard deviations leave a false alarm chance below 1e-4 per
    // point.
    const double tolerance = 4 * std::sqrt(n * p * (1 - p)) + 1e-9;
    INFO("t = " << years << " years");
    CHECK(std::abs(region_stock(a, t, s) - n * p) <= tolerance);
  }
}

TEST_CASE("the AOW age is reached on the exact day", "[model][analytic]") {
  AowSpec aow;
  aow.years = {2024, 2025, 2026, 2027, 2028};
  aow.age_months = {804, 804, 804, 804, 807};  // 67y, then 67y3m from 2028
  aow.months_per_year_after = 0;
  CHECK(format_iso_date(aow_day(aow, days_from_civil(1958, 3, 15))) == "2025-03-15");
  CHECK(format_iso_date(aow_day(aow, days_from_civil(1960, 12, 31))) == "2027-12-31");
  // Born 1961-02-10: 67 in 2028-02-10 but the 2028 age is 67y3m -> 2028-05-10.
  CHECK(format_iso_date(aow_day(aow, days_from_civil(1961, 2, 10))) == "2028-05-10");
  // +3 months a year after 2028: 67y6m in 2029 ... reached 2029-08-20 for 1962-02-20
  aow.months_per_year_after = 3;
  CHECK(format_iso_date(aow_day(aow, days_from_civil(1962, 2, 20))) == "2029-08-20");

  // In a simulation: a person born 1958-03-15 leaves for pensioen on 2025-03-15, so the person-years spent in
  // 2025 are exactly the days from 1 January to 15 March.
  ScenarioSpec spec = test::tiny_spec(2025, 2027);
  spec.aow = aow;
  InitialPerson p;
  p.state = "a";
  p.birth = days_from_civil(1958, 3, 15);
  p.entered_state = days_from_civil(2020, 1, 1);
  spec.initial_persons = {p};
  const CompiledModel m = compile_model(spec);
  const Accounts a = simulate_replication(m, 1, 0);
  const double expected =
      static_cast<double>(days_from_civil(2025, 3, 15) - days_from_civil(2025, 1, 1)) / kDaysPerYear;
  CHECK(a.person_years[Accounts::index3(0, 0, state_of(m, "a"), 1, a.states)] ==
        Approx(expected).epsilon(1e-12));
  double retired = 0;
  for (int l = 0; l < a.labels; ++l)
    if (m.flow_labels[static_cast<std::size_t>(l)] == "a->pensioen")
      retired = a.flow[Accounts::index3(0, 0, l, 1, a.labels)];
  CHECK(retired == 1);
}

TEST_CASE("the AOW table gives aow_day's day for every birth day, and its errors", "[model][analytic]") {
  AowSpec aow;
  aow.years = {2024, 2025, 2026, 2027, 2028};
  aow.age_months = {804, 804, 804, 807, 805};  // a jump up and one down, then a rise of 4 months a year
  aow.months_per_year_after = 4;
  // 1940 .. 1990: leap days, month ends clamped (31 May + months into June), birthdays skipped by the jump.
  const Day first = days_from_civil(1940, 1, 17), last = days_from_civil(1990, 11, 3);
  const AowDayTable table(aow, first, last);
  std::int64_t differ = 0;
  for (Day birth = first - 40; birth <= last + 40; ++birth)
    differ += table(aow, birth) != aow_day(aow, birth);
  CHECK(differ == 0);
  // Where the search fails (an AOW age above 90) the table leaves the birth day to aow_day, which throws.
  aow.months_per_year_after = 40;
  const AowDayTable steep(aow, days_from_civil(2000, 1, 1), days_from_civil(2001, 1, 1));
  CHECK_THROWS_AS(steep(aow, days_from_civil(2000, 6, 1)), std::logic_error);
  CHECK_THROWS_AS(aow_day(aow, days_from_civil(2000, 6, 1)), std::logic_error);
}

TEST_CASE("a drawn AOW rise rebuilds the compiled model's AOW table", "[model][analytic]") {
  ScenarioSpec spec = test::tiny_spec(2030, 2040);
  spec.aow.years = {2024, 2025};
  spec.aow.age_months = {804, 804};
  spec.aow.months_per_year_after = 0;
  spec.initial_cells = {test::young_cell("a", 10)};
  spec.initial_cells[0].age_upper = 70;
  UncertainParameter rise;
  rise.name = "aow.months_per_year_after";
  rise.targets = {ParameterTarget{.kind = ParameterTarget::Kind::aow_months_per_year_after}};
  spec.uncertain = {rise};
  const CompiledModel m = compile_model(spec);
  const std::vector<double> values{3.0};
  const CompiledModel drawn = m.with_parameters(values);
  REQUIRE(m.aow_days);
  REQUIRE(drawn.aow_days);
  const Day birth = days_from_civil(1965, 5, 31);
  CHECK((*m.aow_days)(m.aow, birth) == aow_day(m.aow, birth));
  CHECK((*drawn.aow_days)(drawn.aow, birth) == aow_day(drawn.aow, birth));
  CHECK((*drawn.aow_days)(drawn.aow, birth) != (*m.aow_days)(m.aow, birth));
  // Drawn values that leave the schedule alone share the table.
  const CompiledModel same = m.with_parameters(std::vector<double>{0.0});
  CHECK(same.aow_days == m.aow_days);
}

TEST_CASE("Poisson arrivals have the right mean and variance in each period", "[model][analytic]") {
  ScenarioSpec spec = test::tiny_spec(2000, 2002);
  ArrivalSpec arrival;
  arrival.name = "inflow";
  arrival.into = "a";
  arrival.group = "general";
  arrival.period_start = {days_from_civil(2000, 1, 1), days_from_civil(2001, 1, 1)};
  arrival.rate = {{100.0}, {30.0}};  // persons per year: 100 in 2000, 30 in 2001
  arrival.age = {{20}, {21}, {1}};
  spec.arrivals = {arrival};
  const CompiledModel m = compile_model(spec);
  const int replications = 400;
  for (int year = 0; year < 2; ++year) {
    const double days =
        m.year_starts[static_cast<std::size_t>(year) + 1] - m.year_starts[static_cast<std::size_t>(year)];
    const double expected = (year == 0 ? 100.0 : 30.0) * days / kDaysPerYear;
    double sum = 0, sum_sq = 0;
    for (int r = 0; r < replications; ++r) {
      const Accounts a = simulate_replication(m, 5, static_cast<std::uint64_t>(r));
      const double count = a.arrivals_count[static_cast<std::size_t>(year)];
      sum += count;
      sum_sq += count * count;
    }
    const double mean = sum / replications;
    const double variance = (sum_sq - replications * mean * mean) / (replications - 1);
    // Mean: standard error sqrt(lambda / n); variance: standard error about lambda * sqrt(2 / (n - 1)) for a
    // Poisson count (its excess kurtosis 1/lambda is negligible). Four standard errors each.
    INFO("year " << year);
    CHECK(std::abs(mean - expected) <= 4 * std::sqrt(expected / replications));
    CHECK(std::abs(variance - expected) <= 4 * expected * std::sqrt(2.0 / (replications - 1)) + 1e-9);
  }
}

namespace {

// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = lambda / mu.
double erlang_c(int c, double a) {
  double term = 1, sum = 1;  // sum_{k<c} a^k / k!
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double top = term * a / c / (1 - a / c);  // a^c / c! * 1 / (1 - rho)
  return top / (sum + top);
}

}  // namespace

TEST_CASE("a capacity state fed by Poisson arrivals matches the Erlang C queue", "[model][analytic]") {
  // M/M/c: lambda = 8 per year, stays of mean 1 year (mu = 1), c = 10 places: rho = 0.8.
  const int c = 10;
  const double lambda = 8, mu = 1;
  ScenarioSpec spec = test::tiny_spec(2000, 2030);
  StateSpec place;
  place.name = "plek";
  place.kind = StateKind::capacity;
  place.waiting_state = "plek_wacht";
  StateSpec wait;
  wait.name = "plek_wacht";
  wait.kind = StateKind::waiting;
  spec.states.insert(spec.states.begin(), {place, wait});
  spec.transitions = {test::constant_transition("plek", "vertrokken", mu)};
  CapacitySpec capacity;
  capacity.state = "plek";
  capacity.years = {2000};
  capacity.places = {{static_cast<double>(c)}};
  spec.capacities = {capacity};
  ArrivalSpec arrival;
  arrival.name = "advice";
  arrival.into = "plek";
  arrival.group = "general";
  arrival.period_start = {spec.run.start};
  arrival.rate = {{lambda}};
  arrival.age = {{20}, {21}, {1}};
  spec.arrivals = {arrival};
  const CompiledModel m = compile_model(spec);

  const double a = lambda / mu, rho = a / c;
  const double expected_queue = erlang_c(c, a) * rho / (1 - rho);  // Lq
  const double expected_occupancy = a;                             // L in service
  const double expected_wait = expected_queue / lambda;            // Wq in years (Little)
  // Time averages over years 5..29 of each replication (the first 5 are warm-up), then the mean over
  // independent replications: its standard error comes from the spread between replications, so
  // autocorrelation within a replication is accounted for. Four standard errors plus a 2% allowance for the
  // remaining start-up bias.
  const int replications = 40, warmup = 5;
  std::vector<double> queue, occupancy, wait_time;
  for (int r = 0; r < replications; ++r) {
    const Accounts acc = simulate_replication(m, 3, static_cast<std::uint64_t>(r));
    double q = 0, o = 0, waited = 0, admitted = 0;
    for (int y = warmup; y < acc.years; ++y) {
      q += acc.person_years[Accounts::index3(y, 0, m.state_index("plek_wacht"), 1, acc.states)];
      o += acc.person_years[Accounts::index3(y, 0, m.state_index("plek"), 1, acc.states)];
      waited += acc.wait_years[static_cast<std::size_t>(y)];
      admitted += acc.admissions[static_cast<std::size_t>(y)];
    }
    // Direct entries waited zero: the mean wait over all arrivals counts them too.
    double direct = 0;
    for (int y = warmup; y < acc.years; ++y)
      for (int l = 0; l < acc.labels; ++l)
        if (m.flow_labels[static_cast<std::size_t>(l)] == "in->plek")
          direct += acc.flow[Accounts::index3(y, 0, l, 1, acc.labels)];
    const double years = acc.years - warmup;
    queue.push_back(q / years);
    occupancy.push_back(o / years);
    wait_time.push_back(waited / (admitted + direct));
  }
  const auto check_mean = [&](const std::vector<double>& v, double expected, const char* what) {
    double mean = 0, ss = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    for (double x : v) ss += (x - mean) * (x - mean);
    const double se = std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
    INFO(what << ": simulated " << mean << " +- " << se << ", Erlang C " << expected);
    CHECK(std::abs(mean - expected) <= 4 * se + 0.02 * expected);
  };
  check_mean(queue, expected_queue, "mean waiting-list length");
  check_mean(occupancy, expected_occupancy, "mean occupancy");
  check_mean(wait_time, expected_wait, "mean wait");
}

TEST_CASE("a broken conservation of persons aborts with the gemeente and the numbers",
          "[model][conservation]") {
  ScenarioSpec spec = test::tiny_spec(2000, 2002);
  spec.initial_cells = {test::young_cell("a", 100)};
  spec.transitions = {test::constant_transition("a", "vertrokken", 0.3)};
  const CompiledModel m = compile_model(spec);
  Accounts a = simulate_replication(m, 1, 0);  // a correct run passes its own check
  CHECK(a.initial[0] + a.arrived[0] == a.living[0] + a.exited[0]);
  a.exited[0] += 1;  // a person counted twice
  CHECK_THROWS_WITH(a.check_conservation(m),
                    Catch::Contains("gemeente Testdorp") && Catch::Contains("initial 100"));
}
