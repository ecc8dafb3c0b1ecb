#!/usr/bin/python3
"""tools/report-notebooks: one HTML page per notebook, executed (outputs present), without code cells, and an
index; bad usage exits 2 without creating anything.

Usage: report_notebooks_test.py SOURCE_DIR RESULTS.nc OUT_DIR
"""
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cli_checks import check  # noqa: E402

SOURCE, RESULTS, OUT = sys.argv[1:4]
TOOL = os.path.join(SOURCE, "tools", "report-notebooks")
shutil.rmtree(OUT, ignore_errors=True)

result = subprocess.run([TOOL, RESULTS, OUT], capture_output=True, text=True, timeout=1800)
check(result.returncode == 0, f"exit {result.returncode}: {result.stderr}")
notebooks = sorted(os.path.basename(p)[:-6] for p in glob.glob(os.path.join(SOURCE, "notebooks", "*.ipynb")))
pages = sorted(p[:-5] for p in os.listdir(OUT) if p.endswith(".html") and p != "index.html")
check(pages == notebooks, f"one page per notebook: {pages} vs {notebooks}")
for name in notebooks:
    page = open(os.path.join(OUT, name + ".html"), encoding="utf-8").read()
    check('class="jp-CodeMirrorEditor' not in page, f"{name}: no code cells in the page")
    check('class="jp-OutputArea-child' in page, f"{name}: the page has the executed outputs")
    check("Traceback" not in page, f"{name}: no error in the page")
index = open(os.path.join(OUT, "index.html"), encoding="utf-8").read()
check(all(f'href="{n}.html"' in index for n in notebooks), "the index links every page")
check(not [p for p in os.listdir(OUT) if p.startswith(".report-notebooks")], "no temporary folder left")

missing = os.path.join(OUT, "missing.nc")
bad_out = os.path.join(OUT, "never")
result = subprocess.run([TOOL, missing, bad_out], capture_output=True, text=True)
check(result.returncode == 2 and "missing.nc" in result.stderr, f"a missing results file: {result}")
check(not os.path.exists(bad_out), "bad usage creates nothing")
result = subprocess.run([TOOL, RESULTS], capture_output=True, text=True)
check(result.returncode == 2 and "usage" in result.stderr, f"no OUT_DIR: {result}")
result = subprocess.run([TOOL, RESULTS, bad_out, "--nope"], capture_output=True, text=True)
check(result.returncode == 2 and "--nope" in result.stderr and not os.path.exists(bad_out), f"an unknown option")
print("ok")
