#!/usr/bin/env bash
# The libFuzzer run of the sanitizer tests when the sanitizer build itself is not clang's: builds only
# werkstroom_fuzz_scenario with clang (AddressSanitizer, UBSan, coverage for libFuzzer) in its own build folder,
# then fuzzes the scenario loader for SECONDS from the seed corpus with a fixed seed. New inputs go to a scratch
# corpus in the build folder (the seed corpus in the source tree is only read); a crash, sanitizer report, leak
# or hang leaves its input in BUILD/artifacts/ and fails the test.
# Usage: fuzz_with_clang.sh SOURCE_DIR BUILD_DIR SECONDS
set -euo pipefail
source_dir=$1 build_dir=$2 seconds=$3

cxx=$(command -v clang++-14 || command -v clang++ || true)
cc=$(command -v clang-14 || command -v clang || true)
if [ -z "$cxx" ] || [ -z "$cc" ]; then
  echo "fuzz: clang is not installed; run 'tools/setup asan-ubsan' (it installs clang-14 and libclang-rt-14-dev)"
  exit 1
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

# clang 14 leaves sized deallocation off by default; the engine's allocator uses it (GCC has it on).
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_FLAGS=-fsized-deallocation -DWERKSTROOM_SANITIZE=ON -DWERKSTROOM_FUZZ=ON \
  "${launcher[@]}" >/dev/null
cmake --build "$build_dir" --target werkstroom_fuzz_scenario -j "$(nproc)"

rm -rf "$build_dir/corpus" "$build_dir/artifacts"
mkdir -p "$build_dir/corpus" "$build_dir/artifacts"
cd "$build_dir"
exec "$build_dir/tests/werkstroom_fuzz_scenario" -seed=1 -timeout=10 -rss_limit_mb=4096 -max_total_time="$seconds" \
  -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/" "$build_dir/corpus" "$source_dir/tests/fuzz/corpus"
