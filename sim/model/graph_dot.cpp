#include "sim/model/graph_dot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ws::model {

namespace {

// Appends `text` with DOT's string escapes.
void append_escaped(std::string& out, const std::string& text) {
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  append_escaped(out, text);
  return out += '"';
}

// A multi-line label: the lines joined by DOT's centred line break "\n".
std::string quoted_lines(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\\n";
    append_escaped(out, lines[i]);
  }
  return out += '"';
}

// Three significant figures are as many as a mean over replications can carry.
std::string format_flow(double persons_per_year) {
  if (persons_per_year == 0) return "0";
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

  std::vector<std::string> title{spec.name.empty() ? "werkstroom state graph" : "scenario " + spec.name};
  if (flows)
    title.push_back("edge labels: mean persons per year (over replications and years, all gemeenten)");
  title.push_back(
      "solid: transition; dashed: to the waiting list when full; bold: admission; dotted: AOW and "
      "mortality");
  out << "digraph " << quoted(spec.name.empty() ? "states" : spec.name) << " {\n"
      << "  graph [rankdir=LR, labelloc=b, fontname=Helvetica, fontsize=10, nodesep=0.35, ranksep=0.9, label="
      << quoted_lines(title) << "];\n"
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
  // A (replication, year) with no value in any gemeente was not written (an interrupted run): it is left out
  // of the mean rather than counted as a year without flow.
  std::vector<double> sum(n, 0.0);
  std::vector<std::size_t> samples(n, 0);
  for (std::size_t ry = 0; ry < replications * years; ++ry)
    for (std::size_t t = 0; t < n; ++t) {
      double total = 0;
      bool written = false;
      for (std::size_t g = 0; g < gemeenten; ++g)
        if (const double v = slab[(ry * gemeenten + g) * n + t]; !std::isnan(v)) {
          total += v;
          written = true;
        }
      if (written) {
        sum[t] += total;
        ++samples[t];
      }
    }
  FlowLabels flows;
  for (std::size_t t = 0; t < n; ++t)
    if (samples[t] > 0) flows[labels[t]] = sum[t] / static_cast<double>(samples[t]);
  return flows;
}

}  // namespace ws::model
