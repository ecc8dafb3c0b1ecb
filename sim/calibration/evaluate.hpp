#pragma once
// One evaluation of a calibration's objective: the scenario with the free parameters set (override text),
// the same replications with the same seeds every time (common random numbers, so the objective is smooth in
// the parameters), every target's model mean and 5-95% band over the replications, and the weighted sum of
// squared standardised errors.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/calibration/config.hpp"

namespace ws::calibration {

struct TargetFit {
  double mean = 0, low = 0, high = 0;
  double mean_se = 0;  // Monte Carlo standard error of the mean over the replications
  double z = 0;        // (mean - observed) / sqrt(sd^2 + mean_se^2)
};

struct Evaluation {
  std::vector<double> values;  // the parameters, as set
  std::vector<TargetFit> targets;
  std::vector<double> residuals;  // sqrt(weight) * z per target
  double objective = 0;           // sum of squared residuals
};

class Evaluator {
 public:
  explicit Evaluator(const CalibrationConfig& cfg) : cfg_(cfg) {}
  // Throws ws::InputError when the overridden scenario or a target does not fit the scenario.
  Evaluation operator()(const std::vector<double>& values);
  int count() const { return count_; }

 private:
  const CalibrationConfig& cfg_;
  int count_ = 0;
};

}  // namespace ws::calibration
