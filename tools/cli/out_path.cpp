#include "tools/cli/out_path.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "sim/common/error.hpp"
#include "sim/output/atomic_file.hpp"

namespace ws::cli {

namespace {

std::filesystem::path folder_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

}  // namespace

void check_out_path(const std::filesystem::path& out, bool overwrite) {
  struct stat status {};
  if (::lstat(out.c_str(), &status) != 0) {
    if (errno != ENOENT) throw InputError(out.string() + ": " + std::strerror(errno) + " (--out)");
    const std::filesystem::path folder = folder_of(out);
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

bool is_disk_full(const std::exception& error) {
  if (const auto* system = dynamic_cast<const std::system_error*>(&error))
    if (system->code() == std::errc::no_space_on_device || system->code().value() == EDQUOT) return true;
  // HDF5 reports the errno of a failed write as text in its error stack.
  const std::string what = error.what();
  return what.find(std::strerror(ENOSPC)) != std::string::npos ||
         what.find(std::strerror(EDQUOT)) != std::string::npos ||
         what.find("errno = 28") != std::string::npos;
}

void throw_disk_full(const std::filesystem::path& out, const char* what,
                     std::optional<std::uint64_t> free_before) {
  const std::string folder = folder_of(out).string();
  const std::string room = free_before ? "the " + output::format_bytes(*free_before) + " that were free"
                                       : "the space that was free";
  throw InputError(out.string() + ": the disk is full: " + what + " needs more than " + room + " in " +
                   folder + " (--out: free space there or write elsewhere)");
}

}  // namespace ws::cli
