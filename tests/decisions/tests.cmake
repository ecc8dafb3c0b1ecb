# Decision tools (tests/decisions/decisions_test.py): compare's predictive verdicts checked against the
# per-replication data, sensitivity indices on a scenario with a known analytic split, replications per draw.
foreach(name compare_summary compare_values sensitivity_analytic replications_per_draw sensitivity_statushouders
             bad_input export report report_bad_input sensitivity_against breakeven_analytic
             breakeven_bad_input)
  add_test(NAME decisions_${name}
           COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/decisions_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/decisions_${name} ${name})
  set_tests_properties(decisions_${name} PROPERTIES TIMEOUT 600 LABELS integration)
endforeach()
