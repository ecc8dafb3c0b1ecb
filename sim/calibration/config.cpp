#include "sim/calibration/config.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/scenario/csv.hpp"
#include "sim/scenario/reader.hpp"
#include "sim/scenario/tree.hpp"

namespace ws::calibration {
namespace {

using scenario::Node;

class Keys {
 public:
  explicit Keys(std::string display) : display_(std::move(display)) {}

  [[noreturn]] void fail(const Node& at, const std::string& path, const std::string& what) const {
    throw InputError(fmt::format("{}:{}: {}: expected {}", display_, at.line, path, what));
  }
  const Node& table(const Node& parent, const std::string& key, const std::string& path) const {
    const Node* n = parent.find(key);
    if (n == nullptr) fail(parent, path, "a table [" + path + "]");
    if (!n->is_table()) fail(*n, path, "a table");
    return *n;
  }
  const Node* optional(const Node& table, const std::string& key) const { return table.find(key); }
  std::string string(const Node& table, const std::string& path, const std::string& key,
                     std::optional<std::string> fallback = std::nullopt) const {
    const Node* n = table.find(key);
    if (n == nullptr) {
      if (fallback) return *fallback;
      fail(table, path + "." + key, "a string");
    }
    if (n->type != Node::Type::string) fail(*n, path + "." + key, "a string");
    return n->text;
  }
  double number(const Node& table, const std::string& path, const std::string& key,
                std::optional<double> fallback = std::nullopt) const {
    const Node* n = table.find(key);
    if (n == nullptr) {
      if (fallback) return *fallback;
      fail(table, path + "." + key, "a number");
    }
    if (!n->is_number() || !std::isfinite(n->number)) fail(*n, path + "." + key, "a number");
    return n->number;
  }
  long long integer(const Node& table, const std::string& path, const std::string& key, long long fallback,
                    long long lower, long long upper) const {
    const Node* n = table.find(key);
    if (n == nullptr) return fallback;
    if (n->type != Node::Type::integer || n->integer < lower || n->integer > upper)
      fail(*n, path + "." + key, fmt::format("a whole number in [{}, {}]", lower, upper));
    return n->integer;
  }
  bool boolean(const Node& table, const std::string& path, const std::string& key, bool fallback) const {
    const Node* n = table.find(key);
    if (n == nullptr) return fallback;
    if (n->type != Node::Type::boolean) fail(*n, path + "." + key, "true or false");
    return n->boolean;
  }
  void only(const Node& table, const std::string& path,
            std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : table.members) {
      bool ok = false;
      for (auto a : allowed) ok = ok || a == key;
      if (!ok) fail(value, path.empty() ? key : path + "." + key, "no such key");
    }
  }

 private:
  std::string display_;
};

std::vector<std::string> split_plus(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const auto plus = text.find('+', from);
    const auto part = text.substr(from, plus == std::string::npos ? std::string::npos : plus - from);
    if (!part.empty()) out.push_back(part);
    if (plus == std::string::npos) break;
    from = plus + 1;
  }
  return out;
}

FreeParameter read_parameter(const Keys& k, const std::string& name, const Node& t) {
  const std::string path = "parameters." + name;
  if (!t.is_table()) k.fail(t, path, "a table with lower, upper");
  k.only(t, path, {"key", "lower", "upper", "log", "start", "description"});
  FreeParameter p;
  p.name = name;
  p.key = k.string(t, path, "key", std::string());
  p.lower = k.number(t, path, "lower");
  p.upper = k.number(t, path, "upper");
  p.log = k.boolean(t, path, "log", false);
  if (!(p.upper > p.lower)) k.fail(t, path + ".upper", fmt::format("a number above lower = {}", p.lower));
  if (p.log && p.lower <= 0) k.fail(t, path + ".lower", "a number > 0 (log = true)");
  if (t.find("start")) {
    p.start = k.number(t, path, "start");
    if (*p.start < p.lower || *p.start > p.upper)
      k.fail(t, path + ".start", "a number within [lower, upper]");
  }
  return p;
}

Target read_target(const scenario::CsvTable& csv, const scenario::CsvTable::Row& row) {
  Target t;
  t.line = row.line;
  t.measure = csv.text(row, "measure");
  t.when = csv.text(row, "date");
  if (t.measure == "stock") {
    t.day = csv.date(row, "date");
    t.states = split_plus(csv.text(row, "state"));
    if (t.states.empty()) csv.fail(row, "state", "one or more states (a+b)");
  } else if (t.measure == "flow" || t.measure == "share") {
    t.year = csv.integer(row, "date");
    t.transitions = split_plus(csv.text(row, "transition"));
    if (t.transitions.empty()) csv.fail(row, "transition", "one or more flow labels (a->b+a->c)");
    if (t.measure == "share") {
      t.of = split_plus(csv.text(row, "of"));
      if (t.of.empty()) csv.fail(row, "of", "the denominator's flow labels");
    }
  } else {
    csv.fail(row, "measure", "stock, flow or share");
  }
  if (csv.has_column("gemeente") && !csv.text(row, "gemeente").empty())
    t.gemeente = csv.text(row, "gemeente");
  t.value = csv.number(row, "value");
  t.sd = csv.number(row, "sd");
  if (!(t.sd > 0)) csv.fail(row, "sd", "a number > 0 (the figure's uncertainty)");
  if (csv.has_column("weight") && !csv.text(row, "weight").empty())
    t.weight = csv.non_negative(row, "weight");
  t.source = csv.text(row, "source");
  return t;
}

std::vector<Target> read_targets(const std::filesystem::path& file) {
  const auto display = scenario::display_path(file);
  const auto text = scenario::read_file(file);
  if (!text) throw InputError(display + ": cannot open the targets file");
  scenario::CsvTable csv(display, *text);
  csv.require_columns({"date", "measure", "value", "sd", "source"});
  std::vector<Target> out;
  for (const auto& row : csv.rows()) out.push_back(read_target(csv, row));
  if (out.empty()) throw InputError(display + ": expected at least one target row");
  return out;
}

}  // namespace

std::string Target::describe() const {
  std::string what;
  for (const auto& s : measure == "stock" ? states : transitions) what += (what.empty() ? "" : "+") + s;
  if (measure == "share") {
    what += " of ";
    for (std::size_t i = 0; i < of.size(); ++i) what += (i ? "+" : "") + of[i];
  }
  return measure + " " + what + " " + gemeente + " " + when;
}

CalibrationConfig read_calibration(const std::filesystem::path& file) {
  const auto display = scenario::display_path(file);
  const auto text = scenario::read_file(file);
  if (!text) throw InputError(display + ": cannot open the calibration file");
  auto source = std::make_shared<scenario::SourceFile>(scenario::SourceFile{display, file.parent_path()});
  const Node root = scenario::parse_toml(*text, source);
  const Keys k(display);
  k.only(root, "", {"calibration", "parameters", "uncertainty"});
  const Node& c = k.table(root, "calibration", "calibration");
  k.only(c, "calibration",
         {"scenario", "targets", "output", "report", "fragment", "name", "description", "template", "end",
          "replications", "seed", "algorithm", "max_evaluations", "tolerance"});
  CalibrationConfig cfg;
  const auto dir = file.parent_path();
  cfg.file = file;
  cfg.scenario = dir / k.string(c, "calibration", "scenario");
  cfg.targets_file = dir / k.string(c, "calibration", "targets");
  cfg.output = dir / k.string(c, "calibration", "output");
  cfg.report = dir / k.string(c, "calibration", "report");
  if (c.find("fragment")) cfg.fragment = dir / k.string(c, "calibration", "fragment");
  cfg.name = k.string(c, "calibration", "name");
  cfg.description = k.string(c, "calibration", "description", std::string());
  cfg.template_text = k.string(c, "calibration", "template", std::string());
  if (const Node* e = c.find("end")) {
    if (e->type != Node::Type::date) k.fail(*e, "calibration.end", "a date such as 2018-01-01");
    cfg.end = format_iso_date(e->day);
  }
  cfg.replications = static_cast<std::size_t>(k.integer(c, "calibration", "replications", 4, 1, 1000));
  cfg.seed = static_cast<std::uint64_t>(k.integer(c, "calibration", "seed", 1, 0, (1LL << 62)));
  cfg.algorithm = k.string(c, "calibration", "algorithm", std::string("bobyqa"));
  if (cfg.algorithm != "bobyqa" && cfg.algorithm != "subplex")
    k.fail(*c.find("algorithm"), "calibration.algorithm", "\"bobyqa\" or \"subplex\"");
  cfg.max_evaluations = static_cast<int>(k.integer(c, "calibration", "max_evaluations", 200, 1, 100000));
  cfg.tolerance = k.number(c, "calibration", "tolerance", 1e-4);

  const Node& ps = k.table(root, "parameters", "parameters");
  for (const auto& [name, t] : ps.members) {
    cfg.parameters.push_back(read_parameter(k, name, t));
    const auto& p = cfg.parameters.back();
    if (p.key.empty() && cfg.template_text.find("{" + name + "}") == std::string::npos)
      k.fail(t, "parameters." + name + ".key",
             "a scenario key path, or {" + name + "} in calibration.template");
  }
  if (cfg.parameters.empty()) k.fail(ps, "parameters", "at least one free parameter");

  if (const Node* u = root.find("uncertainty")) {
    if (!u->is_table()) k.fail(*u, "uncertainty", "a table");
    k.only(*u, "uncertainty", {"samples", "width", "seed", "level"});
    cfg.uncertainty.enabled = true;
    cfg.uncertainty.samples = static_cast<int>(k.integer(*u, "uncertainty", "samples", 50, 1, 100000));
    cfg.uncertainty.width = k.number(*u, "uncertainty", "width", 4.0);
    cfg.uncertainty.seed =
        static_cast<std::uint64_t>(k.integer(*u, "uncertainty", "seed", 1, 0, (1LL << 62)));
    cfg.uncertainty.level = k.number(*u, "uncertainty", "level", 0.95);
    if (!(cfg.uncertainty.level > 0 && cfg.uncertainty.level < 1))
      k.fail(*u, "uncertainty.level", "a probability in (0, 1)");
  }
  cfg.targets = read_targets(cfg.targets_file);
  return cfg;
}

}  // namespace ws::calibration
