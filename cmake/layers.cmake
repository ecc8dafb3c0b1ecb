# The layers of sim/: one folder each, built as one static library each (CMakeLists.txt), and what each may
# include and link. The build enforces the links; tests/layers/check_layers.cmake enforces the includes.
# Read upwards: a layer uses only the layers listed for it (and what those use), never one above it.
#   common    dates, text, errors: nothing of the simulation
#   engine    clock, event queue, random streams, waiting times: no domain words
#   output    the netCDF-4/HDF5 writer and reader: knows nothing of the model
#   model     states, persons, hazards, capacities, money: no I/O
#   scenario  reads scenario files into the model's spec
#   runner    parallel replications, summaries and writing: model + output
#   calibration  fits a scenario's free numbers to observed figures: scenario + runner
set(WERKSTROOM_LAYERS common engine output model scenario runner calibration)
set(WERKSTROOM_LAYER_USES_common "")
set(WERKSTROOM_LAYER_USES_engine common)
set(WERKSTROOM_LAYER_USES_output common)
set(WERKSTROOM_LAYER_USES_model common engine)
set(WERKSTROOM_LAYER_USES_scenario common engine model)
set(WERKSTROOM_LAYER_USES_runner common engine model output)
set(WERKSTROOM_LAYER_USES_calibration common engine model scenario runner)
