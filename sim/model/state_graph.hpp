#pragma once
// The states and their allowed transitions as a directed graph (Boost.Graph): validated when a scenario
// loads, drawn with Graphviz, and the one source of the transition labels "from->to" that the model counts
// flows under and the results file names on its `transition` dimension.
//
// Edges, each labelled "from->to":
// - hazard:    a transition of the scenario (a competing risk);
// - overflow:  a hazard transition or an arrival into a capacity state that finds it full lands in the
// capacity
//              state's waiting state instead, and is counted as "from->waiting_state";
// - admission: every capacity state's waiting state -> the capacity state (first come first served, no
// hazard);
// - aow:       every living, capacity and waiting state -> spec.aow.exit_state;
// - mortality: every living, capacity and waiting state -> spec.mortality.exit_state;
// - arrival:   the pseudo-state "in" -> the state an arrival stream enters ("in->state").
// An empty aow or mortality exit_state switches that demographic exit off: it has no edges and no labels.
// When two kinds give the same label (an explicit "bijstand->beschut_wacht" and the overflow of
// "bijstand->beschut"), the label and its edge appear once, with the kind that came first in the order below.
#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "sim/model/spec.hpp"

namespace ws::model {

// The name of the pseudo-state arrivals come from; no state may be called this.
inline constexpr const char* kArrivalSource = "in";

enum class EdgeKind { hazard, overflow, admission, aow, mortality, arrival };

const char* to_string(EdgeKind kind);

// "from->to"
std::string transition_label(const std::string& from, const std::string& to);

struct GraphEdge {
  std::string from;  // a state name, or kArrivalSource
  std::string to;
  std::string label;  // "from->to"
  EdgeKind kind = EdgeKind::hazard;
};

// Every edge of the graph, once per label, in the order of transition_labels(). Transitions and arrivals that
// name unknown states are left out (graph_problems reports them).
std::vector<GraphEdge> graph_edges(const ScenarioSpec& spec);

// The transition labels, in this stable order:
//   for each state in spec order (exit states have none):
//     its transitions in spec order, each followed by its overflow label "from->waiting" when it goes into a
//     capacity state; then the admission "waiting->capacity" (waiting states); then "state->aow exit"; then
//     "state->mortality exit";
//   then for each distinct state entered by arrivals, in the order of spec.arrivals: "in->state", followed by
//     "in->waiting" when that state is a capacity state.
// A label that already appeared is not repeated.
std::vector<std::string> transition_labels(const ScenarioSpec& spec);

struct StateVertex {
  std::string name;
  StateKind kind = StateKind::living;
  bool arrival_source = false;  // the pseudo-vertex "in"
};

struct TransitionEdge {
  std::string label;
  EdgeKind kind = EdgeKind::hazard;
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, StateVertex, TransitionEdge>;
using Vertex =
    boost::graph_traits<Graph>::vertex_descriptor;  // bidirectional: in_edges and reverse_graph work

struct StateGraph {
  Graph graph;
  // Vertex i is spec.states[i]; the arrival pseudo-vertex "in" comes after them.
  Vertex arrival_source = 0;
  std::map<std::string, Vertex> vertex_by_name;  // states (first definition of a duplicate name) and "in"
};

StateGraph build_state_graph(const ScenarioSpec& spec);

// Every problem of the state graph, one message each, naming the state(s); empty when the graph is valid:
// unknown states (duplicate names, transitions, arrivals, waiting states, AOW and mortality exits, initial
// persons), exit states with a way out, states with no path to an exit, anything entering `wsw`, states
// nothing can ever enter (neither initial persons nor a path from an arrival), waiting states that do not
// belong to exactly one capacity state, and transitions that bypass a waiting list.
std::vector<std::string> graph_problems(const ScenarioSpec& spec);

// The structural rules for one hazard transition and for entering a state from outside (arrivals), written
// once: empty when allowed, else why not. Loaders and modules call them to report a mistake at the line that
// made it (after adding the transition to the spec); graph_problems applies them to the whole expanded graph.
std::string transition_rule(const ScenarioSpec& spec, const std::string& from, const std::string& to);
std::string entry_rule(const ScenarioSpec& spec, const std::string& into);

// Throws ws::InputError "<source_file>: state graph: <problem>. <problem>..." when graph_problems finds any.
void validate_state_graph(const ScenarioSpec& spec, const std::string& source_file);

}  // namespace ws::model
