"""A results writer killed with SIGKILL half-way leaves no final file and an earlier file of the same name intact;
its temp file is deleted by the next writer for that path. Usage: kill_test.py WERKSTROOM_TESTS_BIN SCRATCH_FOLDER
(runs the hidden [.killable] Catch2 test: slow mode grows a large file for about a minute, quick mode commits)."""
import os
import shutil
import signal
import subprocess
import sys
import time

import h5py

binary, scratch = sys.argv[1:3]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
final = os.path.join(scratch, "run.nc")
EARLIER = b"earlier results: must survive the killed run\n"


def writer(mode):
    env = dict(os.environ, WERKSTROOM_KILL_FINAL=final, WERKSTROOM_KILL_MODE=mode)
    return subprocess.Popen([binary, "[.killable]"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_while_writing():
    proc = writer("slow")
    temp = f"{final}.tmp.{proc.pid}"
    deadline = time.monotonic() + 60
    # Wait until the writer has put real data on disk (512 KiB) so the kill lands in the middle of writing.
    while not (os.path.exists(temp) and os.path.getsize(temp) > 512 * 1024):
        if proc.poll() is not None:
            sys.exit(f"the slow writer ended before it was killed: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            sys.exit("the slow writer did not grow its temp file within 60 s")
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.returncode
    assert os.path.exists(temp), "a killed writer cannot clean up: its temp file should still be there"
    return temp


def temp_files():
    return sorted(name for name in os.listdir(scratch) if ".tmp." in name)


# 1. No earlier file: nothing appears under the final name.
first_temp = kill_while_writing()
assert not os.path.exists(final), "a killed run left a final file"

# 2. An earlier file stays byte for byte.
with open(final, "wb") as f:
    f.write(EARLIER)
second_temp = kill_while_writing()
with open(final, "rb") as f:
    assert f.read() == EARLIER, "the killed run changed the earlier file"
# The second writer already deleted the first one's temp file (its process is dead) when it started.
assert temp_files() == [os.path.basename(second_temp)], (temp_files(), first_temp)

# 3. The next writer deletes the stale temp files of the dead processes and commits.
quick = writer("quick")
_, err = quick.communicate(timeout=120)
assert quick.returncode == 0, err.decode()
assert temp_files() == [], temp_files()
with h5py.File(final, "r") as f:
    assert f.attrs["werkstroom_format"] == "1" and f.attrs["title"] == "quick writer", dict(f.attrs)
print("sigkill: no final file from a killed run, the earlier file intact, stale temp files removed")
