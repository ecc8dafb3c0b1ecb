#pragma once
// The data tables of a scenario (scenarios/data/*.csv): a header row, comma-separated fields, double quotes
// around fields that hold commas. Lines starting with '#' are comments (derivations, notes) and blank lines
// are skipped. Every table has a `source` column and every row a non-empty source: where the numbers come
// from, or "assumption: ..." when they are a modelling choice.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/plausible.hpp"

namespace ws::scenario {

class CsvTable {
 public:
  // Parses `text`; a malformed table throws ws::InputError naming `display` and the line. Person-level files
  // (an organisation's own records) need no source column.
  CsvTable(std::string display, const std::string& text, bool require_source = true);

  struct Row {
    int line = 0;  // 1-based line in the file
    std::vector<std::string> fields;
  };

  const std::string& display() const { return display_; }
  const std::vector<Row>& rows() const { return rows_; }
  bool has_column(std::string_view name) const { return index_of(name).has_value(); }
  // Throws "<file>:<header line>: missing column '<name>' (columns: ...)" when absent.
  void require_columns(std::initializer_list<std::string_view> names) const;

  // Typed access; a bad field throws "<file>:<line>: column '<name>': expected <what>, got '<text>'".
  const std::string& text(const Row& row, std::string_view column) const;
  double number(const Row& row, std::string_view column) const;
  // A number in [0, upper]; above it the message names the plausible range.
  double non_negative(const Row& row, std::string_view column,
                      double upper = plausible::kLargestNumber) const;
  // A whole number of persons in [lower, upper]; "42.159" (a Dutch thousands separator) is named as such.
  double persons(const Row& row, std::string_view column, double lower, double upper) const;
  int integer(const Row& row, std::string_view column) const;
  bool boolean(const Row& row, std::string_view column) const;
  std::int64_t date(const Row& row, std::string_view column) const;
  std::optional<std::int64_t> optional_date(const Row& row, std::string_view column) const;

  [[noreturn]] void fail(const Row& row, std::string_view column, const std::string& what) const;
  [[noreturn]] void fail(const Row& row, const std::string& what) const;

 private:
  std::optional<std::size_t> index_of(std::string_view name) const;
  std::size_t column(std::string_view name) const;

  std::string display_;
  int header_line_ = 0;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

}  // namespace ws::scenario
