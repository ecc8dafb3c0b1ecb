"""Checks that the baseline carries what the committed calibrations and derivations say (docs/validation.md).

Usage: baseline_check.py WERKSTROOM_BINARY SOURCE_DIR WORK_DIR CHECK
  wsw_rates        the baseline's Wsw exit hazards equal the calibrated scenarios' (levels with their accepted
                   ranges, age shapes), and the national fit meets its criterion (stocks within 1%, mix within 2 points)
  wsw_stock        rerunning the regional backcast at its fitted values reproduces the 2025 Wsw stock of
                   scenarios/data/derive_tables.py (initial_population.csv)
  statushouders    the baseline's statushouder work curve matches the 2020 cohort at 3 years and levels off after 5
"""
import csv
import os
import re
import subprocess
import sys
import tomllib

import numpy as np
import pandas as pd
import xarray as xr

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import werkstroom_files  # noqa: E402

BIN, SOURCE, WORK, CHECK = sys.argv[1:5]
os.makedirs(WORK, exist_ok=True)
SCENARIOS = os.path.join(SOURCE, "scenarios")


def fail(message):
    print("FAILED:", message)
    sys.exit(1)


def toml(name):
    with open(os.path.join(SCENARIOS, name), "rb") as f:
        return tomllib.load(f)


def run(scenario, replications, out):
    r = subprocess.run([BIN, "run", scenario, "--replications", str(replications), "--out", out, "--overwrite",
                        "--quiet", "--threads", "2"], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        fail(f"run {scenario} exits {r.returncode}: {r.stderr}")
    return werkstroom_files.open_results(out, engine="h5netcdf")


def check_wsw_rates():
    base = toml("baseline.toml")["transitions"]
    national = toml("wsw-nationaal-2016.toml")["transitions"]
    fitted = {"wsw->uitval": toml("wsw-nationaal-2016-calibrated.toml")["transitions"]["wsw->uitval"]["rate"],
              "wsw->vertrokken": toml("wsw-werkzaak-2015-calibrated.toml")["transitions"]["wsw->vertrokken"]["rate"]}
    for label, rate in fitted.items():
        if base[label]["rate"] != rate:
            fail(f"baseline {label}.rate {base[label]['rate']} is not the calibrated {rate}")
        if base[label]["by_age"] != national[label]["by_age"]:
            fail(f"baseline {label}.by_age differs from wsw-nationaal-2016.toml's")
    with open(os.path.join(SCENARIOS, "calibration/reports/wsw-nationaal-2016-fit.csv")) as f:
        for row in csv.DictReader(f):
            error = float(row["error"])
            if row["measure"] == "stock" and abs(float(row["relative_error"])) > 0.01:
                fail(f"national stock {row['date']}: relative error {row['relative_error']} above 1%")
            if row["measure"] == "share" and abs(error) > 0.02:
                fail(f"national outflow mix {row['date']}: error {error} above 2 points")
    print("baseline Wsw hazards = calibrated; national fit within 1% / 2 points")


def check_wsw_stock():
    with open(os.path.join(SCENARIOS, "data/derive_tables.py")) as f:
        stock_2025 = float(re.search(r"^WSW_2025 = ([0-9.]+)", f.read(), re.M).group(1))
    fit = {}
    with open(os.path.join(SCENARIOS, "calibration/reports/wsw-werkzaak-2015-fit-parameters.csv")) as f:
        fit.update({r["key"]: r["value"] for r in csv.DictReader(f)})
    with open(os.path.join(SCENARIOS, "calibration/reports/wsw-nationaal-2016-fit-parameters.csv")) as f:
        fit.update({r["key"]: r["value"] for r in csv.DictReader(f) if r["parameter"] == "uitval"})
    at_fit = os.path.join(SCENARIOS, f".wsw-werkzaak-at-fit-{os.getpid()}.toml")
    with open(at_fit, "w") as f:
        f.write('extend = "wsw-werkzaak-2015.toml"\n')
        for key, value in fit.items():
            _, label, _ = key.split(".")
            f.write(f'[transitions."{label}"]\nrate = {value}\n')
    try:
        ds = run(at_fit, 200, os.path.join(WORK, "at_fit.nc"))
    finally:
        os.remove(at_fit)
    stock = ds.stock_region.sel(state="wsw", year_end="2025-01-01").isel(scenario=0).sum(["age_band", "sex"])
    mean, se = float(stock.mean()), float(stock.std()) / np.sqrt(stock.sizes["replication"])
    print(f"regional backcast at the fit, 2025-01-01: {mean:.1f} (se {se:.1f}); derive_tables.py: {stock_2025}")
    if abs(mean - stock_2025) > 3 * se + 0.5:
        fail(f"the 2025 Wsw stock of derive_tables.py ({stock_2025}) is not the backcast's {mean:.1f}: update it")


def check_statushouders():
    ds = run(os.path.join(SCENARIOS, "baseline.toml"), 16, os.path.join(WORK, "baseline.nc")).isel(scenario=0)
    present = ds.cohort_present.sum("replication")
    working = ds.cohort_working.sum("replication")
    months = [int(m) for m in ds.months_since_permit.values]
    # Cohorts whose every member is observed at 96 months (housed by the end of the arrival half-year, the permit
    # before that), so every share below is of the same persons.
    end = pd.Timestamp(ds.time.values[-1])
    arrived_by = [pd.Timestamp(f"{c[:4]}-07-01") if c.endswith("H1") else pd.Timestamp(f"{int(c[:4]) + 1}-01-01")
                  for c in map(str, ds.cohort.values)]
    full = xr.DataArray([a + pd.DateOffset(months=96) <= end for a in arrived_by], dims="cohort",
                        coords={"cohort": ds.cohort})
    share = {m: float(working.sel(months_since_permit=m).where(full).sum() /
                      present.sel(months_since_permit=m).where(full).sum()) for m in months if m <= 96}
    print("share working of those present, by months since permit:",
          ", ".join(f"{m}: {share[m]:.3f}" for m in (12, 24, 36, 48, 60, 72, 84, 96)))
    if abs(share[36] - 0.31) > 0.04:
        fail(f"share working at 3 years {share[36]:.3f}: expected the 2020 cohort's 0.31 +- 0.04")
    early = (share[60] - share[24]) / 3
    late = (share[96] - share[60]) / 3
    if late > 0.04 or late > early / 4:
        fail(f"the curve does not level off after 5 years: +{late:.3f} a year at 5-8 years against +{early:.3f} "
             "at 2-5 years (expected at most 0.04 and a quarter)")
    print(f"levels off: +{early:.3f} a year at 2-5 years, +{late:.3f} at 5-8 years")
    # Everyone is housed by 12 months after the permit: from then on the present and those who left the region
    # alive only lose the deaths and AOW exits (few at these ages), and CBS's share is read on their sum.
    left = ds.cohort_left.sum("replication")
    left_working = ds.cohort_left_working.sum("replication")
    if bool((left_working > left).any()):
        fail("more leavers from work than leavers")
    followed = {m: float((present + left).sel(months_since_permit=m).where(full).sum()) for m in share}
    if any(followed[b] > followed[a] for a, b in zip(sorted(followed)[2:], sorted(followed)[3:])):
        fail(f"present + left grows after 12 months: {followed}")
    if followed[96] < 0.9 * followed[12]:
        fail(f"present + left falls from {followed[12]:.0f} to {followed[96]:.0f} by 96 months: leavers not counted")
    cbs = {m: float((working + left_working).sel(months_since_permit=m).where(full).sum()) / followed[m]
           for m in (36, 60, 96)}
    print("share working on CBS's denominator (leavers as they left):", cbs)


{"wsw_rates": check_wsw_rates, "wsw_stock": check_wsw_stock, "statushouders": check_statushouders}[CHECK]()
print("ok")
