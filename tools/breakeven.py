#!/usr/bin/python3
"""werkstroom breakeven: the effect size at which a pilot pays for itself, called by `werkstroom breakeven`.

Usage: breakeven.py WERKSTROOM_BINARY FILE.nc|BASELINE.toml --pilot NAME|PILOT.toml --effect KEY
           [--from A --to B] [--against NAME] [--replications N] [--seed S] [--year Y] [--tolerance T]
           [--threads T]

The effect is a number of the pilot's scenario named by its key path (e.g.
pilots.p_wetters_in_dienst.outflow.regulier). For an effect value v the pilot is run with that key set to v
(a scenario that `extend`s the pilot's file and sets the key) together with the baseline, with the same seed and
replications every time (common random numbers: the curve is smooth in v), and `werkstroom compare` gives the
paired difference of the cumulative whole-area operating result up to --year (default: the last): its mean,
the 95% interval of the mean, and P(gain). Bisection on v finds where the mean crosses zero, and where each bound
of the interval does: the break-even effect with its 95% interval. No statistics are computed here, only
compare's numbers are read. A sign that does not change within [from, to] is reported as no break-even there.

With a results file, the pilot is a scenario in it and its scenario files (the stored paths; they must be
unchanged since the run), seed and replications are the run's. With a baseline scenario file, --pilot names the
pilot's scenario file. Default bracket: the key's distribution (min..max) in the scenario.
Bad input: one line on stderr, exit 2.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile
import tomllib

import werkstroom_files


def fail(message):
    print(f"werkstroom breakeven: {message}", file=sys.stderr)
    sys.exit(2)


def run_tool(binary, *args):
    return werkstroom_files.run_tool(binary, "werkstroom breakeven", *args)


def lookup(path, key, seen=()):
    """The value of a key path in a scenario file or what it extends (the file itself first), or None."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        fail(f"{path}: cannot read the scenario ({e})")
    node = data
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if node is not None:
        return node
    parents = data.get("extend", [])
    for parent in [parents] if isinstance(parents, str) else parents:
        full = os.path.normpath(os.path.join(os.path.dirname(path), parent))
        if full not in seen:
            found = lookup(full, key, seen + (full,))
            if found is not None:
                return found
    return None


def toml_key(segment):
    return segment if re.fullmatch(r"[A-Za-z0-9_-]+", segment) else '"' + segment.replace('"', '\\"') + '"'


def from_results_file(args):
    """Baseline and pilot scenario files, seed and replications of the run that made FILE."""
    try:
        ds = werkstroom_files.open_results(args.input)
        names = [str(s) for s in ds["scenario"].values]
    except Exception as e:  # noqa: BLE001 - any reason the file cannot be read is the user's input
        fail(f"{args.input}: not a werkstroom results file ({type(e).__name__})")
    against = args.against or "baseline"
    for option, name in (("--pilot", args.pilot), ("--against", against)):
        if name not in names:
            fail(f"{args.input}: {option}: no scenario named '{name}' (expected one of: {', '.join(names)})")
    stored = werkstroom_files.stored_scenarios(ds)
    texts = {path: text for path, text, _ in stored}
    files = {}
    for name, path in werkstroom_files.scenario_files(stored).items():
        if name in (args.pilot, against):
            try:
                current = open(path).read()
            except OSError:
                fail(f"{args.input}: the scenario file {path} of '{name}' is gone; expected it as it was run")
            if current != texts[path]:
                fail(f"{path}: changed since the run that made {args.input}; expected the file as it was run")
            files[name] = path
    for name in (args.pilot, against):
        if name not in files:
            fail(f"{args.input}: no scenario file of '{name}' among the stored input files")
    args.replications = args.replications or int(ds.attrs.get("replications", ds.sizes["replication"]))
    args.seed = args.seed or str(ds.attrs.get("seed", ""))
    return files[against], files[args.pilot]


def evaluate(args, baseline, pilot, key, value, work, cache):
    """compare's paired cumulative result difference (mean, lower, upper, P(gain)) with the key set to value."""
    if value in cache:
        return cache[value]
    parts = key.split(".")
    override = os.path.join(work, "effect.toml")
    with open(override, "w") as f:
        f.write(f'extend = "{os.path.abspath(pilot)}"\n\n[{".".join(toml_key(p) for p in parts[:-1])}]\n'
                f"{toml_key(parts[-1])} = {value!r}\n")
    results, compared = os.path.join(work, "effect.nc"), os.path.join(work, "compared.nc")
    command = ["run", baseline, override, "--replications", str(args.replications), "--out", results,
               "--overwrite", "--quiet"]
    if args.seed:
        command += ["--seed", str(args.seed)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    run_tool(args.binary, *command)
    if os.path.exists(compared):
        os.remove(compared)
    with werkstroom_files.open_results(results) as ds:
        names = [str(s) for s in ds["scenario"].values]
        years = [int(y) for y in ds["year"].values]
    against, name = names[0], names[1]
    year = args.year or years[-1]
    if year not in years:
        fail(f"--year: {year} is not a year of the scenario ({years[0]}-{years[-1]})")
    run_tool(args.binary, "compare", results, "--against", against, "--out", compared)
    with werkstroom_files.open_results(compared) as ds:
        def at(stat):
            return float(ds[f"operating_result_cumulative_region_diff_{stat}"].sel(scenario=name, year=year))
        cache[value] = {"mean": at("mean"), "lower": at("lower"), "upper": at("upper"), "p": at("p_positive"),
                        "pilot": name, "baseline": against, "first": years[0], "year": year}
    os.remove(results)
    os.remove(compared)
    return cache[value]


def bisect(f, low, high, tolerance):
    """A root of f in [low, high] by bisection, or None when f has the same sign at both ends."""
    f_low, f_high = f(low), f(high)
    if f_low == 0:
        return low
    if f_high == 0:
        return high
    if (f_low > 0) == (f_high > 0):
        return None
    while high - low > tolerance:
        middle = (low + high) / 2
        f_middle = f(middle)
        if f_middle == 0:
            return middle
        if (f_middle > 0) == (f_low > 0):
            low, f_low = middle, f_middle
        else:
            high = middle
    return (low + high) / 2


def euros(v):
    return f"{v / 1e3:+.0f}k"


def main():
    werkstroom_files.exit_cleanly_on_signals()
    parser = argparse.ArgumentParser(prog="werkstroom breakeven")
    parser.add_argument("binary")
    parser.add_argument("input")
    parser.add_argument("--pilot", required=True)
    parser.add_argument("--effect", required=True)
    parser.add_argument("--from", dest="low", type=float)
    parser.add_argument("--to", dest="high", type=float)
    parser.add_argument("--against")
    parser.add_argument("--replications", type=int)
    parser.add_argument("--seed")
    parser.add_argument("--year", type=int)
    parser.add_argument("--tolerance", type=float, default=1e-3)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()
    if args.input.endswith(".nc"):
        baseline, pilot = from_results_file(args)
    else:
        if args.against:
            fail("--against: only with a results file (a baseline scenario file is the baseline)")
        if not args.pilot.endswith(".toml") or not os.path.isfile(args.pilot):
            fail(f"{args.pilot}: --pilot: expected the pilot's scenario file (with a baseline scenario as input)")
        baseline, pilot = args.input, args.pilot
        args.replications = args.replications or 100
    if len(args.effect.split(".")) < 2 or "" in args.effect.split("."):
        fail(f"--effect: '{args.effect}': expected a key path of the pilot's scenario, e.g. pilots.NAME.KEY")
    current = lookup(pilot, args.effect)
    if current is None or (not isinstance(current, (int, float)) and not (
            isinstance(current, dict) and "distribution" in current)):
        fail(f"{pilot}: --effect: no number '{args.effect}' in the pilot's scenario (or what it extends)")
    if args.low is None or args.high is None:
        if not (isinstance(current, dict) and {"min", "max"} <= current.keys()):
            fail(f"{pilot}: {args.effect}: a fixed number ({current}); expected --from and --to (the bracket)")
        args.low = current["min"] if args.low is None else args.low
        args.high = current["max"] if args.high is None else args.high
    if not args.low < args.high:
        fail(f"--from {args.low} --to {args.high}: expected from < to")
    if not 0 < args.tolerance < 1:
        fail(f"--tolerance: {args.tolerance}: expected a share of the bracket between 0 and 1")
    if args.replications < 2:
        fail(f"--replications: {args.replications}: expected at least 2")
    work = tempfile.mkdtemp(prefix="werkstroom-breakeven-")
    cache = {}
    try:
        def stat(name):
            return lambda v: evaluate(args, baseline, pilot, args.effect, v, work, cache)[name]
        tolerance = args.tolerance * (args.high - args.low)
        root = bisect(stat("mean"), args.low, args.high, tolerance)
        # The interval: where the upper and the lower bound of the mean's 95% interval cross zero.
        roots = {b: bisect(stat(b), args.low, args.high, tolerance) for b in ("upper", "lower")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first = next(iter(cache.values()))
    print(f"Break-even of '{first['pilot']}' in {args.effect}: cumulative operating result "
          f"{first['first']}-{first['year']}, whole area, paired against '{first['baseline']}', "
          f"{args.replications} replications with common random numbers")
    print(f"  {'effect':>12}  {'mean':>9}  {'95% CI of the mean':>19}  P(gain)")
    for v in sorted(cache):
        c = cache[v]
        print(f"  {v:>12.6g}  {euros(c['mean']):>9}  {euros(c['lower']) + '..' + euros(c['upper']):>19}  "
              f"{100 * c['p']:.0f}%")
    if root is None:
        lo, hi = cache[args.low]["mean"], cache[args.high]["mean"]
        print(f"no break-even in [{args.low:g}, {args.high:g}]: the mean difference is {euros(lo)} at "
              f"{args.low:g} and {euros(hi)} at {args.high:g} (the same sign); widen --from/--to")
        return
    # Increasing in the effect: the upper bound reaches zero first (the interval's low end), the lower last.
    increasing = cache[args.high]["mean"] > cache[args.low]["mean"]
    low_end, high_end = (roots["upper"], roots["lower"]) if increasing else (roots["lower"], roots["upper"])
    interval = (f"{low_end:.6g}" if low_end is not None else f"below {args.low:g}") + " .. " + (
        f"{high_end:.6g}" if high_end is not None else f"above {args.high:g}")
    print(f"break-even effect: {root:.6g} (95% interval {interval}; bisection to {tolerance:.3g}); "
          f"P(gain) at the nearest effect tried: {100 * cache[min(cache, key=lambda v: abs(v - root))]['p']:.0f}%")

if __name__ == "__main__":
    main()
