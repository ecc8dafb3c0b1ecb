"""Part runs, merge, resume and --keep-replications at the command line (issue 14).

Usage: scaleout_test.py WERKSTROOM_BINARY SOURCE_DIR WORK_DIR TEST_NAME
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import cli_checks  # noqa: E402
from cli_checks import check  # noqa: E402

BIN, SOURCE, WORK, NAME = sys.argv[1:5]
BASELINE = os.path.join(SOURCE, "scenarios", "baseline.toml")
SAME = os.path.join(SOURCE, "tools", "same_content.py")
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600)


def ok(result, what):
    check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr}")


def one_line_error(result, *needles):
    print("refused:", cli_checks.one_line_error(result, *needles))


def same_content(a, b):
    r = subprocess.run([sys.executable, SAME, a, b, "--ignore", "history"], capture_output=True, text=True)
    check(r.returncode == 0, f"{a} and {b} differ:\n{r.stdout}{r.stderr}")
    print(f"{os.path.basename(a)} and {os.path.basename(b)}: same content")


def path(name):
    return os.path.join(WORK, name)


def single_run(name, replications, *extra):
    out = path(name)
    ok(run("run", BASELINE, "-n", str(replications), "--out", out, "--quiet", *extra), f"run {name}")
    return out


def part(first, count, name=None, *extra):
    out = path(name or f"part-{first}.nc")
    ok(run("run", BASELINE, "--first-replication", str(first), "-n", str(count), "--out", out, "--quiet", *extra),
       f"part {first}")
    return out


def test_merge_equals_single_run():
    whole = single_run("whole.nc", 10)
    parts = [part(7, 3), part(0, 4, None, "--threads", "1"), part(4, 3)]
    with h5py.File(parts[0], "r") as f:
        check(int(f.attrs["first_replication"]) == 7, "a part records its first replication")
        check(list(f["replication"][()]) == [7, 8, 9], "a part's replication axis holds its numbers")
        for a in ("input_fingerprint", "commit", "source"):
            check(a in f.attrs, f"a part records {a}")
    merged = path("merged.nc")
    ok(run("merge", *parts, "--out", merged), "merge")
    same_content(whole, merged)
    # A merged file is a part again: merging it with nothing else gives the same content.
    again = path("again.nc")
    ok(run("merge", merged, "--out", again), "merge of a merged file")
    same_content(whole, again)


def test_merge_refuses():
    a, b, c = part(0, 4), part(4, 3), part(7, 3)
    out = path("refused.nc")
    one_line_error(run("merge", a, c, "--out", out), "4-6", "missing")
    one_line_error(run("merge", b, c, "--out", out), "0-3", "missing")
    overlap = part(2, 4, "overlap.nc")
    one_line_error(run("merge", a, overlap, b, c, "--out", out), "overlap", "2-3")
    other_seed = part(4, 3, "seed.nc", "--seed", "99")
    one_line_error(run("merge", a, other_seed, c, "--out", out), "input_fingerprint", "seed.nc")
    damaged = path("damaged.nc")
    with open(b, "rb") as f:
        data = f.read()
    with open(damaged, "wb") as f:
        f.write(data[: len(data) // 2])
    one_line_error(run("merge", a, damaged, c, "--out", out), "damaged.nc")
    kept = part(4, 3, "kept.nc", "--keep-replications", "1")
    one_line_error(run("merge", a, kept, c, "--out", out), "kept.nc", "--keep-replications")
    with open(path("text.nc"), "w") as f:
        f.write("not a results file")
    one_line_error(run("merge", a, path("text.nc"), "--out", out), "text.nc")
    check(not os.path.exists(out), "no merged file after a refusal")
    check([n for n in os.listdir(WORK) if ".tmp." in n] == [], "no temp files left")
    precious = path("precious.nc")
    with open(precious, "w") as f:
        f.write("precious")
    one_line_error(run("merge", a, b, c, "--out", precious), "--overwrite")
    with open(precious) as f:
        check(f.read() == "precious", "an existing file is kept")


def finished_parts(folder):
    return len([n for n in os.listdir(folder) if n.endswith(".nc")]) if os.path.isdir(folder) else 0


def test_resume_after_kill():
    """Kills a checkpointed run again and again at random moments (SIGKILL, sometimes SIGTERM): after each
    interruption it waits for 0-2 more parts and a random fraction of a second, so the kills land inside parts,
    between them and in the final merge whatever the machine's speed."""
    replications, every = 60, 4
    whole = single_run("whole.nc", replications, "--checkpoint-every", "0")
    out = path("resumed.nc")
    folder = out + ".parts"
    seed = int(os.environ.get("WERKSTROOM_KILL_SEED", time.time_ns() % 100000))
    rng = random.Random(seed)
    print("kill moments from seed", seed, "(set WERKSTROOM_KILL_SEED to repeat)")
    args = [BIN, "run", BASELINE, "-n", str(replications), "--checkpoint-every", str(every), "--out", out, "--quiet"]
    kills = 0
    for attempt in range(40):
        before = finished_parts(folder)
        p = subprocess.Popen(args + (["--resume"] if attempt else []), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        target, extra = before + rng.randint(0, 2), rng.uniform(0.0, 0.3)
        while p.poll() is None and finished_parts(folder) < target:
            time.sleep(0.01)
        time.sleep(extra)
        if p.poll() is not None:
            check(p.returncode == 0, f"the run finished: {p.stderr.read()}")
            break
        sig = signal.SIGTERM if attempt % 4 == 3 else signal.SIGKILL
        p.send_signal(sig)
        p.wait()
        kills += 1
        print(f"attempt {attempt}: {sig.name} after {finished_parts(folder)} parts (+{extra:.2f} s)")
        check(not os.path.exists(out), "no results file from an interrupted run")
    if not os.path.exists(out):
        ok(subprocess.run(args + ["--resume"], capture_output=True, text=True), "final resume")
    print("interruptions:", kills)
    check(kills >= 2, "the run was interrupted at least twice")
    check(not os.path.exists(folder), "the parts folder is removed after the merge")
    same_content(whole, out)
    # A folder of parts is never overwritten by accident.
    os.makedirs(folder)
    one_line_error(run(*args[1:], "--overwrite"), ".parts", "--resume")


def test_merge_kept_parts():
    # --keep-replications K keeps every replication of a part of at most K: such parts merge like any other and
    # give one run's data. (A part that dropped replications is refused: test_merge_refuses.)
    whole = single_run("whole.nc", 6)
    parts = [part(3, 3, "k3.nc", "--keep-replications", "5"), part(0, 3, "k0.nc", "--keep-replications", "3")]
    merged = path("merged.nc")
    ok(run("merge", *parts, "--out", merged), "merge of kept parts holding every replication")
    same_content(whole, merged)


def test_keep_replications():
    full = single_run("full.nc", 12)
    kept = single_run("kept.nc", 12, "--keep-replications", "3")
    with h5py.File(full, "r") as f, h5py.File(kept, "r") as k:
        check(k["replication"].shape == (3,), "three replications stored")
        check(int(k.attrs["replications"]) == 12, "the summaries cover twelve")
        for name in f:
            if name.endswith(("_mean", "_se", "_quantile")):
                check(np.array_equal(f[name][()], k[name][()], equal_nan=True), f"{name} covers all replications")
            elif "replication" in [d.label for d in f[name].dims][:2] and f[name].ndim >= 2:
                check(np.array_equal(f[name][:, :3], k[name][()], equal_nan=True), f"{name}: the first three")
    print("summaries of 12 with 3 stored: equal to the full run's")


globals()["test_" + NAME]()
print("passed")
