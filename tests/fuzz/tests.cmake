# The scenario-loader fuzz target (tests/fuzz/scenario_loader_fuzz.cpp): every build replays the seed corpus.
# With clang, `-DWERKSTROOM_FUZZ=ON` also builds werkstroom_fuzz_scenario (libFuzzer, every library compiled
# with coverage for it) and a test that fuzzes for WERKSTROOM_FUZZ_SECONDS from the corpus with a fixed seed.
# The sanitizer build (preset asan-ubsan, GCC) gets the same fuzz run as a test that builds the target with
# clang in a folder of its own (fuzz_with_clang.sh); the release build never needs clang.
add_executable(werkstroom_fuzz_replay ${CMAKE_CURRENT_LIST_DIR}/scenario_loader_fuzz.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/replay_main.cpp)
target_link_libraries(werkstroom_fuzz_replay PRIVATE werkstroom_core werkstroom_warnings)
target_compile_definitions(werkstroom_fuzz_replay PRIVATE WERKSTROOM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_test(NAME fuzz.scenario_loader.corpus COMMAND werkstroom_fuzz_replay ${CMAKE_CURRENT_LIST_DIR}/corpus)

option(WERKSTROOM_FUZZ "Build the libFuzzer target (needs clang)" OFF)
set(WERKSTROOM_FUZZ_SECONDS 180 CACHE STRING "How long the fuzz test runs")
if(WERKSTROOM_FUZZ)
  target_compile_options(werkstroom_warnings INTERFACE -fsanitize=fuzzer-no-link)
  add_executable(werkstroom_fuzz_scenario ${CMAKE_CURRENT_LIST_DIR}/scenario_loader_fuzz.cpp)
  target_link_libraries(werkstroom_fuzz_scenario PRIVATE werkstroom_core werkstroom_warnings)
  target_compile_definitions(werkstroom_fuzz_scenario PRIVATE WERKSTROOM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_compile_options(werkstroom_fuzz_scenario PRIVATE -fsanitize=fuzzer)
  target_link_options(werkstroom_fuzz_scenario PRIVATE -fsanitize=fuzzer)
  add_test(NAME fuzz.scenario_loader
           COMMAND werkstroom_fuzz_scenario -seed=1 -timeout=10 -rss_limit_mb=4096
                   -max_total_time=${WERKSTROOM_FUZZ_SECONDS} ${CMAKE_CURRENT_LIST_DIR}/corpus)
  set_tests_properties(fuzz.scenario_loader PROPERTIES TIMEOUT 900)
endif()
if(WERKSTROOM_SANITIZE AND NOT WERKSTROOM_FUZZ)
  add_test(NAME fuzz.scenario_loader.clang
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/fuzz_with_clang.sh ${PROJECT_SOURCE_DIR}
                   ${CMAKE_BINARY_DIR}/fuzz-clang ${WERKSTROOM_FUZZ_SECONDS})
  # Building with clang takes a while on 2 cores; the fuzzing itself is WERKSTROOM_FUZZ_SECONDS.
  set_tests_properties(fuzz.scenario_loader.clang PROPERTIES TIMEOUT 5400 RUN_SERIAL TRUE LABELS fuzz)
endif()
