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
from cli_checks import check, one_line_error  # noqa: E402

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
    ds = xr.open_dataset(out)
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
    g, s1 = xr.open_dataset(grouped), xr.open_dataset(single)
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
    ds = xr.open_dataset(out)
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


globals()["test_" + NAME]()
print("ok")
