// Bad [pilots] input: one test per class of mistake, on the mini scenario (states a (wsw), b, capacity c with
// c_wacht; gemeente B places only the Wsw at Werkzaak).
#include <catch2/catch.hpp>

#include "tests/unit/scenario_fixture.hpp"

using Catch::Matchers::Contains;
using scenario_test::TempScenario;

namespace {

const std::string kPwd =
    "[pilots.p_wetters_in_dienst]\nplaces = 5\nintake = { b = 0.1 }\ncontract_years = 1\nafter_contract = "
    "\"b\"\n";
const std::string kNd =
    "[pilots.nieuwe_doelgroepen]\n[pilots.nieuwe_doelgroepen.groups.ww]\ninflow_per_year = 5\n"
    "age = { lower = [25], upper = [60], weight = [1] }\noutflow = { b = 0.5 }\n";

}  // namespace

TEST_CASE("pilot error: unknown pilot or pilot key, with the closest known one", "[pilots]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[pilots.p_wetters_in_dienstt]\nplaces = 5\n"),
      Contains(
          "child.toml:2: pilots.p_wetters_in_dienstt: unknown key; did you mean 'p_wetters_in_dienst'?"));
  CHECK_THAT(
      t.error_of_child(kPwd + "contract_year = 2\n"),
      Contains("pilots.p_wetters_in_dienst.contract_year: unknown key; did you mean 'contract_years'?"));
  CHECK_THAT(t.error_of_child("[pilots.ondernemerschap]\nextra_revenue_per_personyear = 5\n"),
             Contains("pilots.ondernemerschap.extra_revenue_per_personyear: unknown key; did you mean "
                      "'extra_revenue_per_person_year'?"));
}

TEST_CASE("pilot error: missing keys", "[pilots]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[pilots.p_wetters_in_dienst]\nplaces = 5\ncontract_years = 1\n"),
             Contains("pilots.p_wetters_in_dienst: missing key 'intake'"));
  CHECK_THAT(t.error_of_child(
                 "[pilots.nieuwe_doelgroepen]\n[pilots.nieuwe_doelgroepen.groups.ww]\ninflow_per_year = 5\n"),
             Contains("pilots.nieuwe_doelgroepen.groups.ww: missing key 'age'"));
}

TEST_CASE("pilot error: negative rates, places, amounts and inflows", "[pilots]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[pilots.p_wetters_in_dienst]\nplaces = 5\nintake = { b = -0.1 }\n"
                       "contract_years = 1\nafter_contract = \"b\"\n"),
      Contains(
          "child.toml:4: pilots.p_wetters_in_dienst.intake.b: expected a number >= 0 (per year), got -0.1"));
  CHECK_THAT(t.error_of_child("[pilots.p_wetters_in_dienst]\nplaces = -5\nintake = { b = 0.1 }\n"
                              "contract_years = 1\nafter_contract = \"b\"\n"),
             Contains("pilots.p_wetters_in_dienst.places: expected a number >= 0 (places per year), got -5"));
  CHECK_THAT(
      t.error_of_child(kPwd + "wage_cost_per_person_year = -1\n"),
      Contains("pilots.p_wetters_in_dienst.wage_cost_per_person_year: expected a number >= 0 (EUR), got -1"));
  CHECK_THAT(
      t.error_of_child(
          "[pilots.nieuwe_doelgroepen]\n[pilots.nieuwe_doelgroepen.groups.ww]\ninflow_per_year = -5\n"
          "age = { lower = [25], upper = [60], weight = [1] }\noutflow = { b = 0.5 }\n"),
      Contains(
          "pilots.nieuwe_doelgroepen.groups.ww.inflow_per_year: expected a number >= 0 (persons per year)"));
  CHECK_THAT(t.error_of_child("[pilots.ondernemerschap]\nextra_revenue_per_person_year = -100\n"),
             Contains("pilots.ondernemerschap.extra_revenue_per_person_year: expected a number >= 0 (EUR)"));
}

TEST_CASE("pilot error: a contract of no length", "[pilots]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[pilots.p_wetters_in_dienst]\nplaces = 5\nintake = { b = 0.1 }\n"
                       "contract_years = 0\nafter_contract = \"b\"\n"),
      Contains(
          "child.toml:5: pilots.p_wetters_in_dienst.contract_years: expected a number > 0 (years), got 0"));
}

TEST_CASE("pilot error: dates outside the horizon or in the wrong order", "[pilots]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child(kPwd + "start = 2024-01-01\n"),
             Contains("pilots.p_wetters_in_dienst.start: expected a date within the horizon [2025-01-01, "
                      "2030-01-01], got 2024-01-01"));
  CHECK_THAT(t.error_of_child(kPwd + "start = 2027-01-01\nend = 2026-01-01\n"),
             Contains("pilots.p_wetters_in_dienst.end: expected a date after start (2027-01-01)"));
}

TEST_CASE("pilot error: unknown states, a transition into the Wsw, and names that exist already",
          "[pilots]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[pilots.p_wetters_in_dienst]\nplaces = 5\nintake = { bb = 0.1 }\n"
                              "contract_years = 1\nafter_contract = \"b\"\n"),
             Contains("child.toml:4: pilots.p_wetters_in_dienst.intake.bb (from): unknown state 'bb'; did "
                      "you mean 'b'?"));
  CHECK_THAT(t.error_of_child(kPwd + "outflow = { a = 0.1 }\n"),
             Contains("pilots.p_wetters_in_dienst.outflow.a: nothing may enter 'a': the Wsw is closed"));
  CHECK_THAT(t.error_of_child(kPwd + "state = \"b\"\n"),
             Contains("pilots.p_wetters_in_dienst.state: the pilot adds state 'b', but the scenario has a "
                      "state of that name already"));
  CHECK_THAT(
      t.error_of_child(
          "[pilots.nieuwe_doelgroepen]\n[pilots.nieuwe_doelgroepen.groups.statushouder]\n"
          "inflow_per_year = 5\nage = { lower = [25], upper = [60], weight = [1] }\noutflow = { b = 0.5 }\n"),
      Contains("the pilot adds group 'statushouder', but the scenario has a group of that name"));
  CHECK_THAT(
      t.error_of_child(kNd + "[money.items.ww_begeleiding]\nkind = \"cost\"\nper = \"year\"\namount = 1\n"),
      Contains("the pilot adds money item 'ww_begeleiding', but the scenario has an item of that name"));
}

TEST_CASE("pilot error: extra places for a state without places", "[pilots]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[pilots.ondernemerschap]\nextra_places = { b = 3 }\n"),
             Contains("child.toml:3: pilots.ondernemerschap.extra_places.b: expected a capacity state (one "
                      "with [capacities.b]), got 'b'"));
}

TEST_CASE("pilot error: scaling a hazard the scenario does not have", "[pilots]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child(kPwd + "scale = { \"b->dood\" = 2 }\n"),
      Contains("pilots.p_wetters_in_dienst.scale.\"b->dood\": expected an existing transition to scale, "
               "got 'b->dood'"));
  CHECK_THAT(
      t.error_of_child(kPwd + "scale = { bweg = 2 }\n"),
      Contains("pilots.p_wetters_in_dienst.scale.\"bweg\": expected a transition \"from->to\" as key"));
  CHECK_THAT(t.error_of_child(kPwd + "scale = { \"b->weg\" = -2 }\n"),
             Contains("expected a number >= 0 (times the hazard), got -2"));
}

TEST_CASE("pilot error: benefit items that are missing or not per person-year", "[pilots]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child(kNd + "no_benefit_in = [\"c\"]\n"),
             Contains("pilots.nieuwe_doelgroepen.groups.ww.no_benefit_in: expected "
                      "pilots.nieuwe_doelgroepen.benefit_items"));
  const std::string nd =
      "[pilots.nieuwe_doelgroepen]\nbenefit_items = [\"uitkering\"]\n"
      "[pilots.nieuwe_doelgroepen.groups.ww]\ninflow_per_year = 5\n"
      "age = { lower = [25], upper = [60], weight = [1] }\noutflow = { c = 0.5 }\nno_benefit_in = [\"c\"]\n";
  CHECK_THAT(t.error_of_child(nd),
             Contains("child.toml:3: pilots.nieuwe_doelgroepen.benefit_items[0]: expected a money item with "
                      "per = \"person_year\", got 'uitkering'"));
  CHECK(t.error_of_child(nd + "[money.items.uitkering]\nkind = \"cost\"\nper = \"person_year\"\nstates = "
                              "[\"b\", \"c\"]\namount = 1\n")
            .empty());
}
