#include "sim/output/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>

namespace ws::output {

namespace {

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::set<std::string>& registry() {
  static std::set<std::string> claimed;
  return claimed;
}

// The same file may be named relative or absolute: compare absolute, normalised paths.
std::string key(const std::filesystem::path& temp) {
  return std::filesystem::absolute(temp).lexically_normal().string();
}

bool is_claimed(const std::filesystem::path& temp) {
  std::lock_guard lock(registry_mutex());
  return registry().count(key(temp)) > 0;
}

bool process_alive(long pid) {
  if (pid <= 0) return false;
  // EPERM: the process exists but belongs to someone else.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

[[noreturn]] void fail(const std::string& step, const std::filesystem::path& path) {
  throw std::runtime_error(step + " " + path.string() + ": " + std::strerror(errno));
}

void fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path);
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    fail("cannot fsync", path);
  }
  ::close(fd);
}

}  // namespace

std::filesystem::path temp_path_for(const std::filesystem::path& final_path, long pid) {
  return std::filesystem::path(final_path.string() + ".tmp." + std::to_string(pid));
}

bool claim_temp_path(const std::filesystem::path& temp) {
  std::lock_guard lock(registry_mutex());
  return registry().insert(key(temp)).second;
}

void release_temp_path(const std::filesystem::path& temp) {
  std::lock_guard lock(registry_mutex());
  registry().erase(key(temp));
}

std::vector<std::filesystem::path> remove_stale_temp_files(const std::filesystem::path& final_path) {
  const std::string prefix = final_path.filename().string() + ".tmp.";
  const std::filesystem::path folder = folder_of(final_path);
  std::vector<std::filesystem::path> removed;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::stol(digits);
    const std::filesystem::path candidate = folder / name;
    const bool stale = pid == static_cast<long>(::getpid()) ? !is_claimed(candidate) : !process_alive(pid);
    if (!stale) continue;
    std::error_code remove_error;  // another writer may be cleaning up at the same moment: not an error
    if (std::filesystem::remove(candidate, remove_error)) removed.push_back(candidate);
  }
  return removed;
}

void durable_replace(const std::filesystem::path& temp, const std::filesystem::path& final_path) {
  fsync_path(temp, O_RDONLY);
  if (::rename(temp.c_str(), final_path.c_str()) != 0)
    fail("cannot rename " + temp.string() + " to", final_path);
  fsync_path(folder_of(final_path), O_RDONLY | O_DIRECTORY);
}

void write_file_atomically(const std::filesystem::path& final_path, std::string_view text) {
  const std::filesystem::path temp = temp_path_for(final_path, static_cast<long>(::getpid()));
  const auto fail_and_remove = [&](const std::string& step, int error) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw std::system_error(error, std::generic_category(), step);
  };
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create " + temp.string());
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      fail_and_remove("cannot write " + temp.string(), error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) fail_and_remove("cannot write " + temp.string(), errno);
  if (::rename(temp.c_str(), final_path.c_str()) != 0)
    fail_and_remove("cannot rename " + temp.string() + " to " + final_path.string(), errno);
}

std::optional<std::uint64_t> free_bytes(const std::filesystem::path& path) {
  struct statvfs status {};
  if (::statvfs(path.c_str(), &status) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(status.f_bavail) * status.f_frsize;
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes >= 1000 * 1000) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  if (bytes >= 1000) return fmt::format("{:.0f} kB", static_cast<double>(bytes) / 1e3);
  return fmt::format("{} bytes", bytes);
}

}  // namespace ws::output
