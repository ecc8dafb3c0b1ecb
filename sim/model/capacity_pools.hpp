#pragma once
// Places of the capacity states and their first-come-first-served waiting lists, one pool per capacity state
// (regional) or per capacity state and gemeente. A person leaving a waiting list for another reason stays in
// the deque as a stale entry and is skipped when it reaches the head (its ticket no longer matches).
#include <cstdint>
#include <deque>
#include <vector>

#include "sim/model/compiled_model.hpp"

namespace ws::model {

class CapacityPools {
 public:
  explicit CapacityPools(const CompiledModel& m);

  void set_year(int calendar_year);  // places follow the capacity table of that year
  int pool_of(int capacity, int gemeente) const {
    return model_->capacities[static_cast<std::size_t>(capacity)].per_gemeente ? gemeente : 0;
  }
  // A newcomer may enter directly only when a place is free and nobody is waiting (first come, first served).
  bool can_enter_directly(int capacity, int pool) const {
    const Pool& p = pool_ref(capacity, pool);
    return p.waiting_live == 0 && p.occupied < p.places;
  }
  void occupy(int capacity, int pool) { ++pool_ref(capacity, pool).occupied; }
  void release(int capacity, int pool) { --pool_ref(capacity, pool).occupied; }

  void enqueue(int capacity, int pool, std::uint32_t person, std::uint32_t ticket);
  void leave_queue(int capacity, int pool) { --pool_ref(capacity, pool).waiting_live; }

  // The next person to admit when a place is free, or -1. `is_current(person, ticket)` says whether a queue
  // entry is still waiting; stale entries are dropped. The caller moves the person and calls occupy().
  template <class IsCurrent>
  std::int64_t next_admission(int capacity, int pool, IsCurrent&& is_current) {
    Pool& p = pool_ref(capacity, pool);
    if (p.occupied >= p.places) return -1;
    while (!p.queue.empty()) {
      const Entry e = p.queue.front();
      p.queue.pop_front();
      if (is_current(e.person, e.ticket)) {
        --p.waiting_live;
        return e.person;
      }
    }
    return -1;
  }

  double total_places(int capacity) const {
    double sum = 0;
    for (const Pool& p : pools_[static_cast<std::size_t>(capacity)]) sum += p.places;
    return sum;
  }
  int pool_count(int capacity) const {
    return static_cast<int>(pools_[static_cast<std::size_t>(capacity)].size());
  }

 private:
  struct Entry {
    std::uint32_t person;
    std::uint32_t ticket;
  };
  struct Pool {
    double places = 0;
    std::int64_t occupied = 0;
    std::int64_t waiting_live = 0;
    std::deque<Entry> queue;
  };
  Pool& pool_ref(int c, int pool) {
    return pools_[static_cast<std::size_t>(c)][static_cast<std::size_t>(pool)];
  }
  const Pool& pool_ref(int c, int pool) const {
    return pools_[static_cast<std::size_t>(c)][static_cast<std::size_t>(pool)];
  }

  const CompiledModel* model_;
  std::vector<std::vector<Pool>> pools_;
};

}  // namespace ws::model
