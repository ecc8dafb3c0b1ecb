// `werkstroom bench <target> [--repeats N] [--quick]`: timing of named parts of the simulator.
// This file holds the target registry, the subcommand and the `engine` target (the event queue against
// std::priority_queue under the classic hold model).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <queue>
#include <stdexcept>
#include <vector>

#include "sim/common/error.hpp"
#include "sim/engine/event_queue.hpp"
#include "sim/engine/random.hpp"
#include "tools/cli/bench.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {

std::vector<BenchTarget>& bench_targets() {
  static std::vector<BenchTarget> all;
  return all;
}

void add_bench_target(std::string name, std::string description, BenchFn fn) {
  for (const auto& t : bench_targets())
    if (t.name == name) throw std::logic_error("bench target registered twice: " + name);
  bench_targets().push_back({std::move(name), std::move(description), std::move(fn)});
}

namespace {

// ---- the `engine` target ------------------------------------------------------------------------------

// The hold model (Vaucher & Duval 1975; Jones 1986): with n events pending, repeatedly pop the earliest and
// schedule a new one at its time + Exp(1). Both queues see the same increments and priorities, so they do the
// same work and must pop the same sequence (checked through a checksum).
struct HoldInput {
  std::vector<double> increments;  // cycled through; a power of two long
  std::vector<std::int32_t> priorities;
};

HoldInput make_hold_input() {
  constexpr std::size_t kLen = std::size_t{1} << 16;
  ws::engine::RandomStream rng(20240601, 0, ws::engine::purpose_id("bench.hold"));
  HoldInput in;
  in.increments.resize(kLen);
  in.priorities.resize(kLen);
  for (std::size_t i = 0; i < kLen; ++i) {
    in.increments[i] = rng.exponential();
    in.priorities[i] = static_cast<std::int32_t>(rng.next_u32() % 4);
  }
  return in;
}

struct HoldResult {
  double ns_per_hold;
  double checksum;
};

// CPU time of this thread, not wall time: the machine may be shared, and time spent descheduled is not the
// queue's. (Cache contention from other processes still shows; hence medians, and ratios within one run.)
double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

struct Payload {
  std::uint32_t entity;
};

// Fills the queue with n events, warms it up to its steady state with n holds (untimed), then times `holds`.
HoldResult hold_event_queue(const HoldInput& in, std::size_t n, std::size_t holds) {
  const std::size_t mask = in.increments.size() - 1;
  ws::engine::EventQueue<Payload> q;
  q.reserve(n);
  std::size_t r = 0;
  for (std::size_t i = 0; i < n; ++i, ++r)
    q.schedule(in.increments[r & mask], in.priorities[r & mask], Payload{static_cast<std::uint32_t>(i)});
  auto hold = [&](std::size_t count) {
    double sum = 0;
    for (std::size_t k = 0; k < count; ++k, ++r) {
      auto e = q.pop();
      sum += e.time + e.payload.entity;
      q.schedule(e.time + in.increments[r & mask], in.priorities[r & mask], e.payload);
    }
    return sum;
  };
  hold(n);
  const double start = thread_cpu_ns();
  const double sum = hold(holds);
  return {(thread_cpu_ns() - start) / static_cast<double>(holds), sum};
}

struct PqEvent {
  double time;
  std::int32_t priority;
  std::uint64_t seq;
  Payload payload;
};
struct PqLater {
  bool operator()(const PqEvent& a, const PqEvent& b) const {
    if (a.time != b.time) return a.time > b.time;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.seq > b.seq;
  }
};

HoldResult hold_priority_queue(const HoldInput& in, std::size_t n, std::size_t holds) {
  const std::size_t mask = in.increments.size() - 1;
  std::vector<PqEvent> storage;
  storage.reserve(n + 1);
  std::priority_queue<PqEvent, std::vector<PqEvent>, PqLater> q(PqLater{}, std::move(storage));
  std::size_t r = 0;
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i, ++r)
    q.push({in.increments[r & mask], in.priorities[r & mask], seq++, Payload{static_cast<std::uint32_t>(i)}});
  auto hold = [&](std::size_t count) {
    double sum = 0;
    for (std::size_t k = 0; k < count; ++k, ++r) {
      const PqEvent e = q.top();
      q.pop();
      sum += e.time + e.payload.entity;
      q.push({e.time + in.increments[r & mask], in.priorities[r & mask], seq++, e.payload});
    }
    return sum;
  };
  hold(n);
  const double start = thread_cpu_ns();
  const double sum = hold(holds);
  return {(thread_cpu_ns() - start) / static_cast<double>(holds), sum};
}

int bench_engine(const BenchOptions& opt) {
  const HoldInput in = make_hold_input();
  const int max_exponent = opt.quick ? 3 : 6;
  const std::size_t holds = opt.quick ? 2000 : 1'000'000;  // about 0.05 to 1 s per measurement
  std::printf("Event queue, hold model: pop the earliest event, schedule one at its time + Exp(1).\n");
  std::printf(
      "Thread CPU time, median of %d repeats; both queues take turns within each repeat on the\n"
      "same random input (increments; priorities 0..3). Each measurement: fill with n events,\n"
      "n untimed holds, %zu timed holds.\n\n",
      opt.repeats, holds);
  std::printf("%9s %10s | %12s %12s | %12s %12s | %7s\n", "pending", "holds", "EventQueue", "", "std::pq", "",
              "ratio");
  std::printf("%9s %10s | %12s %12s | %12s %12s | %7s\n", "", "", "ns/hold", "events/s", "ns/hold",
              "events/s", "EQ/pq");
  bool all_same = true;
  for (int e = 1; e <= max_exponent; ++e) {
    const auto n = static_cast<std::size_t>(std::llround(std::pow(10.0, e)));
    std::vector<double> eq, pq, ratio;
    for (int rep = 0; rep < opt.repeats; ++rep) {
      const HoldResult a = hold_event_queue(in, n, holds);
      const HoldResult b = hold_priority_queue(in, n, holds);
      if (a.checksum != b.checksum) all_same = false;
      eq.push_back(a.ns_per_hold);
      pq.push_back(b.ns_per_hold);
      ratio.push_back(a.ns_per_hold / b.ns_per_hold);
    }
    const double m_eq = median(eq), m_pq = median(pq);
    std::printf("%9zu %10zu | %12.1f %12.3g | %12.1f %12.3g | %7.2f\n", n, holds, m_eq, 1e9 / m_eq, m_pq,
                1e9 / m_pq, median(ratio));
    std::fflush(stdout);
  }
  std::printf("\nSame pop sequence in both queues: %s\n", all_same ? "yes" : "NO");
  return all_same ? 0 : 1;
}

const RegisterBenchTarget engine_target{
    "engine", "event queue vs std::priority_queue, hold model, 1e1..1e6 pending", bench_engine};

// ---- the subcommand ------------------------------------------------------------------------------------

struct BenchArgs {
  std::string target;
  BenchOptions options;
};

Registration register_bench(CLI::App& app) {
  static BenchArgs args;
  std::string targets;
  for (const auto& t : bench_targets()) targets += "\n  " + t.name + ": " + t.description;
  CLI::App* sub = app.add_subcommand("bench", "time parts of the simulator; targets:" + targets);
  sub->add_option("target", args.target, "what to time")->required();
  sub->add_option("--repeats", args.options.repeats, "repeats per measurement (the median is reported)")
      ->check(CLI::Range(1, 1000));
  sub->add_flag("--quick", args.options.quick, "a short smoke run (tiny sizes); figures are meaningless");
  return {[] {
            for (const auto& t : bench_targets())
              if (t.name == args.target) return t.run(args.options);
            std::string names;
            for (const auto& t : bench_targets()) names += (names.empty() ? "" : ", ") + t.name;
            throw InputError("bench: unknown target '" + args.target + "'; expected one of: " + names);
          },
          sub};
}

const RegisterCommand registered{register_bench};

}  // namespace
}  // namespace ws::cli
