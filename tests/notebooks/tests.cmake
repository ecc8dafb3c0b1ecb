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

# The same notebooks at 200 replications (the size of a real report; notebook 02 once failed only on larger
# files): a baseline file for every notebook, and a pilots file for notebook 04 below.
add_test(NAME notebooks.results_file_200
         COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml --replications 200
                 --out ${WERKSTROOM_NB_OUT}/r200.nc --overwrite --quiet)
set_tests_properties(notebooks.results_file_200 PROPERTIES FIXTURES_SETUP werkstroom_nb_results_200
                                                           LABELS notebooks TIMEOUT 600)

# nbconvert exits non-zero when any cell raises. The kernel starts in the notebook's folder (so the default
# RESULTS path stays valid for users); the notebooks write only to WERKSTROOM_EXPORT_DIR.
foreach(notebook IN LISTS WERKSTROOM_LOOP_NOTEBOOKS)
  get_filename_component(name ${notebook} NAME_WE)
  foreach(variant baseline variants r200)
    if(variant STREQUAL "baseline")
      set(fixture werkstroom_nb_results)
      set(scenario "")
    elseif(variant STREQUAL "r200")
      set(fixture werkstroom_nb_results_200)
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

# Notebook 04 (pilot impact) on a real run of the baseline and pilots, with the differences and predictive
# statistics `werkstroom compare` adds to the file (the notebook checks it agrees): every file in scenarios/pilots
# at 4 replications (enough for intervals), and the three single pilots at 200 (the size of a real report).
file(GLOB WERKSTROOM_PILOT_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/pilots/*.toml)
set(WERKSTROOM_SINGLE_PILOTS ${WERKSTROOM_PILOT_SCENARIOS})
list(FILTER WERKSTROOM_SINGLE_PILOTS EXCLUDE REGEX "alle-pilots")
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
# The pilots file TAG.nc (baseline + the scenarios after TIMEOUT) at REPLICATIONS, compare's statistics written
# into it, and notebook 04 on it: notebooks.pilots_fileSUFFIX, notebooks.pilots_compareSUFFIX, notebooks.TAG.04_...
function(werkstroom_pilot_notebook tag suffix replications timeout)
  set(file ${WERKSTROOM_NB_OUT}/${tag}.nc)
  add_test(NAME notebooks.pilots_file${suffix}
           COMMAND ${WERKSTROOM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/baseline.toml ${ARGN}
                   --replications ${replications} --out ${file} --overwrite --quiet)
  set_tests_properties(notebooks.pilots_file${suffix} PROPERTIES FIXTURES_SETUP werkstroom_nb_${tag}_run
                                                                 LABELS notebooks TIMEOUT ${timeout})
  add_test(NAME notebooks.pilots_compare${suffix}
           COMMAND ${WERKSTROOM_BIN} compare ${file} --against baseline --variable money --write)
  set_tests_properties(notebooks.pilots_compare${suffix} PROPERTIES FIXTURES_REQUIRED werkstroom_nb_${tag}_run
                                                                    FIXTURES_SETUP werkstroom_nb_${tag} LABELS notebooks
                                                                    TIMEOUT 300)
  werkstroom_notebook_test(${tag} 04_pilot_impact werkstroom_nb_${tag} "WERKSTROOM_RESULTS=${file};WERKSTROOM_SCENARIO=")
endfunction()
werkstroom_pilot_notebook(pilots "" 4 300 ${WERKSTROOM_PILOT_SCENARIOS})
werkstroom_pilot_notebook(pilots200 _200 200 900 ${WERKSTROOM_SINGLE_PILOTS})

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
set(WERKSTROOM_NB_BACKCASTS
    "WERKSTROOM_NATIONAL=${WERKSTROOM_NB_OUT}/wsw-nationaal-2016-calibrated.nc;WERKSTROOM_REGIONAL=${WERKSTROOM_NB_OUT}/wsw-werkzaak-2015-calibrated.nc;WERKSTROOM_REPO=${PROJECT_SOURCE_DIR}")
werkstroom_notebook_test(
  validation 05_validation "werkstroom_nb_results;werkstroom_nb_backcasts"
  "WERKSTROOM_RESULTS=${WERKSTROOM_NB_OUT}/baseline.nc;${WERKSTROOM_NB_BACKCASTS}")
werkstroom_notebook_test(
  validation200 05_validation "werkstroom_nb_results_200;werkstroom_nb_backcasts"
  "WERKSTROOM_RESULTS=${WERKSTROOM_NB_OUT}/r200.nc;${WERKSTROOM_NB_BACKCASTS}")

# tools/report-notebooks: every notebook as HTML without code cells, on the 8-replication baseline file (notebook
# 05 also reads the backcasts, passed through the environment); a missing results file is bad usage (exit 2) and
# leaves no folder.
add_test(NAME notebooks.report_notebooks
         COMMAND ${DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/report_notebooks_test.py ${PROJECT_SOURCE_DIR}
                 ${WERKSTROOM_NB_OUT}/baseline.nc ${WERKSTROOM_NB_OUT}/report_notebooks)
set_tests_properties(notebooks.report_notebooks PROPERTIES FIXTURES_REQUIRED "werkstroom_nb_results;werkstroom_nb_backcasts"
                                                           LABELS notebooks TIMEOUT 900
                                                           ENVIRONMENT "${WERKSTROOM_NB_BACKCASTS}")
