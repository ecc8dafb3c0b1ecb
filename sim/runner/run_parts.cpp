#include "sim/runner/run_parts.hpp"

#include <cstdio>

#include "sim/common/error.hpp"
#include "sim/runner/merge.hpp"
#include "sim/runner/merge_check.hpp"

namespace ws::runner {
namespace {

std::filesystem::path part_path(const std::filesystem::path& folder, std::size_t first, std::size_t count) {
  char name[64];
  std::snprintf(name, sizeof name, "part-%09zu-%09zu.nc", first, count);
  return folder / name;
}

// True when the finished part is this run's; a part of other inputs is refused rather than overwritten.
bool finished_part(const std::filesystem::path& path, const std::string& fingerprint) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return false;
  const PartInfo info = read_part_info(path);
  if (info.fingerprint != fingerprint)
    throw InputError(path.string() +
                     ": a part of a run with other inputs or seed; expected the same scenario "
                     "files and --seed as the interrupted run (or remove " +
                     path.parent_path().string() + ")");
  return true;
}

}  // namespace

std::filesystem::path parts_folder(const std::filesystem::path& out) { return out.string() + ".parts"; }

RunReport run_in_parts(const std::vector<model::ScenarioSpec>& specs,
                       const std::vector<std::string>& scenario_files, const RunOptions& options,
                       std::size_t every, bool resume) {
  const std::filesystem::path folder = parts_folder(options.out);
  std::error_code ec;
  if (std::filesystem::exists(folder, ec) && !resume)
    throw InputError(folder.string() +
                     ": holds the parts of an interrupted run; expected --resume to continue "
                     "it, or remove the folder");
  std::filesystem::create_directories(folder);
  const std::string fingerprint = run_fingerprint(specs, scenario_files, options.seed);

  MergeOptions merge;
  merge.out = options.out;
  merge.command_line = options.command_line;
  merge.threads = options.threads;
  double seconds = 0;
  for (std::size_t first = 0; first < options.replications; first += every) {
    RunOptions part = options;
    part.first_replication = first;
    part.replications = std::min(every, options.replications - first);
    part.out = part_path(folder, first, part.replications);
    merge.parts.push_back(part.out);
    if (finished_part(part.out, fingerprint)) continue;
    seconds += run_scenarios(specs, scenario_files, part).seconds;
  }
  RunReport report = merge_parts(merge);
  std::filesystem::remove_all(folder);
  report.layout = run_layout(specs, scenario_files);
  report.seconds += seconds;
  return report;
}

}  // namespace ws::runner
