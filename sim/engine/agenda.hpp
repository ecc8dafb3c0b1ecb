#pragma once
// Agenda: an EventQueue plus, per entity, the handle of its one pending event — the competing-risks
// mechanism. After any change of an entity's state the caller redraws all its risks (see hazard.hpp:
// earliest_of) and calls set_next(), which replaces whatever the entity had pending. Entities are dense
// std::uint32_t ids.
//
// Which entity an event belongs to: EntityOf(payload), by default the payload's public member `entity`
// (std::uint32_t). Global events (not tied to an entity: a census, a yearly budget) go through
// schedule_global() and should carry entity == kNoEntity. pop() frees the entity's slot only if the popped
// event is the entity's pending one, so a global event whose payload names an entity by mistake cannot clear
// that entity's slot.
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/common/huge_pages.hpp"
#include "sim/engine/event_queue.hpp"

namespace ws::engine {

inline constexpr std::uint32_t kNoEntity = ~std::uint32_t{0};

struct EntityMember {
  template <class Payload>
  std::uint32_t operator()(const Payload& p) const {
    return p.entity;
  }
};

template <class Payload, class EntityOf = EntityMember>
class Agenda {
 public:
  using Queue = EventQueue<Payload>;
  using Handle = typename Queue::Handle;
  using Popped = typename Queue::Popped;

  // Replaces the entity's pending event (if any) by a new one; time == +infinity only cancels.
  void set_next(std::uint32_t entity, double time, std::int32_t priority, Payload payload) {
    if (entity == kNoEntity) throw std::invalid_argument("Agenda::set_next: kNoEntity is not an entity");
    if (EntityOf{}(payload) != entity)
      throw std::invalid_argument("Agenda::set_next: payload names another entity");
    if (entity >= pending_.size()) pending_.resize(std::size_t{entity} + 1, Queue::kNoHandle);
    Handle& h = pending_[entity];
    if (h != Queue::kNoHandle) queue_.cancel(h);
    h = time == kInfinity ? Queue::kNoHandle : queue_.schedule(time, priority, std::move(payload));
  }

  void cancel(std::uint32_t entity) {
    if (!has_pending(entity)) return;
    queue_.cancel(pending_[entity]);
    pending_[entity] = Queue::kNoHandle;
  }

  bool has_pending(std::uint32_t entity) const {
    return entity < pending_.size() && pending_[entity] != Queue::kNoHandle;
  }
  // The time of the entity's pending event, +infinity if none.
  double next_time(std::uint32_t entity) const {
    return has_pending(entity) ? queue_.time_of(pending_[entity]) : kInfinity;
  }

  // An event of no entity; several may be pending at once. The handle may be cancelled with cancel_global.
  Handle schedule_global(double time, std::int32_t priority, Payload payload) {
    return queue_.schedule(time, priority, std::move(payload));
  }
  void cancel_global(Handle h) { queue_.cancel(h); }

  bool empty() const { return queue_.empty(); }
  std::size_t size() const { return queue_.size(); }
  double top_time() const { return queue_.top_time(); }
  const Payload& top() const { return queue_.top(); }

  // The earliest event's entity, kNoEntity for a global event or an empty agenda: for a caller that fetches
  // that entity's records while it handles the current event.
  std::uint32_t next_entity() const { return queue_.empty() ? kNoEntity : EntityOf{}(queue_.top()); }
  // Starts loading what pop() will read for that entity, so the load overlaps the caller's work instead of
  // stalling pop (with many entities, their handles are a random access into memory).
  void prefetch(std::uint32_t entity) const {
    if (entity < pending_.size()) __builtin_prefetch(&pending_[entity]);
  }

  Popped pop() {
    const Handle h = queue_.top_handle();
    const std::uint32_t entity = EntityOf{}(queue_.top());
    if (entity < pending_.size() && pending_[entity] == h) pending_[entity] = Queue::kNoHandle;
    return queue_.pop();
  }

  void reserve(std::size_t events, std::size_t entities) {
    queue_.reserve(events);
    reserve_on_huge_pages(pending_, entities);
  }
  void clear() {
    queue_.clear();
    pending_.clear();
  }

 private:
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();
  Queue queue_;
  std::vector<Handle> pending_;  // per entity: its pending event, or kNoHandle
};

}  // namespace ws::engine
