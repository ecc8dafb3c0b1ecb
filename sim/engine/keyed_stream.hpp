#pragma once
// Random numbers of one entity, keyed by who it is rather than by when it was created or what happened
// before: the number for (a, b) is Philox4x32-10 of the counter {a, b, identity} under the entity's key, so
// the same entity asks the same question and gets the same answer in any scenario (exact common random
// numbers). Models address their draws by (a, b), e.g. (redraw number, risk).
#include <cmath>
#include <cstdint>
#include <span>

#include "sim/engine/random.hpp"

namespace ws::engine {

struct KeyedStream {
  PhiloxKey key{};
  std::uint64_t identity = 0;

  // Uniform in (0, 1), never 0 or 1: 53 random bits and a half.
  double uniform(std::uint32_t a, std::uint32_t b) const {
    const PhiloxCounter out = philox4x32_10(
        {a, b, static_cast<std::uint32_t>(identity), static_cast<std::uint32_t>(identity >> 32)}, key);
    const std::uint64_t bits = ((static_cast<std::uint64_t>(out[0]) << 32) | out[1]) >> 11;
    return (static_cast<double>(static_cast<std::int64_t>(bits)) + 0.5) * 0x1p-53;  // 53 bits: exact
  }
  // A unit exponential: -log of uniform(a, b).
  double exponential(std::uint32_t a, std::uint32_t b) const { return -std::log(uniform(a, b)); }
  // Several questions with the same a at once: out[i] = uniform(a, b[i]) bit for bit (out.size() >= b.size()),
  // the Philox blocks computed side by side (philox_lanes.hpp: AVX2 or SSE2, chosen at run time).
  void uniforms(std::uint32_t a, std::span<const std::uint32_t> b, std::span<double> out) const;
};

}  // namespace ws::engine
