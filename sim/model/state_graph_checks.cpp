// Validation of the state graph: the structural rules of MODEL.md, checked when a scenario loads.
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <set>

#include "sim/common/error.hpp"
#include "sim/model/state_graph.hpp"

namespace ws::model {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Which vertices some path from `sources` reaches (the sources included).
template <class G>
std::vector<bool> reached_from(const G& g, const std::vector<Vertex>& sources) {
  std::vector<boost::default_color_type> color(boost::num_vertices(g));
  auto color_map = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g));
  boost::queue<Vertex> buffer;
  boost::breadth_first_search(g, sources.begin(), sources.end(), buffer, boost::default_bfs_visitor(),
                              color_map);
  std::vector<bool> reached(color.size());
  for (std::size_t v = 0; v < color.size(); ++v) reached[v] = color[v] != boost::white_color;
  return reached;
}

class Checker {
 public:
  explicit Checker(const ScenarioSpec& spec) : spec_(spec) {
    for (const auto& s : spec.states) by_name_.emplace(s.name, &s);
  }

  std::vector<std::string> run() {
    check_names();
    check_references();
    check_transitions();
    check_waiting_states();
    const StateGraph g = build_state_graph(spec_);
    check_wsw(g);
    check_paths_to_exit(g);
    check_reachable(g);
    return std::move(problems_);
  }

 private:
  bool known(const std::string& name) const { return by_name_.count(name) > 0; }
  bool is(const std::string& name, StateKind kind) const {
    return known(name) && by_name_.at(name)->kind == kind;
  }
  void problem(std::string message) { problems_.push_back(std::move(message)); }

  void check_names() {
    std::set<std::string> seen;
    for (const auto& s : spec_.states) {
      if (!seen.insert(s.name).second) problem("state '" + s.name + "' is defined twice");
      if (s.name == kArrivalSource)
        problem(std::string("no state may be called '") + kArrivalSource +
                "': it names the source of arrivals");
      if (s.name.find("->") != std::string::npos)
        problem("state name '" + s.name +
                "' contains '->', which separates the states of a transition label");
      if (s.name.empty()) problem("a state has an empty name");
    }
  }

  void check_demographic_exit(const char* what, const std::string& name) {
    if (name.empty()) return;  // switched off
    if (!known(name))
      problem(std::string(what) + " exit state '" + name + "' is not a state");
    else if (!is(name, StateKind::exit))
      problem(std::string(what) + " exit state '" + name + "' is not an exit state");
  }

  void check_references() {
    for (const auto& t : spec_.transitions)
      for (const auto* end : {&t.from, &t.to})
        if (!known(*end))
          problem("transition " + transition_label(t.from, t.to) + ": unknown state '" + *end + "'");
    for (const auto& a : spec_.arrivals) {
      if (!known(a.into))
        problem("arrival stream '" + a.name + "' goes into unknown state '" + a.into + "'");
      else if (is(a.into, StateKind::exit))
        problem("arrival stream '" + a.name + "' goes into exit state '" + a.into + "'");
    }
    check_demographic_exit("AOW", spec_.aow.exit_state);
    check_demographic_exit("mortality", spec_.mortality.exit_state);
    std::set<std::string> initial_states;
    for (const auto& c : spec_.initial_cells) initial_states.insert(c.state);
    for (const auto& p : spec_.initial_persons) initial_states.insert(p.state);
    for (const auto& name : initial_states) {
      if (!known(name))
        problem("initial persons in unknown state '" + name + "'");
      else if (is(name, StateKind::exit))
        problem("initial persons in exit state '" + name + "'");
    }
  }

  void check_transitions() {
    std::set<std::string> seen;
    std::vector<std::string> from_exit;
    for (const auto& t : spec_.transitions) {
      const std::string label = transition_label(t.from, t.to);
      if (!seen.insert(label).second) problem("transition " + label + " is given twice");
      if (t.from == t.to) problem("transition " + label + " leaves and enters the same state");
      if (is(t.from, StateKind::exit)) from_exit.push_back(label);
      if (is(t.to, StateKind::capacity) && by_name_.at(t.to)->waiting_state == t.from)
        problem("transition " + label +
                " bypasses the waiting list: its admission is first come first served");
    }
    if (!from_exit.empty())
      problem("exit state(s) with a way out: " + join(from_exit) + "; exit states are absorbing");
  }

  void check_waiting_states() {
    for (const auto& s : spec_.states) {
      if (s.kind == StateKind::capacity) {
        if (s.waiting_state.empty())
          problem("capacity state '" + s.name + "' has no waiting state");
        else if (!known(s.waiting_state))
          problem("capacity state '" + s.name + "': its waiting state '" + s.waiting_state +
                  "' is not a state");
        else if (!is(s.waiting_state, StateKind::waiting))
          problem("capacity state '" + s.name + "': its waiting state '" + s.waiting_state +
                  "' is not of kind waiting");
      } else if (!s.waiting_state.empty()) {
        problem("state '" + s.name + "' has a waiting state ('" + s.waiting_state +
                "') but is not a capacity state");
      }
      if (s.kind != StateKind::waiting) continue;
      std::vector<std::string> owners;
      for (const auto& c : spec_.states)
        if (c.kind == StateKind::capacity && c.waiting_state == s.name) owners.push_back(c.name);
      if (owners.empty())
        problem("waiting state '" + s.name + "' belongs to no capacity state");
      else if (owners.size() > 1)
        problem("waiting state '" + s.name + "' belongs to " + std::to_string(owners.size()) +
                " capacity states (" + join(owners) + "); it must belong to exactly one");
    }
  }

  // Nobody enters the Wsw after 2015-01-01: it has an initial stock only.
  void check_wsw(const StateGraph& g) {
    const auto it = g.vertex_by_name.find("wsw");
    if (it == g.vertex_by_name.end()) return;
    std::vector<std::string> entries;
    for (const auto e : boost::make_iterator_range(boost::in_edges(it->second, g.graph)))
      entries.push_back(g.graph[e].label);
    if (!entries.empty())
      problem("nothing may enter wsw (initial stock only since 2015-01-01), but the scenario has " +
              join(entries));
  }

  void check_paths_to_exit(const StateGraph& g) {
    std::vector<Vertex> exits;
    for (std::size_t i = 0; i < spec_.states.size(); ++i)
      if (spec_.states[i].kind == StateKind::exit) exits.push_back(i);
    const auto reaches_exit = reached_from(boost::make_reverse_graph(g.graph), exits);
    std::vector<std::string> stuck;
    for (std::size_t i = 0; i < spec_.states.size(); ++i)
      if (!reaches_exit[i]) stuck.push_back(spec_.states[i].name);
    if (!stuck.empty()) problem("state(s) with no path to an exit state: " + join(stuck));
  }

  // A state is populated by initial persons or by arrivals; whatever no path from those reaches stays empty.
  void check_reachable(const StateGraph& g) {
    std::vector<Vertex> sources{g.arrival_source};
    for (const auto& c : spec_.initial_cells)
      if (c.count > 0 && known(c.state)) sources.push_back(g.vertex_by_name.at(c.state));
    for (const auto& p : spec_.initial_persons)
      if (known(p.state)) sources.push_back(g.vertex_by_name.at(p.state));
    const auto reached = reached_from(g.graph, sources);
    std::vector<std::string> unreachable;
    for (std::size_t i = 0; i < spec_.states.size(); ++i)
      if (!reached[i]) unreachable.push_back(spec_.states[i].name);
    if (!unreachable.empty())
      problem("unreachable state(s): " + join(unreachable) + "; nothing can ever enter them");
  }

  const ScenarioSpec& spec_;
  std::map<std::string, const StateSpec*> by_name_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> graph_problems(const ScenarioSpec& spec) { return Checker(spec).run(); }

namespace {

const StateSpec* find_state(const ScenarioSpec& spec, const std::string& name) {
  for (const auto& s : spec.states)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace

std::string entry_rule(const ScenarioSpec& spec, const std::string& into) {
  const StateSpec* to = find_state(spec, into);
  if (!to) return "unknown state '" + into + "'";
  if (to->name == "wsw" || to->module == Module::wsw)
    return "nothing may enter '" + into + "': the Wsw is closed to newcomers since 2015-01-01";
  return {};
}

std::string transition_rule(const ScenarioSpec& spec, const std::string& from, const std::string& to) {
  const StateSpec* f = find_state(spec, from);
  const StateSpec* t = find_state(spec, to);
  if (!f) return "unknown state '" + from + "'";
  if (!t) return "unknown state '" + to + "'";
  if (from == to) return "expected two different states, got '" + from + "' twice";
  if (f->kind == StateKind::exit)
    return "a transition out of exit state '" + from + "' is not allowed: exit states are absorbing";
  if (std::string why = entry_rule(spec, to); !why.empty()) return why;
  if (t->kind == StateKind::capacity && t->waiting_state == from)
    return "not allowed: '" + from + "' admits to '" + to +
           "' first come first served when a place frees, not by a hazard";
  for (const auto& existing : spec.transitions)
    if (&existing != &spec.transitions.back() && existing.from == from && existing.to == to)
      return "the transition " + transition_label(from, to) + " is given twice";
  return {};
}

void validate_state_graph(const ScenarioSpec& spec, const std::string& source_file) {
  const auto problems = graph_problems(spec);
  if (!problems.empty()) throw InputError(source_file + ": state graph: " + join(problems, ". "));
}

}  // namespace ws::model
