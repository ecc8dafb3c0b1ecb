// Writing a calibration's results: the scenario that extends the original with the fitted values (as
// triangular distributions over the accepted range when the uncertainty step ran), the fit report per target
// and the parameter table.
#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "sim/calibration/fit.hpp"
#include "sim/calibration/overrides.hpp"
#include "sim/common/error.hpp"
#include "sim/scenario/reader.hpp"

namespace ws::calibration {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "+") + p;
  return out;
}

void save(const std::filesystem::path& file, const std::string& text) {
  if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file);
  out << text;
  if (!out) throw InputError(scenario::display_path(file) + ": cannot write");
}

std::string value_text(const ParameterFit& p) {
  const double tiny = 1e-9 * std::max(1.0, std::abs(p.value));
  if (!(p.accepted_max - p.accepted_min > tiny)) return toml_number(p.value);
  return fmt::format("{{ distribution = \"triangular\", min = {}, mode = {}, max = {} }}",
                     toml_number(p.accepted_min), toml_number(p.value), toml_number(p.accepted_max));
}

std::string targets_report(const CalibrationConfig& cfg, const FitResult& r) {
  std::string out =
      "target,measure,date,selector,of,gemeente,observed,sd,model_mean,model_low,model_high,error,"
      "relative_error,z,weight,source\n";
  for (std::size_t t = 0; t < cfg.targets.size(); ++t) {
    const auto& target = cfg.targets[t];
    const auto& f = r.best.targets[t];
    const auto& selector = target.measure == "stock" ? target.states : target.transitions;
    const double error = f.mean - target.value;
    out += fmt::format(
        "{},{},{},{},{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.4g},{:.3f},{:.6g},{}\n", t + 1,
        target.measure, target.when, csv_field(joined(selector)), csv_field(joined(target.of)),
        csv_field(target.gemeente), target.value, target.sd, f.mean, f.low, f.high, error,
        target.value != 0 ? error / target.value : 0.0, f.z, target.weight, csv_field(target.source));
  }
  return out;
}

std::string parameters_report(const CalibrationConfig& cfg, const FitResult& r) {
  std::string out = "parameter,key,value,se,accepted_min,accepted_max,lower,upper,log\n";
  for (std::size_t i = 0; i < cfg.parameters.size(); ++i) {
    const auto& p = cfg.parameters[i];
    const auto& f = r.parameters[i];
    out += fmt::format("{},{},{:.6g},{:.4g},{:.6g},{:.6g},{:.6g},{:.6g},{}\n", csv_field(p.name),
                       csv_field(p.key), f.value, f.se, f.accepted_min, f.accepted_max, p.lower, p.upper,
                       p.log ? "true" : "false");
  }
  return out;
}

}  // namespace

void write_results(const CalibrationConfig& cfg, const FitResult& r) {
  OverrideRequest request;
  request.written_to = cfg.output;
  for (const auto& p : r.parameters) request.values.push_back(value_text(p));
  request.header = fmt::format(
      "# Written by `werkstroom calibrate {}`: do not edit, rerun it (docs/calibration.md).\n"
      "# Targets {}; {} replications, seed {}; objective {:.4g} (sum of squared standardised errors over {} "
      "targets) after {} evaluations.\n",
      scenario::display_path(cfg.file), scenario::display_path(cfg.targets_file), cfg.replications, cfg.seed,
      r.best.objective, cfg.targets.size(), r.evaluations);
  if (cfg.uncertainty.enabled)
    request.header += fmt::format(
        "# Uncertainty: {} of {} parameter sets around the fit had an objective within {:.4g} (chi-square "
        "{:g} "
        "quantile); each parameter is triangular over their range (drawn independently).\n",
        r.accepted, r.samples, r.threshold, cfg.uncertainty.level);
  request.header += "\n";
  save(cfg.output, override_text(cfg, request));
  if (cfg.fragment) {
    request.written_to = *cfg.fragment;
    request.fragment = true;
    save(*cfg.fragment, override_text(cfg, request));
  }
  save(cfg.report, targets_report(cfg, r));
  auto parameters = cfg.report;
  parameters.replace_filename(cfg.report.stem().string() + "-parameters.csv");
  save(parameters, parameters_report(cfg, r));
}

}  // namespace ws::calibration
