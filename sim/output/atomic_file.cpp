#include "sim/output/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

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

}  // namespace ws::output
