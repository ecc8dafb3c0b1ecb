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
