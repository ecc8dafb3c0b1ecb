// Batched Philox (KeyedStream::uniforms, philox4x32_10_many): the kernels of philox_lanes.hpp, with AVX-512
// where the processor has it (eight blocks a register), else AVX2 (four), else SSE2 (two), else one block at a
// time.
#include <cstddef>

#include "sim/engine/keyed_stream.hpp"
#include "sim/engine/philox_lanes.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ws::engine {
namespace {

#if defined(__SSE2__)
struct Sse2 {
  using Reg = __m128i;
  static constexpr std::size_t kBlocks = 2;
  [[gnu::always_inline]] static Reg broadcast(std::uint32_t v) { return _mm_set1_epi64x(v); }
  // The first min(n, 2) of v (n >= 1), the other lane 0.
  [[gnu::always_inline]] static Reg load_n(const std::uint32_t* v, std::size_t n) {
    return _mm_set_epi64x(n >= 2 ? v[1] : 0, v[0]);
  }
  // Blocks c[0], c[min(n, 2) - 1] (n >= 1), word w into x[w].
  [[gnu::always_inline]] static void load_blocks(const std::uint32_t (*c)[4], std::size_t n, Reg (&x)[4]) {
    const std::uint32_t* second = c[n >= 2 ? 1 : 0];
    for (std::size_t w = 0; w < 4; ++w) x[w] = _mm_set_epi64x(second[w], c[0][w]);
  }
  [[gnu::always_inline]] static Reg mul(Reg x, Reg y) { return _mm_mul_epu32(x, y); }
  [[gnu::always_inline]] static Reg high(Reg x) { return _mm_srli_epi64(x, 32); }
  [[gnu::always_inline]] static Reg xor3(Reg x, Reg y, Reg z) {
    return _mm_xor_si128(_mm_xor_si128(x, y), z);
  }
  [[gnu::always_inline]] static Reg add32(Reg x, Reg y) { return _mm_add_epi32(x, y); }
  [[gnu::always_inline]] static Reg words01(Reg w0, Reg w1) {
    return _mm_or_si128(_mm_slli_epi64(w0, 32), _mm_and_si128(w1, broadcast(0xFFFFFFFFu)));
  }
  [[gnu::always_inline]] static void store(std::uint64_t* out, Reg x) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), x);
  }
};
#endif

bool processor_has_avx2() {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();  // this runs during static initialisation
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

bool processor_has_avx512() {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512dq");
#else
  return false;
#endif
}

#if !defined(__SSE2__)
// One block at a time: the scalar Philox.
void scalar_uniforms(std::uint32_t a, const std::uint32_t* b, std::size_t n, std::uint64_t identity,
                     std::uint32_t key0, std::uint32_t key1, double* out) {
  const KeyedStream k{{key0, key1}, identity};
  for (std::size_t i = 0; i < n; ++i) out[i] = k.uniform(a, b[i]);
}
void scalar_blocks(const std::uint32_t (*ctr)[4], std::size_t n, std::uint32_t key0, std::uint32_t key1,
                   std::uint32_t (*out)[4]) {
  for (std::size_t i = 0; i < n; ++i) {
    const PhiloxCounter w = philox4x32_10({ctr[i][0], ctr[i][1], ctr[i][2], ctr[i][3]}, {key0, key1});
    for (std::size_t j = 0; j < 4; ++j) out[i][j] = w[j];
  }
}
#endif

// Decided once, as the program starts: the widest code this processor runs (and the build has): AVX-512,
// else AVX2, else SSE2. They give the same numbers. (No other static initialiser draws numbers, so none can
// run before this one.)
const detail::PhiloxKernels* const kKernels =
    processor_has_avx512() && detail::avx512_kernels() ? detail::avx512_kernels()
    : processor_has_avx2() && detail::avx2_kernels()   ? detail::avx2_kernels()
                                                       : &detail::sse2_kernels();

}  // namespace

const detail::PhiloxKernels& detail::sse2_kernels() {
#if defined(__SSE2__)
  static const PhiloxKernels k{&keyed_uniforms<Sse2>, &philox_blocks<Sse2>};
#else
  static const PhiloxKernels k{&scalar_uniforms, &scalar_blocks};
#endif
  return k;
}

void KeyedStream::uniforms(std::uint32_t a, std::span<const std::uint32_t> b, std::span<double> out) const {
  kKernels->keyed_uniforms(a, b.data(), b.size(), identity, key[0], key[1], out.data());
}

void philox4x32_10_many(std::span<const PhiloxCounter> ctr, PhiloxKey key, std::span<PhiloxCounter> out) {
  static_assert(sizeof(PhiloxCounter) == 4 * sizeof(std::uint32_t));
  kKernels->blocks(reinterpret_cast<const std::uint32_t(*)[4]>(ctr.data()), ctr.size(), key[0], key[1],
                   reinterpret_cast<std::uint32_t(*)[4]>(out.data()));
}

}  // namespace ws::engine
