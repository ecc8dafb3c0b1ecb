# `werkstroom bench cohort` (one repeat; its figures mean nothing here): the scenario validates, the whole run
# path writes its file, and werkstroom and the naive simulator count statistically the same exits.
add_test(NAME bench.cohort_scenario_validates COMMAND ${WERKSTROOM_BIN} validate scenarios/bench/cohort.toml
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME bench.cohort_quick COMMAND ${WERKSTROOM_BIN} bench cohort --quick --repeats 1
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench.cohort_quick PROPERTIES PASS_REGULAR_EXPRESSION
                     "Same exits per cause and year in both: yes" FAIL_REGULAR_EXPRESSION ": NO" TIMEOUT 300)
# `werkstroom bench national --quick`: one replication of scenarios/nationaal.toml at full scale (about 1.5 million
# person-lives; the recorder checks that no person is created or lost), nothing written, no child run.
add_test(NAME bench.national_quick COMMAND ${WERKSTROOM_BIN} bench national --quick
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench.national_quick PROPERTIES PASS_REGULAR_EXPRESSION
                     "persons per replication \\(initial \\+ arrivals, last repeat\\) +[0-9][0-9][0-9][0-9][0-9][0-9][0-9]" TIMEOUT 600)
# `werkstroom bench memory --quick`: tiny child runs in turns, their median peaks and the growth between them.
add_test(NAME bench.memory_quick COMMAND ${WERKSTROOM_BIN} bench memory --quick --repeats 2
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench.memory_quick PROPERTIES PASS_REGULAR_EXPRESSION
                     "growth [+-][0-9]+\\.[0-9] % of the median peaks" TIMEOUT 300)
# tools/instructions: the same binary twice gives the same counts (within 0.1 %: only the run's date and the
# like differ), which is what makes the counts a comparison that the machine's load does not move; and a
# binary that does not exist is an error with exit status 2.
# A sanitizer build cannot run under valgrind: there, the tool must refuse it with a clear error instead.
if(WERKSTROOM_SANITIZE)
  add_test(NAME bench.instructions_refuses_sanitizer_build
           COMMAND bash -c "${PROJECT_SOURCE_DIR}/tools/instructions ${WERKSTROOM_BIN} ${WERKSTROOM_BIN} -- run scenarios/baseline.toml -n 1 -j1; echo exit status $?"
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bench.instructions_refuses_sanitizer_build PROPERTIES PASS_REGULAR_EXPRESSION
                       "a sanitizer build .*valgrind cannot run.*exit status 2" TIMEOUT 60)
else()
  add_test(NAME bench.instructions_repeatable
           COMMAND ${PROJECT_SOURCE_DIR}/tools/instructions ${WERKSTROOM_BIN} ${WERKSTROOM_BIN} -- run
                   scenarios/baseline.toml -n 1 -j1
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bench.instructions_repeatable PROPERTIES PASS_REGULAR_EXPRESSION
                       "instructions +[0-9,]+ +[0-9,]+ +(0\\.999[0-9]|1\\.000[0-9])" TIMEOUT 600)
endif()
add_test(NAME bench.instructions_bad_binary
         COMMAND bash -c "${PROJECT_SOURCE_DIR}/tools/instructions /nonexistent/werkstroom ${WERKSTROOM_BIN} -- run scenarios/baseline.toml; echo exit status $?"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench.instructions_bad_binary PROPERTIES PASS_REGULAR_EXPRESSION
                     "/nonexistent/werkstroom: not an executable file.*exit status 2" TIMEOUT 60)
