#!/usr/bin/python3
"""werkstroom export: a gemeente's (or the whole area's) numbers per year for Excel, called by `werkstroom export`.

Usage: export.py WERKSTROOM_BINARY FILE --gemeente NAME|all --format csv|xlsx [--decimal-comma] [--out PATH]

Exports every yearly variable the results schema marks as summarised (`werkstroom schema`: stocks at the year
end, flows, person-years, money per item), per scenario and year: the mean over replications and the 90% band
(5% and 95% quantiles of the per-replication values, summed over gemeenten for `all`). CSV for Dutch Excel:
UTF-8 with BOM, `;` between fields, optionally a decimal comma; xlsx with one sheet per variable (openpyxl).
Bad input: one line on stderr naming the file or option, exit 2, nothing written.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import werkstroom_files

HEADER = ["scenario", "gemeente", "grootheid", "naam", "eenheid", "jaar", "gemiddelde", "p5", "p95"]
SHEETS = {"headcount": "Voorraden", "waiting": "Wachtlijsten", "flow": "Stromen", "person_years": "Persoonsjaren",
          "money": "Geld", "money_result": "Geld per begroting"}


def fail(message):
    print(f"werkstroom export: {message}", file=sys.stderr)
    sys.exit(2)


def yearly_variables(binary):
    schema = json.loads(subprocess.run([binary, "schema"], capture_output=True, text=True, check=True).stdout)
    return [v for v in schema["variables"]
            if v["summaries"] and len(v["dims"]) == 5 and v["dims"][3] == "gemeente" and v["dims"][2] in ("time", "year")]


def rows_of(ds, variables, gemeente):
    import numpy as np
    years = [int(y) for y in ds["year"].values]
    for v in variables:
        name = v["name"]
        if name not in ds:
            continue
        data = ds[name]
        if v["dims"][2] == "time":  # the stock on 1 January of the next year closes a year
            times = [str(t)[:10] for t in ds["time"].values]
            index = [times.index(f"{y + 1}-01-01") for y in years if f"{y + 1}-01-01" in times]
            kept = [y for y in years if f"{y + 1}-01-01" in times]
            data = data.isel(time=index).rename(time="year").assign_coords(year=kept)
        data = data.sum("gemeente") if gemeente == "all" else data.sel(gemeente=gemeente)
        last = v["dims"][4]
        values = data.transpose("scenario", "replication", "year", last).values
        mean = values.mean(axis=1)
        low, high = np.quantile(values, [0.05, 0.95], axis=1)
        for s, scenario in enumerate(ds["scenario"].values):
            for k, item in enumerate(data[last].values):
                for y, year in enumerate(data["year"].values):
                    yield name, [str(scenario), gemeente, name, str(item), v["units"], int(year),
                                 float(mean[s, y, k]), float(low[s, y, k]), float(high[s, y, k])]


def number(x, decimal_comma):
    text = f"{x:.6g}" if abs(x) < 1e6 else f"{x:.2f}"
    return text.replace(".", ",") if decimal_comma else text


def write_csv(path, rows, decimal_comma):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(HEADER) + "\r\n")
        for _, row in rows:
            cells = [str(c) if not isinstance(c, float) else number(c, decimal_comma) for c in row]
            f.write(";".join(cells) + "\r\n")


def write_xlsx(path, rows):
    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {}
    for variable, row in rows:
        if variable not in sheets:
            sheets[variable] = book.create_sheet(SHEETS.get(variable, variable)[:31])
            sheets[variable].append(HEADER)
        sheets[variable].append(row)
    book.save(path)


def main():
    werkstroom_files.exit_cleanly_on_signals()
    parser = argparse.ArgumentParser(prog="werkstroom export")
    parser.add_argument("binary")
    parser.add_argument("file")
    parser.add_argument("--gemeente", required=True)
    parser.add_argument("--format", required=True, choices=["csv", "xlsx"])
    parser.add_argument("--decimal-comma", action="store_true")
    parser.add_argument("--out")
    args = parser.parse_args()
    try:
        ds = werkstroom_files.open_results(args.file)
        ds["scenario"], ds["replication"]
    except Exception as e:  # noqa: BLE001 - any reason the file cannot be read is the user's input
        fail(f"{args.file}: not a werkstroom results file ({type(e).__name__})")
    gemeenten = [str(g) for g in ds["gemeente"].values]
    if args.gemeente != "all" and args.gemeente not in gemeenten:
        fail(f"{args.file}: --gemeente: no gemeente named '{args.gemeente}' (expected all or one of: "
             f"{', '.join(gemeenten)})")
    if args.decimal_comma and args.format != "csv":
        fail("--decimal-comma: only for --format csv (xlsx stores numbers, Excel shows them the Dutch way)")
    stem = os.path.splitext(os.path.basename(args.file))[0]
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(args.file)),
                                   f"{stem}-{args.gemeente.replace(' ', '_')}.{args.format}")
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        fail(f"{out}: --out: the folder does not exist")
    rows = list(rows_of(ds, yearly_variables(args.binary), args.gemeente))
    # Written next to the target and renamed: an interrupted export leaves no half-written file.
    fd, temp = tempfile.mkstemp(dir=folder, prefix=os.path.basename(out) + ".tmp")
    os.close(fd)
    try:
        write_csv(temp, rows, args.decimal_comma) if args.format == "csv" else write_xlsx(temp, rows)
        os.chmod(temp, 0o644)
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    print(f"{len(rows)} rows ({args.gemeente}) written to {out}")


if __name__ == "__main__":
    main()
