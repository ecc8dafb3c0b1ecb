#pragma once
// Checks on a results file path given with --out.
#include <filesystem>

namespace ws::cli {

// --out must be a new path in an existing folder or a regular file (never a device, FIFO, folder or symlink,
// even with --overwrite: the atomic rename would replace it with a regular file). Throws ws::InputError.
void check_out_path(const std::filesystem::path& out, bool overwrite);

}  // namespace ws::cli
