# Integration tests of the command line (tests/integration/cli_test.py).
foreach(name help run_baseline existing_output_is_kept bad_usage compare graph interrupt
             interrupt_inside_replication memory_estimate output_paths stdout_errors argument_errors reproducible
             schema summaries_only results_structure disk_full region_band cf_file trace
             microdata info_band)
  add_test(NAME cli_${name}
           COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/cli_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/cli_${name} ${name})
  set_tests_properties(cli_${name} PROPERTIES TIMEOUT 600 LABELS integration)
endforeach()
