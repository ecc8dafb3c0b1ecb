# The layers of sim/ (cmake/layers.cmake): no folder includes a layer it may not use. The second test runs
# the check on a fixture tree with one upward include and one folder that is not a layer, and expects both named.
add_test(NAME layers.includes
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DLAYERS_FILE=${PROJECT_SOURCE_DIR}/cmake/layers.cmake
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_layers.cmake)
add_test(NAME layers.upward_include_fails
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_LIST_DIR}/bad
                 -DLAYERS_FILE=${PROJECT_SOURCE_DIR}/cmake/layers.cmake -P ${CMAKE_CURRENT_LIST_DIR}/check_layers.cmake)
set_tests_properties(
  layers.upward_include_fails
  PROPERTIES PASS_REGULAR_EXPRESSION
             "sim/extra/: a folder that is not a layer.*sim/engine/upwards.hpp: #include .sim/model/person.hpp.: layer 'engine' may not use 'model'")
