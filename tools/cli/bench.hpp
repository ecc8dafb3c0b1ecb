#pragma once
// Targets of `werkstroom bench <target>`. Each target registers itself with one line, from any
// tools/cli/*.cpp (inside namespace ws::cli):
//   static const RegisterBenchTarget reg{"model", "one replication of the baseline", run_model_bench};
// A target prints its own table to stdout and returns the exit code.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace ws::cli {

struct BenchOptions {
  int repeats = 5;     // report medians over this many repeats
  bool quick = false;  // a short smoke run (small sizes, for tests), not for figures
};

using BenchFn = std::function<int(const BenchOptions&)>;

struct BenchTarget {
  std::string name;
  std::string description;
  BenchFn run;
};

std::vector<BenchTarget>& bench_targets();
void add_bench_target(std::string name, std::string description, BenchFn fn);

// CPU time of the calling thread: on a shared, loaded machine it is steadier than wall time, and time spent
// descheduled does not count.
inline double thread_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// CPU time (user + system) from getrusage: RUSAGE_SELF for the whole process (all threads), RUSAGE_THREAD for
// the calling thread.
inline double cpu_seconds(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}
inline double rusage_cpu_seconds(int who = RUSAGE_SELF) {
  rusage u{};
  ::getrusage(who, &u);
  return cpu_seconds(u);
}

// A whole `werkstroom run SCENARIO --replications N --out <temp file> --quiet EXTRA...` in a child process
// (bench_model.cpp): its peak resident memory, wall time and CPU time (user + system, all its threads).
struct ChildRun {
  double peak_mib = 0, wall_seconds = 0, cpu_seconds = 0;
};
ChildRun child_run(const std::string& scenario, std::size_t replications,
                   const std::vector<std::string>& extra = {});

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct RegisterBenchTarget {
  RegisterBenchTarget(std::string name, std::string description, BenchFn fn) {
    add_bench_target(std::move(name), std::move(description), std::move(fn));
  }
};

}  // namespace ws::cli
