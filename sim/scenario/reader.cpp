#include "sim/scenario/reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/common/text.hpp"
#include "sim/scenario/distribution.hpp"

namespace ws::scenario {

namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string describe_value(const Node& n) {
  switch (n.type) {
    case Node::Type::string:
      return "\"" + n.text + "\"";
    case Node::Type::integer:
    case Node::Type::floating:
      return format_number(n.number);
    case Node::Type::boolean:
      return n.boolean ? "true" : "false";
    case Node::Type::date:
      return format_iso_date(n.day);
    default:
      return type_name(n.type);
  }
}

}  // namespace

std::string Bounds::describe() const {
  std::string out = "a number";
  const bool has_lower = std::isfinite(lower), has_upper = std::isfinite(upper) && !plausible_upper;
  if (has_lower && has_upper)
    out += " in [" + format_number(lower) + ", " + format_number(upper) + "]";
  else if (has_lower)
    out += (lower_open ? " > " : " >= ") + format_number(lower);
  else if (has_upper)
    out += " <= " + format_number(upper);
  if (*units != '\0') out += std::string(" (") + units + ")";
  return out;
}

std::string Bounds::describe_for(double v) const {
  const bool too_large = !(v <= upper);  // inf and nan too
  return describe() +
         (plausible_upper && too_large ? ", at most " + format_number(upper) + " (a plausible value)" : "");
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_path(const std::string& path, std::size_t index) {
  std::string out = path;
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

void Reader::fail(const Node& at, const std::string& path, const std::string& what) const {
  std::string where = at.source ? at.source->display : "scenario";
  if (at.line > 0) where += ":" + std::to_string(at.line);
  throw InputError(where + ": " + (path.empty() ? "" : path + ": ") + what);
}

void Reader::check_keys(const Node& table, const std::string& path,
                        std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, value] : table.members) {
    bool ok = false;
    for (const auto a : allowed) ok = ok || a == key;
    if (ok) continue;
    std::vector<std::string> candidates(allowed.begin(), allowed.end());
    const std::string suggestion = closest_match(key, candidates);
    std::string list;
    for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
    fail(value, join_path(path, key),
         "unknown key" + (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
             " (expected one of: " + list + ")");
  }
}

const Node& Reader::expect_table(const Node& n, const std::string& path) const {
  if (!n.is_table()) fail(n, path, std::string("expected a table, got ") + type_name(n.type));
  return n;
}

const Node& Reader::expect_array(const Node& n, const std::string& path) const {
  if (n.type != Node::Type::array)
    fail(n, path, std::string("expected an array [..], got ") + type_name(n.type));
  return n;
}

std::string Reader::string(const Node& n, const std::string& path) const {
  if (n.type != Node::Type::string) fail(n, path, std::string("expected a string, got ") + describe_value(n));
  return n.text;
}

bool Reader::boolean(const Node& n, const std::string& path) const {
  if (n.type != Node::Type::boolean) fail(n, path, "expected true or false, got " + describe_value(n));
  return n.boolean;
}

int Reader::integer(const Node& n, const std::string& path, long long lower, long long upper) const {
  if (n.type != Node::Type::integer || n.number < static_cast<double>(lower) ||
      n.number > static_cast<double>(upper))
    fail(n, path,
         "expected a whole number in [" + std::to_string(lower) + ", " + std::to_string(upper) + "], got " +
             describe_value(n));
  return static_cast<int>(n.number);
}

model::Day Reader::date(const Node& n, const std::string& path) const {
  if (n.type == Node::Type::date) return n.day;
  if (n.type == Node::Type::string)
    if (const auto d = parse_iso_date(n.text)) return *d;
  fail(n, path, "expected a date (2025-01-01 or \"2025-01-01\"), got " + describe_value(n));
}

double Reader::number(const Node& n, const std::string& path, const Bounds& bounds, Targets targets) {
  if (n.is_number()) {
    if (!bounds.contains(n.number))
      fail(n, path, "expected " + bounds.describe_for(n.number) + ", got " + describe_value(n));
    return n.number;
  }
  if (is_distribution(n)) {
    if (!targets.allowed)
      fail(n, path, "expected " + bounds.describe() + " (this key cannot carry a distribution)");
    auto d = parse_distribution(*this, n, path, bounds);
    const double central = central_value(d);
    if (model::find_parameter(spec_, path))
      throw std::logic_error("parameter slot '" + path + "' read twice");
    spec_.uncertain.push_back({path, bounds.units, std::move(d), std::move(targets.list)});
    return central;
  }
  fail(n, path,
       "expected " + bounds.describe() + " or a distribution table { distribution = \"...\", ... }, got " +
           describe_value(n));
}

std::vector<std::pair<int, const Node*>> Reader::by_year(const Node& table, const std::string& path) const {
  std::vector<std::pair<int, const Node*>> rows;
  for (const auto& [key, value] : table.members) {
    const auto parsed = parse_iso_date(key + "-01-01");
    if (key.size() != 4 || !parsed)
      fail(value, join_path(path, key), "expected a calendar year such as 2025 as key");
    rows.emplace_back(civil_from_days(*parsed).year, &value);
  }
  if (rows.empty()) fail(table, path, "expected at least one year");
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return rows;
}

const Node& Reader::required(const Node& table, const std::string& path, std::string_view key) const {
  if (const Node* n = table.find(key)) return *n;
  fail(table, path, "missing key '" + std::string(key) + "'");
}

const Node* Reader::optional_file(const Node& table, const std::string& path, std::string_view key) const {
  const Node* n = table.find(key);
  if (!n) return nullptr;
  return string(*n, join_path(path, key)).empty() ? nullptr : n;
}

std::string Reader::string_or(const Node& table, const std::string& path, std::string_view key,
                              std::string fallback) const {
  const Node* n = table.find(key);
  return n ? string(*n, join_path(path, key)) : fallback;
}

bool Reader::boolean_or(const Node& table, const std::string& path, std::string_view key,
                        bool fallback) const {
  const Node* n = table.find(key);
  return n ? boolean(*n, join_path(path, key)) : fallback;
}

double Reader::number_or(const Node& table, const std::string& path, std::string_view key, double fallback,
                         const Bounds& bounds, Targets targets) {
  const Node* n = table.find(key);
  return n ? number(*n, join_path(path, key), bounds, std::move(targets)) : fallback;
}

const CsvTable& Reader::csv(const Node& file_value, const std::string& path, bool require_source) {
  const std::string name = string(file_value, path);
  const std::filesystem::path resolved = file_value.source->directory / name;
  const std::string display = display_path(resolved);
  if (const auto it = tables_.find(display); it != tables_.end()) return *it->second;
  const auto text = read_file(resolved);
  if (!text) fail(file_value, path, "data file '" + display + "' not found (expected a CSV file)");
  auto table = std::make_unique<CsvTable>(display, *text, require_source);
  add_source(display, *text);
  return *tables_.emplace(display, std::move(table)).first->second;
}

void Reader::add_source(const std::string& display, const std::string& text) {
  spec_.sources.emplace_back(display, text);
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string display_path(const std::filesystem::path& file) {
  std::string out = file.lexically_normal().generic_string();
  return out.empty() ? "." : out;
}

}  // namespace ws::scenario
