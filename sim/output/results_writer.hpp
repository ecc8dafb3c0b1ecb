#pragma once
// The results writer: one netCDF-4/HDF5 file of named dimensions and variables (see OUTPUT.md). It knows
// nothing of the model. Written to "<final>.tmp.<pid>" and renamed over the final path by commit(), so an
// interrupted run never leaves a file that looks complete. Use it from one thread (HDF5 in Debian serialises
// every call anyway).
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sim/output/chunk_codec.hpp"

namespace ws::output {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// A dimension and its coordinate variable of the same name. Names (strings) are no coordinate variable (CF 1.3
// wants numbers): the dimension has none, and the label variable schema::name_label(name) ("gemeente_name")
// holds them with `attributes`; every variable along the dimension names it in its `coordinates`.
struct Dimension {
  std::string name;
  std::variant<std::vector<std::string>, std::vector<std::int32_t>, std::vector<double>> values;
  Attributes attributes;  // e.g. {"units", "days since 2025-01-01"}, {"calendar", "proleptic_gregorian"}
};

struct VariableSpec {
  std::string name;
  std::vector<std::string> dims;  // names of dimensions already added
  std::string units;
  std::string long_name;
  bool integer = false;   // int32 instead of float64
  Attributes attributes;  // extra attributes (e.g. "description")
  // Every value is written before commit: no `_FillValue` attribute, so that readers (xarray) decode int32
  // counts as integers instead of masking them to float. Never-written cells still hold the fill value.
  bool complete = false;
};

// Value written as `_FillValue` for int32 variables (netCDF's NC_FILL_INT); float64 variables use NaN.
inline constexpr std::int32_t kIntegerFill = -2147483647;

class ResultsWriter {
 public:
  // Creates <final>.tmp.<pid> in the same folder (first deleting stale temp files of dead processes).
  // Throws ws::InputError if the folder does not exist or is not writable.
  explicit ResultsWriter(std::filesystem::path final_path);
  // Copies an existing results file to a temp file to add dimensions, variables and attributes; commit()
  // replaces the original atomically. Throws ws::InputError if it is not a werkstroom results file.
  static std::unique_ptr<ResultsWriter> amend(const std::filesystem::path& existing);

  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;
  // Not committed: closes and deletes the temporary file (never touches the final path).
  ~ResultsWriter();

  // Global attributes (an existing one of the same name is replaced).
  void set_attribute(const std::string& name, const std::string& value);
  void set_attribute(const std::string& name, const char* value) { set_attribute(name, std::string(value)); }
  void set_attribute(const std::string& name, std::int64_t value);
  void set_attribute(const std::string& name, std::uint64_t value);  // e.g. a 64-bit seed
  void set_attribute(const std::string& name, double value);
  // Other integer types (int, unsigned, ...) without ambiguity between the int64 and double overloads.
  template <std::integral T>
  requires(!std::same_as<T, bool>) void set_attribute(const std::string& name, T value) {
    if constexpr (std::is_signed_v<T>)
      set_attribute(name, static_cast<std::int64_t>(value));
    else
      set_attribute(name, static_cast<std::uint64_t>(value));
  }

  void add_dimension(const Dimension& d);
  // Chunked as chunk_shape() says (a chunk holds one scenario and a batch of replications); shuffle +
  // deflate 1. Unwritten parts read as missing (_FillValue). Its `coordinates` attribute (after any the spec
  // gives) names the label variables along its dims and, along year, year_start, those the file has.
  void add_variable(const VariableSpec& v);
  // A string variable along dimension `dim`, one label per index, written at once: with a data variable's
  // `coordinates` attribute naming it, xarray reads it as a (non-index) coordinate of that dimension.
  void add_labels(const std::string& name, const std::string& dim, const std::vector<std::string>& values,
                  const Attributes& attributes = {});
  bool has_dimension(const std::string& name) const;
  bool has_variable(const std::string& name) const;

  // Writes a slab: `leading` fixes the first leading.size() indices; `data` covers all remaining dims in
  // row-major order. int32 data may go to float64 variables, not the other way round.
  void write(const std::string& variable, std::span<const std::size_t> leading, std::span<const double> data);
  void write(const std::string& variable, std::span<const std::size_t> leading,
             std::span<const std::int32_t> data);

  // The chunks and filters of a chunked variable, for encode_chunks() on any thread.
  ChunkLayout chunk_layout(const std::string& variable);
  // Stores one chunk from encode_chunks() as it is: no HDF5 filter or selection work on this thread.
  void write_chunk(const std::string& variable, const EncodedChunk& chunk);

  // Closes everything (H5F_CLOSE_SEMI: a leaked handle is an error), fsyncs file and folder, renames
  // atomically.
  void commit();

  const std::filesystem::path& final_path() const;
  const std::filesystem::path& temp_path() const;

 private:
  struct Impl;
  explicit ResultsWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ws::output
