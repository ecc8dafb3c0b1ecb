#pragma once
// EventQueue: the pending events of one replication, as an indexed 4-ary min-heap.
//
// Order: time, then priority (ascending), then the order of scheduling. Ties are therefore fully
// deterministic: two events at the same time and priority pop in the order they were scheduled (or last
// rescheduled).
//
// Handles are slots, recycled through a free list: once an event pops or is cancelled its handle is invalid
// and may be handed out again by a later schedule(). Payload must be default-constructible and movable.
//
// Why it is fast (see BENCHMARKS.md, "Engine: event queue"):
// - The heap array holds only 16-byte keys: the time mapped to an order-preserving 64-bit integer, the
// priority
//   and the handle. Four of them fill one cache line, and the array is laid out so that the four children of
//   a node always share one line; while looking at a node's children the heap prefetches the grandchildren.
// - A 4-ary heap halves the depth of a binary one, and the smallest of four children is picked without
// branches
//   (comparing random times is a coin flip, so branches would mispredict half the time).
// - The sequence number that breaks exact (time, priority) ties lives with the payload in a slot array
// indexed
//   by handle: it is only read on such ties, which are rare in continuous time, and being 64-bit it never
//   wraps. Payloads stay put there; a separate, compact position index per slot makes cancel/reschedule O(log
//   n).
// - pop() leaves the root vacant and lets the next operation fill it. An event loop nearly always schedules
//   right after popping, and then the new event simply drops into the vacant root and sifts down once,
//   instead of a sift-down for the pop plus a sift-up for the push. Any other operation fills the root first
//   (with the last entry, as a plain pop would). Because of that, even the const accessors may restore the
//   heap: an EventQueue must not be shared between threads, not even for reading (each replication owns its
//   own).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/common/huge_pages.hpp"

namespace ws::engine {

namespace detail {
// Allocates on 64-byte boundaries so that heap index arithmetic can line nodes up with cache lines.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlign{64};
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, std::size_t n) { ::operator delete(p, n * sizeof(T), kAlign); }
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};
}  // namespace detail

template <class Payload>
class EventQueue {
  static_assert(std::is_default_constructible_v<Payload>,
                "EventQueue payloads must be default-constructible");
  static_assert(std::is_move_assignable_v<Payload>, "EventQueue payloads must be move-assignable");

 public:
  using Handle = std::uint32_t;
  static constexpr Handle kNoHandle = ~Handle{0};

  struct Popped {
    double time;
    std::int32_t priority;
    Payload payload;
  };

  EventQueue() : heap_(kRoot) {}

  // Schedules an event; time must not be NaN (+infinity is allowed and sorts last).
  Handle schedule(double time, std::int32_t priority, Payload payload) {
    const std::uint64_t tkey = time_key(time);
    Handle h;
    if (free_head_ != kNoHandle) {
      h = free_head_;
      Slot& slot = slots_[h];
      free_head_ = static_cast<Handle>(slot.sequence);
      slot.payload = std::move(payload);
      slot.sequence = sequence_++;
    } else {
      if (slots_.size() >= kNoHandle - 1) throw std::length_error("EventQueue: too many pending events");
      h = static_cast<Handle>(slots_.size());
      slots_.push_back(Slot{std::move(payload), sequence_++});
      position_.push_back(kNotQueued);
    }
    const Entry placed = make_entry(tkey, priority, h);
    if (root_vacant_) {
      root_vacant_ = false;
      sift_down(kRoot, placed);
    } else {
      heap_.push_back(placed);
      sift_up(heap_.size() - 1, placed);
    }
    return h;
  }

  // Removes a pending event; its handle becomes invalid.
  void cancel(Handle h) {
    fill_root();
    const std::size_t i = checked_position(h, "cancel");
    release(h);
    const Entry last = heap_.back();
    heap_.pop_back();
    if (i < heap_.size()) replace_at(i, last);
  }

  bool pending(Handle h) const { return h < position_.size() && position_[h] != kNotQueued; }

  // Moves a pending event to a new time. It keeps its priority but is ordered as if scheduled now: among
  // events with the same time and priority it comes after all those already pending.
  void reschedule(Handle h, double new_time) {
    const std::uint64_t tkey = time_key(new_time);
    fill_root();
    const std::size_t i = checked_position(h, "reschedule");
    Entry e = heap_[i];
    e.tkey = tkey;
    slots_[h].sequence = sequence_++;
    replace_at(i, e);
  }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return heap_.size() - kRoot - (root_vacant_ ? 1 : 0); }

  // The earliest event; the queue must not be empty.
  double top_time() const { return time_of_key(root().tkey); }
  std::int32_t top_priority() const { return priority_of(root()); }
  Handle top_handle() const { return handle_of(root()); }
  const Payload& top() const { return slots_[handle_of(root())].payload; }

  // A pending event's time, priority and payload. (A vacant root belongs to no pending handle, so the
  // positions of pending events are always valid.)
  double time_of(Handle h) const { return time_of_key(heap_[checked_position(h, "time_of")].tkey); }
  std::int32_t priority_of(Handle h) const { return priority_of(heap_[checked_position(h, "priority_of")]); }
  const Payload& payload_of(Handle h) const {
    checked_position(h, "payload_of");
    return slots_[h].payload;
  }

  // Removes and returns the earliest event; the queue must not be empty.
  Popped pop() {
    fill_root();
    if (heap_.size() == kRoot) throw std::logic_error("EventQueue::pop on an empty queue");
    const Entry top = heap_[kRoot];
    const Handle h = handle_of(top);
    Popped out{time_of_key(top.tkey), priority_of(top), std::move(slots_[h].payload)};
    release(h);
    root_vacant_ = true;
    return out;
  }

  // Drops every event; all handles become invalid and the sequence restarts.
  void clear() {
    heap_.resize(kRoot);
    slots_.clear();
    position_.clear();
    free_head_ = kNoHandle;
    sequence_ = 0;
    root_vacant_ = false;
  }

  // Room for n pending events; a large queue's arrays go on huge pages (common/huge_pages.hpp).
  void reserve(std::size_t n) {
    reserve_on_huge_pages(heap_, kRoot + n);
    reserve_on_huge_pages(slots_, n);
    reserve_on_huge_pages(position_, n);
  }

 private:
  struct alignas(16) Entry {
    std::uint64_t tkey;  // time_key(time)
    std::uint64_t low;   // priority_key(priority) << 32 | handle
  };
  static Entry make_entry(std::uint64_t tkey, std::int32_t priority, Handle h) {
    return {tkey, std::uint64_t{priority_key(priority)} << 32 | h};
  }
  static Handle handle_of(const Entry& e) { return static_cast<Handle>(e.low); }
  static std::int32_t priority_of(const Entry& e) {
    return priority_of_key(static_cast<std::uint32_t>(e.low >> 32));
  }
  static_assert(sizeof(Entry) == 16);
  static constexpr std::uint32_t kNotQueued = ~std::uint32_t{0};
  // The root sits at index 3 (0..2 unused): then the children of node p are 4p-8 .. 4p-5, always a multiple
  // of four, so with 16-byte entries on a 64-byte aligned array each family of four shares one cache line.
  static constexpr std::size_t kRoot = 3;
  static std::size_t first_child(std::size_t p) { return 4 * p - 8; }
  static std::size_t parent(std::size_t p) { return p / 4 + 2; }

  // Doubles as integers with the same order: flip all bits of negatives, only the sign bit of the rest
  // (-0.0 is first made +0.0 so the two compare equal, as doubles do).
  static std::uint64_t time_key(double t) {
    if (std::isnan(t)) throw std::invalid_argument("EventQueue: event time is NaN");
    const auto bits = std::bit_cast<std::uint64_t>(t + 0.0);
    return (bits >> 63) ? ~bits : bits | (std::uint64_t{1} << 63);
  }
  static double time_of_key(std::uint64_t k) {
    return std::bit_cast<double>((k >> 63) ? k & ~(std::uint64_t{1} << 63) : ~k);
  }
  static std::uint32_t priority_key(std::int32_t p) { return static_cast<std::uint32_t>(p) ^ 0x80000000u; }
  static std::int32_t priority_of_key(std::uint32_t k) { return static_cast<std::int32_t>(k ^ 0x80000000u); }

  // (time, priority) as one 128-bit integer, high word the time, low word priority:handle. GCC compares it
  // with cmp/sbb, no branches. Only when time and priority are both equal (rare in continuous time; the
  // branch is predictable) does the handle part not decide, and the sequence numbers do.
  __extension__ using Key = unsigned __int128;
  static Key key(const Entry& e) { return (Key{e.tkey} << 64) | e.low; }
  bool less(const Entry& a, const Entry& b) const {
    if (a.tkey == b.tkey && ((a.low ^ b.low) >> 32) == 0) [[unlikely]]
      return slots_[handle_of(a)].sequence < slots_[handle_of(b)].sequence;
    return key(a) < key(b);
  }

  std::size_t checked_position(Handle h, const char* what) const {
    if (!pending(h)) throw std::logic_error(std::string("EventQueue::") + what + ": handle is not pending");
    return position_[h];
  }

  // Free slots form a linked list through their sequence field, which a free slot does not need.
  void release(Handle h) {
    position_[h] = kNotQueued;
    slots_[h].sequence = free_head_;
    free_head_ = h;
  }

  const Entry& root() const {
    fill_root();
    if (heap_.size() == kRoot) throw std::logic_error("EventQueue: top of an empty queue");
    return heap_[kRoot];
  }

  // Fills a root left vacant by pop() with the last entry, as an eager pop would have.
  void fill_root() const {
    if (!root_vacant_) return;
    root_vacant_ = false;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (heap_.size() > kRoot) sift_down_floyd(last);
    // The event after the new earliest is one of the root's children (or one scheduled later): their payloads
    // start loading now, a whole event ahead of the pop that reads one of them.
    const std::size_t first = first_child(kRoot), end = std::min(first + 4, heap_.size());
    for (std::size_t i = first; i < end; ++i) __builtin_prefetch(&slots_[handle_of(heap_[i])]);
  }

  void place(std::size_t i, const Entry& e) const {
    heap_[i] = e;
    const Handle h = handle_of(e);
    position_[h] = static_cast<std::uint32_t>(i);
    // The new earliest event is the next to pop: fetch its payload while the heap is still being sifted (and
    // the caller handles the current event), instead of stalling on it in pop().
    if (i == kRoot) __builtin_prefetch(&slots_[h]);
  }

  // Puts e at index i (whose old entry is gone) and restores the heap around it.
  void replace_at(std::size_t i, const Entry& e) const {
    if (i > kRoot && less(e, heap_[parent(i)]))
      sift_up(i, e);
    else
      sift_down(i, e);
  }

  void sift_up(std::size_t i, const Entry e) const {
    while (i > kRoot) {
      const std::size_t p = parent(i);
      if (!less(e, heap_[p])) break;
      place(i, heap_[p]);
      i = p;
    }
    place(i, e);
  }

  // The smallest child, given the first child c (which exists). With all four children present: a branch-free
  // tournament on the time keys alone, held in registers (the full comparison only runs when two times are
  // equal, a rare and so predictable branch); meanwhile the sixteen grandchildren (four cache lines,
  // contiguous) are prefetched. Returns the child's index; its time key goes to *tkey.
  std::size_t min_child(std::size_t c, std::size_t n, std::uint64_t* tkey) const {
    const Entry* h = heap_.data();
    if (c + 3 < n) {
      const std::size_t g = first_child(c);
      if (g < n) {
        const char* line = reinterpret_cast<const char*>(h + g);
        __builtin_prefetch(line);
        __builtin_prefetch(line + 64);
        __builtin_prefetch(line + 128);
        __builtin_prefetch(line + 192);
      }
      const std::uint64_t t0 = h[c].tkey, t1 = h[c + 1].tkey, t2 = h[c + 2].tkey, t3 = h[c + 3].tkey;
      const bool first_pair = t1 == t0 ? less(h[c + 1], h[c]) : t1 < t0;
      const bool second_pair = t3 == t2 ? less(h[c + 3], h[c + 2]) : t3 < t2;
      const std::size_t ia = c + first_pair, ib = c + 2 + second_pair;
      const std::uint64_t ta = first_pair ? t1 : t0, tb = second_pair ? t3 : t2;
      const bool final = tb == ta ? less(h[ib], h[ia]) : tb < ta;
      // Masks rather than ?: so that GCC does not turn this unpredictable choice into a branch.
      const std::uint64_t pick_b = std::uint64_t{0} - final;
      *tkey = ta ^ ((ta ^ tb) & pick_b);
      return ia ^ ((ia ^ ib) & pick_b);
    }
    std::size_t best = c;
    for (std::size_t k = c + 1; k < n; ++k)
      if (less(h[k], h[best])) best = k;
    *tkey = h[best].tkey;
    return best;
  }

  void sift_down(std::size_t i, const Entry e) const {
    const std::size_t n = heap_.size();
    for (std::size_t c = first_child(i); c < n; c = first_child(i)) {
      std::uint64_t tm;
      const std::size_t m = min_child(c, n, &tm);
      if (tm == e.tkey ? !less(heap_[m], e) : tm > e.tkey) break;
      place(i, heap_[m]);
      i = m;
    }
    place(i, e);
  }

  // Refilling the root with the last entry: that entry came from the bottom and nearly always belongs near
  // the bottom again, so move the hole all the way down along the smallest children first and sift e up from
  // there (Floyd's trick: one comparison per level less than a plain sift-down).
  void sift_down_floyd(const Entry e) const {
    const std::size_t n = heap_.size();
    std::size_t i = kRoot;
    for (std::size_t c = first_child(i); c < n; c = first_child(i)) {
      std::uint64_t tm;
      const std::size_t m = min_child(c, n, &tm);
      place(i, heap_[m]);
      i = m;
    }
    sift_up(i, e);
  }

  // mutable: the const accessors may fill a vacant root (see the top of this file)
  mutable std::vector<Entry, detail::CacheLineAllocator<Entry>> heap_;
  mutable std::vector<std::uint32_t> position_;  // per handle: index in heap_, or kNotQueued
  mutable bool root_vacant_ = false;  // pop() took the root and left its refilling to the next operation
  // Per handle: the payload, and the sequence number that breaks exact (time, priority) ties (for a free
  // slot: the next free one). Together, so that popping touches one cache line for them, not two.
  struct Slot {
    Payload payload;
    std::uint64_t sequence;
  };
  std::vector<Slot> slots_;
  Handle free_head_ = kNoHandle;  // the last released slot
  std::uint64_t sequence_ = 0;
};

}  // namespace ws::engine
