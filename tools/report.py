#!/usr/bin/python3
"""werkstroom report: a Dutch A4 board report (PDF or HTML) of the pilots in a results file, called by
`werkstroom report`.

Usage: report.py WERKSTROOM_BINARY FILE --against BASELINE --out report.pdf|report.html

No statistics are computed here: the numbers are the ones `werkstroom compare` computes (it is run with
`--out` on a temporary copy and the report reads the variables it adds: `*_region_diff_*`, `cost_per_*`,
`break_even_year_region`), the driving assumptions are `werkstroom sensitivity --against --cumulative --json`
(first-order indices of the paired cumulative result difference, from the stored parameter draws). This script
only formats them (Dutch number format), draws the charts (matplotlib SVG), fills templates/report.html.j2
(Jinja2) and, for .pdf, renders it with WeasyPrint. The output is written to a temporary file next to the target
and renamed: an interrupted or failed report leaves no file. Bad input: one line on stderr, exit 2.
"""
import argparse
import io
import json
import os
import shutil
import sys
import tempfile

import werkstroom_files

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
MINUS = "-"


def fail(message):
    print(f"werkstroom report: {message}", file=sys.stderr)
    sys.exit(2)


# ---- Dutch number format -------------------------------------------------------------------------------------

def grouped(value, decimals=0):
    """1234567.8 -> '1.234.568' (decimals=0) or '1.234.567,8'; the sign is left to the caller."""
    text = f"{abs(value):,.{decimals}f}"  # '1,234,567.8'
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def euro(value, sign=False):
    """Whole euros rounded to thousands: '€ 1.234.000', '€ -653.000' (sign: '€ +43.000'); a no-break space."""
    if value is None or value != value:
        return "–"
    rounded = round(value / 1000.0) * 1000
    prefix = MINUS if rounded < 0 else ("+" if sign and rounded > 0 else "")
    return f"€\u00a0{prefix}{grouped(rounded)}"  # no break between € and the amount


def persons(value, sign=True, decimals=1):
    if value is None or value != value:
        return "–"
    rounded = round(value, decimals)
    prefix = MINUS if rounded < 0 else ("+" if sign and rounded > 0 else "")
    return prefix + grouped(rounded, decimals)


def percent(share, decimals=0):
    """0.123 -> '12%' (decimals=0) or '12,3%'."""
    if share is None or share != share:
        return "–"
    return grouped(100 * share, decimals) + "%"


# ---- the numbers, from compare's output ----------------------------------------------------------------------

def run_tool(binary, *args):
    return werkstroom_files.run_tool(binary, "werkstroom report", *args)


def scenario_files(ds):
    """{scenario name: (path, description)} of the scenarios' own files, and every stored file (path, TOML)."""
    stored = werkstroom_files.stored_scenarios(ds)
    named = {name: (path, werkstroom_files.scenario_value(stored, path, "description") or "")
             for name, path in werkstroom_files.scenario_files(stored).items()}
    return named, [(path, data) for path, _, data in stored]


def assumption_of(key, files):
    """The value a scenario file gives a key path (the pilot's own file first), as Dutch text."""
    for _, data in files:
        node = data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                break
        if node is None:
            continue
        if isinstance(node, dict) and "distribution" in node:
            def fmt(x):
                text = grouped(x, 0) if abs(x) >= 100 else grouped(x, 3).rstrip("0").rstrip(",")
                return (MINUS if x < 0 and text != "0" else "") + text
            if {"min", "max"} <= node.keys():
                mode = f", meest waarschijnlijk {fmt(node['mode'])}" if "mode" in node else ""
                return f"{node['distribution']} {fmt(node['min'])} tot {fmt(node['max'])}{mode}"
            return str(node["distribution"])
        return str(node)
    return ""


def series(ds, name, s):
    """The whole-area statistics compare wrote for one outcome: mean, CI, quantiles, P(> 0) per year."""
    prefix = f"{name}_region_diff_"
    q = ds[prefix + "quantile"].isel(scenario=s)
    return {
        "mean": ds[prefix + "mean"].isel(scenario=s).values,
        "lower": ds[prefix + "lower"].isel(scenario=s).values,
        "upper": ds[prefix + "upper"].isel(scenario=s).values,
        "p": ds[prefix + "p_positive"].isel(scenario=s).values,
        "q": {round(float(p), 2): q.sel(quantile=p).values for p in ds["quantile"].values},
    }


# ---- charts --------------------------------------------------------------------------------------------------

def svg(figure):
    import matplotlib.pyplot as plt
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def euro_axis(axis):
    from matplotlib.ticker import FuncFormatter
    axis.yaxis.set_major_formatter(FuncFormatter(lambda v, _: euro(v)))


def fan_chart(years, st, title, ylabel, money):
    import matplotlib.pyplot as plt
    figure, axis = plt.subplots(figsize=(4.3, 2.5))
    axis.fill_between(years, st["q"][0.05], st["q"][0.95], color="#9ecae1", label="90% van de uitkomsten")
    axis.fill_between(years, st["q"][0.25], st["q"][0.75], color="#4292c6", label="50% van de uitkomsten")
    axis.plot(years, st["mean"], color="#08306b", linewidth=2, label="gemiddelde")
    axis.axhline(0, color="black", linewidth=0.8)
    axis.set_title(title, fontsize=9)
    axis.set_ylabel(ylabel, fontsize=8)
    axis.set_xticks(years[::2])
    axis.tick_params(labelsize=7)
    if money:
        euro_axis(axis)
    axis.legend(fontsize=6.5, loc="best", frameon=False)
    axis.grid(axis="y", color="#dddddd", linewidth=0.5)
    return svg(figure)


def summary_chart(pilots):
    import matplotlib.pyplot as plt
    figure, axis = plt.subplots(figsize=(7.2, 0.7 + 0.6 * len(pilots)))
    for i, p in enumerate(reversed(pilots)):
        st, last = p["result_cum"], -1
        axis.plot([st["q"][0.05][last], st["q"][0.95][last]], [i, i], color="#9ecae1", linewidth=10,
                  solid_capstyle="butt")
        axis.plot([st["q"][0.25][last], st["q"][0.75][last]], [i, i], color="#4292c6", linewidth=10,
                  solid_capstyle="butt")
        axis.plot([st["mean"][last]], [i], marker="D", color="#08306b")
    axis.axvline(0, color="black", linewidth=0.8)
    axis.set_yticks(range(len(pilots)))
    axis.set_yticklabels([p["name"] for p in reversed(pilots)], fontsize=8)
    axis.set_ylim(-0.6, len(pilots) - 0.4)
    axis.set_title("Bedrijfsresultaat t.o.v. de basis, opgeteld over de looptijd: gemiddelde (ruit), "
                   "50% en 90% van de uitkomsten", fontsize=8.5)
    from matplotlib.ticker import FuncFormatter
    axis.xaxis.set_major_formatter(FuncFormatter(lambda v, _: euro(v)))
    axis.tick_params(axis="x", labelsize=7.5)
    axis.grid(axis="x", color="#dddddd", linewidth=0.5)
    return svg(figure)


# ---- pages ---------------------------------------------------------------------------------------------------

def cost_text(cost, gained, what):
    """Cost per person gained, only where there is a cost and something gained (as compare prints it)."""
    if not gained > 0:
        return f"geen {what}"
    if cost <= 0:
        return "geen: de pilot levert geld op"
    return euro(cost)


def verdict(p_gain):
    """The predictive verdict on money, from the chance of a gain (as notebook 04)."""
    if p_gain >= 0.9:
        return "waarschijnlijk winst"
    if p_gain <= 0.1:
        return "waarschijnlijk verlies"
    return "onzeker"


def pilot_pages(binary, ds, baseline, named, parsed, file):
    years = [int(y) for y in ds["year"].values]
    first, last = years[0], years[-1]
    names = [str(s) for s in ds["scenario"].values]
    pilots = []
    for s, name in enumerate(names):
        if name == baseline:
            continue
        path, description = named.get(name, ("", ""))
        result_cum = series(ds, "operating_result_cumulative", s)
        result = series(ds, "operating_result", s)
        work = series(ds, "in_work", s)
        benefit = series(ds, "benefit_years_cumulative", s)
        cost_work = float(ds["cost_per_extra_in_work_region"].isel(scenario=s).values[-1])
        cost_benefit = float(ds["cost_per_benefit_year_avoided_region"].isel(scenario=s).values[-1])
        be = float(ds["break_even_year_region"].isel(scenario=s).values)
        if be != be:
            break_even = f"na {last}"
        elif int(be) == first:
            break_even = f"direct ({first})"
        else:
            break_even = str(int(be))
        sens = json.loads(run_tool(binary, "sensitivity", file, "--output", "operating_result", "--year",
                                   str(last), "--scenario", name, "--against", baseline, "--cumulative", "--json"))
        own = [f for f in parsed if f[0] == path] + [f for f in parsed if f[0] != path]
        drivers = [{"name": d["parameter"], "share": percent(max(d["index"], 0.0)),
                    "se": grouped(100 * d["standard_error"], 0), "assumption": assumption_of(d["parameter"], own)}
                   for d in sens["indices"] if d["index"] >= 0.005][:5]
        L = -1
        pilots.append({
            "name": name,
            "description": description,
            "path": path,
            "result_cum": result_cum,
            "rows": [
                {"what": f"Bedrijfsresultaat {first}–{last}, opgeteld", "mean": euro(result_cum["mean"][L], True),
                 "band": f"{euro(result_cum['q'][0.05][L], True)} tot {euro(result_cum['q'][0.95][L], True)}",
                 "chance": "kans op winst " + percent(result_cum["p"][L])},
                {"what": f"Bedrijfsresultaat in {last}", "mean": euro(result["mean"][L], True),
                 "band": f"{euro(result['q'][0.05][L], True)} tot {euro(result['q'][0.95][L], True)}",
                 "chance": "kans op winst " + percent(result["p"][L])},
                {"what": f"Extra mensen aan het werk, eind {last}", "mean": persons(work["mean"][L]),
                 "band": f"{persons(work['q'][0.05][L])} tot {persons(work['q'][0.95][L])}",
                 "chance": "kans op meer " + percent(work["p"][L])},
                {"what": f"Bijstandsjaren {first}–{last}", "mean": persons(benefit["mean"][L]),
                 "band": f"{persons(benefit['q'][0.05][L])} tot {persons(benefit['q'][0.95][L])}",
                 "chance": "kans op minder " + percent(1 - benefit["p"][L])},
            ],
            "ci": f"{euro(result_cum['lower'][L], True)} tot {euro(result_cum['upper'][L], True)}",
            "cost_work": cost_text(cost_work, work["mean"][L], "extra mensen aan het werk"),
            "cost_work_short": cost_text(cost_work, work["mean"][L], "extra werkenden").replace(
                "geen: de pilot levert geld op", "levert geld op"),
            "cost_benefit": cost_text(cost_benefit, -benefit["mean"][L], "vermeden bijstandsjaren"),
            "break_even": break_even,
            "gain": percent(result_cum["p"][L]),
            "verdict": verdict(result_cum["p"][L]),
            "mean": euro(result_cum["mean"][L], True),
            "band": f"{euro(result_cum['q'][0.05][L], True)} tot {euro(result_cum['q'][0.95][L], True)}",
            "work": persons(work["mean"][L]),
            "drivers": drivers,
            "drivers_sum": percent(sum(max(d["index"], 0.0) for d in sens["indices"])),
            "parameter_share": None if sens["parameter_share"] is None else percent(sens["parameter_share"]),
            "chart_result": fan_chart(years, result_cum, f"Bedrijfsresultaat, opgeteld vanaf {first}", "euro",
                                      True),
            "chart_work": fan_chart(years, work, "Extra mensen aan het werk op 31 december", "personen", False),
        })
    return pilots


def render(binary, file, baseline, stdout_of_compare):
    import matplotlib
    matplotlib.use("svg")
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    ds = werkstroom_files.open_results(stdout_of_compare)
    named, parsed = scenario_files(ds)
    pilots = pilot_pages(binary, ds, baseline, named, parsed, file)
    years = [int(y) for y in ds["year"].values]
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("report.html.j2")
    return template.render(
        pilots=pilots, baseline=baseline, first=years[0], last=years[-1],
        baseline_description=named.get(baseline, ("", ""))[1],
        replications=int(ds.attrs.get("replications", ds.sizes["replication"])),
        seed=ds.attrs.get("seed", "?"), source=ds.attrs.get("source", "?"), commit=ds.attrs.get("git_commit", "?"),
        file=os.path.basename(file), summary_chart=summary_chart(pilots) if pilots else "",
        inputs=[p for p, _ in parsed])


def main():
    werkstroom_files.exit_cleanly_on_signals()
    parser = argparse.ArgumentParser(prog="werkstroom report")
    parser.add_argument("binary")
    parser.add_argument("file")
    parser.add_argument("--against", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    kind = os.path.splitext(args.out)[1].lower()
    if kind not in (".pdf", ".html"):
        fail(f"{args.out}: --out: expected a file name ending in .pdf or .html")
    folder = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(folder):
        fail(f"{args.out}: --out: the folder does not exist")
    if os.path.isdir(args.out) or (os.path.lexists(args.out) and not os.path.isfile(args.out)):
        fail(f"{args.out}: --out: expected a regular file")
    work = tempfile.mkdtemp(prefix="werkstroom-report-")
    try:
        compared = os.path.join(work, "compared.nc")
        # compare checks the file and the baseline (one line, exit 2) and writes its statistics to the copy.
        run_tool(args.binary, "compare", args.file, "--against", args.against, "--out", compared)
        with werkstroom_files.open_results(compared) as ds:
            names = [str(s) for s in ds["scenario"].values]
            needed = [f"{v}_region_diff_quantile" for v in ("operating_result_cumulative", "operating_result",
                                                            "in_work", "benefit_years_cumulative")]
            missing = [v for v in needed if v not in ds]
        if len(names) < 2:
            fail(f"{args.file}: holds only the scenario '{args.against}'; expected a run with pilots too")
        if missing:
            fail(f"{args.file}: compare gives no {', '.join(missing)}; expected a run with money items "
                 "(operating_result) and the regulier, lks and bijstand states")
        page = render(args.binary, args.file, args.against, compared)
        # Written next to the target and renamed: an interrupted report leaves no half-written file.
        fd, temp = tempfile.mkstemp(dir=folder, prefix=os.path.basename(args.out) + ".tmp")
        os.close(fd)
        try:
            if kind == ".html":
                with open(temp, "w", encoding="utf-8") as f:
                    f.write(page)
            else:
                from weasyprint import HTML
                HTML(string=page, base_url=TEMPLATE_DIR).write_pdf(temp)
            os.chmod(temp, 0o644)
            os.replace(temp, args.out)
        finally:
            if os.path.exists(temp):
                os.remove(temp)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"report of {len(names) - 1} pilot(s) against '{args.against}' written to {args.out}")


if __name__ == "__main__":
    main()
