// werkstroom graph SCENARIO [--results FILE [--scenario NAME]] [--out FILE.dot]: the scenario's states and
// transitions as a Graphviz graph; with --results, each edge shows the mean persons per year of that run.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "sim/common/error.hpp"
#include "sim/model/graph_dot.hpp"
#include "sim/model/state_graph.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/out_path.hpp"

namespace ws::cli {

namespace {

struct GraphOptions {
  std::string scenario_file;
  std::string results_file;
  std::string results_scenario;  // a name on the results file's `scenario` dimension
  std::string out_file;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Which scenario of the results file to draw: the one named by --scenario; without it, the one named like the
// scenario file. A file that holds other scenarios only is refused: its flows belong to another graph.
std::size_t results_scenario_index(const output::ResultsReader& reader, const std::string& wanted,
                                   const std::string& spec_name) {
  const auto names = reader.strings("scenario");
  if (names.empty()) throw InputError(reader.path().string() + ": dimension 'scenario' is empty");
  const std::string& name = wanted.empty() ? spec_name : wanted;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  const std::string holds = (names.size() == 1 ? "scenario " : "scenarios ") + join(names);
  if (wanted.empty())
    throw InputError(reader.path().string() + ": holds " + holds + ", not scenario '" + spec_name +
                     "' of the graph (--results; --scenario NAME draws one of them on this graph)");
  throw InputError(reader.path().string() + ": --scenario '" + wanted + "' is not in the file; it holds " +
                   holds);
}

// Mean persons per year of each transition, from flow_mean (scenario, year, gemeente, transition), the mean
// over replications that `run` writes: never the replications themselves, so a file of 20,000 replications
// reads as fast as one of 2.
model::FlowLabels read_flows(const GraphOptions& o, const model::ScenarioSpec& spec) {
  const output::ResultsReader reader(o.results_file);
  reader.require_results_structure();
  const std::vector<std::string> expected{"scenario", "year", "gemeente", "transition"};
  if (!reader.has_variable("flow_mean"))
    throw InputError(o.results_file + ": no variable 'flow_mean' (expected dims " + join(expected) + ")");
  if (reader.variable_dims("flow_mean") != expected)
    throw InputError(o.results_file + ": variable 'flow_mean' has dims (" +
                     join(reader.variable_dims("flow_mean")) + "), expected (" + join(expected) + ")");
  const std::size_t scenario = results_scenario_index(reader, o.results_scenario, spec.name);
  const auto shape = reader.shape("flow_mean");
  const std::size_t leading[] = {scenario};
  return model::mean_yearly_flows(reader.strings("transition"), reader.read("flow_mean", leading), 1,
                                  shape[1], shape[2]);
}

// Flows the graph has no edge for mean the results came from another version of the scenario: say so.
void warn_unmatched(const model::FlowLabels& flows, const model::ScenarioSpec& spec,
                    const std::string& file) {
  const auto labels = model::transition_labels(spec);
  const std::set<std::string> drawn(labels.begin(), labels.end());
  std::vector<std::string> unmatched;
  for (const auto& [label, flow] : flows)
    if (!drawn.count(label) && flow != 0) unmatched.push_back(label);
  if (!unmatched.empty())
    std::cerr << "werkstroom graph: warning: " << file
              << " has flows the scenario's graph has no edge for: " << join(unmatched) << "\n";
}

int run_graph(const GraphOptions& o) {
  const model::ScenarioSpec spec = scenario::load_scenario(o.scenario_file);
  model::validate_state_graph(spec, o.scenario_file);
  model::FlowLabels flows;
  if (!o.results_file.empty()) {
    flows = read_flows(o, spec);
    warn_unmatched(flows, spec, o.results_file);
  }
  const model::FlowLabels* shown = o.results_file.empty() ? nullptr : &flows;
  const model::StateGraph graph = model::build_state_graph(spec);
  if (o.out_file.empty()) {
    model::write_dot(std::cout, graph, spec, shown);
    return 0;
  }
  // Written whole to a temp file and renamed, like `run`: a full disk leaves no empty or cut-short file.
  check_out_path(o.out_file, true);
  std::ostringstream text;
  model::write_dot(text, graph, spec, shown);
  const std::optional<std::uint64_t> free_before = output::free_bytes(
      o.out_file.find('/') == std::string::npos ? "." : std::filesystem::path(o.out_file).parent_path());
  try {
    output::write_file_atomically(o.out_file, text.str());
  } catch (const std::system_error& e) {
    if (is_disk_full(e)) throw_disk_full(o.out_file, "the graph", free_before);
    throw InputError(o.out_file + ": " + e.what() + " (--out)");
  }
  return 0;
}

Registration add(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "graph", "Draw a scenario's states and transitions as a Graphviz DOT graph (render with: dot -Tsvg)");
  auto o = std::make_shared<GraphOptions>();
  sub->add_option("scenario", o->scenario_file, "scenario .toml file")->required();
  auto* results = sub->add_option(
      "--results", o->results_file,
      "results file of a run: label each edge with its mean persons per year (over replications and "
      "years, summed over gemeenten)");
  sub->add_option(
         "--scenario", o->results_scenario,
         "with --results: which scenario of the file (default: the one named like the scenario file, "
         "else the first)")
      ->needs(results);
  sub->add_option("--out", o->out_file, "write the DOT text to this file instead of standard output");
  return {[o]() { return run_graph(*o); }, sub};
}

const RegisterCommand registered{add};

}  // namespace

}  // namespace ws::cli
