#include "sim/model/graph_dot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace ws::model {

namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Three significant figures are as many as a mean over replications can carry.
std::string format_flow(double persons_per_year) {
  if (persons_per_year >= 100) return fmt::format("{:.0f}", persons_per_year);
  if (persons_per_year >= 10) return fmt::format("{:.1f}", persons_per_year);
  return fmt::format("{:.2f}", persons_per_year);
}

const char* edge_style(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::hazard:
      return "color=black";
    case EdgeKind::overflow:
      return "style=dashed, color=gray30";
    case EdgeKind::admission:
      return "style=bold, color=navy";
    case EdgeKind::aow:
    case EdgeKind::mortality:
      return "style=dotted, color=gray50";
    case EdgeKind::arrival:
      return "color=darkgreen";
  }
  return "";
}

void write_node(std::ostream& out, const StateSpec& s, const char* indent) {
  const char* shape = "shape=ellipse";
  if (s.kind == StateKind::capacity) shape = "shape=box";
  if (s.kind == StateKind::waiting) shape = "shape=box, style=\"rounded,dashed\"";
  if (s.kind == StateKind::exit) shape = "shape=doublecircle";
  out << indent << quoted(s.name) << " [" << shape;
  if (!s.description.empty()) out << ", tooltip=" << quoted(s.description);
  out << "];\n";
}

void write_nodes(std::ostream& out, const ScenarioSpec& spec) {
  out << "  " << quoted(kArrivalSource) << " [shape=plaintext, label=\"arrivals\"];\n";
  out << "  { rank=source; " << quoted(kArrivalSource) << "; }\n";
  std::map<std::string, const StateSpec*> waiting;  // by name, to place them next to their capacity state
  for (const auto& s : spec.states)
    if (s.kind == StateKind::waiting) waiting.emplace(s.name, &s);
  std::vector<std::string> placed;
  for (const auto& s : spec.states) {
    if (s.kind != StateKind::capacity) continue;
    out << "  subgraph " << quoted("cluster_" + s.name)
        << " {\n    style=dotted; label=\"\";\n    { rank=same;\n";
    write_node(out, s, "      ");
    if (const auto it = waiting.find(s.waiting_state); it != waiting.end()) {
      write_node(out, *it->second, "      ");
      placed.push_back(it->first);
    }
    out << "    }\n  }\n";
  }
  for (const auto& s : spec.states)
    if (s.kind == StateKind::living ||
        (s.kind == StateKind::waiting && std::find(placed.begin(), placed.end(), s.name) == placed.end()))
      write_node(out, s, "  ");
  out << "  { rank=sink;\n";
  for (const auto& s : spec.states)
    if (s.kind == StateKind::exit) write_node(out, s, "    ");
  out << "  }\n";
}

}  // namespace

void write_dot(std::ostream& out, const StateGraph& graph, const ScenarioSpec& spec,
               const FlowLabels* flows) {
  const Graph& g = graph.graph;
  double max_flow = 0;
  if (flows)
    for (const auto e : boost::make_iterator_range(boost::edges(g)))
      if (const auto it = flows->find(g[e].label); it != flows->end())
        max_flow = std::max(max_flow, it->second);

  std::string title = spec.name.empty() ? "werkstroom state graph" : "scenario " + spec.name;
  if (flows) title += "\\nedge labels: mean persons per year (over replications and years, all gemeenten)";
  title +=
      "\\nsolid: transition; dashed: to the waiting list when full; bold: admission; dotted: AOW and "
      "mortality";
  out << "digraph " << quoted(spec.name.empty() ? "states" : spec.name) << " {\n"
      << "  graph [rankdir=LR, labelloc=b, fontname=Helvetica, fontsize=10, nodesep=0.35, ranksep=0.9, label="
      << quoted(title) << "];\n"
      << "  node [fontname=Helvetica, fontsize=11];\n"
      << "  edge [fontname=Helvetica, fontsize=9, arrowsize=0.7];\n";
  write_nodes(out, spec);
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const TransitionEdge& edge = g[e];
    out << "  " << quoted(g[boost::source(e, g)].name) << " -> " << quoted(g[boost::target(e, g)].name)
        << " [" << edge_style(edge.kind)
        << ", tooltip=" << quoted(edge.label + " (" + to_string(edge.kind) + ")");
    if (flows)
      if (const auto it = flows->find(edge.label); it != flows->end()) {
        const double width = max_flow > 0 ? 0.5 + 5.5 * it->second / max_flow : 0.5;
        out << ", label=" << quoted(format_flow(it->second)) << ", penwidth=" << fmt::format("{:.2f}", width);
      }
    out << "];\n";
  }
  out << "}\n";
}

FlowLabels mean_yearly_flows(const std::vector<std::string>& labels, const std::vector<double>& slab,
                             std::size_t replications, std::size_t years, std::size_t gemeenten) {
  const std::size_t n = labels.size();
  if (slab.size() != replications * years * gemeenten * n)
    throw std::invalid_argument(fmt::format("flow slab has {} values, expected {} x {} x {} x {}",
                                            slab.size(), replications, years, gemeenten, n));
  std::vector<double> sum(n, 0.0);
  for (std::size_t cell = 0; cell < replications * years * gemeenten; ++cell)
    for (std::size_t t = 0; t < n; ++t) sum[t] += slab[cell * n + t];
  FlowLabels flows;
  if (replications * years == 0) return flows;  // no data is no flow, not a flow of zero
  const double samples = static_cast<double>(replications * years);
  for (std::size_t t = 0; t < n; ++t) flows[labels[t]] = sum[t] / samples;
  return flows;
}

}  // namespace ws::model
