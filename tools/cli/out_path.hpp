#pragma once
// Checks and messages shared by the commands that write a file the user names (run, graph --out).
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>

namespace ws::cli {

// --out must be a new path or a regular file (never a device, FIFO, folder or symlink, even with
// --overwrite: the atomic rename would replace it with a regular file). Throws ws::InputError.
void check_out_path(const std::filesystem::path& out, bool overwrite);

// True when `error` (or the HDF5 error text it carries) says the disk or the quota is full.
bool is_disk_full(const std::exception& error);

// Throws ws::InputError: "<out>: the disk is full: <what> needs more than the <free> that were free in
// <folder> (--out: free space or write elsewhere)". `free_before` is the free space measured before writing.
[[noreturn]] void throw_disk_full(const std::filesystem::path& out, const char* what,
                                  std::optional<std::uint64_t> free_before);

}  // namespace ws::cli
