#pragma once
// Atomic replacement of a results file: write "<final>.tmp.<pid>" next to it, fsync, rename over the final
// path. A run killed half-way leaves only a temp file, never a final file that looks complete; the next
// writer for the same final path deletes temp files whose process is gone.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ws::output {

// "<final>.tmp.<pid>" in the final file's folder.
std::filesystem::path temp_path_for(const std::filesystem::path& final_path, long pid);

// Marks a temp path as owned by a live writer of this process (false when already owned), or releases it.
bool claim_temp_path(const std::filesystem::path& temp);
void release_temp_path(const std::filesystem::path& temp);

// Deletes "<final name>.tmp.<pid>" files next to `final_path` whose process no longer runs, and those
// carrying this process's pid that no live writer here owns (a reused pid). Other files are never touched.
// Returns what it deleted.
std::vector<std::filesystem::path> remove_stale_temp_files(const std::filesystem::path& final_path);

// fsync `temp`, rename it over `final_path`, fsync the folder. Throws std::runtime_error naming the failing
// step.
void durable_replace(const std::filesystem::path& temp, const std::filesystem::path& final_path);

// Writes `text` to `final_path` the same way (temp file, fsync, rename): a failure (a full disk) removes the
// temp file and leaves `final_path` as it was, never empty or cut short. Throws std::system_error with the
// errno of the failing step.
void write_file_atomically(const std::filesystem::path& final_path, std::string_view text);

// Bytes an unprivileged writer may still use on the file system holding `path` (a file or folder), or
// nothing when that cannot be told.
std::optional<std::uint64_t> free_bytes(const std::filesystem::path& path);

// "1.2 MB", "340 kB", "12 bytes": a size for messages.
std::string format_bytes(std::uint64_t bytes);

}  // namespace ws::output
