#pragma once
// A request to stop a simulation early, set by a signal handler (or another thread) and polled by long loops:
// a replication checks it every few thousand events and throws ws::Interrupted, so Ctrl-C stops a run within
// milliseconds even inside one huge replication. The flag is a lock-free atomic: safe to set in a handler.
#include <atomic>
#include <cstdint>

#include "sim/common/error.hpp"

namespace ws::engine {

// The signal that asked to stop, or 0.
inline constinit std::atomic<int> stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the stop flag is set in a signal handler");

// How many events a replication runs between two looks at the flag.
inline constexpr std::uint64_t kEventsBetweenStopChecks = 4096;

inline void throw_if_stop_requested() {
  if (const int signal = stop_signal.load(std::memory_order_relaxed); signal != 0) throw Interrupted(signal);
}

}  // namespace ws::engine
