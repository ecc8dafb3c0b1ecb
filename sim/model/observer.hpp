#pragma once
// An optional observer of one replication, for following persons through it (`werkstroom trace`). The
// replication calls it only for the persons it follows, and only when one is given: the normal run passes
// none and pays one null check per move and redraw. Observing changes nothing: the waiting times it is shown
// are computed from the same keyed random numbers the replication draws anyway.
#include <cstdint>
#include <span>
#include <string_view>

#include "sim/model/population.hpp"

namespace ws::model {

// One competing risk at a redraw: what it is ("aow", "death" or a transition label) and the waiting time it
// drew in days (infinity when it cannot happen before the end of the horizon).
struct RiskDraw {
  std::string_view cause;
  double wait_days = 0;
};

class ReplicationObserver {
 public:
  virtual ~ReplicationObserver() = default;
  virtual bool follows(std::uint32_t person) const = 0;
  // The person appears (initial population or an arrival) in p.state.
  virtual void appeared(std::uint32_t person, const Person& p, double now, std::string_view how) = 0;
  // The person moved from state `from` to p.state by the flow labelled `cause`.
  virtual void moved(std::uint32_t person, const Person& p, double now, int from, std::string_view cause) = 0;
  // Every risk of the person's state was drawn afresh; `chosen` is the earliest (or "" when none falls before
  // the end).
  virtual void redrawn(std::uint32_t person, const Person& p, double now, std::span<const RiskDraw> risks,
                       std::string_view chosen) = 0;
  // How many persons the replication had in all, at its end.
  virtual void finished(std::uint32_t persons) = 0;
};

}  // namespace ws::model
