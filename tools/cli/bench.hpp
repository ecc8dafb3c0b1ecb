#pragma once
// Targets of `werkstroom bench <target>`. Each target registers itself with one line, from any
// tools/cli/*.cpp:
//   static const ws::cli::RegisterBenchTarget reg{"model", "one replication of the baseline",
//   run_model_bench};
// A target prints its own table to stdout and returns the exit code.
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

struct RegisterBenchTarget {
  RegisterBenchTarget(std::string name, std::string description, BenchFn fn) {
    add_bench_target(std::move(name), std::move(description), std::move(fn));
  }
};

}  // namespace ws::cli
