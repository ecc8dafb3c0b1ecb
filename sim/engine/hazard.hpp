#pragma once
// Exact sampling of waiting times from time-varying hazards, by inverting the integrated hazard:
// the waiting time T solves H(T) = E for a unit exponential E, where H(t) = integral_0^t h(s) ds.
// Feeding E from a RandomStream gives the exact distribution P(T > t) = exp(-H(t)); there is no time step.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>
#include <type_traits>

namespace ws::engine {

// A clock that advances one-for-one with time (age, duration in a state, calendar time; all in one unit),
// its value when the wait starts, and the ascending values at which the hazard may change.
struct ClockPieces {
  double value_at_start;
  std::span<const double> breaks;
};

inline constexpr std::size_t kMaxClocks = 8;

// The piece a clock value falls in: i when breaks[i-1] <= value < breaks[i] (0 below breaks[0], breaks.size()
// from the last break on).
inline int piece_of(double value, std::span<const double> breaks) {
  return static_cast<int>(std::upper_bound(breaks.begin(), breaks.end(), value) - breaks.begin());
}

// The tail bound of a walk that has none (sample_piecewise_waiting_time without one).
struct NoTailBound {};

namespace detail {
// The walk of sample_piecewise_waiting_time over the pieces, for N clocks (N == 0: clocks.size() of them). The
// common counts get their own instance with the loops over the clocks unrolled (the walk was 9% of the
// baseline's simulation); every instance does the same arithmetic in the same order.
template <std::size_t N, class RateFn, class TailFn>
double walk_pieces(double unit_exponential, std::span<const ClockPieces> clocks, RateFn& rate, TailFn& tail,
                   double max_wait) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::size_t n = N ? N : clocks.size();
  std::array<int, kMaxClocks> piece{};
  for (std::size_t c = 0; c < n; ++c) piece[c] = piece_of(clocks[c].value_at_start, clocks[c].breaks);

  double t = 0, remaining = unit_exponential;
  for (;;) {
    // What remains to be used up is more than the hazard can give before max_wait, at most tail(pieces) from
    // here on: the wait ends past it, as the rest of the walk would find. The margin is far above the rounding
    // of the walk's subtractions, so the outcome is the one the walk gives.
    if constexpr (!std::is_same_v<TailFn, NoTailBound>)
      if (remaining > tail(std::span<const int>(piece.data(), n)) * (max_wait - t) * (1 + 1e-9)) return kInf;
    // The end of the current piece: the first time any clock reaches its next break. Break times are computed
    // from the start values (not accumulated), so rounding does not drift along many pieces.
    double end = max_wait;
    for (std::size_t c = 0; c < n; ++c) {
      const auto& clk = clocks[c];
      if (static_cast<std::size_t>(piece[c]) < clk.breaks.size())
        end = std::min(end, clk.breaks[static_cast<std::size_t>(piece[c])] - clk.value_at_start);
    }
    const double h = rate(std::span<const int>(piece.data(), n));
    if (!(h >= 0)) throw std::invalid_argument("sample_piecewise_waiting_time: hazard is negative or NaN");
    if (h > 0) {
      if (h == kInf) return t <= max_wait ? t : kInf;
      if (remaining <= h * (end - t)) return std::min(t + remaining / h, end);
      remaining -= h * (end - t);
    }
    if (end >= max_wait) return kInf;  // also when there are no more breaks and the hazard is zero
    t = end;
    for (std::size_t c = 0; c < n; ++c) {
      const auto& clk = clocks[c];
      auto p = static_cast<std::size_t>(piece[c]);
      while (p < clk.breaks.size() && clk.breaks[p] - clk.value_at_start <= t) ++p;
      piece[c] = static_cast<int>(p);
    }
  }
}
}  // namespace detail

// The waiting time until the hazard rate(piece index of each clock) has used up unit_exponential, walking the
// pieces from t = 0; +infinity if that does not happen before max_wait (or ever). Hazards must be >= 0 (zero
// is fine); an infinite hazard means "now". RateFn: double(std::span<const int> piece_index_per_clock).
// tail_bound (optional): double(std::span<const int> piece_index_per_clock), at least the hazard in those
// pieces and in every later piece of each clock; it lets the walk stop where the rest cannot end the wait.
template <class RateFn, class TailFn = NoTailBound>
double sample_piecewise_waiting_time(double unit_exponential, std::span<const ClockPieces> clocks,
                                     RateFn&& rate, double max_wait, TailFn&& tail_bound = {}) {
  if (clocks.size() > kMaxClocks)
    throw std::invalid_argument("sample_piecewise_waiting_time: more than 8 clocks");
  if (!(unit_exponential >= 0)) throw std::invalid_argument("sample_piecewise_waiting_time: exponential < 0");
  switch (clocks.size()) {
    case 1:
      return detail::walk_pieces<1>(unit_exponential, clocks, rate, tail_bound, max_wait);
    case 2:
      return detail::walk_pieces<2>(unit_exponential, clocks, rate, tail_bound, max_wait);
    default:
      return detail::walk_pieces<0>(unit_exponential, clocks, rate, tail_bound, max_wait);
  }
}

// The waiting time under the Gompertz hazard a * exp(b * (age_at_start + t)), by closed-form inversion of
// H(t) = (a/b) exp(b age) (exp(b t) - 1). With b < 0 the total hazard is finite, (a/|b|) exp(b age), and an
// exponential beyond it means the event never happens (+infinity); b == 0 is the exponential with rate a, and
// a == 0 never happens.
inline double gompertz_waiting_time(double unit_exponential, double a, double b, double age_at_start) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (!(a >= 0) || std::isnan(b)) throw std::invalid_argument("gompertz_waiting_time: a must be >= 0");
  if (a == 0) return kInf;
  if (b == 0) return unit_exponential / a;
  // Solve exp(b t) - 1 = z with z = E b / (a exp(b age)); log1p keeps small |b t| accurate.
  const double z = unit_exponential * b / a * std::exp(-b * age_at_start);
  if (z <= -1) return kInf;
  return std::log1p(z) / b;
}

// The earliest of n competing causes: {time, cause}, ties going to the lowest cause; {+inf, -1} when no cause
// ever happens. waiting_time_of_cause: double(int cause).
struct CompetingDraw {
  double time;
  int cause;
};

template <class Fn>
CompetingDraw earliest_of(int n, Fn&& waiting_time_of_cause) {
  CompetingDraw best{std::numeric_limits<double>::infinity(), -1};
  for (int i = 0; i < n; ++i) {
    const double t = waiting_time_of_cause(i);
    if (t < best.time) best = {t, i};
  }
  return best;
}

}  // namespace ws::engine
