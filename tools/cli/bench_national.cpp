// `werkstroom bench national`: the national scenario (scenarios/nationaal.toml, about a million person-lives in
// ten years) at full scale. Persons and events per CPU second of one replication, one thread, nothing written
// (medians over the repeats, replication r in repeat r), the peak memory of this process, and one whole
// `werkstroom run --replications 1 --threads 1` in a child process against the targets of issue 14 (one
// replication within 5 s on one core and 2 GB). CPU times come from getrusage: the machine may be shared.
#include <fmt/core.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <numeric>

#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/bench.hpp"

namespace ws::cli {
namespace {

std::string national_path() {
  const char* env = std::getenv("WERKSTROOM_BENCH_NATIONAL");
  return env ? env : "scenarios/nationaal.toml";
}

double peak_mib() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

int bench_national(const BenchOptions& options) {
  const std::string path = national_path();
  const model::ScenarioSpec spec = scenario::load_scenario(path);
  const model::CompiledModel base = model::compile_model(spec);
  const int repeats = options.quick ? 1 : options.repeats;
  std::vector<double> cpu, wall, persons_rate, events_rate;
  std::int64_t persons = 0;
  std::uint64_t events = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto replication = static_cast<std::uint64_t>(r);
    const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, replication);
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = rusage_cpu_seconds(RUSAGE_THREAD);
    const model::Accounts a = model::simulate_replication(*drawn.model, spec.run.seed, replication);
    const double seconds = rusage_cpu_seconds(RUSAGE_THREAD) - cpu_start;
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    persons = std::accumulate(a.initial.begin(), a.initial.end(), std::int64_t{0}) +
              std::accumulate(a.arrived.begin(), a.arrived.end(), std::int64_t{0});
    events = a.events;
    cpu.push_back(seconds);
    persons_rate.push_back(static_cast<double>(persons) / seconds);
    events_rate.push_back(static_cast<double>(events) / seconds);
  }
  const auto [lo, hi] = std::minmax_element(cpu.begin(), cpu.end());
  std::cout << fmt::format(
      "national: {} (seed {}), one replication per repeat, one thread, nothing written;\n"
      "medians of {} repeats, CPU time of this thread from getrusage (the machine may be shared)\n"
      "  persons per replication (initial + arrivals, last repeat) {:>12}\n"
      "  events per replication (last repeat)                      {:>12}\n"
      "  CPU s per replication            {:>8.3f}   (min {:.3f}, max {:.3f})\n"
      "  persons per CPU second           {:>12.3g}\n"
      "  events per CPU second            {:>12.3g}\n"
      "  wall s per replication           {:>8.3f}   (for reference only)\n"
      "  peak resident memory, this process {:>8.1f} MiB\n",
      path, spec.run.seed, repeats, persons, events, median(cpu), *lo, *hi, median(persons_rate),
      median(events_rate), median(wall), peak_mib());
  if (options.quick) return 0;  // the whole run below takes as long again
  const ChildRun c = child_run(path, 1, {"--threads", "1"});
  std::cout << fmt::format(
      "  whole `werkstroom run --replications 1 --threads 1` (child process, with loading and writing):\n"
      "    CPU {:.2f} s (target <= 5 s), peak {:.1f} MiB (target <= 2048 MiB), wall {:.1f} s; targets met: "
      "{}\n",
      c.cpu_seconds, c.peak_mib, c.wall_seconds, c.cpu_seconds <= 5 && c.peak_mib <= 2048 ? "yes" : "NO");
  return 0;
}

const RegisterBenchTarget national_target{
    "national", "persons and events per CPU second of the national scenario; time and memory of one run",
    bench_national};

}  // namespace
}  // namespace ws::cli
