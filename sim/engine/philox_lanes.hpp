#pragma once
// Philox4x32-10 for several blocks side by side under one key, written once for any SIMD register type and
// compiled once per instruction set: keyed_stream.cpp (SSE2, every x86-64) and keyed_stream_avx2.cpp (AVX2,
// chosen at run time where the processor has it). Each 64-bit lane of a register carries one word of one
// block in its low half: the unsigned 32 x 32 -> 64 multiply of those halves gives the full products a round
// needs, so a round is two multiplies, two shifts and four exclusive-ors per register. The high halves hold
// leftovers that no multiply reads and the end masks off: the words are those of philox4x32_10
// (tests/unit/engine_random_test.cpp compares them).
//
// Only for those two files. Everything here is internal to the file that includes it, and it includes nothing
// with inline functions of its own: a file compiled for AVX2 must not emit a shared (COMDAT) copy of any
// function the rest of the program might pick up and run on a processor without AVX2.
#include <cstddef>
#include <cstdint>

namespace ws::engine {

namespace detail {
// KeyedStream{{key0, key1}, identity}.uniform(a, b[i]) into out[i] for i < n, bit for bit.
using KeyedUniforms = void (*)(std::uint32_t a, const std::uint32_t* b, std::size_t n, std::uint64_t identity,
                               std::uint32_t key0, std::uint32_t key1, double* out);
void keyed_uniforms_sse2(std::uint32_t a, const std::uint32_t* b, std::size_t n, std::uint64_t identity,
                         std::uint32_t key0, std::uint32_t key1, double* out);
// The AVX2 one, or null where the build has no AVX2 code.
KeyedUniforms keyed_uniforms_avx2();
}  // namespace detail

namespace {

// R registers of Ops::kBlocks blocks each: x[r][w] is word w of those blocks.
template <class Ops, std::size_t R>
[[gnu::always_inline]] inline void philox_lanes(typename Ops::Reg (&x)[R][4], std::uint32_t key0,
                                                std::uint32_t key1) {
  using Reg = typename Ops::Reg;
  const Reg m0 = Ops::broadcast(0xD2511F53u), m1 = Ops::broadcast(0xCD9E8D57u);
  const Reg w0 = Ops::broadcast(0x9E3779B9u), w1 = Ops::broadcast(0xBB67AE85u);
  Reg k0 = Ops::broadcast(key0), k1 = Ops::broadcast(key1);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = Ops::add32(k0, w0);  // 32-bit lanes: the low half wraps as the scalar key does
      k1 = Ops::add32(k1, w1);
    }
    for (std::size_t r = 0; r < R; ++r) {
      const Reg p0 = Ops::mul(x[r][0], m0), p1 = Ops::mul(x[r][2], m1);
      x[r][0] = Ops::xor3(Ops::high(p1), x[r][1], k0);
      x[r][1] = p1;
      x[r][2] = Ops::xor3(Ops::high(p0), x[r][3], k1);
      x[r][3] = p0;
    }
  }
}

// Up to R * Ops::kBlocks counters at once (n >= 1), the registers beyond n filled with copies of the last.
template <class Ops, std::size_t R>
inline void keyed_uniforms_regs(std::uint32_t a, const std::uint32_t* b, std::size_t n,
                                std::uint64_t identity, std::uint32_t key0, std::uint32_t key1, double* out) {
  constexpr std::size_t kLanes = R * Ops::kBlocks;
  std::uint32_t padded[kLanes];
  for (std::size_t i = 0; i < kLanes; ++i) padded[i] = b[i < n ? i : n - 1];
  typename Ops::Reg x[R][4];
  for (std::size_t r = 0; r < R; ++r) {
    x[r][0] = Ops::broadcast(a);
    x[r][1] = Ops::load(&padded[r * Ops::kBlocks]);
    x[r][2] = Ops::broadcast(static_cast<std::uint32_t>(identity));
    x[r][3] = Ops::broadcast(static_cast<std::uint32_t>(identity >> 32));
  }
  philox_lanes<Ops, R>(x, key0, key1);
  std::uint64_t words[kLanes];
  for (std::size_t r = 0; r < R; ++r) Ops::store(&words[r * Ops::kBlocks], Ops::words01(x[r][0], x[r][1]));
  // KeyedStream::uniform's (53 bits + 0.5) * 2^-53; the 53 bits convert exactly, as signed or unsigned.
  for (std::size_t i = 0; i < n; ++i)
    out[i] = (static_cast<double>(static_cast<std::int64_t>(words[i] >> 11)) + 0.5) * 0x1p-53;
}

// Any n: four registers at a time, the rest in as few registers as it needs.
template <class Ops>
inline void keyed_uniforms(std::uint32_t a, const std::uint32_t* b, std::size_t n, std::uint64_t identity,
                           std::uint32_t key0, std::uint32_t key1, double* out) {
  constexpr std::size_t L = Ops::kBlocks;
  for (; n > 4 * L; n -= 4 * L, b += 4 * L, out += 4 * L)
    keyed_uniforms_regs<Ops, 4>(a, b, 4 * L, identity, key0, key1, out);
  if (n == 0) return;
  switch ((n + L - 1) / L) {
    case 1:
      return keyed_uniforms_regs<Ops, 1>(a, b, n, identity, key0, key1, out);
    case 2:
      return keyed_uniforms_regs<Ops, 2>(a, b, n, identity, key0, key1, out);
    case 3:
      return keyed_uniforms_regs<Ops, 3>(a, b, n, identity, key0, key1, out);
    default:
      return keyed_uniforms_regs<Ops, 4>(a, b, n, identity, key0, key1, out);
  }
}

}  // namespace
}  // namespace ws::engine
