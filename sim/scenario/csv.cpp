#include "sim/scenario/csv.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"

namespace ws::scenario {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

// Splits one line; returns false on an unterminated quote.
bool split_line(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && trim(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (c == ',') {
      fields.push_back(was_quoted ? field : trim(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields.push_back(was_quoted ? field : trim(field));
  return true;
}

// "1e+07" for limits, "42" for small whole numbers.
std::string format_limit(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// "42.159" or "1.234.567": digits grouped in threes by dots, as a Dutch spreadsheet writes thousands.
bool looks_like_thousands_separator(const std::string& t) {
  const auto dot = t.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 3) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool separator_position = i >= dot && (i - dot) % 4 == 0;
    if (separator_position ? t[i] != '.' : !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  }
  return (t.size() - dot) % 4 == 0;
}

}  // namespace

CsvTable::CsvTable(std::string display, const std::string& text, bool require_source)
    : display_(std::move(display)) {
  // A spreadsheet's UTF-8 byte order mark is not part of the first column's name.
  std::size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  if (const auto nul = text.find('\0'); nul != std::string::npos)
    throw InputError(
        display_ + ":" +
        std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n')) +
        ": a NUL byte; expected text (is this a CSV file?)");
  int line_number = 0;
  std::vector<std::string> fields;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line_number;
    const int first_line = line_number;
    const std::string trimmed = trim(std::string_view(text.data() + start, end - start));
    if (trimmed.empty() || trimmed[0] == '#') {
      start = end + 1;
      continue;
    }
    // A quoted field may hold line breaks (as a spreadsheet writes them): take lines until the quote closes.
    bool complete = split_line(std::string_view(text.data() + start, end - start), fields);
    while (!complete && end < text.size()) {
      end = text.find('\n', end + 1);
      if (end == std::string::npos) end = text.size();
      ++line_number;
      complete = split_line(std::string_view(text.data() + start, end - start), fields);
    }
    start = end + 1;
    if (!complete)
      throw InputError(display_ + ":" + std::to_string(first_line) + ": unterminated quoted field");
    if (header_.empty()) {
      header_ = fields;
      header_line_ = first_line;
      for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i].empty())
          throw InputError(display_ + ":" + std::to_string(first_line) + ": header column " +
                           std::to_string(i + 1) + " has no name");
      continue;
    }
    if (fields.size() != header_.size())
      throw InputError(display_ + ":" + std::to_string(first_line) + ": expected " +
                       std::to_string(header_.size()) + " fields (as in the header), got " +
                       std::to_string(fields.size()));
    rows_.push_back({first_line, fields});
  }
  if (header_.empty()) throw InputError(display_ + ": empty data file: expected a header row");
  if (const auto s = index_of("source")) {
    for (const auto& row : rows_)
      if (row.fields[*s].empty())
        fail(row, "source", "a source, or 'assumption: ...' when the numbers are a modelling choice");
  } else if (require_source) {
    throw InputError(
        display_ + ":" + std::to_string(header_line_) +
        ": missing column 'source' (every data row names its source or says it is an assumption)");
  }
}

std::optional<std::size_t> CsvTable::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return std::nullopt;
}

std::size_t CsvTable::column(std::string_view name) const {
  if (const auto i = index_of(name)) return *i;
  require_columns({name});
  return 0;  // not reached
}

void CsvTable::require_columns(std::initializer_list<std::string_view> names) const {
  for (const auto name : names) {
    if (index_of(name)) continue;
    std::string have;
    for (const auto& h : header_) have += (have.empty() ? "" : ", ") + h;
    throw InputError(display_ + ":" + std::to_string(header_line_) + ": missing column '" +
                     std::string(name) + "' (columns: " + have + ")");
  }
}

void CsvTable::fail(const Row& row, std::string_view column, const std::string& what) const {
  throw InputError(display_ + ":" + std::to_string(row.line) + ": column '" + std::string(column) +
                   "': expected " + what + ", got '" + text(row, column) + "'");
}

void CsvTable::fail(const Row& row, const std::string& what) const {
  throw InputError(display_ + ":" + std::to_string(row.line) + ": " + what);
}

const std::string& CsvTable::text(const Row& row, std::string_view name) const {
  return row.fields[column(name)];
}

double CsvTable::number(const Row& row, std::string_view name) const {
  const std::string& t = text(row, name);
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value))
    fail(row, name, "a number");
  return value;
}

double CsvTable::non_negative(const Row& row, std::string_view name, double upper) const {
  const double v = number(row, name);
  if (v < 0) fail(row, name, "a number >= 0");
  if (v > upper) fail(row, name, "a number in [0, " + format_limit(upper) + "] (a plausible value)");
  return v;
}

double CsvTable::persons(const Row& row, std::string_view name, double lower, double upper) const {
  const double v = number(row, name);
  if (looks_like_thousands_separator(text(row, name)))
    fail(row, name, "a whole number of persons without separators (a Dutch thousands separator '.'?)");
  if (v != std::floor(v)) fail(row, name, "a whole number of persons");
  if (v < lower || v > upper)
    fail(row, name,
         "persons in [" + format_limit(lower) + ", " + format_limit(upper) + "] (a plausible number)");
  return v;
}

int CsvTable::integer(const Row& row, std::string_view name) const {
  const std::string& t = text(row, name);
  int value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) fail(row, name, "a whole number");
  return value;
}

bool CsvTable::boolean(const Row& row, std::string_view name) const {
  const std::string& t = text(row, name);
  if (t == "true") return true;
  if (t == "false") return false;
  fail(row, name, "true or false");
}

std::int64_t CsvTable::date(const Row& row, std::string_view name) const {
  const auto d = parse_iso_date(text(row, name));
  if (!d) fail(row, name, "a date YYYY-MM-DD");
  return *d;
}

std::optional<std::int64_t> CsvTable::optional_date(const Row& row, std::string_view name) const {
  if (text(row, name).empty()) return std::nullopt;
  return date(row, name);
}

}  // namespace ws::scenario
