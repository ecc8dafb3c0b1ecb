// RandomStream: Philox against Random123 and its published known answers, fixed ("golden") outputs, keying
// and independence of streams, and each distribution's moments and shape.
//
// Tolerances follow from the sample size n. Means: |mean - mu| < 5 sd/sqrt(n) (a false alarm for a random
// seed has probability 6e-7). Variances: the standard error of a sample variance is sqrt((m4 - s^4)/n) with
// m4 the fourth central moment (delta method), estimated from the same sample; again 5 of them. Shapes: the
// Kolmogorov-Smirnov statistic against the exact CDF must stay below 1.95/sqrt(n), the asymptotic critical
// value at alpha = 0.001 (chosen over 1.63 at alpha = 0.01 because this file runs about twenty such tests);
// discrete laws use a chi-square test at alpha = 0.001. Seeds are fixed, so each test is deterministic.
#include <Random123/philox.h>

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "ks_test_support.hpp"
#include "sim/engine/keyed_stream.hpp"
#include "sim/engine/philox_lanes.hpp"
#include "sim/engine/random.hpp"

using namespace ws::engine;

using ws::test::check_ks;
using ws::test::ks_statistic;

namespace {

struct Moments {
  double mean, variance, variance_se;
};

Moments moments(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double mean = 0;
  for (double v : x) mean += v;
  mean /= n;
  double m2 = 0, m4 = 0;
  for (double v : x) {
    const double d = (v - mean) * (v - mean);
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  return {mean, m2 * n / (n - 1), std::sqrt(std::max(m4 - m2 * m2, 0.0) / n)};
}

void check_moments(const std::vector<double>& x, double mu, double var) {
  const double n = static_cast<double>(x.size());
  const Moments m = moments(x);
  INFO("mean " << m.mean << " expected " << mu << "; variance " << m.variance << " expected " << var);
  CHECK(std::fabs(m.mean - mu) < 5 * std::sqrt(var / n));
  CHECK(std::fabs(m.variance - var) < 5 * m.variance_se);
}

// Chi-square at alpha = 0.001 with the Wilson-Hilferty approximation of the critical value.
void check_chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  double chi2 = 0;
  for (std::size_t i = 0; i < observed.size(); ++i)
    chi2 += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
  const double df = static_cast<double>(observed.size()) - 1, z = 3.090232;  // z: upper 0.001 normal quantile
  const double h = 2 / (9 * df);
  const double critical = df * std::pow(1 - h + z * std::sqrt(h), 3);
  INFO("chi2 = " << chi2 << " with " << df << " df, critical " << critical);
  CHECK(chi2 < critical);
}

constexpr std::size_t kN = 100'000;

template <class Draw>
std::vector<double> sample(std::uint64_t purpose, Draw draw, std::size_t n = kN) {
  RandomStream rng(2024, 1, purpose);
  std::vector<double> x(n);
  for (auto& v : x) v = draw(rng);
  return x;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

TEST_CASE("Philox4x32-10 matches Random123 and its known-answer vectors", "[engine][random]") {
  // From Random123's kat_vectors (philox4x32 10 rounds).
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) == PhiloxCounter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox4x32_10({~0u, ~0u, ~0u, ~0u}, {~0u, ~0u}) ==
        PhiloxCounter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
  // And the library itself on arbitrary inputs.
  r123::Philox4x32_R<10> reference;
  RandomStream inputs(7, 0, purpose_id("test.philox"));
  for (int i = 0; i < 1000; ++i) {
    const PhiloxCounter c{inputs.next_u32(), inputs.next_u32(), inputs.next_u32(), inputs.next_u32()};
    const PhiloxKey k{inputs.next_u32(), inputs.next_u32()};
    const auto r = reference({{c[0], c[1], c[2], c[3]}}, {{k[0], k[1]}});
    REQUIRE(philox4x32_10(c, k) == PhiloxCounter{r[0], r[1], r[2], r[3]});
  }
}

// Each instruction set's batched Philox that this processor runs: SSE2 (or scalar), and AVX2 and AVX-512 where
// it has them.
static std::vector<const detail::PhiloxKernels*> batched_kernels() {
  std::vector<const detail::PhiloxKernels*> kernels{&detail::sse2_kernels()};
  if (detail::avx2_kernels() && __builtin_cpu_supports("avx2")) kernels.push_back(detail::avx2_kernels());
  if (detail::avx512_kernels() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512dq"))
    kernels.push_back(detail::avx512_kernels());
  return kernels;
}

TEST_CASE("philox4x32_10_many gives philox4x32_10's blocks, batched", "[engine][random]") {
  RandomStream inputs(13, 0, purpose_id("test.philox_many"));
  std::size_t compared = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    const PhiloxKey key{inputs.next_u32(), inputs.next_u32()};
    const std::size_t n = static_cast<std::size_t>(trial % 21);
    std::vector<PhiloxCounter> ctr(n);
    for (auto& c : ctr) c = {inputs.next_u32(), inputs.next_u32(), inputs.next_u32(), inputs.next_u32()};
    if (trial == 1) ctr[0] = {~0u, ~0u, ~0u, ~0u};
    const std::vector<const detail::PhiloxKernels*> kernels = batched_kernels();
    for (std::size_t kernel = 0; kernel <= kernels.size(); ++kernel) {
      std::vector<PhiloxCounter> out(n + 1, PhiloxCounter{1, 2, 3, 4});
      if (kernel == kernels.size())
        philox4x32_10_many(ctr, key, out);
      else
        kernels[kernel]->blocks(reinterpret_cast<const std::uint32_t(*)[4]>(ctr.data()), n, key[0], key[1],
                                reinterpret_cast<std::uint32_t(*)[4]>(out.data()));
      for (std::size_t i = 0; i < n; ++i, ++compared) REQUIRE(out[i] == philox4x32_10(ctr[i], key));
      REQUIRE(out[n] == PhiloxCounter{1, 2, 3, 4});
    }
  }
  CHECK(compared > 10000);
  // A stream given its first block this way gives the same numbers as one that computes it.
  const StreamKey key = StreamKey::derive(3, 4, purpose_id("test.first_block"));
  const PhiloxCounter first = philox4x32_10(RandomStream::block_counter(77, 0), key.key);
  const PhiloxCounter second = philox4x32_10(RandomStream::block_counter(77, 1), key.key);
  RandomStream given(key, 77, first), given2(key, 77, first, second), computed(key, 77);
  for (int i = 0; i < 20; ++i) {
    const std::uint32_t x = computed.next_u32();
    REQUIRE(given.next_u32() == x);
    REQUIRE(given2.next_u32() == x);
    REQUIRE(given2.blocks_used() == computed.blocks_used());
  }
  REQUIRE(given.blocks_used() == computed.blocks_used());
}

TEST_CASE("KeyedStream::uniforms gives KeyedStream::uniform's numbers bit for bit, batched",
          "[engine][random]") {
  // Random keys, identities and questions, every batch length from 0 to 13 (the batched path, its padded rest
  // and the scalar tail all take part), and the extreme words.
  RandomStream inputs(11, 0, purpose_id("test.keyed_uniforms"));
  std::size_t compared = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    KeyedStream k{{inputs.next_u32(), inputs.next_u32()}, inputs.next_u64()};
    if (trial == 0) k = {{~0u, ~0u}, ~std::uint64_t{0}};
    if (trial == 1) k = {{0, 0}, 0};
    const std::uint32_t a = trial < 2 ? static_cast<std::uint32_t>(-trial) : inputs.next_u32();
    const std::size_t n = static_cast<std::size_t>(trial % 14);
    std::vector<std::uint32_t> b(n);
    for (auto& x : b) x = trial < 2 ? static_cast<std::uint32_t>(-trial) : inputs.next_u32();
    // The one chosen for this processor, and each instruction set's own (AVX2 where the processor has it).
    const std::vector<const detail::PhiloxKernels*> kernels = batched_kernels();
    for (std::size_t kernel = 0; kernel <= kernels.size(); ++kernel) {
      std::vector<double> out(n + 1, -1.0);
      if (kernel == kernels.size())
        k.uniforms(a, b, out);
      else
        kernels[kernel]->keyed_uniforms(a, b.data(), n, k.identity, k.key[0], k.key[1], out.data());
      for (std::size_t i = 0; i < n; ++i, ++compared) REQUIRE(out[i] == k.uniform(a, b[i]));
      REQUIRE(out[n] == -1.0);  // nothing written past the questions
    }
  }
  CHECK(compared > 20000);
  // And the scalar uniform against Philox itself, as the model's numbers were made before batching.
  const KeyedStream k{{0x12345678u, 0x9abcdef0u}, 0x0123456789abcdefull};
  const PhiloxCounter w = philox4x32_10({3, 5, 0x89abcdefu, 0x01234567u}, k.key);
  CHECK(k.uniform(3, 5) ==
        (static_cast<double>(((static_cast<std::uint64_t>(w[0]) << 32) | w[1]) >> 11) + 0.5) * 0x1p-53);
}

TEST_CASE("RandomStream golden values (catch any change of generator, keying or platform)",
          "[engine][random]") {
  CHECK(purpose_id("") == 0xcbf29ce484222325ull);
  CHECK(purpose_id("a") == 0xaf63dc4c8601ec8cull);
  CHECK(purpose_id("mortality") == 0x1ce84b9b61aa3b5eull);
  const StreamKey key = StreamKey::derive(42, 7, purpose_id("golden"));
  CHECK(key.key == PhiloxKey{0xa207a811, 0xdbd6a2df});
  RandomStream s(42, 7, purpose_id("golden"), 3);
  const std::uint32_t expected[] = {0x1e244d14u, 0x2a37e84fu, 0xbf7143aeu,
                                    0x0967bc1cu, 0x78336e70u, 0x25af2a0bu};
  for (std::uint32_t e : expected) CHECK(s.next_u32() == e);
  RandomStream u(42, 7, purpose_id("golden"), 3);
  CHECK(u.uniform() == 0.11774141065890797);
  CHECK(u.uniform() == 0.74782202719634838);
  CHECK(u.uniform() == 0.46953478086441847);
}

TEST_CASE("RandomStream: the same key gives the same numbers, however the stream is built",
          "[engine][random]") {
  RandomStream a(5, 2, purpose_id("x"), 9);
  RandomStream b(StreamKey::derive(5, 2, purpose_id("x")), 9);
  for (int i = 0; i < 100; ++i) REQUIRE(a.next_u64() == b.next_u64());
  RandomStream copy = a;  // a copy continues identically
  for (int i = 0; i < 10; ++i) REQUIRE(a.normal() == copy.normal());
  REQUIRE(a.blocks_used() == copy.blocks_used());
}

TEST_CASE("RandomStream: streams with different keys are uncorrelated", "[engine][random]") {
  // Under independence the sample correlation of n pairs has sd 1/sqrt(n); 4/sqrt(n) is a 4-sigma bound.
  const std::size_t n = 100'000;
  const double bound = 4 / std::sqrt(static_cast<double>(n));
  auto correlation = [n](RandomStream x, RandomStream y) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = x.uniform(), v = y.uniform();
      sx += u, sy += v, sxx += u * u, syy += v * v, sxy += u * v;
    }
    const double dn = static_cast<double>(n);
    return (sxy - sx * sy / dn) / std::sqrt((sxx - sx * sx / dn) * (syy - sy * sy / dn));
  };
  const std::uint64_t p = purpose_id("test.base");
  const RandomStream base(1, 0, p, 0);
  SECTION("seed") { CHECK(std::fabs(correlation(base, RandomStream(2, 0, p, 0))) < bound); }
  SECTION("replication") { CHECK(std::fabs(correlation(base, RandomStream(1, 1, p, 0))) < bound); }
  SECTION("purpose") {
    CHECK(std::fabs(correlation(base, RandomStream(1, 0, purpose_id("test.other"), 0))) < bound);
  }
  SECTION("substream") { CHECK(std::fabs(correlation(base, RandomStream(1, 0, p, 1))) < bound); }
  SECTION("substream high word") {
    CHECK(std::fabs(correlation(base, RandomStream(1, 0, p, 1ull << 32))) < bound);
  }
  SECTION("replication vs purpose swapped") {
    CHECK(std::fabs(correlation(RandomStream(1, 3, 4, 0), RandomStream(1, 4, 3, 0))) < bound);
  }
  SECTION("lag one within a stream") {
    RandomStream s = base;
    RandomStream lagged = base;
    lagged.next_u64();
    CHECK(std::fabs(correlation(s, lagged)) < bound);
  }
}

TEST_CASE("RandomStream::uniform is on the open unit interval, on a 2^-53 grid, and uniform",
          "[engine][random]") {
  const auto x = sample(purpose_id("test.uniform"), [](RandomStream& r) { return r.uniform(); });
  for (double v : x) {
    REQUIRE(v > 0);
    REQUIRE(v < 1);
    REQUIRE(std::ldexp(v, 53) == std::floor(std::ldexp(v, 53)));
  }
  check_moments(x, 0.5, 1.0 / 12);
  check_ks(x, [](double v) { return v; });
  const auto y = sample(purpose_id("test.uniform2"), [](RandomStream& r) { return r.uniform(-3, 5); });
  check_moments(y, 1, 64.0 / 12);
  // Chi-square on 100 equal bins.
  std::vector<double> observed(100, 0), expected(100, static_cast<double>(kN) / 100);
  for (double v : x) observed[static_cast<std::size_t>(v * 100)] += 1;
  check_chi_square(observed, expected);
}

TEST_CASE("RandomStream::exponential", "[engine][random]") {
  for (double rate : {1.0, 0.25, 40.0}) {
    INFO("rate " << rate);
    const auto x =
        sample(purpose_id("test.exponential"), [rate](RandomStream& r) { return r.exponential(rate); });
    check_moments(x, 1 / rate, 1 / (rate * rate));
    check_ks(x, [rate](double v) { return -std::expm1(-rate * v); });
  }
  RandomStream r(1, 0, 0);
  CHECK(std::isinf(r.exponential(0)));
  CHECK_THROWS_AS(r.exponential(-1), std::invalid_argument);
}

TEST_CASE("RandomStream::normal and lognormal", "[engine][random]") {
  const auto x = sample(purpose_id("test.normal"), [](RandomStream& r) { return r.normal(3, 2); });
  check_moments(x, 3, 4);
  check_ks(x, [](double v) { return normal_cdf((v - 3) / 2); });
  const double mu = 0.5, sigma = 0.4;
  const auto y =
      sample(purpose_id("test.lognormal"), [&](RandomStream& r) { return r.lognormal(mu, sigma); });
  const double s2 = sigma * sigma;
  check_moments(y, std::exp(mu + s2 / 2), std::expm1(s2) * std::exp(2 * mu + s2));
  check_ks(y, [&](double v) { return normal_cdf((std::log(v) - mu) / sigma); });
}

TEST_CASE("RandomStream::gamma for shapes below, at and above one", "[engine][random]") {
  for (double shape : {0.3, 1.0, 2.5, 30.0}) {
    const double scale = 1.7;
    INFO("shape " << shape);
    const auto x = sample(purpose_id("test.gamma"), [&](RandomStream& r) { return r.gamma(shape, scale); });
    check_moments(x, shape * scale, shape * scale * scale);
    check_ks(x, [&](double v) { return boost::math::gamma_p(shape, v / scale); });
  }
  RandomStream r(1, 0, 0);
  CHECK_THROWS_AS(r.gamma(0, 1), std::invalid_argument);
}

TEST_CASE("RandomStream::beta, including both shapes below one", "[engine][random]") {
  for (auto [a, b] : {std::pair{0.5, 0.5}, std::pair{2.0, 5.0}, std::pair{0.3, 0.8}, std::pair{0.7, 3.0}}) {
    INFO("a " << a << " b " << b);
    const auto x = sample(purpose_id("test.beta"), [a = a, b = b](RandomStream& r) { return r.beta(a, b); });
    for (double v : x) REQUIRE((v >= 0 && v <= 1));
    check_moments(x, a / (a + b), a * b / ((a + b) * (a + b) * (a + b + 1)));
    check_ks(x, [a = a, b = b](double v) { return boost::math::ibeta(a, b, v); });
  }
}

TEST_CASE("RandomStream::triangular", "[engine][random]") {
  const double lo = 1, mode = 2, hi = 6;
  const auto x =
      sample(purpose_id("test.triangular"), [&](RandomStream& r) { return r.triangular(lo, mode, hi); });
  check_moments(x, (lo + mode + hi) / 3,
                (lo * lo + mode * mode + hi * hi - lo * mode - lo * hi - mode * hi) / 18);
  check_ks(x, [&](double v) {
    if (v <= mode) return (v - lo) * (v - lo) / ((hi - lo) * (mode - lo));
    return 1 - (hi - v) * (hi - v) / ((hi - lo) * (hi - mode));
  });
  RandomStream r(1, 0, 0);
  CHECK_THROWS_AS(r.triangular(2, 1, 3), std::invalid_argument);
}

TEST_CASE("log_factorial matches lgamma", "[engine][random]") {
  for (std::uint64_t k :
       {0ull, 1ull, 2ull, 10ull, 22ull, 23ull, 24ull, 100ull, 12345ull, 10'000'000'000ull}) {
    const double expected = std::lgamma(static_cast<double>(k) + 1);
    INFO("k " << k);
    CHECK(std::fabs(log_factorial(k) - expected) <= 1e-13 * std::max(1.0, expected));
  }
}

TEST_CASE("RandomStream::poisson across the inversion and PTRS ranges", "[engine][random]") {
  // 1e6 draws here rather than 1e5: a slip in PTRS's constants can shift the draws by a fraction of a unit,
  // which at mean 25 moves the mean by about 0.1, i.e. 20 standard errors at 1e6 draws but only 6 at 1e5.
  const std::size_t n = 1'000'000;
  for (double mean : {0.05, 3.0, 9.99, 10.0, 25.0, 1000.0, 1e7}) {
    INFO("mean " << mean);
    std::vector<double> x(n);
    RandomStream r(11, 0, purpose_id("test.poisson"));
    for (auto& v : x) v = static_cast<double>(r.poisson(mean));
    check_moments(x, mean, mean);
    if (mean > 1e6) continue;
    // Chi-square over k = 0..K-1 and a tail bin k >= K; adjacent bins are merged until each expects >= 5.
    const auto big_k = static_cast<std::size_t>(mean + 10 * std::sqrt(mean) + 20);
    std::vector<double> observed(big_k + 1, 0), expected(big_k + 1, 0);
    double total = 0;
    for (std::size_t k = 0; k < big_k; ++k) {
      const double kd = static_cast<double>(k);
      expected[k] = static_cast<double>(n) * std::exp(-mean + kd * std::log(mean) - std::lgamma(kd + 1));
      total += expected[k];
    }
    expected[big_k] = static_cast<double>(n) - total;
    for (double v : x) observed[std::min(static_cast<std::size_t>(v), big_k)] += 1;
    std::vector<double> o, e;
    double acc_o = 0, acc_e = 0;
    for (std::size_t k = 0; k <= big_k; ++k) {
      acc_o += observed[k], acc_e += expected[k];
      if (acc_e >= 5) o.push_back(acc_o), e.push_back(acc_e), acc_o = acc_e = 0;
    }
    o.back() += acc_o, e.back() += acc_e;
    check_chi_square(o, e);
  }
  RandomStream r(1, 0, 0);
  CHECK(r.poisson(0) == 0);
  CHECK_THROWS_AS(r.poisson(-1), std::invalid_argument);
}

TEST_CASE("RandomStream::discrete follows unnormalised weights and never picks a zero weight",
          "[engine][random]") {
  const std::vector<double> weights{1, 0, 3, 6, 0};
  std::vector<double> counts(weights.size(), 0);
  RandomStream r(3, 0, purpose_id("test.discrete"));
  for (std::size_t i = 0; i < kN; ++i) counts[r.discrete(weights)] += 1;
  CHECK(counts[1] == 0);
  CHECK(counts[4] == 0);
  check_chi_square({counts[0], counts[2], counts[3]}, {0.1 * kN, 0.3 * kN, 0.6 * kN});
  const std::vector<double> zeros{0, 0}, negative{1, -1}, one{0, 2};
  CHECK_THROWS_AS(r.discrete(zeros), std::invalid_argument);
  CHECK_THROWS_AS(r.discrete(negative), std::invalid_argument);
  CHECK(r.discrete(one) == 1);
}

TEST_CASE("RandomStream::discrete with DiscreteWeights draws as with the plain weights", "[engine][random]") {
  const std::vector<double> weights{0.1, 0, 0.25, 1e-9, 3.5, 0.7, 0};
  const DiscreteWeights summed(weights);
  RandomStream a(9, 1, purpose_id("test.discrete_weights")), b = a;
  for (int i = 0; i < 20000; ++i) REQUIRE(a.discrete(summed) == b.discrete(weights));
  REQUIRE(a.blocks_used() == b.blocks_used());
  // Invalid weights are reported when drawn from, as with the plain weights.
  const DiscreteWeights zeros(std::vector<double>{0, 0}), negative(std::vector<double>{1, -1});
  CHECK(std::isnan(zeros.total()));
  CHECK_THROWS_AS(a.discrete(zeros), std::invalid_argument);
  CHECK_THROWS_AS(a.discrete(negative), std::invalid_argument);
}
