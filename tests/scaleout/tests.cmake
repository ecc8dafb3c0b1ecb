# Part runs, merge, resume after kill -9 and --keep-replications (tests/scaleout/scaleout_test.py; issue 14).
foreach(name merge_equals_single_run merge_refuses merge_kept_parts resume_after_kill keep_replications)
  add_test(NAME scaleout.${name}
           COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/scaleout_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/scaleout_${name} ${name})
  set_tests_properties(scaleout.${name} PROPERTIES TIMEOUT 900 LABELS integration)
endforeach()
