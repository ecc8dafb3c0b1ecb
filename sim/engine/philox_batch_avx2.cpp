// The AVX2 instance of philox_lanes.hpp: four blocks a register. Compiled with -mavx2 (CMakeLists.txt) and
// called only where the processor has AVX2 (keyed_stream.cpp asks it). It includes nothing but the kernel.
#include "sim/engine/philox_lanes.hpp"

#if defined(__AVX2__)
#include "sim/engine/philox_avx2_ops.hpp"
#endif

namespace ws::engine {
#if defined(__AVX2__)
namespace {
const detail::PhiloxKernels kAvx2{&keyed_uniforms<Avx2>, &philox_blocks<Avx2>};
}  // namespace
const detail::PhiloxKernels* detail::avx2_kernels() { return &kAvx2; }
#else
const detail::PhiloxKernels* detail::avx2_kernels() { return nullptr; }
#endif

}  // namespace ws::engine
