# Scenario files at the command line: `werkstroom validate` accepts every scenario in scenarios/ (exit 0) and
# rejects each fixture in tests/scenario/bad/ with exit code 2 and the one-line message its `# expect:` lines give.
file(GLOB_RECURSE WERKSTROOM_SCENARIO_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.toml)
# scenarios/calibration/ holds calibration files (werkstroom calibrate), not scenarios.
list(FILTER WERKSTROOM_SCENARIO_FILES EXCLUDE REGEX "/scenarios/calibration/")
# scenarios/calibrated/ holds fitted values alone (calibrate's fragment), validated through the scenarios that
# extend them (baseline.toml).
list(FILTER WERKSTROOM_SCENARIO_FILES EXCLUDE REGEX "/scenarios/calibrated/")
foreach(scenario IN LISTS WERKSTROOM_SCENARIO_FILES)
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR}/scenarios ${scenario})
  add_test(NAME scenario.validate.${name} COMMAND ${WERKSTROOM_BIN} validate ${scenario})
  set_tests_properties(scenario.validate.${name} PROPERTIES PASS_REGULAR_EXPRESSION "\nok\n")
endforeach()

file(GLOB WERKSTROOM_BAD_SCENARIOS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/bad/*.toml)
foreach(fixture IN LISTS WERKSTROOM_BAD_SCENARIOS)
  get_filename_component(name ${fixture} NAME_WE)
  add_test(NAME scenario.reject.${name}
           COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/expect_input_error.py ${WERKSTROOM_BIN} ${fixture})
  set_tests_properties(scenario.reject.${name} PROPERTIES WILL_FAIL FALSE)
endforeach()
