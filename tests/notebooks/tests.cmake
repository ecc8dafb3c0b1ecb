# Notebooks (notebooks/*.ipynb): each runs end to end with Debian's Jupyter on a results file made by the real
# binary, and again on a synthetic file with everything optional switched around (two scenarios, a pilot state,
# places and money present, no statushouder stream, no uncertain parameters). Everything is written under the
# build tree: executed copies, CSV exports; nothing goes into the source tree.
set(WERKSTROOM_NB_OUT ${CMAKE_BINARY_DIR}/notebooks)
set(WERKSTROOM_JUPYTER /usr/bin/jupyter)
file(MAKE_DIRECTORY ${WERKSTROOM_NB_OUT})
file(GLOB WERKSTROOM_NOTEBOOKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/notebooks/*.ipynb)
# 05_validation reads the calibrated backcasts besides the baseline: it has its own test below.
set(WERKSTROOM_LOOP_NOTEBOOKS ${WERKSTROOM_NOTEBOOKS})
list(FILTER WERKSTROOM_LOOP_NOTEBOOKS EXCLUDE REGEX "05_validation\\.ipynb$")

add_test(NAME notebooks.clean
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_clean.py ${WERKSTROOM_NOTEBOOKS})
set_tests_properties(notebooks.clean PROPERTIES LABELS notebooks)

add_test(NAME notebooks.results_file
         COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml --replications 8
                 --out ${WERKSTROOM_NB_OUT}/baseline.nc --overwrite --quiet)
set_tests_properties(notebooks.results_file PROPERTIES FIXTURES_SETUP werkstroom_nb_results LABELS notebooks
                                                       TIMEOUT 300)

add_test(NAME notebooks.synthetic_file
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/make_synthetic.py ${WERKSTROOM_NB_OUT}/variants.nc
                 --replications 3 --scenarios 2 --capacity --money --pilot-state --no-statushouders --no-parameters)
set_tests_properties(notebooks.synthetic_file PROPERTIES FIXTURES_SETUP werkstroom_nb_synthetic LABELS notebooks
                                                         TIMEOUT 300)

# nbconvert exits non-zero when any cell raises. The kernel starts in the notebook's folder (so the default
# RESULTS path stays valid for users); the notebooks write only to WERKSTROOM_EXPORT_DIR.
foreach(notebook IN LISTS WERKSTROOM_LOOP_NOTEBOOKS)
  get_filename_component(name ${notebook} NAME_WE)
  foreach(variant baseline variants)
    if(variant STREQUAL "baseline")
      set(fixture werkstroom_nb_results)
      set(scenario "")
    else()
      set(fixture werkstroom_nb_synthetic)
      set(scenario pilot_1)
    endif()
    add_test(NAME notebooks.${variant}.${name}
             COMMAND ${WERKSTROOM_JUPYTER} nbconvert --to notebook --execute
                     --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=240
                     --output-dir ${WERKSTROOM_NB_OUT}/executed_${variant} ${notebook})
    set_tests_properties(
      notebooks.${variant}.${name}
      PROPERTIES FIXTURES_REQUIRED ${fixture} LABELS notebooks TIMEOUT 300
                 ENVIRONMENT "WERKSTROOM_RESULTS=${WERKSTROOM_NB_OUT}/${variant}.nc;WERKSTROOM_SCENARIO=${scenario};WERKSTROOM_EXPORT_DIR=${WERKSTROOM_NB_OUT}/export_${variant}/${name};PYDEVD_DISABLE_FILE_VALIDATION=1")
  endforeach()
endforeach()

# Notebook 04 (pilot impact) on a real run of the baseline and every pilot in scenarios/pilots (a few replications:
# enough for intervals), with the differences `werkstroom compare` adds to the file (the notebook checks it agrees).
file(GLOB WERKSTROOM_PILOT_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/pilots/*.toml)
add_test(NAME notebooks.pilots_file
         COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml ${WERKSTROOM_PILOT_SCENARIOS}
                 --replications 4 --out ${WERKSTROOM_NB_OUT}/pilots.nc --overwrite --quiet)
set_tests_properties(notebooks.pilots_file PROPERTIES FIXTURES_SETUP werkstroom_nb_pilots_run LABELS notebooks
                                                      TIMEOUT 300)
add_test(NAME notebooks.pilots_compare
         COMMAND ${WERKSTROOM_BIN} compare ${WERKSTROOM_NB_OUT}/pilots.nc --against baseline --variable money --write)
set_tests_properties(notebooks.pilots_compare PROPERTIES FIXTURES_REQUIRED werkstroom_nb_pilots_run
                                                         FIXTURES_SETUP werkstroom_nb_pilots LABELS notebooks
                                                         TIMEOUT 300)
# A notebook run on its own results: notebooks.VARIANT.NAME, needing FIXTURES, with ENVIRONMENT besides the
# export folder.
function(werkstroom_notebook_test variant name fixtures environment)
  add_test(NAME notebooks.${variant}.${name}
           COMMAND ${WERKSTROOM_JUPYTER} nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3
                   --ExecutePreprocessor.timeout=240 --output-dir ${WERKSTROOM_NB_OUT}/executed_${variant}
                   ${PROJECT_SOURCE_DIR}/notebooks/${name}.ipynb)
  set_tests_properties(
    notebooks.${variant}.${name}
    PROPERTIES FIXTURES_REQUIRED "${fixtures}" LABELS notebooks TIMEOUT 300
               ENVIRONMENT "${environment};WERKSTROOM_EXPORT_DIR=${WERKSTROOM_NB_OUT}/export_${variant}/${name};PYDEVD_DISABLE_FILE_VALIDATION=1")
endfunction()
werkstroom_notebook_test(pilots 04_pilot_impact werkstroom_nb_pilots
                         "WERKSTROOM_RESULTS=${WERKSTROOM_NB_OUT}/pilots.nc;WERKSTROOM_SCENARIO=")

# Notebook 05 (validation) on the baseline's results file and runs of the two calibrated Wsw backcasts (a few
# replications; the regional one is small), with the calibration reports and data tables of the source tree.
add_test(NAME notebooks.backcast_national
         COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/wsw-nationaal-2016-calibrated.toml
                 --replications 4 --out ${WERKSTROOM_NB_OUT}/wsw-nationaal-2016-calibrated.nc --overwrite --quiet)
add_test(NAME notebooks.backcast_werkzaak
         COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/wsw-werkzaak-2015-calibrated.toml
                 --replications 16 --out ${WERKSTROOM_NB_OUT}/wsw-werkzaak-2015-calibrated.nc --overwrite --quiet)
set_tests_properties(notebooks.backcast_national notebooks.backcast_werkzaak
                     PROPERTIES FIXTURES_SETUP werkstroom_nb_backcasts LABELS notebooks TIMEOUT 300)
werkstroom_notebook_test(
  validation 05_validation "werkstroom_nb_results;werkstroom_nb_backcasts"
  "WERKSTROOM_RESULTS=${WERKSTROOM_NB_OUT}/baseline.nc;WERKSTROOM_NATIONAL=${WERKSTROOM_NB_OUT}/wsw-nationaal-2016-calibrated.nc;WERKSTROOM_REGIONAL=${WERKSTROOM_NB_OUT}/wsw-werkzaak-2015-calibrated.nc;WERKSTROOM_REPO=${PROJECT_SOURCE_DIR}")
