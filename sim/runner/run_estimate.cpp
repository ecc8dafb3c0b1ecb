#include "sim/runner/run_estimate.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>

#include "sim/common/error.hpp"

namespace ws::runner {
namespace {

// A person with its events, agenda slots and indexes, and the vectors' growth (measured: about 150 bytes).
constexpr double kBytesPerPerson = 256;
// What a run needs besides its persons: the models, results buffers and summaries of a small run.
constexpr double kBytesBase = 256.0 * 1024 * 1024;
constexpr double kDaysPerYear = 365.25;

double expected_persons(const model::ScenarioSpec& spec) {
  double persons = static_cast<double>(spec.initial_persons.size());
  for (const auto& cell : spec.initial_cells) persons += cell.count;
  for (const auto& arrival : spec.arrivals)
    for (std::size_t k = 0; k < arrival.period_start.size(); ++k) {
      const model::Day from = std::max(arrival.period_start[k], spec.run.start);
      const model::Day until = k + 1 < arrival.period_start.size()
                                   ? std::min(arrival.period_start[k + 1], spec.run.end)
                                   : spec.run.end;
      if (until <= from) continue;
      double per_year = 0;
      for (const double rate : arrival.rate[k]) per_year += rate;
      persons += per_year * arrival.rate_multiplier * static_cast<double>(until - from) / kDaysPerYear;
    }
  return persons;
}

std::string readable_bytes(double bytes) {
  const char* units[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
  std::size_t u = 0;
  while (bytes >= 1000 && u + 1 < std::size(units)) bytes /= 1000, ++u;
  std::ostringstream out;
  out.precision(bytes < 10 ? 2 : 3);
  out << bytes << " " << units[u];
  return out.str();
}

// The first number after `key` in a file such as /proc/meminfo, or nothing.
double number_after(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string word;
  while (in >> word)
    if (word == key) {
      double value = 0;
      if (in >> value) return value;
    }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

RunEstimate estimate_run(const std::vector<model::ScenarioSpec>& specs, std::size_t concurrent) {
  RunEstimate estimate;
  estimate.concurrent = std::max<std::size_t>(concurrent, 1);
  for (std::size_t s = 0; s < specs.size(); ++s) {
    const double persons = expected_persons(specs[s]);
    if (persons > estimate.persons) estimate.persons = persons, estimate.scenario = s;
  }
  estimate.bytes = kBytesBase + estimate.persons * kBytesPerPerson * static_cast<double>(estimate.concurrent);
  return estimate;
}

double available_memory_bytes() {
  double available = number_after("/proc/meminfo", "MemAvailable:") * 1024;
  std::ifstream cgroup("/sys/fs/cgroup/memory.max");
  double limit = 0;
  if (cgroup >> limit) available = std::min(available, limit);
  rlimit address_space{};
  if (::getrlimit(RLIMIT_AS, &address_space) == 0 && address_space.rlim_cur != RLIM_INFINITY)
    available = std::min(available, static_cast<double>(address_space.rlim_cur));
  return available;
}

void check_run_fits(const RunEstimate& estimate, const std::vector<std::string>& scenario_files,
                    double available) {
  const std::string file = estimate.scenario < scenario_files.size() ? scenario_files[estimate.scenario] : "";
  std::ostringstream persons;
  persons.precision(3);
  persons << estimate.persons;
  const std::string hint = "; check inhabitants, counts and arrival rates";
  if (estimate.persons >= static_cast<double>(std::numeric_limits<std::uint32_t>::max()))
    throw InputError(file + ": about " + persons.str() +
                     " persons in one replication: more than the model can hold (4.29e9)" + hint);
  if (estimate.bytes > available)
    throw InputError(file + ": about " + persons.str() + " persons in one replication need about " +
                     readable_bytes(estimate.bytes) + " of memory with " +
                     std::to_string(estimate.concurrent) + " replications at a time, more than the " +
                     readable_bytes(available) + " available" + hint + " (or use fewer --threads)");
}

}  // namespace ws::runner
