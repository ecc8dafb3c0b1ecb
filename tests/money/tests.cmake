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
