// EventQueue against a plain reference (an ordered set of (time, priority, sequence)) under long random
// sequences of schedule / cancel / reschedule / pop / top, plus the edge cases of its contract.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sim/engine/event_queue.hpp"
#include "sim/engine/random.hpp"

using ws::engine::EventQueue;
using ws::engine::RandomStream;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Tag {
  std::uint64_t id = 0;
};

// The reference: pending events ordered by (time, priority, sequence), each known by its payload id.
struct Reference {
  using Key = std::tuple<double, std::int32_t, std::uint64_t, std::uint64_t>;  // time, priority, seq, id
  std::set<Key> order;
  std::map<std::uint64_t, Key> by_id;
  std::uint64_t seq = 0;

  void add(double t, std::int32_t p, std::uint64_t id) {
    const Key k{t, p, seq++, id};
    order.insert(k);
    by_id[id] = k;
  }
  void remove(std::uint64_t id) {
    order.erase(by_id.at(id));
    by_id.erase(id);
  }
};

// Times from a few regimes: continuous, a coarse grid (so exact ties in time, and in time and priority, are
// common), negative, and +infinity.
double draw_time(RandomStream& rng) {
  const double u = rng.uniform();
  if (u < 0.45) return rng.uniform(-5, 100);
  if (u < 0.9) return std::floor(rng.uniform(0, 20));
  if (u < 0.97) return -std::floor(rng.uniform(0, 3));
  return kInf;
}

void run_random_sequence(std::uint64_t seed, int operations) {
  RandomStream rng(seed, 0, ws::engine::purpose_id("test.event_queue"));
  EventQueue<Tag> q;
  Reference ref;
  std::map<std::uint64_t, EventQueue<Tag>::Handle> handle_of;  // pending id -> handle
  std::vector<std::uint64_t> pending_ids;                      // for picking a random pending event
  std::uint64_t next_id = 0;
  auto forget = [&](std::uint64_t id) {
    handle_of.erase(id);
    for (auto& p : pending_ids)
      if (p == id) {
        p = pending_ids.back();
        pending_ids.pop_back();
        break;
      }
  };

  for (int op = 0; op < operations; ++op) {
    // Drift between growing and shrinking phases so sizes from 0 to a few thousand are all visited.
    const bool growing = (op / 20000) % 2 == 0;
    const double u = rng.uniform();
    if (ref.order.empty() || u < (growing ? 0.45 : 0.30)) {
      const double t = draw_time(rng);
      const auto p = static_cast<std::int32_t>(rng.next_u32() % 5) - 2;
      const std::uint64_t id = next_id++;
      const auto h = q.schedule(t, p, Tag{id});
      REQUIRE(q.pending(h));
      ref.add(t, p, id);
      handle_of[id] = h;
      pending_ids.push_back(id);
    } else if (u < 0.70) {
      const auto expected = *ref.order.begin();
      const auto popped = q.pop();
      REQUIRE(popped.payload.id == std::get<3>(expected));
      REQUIRE(popped.time == std::get<0>(expected));
      REQUIRE(popped.priority == std::get<1>(expected));
      REQUIRE_FALSE(q.pending(handle_of.at(popped.payload.id)));
      ref.remove(popped.payload.id);
      forget(popped.payload.id);
    } else if (u < 0.82) {
      const std::uint64_t id = pending_ids[rng.next_u32() % pending_ids.size()];
      q.cancel(handle_of.at(id));
      REQUIRE_FALSE(q.pending(handle_of.at(id)));
      ref.remove(id);
      forget(id);
    } else if (u < 0.94) {
      const std::uint64_t id = pending_ids[rng.next_u32() % pending_ids.size()];
      const double t = draw_time(rng);
      const auto h = handle_of.at(id);
      const std::int32_t p = std::get<1>(ref.by_id.at(id));
      q.reschedule(h, t);
      REQUIRE(q.time_of(h) == t);
      REQUIRE(q.priority_of(h) == p);
      ref.remove(id);
      ref.add(t, p, id);
    } else {
      const auto expected = *ref.order.begin();
      REQUIRE(q.top().id == std::get<3>(expected));
      REQUIRE(q.top_time() == std::get<0>(expected));
      REQUIRE(q.top_priority() == std::get<1>(expected));
      REQUIRE(q.payload_of(q.top_handle()).id == std::get<3>(expected));
    }
    REQUIRE(q.size() == ref.order.size());
    REQUIRE(q.empty() == ref.order.empty());
  }
  // Drain: the rest must come out in reference order too.
  while (!ref.order.empty()) {
    const auto expected = *ref.order.begin();
    REQUIRE(q.pop().payload.id == std::get<3>(expected));
    ref.order.erase(ref.order.begin());
  }
  REQUIRE(q.empty());
}

}  // namespace

TEST_CASE("EventQueue matches a reference ordered set under long random operation sequences",
          "[engine][queue]") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    INFO("seed " << seed);
    run_random_sequence(seed, 200'000);
  }
}

TEST_CASE("EventQueue orders by time, then priority, then scheduling order", "[engine][queue]") {
  EventQueue<int> q;
  q.schedule(2.0, 0, 1);
  q.schedule(1.0, 5, 2);
  q.schedule(1.0, -3, 3);
  q.schedule(1.0, 5, 4);
  q.schedule(-1.0, 9, 5);
  q.schedule(kInf, -100, 6);
  q.schedule(0.0, 0, 7);
  q.schedule(-0.0, 0, 8);  // equal to 0.0: scheduled later, so after it
  std::vector<int> order;
  while (!q.empty()) order.push_back(q.pop().payload);
  REQUIRE(order == std::vector<int>{5, 7, 8, 3, 2, 4, 1, 6});
}

TEST_CASE("EventQueue reschedule counts as newly scheduled among equal keys", "[engine][queue]") {
  EventQueue<int> q;
  const auto a = q.schedule(1.0, 0, 1);
  q.schedule(1.0, 0, 2);
  q.schedule(1.0, 0, 3);
  q.reschedule(a, 1.0);  // same time and priority: now after 2 and 3
  std::vector<int> order;
  while (!q.empty()) order.push_back(q.pop().payload);
  REQUIRE(order == std::vector<int>{2, 3, 1});
}

TEST_CASE("EventQueue handles are recycled and invalid once popped or cancelled", "[engine][queue]") {
  EventQueue<std::string> q;  // a payload with resources, so leaks or double frees would show under ASan
  const auto a = q.schedule(1.0, 0, std::string(100, 'a'));
  const auto b = q.schedule(2.0, 0, std::string(100, 'b'));
  REQUIRE(q.pending(a));
  REQUIRE_FALSE(q.pending(EventQueue<std::string>::kNoHandle));
  q.cancel(a);
  REQUIRE_FALSE(q.pending(a));
  REQUIRE_THROWS_AS(q.cancel(a), std::logic_error);
  REQUIRE_THROWS_AS(q.reschedule(a, 3.0), std::logic_error);
  REQUIRE_THROWS_AS(q.time_of(a), std::logic_error);
  const auto c = q.schedule(0.5, 0, std::string(100, 'c'));
  REQUIRE(c == a);  // the freed slot is reused
  REQUIRE(q.top() == std::string(100, 'c'));
  const auto popped = q.pop();
  REQUIRE(popped.payload == std::string(100, 'c'));
  REQUIRE_FALSE(q.pending(c));
  REQUIRE(q.pending(b));
  REQUIRE(q.size() == 1);
  q.clear();
  REQUIRE(q.empty());
  REQUIRE_FALSE(q.pending(b));
  REQUIRE_THROWS_AS(q.pop(), std::logic_error);
  REQUIRE_THROWS_AS(q.top_time(), std::logic_error);
}

TEST_CASE("EventQueue rejects NaN times", "[engine][queue]") {
  EventQueue<int> q;
  REQUIRE_THROWS_AS(q.schedule(std::nan(""), 0, 1), std::invalid_argument);
  const auto h = q.schedule(1.0, 0, 1);
  REQUIRE_THROWS_AS(q.reschedule(h, std::nan("")), std::invalid_argument);
  REQUIRE(q.time_of(h) == 1.0);
}

TEST_CASE("EventQueue accessors after a pop see the next event (the vacant root is refilled)",
          "[engine][queue]") {
  EventQueue<int> q;
  for (int i = 0; i < 50; ++i) q.schedule(static_cast<double>((i * 37) % 50), 0, i);
  for (int expected = 0; expected < 50; ++expected) {
    REQUIRE(q.size() == static_cast<std::size_t>(50 - expected));
    REQUIRE(q.top_time() == expected);
    REQUIRE(q.pop().time == expected);
  }
  REQUIRE(q.empty());
}
