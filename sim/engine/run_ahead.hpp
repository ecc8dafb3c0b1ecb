#pragma once
// An entity's own events, handled at once instead of through the queue. An event whose outcome depends on
// nothing outside its entity, and that changes nothing another entity sees before the end, may run as soon as
// it is drawn: the queue would only hand it back later, unchanged. Handling such events in the entity's own
// time order (a clock of its own refuses to go back) gives the same history for every entity; the caller must
// make whatever it counts at fixed times (stocks at output times) independent of that order.
#include <optional>
#include <stdexcept>

#include "sim/engine/clock.hpp"

namespace ws::engine {

// From `now`: draw_next() draws the entity's next event and returns its time if it is one to run at once, or
// nothing (it has scheduled the event in the queue, or there is none) to stop; handle(t) runs the event at t,
// which must lie before `end`. Returns the events handled.
template <class DrawNext, class Handle>
std::size_t run_ahead(double now, double end, DrawNext&& draw_next, Handle&& handle) {
  Clock own(now);
  std::size_t handled = 0;
  for (std::optional<double> at = draw_next(); at; at = draw_next()) {
    if (!(*at < end)) throw std::logic_error("run_ahead: an event at or after the end");
    own.advance_to(*at);
    handle(*at);
    ++handled;
  }
  return handled;
}

}  // namespace ws::engine
