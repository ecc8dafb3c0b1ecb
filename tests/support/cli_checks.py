"""Checks shared by the command-line tests: a failed check prints FAILED and exits 1."""
import sys


def check(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def one_line_error(result, *needles):
    """The command failed with exit 2 and one line on stderr containing every needle; returns the line."""
    check(result.returncode == 2, f"expected exit 2, got {result.returncode}: {result.stderr}")
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    check(len(lines) == 1, f"expected one line on stderr, got {lines}")
    for n in needles:
        check(n in lines[0], f"expected '{n}' in: {lines[0]}")
    return lines[0]


def open_results(path, **kwargs):
    """xarray.open_dataset indexed by name (ds.sel(gemeente="Tiel")), as tools/werkstroom_files.py does."""
    import os
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
    import werkstroom_files
    return werkstroom_files.open_results(path, **kwargs)
