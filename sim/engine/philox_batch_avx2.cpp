// The AVX2 instance of philox_lanes.hpp: four blocks a register. Compiled with -mavx2 (CMakeLists.txt) and
// called only where the processor has AVX2 (keyed_stream.cpp asks it). It includes nothing but the kernel.
#include "sim/engine/philox_lanes.hpp"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace ws::engine {
namespace {

#if defined(__AVX2__)
struct Avx2 {
  using Reg = __m256i;
  static constexpr std::size_t kBlocks = 4;
  [[gnu::always_inline]] static Reg broadcast(std::uint32_t v) { return _mm256_set1_epi64x(v); }
  [[gnu::always_inline]] static Reg load(const std::uint32_t* v) {
    return _mm256_cvtepu32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(v)));
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
#endif

}  // namespace

#if defined(__AVX2__)
namespace {
const detail::PhiloxKernels kAvx2{&keyed_uniforms<Avx2>, &philox_blocks<Avx2>};
}  // namespace
const detail::PhiloxKernels* detail::avx2_kernels() { return &kAvx2; }
#else
const detail::PhiloxKernels* detail::avx2_kernels() { return nullptr; }
#endif

}  // namespace ws::engine
