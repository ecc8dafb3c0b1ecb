#pragma once
// Setting numbers of a scenario without a second parser: a calibration writes TOML override text, a scenario
// that `extend`s the original and sets each free key path in a [section] (merged key by key by the loader,
// docs/scenario-reference.md), plus the calibration's template with its {name} placeholders filled in.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/calibration/config.hpp"

namespace ws::calibration {

// "transitions.wsw->uitval.rate" -> {"transitions", "wsw->uitval", "rate"}; throws InputError on an empty
// segment.
std::vector<std::string> split_key_path(const std::string& path);

// A TOML key: bare when it may be, else a quoted basic string.
std::string toml_key(const std::string& segment);

// A number as TOML writes it, exactly enough to reproduce the fit ("0.0123456").
std::string toml_number(double value);

struct OverrideRequest {
  std::filesystem::path written_to;  // where the text will be saved (the extend path is relative to it)
  std::vector<std::string> values;   // TOML value text per free parameter (a number or { distribution })
  bool fitting = false;              // also shorten the horizon to the calibration's `end`
  bool fragment = false;             // the fitted sections only: no extend, no [scenario]
  std::string header;                // comment lines at the top (may be empty)
};
std::string override_text(const CalibrationConfig& cfg, const OverrideRequest& request);

}  // namespace ws::calibration
