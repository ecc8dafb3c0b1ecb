#include "sim/model/state_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <catch2/catch.hpp>
#include <limits>
#include <sstream>

#include "sim/common/error.hpp"
#include "sim/model/graph_dot.hpp"

using namespace ws::model;

namespace {

StateSpec state(const std::string& name, StateKind kind, const std::string& waiting = "") {
  StateSpec s;
  s.name = name;
  s.kind = kind;
  s.waiting_state = waiting;
  return s;
}

TransitionSpec transition(const std::string& from, const std::string& to) {
  TransitionSpec t;
  t.from = from;
  t.to = to;
  t.rate = 0.1;
  return t;
}

ArrivalSpec arrival(const std::string& name, const std::string& into) {
  ArrivalSpec a;
  a.name = name;
  a.into = into;
  a.group = "general";
  return a;
}

InitialCell cell(const std::string& state, double count) {
  InitialCell c;
  c.state = state;
  c.count = count;
  return c;
}

// A small valid scenario: the Wsw stock flowing out, bijstand and regulier exchanging people, beschut with
// its waiting list, arrivals into bijstand and beschut. Transitions are deliberately not grouped by
// from-state.
ScenarioSpec valid_spec() {
  ScenarioSpec spec;
  spec.name = "test";
  spec.states = {state("wsw", StateKind::living),
                 state("bijstand", StateKind::living),
                 state("regulier", StateKind::living),
                 state("beschut", StateKind::capacity, "beschut_wacht"),
                 state("beschut_wacht", StateKind::waiting),
                 state("pensioen", StateKind::exit),
                 state("overleden", StateKind::exit),
                 state("vertrokken", StateKind::exit)};
  spec.transitions = {transition("bijstand", "regulier"), transition("wsw", "vertrokken"),
                      transition("bijstand", "beschut"),  transition("regulier", "bijstand"),
                      transition("beschut", "bijstand"),  transition("bijstand", "vertrokken")};
  spec.arrivals = {arrival("bijstand_inflow", "bijstand"), arrival("advices", "beschut"),
                   arrival("statushouders", "bijstand")};
  spec.initial_cells = {cell("wsw", 100)};
  return spec;
}

bool has_problem_containing(const ScenarioSpec& spec, const std::string& text) {
  for (const auto& p : graph_problems(spec))
    if (p.find(text) != std::string::npos) return true;
  return false;
}

std::string problems_of(const ScenarioSpec& spec) {
  std::string all;
  for (const auto& p : graph_problems(spec)) all += p + "\n";
  return all;
}

}  // namespace

TEST_CASE("a valid state graph has no problems", "[state_graph]") {
  const ScenarioSpec spec = valid_spec();
  INFO(problems_of(spec));
  CHECK(graph_problems(spec).empty());
  CHECK_NOTHROW(validate_state_graph(spec, "test.toml"));
}

TEST_CASE("transition labels follow the documented order", "[state_graph]") {
  const std::vector<std::string> expected{"wsw->vertrokken",
                                          "wsw->pensioen",
                                          "wsw->overleden",  // wsw
                                          "bijstand->regulier",
                                          "bijstand->beschut",
                                          "bijstand->beschut_wacht",  // ... its overflow
                                          "bijstand->vertrokken",
                                          "bijstand->pensioen",
                                          "bijstand->overleden",  // bijstand
                                          "regulier->bijstand",
                                          "regulier->pensioen",
                                          "regulier->overleden",  // regulier
                                          "beschut->bijstand",
                                          "beschut->pensioen",
                                          "beschut->overleden",  // beschut
                                          "beschut_wacht->beschut",
                                          "beschut_wacht->pensioen",
                                          "beschut_wacht->overleden",  // admission first
                                          "in->bijstand",
                                          "in->beschut",
                                          "in->beschut_wacht"};  // arrivals, overflow
  CHECK(transition_labels(valid_spec()) == expected);
}

TEST_CASE("a label given both explicitly and as overflow appears once", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.transitions.push_back(transition("bijstand", "beschut_wacht"));
  const auto labels = transition_labels(spec);
  CHECK(std::count(labels.begin(), labels.end(), "bijstand->beschut_wacht") == 1);
  CHECK(labels.size() == transition_labels(valid_spec()).size());
  const auto edges = graph_edges(spec);
  const auto it = std::find_if(edges.begin(), edges.end(),
                               [](const GraphEdge& e) { return e.label == "bijstand->beschut_wacht"; });
  REQUIRE(it != edges.end());
  CHECK(it->kind == EdgeKind::overflow);  // the overflow of bijstand->beschut comes first
}

TEST_CASE("every transition, arrival and implicit exit is an edge of the Boost graph", "[state_graph]") {
  const ScenarioSpec spec = valid_spec();
  const StateGraph g = build_state_graph(spec);
  CHECK(boost::num_vertices(g.graph) == spec.states.size() + 1);
  CHECK(g.graph[g.arrival_source].arrival_source);
  CHECK(g.graph[g.arrival_source].name == "in");
  for (std::size_t i = 0; i < spec.states.size(); ++i) CHECK(g.graph[i].name == spec.states[i].name);
  std::map<std::string, EdgeKind> kinds;
  for (const auto e : boost::make_iterator_range(boost::edges(g.graph))) {
    const std::string label =
        g.graph[boost::source(e, g.graph)].name + "->" + g.graph[boost::target(e, g.graph)].name;
    CHECK(label == g.graph[e].label);
    kinds[label] = g.graph[e].kind;
  }
  const auto labels = transition_labels(spec);
  CHECK(kinds.size() == labels.size());
  for (const auto& l : labels) CHECK(kinds.count(l) == 1);
  CHECK(kinds.at("bijstand->beschut") == EdgeKind::hazard);
  CHECK(kinds.at("bijstand->beschut_wacht") == EdgeKind::overflow);
  CHECK(kinds.at("beschut_wacht->beschut") == EdgeKind::admission);
  CHECK(kinds.at("beschut_wacht->pensioen") == EdgeKind::aow);
  CHECK(kinds.at("wsw->overleden") == EdgeKind::mortality);
  CHECK(kinds.at("in->beschut_wacht") == EdgeKind::overflow);
  CHECK(kinds.at("in->bijstand") == EdgeKind::arrival);
  CHECK(kinds.count("pensioen->overleden") == 0);  // exits are absorbing
}

TEST_CASE("an exit state with a way out is an error", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.transitions.push_back(transition("pensioen", "bijstand"));
  CHECK(has_problem_containing(spec, "exit state(s) with a way out: pensioen->bijstand"));
}

TEST_CASE("a living state without a path to an exit is an error", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.states.push_back(state("klem", StateKind::living));
  spec.transitions.push_back(transition("bijstand", "klem"));
  // AOW and mortality lead every living state to an exit ...
  CHECK(graph_problems(spec).empty());
  // ... so only a scenario that switches both off can trap people.
  spec.aow.exit_state = "";
  spec.mortality.exit_state = "";
  CHECK(has_problem_containing(spec, "state(s) with no path to an exit state: klem"));
  CHECK(!has_problem_containing(spec, "bijstand"));
  const auto labels = transition_labels(spec);
  CHECK(std::find(labels.begin(), labels.end(), "wsw->pensioen") == labels.end());
}

TEST_CASE("the AOW and mortality exits must be exit states", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.mortality.exit_state = "dood";
  spec.aow.exit_state = "regulier";
  CHECK(has_problem_containing(spec, "mortality exit state 'dood' is not a state"));
  CHECK(has_problem_containing(spec, "AOW exit state 'regulier' is not an exit state"));
}

TEST_CASE("nothing enters wsw", "[state_graph]") {
  SECTION("by a transition") {
    ScenarioSpec spec = valid_spec();
    spec.transitions.push_back(transition("bijstand", "wsw"));
    CHECK(has_problem_containing(spec, "nothing may enter wsw"));
    CHECK(has_problem_containing(spec, "bijstand->wsw"));
  }
  SECTION("by an arrival") {
    ScenarioSpec spec = valid_spec();
    spec.arrivals.push_back(arrival("wsw_indicaties", "wsw"));
    CHECK(has_problem_containing(spec, "nothing may enter wsw"));
    CHECK(has_problem_containing(spec, "in->wsw"));
  }
}

TEST_CASE("a state nothing can enter is an error unless it has initial persons", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.states.push_back(state("in_dienst", StateKind::living));
  spec.transitions.push_back(transition("in_dienst", "bijstand"));
  CHECK(has_problem_containing(spec, "unreachable state(s): in_dienst; nothing can ever enter them"));
  spec.initial_cells.push_back(cell("in_dienst", 0));
  CHECK(has_problem_containing(spec, "unreachable state(s): in_dienst"));  // an empty cell brings nobody
  spec.initial_cells.back().count = 5;
  CHECK(graph_problems(spec).empty());
}

TEST_CASE("the wsw stock needs its initial persons", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.initial_cells.clear();
  CHECK(has_problem_containing(spec, "unreachable state(s): wsw; nothing"));
  InitialPerson p;
  p.state = "wsw";
  spec.initial_persons.push_back(p);
  CHECK(graph_problems(spec).empty());
}

TEST_CASE("an exit nothing leads to is unreachable", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.states.push_back(state("uitval", StateKind::exit));
  CHECK(has_problem_containing(spec, "unreachable state(s): uitval;"));
}

TEST_CASE("a waiting state belongs to exactly one capacity state", "[state_graph]") {
  SECTION("an orphan") {
    ScenarioSpec spec = valid_spec();
    spec.states.push_back(state("tussengroep_wacht", StateKind::waiting));
    spec.transitions.push_back(transition("bijstand", "tussengroep_wacht"));
    CHECK(has_problem_containing(spec, "waiting state 'tussengroep_wacht' belongs to no capacity state"));
  }
  SECTION("shared by two") {
    ScenarioSpec spec = valid_spec();
    spec.states.push_back(state("beschut_pilot", StateKind::capacity, "beschut_wacht"));
    CHECK(has_problem_containing(
        spec, "waiting state 'beschut_wacht' belongs to 2 capacity states (beschut, beschut_pilot)"));
  }
  SECTION("a capacity state without one") {
    ScenarioSpec spec = valid_spec();
    spec.states[3].waiting_state = "bijstand";
    CHECK(has_problem_containing(
        spec, "capacity state 'beschut': its waiting state 'bijstand' is not of kind waiting"));
  }
}

TEST_CASE("a transition from the waiting list into its capacity state bypasses the queue", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.transitions.push_back(transition("beschut_wacht", "beschut"));
  CHECK(has_problem_containing(spec, "transition beschut_wacht->beschut bypasses the waiting list"));
}

TEST_CASE("unknown states and reserved names are errors", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.transitions.push_back(transition("bijstand", "bijstnad"));
  spec.arrivals.push_back(arrival("school", "schol"));
  spec.states.push_back(state("in", StateKind::living));
  CHECK(has_problem_containing(spec, "transition bijstand->bijstnad: unknown state 'bijstnad'"));
  CHECK(has_problem_containing(spec, "arrival stream 'school' goes into unknown state 'schol'"));
  CHECK(has_problem_containing(spec, "no state may be called 'in'"));
  CHECK_NOTHROW(transition_labels(spec));
}

TEST_CASE("validate_state_graph throws one line naming the file", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.transitions.push_back(transition("bijstand", "wsw"));
  spec.transitions.push_back(transition("overleden", "bijstand"));
  try {
    validate_state_graph(spec, "scenarios/pilot.toml");
    FAIL("no exception");
  } catch (const ws::InputError& e) {
    const std::string message = e.what();
    CHECK(message.rfind("scenarios/pilot.toml: state graph: ", 0) == 0);
    CHECK(message.find("bijstand->wsw") != std::string::npos);
    CHECK(message.find("overleden->bijstand") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("DOT output draws the states and edges", "[state_graph]") {
  const ScenarioSpec spec = valid_spec();
  std::ostringstream out;
  write_dot(out, build_state_graph(spec), spec, nullptr);
  const std::string dot = out.str();
  CHECK(dot.rfind("digraph \"test\" {", 0) == 0);
  CHECK(dot.find("rankdir=LR") != std::string::npos);
  CHECK(dot.find("\"pensioen\" [shape=doublecircle]") != std::string::npos);
  CHECK(dot.find("\"beschut\" [shape=box]") != std::string::npos);
  CHECK(dot.find("subgraph \"cluster_beschut\"") != std::string::npos);
  CHECK(dot.find("\"in\" -> \"bijstand\" [color=darkgreen") != std::string::npos);
  CHECK(dot.find("\"bijstand\" -> \"beschut_wacht\" [style=dashed") != std::string::npos);
  CHECK(dot.find("\"beschut_wacht\" -> \"beschut\" [style=bold") != std::string::npos);
  CHECK(dot.find("penwidth") == std::string::npos);
  CHECK(dot.find("label=\"scenario test\\nsolid: transition;") != std::string::npos);  // DOT's line break
  CHECK(std::count(dot.begin(), dot.end(), '{') == std::count(dot.begin(), dot.end(), '}'));
  // One drawn edge per label.
  std::size_t arrows = 0;
  for (std::size_t at = dot.find(" -> "); at != std::string::npos; at = dot.find(" -> ", at + 1)) ++arrows;
  CHECK(arrows == transition_labels(spec).size());
}

TEST_CASE("DOT output escapes quotes and backslashes", "[state_graph]") {
  ScenarioSpec spec = valid_spec();
  spec.states[1].description = R"(says "hi" \ bye)";
  std::ostringstream out;
  write_dot(out, build_state_graph(spec), spec, nullptr);
  CHECK(out.str().find(R"(tooltip="says \"hi\" \\ bye")") != std::string::npos);
}

TEST_CASE("DOT output labels edges with flows and scales the pen", "[state_graph]") {
  const ScenarioSpec spec = valid_spec();
  const FlowLabels flows{{"in->bijstand", 250.0},
                         {"bijstand->regulier", 12.34},
                         {"wsw->overleden", 0.256},
                         {"wsw->pensioen", 0.0}};
  std::ostringstream out;
  write_dot(out, build_state_graph(spec), spec, &flows);
  const std::string dot = out.str();
  CHECK(dot.find("label=\"250\", penwidth=6.00") != std::string::npos);   // the largest flow: widest pen
  CHECK(dot.find("label=\"12.3\", penwidth=0.77") != std::string::npos);  // 0.5 + 5.5 * 12.34 / 250
  CHECK(dot.find("label=\"0.26\", penwidth=0.51") != std::string::npos);
  CHECK(dot.find("label=\"0\", penwidth=0.50") != std::string::npos);
  CHECK(dot.find("mean persons per year") != std::string::npos);
  // An edge without a flow has no label.
  const auto line_start = dot.find("\"regulier\" -> \"bijstand\"");
  REQUIRE(line_start != std::string::npos);
  const std::string line = dot.substr(line_start, dot.find('\n', line_start) - line_start);
  CHECK(line.find("label=") == std::string::npos);
}

TEST_CASE("mean yearly flows average replications and years and sum gemeenten", "[state_graph]") {
  // [replication][year][gemeente][transition]: 2 x 2 x 2 x 2
  const std::vector<double> slab{1, 10, 2, 20,  // r0 y0: g0, g1
                                 3, 30, 4, 40,  // r0 y1
                                 5, 50, 6, 60,  // r1 y0
                                 7, 70, 8, 80};
  const auto flows = mean_yearly_flows({"a->b", "in->a"}, slab, 2, 2, 2);
  CHECK(flows.at("a->b") == Approx((1 + 2 + 3 + 4 + 5 + 6 + 7 + 8) / 4.0));
  CHECK(flows.at("in->a") == Approx(360 / 4.0));
  CHECK_THROWS_AS(mean_yearly_flows({"a->b"}, slab, 2, 2, 2), std::invalid_argument);
  CHECK(mean_yearly_flows({"a->b"}, {}, 0, 2, 2).empty());
}

TEST_CASE("mean yearly flows skip what was never written", "[state_graph]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // 1 replication x 3 years x 2 gemeenten x 2 transitions; year 2 was never written, "in->a" never at all.
  const std::vector<double> slab{1,   nan, 2,   nan,  // y0
                                 3,   nan, nan, nan,  // y1: gemeente 1 missing counts as nothing
                                 nan, nan, nan, nan};
  const auto flows = mean_yearly_flows({"a->b", "in->a"}, slab, 1, 3, 2);
  CHECK(flows.at("a->b") == Approx((1 + 2 + 3) / 2.0));
  CHECK(flows.count("in->a") == 0);
}
