// `werkstroom bench cohort`: persons per second of the model and the runner on a fixed cohort workload
// (scenarios/bench/cohort.toml: 100,000 persons aged U(45, 60), exits at 0.02, 0.01 and 0.05 a year,
// retirement at 67, 10 years, no mortality), against a naive simulator of the same workload written in the
// obvious way: std::mt19937_64 and a std::priority_queue holding every person's four candidate events, the
// stale ones skipped when popped. Both run on one thread; the werkstroom side goes through the whole
// `werkstroom run` path (loading the scenario, compiling, the oneTBB pipeline, writing the results file to a
// temporary file). The bench checks that both count statistically the same exits per cause and year. It also
// times the model alone (compile + simulate, after the turns). --quick changes nothing: a run takes well under
// a second.
#include <fmt/core.h>
#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <queue>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/run.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/bench.hpp"

namespace ws::cli {
namespace {

using Clock = std::chrono::steady_clock;

// The workload; scenarios/bench/cohort.toml must say the same (the exit counts check it).
constexpr std::uint32_t kPersons = 100'000;
constexpr double kAgeLow = 45, kAgeHigh = 60, kRetirementAge = 67;
constexpr int kYears = 10;
constexpr std::array<double, 3> kExitRates = {0.02, 0.01, 0.05};
constexpr int kCauses = 4;  // the three exits, then retirement
const std::array<std::string, kCauses> kCauseLabels = {"werk->exit_a", "werk->exit_b", "werk->exit_c",
                                                       "werk->pensioen"};

using ExitCounts = std::array<std::array<double, kYears>, kCauses>;  // [cause][year]

struct Measurement {
  double cpu = 0;     // thread CPU seconds
  double wall = 0;    // wall seconds
  double write = 0;   // werkstroom only: the runner's time in the writer (HDF5 and summaries)
  double define = 0;  // werkstroom only: creating the results file and defining its variables
  ExitCounts exits{};
};

std::string cohort_scenario_path() {
  const char* env = std::getenv("WERKSTROOM_BENCH_COHORT_SCENARIO");
  return env ? env : "scenarios/bench/cohort.toml";
}

// Times `body` (which fills the measurement's exit counts) in thread CPU and wall time.
template <typename Body>
Measurement timed(Body&& body) {
  Measurement m;
  const auto wall_start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  body(m);
  m.cpu = thread_cpu_seconds() - cpu_start;
  m.wall = std::chrono::duration<double>(Clock::now() - wall_start).count();
  return m;
}

// ---- werkstroom: the scenario through load, compile, simulate and write, as `werkstroom run` does

Measurement run_werkstroom(const std::string& path, const std::filesystem::path& out) {
  return timed([&](Measurement& m) {
    const model::ScenarioSpec spec = scenario::load_scenario(path);
    runner::RunOptions options;
    options.replications = 1;
    options.seed = spec.run.seed;
    options.threads = 1;
    options.out = out;
    options.progress = runner::Progress::Mode::quiet;
    options.command_line = "werkstroom bench cohort";
    std::filesystem::remove(out);
    const runner::RunReport report = runner::run_scenarios({spec}, {path}, options);
    m.write = report.write_seconds;
    m.define = report.define_seconds;
    // flow_mean[0] is [year][gemeente][label]; with one replication the mean is the count.
    const auto& layout = report.layout;
    const std::size_t G = layout.gemeenten.size(), L = layout.labels.size();
    if (layout.years.size() != kYears) throw std::runtime_error("bench cohort: the scenario is not 10 years");
    for (int c = 0; c < kCauses; ++c) {
      const auto it = std::find(layout.labels.begin(), layout.labels.end(), kCauseLabels[c]);
      if (it == layout.labels.end()) throw std::runtime_error("bench cohort: no flow " + kCauseLabels[c]);
      const auto label = static_cast<std::size_t>(it - layout.labels.begin());
      for (std::size_t y = 0; y < kYears; ++y)
        for (std::size_t g = 0; g < G; ++g) m.exits[c][y] += report.flow_mean[0][(y * G + g) * L + label];
    }
  });
}

// The model alone on an already loaded scenario: compile and simulate one replication, no runner, no file.
Measurement run_model_only(const model::ScenarioSpec& spec) {
  return timed([&](Measurement&) {
    const model::CompiledModel compiled = model::compile_model(spec);
    if (model::simulate_replication(compiled, spec.run.seed, 0).events == 0)
      throw std::runtime_error("bench cohort: no events");
  });
}

// ---- the naive simulator

struct NaiveEvent {
  double time;  // years since the start
  std::uint32_t person;
  std::uint32_t cause;
};
struct NaiveLater {
  bool operator()(const NaiveEvent& a, const NaiveEvent& b) const { return a.time > b.time; }
};

Measurement run_naive(std::uint64_t seed) {
  return timed([&](Measurement& m) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> age(kAgeLow, kAgeHigh);
    std::array<std::exponential_distribution<double>, 3> exit_wait;
    for (std::size_t k = 0; k < exit_wait.size(); ++k)
      exit_wait[k] = std::exponential_distribution<double>(kExitRates[k]);
    std::vector<NaiveEvent> storage;
    storage.reserve(std::size_t{kCauses} * kPersons);
    std::priority_queue<NaiveEvent, std::vector<NaiveEvent>, NaiveLater> queue(NaiveLater{},
                                                                               std::move(storage));
    for (std::uint32_t p = 0; p < kPersons; ++p) {
      const double age_at_start = age(rng);
      for (std::uint32_t k = 0; k < exit_wait.size(); ++k) queue.push({exit_wait[k](rng), p, k});
      queue.push({kRetirementAge - age_at_start, p, kCauses - 1});
    }
    std::vector<char> gone(kPersons, 0);
    while (!queue.empty() && queue.top().time < kYears) {
      const NaiveEvent e = queue.top();
      queue.pop();
      if (gone[e.person]) continue;  // stale: the person left by an earlier event
      gone[e.person] = 1;
      m.exits[e.cause][static_cast<std::size_t>(e.time)] += 1;
    }
  });
}

// ---- the fairness check

// The largest |difference| over the cells in standard deviations of the difference of two independent
// binomial counts out of kPersons (at least 1, so that empty cells compare).
double largest_z(const ExitCounts& a, const ExitCounts& b) {
  double worst = 0;
  for (int c = 0; c < kCauses; ++c)
    for (int y = 0; y < kYears; ++y) {
      const double x = a[c][y], z = b[c][y];
      const double var = x * (1 - x / kPersons) + z * (1 - z / kPersons);
      worst = std::max(worst, std::fabs(x - z) / std::sqrt(std::max(var, 1.0)));
    }
  return worst;
}

int bench_cohort(const BenchOptions& options) {
  const std::string path = cohort_scenario_path();
  const auto out =
      std::filesystem::temp_directory_path() / fmt::format("werkstroom-cohort-{}.nc", ::getpid());
  const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  constexpr std::uint64_t kNaiveSeed = 20250101;
  const model::ScenarioSpec spec = scenario::load_scenario(path);
  std::vector<double> ws_cpu, ws_wall, ws_write, ws_define, naive_cpu, naive_wall, ratio_cpu, ratio_wall,
      model_cpu, model_wall;
  Measurement ws, naive;
  bool deterministic = true;
  for (int repeat = 0; repeat < options.repeats; ++repeat) {
    // Both take turns within each repeat, and which goes first alternates.
    const bool naive_first = repeat % 2 == 1;
    if (naive_first) naive = run_naive(kNaiveSeed);
    const Measurement w = run_werkstroom(path, out);
    if (!naive_first) naive = run_naive(kNaiveSeed);
    const Measurement model_only = run_model_only(spec);
    model_cpu.push_back(model_only.cpu);
    model_wall.push_back(model_only.wall);
    if (repeat > 0 && w.exits != ws.exits) deterministic = false;
    ws = w;
    ws_cpu.push_back(ws.cpu);
    ws_wall.push_back(ws.wall);
    ws_write.push_back(ws.write);
    ws_define.push_back(ws.define);
    naive_cpu.push_back(naive.cpu);
    naive_wall.push_back(naive.wall);
    ratio_cpu.push_back(naive.cpu / ws.cpu);  // werkstroom persons/s over naive persons/s
    ratio_wall.push_back(naive.wall / ws.wall);
  }
  std::filesystem::remove(out);

  const auto rate = [](const std::vector<double>& seconds) { return kPersons / median(seconds); };
  std::cout << fmt::format(
      "cohort: {} ({} persons, 10 years), one thread; median of {} repeats, both taking turns\n"
      "                                   thread CPU          wall\n"
      "  werkstroom persons/s          {:>13.4g} {:>13.4g}   (load + run + write the results file)\n"
      "  naive persons/s               {:>13.4g} {:>13.4g}   (std::priority_queue + std::mt19937_64)\n"
      "  ratio werkstroom / naive      {:>13.2f} {:>13.2f}   (target >= 2)\n"
      "  model only persons/s          {:>13.4g} {:>13.4g}   (compile + simulate: no load, runner or file)\n"
      "  werkstroom ms per run         {:>13.1f} {:>13.1f}   (of which the results file {:.1f} ms wall:\n"
      "                                                             defining {:.1f}, writing {:.1f})\n"
      "  naive ms per run              {:>13.1f} {:>13.1f}\n",
      path, kPersons, options.repeats, rate(ws_cpu), rate(ws_wall), rate(naive_cpu), rate(naive_wall),
      median(ratio_cpu), median(ratio_wall), rate(model_cpu), rate(model_wall), 1e3 * median(ws_cpu),
      1e3 * median(ws_wall), 1e3 * (median(ws_define) + median(ws_write)), 1e3 * median(ws_define),
      1e3 * median(ws_write), 1e3 * median(naive_cpu), 1e3 * median(naive_wall));

  std::cout << "\n  exits per cause (werkstroom / naive):";
  for (int c = 0; c < kCauses; ++c) {
    double a = 0, b = 0;
    for (int y = 0; y < kYears; ++y) a += ws.exits[c][y], b += naive.exits[c][y];
    std::cout << fmt::format("  {} {:.0f} / {:.0f}", kCauseLabels[c].substr(6), a, b);
  }
  const double z = largest_z(ws.exits, naive.exits);
  constexpr double kTolerance = 5;  // standard deviations, over 40 cells (cause x year)
  const bool same = z <= kTolerance;
  std::cout << fmt::format(
      "\n  largest difference per cause and year: {:.2f} standard deviations (tolerance {})\n"
      "Same exits per cause and year in both: {}\n"
      "werkstroom repeats identical: {}\n",
      z, kTolerance, same ? "yes" : "NO", deterministic ? "yes" : "NO");
  return same && deterministic ? 0 : 1;
}

const RegisterBenchTarget cohort_target{
    "cohort", "persons/s of a 100,000-person cohort through the whole run path vs a naive simulator",
    bench_cohort};

}  // namespace
}  // namespace ws::cli
