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
# Bijstand per gemeente: the backcast 2021-2022 and the fitted inflow the baseline extends (its fragment).
add_test(NAME calibrate_bijstand_gemeenten
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/calibrate_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/calibrate_bijstand_gemeenten scenarios/calibration/bijstand-gemeenten.toml
                 scenarios/bijstand-gemeenten-2021-calibrated.toml scenarios/calibration/reports/bijstand-gemeenten-fit.csv
                 scenarios/calibrated/bijstand-gemeenten.toml)
set_tests_properties(calibrate_bijstand_gemeenten PROPERTIES TIMEOUT 900 LABELS "integration;calibration")
# Its holdout (fitted without the 2022 figures, for the one-year-ahead forecast error in docs/validation.md).
add_test(NAME calibrate_bijstand_gemeenten_holdout
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/calibrate_test.py ${WERKSTROOM_BIN} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/calibrate_bijstand_gemeenten_holdout
                 scenarios/calibration/bijstand-gemeenten-holdout.toml scenarios/bijstand-gemeenten-2021-holdout.toml
                 scenarios/calibration/reports/bijstand-gemeenten-holdout-fit.csv)
set_tests_properties(calibrate_bijstand_gemeenten_holdout PROPERTIES TIMEOUT 900 LABELS "integration;calibration")
