"""`werkstroom info`: on the demo file it exits 0, names the states and prints the headline numbers computed here
independently from the values the writer wrote; on anything that is not a results file it exits 2 with one line on
stderr. Usage: check_info.py WERKSTROOM_BIN DEMO_FILE SCRATCH_FOLDER"""
import datetime
import os
import re
import shutil
import subprocess
import sys

import h5py
import numpy as np

import demo_values as demo

binary, demo_file, scratch = sys.argv[1:4]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)


def info(path, env=None):
    return subprocess.run([binary, "info", path], capture_output=True, text=True, timeout=60, env=env)


run = info(demo_file)
assert run.returncode == 0, (run.returncode, run.stderr)
out = run.stdout
assert re.search(r"^\s+states\s+5: wsw, beschut, tussengroep, bijstand, regulier$", out, re.M), out
assert re.search(r"^\s+scenarios\s+2: baseline, variant-ë$", out, re.M), out
assert re.search(r"^\s+replications\s+3$", out, re.M), out
assert re.search(r"^\s+horizon\s+2025-01-01 \.\. 2028-01-01 \(13 output times\)$", out, re.M), out
assert re.search(r"^\s+seed\s+42$", out, re.M), out
assert re.search(r"^\s+stock\s+\(scenario, replication, time, gemeente, state\)\s+\[persons\]", out, re.M), out

# Headline: stock at the last output time of each calendar year, summed over gemeenten, over replications. A
# stock at the start of a day closes the day before (1 January is the end of the previous year, as `run` prints
# it); the start closes no year.
stock = demo.stock().sum(axis=3)  # [scenario, replication, time, state]; NaN stays NaN for the unwritten one
last = {}
for index, date in enumerate(demo.TIMES):
    if index == 0:
        continue
    closes = date - datetime.timedelta(days=1)
    last[closes.year] = (index, closes)  # TIMES is increasing: the last one of the year wins
rows = {}
current = None
for line in out.splitlines():
    if line.startswith("scenario "):
        current = line.split(" ", 1)[1]
    match = re.match(r"^  (\S+)\s+(\d{4})\s+(\d{4}-\d\d-\d\d)\s+(\S+)\s+(\S+)\s+(\S+)(.*)$", line)
    if current and match and match.group(1) != "state":
        rows[(current, match.group(1), int(match.group(2)))] = match.groups()[2:]
assert len(rows) == 2 * 5 * len(last), sorted(rows)
for s, scenario in enumerate(demo.SCENARIOS):
    for st, state in enumerate(demo.STATES):
        for year, (t, date) in last.items():
            values = stock[s, :, t, st]
            values = values[~np.isnan(values)]
            date_text, mean, q05, q95, note = rows[(scenario, state, year)]
            assert date_text == date.strftime("%Y-%m-%d"), (scenario, state, year, date_text)
            expected = [values.mean(), np.quantile(values, 0.05), np.quantile(values, 0.95)]
            printed = [float(mean), float(q05), float(q95)]
            # printed with one decimal: equal to within half of the last digit
            assert np.allclose(printed, expected, rtol=0, atol=0.05 + 1e-9), (scenario, state, year, printed, expected)
            assert ("(2 of 3 replications)" in note) == (len(values) == 2), (scenario, state, year, note)


def expect_refusal(path, why):
    run = info(path)
    lines = run.stderr.splitlines()
    assert run.returncode == 2, (path, run.returncode, run.stderr)
    assert len(lines) == 1 and lines[0].startswith("werkstroom: error: "), (path, run.stderr)
    assert why in lines[0], (path, lines[0])


garbage = os.path.join(scratch, "garbage.nc")
with open(garbage, "w") as f:
    f.write("not a results file\n")
expect_refusal(garbage, "not a werkstroom results file")

truncated = os.path.join(scratch, "truncated.nc")
with open(demo_file, "rb") as src, open(truncated, "wb") as dst:
    data = src.read()
    dst.write(data[: len(data) // 2])
expect_refusal(truncated, "not a werkstroom results file")

foreign = os.path.join(scratch, "foreign.h5")
with h5py.File(foreign, "w") as f:
    f["x"] = np.arange(3)
expect_refusal(foreign, "no werkstroom_format attribute")

expect_refusal(os.path.join(scratch, "missing.nc"), "no such file")

# Damaged inside (300 bytes of garbage at 16 places through the file): either the damage misses what `info` reads
# (exit 0) or it is reported in one line with exit 2; never a crash, an internal error or HDF5 noise on stderr.
damaged = os.path.join(scratch, "damaged.nc")
# HDF5 1.10 itself leaks a few bytes on some damaged files; under ASan (WERKSTROOM_SANITIZE) the leak check would
# turn exit 2 into 1, so it is off for these runs only.
no_leak_check = dict(os.environ)
no_leak_check["ASAN_OPTIONS"] = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "detect_leaks=0"]))
garbage_bytes = bytes((i * 37 + 11) % 256 for i in range(300))
for k in range(16):
    offset = len(data) * k // 16
    with open(damaged, "wb") as f:
        f.write(data[:offset] + garbage_bytes + data[offset + len(garbage_bytes):])
    run = info(damaged, env=no_leak_check)
    lines = run.stderr.splitlines()
    assert run.returncode in (0, 2), (offset, run.returncode, run.stderr)
    assert len(lines) == (0 if run.returncode == 0 else 1), (offset, run.stderr)
# The same garbage every 128 bytes through HDF5's global heap (strings, dimension lists): HDF5 1.10 reads a damaged
# heap out of bounds (ncdump crashes on one of these), so the reader has a child process read the structure first.
start = data.find(b"GCOL")
while start >= 0:
    size = int.from_bytes(data[start + 8:start + 16], "little")
    for offset in range(start + 16, min(start + size, len(data)), 128):
        with open(damaged, "wb") as f:
            f.write(data[:offset] + garbage_bytes + data[offset + len(garbage_bytes):])
        run = subprocess.run([binary, "info", damaged], capture_output=True, env=no_leak_check)
        assert run.returncode in (0, 2), (offset, run.returncode, run.stderr)
        assert len(run.stderr.splitlines()) == (0 if run.returncode == 0 else 1), (offset, run.stderr)
    start = data.find(b"GCOL", start + 4)
print("info: summary and headline numbers right; garbage refused with one line and exit 2")
