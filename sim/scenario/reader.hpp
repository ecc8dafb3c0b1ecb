#pragma once
// Typed reading of the merged scenario tree: every accessor checks the type and range of one value and throws
// ws::InputError "<file>:<line>: <key path>: expected <what>, got <what>" otherwise. Numbers may be
// distribution tables; those become UncertainParameters (see distribution.hpp).
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "sim/model/spec.hpp"
#include "sim/scenario/csv.hpp"
#include "sim/scenario/plausible.hpp"
#include "sim/scenario/tree.hpp"

namespace ws::scenario {

// The allowed range of a number and its unit, for checks and messages.
struct Bounds {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  const char* units = "";
  bool lower_open = false;       // lower itself is not allowed (e.g. > 0)
  bool plausible_upper = false;  // upper is a plausibility limit, named only when a value exceeds it
  std::string describe() const;  // "a number >= 0 (per year)"
  // For a value that breaks the bounds: "a number >= 0 (per year), at most 1000 (a plausible value)".
  std::string describe_for(double v) const;
  // Finite numbers only: an infinite upper bound means "no limit", not that inf itself is allowed.
  bool contains(double v) const {
    return std::isfinite(v) && (lower_open ? v > lower : v >= lower) && v <= upper;
  }
};

inline Bounds non_negative(const char* units, double upper = plausible::kLargestNumber) {
  return {0.0, upper, units, false, true};
}
inline Bounds positive(const char* units, double upper = plausible::kLargestNumber) {
  return {0.0, upper, units, true, true};
}
inline Bounds share() { return {0.0, 1.0, "share"}; }

// Where the drawn values of a number go when the scenario gives it a distribution (the slot's targets).
// `nullptr` means the key cannot carry uncertainty; no targets yet means the caller attaches them later
// (a module that expands the number into several places, e.g. a pilot).
using T = model::ParameterTarget;  // short: the loaders name many targets
using K = model::ParameterTarget::Kind;
struct Targets {
  Targets() = default;
  Targets(std::nullptr_t) : allowed(false) {}     // NOLINT: reads as "no setter" at the call sites
  Targets(model::ParameterTarget t) : list{t} {}  // NOLINT
  Targets(std::vector<model::ParameterTarget> l) : list(std::move(l)) {}  // NOLINT
  bool allowed = true;
  std::vector<model::ParameterTarget> list;
};

std::string join_path(const std::string& path, std::string_view key);
std::string index_path(const std::string& path, std::size_t index);  // "path[index]"

class Reader {
 public:
  explicit Reader(model::ScenarioSpec& spec) : spec_(spec) {}

  model::ScenarioSpec& spec() { return spec_; }

  [[noreturn]] void fail(const Node& at, const std::string& path, const std::string& what) const;
  // Unknown keys are errors, with the closest allowed key as a suggestion.
  void check_keys(const Node& table, const std::string& path,
                  std::initializer_list<std::string_view> allowed) const;

  const Node& expect_table(const Node& n, const std::string& path) const;
  const Node& expect_array(const Node& n, const std::string& path) const;
  std::string string(const Node& n, const std::string& path) const;
  bool boolean(const Node& n, const std::string& path) const;
  int integer(const Node& n, const std::string& path, long long lower, long long upper) const;
  model::Day date(const Node& n, const std::string& path) const;  // a TOML date or "YYYY-MM-DD"
  // A number within `bounds`, or a distribution table whose support lies within them. For a distribution, the
  // central value is returned and a parameter slot named `path` with `targets` is added.
  double number(const Node& n, const std::string& path, const Bounds& bounds, Targets targets);

  // Accessors for a member of a table: `fallback` when the key is absent.
  std::string string_or(const Node& table, const std::string& path, std::string_view key,
                        std::string fallback) const;
  bool boolean_or(const Node& table, const std::string& path, std::string_view key, bool fallback) const;
  double number_or(const Node& table, const std::string& path, std::string_view key, double fallback,
                   const Bounds& bounds, Targets targets);
  const Node& required(const Node& table, const std::string& path, std::string_view key) const;
  // The members of a table { 2025 = ..., 2026 = ... } by calendar year, ascending (at least one).
  std::vector<std::pair<int, const Node*>> by_year(const Node& table, const std::string& path) const;
  // An optional data-file key: null when absent or "" (which lets a child scenario drop an inherited table).
  const Node* optional_file(const Node& table, const std::string& path, std::string_view key) const;

  // A data file named by a string value, relative to the scenario file that wrote it; read once, kept in
  // sources.
  const CsvTable& csv(const Node& file_value, const std::string& path, bool require_source = true);

  // A scenario file's text, registered as a source.
  void add_source(const std::string& display, const std::string& text);

 private:
  model::ScenarioSpec& spec_;
  std::map<std::string, std::unique_ptr<CsvTable>> tables_;  // by display path
};

// Reads a whole file; nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& file);

// The path as messages show it: relative paths stay relative, "a/../b" becomes "b".
std::string display_path(const std::filesystem::path& file);

}  // namespace ws::scenario
