# The results file (netCDF-4/HDF5, OUTPUT.md). The hidden Catch2 test [.writefile] writes a demo file; Python (Debian's
# interpreter) then reads it with xarray (h5netcdf and netcdf4 engines), h5py and ncdump, and checks `werkstroom info`.
# A writer killed with SIGKILL must leave no final file and an earlier one intact.
set(WERKSTROOM_OUTPUT_WORK ${CMAKE_CURRENT_BINARY_DIR}/output)
set(WERKSTROOM_OUTPUT_DEMO ${WERKSTROOM_OUTPUT_WORK}/demo.nc)
file(MAKE_DIRECTORY ${WERKSTROOM_OUTPUT_WORK})

add_test(NAME output.write_demo COMMAND $<TARGET_FILE:werkstroom_tests> "[.writefile]")
set_tests_properties(output.write_demo PROPERTIES ENVIRONMENT "WERKSTROOM_DEMO_FILE=${WERKSTROOM_OUTPUT_DEMO}"
                                                  FIXTURES_SETUP werkstroom_output_demo)

foreach(check IN ITEMS xarray layout ncdump)
  add_test(NAME output.${check}
           COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_${check}.py ${WERKSTROOM_OUTPUT_DEMO})
  set_tests_properties(output.${check} PROPERTIES FIXTURES_REQUIRED werkstroom_output_demo)
endforeach()

add_test(NAME output.info COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_info.py ${WERKSTROOM_BIN}
                                  ${WERKSTROOM_OUTPUT_DEMO} ${WERKSTROOM_OUTPUT_WORK}/info)
set_tests_properties(output.info PROPERTIES FIXTURES_REQUIRED werkstroom_output_demo)

add_test(NAME output.sigkill COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/kill_test.py
                                     $<TARGET_FILE:werkstroom_tests> ${WERKSTROOM_OUTPUT_WORK}/kill)
set_tests_properties(output.sigkill PROPERTIES TIMEOUT 300)
