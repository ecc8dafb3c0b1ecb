#pragma once
// The calibration itself: a derivative-free search (NLopt BOBYQA or Subplex) over the free parameters on
// their transformed scale (log for rates), standard errors from the Gauss-Newton curvature of the
// standardised residuals at the fit, and an uncertainty step: parameter sets drawn around the fit are kept
// when their objective lies within the chi-square quantile of the fit's (a likelihood-ratio region), and
// their ranges become the parameters' distributions.
#include <iosfwd>
#include <vector>

#include "sim/calibration/config.hpp"
#include "sim/calibration/evaluate.hpp"

namespace ws::calibration {

struct ParameterFit {
  double value = 0;
  double se = 0;  // on the value scale (delta method for log parameters); nan when not identified
  double accepted_min = 0, accepted_max = 0;
};

struct FitResult {
  Evaluation best;
  std::vector<ParameterFit> parameters;
  int evaluations = 0;
  int samples = 0, accepted = 0;  // the uncertainty step
  double threshold = 0;           // objective limit of the accepted sets
};

// `log` receives one line per stage.
FitResult fit(const CalibrationConfig& cfg, std::ostream& log);

// Writes the calibrated scenario (cfg.output) and the reports (cfg.report, <stem>-parameters.csv).
void write_results(const CalibrationConfig& cfg, const FitResult& result);

}  // namespace ws::calibration
