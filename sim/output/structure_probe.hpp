#pragma once
// HDF5 1.10 trusts its global heap (variable-length strings, the dimension lists of netCDF-4 variables): a
// damaged heap makes it read out of bounds and crash instead of failing. Before the results reader uses a
// file, a child process reads everything of the file's structure once (every attribute, every dimension list
// and its scales, every string dataset; not the numbers); a child that crashes marks the file as damaged.
#include <filesystem>

namespace ws::output {

// False when reading the structure of `path` crashed the child; true otherwise (also when HDF5 reported an
// error there: the reader then reports it in one line itself, when no child process could be started, or when
// the child hung past its deadline instead of finishing).
bool structure_readable(const std::filesystem::path& path);

}  // namespace ws::output
