#pragma once
// The event loop: pop the earliest event, move the clock to it, hand it to the model. The model's handler
// schedules follow-up events in the same agenda (never in the past: the clock would refuse).
#include <cmath>
#include <cstddef>

#include "sim/engine/agenda.hpp"
#include "sim/engine/clock.hpp"

namespace ws::engine {

// Handles every event with time < end (in queue order) and then moves the clock to end, so events at exactly
// `end` belong to the next period. Handler: void(typename Agenda<P, E>::Popped&), free to move the payload
// out. Returns the events handled.
template <class Payload, class EntityOf, class Handler>
std::size_t run_until(Agenda<Payload, EntityOf>& agenda, Clock& clock, double end, Handler&& handle) {
  std::size_t handled = 0;
  while (!agenda.empty() && agenda.top_time() < end) {
    auto event = agenda.pop();
    clock.advance_to(event.time);
    handle(event);
    ++handled;
  }
  if (std::isfinite(end) && end > clock.now()) clock.advance_to(end);
  return handled;
}

}  // namespace ws::engine
