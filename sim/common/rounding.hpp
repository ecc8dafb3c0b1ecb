#pragma once
// std::llround, inline: rounds to the nearest integer, halves away from zero. libm's call was 5% of a
// baseline run (person-time ticks, counts converted for the file). Exact for |x| < 2^52: x - trunc(x) is
// then exact. NaN and values beyond int64 are not allowed (as for llround, whose result is then unspecified).
#include <cstdint>

namespace ws {

inline std::int64_t round_nearest(double x) {
  const auto whole = static_cast<std::int64_t>(x);  // towards zero
  const double fraction = x - static_cast<double>(whole);
  return whole + (fraction >= 0.5 ? 1 : 0) - (fraction <= -0.5 ? 1 : 0);
}

}  // namespace ws
