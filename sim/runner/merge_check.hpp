#pragma once
// The checks `merge` makes before writing: every part a whole part of the same run, and the parts' replications
// 0 ... R-1 exactly once. Throws ws::InputError with one line naming what is wrong.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace ws::runner {

struct PartInfo {
  std::filesystem::path path;
  std::size_t first = 0, count = 0;  // replications first ... first + count - 1
  std::string fingerprint, source, commit;
  std::int64_t events = 0;
};

// Reads one part's attributes; refuses files that are not results files, lack the part attributes, or hold
// per-replication data for only some of their replications (--keep-replications).
PartInfo read_part_info(const std::filesystem::path& path);

// Sorts the parts by first replication; refuses different inputs, versions or commits, overlaps and gaps.
void check_parts(std::vector<PartInfo>& parts);

// "3-7, 12" for the sorted replication numbers.
std::string ranges_text(const std::vector<std::pair<std::size_t, std::size_t>>& ranges);

}  // namespace ws::runner
