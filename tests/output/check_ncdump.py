"""netCDF-C reads the demo file: `ncdump -h` shows the dimensions and typed variables, `ncdump -v` the values."""
import re
import subprocess
import sys

import demo_values as demo

path = sys.argv[1]
header = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True, check=True).stdout
for dim, size in demo.SIZES.items():
    assert re.search(rf"^\s*{dim} = {size} ;$", header, re.M), (dim, header)
assert "double stock(scenario, replication, time, gemeente, state) ;" in header, header
assert "int flow(scenario, replication, year, gemeente, transition) ;" in header, header
assert 'stock:units = "persons" ;' in header, header
assert 'time:units = "days since 2025-01-01" ;' in header, header
assert "stock:_FillValue = NaN ;" in header, header
assert ':Conventions = "CF-1.8" ;' in header, header
for dim in demo.NAMED:  # netCDF-C sees a plain dimension and the label variable, no coordinate variable
    assert f"string {dim}_name({dim}) ;" in header and f" {dim}({dim}) ;" not in header, (dim, header)
assert 'stock:coordinates = "scenario_name gemeente_name state_name" ;' in header, header

data = subprocess.run(["ncdump", "-v", "year,state_name,flow", path], capture_output=True, text=True, check=True).stdout
assert re.search(r"year = 2025, 2026, 2027 ;", data), data
assert re.search(r'state_name = "wsw", "beschut", "tussengroep", "bijstand", "regulier" ;', data), data
flow_text = data.split("flow =", 1)[1].split(";", 1)[0]
numbers = [int(x) for x in re.findall(r"-?\d+", flow_text)]
assert numbers == demo.flow().ravel().tolist(), "flow values differ in ncdump"
print("ncdump: header and values as written")
