"""Integration tests of the werkstroom command line: exit codes, messages, files left behind.

Usage: cli_test.py WERKSTROOM_BINARY SOURCE_DIR WORK_DIR TEST_NAME
"""
import os
import signal
import subprocess
import sys
import time

BIN, SOURCE, WORK, NAME = sys.argv[1:5]
BASELINE = os.path.join(SOURCE, "scenarios", "baseline.toml")
os.makedirs(WORK, exist_ok=True)


def run(*args, **kwargs):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600, **kwargs)


def check(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def one_line_error(result, *needles):
    check(result.returncode == 2, f"expected exit 2, got {result.returncode}: {result.stderr}")
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    check(len(lines) == 1, f"expected one line on stderr, got {lines}")
    for n in needles:
        check(n in lines[0], f"expected '{n}' in: {lines[0]}")


def test_help():
    r = run("--help")
    check(r.returncode == 0, "help exits 0")
    for sub in ["run", "validate", "graph", "info", "compare", "bench"]:
        check(sub in r.stdout, f"--help lists {sub}")
    v = run("--version")
    check(v.returncode == 0 and "werkstroom" in v.stdout, "--version prints the version")
    one_line_error(run("frobnicate"))
    one_line_error(run("run"))


def test_run_baseline():
    out = os.path.join(WORK, "baseline.nc")
    if os.path.exists(out):
        os.remove(out)
    r = run("run", BASELINE, "--replications", "3", "--out", out)
    check(r.returncode == 0, f"baseline runs: {r.stderr}")
    check(os.path.exists(out), "results file written")
    for needle in ["wsw", "bijstand", "persons at year end", "per gemeente", "Tiel", "results: "]:
        check(needle in r.stdout, f"summary mentions {needle}")
    info = run("info", out)
    check(info.returncode == 0, f"info reads the file: {info.stderr}")
    check("baseline" in info.stdout, "info names the scenario")


def test_existing_output_is_kept():
    out = os.path.join(WORK, "keep.nc")
    with open(out, "w") as f:
        f.write("precious")
    one_line_error(run("run", BASELINE, "--replications", "2", "--out", out), "keep.nc", "--overwrite")
    with open(out) as f:
        check(f.read() == "precious", "the existing file is untouched")


def test_bad_usage():
    one_line_error(run("run", os.path.join(WORK, "missing.toml")), "missing.toml")
    one_line_error(run("run", BASELINE, "--replications", "0"), "--replications")
    one_line_error(run("run", BASELINE, "--threads", "zero"), "--threads")
    one_line_error(run("run", BASELINE, "--out", os.path.join(WORK, "no", "such", "dir", "x.nc")), "x.nc")
    check(not os.path.exists(os.path.join(WORK, "no")), "no folder made for a bad --out")


def test_compare():
    out = os.path.join(WORK, "pair.nc")
    variant = os.path.join(SOURCE, "scenarios", "variants", "statushouders-high.toml")
    r = run("run", BASELINE, variant, "--replications", "4", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"two scenarios run: {r.stderr}")
    c = run("compare", out, "--against", "baseline", "--gemeente", "Tiel")
    check(c.returncode == 0, f"compare works: {c.stderr}")
    check("95%" in c.stdout and "bijstand" in c.stdout, "compare prints the differences")
    one_line_error(run("compare", out, "--against", "nope"), "nope")


def test_graph():
    g = run("graph", BASELINE)
    check(g.returncode == 0, f"graph works: {g.stderr}")
    check(g.stdout.lstrip().startswith("digraph") and "bijstand" in g.stdout, "graph writes DOT with the states")
    out = os.path.join(WORK, "graph.nc")
    r = run("run", BASELINE, "--replications", "2", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"baseline runs: {r.stderr}")
    labelled = run("graph", BASELINE, "--results", out)
    check(labelled.returncode == 0, f"graph --results works: {labelled.stderr}")
    check("penwidth" in labelled.stdout, "edges carry flow widths")
    one_line_error(run("graph", BASELINE, "--results", BASELINE), "baseline.toml")


def test_interrupt():
    """SIGTERM stops a run promptly and leaves no results file and no temporary file."""
    out = os.path.join(WORK, "interrupted.nc")
    for leftover in os.listdir(WORK):
        if leftover.startswith("interrupted.nc"):
            os.remove(os.path.join(WORK, leftover))
    p = subprocess.Popen([BIN, "run", BASELINE, "--replications", "100000", "--out", out],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not any(f.startswith("interrupted.nc.tmp") for f in os.listdir(WORK)) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    p.send_signal(signal.SIGTERM)
    started = time.time()
    _, err = p.communicate(timeout=60)
    check(time.time() - started < 10, "stops within 10 seconds")
    check(p.returncode == 130, f"exit code 130 after a signal, got {p.returncode}: {err}")
    check("interrupted" in err, "says it was interrupted")
    check(not any(f.startswith("interrupted.nc") for f in os.listdir(WORK)), "no file left behind")


globals()["test_" + NAME]()
print("ok:", NAME)
