#pragma once
// The simulation clock: the time of the event being handled. It refuses to go backwards, which turns a
// scheduling bug (an event in the past) into an immediate error instead of a silently wrong history.
#include <cmath>
#include <stdexcept>
#include <string>

namespace ws::engine {

class Clock {
 public:
  explicit Clock(double start = 0) : now_(start) {
    if (std::isnan(start)) throw std::invalid_argument("Clock: start time is NaN");
  }
  double now() const { return now_; }
  void advance_to(double t) {
    if (!(t >= now_))
      throw std::logic_error("Clock: cannot move from " + std::to_string(now_) + " back to " +
                             std::to_string(t));
    now_ = t;
  }

 private:
  double now_;
};

}  // namespace ws::engine
