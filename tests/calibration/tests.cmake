# End to end: rerun the committed calibrations and compare with the committed calibrated scenarios
# (docs/calibration.md). The national Wsw backcast is small enough to rerun in about a minute of CPU.
add_test(NAME calibrate_wsw_nationaal
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/calibrate_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/calibrate_wsw_nationaal scenarios/calibration/wsw-nationaal-2016.toml
                 scenarios/wsw-nationaal-2016-calibrated.toml scenarios/calibration/reports/wsw-nationaal-2016-fit.csv)
set_tests_properties(calibrate_wsw_nationaal PROPERTIES TIMEOUT 900 LABELS "integration;calibration")
# The regional Wsw calibration (Werkzaak's own figures; a few seconds).
add_test(NAME calibrate_wsw_werkzaak
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/calibrate_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/calibrate_wsw_werkzaak scenarios/calibration/wsw-werkzaak-2015.toml
                 scenarios/wsw-werkzaak-2015-calibrated.toml scenarios/calibration/reports/wsw-werkzaak-2015-fit.csv)
set_tests_properties(calibrate_wsw_werkzaak PROPERTIES TIMEOUT 900 LABELS "integration;calibration")
# The baseline carries the calibrated Wsw hazards and the 2025 Wsw stock of the regional backcast, and its
# statushouder work curve levels off (baseline_check.py).
foreach(check wsw_rates wsw_stock statushouders)
  add_test(NAME calibration_baseline_${check}
           COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/baseline_check.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/baseline_${check} ${check})
  set_tests_properties(calibration_baseline_${check} PROPERTIES TIMEOUT 600 LABELS "integration;calibration")
endforeach()
