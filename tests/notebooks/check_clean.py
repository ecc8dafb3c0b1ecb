#!/usr/bin/python3
"""Checks that the notebooks are stored clean: no outputs, no execution counts, the python3 kernel, and the
results path read in exactly one place (the first code cell).

    /usr/bin/python3 tests/notebooks/check_clean.py notebooks/*.ipynb

Exit status 1 and one line per problem when a notebook breaks a rule.
"""
import sys

import nbformat

RESULTS_LINE = 'RESULTS = os.environ.get("WERKSTROOM_RESULTS"'


def problems(path):
    nb = nbformat.read(path, as_version=4)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        yield f"not a valid notebook: {e.message}"
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        yield f"kernelspec name is {kernel!r}, expected 'python3'"
    code = [c for c in nb.cells if c.cell_type == "code"]
    with_outputs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("outputs")]
    if with_outputs:
        yield f"cells {with_outputs} have stored outputs (clear them before committing)"
    counted = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count") is not None]
    if counted:
        yield f"cells {counted} have execution counts"
    if not code or RESULTS_LINE not in code[0].source:
        yield f"the first code cell does not set {RESULTS_LINE}...)"
    mentions = [i for i, c in enumerate(code) if "WERKSTROOM_RESULTS" in c.source]
    if len(mentions) > 1:
        yield f"WERKSTROOM_RESULTS is read in {len(mentions)} code cells, expected one place"


def main(paths):
    if not paths:
        print("usage: check_clean.py NOTEBOOK...", file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        for p in problems(path):
            print(f"{path}: {p}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
