"""Integration tests of the werkstroom command line: exit codes, messages, files left behind.

Usage: cli_test.py WERKSTROOM_BINARY SOURCE_DIR WORK_DIR TEST_NAME
"""
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cli_checks import check, one_line_error, open_results  # noqa: E402

BIN, SOURCE, WORK, NAME = sys.argv[1:5]
BASELINE = os.path.join(SOURCE, "scenarios", "baseline.toml")
os.makedirs(WORK, exist_ok=True)


def run(*args, **kwargs):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600, **kwargs)


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
    before = open(out, "rb").read()
    c = run("compare", out, "--against", "baseline", "--gemeente", "Tiel")
    check(c.returncode == 0, f"compare works: {c.stderr}")
    check("95%" in c.stdout and "bijstand" in c.stdout, "compare prints the differences")
    check(open(out, "rb").read() == before, "compare without --write leaves its input alone")
    copy = os.path.join(WORK, "pair-diff.nc")
    if os.path.exists(copy):
        os.remove(copy)
    c = run("compare", out, "--against", "baseline", "--out", copy)
    check(c.returncode == 0 and os.path.exists(copy), f"compare --out writes a copy: {c.stderr}")
    check(open(out, "rb").read() == before, "compare --out leaves its input alone")
    one_line_error(run("compare", out, "--against", "baseline", "--out", copy), "--out")
    c = run("compare", out, "--against", "baseline", "--write")
    check(c.returncode == 0 and open(out, "rb").read() != before, "compare --write adds to the file")
    one_line_error(run("compare", out, "--against", "nope"), "nope")
    one_line_error(run("compare", out, "--against", "baseline", "--variable", "stocks", "--no-write"),
                   "--variable: no variable named 'stocks'", "stock_year_end")


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
    """SIGTERM stops a run promptly and leaves no results file and no temporary file; the replications it had
    finished stay in complete part files in <out>.parts/ for `run --resume`."""
    out = os.path.join(WORK, "interrupted.nc")
    parts = out + ".parts"
    shutil.rmtree(parts, ignore_errors=True)
    for leftover in os.listdir(WORK):
        if leftover.startswith("interrupted.nc"):
            os.remove(os.path.join(WORK, leftover))

    def writing():
        names = os.listdir(WORK) + (os.listdir(parts) if os.path.isdir(parts) else [])
        return any(".nc.tmp" in f for f in names)

    p = subprocess.Popen([BIN, "run", BASELINE, "--replications", "100000", "--out", out],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not writing() and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    p.send_signal(signal.SIGTERM)
    started = time.time()
    _, err = p.communicate(timeout=60)
    check(time.time() - started < 10, "stops within 10 seconds")
    check(p.returncode == 128 + signal.SIGTERM, f"exit code 143 after SIGTERM, got {p.returncode}: {err}")
    check("interrupted" in err, "says it was interrupted")
    check("--resume" in err, "says how to continue")
    check([f for f in os.listdir(WORK) if f.startswith("interrupted.nc")] == ["interrupted.nc.parts"],
          "no file left behind but the folder of finished parts")
    check(all(f.startswith("part-") and f.endswith(".nc") for f in os.listdir(parts)),
          f"only complete parts in {parts}: {os.listdir(parts)}")
    shutil.rmtree(parts)


def write_scenario(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(f'extend = "{BASELINE}"\n' + text)
    return path


def no_files_like(prefix):
    return not any(f.startswith(prefix) for f in os.listdir(WORK))


def stop_with(sig, scenario, out, replications):
    """Starts a run, sends `sig` once its temp file exists; returns (exit code, stderr, seconds to stop)."""
    p = subprocess.Popen([BIN, "run", scenario, "--replications", str(replications), "--threads", "1",
                          "--out", out, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    name = os.path.basename(out)
    deadline = time.time() + 60
    while no_files_like(name + ".tmp") and time.time() < deadline and p.poll() is None:
        time.sleep(0.01)
    # Soon after: the one replication of 1.6 million arrivals takes about 0.6 s here, so a longer wait (0.5 s
    # was) let it finish before the signal came on a quiet machine.
    time.sleep(0.1)
    p.send_signal(sig)
    started = time.time()
    _, err = p.communicate(timeout=120)
    return p.returncode, err, time.time() - started


def test_interrupt_inside_replication():
    """One long replication (1.6 million arrivals) stops within seconds of SIGINT; SIGHUP like SIGTERM."""
    big = write_scenario("big.toml", '[arrivals.bijstand_inflow]\nrate_unit = "per_year"\n'
                                     'rates = { 2025-01-01 = 20000 }\n')
    for sig in (signal.SIGINT, signal.SIGHUP):
        out = os.path.join(WORK, f"big-{int(sig)}.nc")
        code, err, seconds = stop_with(sig, big, out, 1)
        check(code == 128 + sig, f"exit code {128 + sig} after signal {int(sig)}, got {code}: {err}")
        check(seconds < 5, f"stops within 5 seconds inside a replication, took {seconds:.1f}")
        check("interrupted" in err, "says it was interrupted")
        check(no_files_like(os.path.basename(out)), "no file left behind")


def test_memory_estimate():
    """A scenario that validates but cannot fit in memory is refused before the run, with the estimate."""
    huge = write_scenario("huge.toml", '[arrivals.bijstand_inflow]\nrate_unit = "per_year"\n'
                                       'rates = { 2025-01-01 = 10000000 }\n')
    check(run("validate", huge).returncode == 0, "the scenario validates")
    out = os.path.join(WORK, "huge.nc")
    one_line_error(run("run", huge, "--replications", "1", "--out", out), "huge.toml", "persons in one replication",
                   "GB of memory", "available")
    check(no_files_like("huge.nc"), "no file written")
    many = write_scenario("many.toml", '[arrivals.bijstand_inflow]\nrate_unit = "per_year"\n'
                                       'rates = { 2025-01-01 = 10000000 }\nrate_multiplier = 100\n')
    one_line_error(run("run", many, "--replications", "1", "--out", out), "more than the model can hold")


def test_output_paths():
    """Scenario names never escape results/; --out is a new path or a regular file, even with --overwrite."""
    escape = write_scenario("escape.toml", '[scenario]\nname = "../../escape"\n')
    shutil.rmtree(os.path.join(WORK, "results"), ignore_errors=True)
    r = subprocess.run([BIN, "run", escape, "--replications", "1", "--quiet"], capture_output=True, text=True,
                       cwd=WORK, timeout=600)
    check(r.returncode == 0, f"runs: {r.stderr}")
    check(os.listdir(os.path.join(WORK, "results")) == ["_.._.._escape.nc"], "written inside results/")
    fifo, link = os.path.join(WORK, "fifo.nc"), os.path.join(WORK, "link.nc")
    for path in (fifo, link):
        if os.path.lexists(path):
            os.remove(path)
    os.mkfifo(fifo)
    os.symlink(BASELINE, link)
    one_line_error(run("run", BASELINE, "--out", fifo, "--overwrite"), "fifo.nc", "a regular file")
    one_line_error(run("run", BASELINE, "--out", link, "--overwrite"), "link.nc", "symbolic link")
    one_line_error(run("run", BASELINE, "--out", "/dev/null", "--overwrite"), "/dev/null", "device")
    check(os.path.islink(link) and stat.S_ISFIFO(os.lstat(fifo).st_mode), "both left as they were")
    one_line_error(run("run", BASELINE, "--out", os.path.join(WORK, "x" * 300 + ".nc")), "File name too long")


def test_stdout_errors():
    with open("/dev/full", "w") as full:
        r = subprocess.run([BIN, "validate", BASELINE], stdout=full, stderr=subprocess.PIPE, text=True)
    one_line_error(r, "cannot write to standard output")


def test_argument_errors():
    one_line_error(run("run", BASELINE, "--replicatoins", "5"), "unknown option '--replicatoins'",
                   "did you mean '--replications'?")
    one_line_error(run("rnu", BASELINE), "unknown command 'rnu'", "did you mean 'run'?")
    for seed in ("-1", str(2**64)):
        one_line_error(run("run", BASELINE, "--seed", seed, "--out", os.path.join(WORK, "seed.nc")),
                       f"--seed {seed}: expected a whole number in [0, 18446744073709551615]")


def test_reproducible():
    """The same command twice gives the same bytes, apart from the time in the history attribute."""
    out = os.path.join(WORK, "same.nc")
    files = []
    for attempt in range(2):
        r = run("run", BASELINE, "--replications", "2", "--out", out, "--overwrite", "--quiet")
        check(r.returncode == 0, f"runs: {r.stderr}")
        with open(out, "rb") as f:
            files.append(f.read())
        time.sleep(1.1)  # another second in the history attribute
    a, b = files
    check(len(a) == len(b), "same size")
    differing = [i for i in range(len(a)) if a[i] != b[i]]
    stamp = re.search(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ", a)
    check(stamp is not None, "the history attribute starts with a time")
    check(all(stamp.start() <= i < stamp.start() + 20 for i in differing),
          f"only the history time differs, got {len(differing)} bytes at {differing[:10]}")


def test_schema():
    """`werkstroom schema` is the one declaration of the file: a real file holds exactly what it says."""
    import json
    import h5py
    import numpy as np
    r = run("schema")
    check(r.returncode == 0, f"schema exits 0: {r.stderr}")
    schema = json.loads(r.stdout)
    out = os.path.join(WORK, "schema.nc")
    pilot = os.path.join(SOURCE, "scenarios", "pilots", "p-wetters-in-dienst.toml")
    r = run("run", BASELINE, pilot, "--replications", "3", "--out", out, "--overwrite", "--quiet",
            "--microdata", "2")
    check(r.returncode == 0, f"run: {r.stderr}")

    def text(value):
        return value.decode() if isinstance(value, bytes) else str(value)

    with h5py.File(out, "r") as f:
        for dim in schema["dimensions"]:
            check(dim["name"] in f, f"dimension {dim['name']} missing")
            # A name dimension has no coordinate variable: its label variable holds the names and long_name.
            described = f[dim["label"]] if dim["label"] else f[dim["name"]]
            if dim["label"]:
                check(described.dtype.kind == "O" and described.dims[0][0].name == "/" + dim["name"],
                      f"label variable {dim['label']} along {dim['name']}")
                check(text(f[dim["name"]].attrs["NAME"]).startswith("This is a netCDF dimension but not"),
                      f"{dim['name']}: a dimension without a coordinate variable")
            if dim["long_name"]:
                check(text(described.attrs["long_name"]) == dim["long_name"], f"long_name of {dim['name']}")
        declared = set()
        # Variables (their summaries too) and auxiliary variables (year_start, year_bounds, microdata_*: the run
        # above has --microdata) are in the file as declared; "days since the start date" is the run's start.
        for v in schema["variables"] + schema["auxiliaries"]:
            declared.add(v["name"])
            check(v["name"] in f, f"variable {v['name']} missing")
            ds = f[v["name"]]
            dims = [ds.dims[i][0].name.lstrip("/") for i in range(ds.ndim)]
            check(dims == v["dims"], f"{v['name']}: dims {dims}, schema {v['dims']}")
            units = v["units"].replace("the start date", "2025-01-01")
            check(text(ds.attrs["units"]) == units, f"{v['name']}: units")
            check(text(ds.attrs["long_name"]) == v["long_name"], f"{v['name']}: long_name")
            check((ds.dtype == np.int32) == v["integer"], f"{v['name']}: dtype {ds.dtype}")
            for summary in v.get("summaries", []):
                declared.add(summary)
                check(summary in f, f"summary {summary} missing")
        for label in schema["labels"]:
            declared.add(label["name"])
            if label["name"] in f:
                check(text(f[label["name"]].attrs["long_name"]) == label["long_name"], f"label {label['name']}")
        dims = {d["name"] for d in schema["dimensions"]} | {d["label"] for d in schema["dimensions"] if d["label"]}
        extra = [name for name in f if name not in declared and name not in dims]
        check(not extra, f"variables the schema does not declare: {extra}")

def test_summaries_only():
    """info and graph --results read the summaries (stock_mean, stock_quantile, flow_mean), never the
    replications: with every replication's stock and flow overwritten they print the same."""
    import h5py
    out = os.path.join(WORK, "summaries.nc")
    r = run("run", BASELINE, "--replications", "3", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"baseline runs: {r.stderr}")
    before = [run("info", out), run("graph", BASELINE, "--results", out)]
    for result in before:
        check(result.returncode == 0, f"works: {result.stderr}")
    check("5% and 95% quantiles over 3 replications" in before[0].stdout,
          "info's band comes from the whole-area variable's own quantiles")
    with h5py.File(out, "r+") as f:
        for name in ("stock", "headcount", "headcount_region", "flow"):
            f[name][...] = 123456
    after = [run("info", out), run("graph", BASELINE, "--results", out)]
    check(after[0].stdout.replace(out, "") == before[0].stdout.replace(out, ""), "info unchanged")
    check(after[1].stdout == before[1].stdout, "graph --results unchanged")


def test_results_structure():
    """graph --results refuses another scenario's file; info refuses an HDF5 file without the results."""
    import h5py
    other = write_scenario("ander.toml", '[scenario]\nname = "ander"\n')
    out = os.path.join(WORK, "ander.nc")
    r = run("run", other, "--replications", "2", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"runs: {r.stderr}")
    one_line_error(run("graph", BASELINE, "--results", out), "ander.nc: holds scenario ander, not scenario "
                   "'baseline' of the graph")
    check(run("graph", BASELINE, "--results", out, "--scenario", "ander").returncode == 0,
          "--scenario draws it on purpose")
    bare = os.path.join(WORK, "bare.nc")
    with h5py.File(bare, "w") as f:
        f.attrs["werkstroom_format"] = "1"
    one_line_error(run("info", bare), "bare.nc: not a werkstroom results file (no scenario and no replication "
                   "dimension: the results structure is missing)")
    one_line_error(run("graph", BASELINE, "--results", bare), "bare.nc: not a werkstroom results file")


def small_disk():
    """A 1 MB tmpfs under WORK, or None (with the reason printed) where mounting is not allowed."""
    mount = os.path.join(WORK, "small-disk")
    subprocess.run(["umount", mount], capture_output=True)
    os.makedirs(mount, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount], capture_output=True, text=True)
    if r.returncode != 0:
        print("SKIPPED: cannot mount a small tmpfs here (needs root and mount rights):", r.stderr.strip())
        return None
    return mount


def test_disk_full():
    """run and graph --out on a full disk: exit 2, one line naming the path and the space; no file left."""
    mount = small_disk()
    if mount is None:
        return
    try:
        out = os.path.join(mount, "full.nc")
        one_line_error(run("run", BASELINE, "--replications", "200", "--out", out, "--quiet"), out,
                       "the disk is full", "needs more than the", "MB that were free in " + mount)
        check(os.listdir(mount) == [], f"nothing left on the disk: {os.listdir(mount)}")
        dot = os.path.join(mount, "graph.dot")
        with open(dot, "w") as f:
            f.write("the old graph\n")
        filler = os.open(os.path.join(mount, "filler"), os.O_WRONLY | os.O_CREAT)  # fill to the last block
        try:
            while True:
                os.write(filler, b"x" * 512)
        except OSError:
            pass
        finally:
            os.close(filler)
        one_line_error(run("graph", BASELINE, "--out", dot), dot, "the disk is full")
        with open(dot) as f:
            check(f.read() == "the old graph\n", "the old file is kept whole")
        check(sorted(os.listdir(mount)) == ["filler", "graph.dot"], f"no temp file: {os.listdir(mount)}")
        os.remove(dot)
        one_line_error(run("graph", BASELINE, "--out", dot), dot, "the disk is full")
        check(not os.path.exists(dot), "no 0-byte file")
    finally:
        subprocess.run(["umount", mount], capture_output=True)


def test_region_band():
    """The printed whole-area band is the 5%-95% band of the per-replication regional sums, not a sum of the
    gemeenten's bands; the file's *_region variables hold those sums and their summaries."""
    import numpy as np
    import xarray as xr
    out = os.path.join(WORK, "band.nc")
    r = run("run", BASELINE, "--replications", "12", "--out", out, "--overwrite")
    check(r.returncode == 0, f"run: {r.stderr}")
    lines = r.stdout.splitlines()
    header = next(i for i, l in enumerate(lines) if "persons at year end, whole area" in l)
    years = [int(y) for y in lines[header + 1].split()[1:]]
    with open_results(out) as ds:
        summed = ds.headcount.sel(scenario="baseline").sum("gemeente")
        np.testing.assert_array_equal(summed.values, ds.headcount_region.sel(scenario="baseline").values)
        # The stock by age adds up to the headcount on every 1 January.
        by_age = ds.stock_region.sel(scenario="baseline").sum(["age_band", "sex"])
        jan = summed.sel(time=by_age.year_end.values)
        np.testing.assert_array_equal(by_age.values, jan.values)
        for state in ["wsw", "beschut", "bijstand"]:
            row = next(i for i in range(header + 2, len(lines)) if lines[i].split()[:1] == [state])
            means, bands = lines[row].split()[1:], lines[row + 1].split()
            for year, mean, band in zip(years, means, bands):
                values = summed.sel(state=state, time=f"{year + 1}-01-01").values
                low, high = np.quantile(values, [0.05, 0.95])
                check(band == f"{low:.0f}-{high:.0f}", f"{state} {year}: printed {band}, numpy {low:.0f}-{high:.0f}")
                # Rounded to whole persons; a mean on a tie (400.5) may print either way.
                check(abs(float(mean) - values.mean()) <= 0.5, f"{state} {year}: printed mean {mean}")


def test_cf_file():
    """The file is CF-1.8 clean as tests/support/cf_check.py checks it (numeric coordinate variables, names in
    label variables, coordinates, cell_methods, bounds, UDUNITS-2 units), and the check fails on each departure
    made in a copy; netCDF4-python, ncdump and xarray (both engines, no project code) read it; summaries say
    what they did over the replications; money names its currency; the README's 4 lines run."""
    import netCDF4
    import numpy as np
    import xarray as xr
    from cf_check import cf_problems
    out = os.path.join(WORK, "cf.nc")
    pilot = os.path.join(SOURCE, "scenarios", "pilots", "p-wetters-in-dienst.toml")
    r = run("run", BASELINE, pilot, "--replications", "3", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"run: {r.stderr}")
    r = run("compare", out, "--against", "baseline", "--write")  # its variables are checked too
    check(r.returncode == 0 and "operating_result_diff_mean" in run("info", out).stdout, f"compare: {r.stderr}")
    import json
    schema = json.loads(run("schema").stdout)
    run_variables = {v["name"] for v in schema["variables"]} | {x for v in schema["variables"] for x in v["summaries"]}
    named = [d["name"] for d in schema["dimensions"] if d["label"]]
    dump = subprocess.run(["ncdump", "-h", out], capture_output=True, text=True)
    check(dump.returncode == 0, f"ncdump -h reads the file: {dump.stderr}")
    problems = cf_problems(out)
    check(not problems, f"CF departures: {problems[:10]}")
    with netCDF4.Dataset(out) as nc:
        check(nc.variables["replication"].getncattr("standard_name") == "realization", "replication: realization")
        for dim in named:
            if dim in nc.dimensions:
                check(dim not in nc.variables and nc.variables[dim + "_name"].dimensions == (dim,),
                      f"{dim}: no coordinate variable, the label variable {dim}_name")
        for name, v in nc.variables.items():
            methods = v.getncattr("cell_methods") if "cell_methods" in v.ncattrs() else ""
            if name.endswith("_mean"):
                check(methods.endswith("realization: mean"), f"{name}: cell_methods {methods}")
            # No CF method for standard errors and quantiles: the time axis's method only, said in comment.
            base = name.removesuffix("_se").removesuffix("_quantile")
            if base != name and base in nc.variables and not base.endswith("_diff"):
                own = nc.variables[base]
                check(methods == (own.getncattr("cell_methods") if "cell_methods" in own.ncattrs() else "")
                      and "CF 1.8 has no cell method" in v.getncattr("comment"), f"{name}: {methods}")
            if name.endswith("_quantile"):
                check("quantile" in v.dimensions, f"{name}: along quantile")
            if "year" in v.dimensions and name in run_variables and name != "capacity" \
                    and not name.startswith("money_result"):
                check(methods.startswith("year: sum"), f"{name}: yearly values are sums")
                check("year_start" in v.getncattr("coordinates").split(), f"{name}: coordinates name year_start")
            if "year_end" in v.dimensions and name in run_variables:
                check(methods.startswith("year_end: point"), f"{name}: stocks at a point")
        bounds = nc.variables["year_bounds"][:]
        start = nc.variables["year_start"][:]
        check((bounds[:, 0] == start).all() and (bounds[1:, 0] == bounds[:-1, 1]).all()
              and (bounds[:, 1] > bounds[:, 0]).all(), "year_bounds: contiguous intervals from year_start")
        check(list(bounds[0]) == [0.0, 365.0], f"the first year is 2025: {bounds[0]}")
        ends = [str(x) for x in nc.variables["transition_name"][:]]
        check([f"{a}->{b}" for a, b in zip(nc.variables["transition_from"][:], nc.variables["transition_to"][:])]
              == ends, "transition_from/transition_to label each transition")
        check({"transition_name", "transition_from", "gemeente_name", "scenario_name"}
              <= set(nc.variables["flow"].getncattr("coordinates").split()), "flow names its labels")
        check(nc.getncattr("Conventions") == "CF-1.8" and "except" not in nc.getncattr("comment")
              and "Not claimed" in nc.getncattr("comment"), "Conventions without exceptions, the claim said")
        for name in ("money", "money_region_diff_mean", "operating_result_diff_mean"):
            check("EUR" in nc.variables[name].getncattr("comment"), f"{name} names EUR")
        check(len(nc.getncattr("git_commit")) in (7, 40) or nc.getncattr("git_commit") == "unknown",
              "the git commit is recorded")
        check(nc.getncattr("git_tree_state") in ("clean", "dirty", "unknown"), "the tree state is recorded")
    # Each departure, made in a copy, is found.
    departures = {
        "a string coordinate variable": lambda nc: (nc.createDimension("extra", 2),
                                                     nc.createVariable("extra", str, ("extra",))),
        "a coordinate variable with a _FillValue": lambda nc: (nc.createDimension("extra", 1),
                                                                nc.createVariable("extra", "f8", ("extra",),
                                                                                  fill_value=-1.0)),
        "cell_methods naming the dimension summarised away":
            lambda nc: nc.variables["flow_mean"].setncattr("cell_methods", "year: sum replication: mean"),
        "the quantile method `point`":
            lambda nc: nc.variables["flow_quantile"].setncattr("cell_methods", "year: sum replication: point"),
        "coordinates naming a missing variable":
            lambda nc: nc.variables["flow"].setncattr("coordinates", "transition_name nothing"),
        "a label variable left out of coordinates":
            lambda nc: nc.variables["flow"].setncattr("coordinates", "scenario_name gemeente_name year_start"),
        "bounds of the wrong shape": lambda nc: nc.variables["year_start"].setncattr("bounds", "year_start"),
        "units UDUNITS-2 rejects": lambda nc: nc.variables["flow"].setncattr("units", "persons"),
    }
    for what, damage in departures.items():
        copy = os.path.join(WORK, "cf-departure.nc")
        shutil.copyfile(out, copy)
        with netCDF4.Dataset(copy, "a") as nc:
            damage(nc)
        check(cf_problems(copy), f"the CF check misses {what}")
    for needle in ("string transition_from(transition)", "string gemeente_name(gemeente)",
                   ":cell_methods = \"year: sum realization: mean\"", "double year_bounds(year, bounds)",
                   ":bounds = \"year_bounds\"", "replication:standard_name = \"realization\""):
        check(needle in dump.stdout, f"ncdump -h shows {needle}")
    check("int stock(" in dump.stdout and "stock:_FillValue" not in dump.stdout
          and "flow:_FillValue" not in dump.stdout, "integer counts have no _FillValue")
    for engine in ("h5netcdf", "netcdf4"):
        with xr.open_dataset(out, engine=engine) as ds:
            for name in ("stock", "headcount", "flow", "stock_region", "flow_region", "arrivals"):
                check(np.issubdtype(ds[name].dtype, np.integer), f"{engine}: {name} decodes as {ds[name].dtype}")
            check(np.issubdtype(ds.year_bounds.dtype, np.datetime64), f"{engine}: year_bounds are dates")
            check({"year_start", "transition_from", "transition_name", "gemeente_name"} <= set(ds.flow.coords),
                  f"{engine}: flow's coordinates")
            check({"age_band", "sex", "group", "year_end"} <= set(ds["stock"].dims), f"{engine}: stock dims")
            check(str(ds.year_end.values[1])[:10] == "2026-01-01", f"{engine}: year_end decodes to dates")
            check("Tiel" in list(ds.gemeente_name.values), f"{engine}: gemeente names")
            # The README's one-liner indexes the name dimensions by name again.
            ds = ds.assign_coords({n[:-5]: ds[n].values for n in ds.coords if n.endswith("_name")})
            wsw = ds.mean_age_region.sel(scenario="baseline", state="wsw", year_end="2030-01-01")
            low, high = wsw.quantile([0.05, 0.95], "replication").values
            check(40 < low <= high < 67, f"{engine}: mean age of the Wsw in 2030: {low}-{high}")
    # The README's snippet (mean age of the Wsw in 2030 with a 90% band) runs as written, in at most 4 lines.
    readme = open(os.path.join(SOURCE, "README.md")).read()
    snippet = readme.split("The mean age of\nthe Wsw in 2030 with a 90% band:\n```python\n")[1].split("```")[0]
    check(len(snippet.strip().splitlines()) <= 4, f"snippet of at most 4 lines: {snippet}")
    code = "import xarray\n" + snippet.replace('"results/baseline.nc"', repr(out))
    lines = code.strip().splitlines()
    scope = {}
    exec("\n".join(lines[:-1]), scope)
    mean, band = eval(lines[-1], scope)
    check(40 < mean < 67 and band[0] <= mean <= band[1], f"README snippet: {mean}, {band}")


def test_trace():
    """trace re-runs one replication exactly: its event count and final stocks are those `run` stored."""
    import numpy as np
    import xarray as xr
    out = os.path.join(WORK, "trace.nc")
    r = run("run", BASELINE, "--replications", "3", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"run: {r.stderr}")
    t = run("trace", BASELINE, "--replication", "2", "--sample", "20")
    check(t.returncode == 0, f"trace runs: {t.stderr}")
    head = t.stdout.splitlines()[0]
    events = int(re.search(r"(\d+) events", head).group(1))
    at_end = {k: float(v) for k, v in re.findall(r" (\w+)=(\d+)", head)}
    with open_results(out) as ds:
        check(events == int(ds.events.sel(scenario="baseline", replication=2)), f"events: {head}")
        stock = ds.headcount.sel(scenario="baseline", replication=2).isel(time=-1).sum("gemeente")
        for state, n in at_end.items():
            check(n == float(stock.sel(state=state)), f"{state}: trace {n}, run {float(stock.sel(state=state))}")
    check("moved" in t.stdout and "<- next" in t.stdout, "trace shows moves and the winning risk")
    csv = os.path.join(WORK, "trace.csv")
    c = run("trace", BASELINE, "--replication", "0", "--person", "3", "17", "--csv", csv)
    check(c.returncode == 0 and open(csv).readline().startswith("person,date,"), f"trace --csv: {c.stderr}")
    pilot = os.path.join(SOURCE, "scenarios", "pilots", "p-wetters-in-dienst.toml")
    check(run("trace", pilot, "--replication", "1", "--sample", "3").returncode == 0, "trace on a pilot")
    one_line_error(run("trace", BASELINE, "--replication", "1"), "--person", "--sample")


def test_info_band():
    """info prints the whole-area band of the per-replication sums (the file's headcount_region_quantile):
    numpy's quantiles of the summed replications, to the printed 0.1."""
    import numpy as np
    import xarray as xr
    out = os.path.join(WORK, "info_band.nc")
    r = run("run", BASELINE, "--replications", "12", "--out", out, "--overwrite", "--quiet")
    check(r.returncode == 0, f"run: {r.stderr}")
    rows = [l.split() for l in run("info", out).stdout.splitlines()]
    rows = [r for r in rows if len(r) == 6 and r[0] in ("wsw", "beschut", "bijstand") and r[1].isdigit()]
    check(len(rows) == 30, f"info prints 3 states x 10 years: {len(rows)}")
    with open_results(out) as ds:
        summed = ds.headcount.sel(scenario="baseline").sum("gemeente")
        for state, year, _, mean, low, high in rows:
            values = summed.sel(state=state, time=f"{int(year) + 1}-01-01").values
            expected = [values.mean(), *np.quantile(values, [0.05, 0.95])]
            check(all(abs(float(x) - e) <= 0.05 + 1e-9 for x, e in zip([mean, low, high], expected)),
                  f"info {state} {year}: {[mean, low, high]}, numpy {expected}")


def test_microdata():
    """run --microdata N stores N persons' lives per replication: the events trace shows for the same
    replication and person; every other variable is bitwise the same as without microdata."""
    import csv
    import h5py
    import numpy as np
    import xarray as xr
    plain, sampled = os.path.join(WORK, "plain.nc"), os.path.join(WORK, "micro.nc")
    for out, extra in ((plain, []), (sampled, ["--microdata", "6"])):
        r = run("run", BASELINE, "--replications", "3", "--out", out, "--overwrite", "--quiet", *extra)
        check(r.returncode == 0, f"run {extra}: {r.stderr}")
    with h5py.File(plain, "r") as a, h5py.File(sampled, "r") as b:
        micro = {n for n in b if n.startswith("microdata_")}
        check(set(a) == set(b) - micro and len(micro) == 14, f"microdata variables: {sorted(micro)}")
        for name in a:
            check(np.array_equal(a[name][()], b[name][()], equal_nan=a[name].dtype.kind == "f"),
                  f"{name}: the same with and without microdata")
    with open_results(sampled) as ds:
        check(ds.sizes["microdata_person"] == 3 * 6, f"6 persons a replication: {ds.sizes['microdata_person']}")
        check(int(ds.microdata_row_size.sum()) == ds.sizes["microdata_event"], "row sizes cover the events")
        check(np.issubdtype(ds.microdata_id.dtype, np.integer), "IDs decode as integers")
        check(np.issubdtype(ds.microdata_time.dtype, np.datetime64), "event times decode as dates")
        ids = ds.microdata_id.values
        check(ids.max() > 100 and len(set(ids[:6])) == 6, f"a sample of everybody, not the first 6: {ids}")
    with h5py.File(sampled, "r") as f:
        states = [x.decode() for x in f["state_name"][()]]
        transitions = [x.decode() for x in f["transition_name"][()]]
        rep, pid, size = f["microdata_replication"][()], f["microdata_id"][()], f["microdata_row_size"][()]
        first = np.concatenate([[0], np.cumsum(size)])
        time, frm, to, tr = (f[n][()] for n in ("microdata_time", "microdata_from", "microdata_to",
                                                 "microdata_transition"))
    persons = [i for i in range(len(pid)) if rep[i] == 1]
    table = os.path.join(WORK, "micro_trace.csv")
    t = run("trace", BASELINE, "--replication", "1", "--person", *[str(pid[i]) for i in persons], "--csv", table)
    check(t.returncode == 0, f"trace: {t.stderr}")
    traced = {}
    with open(table) as fh:
        for row in csv.DictReader(fh):
            if row["event"] != "draw":
                traced.setdefault(int(row["person"]), []).append(
                    (f"{float(row['days_since_start']):.6f}", row["state_before"], row["state_after"],
                     "" if row["cause"] == "initial" else row["cause"]))
    for i in persons:
        stored = [(f"{time[e]:.6f}", states[frm[e]] if frm[e] >= 0 else "", states[to[e]],
                   transitions[tr[e]] if tr[e] >= 0 else "") for e in range(first[i], first[i + 1])]
        check(stored == traced.get(int(pid[i])), f"person {pid[i]}: file {stored}, trace {traced.get(int(pid[i]))}")
    one_line_error(run("run", BASELINE, "--replications", "3", "--checkpoint-every", "2", "--microdata", "1",
                       "--out", os.path.join(WORK, "parts.nc"), "--overwrite"), "--microdata", "checkpoint")


globals()["test_" + NAME]()
print("ok:", NAME)
