#include "sim/runner/merge_check.hpp"

#include <algorithm>

#include "sim/common/error.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/runner/part_file.hpp"

namespace ws::runner {

PartInfo read_part_info(const std::filesystem::path& path) {
  const output::ResultsReader reader(path);
  PartInfo info;
  info.path = path;
  info.fingerprint = reader.attribute(part::kFingerprint);
  const auto first = reader.numeric_attribute(part::kFirstReplication);
  const auto total = reader.numeric_attribute(part::kReplications);
  if (info.fingerprint.empty() || !first || !total)
    throw InputError(path.string() + ": not a part of a run (no " + part::kFingerprint + " or " +
                     part::kFirstReplication +
                     " attribute); expected a file written by this werkstroom's run");
  info.first = static_cast<std::size_t>(*first);
  info.count = reader.dimension_size("replication");
  if (static_cast<double>(info.count) != *total)
    throw InputError(path.string() + ": holds per-replication data for " + std::to_string(info.count) +
                     " of its " + std::to_string(static_cast<std::size_t>(*total)) +
                     " replications (--keep-replications); expected every replication");
  info.source = reader.attribute(part::kSource);
  info.commit = reader.attribute(part::kCommit);
  info.events = static_cast<std::int64_t>(reader.numeric_attribute(part::kEvents).value_or(0));
  return info;
}

std::string ranges_text(const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  std::string out;
  for (const auto& [a, b] : ranges) {  // [a, b)
    if (!out.empty()) out += ", ";
    out += std::to_string(a);
    if (b - a > 1) out.append("-").append(std::to_string(b - 1));
  }
  return out;
}

void check_parts(std::vector<PartInfo>& parts) {
  if (parts.empty()) throw InputError("merge: expected at least one part file");
  const PartInfo& ref = parts.front();
  const auto same = [&](const PartInfo& p, const std::string& a, const std::string& b, const char* what) {
    if (a != b)
      throw InputError(p.path.string() + ": " + what + " \"" + a + "\" differs from " + ref.path.string() +
                       "'s \"" + b + "\"; expected parts of one run");
  };
  for (const PartInfo& p : parts) {
    same(p, p.fingerprint, ref.fingerprint, part::kFingerprint);
    same(p, p.source, ref.source, "version (source)");
    same(p, p.commit, ref.commit, part::kCommit);
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const PartInfo& a, const PartInfo& b) { return a.first < b.first; });
  std::vector<std::pair<std::size_t, std::size_t>> missing;
  std::string overlaps;
  std::size_t end = 0;  // replications [0, end) are covered
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const PartInfo& p = parts[i];
    if (p.first > end) missing.emplace_back(end, p.first);
    if (p.first < end) {
      const std::size_t to = std::min(end, p.first + p.count);
      if (!overlaps.empty()) overlaps += "; ";
      overlaps.append(ranges_text({{p.first, to}})).append(" in both ").append(parts[i - 1].path.string());
      overlaps.append(" and ").append(p.path.string());
    }
    end = std::max(end, p.first + p.count);
  }
  if (!overlaps.empty()) throw InputError("merge: parts overlap: replications " + overlaps);
  if (!missing.empty())
    throw InputError("merge: replications " + ranges_text(missing) + " of 0-" + std::to_string(end - 1) +
                     " are missing; expected parts holding every replication once");
}

}  // namespace ws::runner
