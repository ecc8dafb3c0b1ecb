#pragma once
// Distribution tables, the way any number of a scenario can carry uncertainty:
//   { distribution = "uniform",    min = .., max = .. }
//   { distribution = "triangular", min = .., mode = .., max = .. }
//   { distribution = "normal",     mean = .., sd = .., lower = .., upper = .. }   (lower/upper optional:
//   truncation) { distribution = "lognormal",  median = .., sigma = .., lower = .., upper = .. }  (sigma of
//   log; bounds optional) { distribution = "beta",       alpha = .., beta = .., lower = 0, upper = 1 } {
//   distribution = "choice",     values = [..], weights = [..] }                 (weights optional: equal)
// The scenario uses the central value (uniform and beta: the mean; triangular: the mode; normal: the mean
// clamped to its bounds; lognormal: the median clamped; choice: the most likely value) where nothing is
// drawn.
#include <utility>

#include "sim/model/spec.hpp"
#include "sim/scenario/reader.hpp"

namespace ws::scenario {

// Parses and checks a distribution table (its parameters, and that its support lies within `bounds`).
model::ParameterDistribution parse_distribution(const Reader& reader, const Node& table,
                                                const std::string& path, const Bounds& bounds);

double central_value(const model::ParameterDistribution& d);

// The smallest and largest value a draw can take.
std::pair<double, double> support(const model::ParameterDistribution& d);

}  // namespace ws::scenario
