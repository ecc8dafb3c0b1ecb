"""A structural CF-1.8 check of a netCDF file with netCDF4-python and UDUNITS-2 (Debian packages no CF
checker): cf_problems(path) lists every departure it finds, [] when none. What it checks:
- coordinate variables (a variable named like its one dimension, CF 1.3 / 5): numeric, strictly monotonic,
  no _FillValue;
- every name in a `coordinates` attribute is a variable whose dimensions are a subset of the variable's (CF 5);
  every string variable is a label variable (one dimension, long_name, CF 6.1), named in the `coordinates` of
  every variable along its dimension;
- every name in `cell_methods` is a dimension of the variable, a scalar coordinate variable or a standard name
  used in the file (CF 7.3); no method CF does not define;
- every `bounds` variable exists with the shape of its coordinate plus one dimension of 2 and the same units;
- every `units` attribute parses with UDUNITS-2 (`udunits2 -H`), and each data variable has units or is a
  label variable.
"""
import re
import subprocess

import numpy as np

# CF 1.8, appendix E.
CELL_METHODS = {"point", "sum", "maximum", "maximum_absolute_value", "median", "mid_range", "minimum",
                "minimum_absolute_value", "mean", "mean_absolute_value", "mean_of_upper_decile", "mode", "range",
                "root_mean_square", "standard_deviation", "sum_of_squares", "variance"}


def cell_method_names(text):
    """[(names, method)] of a cell_methods string; its (comments) and where/over clauses left out."""
    words = re.sub(r"\([^)]*\)", " ", text).split()
    out, names, i = [], [], 0
    while i < len(words):
        if words[i].endswith(":"):
            names.append(words[i][:-1])
            i += 1
            continue
        out.append((names, words[i]))
        names, i = [], i + 1
        while i + 1 < len(words) and words[i] in ("where", "over"):
            i += 2
    if names:
        out.append((names, ""))
    return out


def cf_problems(path):
    import netCDF4
    problems = []
    with netCDF4.Dataset(path) as nc:
        variables = nc.variables
        standard_names = {v.getncattr("standard_name") for v in variables.values() if "standard_name" in v.ncattrs()}
        scalars = {n for n, v in variables.items() if v.ndim == 0}
        labels = {n: v.dimensions[0] for n, v in variables.items() if v.dtype == str and v.ndim == 1}
        units = {}
        for name, v in variables.items():
            attrs = v.ncattrs()
            if v.dimensions == (name,):  # a coordinate variable
                if v.dtype == str or not np.issubdtype(v.dtype, np.number):
                    problems.append(f"{name}: coordinate variable of type {v.dtype}, CF wants numbers")
                else:
                    values = np.asarray(v[:])
                    steps = np.diff(values)
                    if len(values) > 1 and not ((steps > 0).all() or (steps < 0).all()):
                        problems.append(f"{name}: coordinate variable not strictly monotonic")
                if "_FillValue" in attrs or "missing_value" in attrs:
                    problems.append(f"{name}: coordinate variable with a _FillValue")
            elif name in nc.dimensions:
                problems.append(f"{name}: named like a dimension but along {v.dimensions}")
            if v.dtype == str:
                if v.ndim != 1 or "long_name" not in attrs:
                    problems.append(f"{name}: string variable that is not a label variable")
            elif "units" not in attrs and v.dimensions != (name,):  # dimensionless coordinates may go without
                problems.append(f"{name}: no units")
            if "units" in attrs:
                units.setdefault(v.getncattr("units"), []).append(name)
            listed = v.getncattr("coordinates").split() if "coordinates" in attrs else []
            for aux in listed:
                if aux not in variables:
                    problems.append(f"{name}: coordinates names {aux}, not a variable")
                elif not set(variables[aux].dimensions) <= set(v.dimensions):
                    problems.append(f"{name}: coordinate {aux} along {variables[aux].dimensions}")
            if name not in labels and v.dimensions != (name,):
                for label, dim in labels.items():
                    if dim in v.dimensions and label not in listed:
                        problems.append(f"{name}: coordinates do not name the label variable {label}")
            if "cell_methods" in attrs:
                for names, method in cell_method_names(v.getncattr("cell_methods")):
                    for n in names:
                        if n not in v.dimensions and n not in scalars and n not in standard_names and n != "area":
                            problems.append(f"{name}: cell_methods name '{n}', neither a dimension, a scalar "
                                            "coordinate nor a standard name of the file")
                    if method not in CELL_METHODS:
                        problems.append(f"{name}: cell method '{method}' is not CF's")
            if "bounds" in attrs:
                b = variables.get(v.getncattr("bounds"))
                if b is None:
                    problems.append(f"{name}: bounds {v.getncattr('bounds')} missing")
                elif b.shape != (*v.shape, 2) or b.dimensions[:-1] != v.dimensions or \
                        b.getncattr("units") != v.getncattr("units"):
                    problems.append(f"{name}: bounds of shape {b.shape} or other units")
        for unit, names in units.items():
            parsed = subprocess.run(["udunits2", "-H", unit, "-W", ""], capture_output=True, text=True)
            if parsed.returncode != 0:
                problems.append(f"UDUNITS-2 rejects units '{unit}' of {names[:3]}")
    return problems
