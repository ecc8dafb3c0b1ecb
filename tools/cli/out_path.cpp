#include "tools/cli/out_path.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "sim/common/error.hpp"

namespace ws::cli {

void check_out_path(const std::filesystem::path& out, bool overwrite) {
  struct stat status {};
  if (::lstat(out.c_str(), &status) != 0) {
    if (errno != ENOENT) throw InputError(out.string() + ": " + std::strerror(errno) + " (--out)");
    const std::filesystem::path folder = out.has_parent_path() ? out.parent_path() : ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
      throw InputError(out.string() + ": folder " + folder.string() + " does not exist (--out)");
    return;  // a new path
  }
  if (!S_ISREG(status.st_mode))
    throw InputError(out.string() + ": " +
                     (S_ISLNK(status.st_mode)   ? "a symbolic link"
                      : S_ISDIR(status.st_mode) ? "a folder"
                                                : "a device, FIFO or socket") +
                     "; expected a new file name or a regular file (--out)");
  if (!overwrite)
    throw InputError(out.string() +
                     ": exists already; expected a new file name (--out) or --overwrite to replace it");
}

}  // namespace ws::cli
