// The AVX-512 instance of philox_lanes.hpp: eight blocks a register, so that a redraw's risks (up to eight)
// take one register instead of two, and three-way exclusive-or is one instruction. Compiled with -mavx512f
// (CMakeLists.txt) and called only where the processor has AVX-512F (philox_batch.cpp asks). It includes
// nothing but the kernel.
#include "sim/engine/philox_lanes.hpp"

#if defined(__AVX512F__)
// GCC 12's own AVX-512 headers trip -Wuninitialized where their intrinsics are inlined (the self-initialised
// `_mm512_undefined_epi32()` of GCC bug 105593); nothing of this file's is uninitialised.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#endif

namespace ws::engine {
namespace {

#if defined(__AVX512F__)
struct Avx512 {
  using Reg = __m512i;
  static constexpr std::size_t kBlocks = 8;
  [[gnu::always_inline]] static Reg broadcast(std::uint32_t v) { return _mm512_set1_epi64(v); }
  [[gnu::always_inline]] static Reg load(const std::uint32_t* v) {
    return _mm512_cvtepu32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(v)));
  }
  [[gnu::always_inline]] static Reg mul(Reg x, Reg y) { return _mm512_mul_epu32(x, y); }
  [[gnu::always_inline]] static Reg high(Reg x) { return _mm512_srli_epi64(x, 32); }
  // 0x96: the truth table of x ^ y ^ z.
  [[gnu::always_inline]] static Reg xor3(Reg x, Reg y, Reg z) {
    return _mm512_ternarylogic_epi64(x, y, z, 0x96);
  }
  [[gnu::always_inline]] static Reg add32(Reg x, Reg y) { return _mm512_add_epi32(x, y); }
  [[gnu::always_inline]] static Reg words01(Reg w0, Reg w1) {
    return _mm512_or_si512(_mm512_slli_epi64(w0, 32), _mm512_and_si512(w1, broadcast(0xFFFFFFFFu)));
  }
  [[gnu::always_inline]] static void store(std::uint64_t* out, Reg x) { _mm512_storeu_si512(out, x); }
};
#endif

}  // namespace

#if defined(__AVX512F__)
namespace {
const detail::PhiloxKernels kAvx512{&keyed_uniforms<Avx512>, &philox_blocks<Avx512>};
}  // namespace
const detail::PhiloxKernels* detail::avx512_kernels() { return &kAvx512; }
#else
const detail::PhiloxKernels* detail::avx512_kernels() { return nullptr; }
#endif

}  // namespace ws::engine
