// Bad input: one test per class of mistake, each checking that the one-line message names the file, the line
// (where the TOML gives one), the key path and what was expected.
#include <catch2/catch.hpp>

#include "tests/unit/scenario_fixture.hpp"

using Catch::Matchers::Contains;
using scenario_test::TempScenario;

TEST_CASE("error: unknown key, with the closest known key", "[scenario]") {
  TempScenario t;
  const auto e = t.error_of_child("[transitions.\"b->c\"]\nrat = 0.3\n");
  CHECK_THAT(e, Contains("child.toml:3: transitions.b->c.rat: unknown key; did you mean 'rate'?"));
  CHECK(e.find('\n') == std::string::npos);
  CHECK_THAT(t.error_of_child("[scenarios]\nname = \"x\"\n"),
             Contains("scenarios: unknown key; did you mean 'scenario'?"));
}

TEST_CASE("error: wrong type", "[scenario]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[scenario]\nreplications = \"ten\"\n"),
      Contains("child.toml:3: scenario.replications: expected a whole number in [1, 1000000], got \"ten\""));
  CHECK_THAT(t.error_of_child("[scenario]\nstart = 2025\n"),
             Contains("scenario.start: expected a date (2025-01-01 or \"2025-01-01\"), got 2025"));
  CHECK_THAT(t.error_of_child("[transitions.\"b->c\"]\nrate = \"fast\"\n"),
             Contains("transitions.b->c.rate: expected a number >= 0 (per year) or a distribution table"));
  CHECK_THAT(t.error_of_child("[mortality]\ngompertz_a = 1e-5\nexit_state = 3\n"),
             Contains("mortality.exit_state: expected a string, got 3"));
}

TEST_CASE("error: negative rate", "[scenario]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[transitions.\"b->c\"]\nrate = -0.1\n"),
             Contains("child.toml:3: transitions.b->c.rate: expected a number >= 0 (per year), got -0.1"));
  CHECK_THAT(t.error_of_child("[arrivals.inflow]\nrates = { 2025-01-01 = -2 }\n"),
             Contains("arrivals.inflow.rates.2025-01-01: expected a number >= 0"));
}

TEST_CASE("error: share outside [0, 1]", "[scenario]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[arrivals.inflow]\nshare_women = 1.5\n"),
      Contains("child.toml:3: arrivals.inflow.share_women: expected a number in [0, 1] (share), got 1.5"));
}

TEST_CASE("error: negative capacity", "[scenario]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[capacities.c]\nplaces = { 2025 = -3 }\n"),
             Contains("child.toml:3: capacities.c.places.2025: expected a number >= 0 (places), got -3"));
  t.write("data/cap.csv", "year,places,source\n2025,10,test\n2026,-1,test\n");
  CHECK_THAT(t.error_of_child("[capacities.c]\nfile = \"data/cap.csv\"\n"),
             Contains("data/cap.csv:3: column 'places': expected a number of places >= 0"));
}

TEST_CASE("error: date outside the horizon", "[scenario]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[transitions.\"b->c\"]\nby_calendar = { breaks = [2040-01-01], values = [1, 2] }\n"),
      Contains("transitions.b->c.by_calendar.breaks: expected calendar breaks within the horizon "
               "[2025-01-01, 2030-01-01], got 2040-01-01"));
  CHECK_THAT(t.error_of_child("[arrivals.inflow]\nrates = { 2026-01-01 = 2 }\n"),
             Contains("child.toml:3: arrivals.inflow.rates: expected the first period to start on or before "
                      "scenario.start (2025-01-01), got 2026-01-01"));
  t.write("data/persons.csv",
          "gemeente,state,sex,birth_date,entered_state,group,permit_date\n"
          "A,b,men,1980-01-01,2026-03-01,general,\n");
  CHECK_THAT(
      t.error_of_child("[initial_population]\npersons_file = \"data/persons.csv\"\n"),
      Contains("data/persons.csv:2: column 'entered_state': expected a date on or before scenario.start "
               "(2025-01-01), got '2026-03-01'"));
  CHECK_THAT(t.error_of_child("[scenario]\nend = 2024-01-01\n"),
             Contains("scenario.end: expected a date after scenario.start (2025-01-01)"));
}

TEST_CASE("error: unknown gemeente, state or group", "[scenario]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[transitions.\"b->c\"]\nby_gemeente = { Aa = 2 }\n"),
             Contains("transitions.b->c.by_gemeente.Aa: unknown gemeente 'Aa'"));
  CHECK_THAT(t.error_of_child("[transitions.\"b->wegg\"]\nrate = 1\n"),
             Contains("child.toml:2: transitions.b->wegg (to): unknown state 'wegg'; did you mean 'weg'?"));
  CHECK_THAT(t.error_of_child("[arrivals.inflow]\ngroup = \"statushouders\"\n"),
             Contains("arrivals.inflow.group: unknown group 'statushouders'; did you mean 'statushouder'?"));
  t.write("data/initial.csv",
          "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,duration_max,source\n"
          "C,b,men,20,30,general,20,0,2,test\n");
  CHECK_THAT(t.error_of("mini.toml"),
             Contains("data/initial.csv:2: column 'gemeente': expected a known gemeente (A, B)"));
}

TEST_CASE("error: a transition the model forbids", "[scenario]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[transitions.\"b->a\"]\nrate = 0.1\n"),
      Contains("transitions.b->a: nothing may enter 'a': the Wsw is closed to newcomers since 2015-01-01"));
  CHECK_THAT(t.error_of_child("[transitions.\"weg->b\"]\nrate = 0.1\n"),
             Contains("transitions.weg->b: a transition out of exit state 'weg' is not allowed"));
  CHECK_THAT(
      t.error_of_child("[transitions.\"c_wacht->c\"]\nrate = 0.1\n"),
      Contains("transitions.c_wacht->c: not allowed: 'c_wacht' admits to 'c' first come first served"));
  CHECK_THAT(t.error_of_child("[transitions.\"b-c\"]\nrate = 0.1\n"),
             Contains("transitions.b-c: expected a key \"from->to\" naming two states"));
  CHECK_THAT(t.error_of_child("[arrivals.inflow]\ninto = \"a\"\n"),
             Contains("arrivals.inflow.into: nothing may enter 'a'"));
  // Whole-graph rules come from the state graph check: here d can never be entered.
  CHECK_THAT(
      t.error_of_child("[states.d]\nmodule = \"participatiewet\"\n[transitions.\"d->weg\"]\nrate = 1\n"),
      Contains("child.toml: state graph: unreachable state(s): d"));
}

TEST_CASE("error: malformed or missing CSV", "[scenario]") {
  TempScenario t;
  t.write("data/initial.csv",
          "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,duration_max,source\n"
          "A,b,men,20,30,general,abc,0,2,test\n");
  CHECK_THAT(t.error_of("mini.toml"),
             Contains("data/initial.csv:2: column 'count': expected a number, got 'abc'"));
  t.write("data/initial.csv", "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,source\n");
  CHECK_THAT(t.error_of("mini.toml"), Contains("data/initial.csv:1: missing column 'duration_max'"));
  t.write("data/initial.csv",
          "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,duration_max,source\nA,b,men\n");
  CHECK_THAT(t.error_of("mini.toml"),
             Contains("data/initial.csv:2: expected 10 fields (as in the header), got 3"));
  t.write("data/initial.csv",
          "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,duration_max,source\n"
          "A,b,men,20,30,general,1,0,2,\n");
  CHECK_THAT(t.error_of("mini.toml"), Contains("data/initial.csv:2: column 'source': expected a source"));
  CHECK_THAT(t.error_of_child("[aow]\nfile = \"data/nope.csv\"\n"),
             Contains("child.toml:3: aow.file: data file '"));
  CHECK_THAT(t.error_of_child("[aow]\nfile = \"data/nope.csv\"\n"), Contains("data/nope.csv' not found"));
  t.write("data/aow.csv", "year,aow_age_years,aow_age_months,source\n2024,67,0,test\n2026,67,3,test\n");
  CHECK_THAT(t.error_of("mini.toml"),
             Contains("data/aow.csv:3: column 'year': expected the year after 2024"));
}

TEST_CASE("error: piecewise breaks not ascending, or a value count that does not match", "[scenario]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[transitions.\"b->c\"]\nby_age = { breaks = [50, 30], values = [1, 2, 3] }\n"),
             Contains("child.toml:3: transitions.b->c.by_age.breaks: expected breaks in ascending order"));
  CHECK_THAT(
      t.error_of_child("[transitions.\"b->c\"]\nby_duration = { breaks = [1, 2], values = [1, 2] }\n"),
      Contains("child.toml:3: transitions.b->c.by_duration.values: expected 3 values (one more than the 2 "
               "breaks"));
  t.write("data/pw.csv", "from,multiplier,source\n0,1,test\n2,0.5,test\n1,0.2,test\n");
  CHECK_THAT(t.error_of_child("[transitions.\"b->c\"]\nby_duration = { file = \"data/pw.csv\" }\n"),
             Contains("by_duration.file (column from): expected breaks in ascending order"));
}

TEST_CASE("error: extend cycles and missing files", "[scenario]") {
  TempScenario t;
  t.write("x.toml", "extend = \"y.toml\"\n");
  t.write("y.toml", "extend = \"x.toml\"\n");
  CHECK_THAT(t.error_of("x.toml"), Contains("y.toml:1: extend: cycle:"));
  CHECK_THAT(t.error_of("x.toml"), Contains("a scenario may not extend itself"));
  t.write("z.toml", "\n\nextend = \"nope.toml\"\n");
  CHECK_THAT(t.error_of("z.toml"), Contains("z.toml:3: extend: file 'nope.toml' not found"));
  CHECK_THAT(t.error_of("absent.toml"), Contains("absent.toml: scenario file not found"));
}

TEST_CASE("error: TOML syntax, with line and column", "[scenario]") {
  TempScenario t;
  t.write("bad.toml", "[scenario]\nname = \"x\n");
  CHECK_THAT(t.error_of("bad.toml"), Contains("bad.toml:2:"));
  CHECK_THAT(t.error_of("bad.toml"), Contains("TOML syntax error"));
}

TEST_CASE("error: bad distribution tables", "[scenario]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[transitions.\"b->c\"]\nrate = { distribution = \"uniform\", min = 2, max = 1 }\n"),
      Contains("transitions.b->c.rate: distribution: expected min < max"));
  CHECK_THAT(
      t.error_of_child(
          "[transitions.\"b->c\"]\nrate = { distribution = \"normal\", mean = 0.2, sd = 0.1 }\n"),
      Contains("every value it can draw must be a number >= 0 (per year) (set lower/upper to truncate the "
               "normal)"));
  CHECK_THAT(
      t.error_of_child(
          "[arrivals.inflow]\nshare_women = { distribution = \"uniform\", min = 0.5, max = 1.2 }\n"),
      Contains(
          "arrivals.inflow.share_women: distribution: every value it can draw must be a number in [0, 1]"));
  CHECK_THAT(
      t.error_of_child("[transitions.\"b->c\"]\nrate = { distribution = \"gamma\", shape = 2 }\n"),
      Contains("transitions.b->c.rate.distribution: expected one of uniform, triangular, normal, lognormal"));
  CHECK_THAT(
      t.error_of_child("[transitions.\"b->c\"]\nrate = { distribution = \"uniform\", min = 0, mx = 1 }\n"),
      Contains(
          "transitions.b->c.rate.mx: unknown key; did you mean 'max'? (expected one of: distribution, min, "
          "max)"));
  CHECK_THAT(t.error_of_child("[scenario]\nseed = { distribution = \"uniform\", min = 0, max = 1 }\n"),
             Contains("scenario.seed: expected a whole number >= 0"));
}

TEST_CASE("error: structural mistakes in states, capacities and modules", "[scenario]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[capacities.c]\nplaces = { 2025 = 1 }\nper_gemeente = true\n"),
      Contains(
          "capacities.c.places.2025: expected a table { gemeente = places, ... } (per_gemeente = true)"));
  CHECK_THAT(t.error_of_child("[capacities.b]\nplaces = { 2025 = 1 }\n"),
             Contains("capacities.b: expected the name of a state of kind \"capacity\", got 'b'"));
  CHECK_THAT(t.error_of_child("[states.c]\nwaiting_state = \"b\"\n"),
             Contains("states.c.waiting_state: expected a state of kind \"waiting\", got 'b'"));
  CHECK_THAT(t.error_of_child("[states.b]\nkind = \"alive\"\n"),
             Contains("states.b.kind: expected one of living, capacity, waiting, exit, got \"alive\""));
  CHECK_THAT(
      t.error_of_child("[arrivals.inflow]\nrate_unit = \"per_year\"\nrates = { 2025-01-01 = { B = 3 } }\n"),
      Contains(
          "arrivals.inflow.rates.2025-01-01.B: gemeente 'B' does not place the module of 'b' at Werkzaak"));
}
