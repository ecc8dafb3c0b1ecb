#include "sim/model/state_graph.hpp"

#include <set>

namespace ws::model {

const char* to_string(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::hazard:
      return "hazard";
    case EdgeKind::overflow:
      return "overflow";
    case EdgeKind::admission:
      return "admission";
    case EdgeKind::aow:
      return "aow";
    case EdgeKind::mortality:
      return "mortality";
    case EdgeKind::arrival:
      return "arrival";
  }
  return "?";
}

std::string transition_label(const std::string& from, const std::string& to) { return from + "->" + to; }

namespace {

// The first definition of each state name (duplicates are a problem reported elsewhere).
std::map<std::string, const StateSpec*> states_by_name(const ScenarioSpec& spec) {
  std::map<std::string, const StateSpec*> by_name;
  for (const auto& s : spec.states) by_name.emplace(s.name, &s);
  return by_name;
}

class EdgeCollector {
 public:
  explicit EdgeCollector(const ScenarioSpec& spec) : spec_(spec), by_name_(states_by_name(spec)) {}

  std::vector<GraphEdge> collect() {
    const std::string* aow_exit = exit_state(spec_.aow.exit_state);
    const std::string* mortality_exit = exit_state(spec_.mortality.exit_state);
    std::set<std::string> done;
    for (const auto& state : spec_.states) {
      if (state.kind == StateKind::exit || !done.insert(state.name).second) continue;
      for (const auto& t : spec_.transitions)
        if (t.from == state.name && by_name_.count(t.to)) add_entry(t.from, t.to, EdgeKind::hazard);
      if (state.kind == StateKind::waiting)
        for (const auto& c : spec_.states)
          if (c.kind == StateKind::capacity && c.waiting_state == state.name)
            add(state.name, c.name, EdgeKind::admission);
      if (aow_exit) add(state.name, *aow_exit, EdgeKind::aow);
      if (mortality_exit) add(state.name, *mortality_exit, EdgeKind::mortality);
    }
    for (const auto& a : spec_.arrivals)
      if (by_name_.count(a.into)) add_entry(kArrivalSource, a.into, EdgeKind::arrival);
    return std::move(edges_);
  }

 private:
  const std::string* exit_state(const std::string& name) const {
    const auto it = by_name_.find(name);
    return it != by_name_.end() && it->second->kind == StateKind::exit ? &it->second->name : nullptr;
  }

  // The waiting state a person bound for `to` lands in when `to` is full, or nullptr.
  const std::string* overflow_state(const std::string& to) const {
    const StateSpec* target = by_name_.at(to);
    if (target->kind != StateKind::capacity) return nullptr;
    const auto it = by_name_.find(target->waiting_state);
    return it != by_name_.end() && it->second->kind == StateKind::waiting ? &it->second->name : nullptr;
  }

  void add(const std::string& from, const std::string& to, EdgeKind kind) {
    std::string label = transition_label(from, to);
    if (labels_.insert(label).second) edges_.push_back({from, to, std::move(label), kind});
  }

  // An entry into `to`, and its overflow into the waiting list when `to` is a capacity state. A waiting
  // state's own "overflow" would be a loop: that transition bypasses the queue and graph_problems reports it.
  void add_entry(const std::string& from, const std::string& to, EdgeKind kind) {
    add(from, to, kind);
    if (const std::string* waiting = overflow_state(to); waiting && *waiting != from)
      add(from, *waiting, EdgeKind::overflow);
  }

  const ScenarioSpec& spec_;
  std::map<std::string, const StateSpec*> by_name_;
  std::set<std::string> labels_;
  std::vector<GraphEdge> edges_;
};

}  // namespace

std::vector<GraphEdge> graph_edges(const ScenarioSpec& spec) { return EdgeCollector(spec).collect(); }

std::vector<std::string> transition_labels(const ScenarioSpec& spec) {
  std::vector<std::string> labels;
  for (auto& e : graph_edges(spec)) labels.push_back(std::move(e.label));
  return labels;
}

StateGraph build_state_graph(const ScenarioSpec& spec) {
  StateGraph g;
  for (const auto& s : spec.states) {
    const Vertex v = boost::add_vertex(StateVertex{s.name, s.kind, false}, g.graph);
    g.vertex_by_name.emplace(s.name, v);
  }
  g.arrival_source = boost::add_vertex(StateVertex{kArrivalSource, StateKind::living, true}, g.graph);
  g.vertex_by_name.emplace(kArrivalSource, g.arrival_source);
  for (auto& e : graph_edges(spec))
    boost::add_edge(g.vertex_by_name.at(e.from), g.vertex_by_name.at(e.to),
                    TransitionEdge{std::move(e.label), e.kind}, g.graph);
  return g;
}

}  // namespace ws::model
