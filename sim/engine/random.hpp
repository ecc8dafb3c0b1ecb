#pragma once
// Random streams: counter-based Philox4x32-10 (Salmon et al., SC'11), one independent stream per
// (seed, replication, purpose, substream), with hand-written distributions.
//
// Why counter-based: a stream is just a key and a counter, so any stream can be created anywhere, in any
// order, in any thread, and gives the same numbers — common random numbers across scenarios and reproducible
// parallel replications come for free. Why hand-written distributions: std:: distributions differ between
// standard libraries. The integer outputs are bit-identical everywhere; the real-valued draws use only
// +,-,*,/, sqrt (exact in IEEE 754) and log/exp from the C library, so they are identical wherever libm
// is.
//
// Keying. The 64-bit seed is the Philox key of a first block that derives the stream key from (purpose,
// replication) — one Philox call; the substream and the block counter then fill the 128-bit counter exactly.
// So substreams of one (seed, replication, purpose) never overlap, and each has 2^64 blocks of 4 words.
// Distinct (seed, replication, purpose) get unrelated Philox keys (derived keys coincide with probability
// 2^-64 per pair). Derive a StreamKey once and build per-entity streams from it when creating many streams.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace ws::engine {

// Philox4x32 with 10 rounds, as in Random123's philox4x32_R(10, ctr, key).
using PhiloxCounter = std::array<std::uint32_t, 4>;
using PhiloxKey = std::array<std::uint32_t, 2>;
inline PhiloxCounter philox4x32_10(PhiloxCounter ctr, PhiloxKey key) {
  constexpr std::uint64_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kW0;
      key[1] += kW1;
    }
    const std::uint64_t p0 = kM0 * ctr[0];
    const std::uint64_t p1 = kM1 * ctr[2];
    ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<std::uint32_t>(p1),
           static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<std::uint32_t>(p0)};
  }
  return ctr;
}

// philox4x32_10(ctr[i], key) into out[i] (out.size() >= ctr.size()), many blocks side by side
// (philox_batch.cpp): for the first blocks of many streams at once.
void philox4x32_10_many(std::span<const PhiloxCounter> ctr, PhiloxKey key, std::span<PhiloxCounter> out);

// A stable 64-bit name for a purpose ("mortality", "arrivals", ...): FNV-1a over the bytes of the name.
constexpr std::uint64_t purpose_id(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

// The Philox key of all substreams of one (seed, replication, purpose).
struct StreamKey {
  PhiloxKey key;
  static StreamKey derive(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose) {
    const PhiloxCounter out = philox4x32_10(
        {static_cast<std::uint32_t>(purpose), static_cast<std::uint32_t>(purpose >> 32),
         static_cast<std::uint32_t>(replication), static_cast<std::uint32_t>(replication >> 32)},
        {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
    return StreamKey{{out[0], out[1]}};
  }
};

// Weights for RandomStream::discrete, checked and summed once for many draws (the same sum, in the same
// order, as discrete(span) makes at every draw: the same draws).
class DiscreteWeights {
 public:
  DiscreteWeights() = default;
  explicit DiscreteWeights(std::vector<double> weights);
  std::span<const double> weights() const { return weights_; }
  // The sum of the weights; NaN when they are not valid (negative, not finite, all zero), so that a draw reports
  // them then, as discrete(span) does.
  double total() const { return total_; }

 private:
  std::vector<double> weights_;
  double total_ = std::numeric_limits<double>::quiet_NaN();
};

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose,
               std::uint64_t substream = 0)
      : RandomStream(StreamKey::derive(seed, replication, purpose), substream) {}
  RandomStream(StreamKey key, std::uint64_t substream)
      : key_(key.key),
        substream_lo_(static_cast<std::uint32_t>(substream)),
        substream_hi_(static_cast<std::uint32_t>(substream >> 32)) {}
  // The same stream with its first block, or its first two, given: Philox of block_counter(substream, 0) (and
  // 1) under the key, computed for many streams or blocks at once (philox4x32_10_many). The same numbers.
  RandomStream(StreamKey key, std::uint64_t substream, const PhiloxCounter& block0)
      : RandomStream(key, substream) {
    buffer_ = block0;
    block_ = 1;
    used_ = 0;
  }
  RandomStream(StreamKey key, std::uint64_t substream, const PhiloxCounter& block0,
               const PhiloxCounter& block1)
      : RandomStream(key, substream, block0) {
    given_ = block1;
    has_given_ = true;
  }
  // The counter of block `block` of a substream.
  static PhiloxCounter block_counter(std::uint64_t substream, std::uint64_t block) {
    return {static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32),
            static_cast<std::uint32_t>(substream), static_cast<std::uint32_t>(substream >> 32)};
  }

  std::uint32_t next_u32() {
    if (used_ == 4) refill();
    return buffer_[used_++];
  }
  std::uint64_t next_u64() {
    const std::uint64_t hi = next_u32();
    const std::uint64_t lo = next_u32();
    return (hi << 32) | lo;
  }

  // Uniform on the open interval (0, 1): a multiple of 2^-53, never 0 (redrawn, probability 2^-53) nor 1.
  double uniform() {
    std::uint64_t k;
    do k = next_u64() >> 11;
    while (k == 0);
    return static_cast<double>(k) * 0x1p-53;
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  double exponential(double rate = 1.0);
  double normal(double mean = 0, double sd = 1);
  double lognormal(double mu, double sigma);
  double gamma(double shape, double scale = 1);
  double beta(double a, double b);
  double triangular(double lo, double mode, double hi);
  std::uint64_t poisson(double mean);
  // An index drawn with probability proportional to its weight (non-negative, finite, not all zero).
  std::size_t discrete(std::span<const double> weights);
  std::size_t discrete(const DiscreteWeights& weights);

  // How many 128-bit Philox blocks this stream has used so far.
  std::uint64_t blocks_used() const { return block_; }

 private:
  void refill() {
    if (has_given_) {  // block 1, computed already
      buffer_ = given_;
      has_given_ = false;
    } else {
      buffer_ = philox4x32_10({static_cast<std::uint32_t>(block_), static_cast<std::uint32_t>(block_ >> 32),
                               substream_lo_, substream_hi_},
                              key_);
    }
    ++block_;
    used_ = 0;
  }
  std::size_t discrete_of(std::span<const double> weights, double total);
  double standard_gamma(double shape);
  std::uint64_t poisson_inversion(double mean);
  std::uint64_t poisson_ptrs(double mean);

  PhiloxKey key_;
  std::uint32_t substream_lo_, substream_hi_;
  std::uint64_t block_ = 0;
  PhiloxCounter buffer_{};
  std::uint32_t used_ = 4;
  bool has_given_ = false;  // given_ is the next block
  PhiloxCounter given_{};
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

// log(k!) for the Poisson sampler: exact table for small k, Stirling series beyond (absolute error < 1e-15).
double log_factorial(std::uint64_t k);

}  // namespace ws::engine
