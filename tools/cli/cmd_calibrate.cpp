// werkstroom calibrate CALIBRATION.toml: fits the free parameters of a scenario to observed figures and writes
// the calibrated scenario (extending the original) and the fit report (docs/calibration.md).
#include <oneapi/tbb/global_control.h>

#include <iostream>
#include <memory>
#include <optional>

#include "sim/calibration/config.hpp"
#include "sim/calibration/fit.hpp"
#include "sim/common/error.hpp"
#include "sim/scenario/reader.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {

namespace {

struct Options {
  std::string file, output, report, fragment;
  int threads = 0;
};

void print_fit(const calibration::CalibrationConfig& cfg, const calibration::FitResult& r) {
  std::cout << "parameters (value, standard error, accepted range):\n";
  for (std::size_t i = 0; i < cfg.parameters.size(); ++i) {
    const auto& p = r.parameters[i];
    std::cout << "  " << cfg.parameters[i].name << " = " << p.value << "  se " << p.se << "  ["
              << p.accepted_min << ", " << p.accepted_max << "]\n";
  }
  std::cout << "targets (observed, model mean, z):\n";
  for (std::size_t t = 0; t < cfg.targets.size(); ++t)
    std::cout << "  " << cfg.targets[t].describe() << ": " << cfg.targets[t].value << ", "
              << r.best.targets[t].mean << ", " << r.best.targets[t].z << "\n";
  std::cout << "wrote " << scenario::display_path(cfg.output) << " and " << scenario::display_path(cfg.report)
            << (cfg.fragment ? " and " + scenario::display_path(*cfg.fragment) : std::string()) << "\n";
}

Registration add(CLI::App& app) {
  auto* sub = app.add_subcommand("calibrate", "Fit a scenario's free parameters to observed figures");
  auto options = std::make_shared<Options>();
  sub->add_option("calibration", options->file, "calibration .toml file")->required();
  sub->add_option("--output", options->output, "write the calibrated scenario here instead");
  sub->add_option("--report", options->report, "write the fit report here instead");
  sub->add_option("--fragment", options->fragment, "write the fitted values alone here instead");
  sub->add_option("--threads", options->threads, "worker threads (default: all)")->check(CLI::Range(1, 1024));
  return {[options]() {
            std::optional<tbb::global_control> threads;
            if (options->threads > 0)
              threads.emplace(tbb::global_control::max_allowed_parallelism, options->threads);
            auto cfg = calibration::read_calibration(options->file);
            if (!options->output.empty()) cfg.output = options->output;
            if (!options->report.empty()) cfg.report = options->report;
            if (!options->fragment.empty()) {
              if (!cfg.fragment)
                throw InputError(options->file + ": --fragment: expected calibration.fragment in the file");
              cfg.fragment = options->fragment;
            }
            const auto result = calibration::fit(cfg, std::cout);
            calibration::write_results(cfg, result);
            print_fit(cfg, result);
            return 0;
          },
          sub};
}

const RegisterCommand registered{add};

}  // namespace

}  // namespace ws::cli
