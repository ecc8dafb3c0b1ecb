#pragma once
// The AVX2 operations of philox_lanes.hpp's kernels: four blocks a 256-bit register. Only for
// philox_batch_avx2.cpp and philox_batch_avx512.cpp (which builds on them), both compiled for at least AVX2;
// internal to each, for the reason philox_lanes.hpp gives.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace ws::engine {
namespace {

struct Avx2 {
  using Reg = __m256i;
  static constexpr std::size_t kBlocks = 4;
  [[gnu::always_inline]] static Reg broadcast(std::uint32_t v) { return _mm256_set1_epi64x(v); }
  // The first min(n, 4) of v (n >= 1), the other lanes 0, read straight from v: a masked load reads none of
  // the words past n. (A copy into a padded array first made a wide load of four narrow stores, which the
  // processor cannot forward: a stall of a tenth of keyed_uniforms' time, perf annotate on the baseline.)
  [[gnu::always_inline]] static Reg load_n(const std::uint32_t* v, std::size_t n) {
    if (n >= kBlocks) return _mm256_cvtepu32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(v)));
    const __m128i mask = _mm_cmpgt_epi32(_mm_set1_epi32(static_cast<int>(n)), _mm_set_epi32(3, 2, 1, 0));
    return _mm256_cvtepu32_epi64(_mm_maskload_epi32(reinterpret_cast<const int*>(v), mask));
  }
  // Blocks c[0], ..., c[min(n, 4) - 1] (n >= 1; the other lanes copies of the last), word w into x[w]:
  // each block loaded whole and the 4 x 4 words transposed in registers (not through a stack array, for the
  // reason load_n gives).
  [[gnu::always_inline]] static void load_blocks(const std::uint32_t (*c)[4], std::size_t n, Reg (&x)[4]) {
    const auto row = [&](std::size_t i) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(c[i < n ? i : n - 1]));
    };
    const __m128i r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3);
    const __m128i low01 = _mm_unpacklo_epi32(r0, r1), low23 = _mm_unpacklo_epi32(r2, r3);
    const __m128i high01 = _mm_unpackhi_epi32(r0, r1), high23 = _mm_unpackhi_epi32(r2, r3);
    x[0] = _mm256_cvtepu32_epi64(_mm_unpacklo_epi64(low01, low23));
    x[1] = _mm256_cvtepu32_epi64(_mm_unpackhi_epi64(low01, low23));
    x[2] = _mm256_cvtepu32_epi64(_mm_unpacklo_epi64(high01, high23));
    x[3] = _mm256_cvtepu32_epi64(_mm_unpackhi_epi64(high01, high23));
  }
  [[gnu::always_inline]] static Reg mul(Reg x, Reg y) { return _mm256_mul_epu32(x, y); }
  [[gnu::always_inline]] static Reg high(Reg x) { return _mm256_srli_epi64(x, 32); }
  [[gnu::always_inline]] static Reg xor3(Reg x, Reg y, Reg z) {
    return _mm256_xor_si256(_mm256_xor_si256(x, y), z);
  }
  [[gnu::always_inline]] static Reg add32(Reg x, Reg y) { return _mm256_add_epi32(x, y); }
  [[gnu::always_inline]] static Reg words01(Reg w0, Reg w1) {
    return _mm256_or_si256(_mm256_slli_epi64(w0, 32), _mm256_and_si256(w1, broadcast(0xFFFFFFFFu)));
  }
  [[gnu::always_inline]] static void store(std::uint64_t* out, Reg x) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), x);
  }
};

}  // namespace
}  // namespace ws::engine
