// Benchmarks of the model and the runner on the baseline scenario:
//   model         events per second per core (replications simulated one after another, nothing written)
//   replications  replications per second with writing, 1 and 2 threads, parallel efficiency, share writing
//   memory        peak memory of a whole run at 100 and at 10,000 replications (a child process each)
#include <fmt/core.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/runner/run.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/bench.hpp"

namespace ws::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string scenario_path() {
  const char* env = std::getenv("WERKSTROOM_BENCH_SCENARIO");
  return env ? env : "scenarios/baseline.toml";
}

int bench_model(const BenchOptions& options) {
  const model::ScenarioSpec spec = scenario::load_scenario(scenario_path());
  const model::CompiledModel base = model::compile_model(spec);
  const int replications = options.quick ? 3 : 50;
  std::vector<double> rates, per_replication, cpu_rates, cpu_per_replication;
  std::uint64_t events = 0;
  for (int repeat = 0; repeat < options.repeats; ++repeat) {
    events = 0;
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    for (int r = 0; r < replications; ++r) {
      const runner::DrawnModel drawn = runner::draw_model(base, 1, static_cast<std::uint64_t>(r));
      events += model::simulate_replication(*drawn.model, 1, static_cast<std::uint64_t>(r)).events;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double cpu = thread_cpu_seconds() - cpu_start;
    rates.push_back(static_cast<double>(events) / seconds);
    per_replication.push_back(seconds / replications * 1e3);
    cpu_rates.push_back(static_cast<double>(events) / cpu);
    cpu_per_replication.push_back(cpu / replications * 1e3);
  }
  std::cout << fmt::format(
      "model: {} ({} replications per repeat, one thread, nothing written; median of {} repeats)\n"
      "                               wall time     CPU time\n"
      "  events per replication     {:>12}\n"
      "  ms per replication         {:>12.2f} {:>12.2f}\n"
      "  events per second per core {:>12.3g} {:>12.3g}   (target >= 5e6)\n",
      scenario_path(), replications, options.repeats, events / static_cast<std::uint64_t>(replications),
      median(per_replication), median(cpu_per_replication), median(rates), median(cpu_rates));
  return 0;
}

int bench_replications(const BenchOptions& options) {
  const model::ScenarioSpec spec = scenario::load_scenario(scenario_path());
  const std::size_t replications = options.quick ? 8 : 1000;
  const auto out = std::filesystem::temp_directory_path() / fmt::format("werkstroom-bench-{}.nc", ::getpid());
  std::cout << fmt::format(
      "replications: {} x {} replications, written to a temporary file; median of {} repeats\n",
      scenario_path(), replications, options.repeats);
  std::vector<double> rate_by_threads[3], write_share, cpu_per_replication;
  for (int repeat = 0; repeat < options.repeats; ++repeat)
    for (int threads : {1, 2}) {
      runner::RunOptions o;
      o.replications = replications;
      o.seed = 1;
      o.threads = threads;
      o.out = out;
      o.progress = runner::Progress::Mode::quiet;
      o.command_line = "werkstroom bench replications";
      std::filesystem::remove(out);
      const double cpu_start = rusage_cpu_seconds();
      const runner::RunReport report = runner::run_scenarios({spec}, {scenario_path()}, o);
      cpu_per_replication.push_back((rusage_cpu_seconds() - cpu_start) / static_cast<double>(replications));
      rate_by_threads[threads].push_back(static_cast<double>(replications) / report.seconds);
      if (threads == 1) write_share.push_back(report.write_seconds / report.seconds);
    }
  std::filesystem::remove(out);
  const double r1 = median(rate_by_threads[1]), r2 = median(rate_by_threads[2]);
  std::cout << fmt::format(
      "  replications/s, 1 thread   {:>10.1f}\n"
      "  replications/s, 2 threads  {:>10.1f}\n"
      "  parallel efficiency at 2   {:>10.0f}%   (target >= 90%)\n"
      "  share of time writing (1 thread: HDF5 + summaries) {:.0f}%\n"
      "  10,000 replications at 2 threads, projected: {:.0f} s   (target <= 30 s, issue 9)\n"
      "  CPU seconds per replication (all threads, with writing) {:.4f}\n",
      r1, r2, 100 * r2 / (2 * r1), 100 * median(write_share), 10000 / r2, median(cpu_per_replication));
  return 0;
}

int bench_memory(const BenchOptions& options) {
  const std::size_t small = options.quick ? 4 : 100, large = options.quick ? 16 : 10000;
  // The peak of one short run moves by about a megabyte from run to run (what is resident when the heap's
  // free pages were last returned), so both are run several times, in turns; a long run takes about a minute,
  // so at most three of those.
  const int large_repeats = std::min(options.repeats, 3);
  std::cout << fmt::format(
      "memory: peak resident memory of `werkstroom run {}` (all threads, with writing); median of {} runs of "
      "{} and {} of {} replications, in turns\n",
      scenario_path(), options.repeats, small, large_repeats, large);
  std::vector<double> peak_small, peak_large, wall_small, wall_large;
  for (int repeat = 0; repeat < options.repeats; ++repeat) {
    const ChildRun s = child_run(scenario_path(), small);
    peak_small.push_back(s.peak_mib);
    wall_small.push_back(s.wall_seconds);
    if (repeat >= large_repeats) continue;
    const ChildRun l = child_run(scenario_path(), large);
    peak_large.push_back(l.peak_mib);
    wall_large.push_back(l.wall_seconds);
  }
  const auto range = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return fmt::format("{:.1f}-{:.1f}", v.front(), v.back());
  };
  std::cout << fmt::format(
      "  {:>6} replications: peak {:>7.1f} MiB (runs {} MiB), {:>7.1f} s\n"
      "  {:>6} replications: peak {:>7.1f} MiB (runs {} MiB), {:>7.1f} s\n"
      "  growth {:+.1f} % of the median peaks   (target within 5 %)\n",
      small, median(peak_small), range(peak_small), median(wall_small), large, median(peak_large),
      range(peak_large), median(wall_large), 100 * (median(peak_large) / median(peak_small) - 1));
  return 0;
}

const RegisterBenchTarget model_target{"model", "events per second per core on the baseline scenario",
                                       bench_model};
const RegisterBenchTarget replications_target{
    "replications", "replications per second with writing at 1 and 2 threads; parallel efficiency",
    bench_replications};
const RegisterBenchTarget memory_target{"memory", "peak memory of whole runs at 100 and 10,000 replications",
                                        bench_memory};

}  // namespace

ChildRun child_run(const std::string& scenario, std::size_t replications,
                   const std::vector<std::string>& extra) {
  const auto out = std::filesystem::temp_directory_path() / fmt::format("werkstroom-mem-{}.nc", ::getpid());
  std::filesystem::remove(out);
  std::vector<std::string> args{
      "werkstroom", "run",        scenario, "--replications", std::to_string(replications),
      "--out",      out.string(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto start = Clock::now();
  std::cout.flush();  // or the child would print the buffered header again
  std::fflush(stdout);
  const pid_t child = ::fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);  // the child's "results: ..." line is not part of the table
    ::execv("/proc/self/exe", argv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(child, &status, 0, &usage);
  ChildRun run;
  run.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::filesystem::remove(out);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("bench: the child run of " + scenario + " failed");
  run.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  run.cpu_seconds = cpu_seconds(usage);
  return run;
}

}  // namespace ws::cli
