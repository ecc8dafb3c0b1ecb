#pragma once
// One replication of one scenario of a per-year view of a results-file variable: [year][gemeente][last], where
// gemeente index G (one past the last) is the whole area (the sum over gemeenten). Variables over `time` are
// taken at the year ends (1 January of the next year), variables over `year` as they are.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/results_reader.hpp"

namespace ws::runner {

class YearlyValues {
 public:
  // Throws ws::InputError when the file's time units are not 'days since YYYY-MM-DD'.
  explicit YearlyValues(const output::ResultsReader& file);

  std::size_t years() const { return years_; }
  std::size_t gemeenten() const { return gemeenten_; }
  // The size of the variable's last dimension (from the results schema).
  std::size_t last_size(const std::string& variable) const;
  // [year][gemeente + whole area][last] of replication r of scenario s.
  std::vector<double> load(const std::string& variable, std::size_t s, std::size_t r) const;

 private:
  const output::ResultsReader& file_;
  std::size_t years_ = 0, gemeenten_ = 0;
  std::vector<std::pair<std::size_t, std::size_t>> ends_;  // (time index on 1 January, year it closes)
};

}  // namespace ws::runner
