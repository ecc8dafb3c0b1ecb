// `extend`: a child scenario overrides single values of its parent.
#include <catch2/catch.hpp>

#include "tests/unit/scenario_fixture.hpp"

using scenario_test::TempScenario;

namespace {

const ws::model::TransitionSpec& transition(const ws::model::ScenarioSpec& s, const std::string& from,
                                            const std::string& to) {
  for (const auto& t : s.transitions)
    if (t.from == from && t.to == to) return t;
  FAIL("no transition " << from << "->" << to);
  return s.transitions.front();
}

}  // namespace

TEST_CASE("the mini scenario loads as written", "[scenario]") {
  TempScenario t;
  const auto s = ws::scenario::load_scenario(t.path("mini.toml"));
  CHECK(s.name == "mini");
  REQUIRE(s.states.size() == 7);
  CHECK(s.states[0].name == "a");  // the order written, not alphabetical
  CHECK(s.states[3].name == "c_wacht");
  CHECK(transition(s, "b", "c").rate == 0.2);
  CHECK(transition(s, "b", "c").by_age.values == std::vector<double>{1.5, 1.0, 0.5});
  // per 1,000 inhabitants: A has 10,000 -> 20 a year; B places no Participatiewet at Werkzaak -> 0.
  REQUIRE(s.arrivals.size() == 1);
  CHECK(s.arrivals[0].rate[0] == std::vector<double>{20.0, 0.0});
  CHECK(s.sources.size() == 4);  // mini.toml, gemeenten, aow, initial
}

TEST_CASE("extend overrides one value and keeps the rest of the table", "[scenario]") {
  TempScenario t;
  const auto s = t.load_child(R"(
[scenario]
name = "child"

[transitions."b->c"]
rate = 0.4
)");
  CHECK(s.name == "child");
  CHECK(s.run.start == ws::scenario::load_scenario(t.path("mini.toml")).run.start);  // inherited
  const auto& bc = transition(s, "b", "c");
  CHECK(bc.rate == 0.4);
  CHECK(bc.by_age.values == std::vector<double>{1.5, 1.0, 0.5});  // not touched by the child
  CHECK(transition(s, "a", "weg").rate == 0.1);
  // Sources in extend order: the base first.
  REQUIRE(s.sources.size() >= 2);
  CHECK(s.sources[0].first.find("mini.toml") != std::string::npos);
  CHECK(s.sources[1].first.find("child.toml") != std::string::npos);
}

TEST_CASE(
    "extend: an inline table replaces the parent's whole; a new transition is added; enabled = false removes",
    "[scenario]") {
  TempScenario t;
  const auto s = t.load_child(R"(
[transitions."b->c"]
by_age = { breaks = [40], values = [2.0, 1.0] }

[transitions."b->weg"]
enabled = false

[transitions."c->b"]
rate = 0.3
)");
  CHECK(transition(s, "b", "c").by_age.breaks == std::vector<double>{40});
  CHECK(transition(s, "b", "c").rate == 0.2);
  CHECK(transition(s, "c", "b").rate == 0.3);
  for (const auto& tr : s.transitions) CHECK_FALSE((tr.from == "b" && tr.to == "weg"));
}

TEST_CASE("extend chains over several files, each path relative to its own file", "[scenario]") {
  TempScenario t;
  t.write("variants/middle.toml", "extend = \"../mini.toml\"\n[aow]\nmonths_per_year_after = 2\n");
  t.write("variants/deep/top.toml", "extend = \"../middle.toml\"\n[mortality]\nlevel = 1.3\n");
  const auto s = ws::scenario::load_scenario(t.path("variants/deep/top.toml"));
  CHECK(s.aow.months_per_year_after == 2);
  CHECK(s.mortality.level == 1.3);
  CHECK(s.mortality.gompertz_b == 0.1);
  // data/ paths in mini.toml resolve next to mini.toml, not next to top.toml.
  CHECK(s.initial_cells.size() == 3);
}

TEST_CASE("extend: a message about keys the child changed names the child's lines, not the parent's",
          "[scenario]") {
  TempScenario t;
  t.write("base.toml",
          "extend = \"mini.toml\"\n"
          "[states.a]\n"
          "mortality_multiplier = { distribution = \"triangular\", min = 1.0, mode = 1.5, max = 2.0 }\n");
  // Line 3 and 4 change two keys of the parent's inline distribution: the distribution as a whole is wrong,
  // and the child's section (line 2) wrote it last.
  t.write("child.toml",
          "extend = \"base.toml\"\n"
          "[states.a.mortality_multiplier]\n"
          "min = 3.0\n"
          "mode = 1.5\n");
  const std::string distribution = t.error_of("child.toml");
  CHECK_THAT(distribution,
             Catch::StartsWith(t.path("child.toml").string() + ":2: states.a.mortality_multiplier"));
  // The child turns capacity state c into a waiting state (kind and module changed): the parent's
  // waiting_state no longer fits, and the child's kind line is named.
  const std::string kind = t.error_of_child(
      "[states.c]\n"
      "kind = \"waiting\"\n"
      "module = \"wsw\"\n");
  CHECK_THAT(kind,
             Catch::StartsWith(t.path("child.toml").string() + ":3: states.c.kind: only a state of kind"));
  CHECK_THAT(kind, Catch::Contains("waiting_state = 'c_wacht'"));
  // The child moves the waiting state to another module: its own module line is named.
  const std::string module = t.error_of_child(
      "[states.c_wacht]\n"
      "module = \"wsw\"\n");
  CHECK_THAT(module,
             Catch::StartsWith(t.path("child.toml").string() + ":3: states.c_wacht.module: expected a "
                                                               "waiting state of the same module"));
}
