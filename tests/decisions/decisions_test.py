"""Integration tests of the decision tools: compare's summary and file statistics, sensitivity, replications per draw.

Usage: decisions_test.py WERKSTROOM_BINARY SOURCE_DIR WORK_DIR TEST_NAME
"""
import math
import os
import re
import subprocess
import sys

import numpy as np
import xarray as xr

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cli_checks import check, one_line_error, open_results  # noqa: E402

BIN, SOURCE, WORK, NAME = sys.argv[1:5]
BASELINE = os.path.join(SOURCE, "scenarios", "baseline.toml")
PILOT = os.path.join(SOURCE, "scenarios", "pilots", "p-wetters-in-dienst.toml")
UNCERTAIN = os.path.join(SOURCE, "scenarios", "variants", "statushouders-uncertain.toml")
os.makedirs(WORK, exist_ok=True)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=600)


def ok(result, what):
    check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr}")
    return result.stdout


def pilot_file(replications=6):
    out = os.path.join(WORK, "pilot.nc")
    ok(run("run", BASELINE, PILOT, "--replications", str(replications), "--out", out, "--overwrite", "--quiet"),
       "baseline and pilot run")
    return out


def test_compare_summary():
    out = pilot_file()
    text = ok(run("compare", out, "--against", "baseline"), "compare")
    lines = text.splitlines()
    check(len(lines) <= 40, f"the summary fits one screen, got {len(lines)} lines")
    for needle in ["p-wetters-in-dienst", "P(gain)", "futures", "in work", "break-even", "--detail"]:
        check(needle in text, f"summary mentions {needle}")
    detail = ok(run("compare", out, "--against", "baseline", "--detail", "--no-write"), "compare --detail")
    check("Tiel" in detail and "95%" in detail and len(detail.splitlines()) > len(lines), "--detail adds tables")


def test_compare_values():
    out = pilot_file(8)
    ok(run("compare", out, "--against", "baseline", "--write"), "compare")
    ds = open_results(out)
    s, b = list(ds.scenario.values).index("p-wetters-in-dienst"), list(ds.scenario.values).index("baseline")
    money = ds["money"].sel(item="operating_result").sum("gemeente")  # (scenario, replication, year)
    diff = (money.isel(scenario=s) - money.isel(scenario=b)).values  # (replication, year)
    q = ds["operating_result_region_diff_quantile"].isel(scenario=s).values  # (quantile, year)
    expected = np.quantile(diff, ds["quantile"].values, axis=0)
    check(np.allclose(q, expected, rtol=1e-9, atol=1e-3), f"quantiles agree: {q[:, -1]} vs {expected[:, -1]}")
    p = ds["operating_result_region_diff_p_positive"].isel(scenario=s).values
    check(np.allclose(p, (diff > 1e-6).mean(axis=0)), "P(gain) is the share of replications with a gain")
    mean = ds["operating_result_region_diff_mean"].isel(scenario=s).values
    check(np.allclose(mean, diff.mean(axis=0), atol=1e-3), "the mean agrees")
    cum = np.cumsum(diff, axis=1).mean(axis=0)
    be = float(ds["break_even_year_region"].isel(scenario=s))
    years = ds.year.values
    stays = [i for i in range(len(years)) if all(cum[j] >= -1e-6 for j in range(i, len(years)))]
    check((math.isnan(be) and not stays) or (stays and be == years[stays[0]]), f"break-even year {be}")
    states = list(ds.state.values)
    work = [st for st in ["regulier", "lks"] if st in states]
    stock = ds["headcount"].sel(state=work).sum(["state", "gemeente"])
    ends = stock.isel(time=[i for i, t in enumerate(ds.time.values)
                            if str(t)[5:10] == "01-01" and int(str(t)[:4]) - 1 in set(years.tolist())])
    extra = (ends.isel(scenario=s) - ends.isel(scenario=b)).mean("replication").values
    cost = ds["cost_per_extra_in_work_region"].isel(scenario=s).values
    check(np.allclose(cost[-1], -cum[-1] / extra[-1], rtol=1e-6), f"cost per extra person in work {cost[-1]}")
    tiel = list(ds.gemeente.values).index("Tiel")
    q_tiel = ds["operating_result_diff_quantile"].isel(scenario=s, gemeente=tiel).values
    diff_tiel = (ds["money"].sel(item="operating_result", gemeente="Tiel").isel(scenario=s) -
                 ds["money"].sel(item="operating_result", gemeente="Tiel").isel(scenario=b)).values
    check(np.allclose(q_tiel, np.quantile(diff_tiel, ds["quantile"].values, axis=0), atol=1e-3), "per gemeente")


ANALYTIC = """
[scenario]
name = "analytic-split"
description = "baseline + two yearly money items with uniform amounts: a share of 4/5 and 1/5 of the variance"

[money.items.test_groot]
description = "test item: uniform 0-300M per year, variance 4/5 of the two"
kind = "income"
per = "year"
amount = { distribution = "uniform", min = 0, max = 300000000 }
key = "population"

[money.items.test_klein]
description = "test item: uniform 0-150M per year, variance 1/5 of the two"
kind = "income"
per = "year"
amount = { distribution = "uniform", min = 0, max = 150000000 }
key = "population"
"""


def analytic_scenario():
    path = os.path.join(WORK, "analytic.toml")
    with open(path, "w") as f:
        f.write(f'extend = "{BASELINE}"\n' + ANALYTIC)
    return path


def indices(text):
    """{parameter: (index, standard error)} from the sensitivity table, as fractions."""
    found = {}
    for m in re.finditer(r"^\s+(\S+)\s+(-?[\d.]+)% ± ([\d.]+)%$", text, re.M):
        found[m.group(1)] = (float(m.group(2)) / 100, float(m.group(3)) / 100)
    return found


def test_sensitivity_analytic():
    out = os.path.join(WORK, "analytic.nc")
    n = 200
    ok(run("run", analytic_scenario(), "--replications", str(n), "--out", out, "--overwrite", "--quiet"), "run")
    text = ok(run("sensitivity", out, "--output", "operating_result", "--year", "2030"), "sensitivity")
    found = indices(text)
    big = [v for k, v in found.items() if "test_groot" in k]
    small = [v for k, v in found.items() if "test_klein" in k]
    check(big and small, f"both test items are listed: {text}")
    # The other parameters carry < 0.1% of the variance; binning loses 1/bins^2 of a linear effect. The
    # tolerance: four bootstrap standard errors (from the sample size) plus those small biases.
    for (value, se), expected in [(big[0], 0.8), (small[0], 0.2)]:
        check(abs(value - expected) <= 4 * se + 0.01, f"index {value} ± {se}, expected {expected}: {text}")
    first = text.splitlines()[2]
    check("test_groot" in first, f"the wider item is the main driver: {first}")


def test_replications_per_draw():
    scenario = analytic_scenario()
    k, n = 4, 80
    grouped = os.path.join(WORK, "grouped.nc")
    single = os.path.join(WORK, "single.nc")
    ok(run("run", scenario, "--replications", str(n), "--replications-per-draw", str(k), "--out", grouped,
           "--overwrite", "--quiet"), "grouped run")
    ok(run("run", scenario, "--replications", "2", "--out", single, "--overwrite", "--quiet"), "single run")
    g, s1 = open_results(grouped), open_results(single)
    draws = g["parameter_value"].isel(scenario=0).values  # (replication, parameter)
    for r in range(n):
        check(np.array_equal(draws[r], draws[(r // k) * k]), f"replication {r} shares the draw of its group")
    check(not np.array_equal(draws[0], draws[k]), "groups draw anew")
    check(np.array_equal(draws[0], s1["parameter_value"].isel(scenario=0, replication=0).values),
          "draw index r / k: replication 0 has the draw of replication 0 of a run without groups")
    check(np.array_equal(g["stock"].isel(scenario=0, replication=0).values,
                         s1["stock"].isel(scenario=0, replication=0).values),
          "replication 0 is the same simulation in both runs (a pure function of scenario, seed, replication)")
    check(not np.array_equal(g["stock"].isel(scenario=0, replication=1).values,
                             g["stock"].isel(scenario=0, replication=0).values),
          "replications that share a draw still differ by chance")
    check(int(g.attrs["replications_per_draw"]) == k, "the file records k")
    text = ok(run("sensitivity", grouped, "--output", "operating_result", "--year", "2030"), "sensitivity")
    m = re.search(r"parameters ([\d.]+)%, chance ([\d.]+)%", text)
    check(m and float(m.group(1)) > 99.0, f"the money draws dominate the variance: {text}")
    stock_text = ok(run("sensitivity", grouped, "--output", "regulier", "--year", "2030"), "sensitivity stock")
    m = re.search(r"parameters ([\d.]+)%, chance ([\d.]+)%", stock_text)
    check(m and float(m.group(2)) > 50.0, f"people in regular work vary mostly by chance here: {stock_text}")


def test_sensitivity_statushouders():
    out = os.path.join(WORK, "uncertain.nc")
    ok(run("run", UNCERTAIN, "--replications", "100", "--out", out, "--overwrite", "--quiet"), "run")
    # People: the taakstelling drives the bijstand stock. Money: since BUIG follows the national volume
    # (issue 12), a statushouder variant moves the BUIG result only by its deviation from the national path,
    # and the (unsourced, assumed) national BUIG trend becomes the largest driver of the operating result.
    text = ok(run("sensitivity", out, "--output", "bijstand", "--year", "2034"), "sensitivity")
    first = text.splitlines()[2]
    check("statushouders.future_per_half_year" in first, f"the taakstelling drives the bijstand stock: {text}")
    value, se = indices(text)["statushouders.future_per_half_year"]
    check(value > 0.5, f"and most of its variance: {value} ± {se}")
    text = ok(run("sensitivity", out, "--output", "operating_result", "--year", "2034"), "sensitivity")
    value, se = indices(text)["statushouders.future_per_half_year"]
    check(value - 4 * se < 0.44, f"money: the taakstelling's share no longer exceeds the frozen-BUIG 44%: {value}")


def test_bad_input():
    out = pilot_file(3)
    one_line_error(run("sensitivity", out, "--output", "nope", "--year", "2030"), "--output", "nope")
    one_line_error(run("sensitivity", out, "--output", "operating_result", "--year", "1990"), "--year", "1990")
    one_line_error(run("sensitivity", out, "--output", "operating_result", "--year", "2030", "--scenario", "x"),
                   "--scenario")
    one_line_error(run("sensitivity", out, "--output", "operating_result", "--year", "2030", "--gemeente", "Urk"),
                   "--gemeente", "Urk")
    one_line_error(run("run", BASELINE, "--replications-per-draw", "0"), "--replications-per-draw")


def test_export():
    import openpyxl
    out = pilot_file(5)
    xlsx = os.path.join(WORK, "tiel.xlsx")
    ok(run("export", out, "--gemeente", "Tiel", "--format", "xlsx", "--out", xlsx), "export xlsx")
    ds = open_results(out)
    money = ds["money"].sel(gemeente="Tiel", item="operating_result", year=2030)
    sheet = openpyxl.load_workbook(xlsx)["Geld"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    for scenario in ["baseline", "p-wetters-in-dienst"]:
        row = [r for r in rows if r["scenario"] == scenario and r["naam"] == "operating_result" and r["jaar"] == 2030]
        check(len(row) == 1, f"one row of {scenario} operating_result 2030")
        values = money.sel(scenario=scenario).values
        check(abs(row[0]["gemiddelde"] - values.mean()) < 1e-6 * max(1, abs(values.mean())), "mean agrees")
        check(abs(row[0]["p5"] - np.quantile(values, 0.05)) < 1e-3, "5% quantile agrees")
        check(abs(row[0]["p95"] - np.quantile(values, 0.95)) < 1e-3, "95% quantile agrees")
    book = openpyxl.load_workbook(xlsx)
    check({"Voorraden", "Stromen", "Persoonsjaren", "Geld"} <= set(book.sheetnames), f"sheets {book.sheetnames}")
    csv = os.path.join(WORK, "tiel.csv")
    ok(run("export", out, "--gemeente", "Tiel", "--format", "csv", "--decimal-comma", "--out", csv), "export csv")
    raw = open(csv, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel")
    lines = raw.decode("utf-8-sig").splitlines()
    check(lines[0].split(";")[0] == "scenario" and len(lines[0].split(";")) == 9, "; separated header")
    cells = lines[1].split(";")
    check("." not in cells[6] and ("," in "".join(l.split(";")[6] for l in lines[1:50])), "decimal comma")
    one_line_error(run("export", out, "--gemeente", "Urk", "--format", "csv", "--out",
                       os.path.join(WORK, "urk.csv")), "--gemeente", "Urk")
    check(not os.path.exists(os.path.join(WORK, "urk.csv")), "nothing written on bad input")
    one_line_error(run("export", os.path.join(WORK, "missing.nc"), "--gemeente", "all", "--format", "csv"),
                   "missing.nc")


PILOTS = [os.path.join(SOURCE, "scenarios", "pilots", f"{name}.toml")
          for name in ("p-wetters-in-dienst", "ondernemerschap", "nieuwe-doelgroepen")]


def pilots_file(replications=8):
    out = os.path.join(WORK, "pilots.nc")
    ok(run("run", BASELINE, *PILOTS, "--replications", str(replications), "--out", out, "--overwrite", "--quiet"),
       "baseline and pilots run")
    return out


def dutch_thousands(k_text):
    """compare's '-487k' / '+3698k' as the report writes it: '€ -487.000' / '€ +3.698.000' (0: '€ 0')."""
    value = int(k_text.rstrip("k")) * 1000
    digits = f"{abs(value):,}".replace(",", ".")
    return "€ " + ("-" if value < 0 else "+" if value > 0 else "") + digits


def compare_lines(out):
    """{pilot: {label: (mean, p5, p95, chance)}} from compare's printed summary."""
    text = ok(run("compare", out, "--against", "baseline"), "compare")
    found, pilot = {}, None
    for line in text.splitlines():
        if line and not line.startswith(" ") and not line.startswith("Whole") and not line.startswith("futures") \
                and not line.startswith("per year"):
            pilot = line.strip()
            found[pilot] = {}
        m = re.match(r"\s+(result [\d-]+) \(EUR\)\s+(\S+) \(95% CI .*futures (\S+)\.\.(\S+), median \S+\s+P\(gain\) "
                     r"(\d+)%", line)
        if m and pilot:
            found[pilot][m.group(1)] = m.groups()[1:]
    return text, found


def normalised(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2011", "-"))


def test_report():
    out = pilots_file()
    text, numbers = compare_lines(out)
    check(len(numbers) == 3, f"compare lists the three pilots: {list(numbers)}")
    # No negative "cost" of a pilot that pays, nor one per bijstand-year that was added rather than avoided.
    check("EUR -" not in text, f"no negative cost per person: {text}")
    checked = 0
    for block in text.split("\n\n"):
        cost = re.search(r"net cost up to 2034 per extra person in work: (.*?); per bijstand-year avoided: (.*?);", block)
        total = re.search(r"result 2025-2034 \(EUR\)\s+(\S+?)k", block)
        work = re.search(r"in work end 2034 \(persons\)\s+(\S+) ", block)
        years = re.search(r"bijstand 2025-2034 \(person-years\)\s+(\S+) ", block)
        if not (cost and total and work and years):
            continue
        per_work, per_year = cost.groups()
        checked += 1
        if float(work.group(1)) <= 0:
            check(per_work == "no extra persons in work", f"no cost per person without extra work: {block}")
        elif float(total.group(1)) >= 0:
            check(per_work == "none (net gain)", f"no cost per person of a pilot that pays: {block}")
        if float(years.group(1)) >= 0:
            check(per_year == "no bijstand-years avoided", f"no cost per bijstand-year added: {block}")
        elif float(total.group(1)) >= 0:
            check(per_year == "none (net gain)", f"no cost per bijstand-year of a pilot that pays: {block}")
    check(checked == 3, f"the cost lines of the three pilots: {checked}")
    pdf = os.path.join(WORK, "report.pdf")
    ok(run("report", out, "--against", "baseline", "--out", pdf), "report pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    check(pages == 1 + 3, f"a summary page and one page per pilot: {pages} pages")
    check("A4" in info or re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+", info), f"A4 pages: {info}")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    by_page = [normalised(t) for t in text.split("\f")]
    for n, (pilot, rows) in enumerate(numbers.items()):
        page = by_page[1 + n]
        check(f"Pilot {pilot}" in page, f"page {2 + n} is the page of {pilot}")
        cumulative = [k for k in rows if "-" in k.split()[-1]][0]
        mean, low, high, chance = rows[cumulative]
        for k_text in (mean, low, high):
            check(dutch_thousands(k_text) in page and dutch_thousands(k_text) in by_page[0],
                  f"{pilot}: {dutch_thousands(k_text)} (compare: {k_text}) on its page and the summary: {page}")
        check(f"kans op winst {chance}%" in page, f"{pilot}: P(gain) {chance}% on its page")
        for needle in ("Wat de pilot doet", "Break-even", "aannames", "seed 20251127", "Extra mensen aan het werk"):
            check(needle in page, f"{pilot}: '{needle}' on its page")
    check("Kans op winst" in by_page[0] and "Zo leest u dit" in by_page[0], "the summary explains itself")
    html = os.path.join(WORK, "report.html")
    ok(run("report", out, "--against", "baseline", "--out", html), "report html")
    page = open(html, encoding="utf-8").read()
    check(page.count('<section class="page">') == 1 + 3, "the HTML has the same pages")
    check("<svg" in page and page.lstrip().startswith("<!DOCTYPE html>"), "HTML with inline SVG charts")
    for pilot, rows in numbers.items():
        check(dutch_thousands(rows[[k for k in rows if "-" in k.split()[-1]][0]][0]).replace("€ ", "€\u00a0")
              in page or dutch_thousands(rows[[k for k in rows if "-" in k.split()[-1]][0]][0]) in page,
              f"{pilot}: the HTML has compare's mean")
    check(not [f for f in os.listdir(WORK) if ".tmp" in f], f"no temporary files left: {os.listdir(WORK)}")


def test_report_bad_input():
    out = pilots_file()
    target = os.path.join(WORK, "bad.pdf")
    cases = [(("report", os.path.join(WORK, "missing.nc"), "--against", "baseline", "--out", target), "missing.nc"),
             (("report", out, "--against", "basis", "--out", target), "basis"),
             (("report", out, "--against", "baseline", "--out", os.path.join(WORK, "bad.txt")), ".pdf or .html"),
             (("report", out, "--against", "baseline", "--out", os.path.join(WORK, "nope", "r.pdf")), "folder")]
    for args, needle in cases:
        one_line_error(run(*args), needle)
        check(not os.path.exists(target) and not os.path.exists(os.path.join(WORK, "bad.txt")),
              f"nothing written for {args}")
    alone = os.path.join(WORK, "alone.nc")
    ok(run("run", BASELINE, "--replications", "2", "--out", alone, "--overwrite", "--quiet"), "baseline run")
    one_line_error(run("report", alone, "--against", "baseline", "--out", target), "only")
    check(not os.path.exists(target), "nothing written without pilots")
    national = os.path.join(WORK, "national.nc")
    ok(run("run", os.path.join(SOURCE, "scenarios", "wsw-nationaal-2016.toml"),
           os.path.join(SOURCE, "scenarios", "wsw-nationaal-2016-calibrated.toml"), "--replications", "2", "--out",
           national, "--overwrite", "--quiet"), "national run")
    one_line_error(run("report", national, "--against", "wsw-nationaal-2016", "--out", target), "money items")
    check(not os.path.exists(target), "nothing written without money")
    check(not [f for f in os.listdir(WORK) if ".tmp" in f], f"no temporary files left: {os.listdir(WORK)}")
    # Stopped (SIGTERM) while it works: exit 143, and neither the report nor a temporary file in its folder.
    folder = os.path.join(WORK, "stopped")
    os.makedirs(folder, exist_ok=True)
    import signal
    import time
    for delay in (1.0, 4.0):
        # A report that finished before the signal (exit 0) is left, and so is one from an earlier test run.
        for leftover in os.listdir(folder):
            os.remove(os.path.join(folder, leftover))
        process = subprocess.Popen([BIN, "report", out, "--against", "baseline", "--out",
                                    os.path.join(folder, "r.pdf")], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=120)
        check(status in (143, 0), f"stopped after {delay} s: exit {status}")
        check(status == 0 or not os.listdir(folder), f"stopped after {delay} s: nothing left: {os.listdir(folder)}")


def test_sensitivity_against():
    out = os.path.join(WORK, "analytic-paired.nc")
    ok(run("run", BASELINE, analytic_scenario(), "--replications", "200", "--out", out, "--overwrite", "--quiet"),
       "run")
    text = ok(run("sensitivity", out, "--output", "operating_result", "--year", "2030", "--scenario",
                  "analytic-split", "--against", "baseline", "--cumulative", "--json"), "sensitivity --json")
    import json
    answer = json.loads(text)
    found = {d["parameter"]: (d["index"], d["standard_error"]) for d in answer["indices"]}
    big = [v for k, v in found.items() if "test_groot" in k]
    small = [v for k, v in found.items() if "test_klein" in k]
    check(big and small, f"both test items are listed: {text}")
    # The paired cumulative difference is the two items' sum times the years: the same 4/5 and 1/5 split, and
    # nothing else matters (the baseline's own draws cancel in the pair).
    for (value, se), expected in [(big[0], 0.8), (small[0], 0.2)]:
        check(abs(value - expected) <= 4 * se + 0.01, f"index {value} ± {se}, expected {expected}: {text}")
    check(answer["cumulative"] is True and answer["against"] == "baseline", f"the JSON says what it is: {text}")
    plain = indices(ok(run("sensitivity", out, "--output", "operating_result", "--year", "2030", "--scenario",
                           "analytic-split", "--against", "baseline", "--cumulative"), "sensitivity"))
    # (the table's parser takes names without spaces: those are the ones compared)
    check(all(k in plain for k in found if "test_" in k), f"the table lists the test items: {plain}")
    check(all(abs(plain[k][0] - v[0]) < 0.0006 for k, v in found.items() if k in plain),
          "the table and the JSON agree")
    for k, (value, se) in found.items():
        check("test_" in k or value <= 4 * se + 0.02, f"{k} explains nothing alone (noise only): {value} ± {se}")


TEST_PILOT = """
[money.items.test_kosten]
description = "test: a fixed yearly cost, so that the pilot clearly costs money (its interval excludes zero)"
kind = "cost"
per = "year"
amount = 300000
key = "population"

[money.items.test_subsidie]
description = "test: a whole-area income per year whose break-even amount follows from the pilot's result"
kind = "income"
per = "year"
amount = 0
key = "population"
"""


def test_breakeven_analytic():
    # A yearly income a for the pilot (which has a fixed yearly cost on top of its own) moves its cumulative result difference by a x years and nothing else (no
    # draws, no persons), so with common random numbers the break-even amount is -D(0) / years, and the 95%
    # interval's ends are -upper(0) / years and -lower(0) / years, with D(0) from compare on a run with a = 0.
    pilot = os.path.join(WORK, "test-pilot.toml")
    with open(pilot, "w") as f:
        f.write(f'extend = "{PILOT}"\n' + TEST_PILOT)
    n = 6
    zero = os.path.join(WORK, "breakeven-zero.nc")
    ok(run("run", BASELINE, pilot, "--replications", str(n), "--out", zero, "--overwrite", "--quiet"), "run")
    compared = os.path.join(WORK, "breakeven-zero-compared.nc")
    if os.path.exists(compared):
        os.remove(compared)
    ok(run("compare", zero, "--against", "baseline", "--out", compared), "compare")
    ds = open_results(compared)
    years = len(ds.year)
    at = {k: float(ds[f"operating_result_cumulative_region_diff_{k}"].sel(scenario="p-wetters-in-dienst")
                   .isel(year=-1)) for k in ("mean", "lower", "upper")}
    check(at["upper"] < 0, f"the test needs a pilot that clearly costs money: {at}")
    low, high, tolerance = 0.0, 1000000.0, 0.01
    text = ok(run("breakeven", BASELINE, "--pilot", pilot, "--effect", "money.items.test_subsidie.amount",
                  "--from", str(low), "--to", str(high), "--replications", str(n), "--tolerance", str(tolerance)),
              "breakeven")
    m = re.search(r"break-even effect: (\S+) \(95% interval (\S+) \.\. (\S+);", text)
    check(m, f"a break-even effect is reported: {text}")
    step = tolerance * (high - low)
    expected = (-at["mean"] / years, -at["upper"] / years, -at["lower"] / years)
    for found, value in zip(m.groups(), expected):
        check(abs(float(found.rstrip(";")) - value) <= step, f"{found} vs {value:.0f} (± {step:.0f}): {text}")
    # From the results file: its scenario files, seed and replications.
    from_file = ok(run("breakeven", zero, "--pilot", "p-wetters-in-dienst", "--effect",
                       "money.items.test_subsidie.amount", "--from", str(low), "--to", str(high), "--tolerance",
                       "0.1"), "breakeven from a results file")
    m2 = re.search(r"break-even effect: (\S+) ", from_file)
    check(m2 and abs(float(m2.group(1)) - expected[0]) <= 0.1 * (high - low), f"the same root: {from_file}")
    # No root in the bracket: said so, exit 0.
    none = ok(run("breakeven", BASELINE, "--pilot", pilot, "--effect", "money.items.test_subsidie.amount",
                  "--from", "0", "--to", "1000", "--replications", str(n)), "breakeven without a root")
    check("no break-even in [0, 1000]" in none, f"no root is reported clearly: {none}")


def test_breakeven_bad_input():
    pilot = PILOT
    effect = "pilots.p_wetters_in_dienst.outflow.regulier"
    cases = [(("breakeven", os.path.join(WORK, "missing.toml"), "--pilot", pilot, "--effect", effect), "missing"),
             (("breakeven", BASELINE, "--pilot", pilot, "--effect", "pilots.p_wetters_in_dienst.nope"), "nope"),
             (("breakeven", BASELINE, "--pilot", pilot, "--effect", "pilots.p_wetters_in_dienst.age_min"),
              "--from"),
             (("breakeven", BASELINE, "--pilot", "p-wetters", "--effect", effect), "--pilot"),
             (("breakeven", BASELINE, "--pilot", pilot, "--effect", effect, "--from", "2", "--to", "1"), "from < to"),
             (("breakeven", pilot_file(3), "--pilot", "nope", "--effect", effect), "nope")]
    for args, needle in cases:
        one_line_error(run(*args), needle)


globals()["test_" + NAME]()
print("ok")
