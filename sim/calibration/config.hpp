#pragma once
// A calibration: which scenario, which of its numbers are free (key paths with bounds), which observed
// figures they are fitted to (a targets CSV), and how (replications with fixed seeds, the optimiser, the
// uncertainty step). Read from a CALIBRATION.toml file (docs/calibration.md).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ws::calibration {

// A free number of the scenario. Either `key` names it (a scenario key path such as
// "transitions.wsw->uitval.rate", set by an override section), or the calibration's `template` holds the
// placeholder {name} where its value goes (e.g. inside a by_age array).
struct FreeParameter {
  std::string name;
  std::string key;  // empty: placeholder in the template
  double lower = 0, upper = 0;
  bool log = false;  // searched on a log scale (rates, multipliers)
  std::optional<double> start;
};

// One observed figure. measure stock: persons in `states` (summed) at `date` (an output time); flow: persons
// making `transitions` (summed) in calendar `year`; share: flow `transitions` / flow `of` in `year`.
// gemeente "*" sums every gemeente. A label "wsw->*" means every flow out of wsw.
struct Target {
  int line = 0;
  std::string measure;
  std::string when;  // as written: a date (stock) or a year
  std::int64_t day = 0;
  int year = 0;
  std::vector<std::string> states, transitions, of;
  std::string gemeente = "*";
  double value = 0, sd = 0, weight = 1;
  std::string source;
  std::string describe() const;  // "stock wsw * 2017-01-01"
};

struct UncertaintyConfig {
  bool enabled = false;
  int samples = 0;         // parameter sets tried around the fit
  double width = 4;        // the box: the fit +- width standard errors (transformed scale)
  std::uint64_t seed = 1;  // of the samples
  double level = 0.95;     // accept sets whose objective is within the chi-square quantile of this level
};

struct CalibrationConfig {
  std::filesystem::path file;      // the CALIBRATION.toml
  std::filesystem::path scenario;  // the scenario fitted
  std::filesystem::path output;    // the scenario written: extends `scenario` with the fitted values
  std::filesystem::path report;    // fit report CSV (targets); parameters go to <stem>-parameters.csv
  // Optional: the fitted values alone (no extend, no [scenario]), for a scenario that extends them (the
  // baseline takes its fitted bijstand inflow from one). Every key it holds is a free parameter, so a rerun
  // overrides all of them and does not depend on the fragment's earlier content.
  std::optional<std::filesystem::path> fragment;
  std::string name;  // the calibrated scenario's name
  std::string description;
  std::string template_text;       // override TOML with {name} placeholders
  std::optional<std::string> end;  // a shorter horizon while fitting (a TOML date)
  std::size_t replications = 4;
  std::uint64_t seed = 1;
  std::string algorithm = "bobyqa";  // or "subplex"
  int max_evaluations = 200;
  double tolerance = 1e-4;  // relative, on the transformed parameters
  std::vector<FreeParameter> parameters;
  std::vector<Target> targets;
  std::filesystem::path targets_file;
  UncertaintyConfig uncertainty;
};

// Throws ws::InputError naming the file, the key or line, and what was expected.
CalibrationConfig read_calibration(const std::filesystem::path& file);

}  // namespace ws::calibration
