#pragma once
// Reads per-replication variables back in blocks of whole chunks along the replication axis, with each dataset
// kept open (opening one per read would drop HDF5's chunk cache and decode every chunk once per replication).
// For `merge`. Errors about the file are ws::InputError naming it.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ws::output {

class SlabReader {
 public:
  explicit SlabReader(const std::filesystem::path& path);
  ~SlabReader();
  SlabReader(const SlabReader&) = delete;
  SlabReader& operator=(const SlabReader&) = delete;

  // Replications a chunk of `variable` holds (dims: scenario, replication, ...).
  std::size_t rows_per_chunk(const std::string& variable);
  // [row][cell] values of replications first ... first + rows - 1 of one scenario, exactly as stored (int32
  // variables converted to double).
  std::vector<double> read_rows(const std::string& variable, std::size_t scenario, std::size_t first,
                                std::size_t rows);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ws::output
