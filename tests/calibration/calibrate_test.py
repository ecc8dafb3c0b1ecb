"""End-to-end test of `werkstroom calibrate`: reruns a committed calibration into a work folder and checks that
it reproduces the committed calibrated scenario and fit report (the extend line differs only by folder).

Usage: calibrate_test.py WERKSTROOM_BINARY SOURCE_DIR WORK_DIR CALIBRATION(relative to SOURCE_DIR) SCENARIO REPORT
       [FRAGMENT]   (a calibration that also writes its fitted values alone: compared whole)
"""
import os
import subprocess
import sys

BIN, SOURCE, WORK, CALIBRATION, SCENARIO, REPORT = sys.argv[1:7]
FRAGMENT = sys.argv[7] if len(sys.argv) > 7 else None
os.makedirs(WORK, exist_ok=True)


def fail(message):
    print("FAILED:", message)
    sys.exit(1)


def without_extend(path):
    with open(path) as f:
        return [line for line in f if not line.startswith("extend = ")]


out = os.path.join(WORK, os.path.basename(SCENARIO))
report = os.path.join(WORK, os.path.basename(REPORT))
fragment = os.path.join(WORK, os.path.basename(FRAGMENT)) if FRAGMENT else None
r = subprocess.run([BIN, "calibrate", CALIBRATION, "--output", out, "--report", report, "--threads", "2"] +
                   (["--fragment", fragment] if fragment else []),
                   capture_output=True, text=True, timeout=900, cwd=SOURCE)
if r.returncode != 0:
    fail(f"calibrate exits {r.returncode}: {r.stderr}")
print(r.stdout)
if without_extend(out) != without_extend(os.path.join(SOURCE, SCENARIO)):
    fail(f"{out} differs from the committed {SCENARIO}: rerun the command in docs/calibration.md and commit")
with open(report) as a, open(os.path.join(SOURCE, REPORT)) as b:
    if a.read() != b.read():
        fail(f"{report} differs from the committed {REPORT}")
if fragment:
    with open(fragment) as a, open(os.path.join(SOURCE, FRAGMENT)) as b:
        if a.read() != b.read():
            fail(f"{fragment} differs from the committed {FRAGMENT}: rerun the command in docs/calibration.md")
# Bad input: one line naming the file, exit 2.
bad = os.path.join(WORK, "bad.toml")
with open(bad, "w") as f:
    f.write("[calibration]\nscenario = 'x.toml'\n")
r = subprocess.run([BIN, "calibrate", bad], capture_output=True, text=True)
lines = [l for l in r.stderr.splitlines() if l.strip()]
if r.returncode != 2 or len(lines) != 1 or "bad.toml" not in lines[0]:
    fail(f"bad calibration file: expected exit 2 and one line naming it, got {r.returncode}: {r.stderr}")
print("ok")
