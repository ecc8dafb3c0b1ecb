"""Shared by the Python commands (tools/report.py, tools/breakeven.py, tools/export.py) and the Python tests:
opening a results file indexed by name, calling the werkstroom binary back and reading the scenario files a
results file stores (global attributes input_file_N_path / input_file_N_text)."""
import os
import subprocess
import sys
import tomllib


def run_tool(binary, prog, *args):
    """Runs `werkstroom ARGS`, returns its standard output. On failure prints its last stderr line (one line) and
    exits with 2 for bad input (its own status 2), else 1."""
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        message = lines[-1] if lines else f"{args[0]}: exit {result.returncode}"
        print(message if message.startswith("werkstroom") else f"{prog}: {message}", file=sys.stderr)
        sys.exit(2 if result.returncode == 2 else 1)
    return result.stdout


NAME_SUFFIX = "_name"  # sim/output/results_schema.hpp, name_label()


def by_name(ds):
    """The dataset with each name dimension (scenario, gemeente, state, ...) indexed by its names, so that
    `ds.sel(gemeente="Tiel")` works: the file keeps the names in CF label variables named <dimension>_name (a
    dimension without a coordinate variable, CF 1.3 and 6.1). A file from before them is returned as it is."""
    return ds.assign_coords({n[:-len(NAME_SUFFIX)]: ds[n].values for n in ds.variables
                             if n.endswith(NAME_SUFFIX) and n[:-len(NAME_SUFFIX)] in ds.dims})


def open_results(path, **kwargs):
    """xarray.open_dataset(path, **kwargs), indexed by name (by_name)."""
    import xarray
    return by_name(xarray.open_dataset(path, **kwargs))


def stored_scenarios(ds):
    """The stored scenario files in input order as (path, text, parsed TOML); files that do not parse are left out."""
    out = []
    for n in range(int(ds.attrs.get("input_files", 0))):
        path, text = str(ds.attrs.get(f"input_file_{n}_path", "")), str(ds.attrs.get(f"input_file_{n}_text", ""))
        if not path.endswith(".toml"):
            continue
        try:
            out.append((path, text, tomllib.loads(text)))
        except tomllib.TOMLDecodeError:
            continue
    return out




def _parents(path, data):
    parents = data.get("extend", [])
    return [os.path.normpath(os.path.join(os.path.dirname(path), p))
            for p in ([parents] if isinstance(parents, str) else parents)]


def scenario_value(stored, path, key):
    """[scenario] KEY of the stored file at path, inherited along its extend chain (a later parent wins)."""
    by_path = {p: data for p, _, data in stored}
    seen = set()

    def value(p):
        if p in seen or p not in by_path:
            return None
        seen.add(p)
        own = by_path[p].get("scenario", {}).get(key)
        if own is not None:
            return own
        for parent in reversed(_parents(p, by_path[p])):
            found = value(parent)
            if found is not None:
                return found
        return None
    return value(path)


def scenario_files(stored):
    """{scenario name: path of its own file}: of the stored files with that (possibly inherited) name, the one no
    other of them extends (a pilot file that extends another pilot file without renaming it is the pilot)."""
    names = {p: scenario_value(stored, p, "name") for p, _, _ in stored}
    extended = {parent for p, _, data in stored for parent in _parents(p, data)}
    out = {}
    for p, _, _ in stored:
        name = names[p]
        if name and not (p in extended and any(names[q] == name and p in _parents(q, d) for q, _, d in stored)):
            out[name] = p
    return out


def exit_cleanly_on_signals():
    """SIGTERM and SIGHUP end the script like Ctrl-C does: through its `finally` blocks (temporary files are
    removed), with exit status 128 + the signal.

    `werkstroom` blocks these signals before it starts the script (tools/cli/python_tool.cpp), so one that
    comes while Python starts waits until the handlers are in place; they are unblocked here. At exit they are
    blocked again: a signal during the interpreter's shutdown, when the work is done and Python has put the
    default action back, would otherwise kill the process with the report already written (exit -15)."""
    import atexit
    import signal

    def stop(number, _frame):
        raise SystemExit(128 + number)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, stop)
    stopping = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    atexit.register(signal.pthread_sigmask, signal.SIG_BLOCK, stopping)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, stopping)
