// Bad [money] input: one test per class of mistake, each checking that the one-line message names the file,
// the line, the key path and what was expected.
#include <catch2/catch.hpp>

#include "tests/unit/scenario_fixture.hpp"

using Catch::Matchers::Contains;
using scenario_test::TempScenario;

namespace {

const char* kItem = "[money.items.x]\nkind = \"cost\"\nper = \"person_year\"\nstates = [\"b\"]\n";

}  // namespace

TEST_CASE("money error: unknown key of an item, with the closest known key", "[money]") {
  TempScenario t;
  const auto e = t.error_of_child(std::string(kItem) + "amout = 5\n");
  CHECK_THAT(e, Contains("child.toml:6: money.items.x.amout: unknown key; did you mean 'amount'?"));
  CHECK(e.find('\n') == std::string::npos);
  CHECK_THAT(t.error_of_child("[money]\nitem = 1\n"),
             Contains("money.item: unknown key; did you mean 'items'?"));
}

TEST_CASE("money error: kind, per and key out of their choices", "[money]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child("[money.items.x]\nkind = \"expense\"\nper = \"year\"\namount = 1\n"),
             Contains("child.toml:3: money.items.x.kind: expected \"income\" or \"cost\", got \"expense\""));
  CHECK_THAT(
      t.error_of_child("[money.items.x]\nkind = \"cost\"\nper = \"month\"\namount = 1\n"),
      Contains("money.items.x.per: expected one of person_year, transition, place, year, got \"month\""));
  CHECK_THAT(
      t.error_of_child("[money.items.x]\nkind = \"cost\"\nper = \"year\"\namount = 1\nkey = \"size\"\n"),
      Contains("money.items.x.key: expected one of population, population_participatiewet"));
  CHECK_THAT(t.error_of_child("[money.items.x]\nper = \"year\"\namount = 1\n"),
             Contains("money.items.x: missing key 'kind'"));
}

TEST_CASE("money error: negative or wrongly typed amounts", "[money]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child(std::string(kItem) + "amount = -5\n"),
      Contains("child.toml:6: money.items.x.amount: expected a number >= 0 (EUR per person-year), got -5"));
  CHECK_THAT(
      t.error_of_child(std::string(kItem) + "amount = \"much\"\n"),
      Contains("money.items.x.amount: expected a number >= 0 (EUR per person-year) or a distribution"));
  CHECK_THAT(
      t.error_of_child(std::string(kItem) + "amount = { distribution = \"uniform\", min = -1, max = 1 }\n"),
      Contains("money.items.x.amount: distribution: every value it can draw must be a number >= 0"));
  CHECK_THAT(t.error_of_child(std::string(kItem) + "amount = 1\npersons_per_unit = 0\n"),
             Contains("money.items.x.persons_per_unit: expected a number > 0"));
  CHECK_THAT(
      t.error_of_child("[money.items.x]\nkind = \"income\"\nper = \"year\"\namounts = { 2026 = -1 }\n"),
      Contains("money.items.x.amounts.2026: expected a number >= 0 (EUR per year), got -1"));
}

TEST_CASE("money error: keys that belong to another basis, and a missing or doubled amount", "[money]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child(std::string(kItem) + "amount = 1\nkey = \"population\"\n"),
             Contains("child.toml:7: money.items.x.key: not used by an item with per = \"person_year\""));
  CHECK_THAT(
      t.error_of_child(
          "[money.items.x]\nkind = \"cost\"\nper = \"year\"\namount = 1\namounts = { 2025 = 1 }\n"),
      Contains(
          "money.items.x: expected exactly one of amount (every year), amounts ({ year = EUR }) or file"));
  CHECK_THAT(t.error_of_child(std::string(kItem)), Contains("money.items.x: missing key 'amount'"));
  CHECK_THAT(t.error_of_child(
                 "[money.items.x]\nkind = \"cost\"\nper = \"year\"\namount = 1\nkey_states = [\"a\"]\n"),
             Contains("money.items.x.key_states: only used with key = \"use\""));
}

TEST_CASE("money error: unknown states, groups, transitions and places", "[money]") {
  TempScenario t;
  CHECK_THAT(t.error_of_child(
                 "[money.items.x]\nkind = \"cost\"\nper = \"person_year\"\nstates = [\"bb\"]\namount = 1\n"),
             Contains("child.toml:2: money.items.x.states: unknown state 'bb'; did you mean 'b'?"));
  CHECK_THAT(
      t.error_of_child(
          "[money.items.x]\nkind = \"cost\"\nper = \"person_year\"\nstates = [\"weg\"]\namount = 1\n"),
      Contains("money.items.x.states: expected living states (nobody spends time in exit state 'weg')"));
  CHECK_THAT(t.error_of_child(std::string(kItem) + "amount = 1\ngroups = [\"refugee\"]\n"),
             Contains("money.items.x.groups: unknown group 'refugee'"));
  CHECK_THAT(
      t.error_of_child(
          "[money.items.x]\nkind = \"cost\"\nper = \"transition\"\ntransitions = [\"a->c\"]\namount = 1\n"),
      Contains("money.items.x.transitions: unknown transition 'a->c'"));
  CHECK_THAT(
      t.error_of_child("[money.items.x]\nkind = \"cost\"\nper = \"place\"\nstate = \"b\"\namount = 1\n"),
      Contains("money.items.x.state: expected a state of kind \"capacity\" (one with places), got 'b'"));
}

TEST_CASE("money error: a funding table that is missing, lacks the column or has bad rows", "[money]") {
  TempScenario t;
  const std::string item =
      "[money.items.x]\nkind = \"income\"\nper = \"year\"\nfile = \"data/f.csv\"\ncolumn = \"eur\"\n";
  CHECK_THAT(t.error_of_child(item), Contains("money.items.x.file: data file '"));
  t.write("data/f.csv", "year,euros,source\n2025,1,test\n");
  CHECK_THAT(t.error_of_child(item), Contains("child.toml:6: money.items.x.column: expected a column of"));
  t.write("data/f.csv", "year,eur,source\n2026,1,test\n2025,2,test\n");
  CHECK_THAT(t.error_of_child(item),
             Contains("data/f.csv:3: column 'year': expected years in ascending order"));
  t.write("data/f.csv", "year,eur,source\n2025,-1,test\n");
  CHECK_THAT(t.error_of_child(item), Contains("data/f.csv:2: column 'eur': expected a number >= 0"));
  t.write("data/f.csv", "year,eur,source\nlater,1,test\n");
  CHECK_THAT(t.error_of_child(item),
             Contains("column 'year': expected a calendar year such as 2025, or 'structural'"));
  t.write("data/f.csv", "year,eur\n2025,1\n");
  CHECK_THAT(t.error_of_child(item), Contains("data/f.csv"));
}

TEST_CASE("money error: shares naming unknown gemeenten or summing to zero", "[money]") {
  TempScenario t;
  const std::string item =
      "[money.items.x]\nkind = \"income\"\nper = \"year\"\namount = 1\nkey = \"shares\"\n";
  CHECK_THAT(t.error_of_child(item + "shares = { C = 1 }\n"),
             Contains("child.toml:7: money.items.x.shares.C: unknown gemeente 'C'"));
  CHECK_THAT(t.error_of_child(item + "shares = { A = 0, B = 0 }\n"),
             Contains("money.items.x.shares: expected shares with a positive sum"));
  CHECK_THAT(t.error_of_child(item), Contains("money.items.x: missing key 'shares'"));
}

TEST_CASE("money error: a window outside the horizon or ending before it starts", "[money]") {
  TempScenario t;
  const std::string item = "[money.items.x]\nkind = \"income\"\nper = \"year\"\namount = 1\n";
  CHECK_THAT(
      t.error_of_child(item + "start = 2031-01-01\n"),
      Contains(
          "child.toml:6: money.items.x.start: expected a date within the horizon [2025-01-01, 2030-01-01]"));
  CHECK_THAT(t.error_of_child(item + "start = 2027-01-01\nend = 2026-01-01\n"),
             Contains("money.items.x.end: expected a date after start (2027-01-01)"));
}

TEST_CASE("money error: the reserved name", "[money]") {
  TempScenario t;
  CHECK_THAT(
      t.error_of_child("[money.items.operating_result]\nkind = \"income\"\nper = \"year\"\namount = 1\n"),
      Contains("money.items.operating_result: the name 'operating_result' is reserved"));
}
