#pragma once
// Read-only access to a werkstroom results file, for `info`, `compare` and `graph --results`.
// Errors about the file (not HDF5, truncated, foreign, missing variable) are ws::InputError naming the file.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ws::output {

// The global attribute `werkstroom_format` the writer puts in every file; readers refuse other values.
inline constexpr const char* kFormatVersion = "1";

class ResultsReader {
 public:
  // Throws ws::InputError("<path>: not a werkstroom results file (...)") for missing, non-HDF5, truncated or
  // foreign files.
  explicit ResultsReader(const std::filesystem::path& path);
  ~ResultsReader();
  ResultsReader(const ResultsReader&) = delete;
  ResultsReader& operator=(const ResultsReader&) = delete;

  const std::filesystem::path& path() const;

  // Throws ws::InputError("<path>: not a werkstroom results file (...)") unless the file has what every run
  // writes: the scenario and replication dimensions and at least one variable over them (a file holding
  // only the format attribute, or one whose variables were removed, is refused).
  void require_results_structure() const;

  // Dimensions in the order they were added (_Netcdf4Dimid).
  std::vector<std::string> dimension_names() const;
  std::size_t dimension_size(const std::string& dim) const;
  // The names along a name dimension: its label variable (schema::name_label), or in files from before the
  // label variables its string coordinate variable.
  std::vector<std::string> strings(const std::string& dim) const;
  bool has_names(const std::string& dim) const;                    // strings() would read names
  std::vector<std::string> labels(const std::string& name) const;  // a string label variable (one dim)
  std::vector<double> numbers(const std::string& dim) const;  // numeric coordinates (int or float) as double

  // Data variables (every dataset that is not a coordinate variable) in the order they were created.
  std::vector<std::string> variable_names() const;
  // True for data and coordinate variables alike.
  bool has_variable(const std::string& name) const;
  std::vector<std::string> variable_dims(const std::string& name) const;
  std::vector<std::size_t> shape(const std::string& name) const;
  bool is_integer(const std::string& name) const;
  // A slab like ResultsWriter::write: `leading` fixes the first indices; the rest comes back in row-major
  // order. Missing values (never written, or equal to an int32 variable's _FillValue) come back as NaN.
  std::vector<double> read(const std::string& name, std::span<const std::size_t> leading) const;

  // Global attributes: the text of a string attribute (numbers as text), "" if absent.
  std::string attribute(const std::string& name) const;
  std::optional<double> numeric_attribute(const std::string& name) const;
  // An attribute of a variable as text ("" if absent), e.g. units.
  std::string variable_attribute(const std::string& variable, const std::string& name) const;

 private:
  std::vector<std::string> read_names(const std::string& name, bool dimension) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ws::output
