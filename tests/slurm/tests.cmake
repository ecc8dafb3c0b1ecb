# A real Slurm: a single-node cluster on localhost started by the test, a 4-task array plus the merge job
# (tools/slurm/), checked against a single run. Skipped (exit 77) only where the daemons cannot start.
add_test(NAME slurm.array_and_merge
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/slurm_test.sh ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/slurm)
set_tests_properties(slurm.array_and_merge PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900 LABELS integration
                                                      RUN_SERIAL TRUE)
