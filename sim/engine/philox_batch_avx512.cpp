// The AVX-512 instance of philox_lanes.hpp, on 256-bit registers (AVX-512VL): four blocks a register as with
// AVX2, but a round's three-way exclusive-ors are one instruction each (vpternlogq), the short loads and the
// stores of the uniforms are masked, and the 53 bits convert to double in the register (vcvtqq2pd) instead of
// one by one. 512-bit registers (eight blocks, one register for up to eight risks) were slower on the
// development machine's Xeon: baseline CPU 1.067 against AVX2, this 0.970 (BENCHMARKS.md, thirteenth
// session). Compiled with -mavx512f -mavx512vl -mavx512dq (CMakeLists.txt) and called only where the
// processor has those (philox_batch.cpp asks). It includes nothing but the kernel, for the reason
// philox_lanes.hpp gives.
#include "sim/engine/philox_lanes.hpp"

#if defined(__AVX512F__) && defined(__AVX512VL__) && defined(__AVX512DQ__)
// g++ 12's own AVX-512 headers start some intrinsics from _mm512_undefined_epi32() and then warn that it is
// uninitialised (GCC bug 105593, fixed in g++ 13): not a fault of this file.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "sim/engine/philox_avx2_ops.hpp"
#define WERKSTROOM_PHILOX_AVX512 1
#endif

namespace ws::engine {
namespace {

#if defined(WERKSTROOM_PHILOX_AVX512)
struct Avx512 : Avx2 {  // AVX-512VL on 256-bit registers: Avx2's operations but these
  // The first min(n, 4) of v (n >= 1), the other lanes 0: a masked load reads none of the words past n.
  [[gnu::always_inline]] static Reg load_n(const std::uint32_t* v, std::size_t n) {
    return _mm256_cvtepu32_epi64(_mm_maskz_loadu_epi32(mask(n), v));
  }
  [[gnu::always_inline]] static Reg xor3(Reg x, Reg y, Reg z) {
    return _mm256_ternarylogic_epi64(x, y, z, 0x96);  // 0x96: x ^ y ^ z
  }
  // KeyedStream::uniform of the first min(n, 4) lanes' words into out: (53 bits + 0.5) * 2^-53, the same
  // operations as the scalar code (the 53 bits convert exactly), four at a time.
  [[gnu::always_inline]] static void store_uniforms(Reg words, std::size_t n, double* out) {
    const __m256d whole = _mm256_cvtepi64_pd(_mm256_srli_epi64(words, 11));
    const __m256d u = _mm256_mul_pd(_mm256_add_pd(whole, _mm256_set1_pd(0.5)), _mm256_set1_pd(0x1p-53));
    _mm256_mask_storeu_pd(out, mask(n), u);
  }

 private:
  [[gnu::always_inline]] static __mmask8 mask(std::size_t n) {
    return static_cast<__mmask8>(n >= kBlocks ? 0xFu : (1u << n) - 1);
  }
};
#endif

}  // namespace

#if defined(WERKSTROOM_PHILOX_AVX512)
namespace {
const detail::PhiloxKernels kAvx512{&keyed_uniforms<Avx512>, &philox_blocks<Avx512>};
}  // namespace
const detail::PhiloxKernels* detail::avx512_kernels() { return &kAvx512; }
#else
const detail::PhiloxKernels* detail::avx512_kernels() { return nullptr; }
#endif

}  // namespace ws::engine
