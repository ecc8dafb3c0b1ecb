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
// The batched Philox of one instruction set.
struct PhiloxKernels {
  // KeyedStream{{key0, key1}, identity}.uniform(a, b[i]) into out[i] for i < n, bit for bit.
  void (*keyed_uniforms)(std::uint32_t a, const std::uint32_t* b, std::size_t n, std::uint64_t identity,
                         std::uint32_t key0, std::uint32_t key1, double* out);
  // philox4x32_10(ctr[i], {key0, key1}) into out[i] for i < n.
  void (*blocks)(const std::uint32_t (*ctr)[4], std::size_t n, std::uint32_t key0, std::uint32_t key1,
                 std::uint32_t (*out)[4]);
};
const PhiloxKernels& sse2_kernels();    // plain scalar code where the build has no SSE2
const PhiloxKernels* avx2_kernels();    // null where the build has no AVX2 code
const PhiloxKernels* avx512_kernels();  // null where the build has no AVX-512 (F, VL, DQ) code
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

// Any n: `regs.template operator()<R>(from, count)` computes counters [from, from + count) in R registers,
// four registers at a time, the rest in as few as it needs.
template <std::size_t kBlocks, class Regs>
[[gnu::always_inline]] inline void in_registers(std::size_t n, Regs&& regs) {
  std::size_t from = 0;
  for (; n - from > 4 * kBlocks; from += 4 * kBlocks) regs.template operator()<4>(from, 4 * kBlocks);
  const std::size_t rest = n - from;
  if (rest == 0) return;
  switch ((rest + kBlocks - 1) / kBlocks) {
    case 1:
      return regs.template operator()<1>(from, rest);
    case 2:
      return regs.template operator()<2>(from, rest);
    case 3:
      return regs.template operator()<3>(from, rest);
    default:
      return regs.template operator()<4>(from, rest);
  }
}

// The counters {a, b[i], identity}; the lanes beyond n compute counters of b = 0, which nothing reads.
// (in_registers gives every register at least one of the n.)
template <class Ops>
inline void keyed_uniforms(std::uint32_t a, const std::uint32_t* b, std::size_t n, std::uint64_t identity,
                           std::uint32_t key0, std::uint32_t key1, double* out) {
  in_registers<Ops::kBlocks>(n, [&]<std::size_t R>(std::size_t from, std::size_t count) {
    constexpr std::size_t kLanes = R * Ops::kBlocks;
    typename Ops::Reg x[R][4];
    for (std::size_t r = 0; r < R; ++r) {
      x[r][0] = Ops::broadcast(a);
      x[r][1] = Ops::load_n(b + from + r * Ops::kBlocks, count - r * Ops::kBlocks);
      x[r][2] = Ops::broadcast(static_cast<std::uint32_t>(identity));
      x[r][3] = Ops::broadcast(static_cast<std::uint32_t>(identity >> 32));
    }
    philox_lanes<Ops, R>(x, key0, key1);
    if constexpr (requires { Ops::store_uniforms(x[0][0], count, out); }) {
      for (std::size_t r = 0; r < R; ++r)
        Ops::store_uniforms(Ops::words01(x[r][0], x[r][1]), count - r * Ops::kBlocks,
                            out + from + r * Ops::kBlocks);
    } else {
      std::uint64_t words[kLanes];
      for (std::size_t r = 0; r < R; ++r)
        Ops::store(&words[r * Ops::kBlocks], Ops::words01(x[r][0], x[r][1]));
      // KeyedStream::uniform's (53 bits + 0.5) * 2^-53; the 53 bits convert exactly, as signed or unsigned.
      for (std::size_t i = 0; i < count; ++i)
        out[from + i] = (static_cast<double>(static_cast<std::int64_t>(words[i] >> 11)) + 0.5) * 0x1p-53;
    }
  });
}

// Any counters, all four words out.
template <class Ops>
inline void philox_blocks(const std::uint32_t (*ctr)[4], std::size_t n, std::uint32_t key0,
                          std::uint32_t key1, std::uint32_t (*out)[4]) {
  in_registers<Ops::kBlocks>(n, [&]<std::size_t R>(std::size_t from, std::size_t count) {
    constexpr std::size_t kLanes = R * Ops::kBlocks;
    typename Ops::Reg x[R][4];
    for (std::size_t r = 0; r < R; ++r)
      Ops::load_blocks(ctr + from + r * Ops::kBlocks, count - r * Ops::kBlocks, x[r]);
    philox_lanes<Ops, R>(x, key0, key1);
    std::uint64_t words[4][kLanes];
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t w = 0; w < 4; ++w) Ops::store(&words[w][r * Ops::kBlocks], x[r][w]);
    for (std::size_t i = 0; i < count; ++i)
      for (std::size_t w = 0; w < 4; ++w) out[from + i][w] = static_cast<std::uint32_t>(words[w][i]);
  });
}

}  // namespace
}  // namespace ws::engine
