#pragma once
// Graphviz DOT drawing of the state graph, optionally with the mean yearly flows of a run on its edges.
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "sim/model/spec.hpp"
#include "sim/model/state_graph.hpp"

namespace ws::model {

// Mean persons per year per transition label "from->to" (arrivals "in->state").
using FlowLabels = std::map<std::string, double>;

// Left to right: arrivals come from "in" at the left, exits are double circles at the right, each capacity
// state (a box) sits next to its waiting state (a dashed box). Edge styles: solid = hazard transition, dashed
// = to the waiting list when the capacity state is full, bold = admission from the waiting list, dotted = AOW
// and mortality, green = arrivals. With `flows`, every edge whose label is in it shows the flow, and its pen
// width grows linearly with the flow (the largest flow gets the widest pen); edges missing from `flows` are
// unlabelled.
void write_dot(std::ostream& out, const StateGraph& graph, const ScenarioSpec& spec, const FlowLabels* flows);

// The `flow` variable of a results file for one scenario, as a row-major slab [replication][year][gemeente]
// [transition] of persons per year: the mean over replications and years of the sum over gemeenten, per
// label. Throws std::invalid_argument when the slab size does not match the dimensions.
FlowLabels mean_yearly_flows(const std::vector<std::string>& labels, const std::vector<double>& slab,
                             std::size_t replications, std::size_t years, std::size_t gemeenten);

}  // namespace ws::model
