# Money and pilots at the command line: `werkstroom validate` rejects each fixture in tests/money/bad/ with exit
# code 2 and the one-line message its `# expect:` lines give (the checker is the scenario tests' script). The
# scenarios in scenarios/pilots and scenarios/money are accepted by tests/scenario/tests.cmake.
file(GLOB WERKSTROOM_BAD_MONEY CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/bad/*.toml)
foreach(fixture IN LISTS WERKSTROOM_BAD_MONEY)
  get_filename_component(name ${fixture} NAME_WE)
  add_test(NAME money.reject.${name}
           COMMAND ${DEBIAN_PYTHON} ${PROJECT_SOURCE_DIR}/tests/scenario/expect_input_error.py ${WERKSTROOM_BIN}
                   ${fixture})
endforeach()

# Combined pilots in compare (issue 12): a run of the baseline, the three pilots and alle-pilots; compare shows
# alle-pilots against the sum of its three parts.
set(WERKSTROOM_MONEY_OUT ${CMAKE_BINARY_DIR}/money-tests)
file(MAKE_DIRECTORY ${WERKSTROOM_MONEY_OUT})
add_test(NAME money.combined_pilots_file
         COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml
                 ${PROJECT_SOURCE_DIR}/scenarios/pilots/p-wetters-in-dienst.toml
                 ${PROJECT_SOURCE_DIR}/scenarios/pilots/ondernemerschap.toml
                 ${PROJECT_SOURCE_DIR}/scenarios/pilots/nieuwe-doelgroepen.toml
                 ${PROJECT_SOURCE_DIR}/scenarios/pilots/alle-pilots.toml --replications 2
                 --out ${WERKSTROOM_MONEY_OUT}/combined.nc --overwrite --quiet)
set_tests_properties(money.combined_pilots_file PROPERTIES FIXTURES_SETUP werkstroom_money_combined TIMEOUT 300)
add_test(NAME money.combined_pilots_compare
         COMMAND ${WERKSTROOM_BIN} compare ${WERKSTROOM_MONEY_OUT}/combined.nc --against baseline)
set_tests_properties(
  money.combined_pilots_compare
  PROPERTIES FIXTURES_REQUIRED werkstroom_money_combined
             PASS_REGULAR_EXPRESSION
             "Combined: alle-pilots against the sum of its parts \\(p-wetters-in-dienst \\+ ondernemerschap \\+ nieuwe-doelgroepen\\)"
             TIMEOUT 300)
