"""Shared by the Python commands (tools/report.py, tools/breakeven.py): calling the werkstroom binary back and
reading the scenario files a results file stores (global attributes input_file_N_path / input_file_N_text)."""
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


def scenario_name(data):
    return data.get("scenario", {}).get("name")
