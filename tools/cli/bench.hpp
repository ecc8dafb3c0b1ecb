#pragma once
// Targets of `werkstroom bench <target>`. Each target registers itself with one line, from any
// tools/cli/*.cpp (inside namespace ws::cli):
//   static const RegisterBenchTarget reg{"model", "one replication of the baseline", run_model_bench};
// A target prints its own table to stdout and returns the exit code.
#include <time.h>

#include <algorithm>
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
