# Bijstand per gemeente (tests/bijstand/drift_test.py): the baseline's bijstand stock changes 2025->2035 in
# each gemeente by no more than 10 percentage points more or less than the region's, unless a named driver explains
# it; regulier stays bounded (followed for 1.5 years); the flagged statushouders and durations of the 2025 stock.
add_test(NAME bijstand_drift
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/drift_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/bijstand_drift)
set_tests_properties(bijstand_drift PROPERTIES TIMEOUT 900 LABELS integration)
