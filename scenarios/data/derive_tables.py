#!/usr/bin/python3
"""Writes the derived data tables of the scenarios from the sourced ones, with the arithmetic in comment lines.

Run from anywhere: /usr/bin/python3 scenarios/data/derive_tables.py   (standard library only)
Derived here: initial_population.csv (baseline), wsw_nationaal_2016_initial.csv, wsw_werkzaak_2015_initial.csv,
capacity_beschut.csv, capacity_tussengroep.csv, statushouder_work_hazard.csv, bijstand_exit_by_duration.csv and
bijstand_2021_initial.csv (the bijstand backcast; bijstand_stock.py holds the bijstand stock's arithmetic). Every
number is either computed from a sourced CSV in this
folder or set below as a named assumption; the source column of each row says which.
"""
import math

import bijstand_stock as bs

from tables_io import read, write

gemeenten = read("gemeenten.csv")
inhabitants = {g["gemeente"]: float(g["inhabitants"]) for g in gemeenten}
pw = [g["gemeente"] for g in gemeenten if g["participatiewet_at_werkzaak"] == "true"]
all8 = [g["gemeente"] for g in gemeenten]
pw_total = sum(inhabitants[g] for g in pw)
all_total = sum(inhabitants[g] for g in all8)

# --- Wsw, national stock 2016-01-01 (wsw_national_composition.csv, 2015 row) -----------------------------------
# Six age bands; under 27 = 4% and 45+ = 68% are the sourced shares; the split inside 27-45 and 45-65.25 is
# chosen so that the mean age (uniform within each band) is 48.6. The top band ends at 65.25: whoever turned 65y3m
# (the AOW age of 2015) before 2016-01-01 was retired by then.
WSW_2016_BANDS = [(18, 27, 0.04), (27, 35, 0.09), (35, 45, 0.19), (45, 55, 0.342), (55, 60, 0.19), (60, 65.25, 0.148)]
WSW_MEN = 0.70  # assumption: share of men in the Wsw (no source in shared/domain)
mean_2016 = sum((lo + hi) / 2 * w for lo, hi, w in WSW_2016_BANDS)
over45 = sum(w for lo, hi, w in WSW_2016_BANDS if lo >= 45)
assert abs(mean_2016 - 48.6) < 0.02 and abs(over45 - 0.68) < 1e-9
national = 96300  # wsw_national.csv, end 2015
counts = [round(national * w) for _, _, w in WSW_2016_BANDS]
counts[3] += national - sum(counts)

INITIAL_COLUMNS = ["gemeente", "state", "sex", "age_lower", "age_upper", "group", "count", "duration_min", "duration_max",
                   "source"]  # the [initial_population] table


def wsw_rows(cells, duration_min, duration_cap):
    """One row per cell (gemeente, age_lower, age_upper, persons, source(sex share)) and sex (70/30, assumption);
    durations from duration_min up to the years since age 18, at most duration_cap."""
    out = []
    for g, lo, hi, n, source in cells:
        for sex, share in (("men", WSW_MEN), ("women", round(1 - WSW_MEN, 2))):
            out.append([g, "wsw", sex, lo, hi, "general", n * share, duration_min, min(hi - 18, duration_cap),
                        source(share)])
    return out


rows = wsw_rows([("Nederland", lo, hi, n, lambda s, w=w: f"derived: {national} (wsw_national.csv 2015) x band share "
                  f"{w} x sex share {s} (assumption)") for (lo, hi, w), n in zip(WSW_2016_BANDS, counts)], 1, 40)
write("wsw_nationaal_2016_initial.csv", [
    "Wsw stock of the Netherlands on 2016-01-01 (96,300 persons at end 2015, wsw_national.csv).",
    "Band shares reproduce wsw_national_composition.csv 2015 (under 27: 4%, 45 and over: 68%, mean age 48.6):",
    f"  45+: 0.342 + 0.19 + 0.148 = {over45:.3f}; under 27: 0.04;",
    "  mean (uniform within bands) = 0.04*22.5 + 0.09*31 + 0.19*40 + 0.342*50 + 0.19*57.5 + 0.148*62.625 = "
    f"{mean_2016:.3f}",
    "The top band ends at 65.25: whoever reached 65y3m, the AOW age of 2015 (aow_schedule.csv), in 2015 had retired.",
    "Sex split 70/30: assumption.",
    "Durations: everyone entered before 2015-01-01, so at least 1 year in the Wsw on 2016-01-01 (from age 18 on).",
], INITIAL_COLUMNS, rows)

# --- Wsw at Werkzaak on 2015-07-01 (the regional backcast, wsw-werkzaak-2015.toml) -----------------------------
# LANDER, the Wsw company that became Werkzaak's Wsw part, had about 1,300 Wsw workers in mid 2015 (Nieuwsblad
# Geldermalsen; docs/sources.md#wsw-regional). No regional age mix is published: the national mix of
# 2016-01-01 above is used (assumption; the regional stock is taken to be as old as the national one), split over
# the 8 gemeenten by population share (assumption). Durations: everyone entered before 2015-01-01.
WSW_WERKZAAK_2015 = 1300
rows = wsw_rows([(g, lo, hi, WSW_WERKZAAK_2015 * inhabitants[g] / all_total * w,
                  lambda s, w=w, p=inhabitants[g] / all_total: f"derived: {WSW_WERKZAAK_2015} (LANDER mid 2015) x "
                  f"population share {p:.4f} x national band share {w} (assumption) x sex share {s} (assumption)")
                 for g in all8 for lo, hi, w in WSW_2016_BANDS], 0.5, 40)
write("wsw_werkzaak_2015_initial.csv", [
    "Wsw stock of Werkzaak's 8 gemeenten on 2015-07-01: about 1,300 persons (LANDER, mid 2015; sources.md#wsw-regional).",
    "Age bands: the national shares of 2016-01-01 (wsw_nationaal_2016_initial.csv; assumption: no regional mix is",
    "published). Split over the gemeenten by population share and 70/30 men/women: assumptions. Durations >= 0.5 years.",
], INITIAL_COLUMNS, rows)

# --- Wsw at Werkzaak on 2025-01-01 ---------------------------------------------------------------------------
# The regional backcast (wsw-werkzaak-2015-calibrated.toml: LANDER's ~1,300 in mid 2015, the level of vertrokken
# fitted to ~1,100 in 2018-2019) at its fitted values, run with 200 replications:
#   werkstroom run scenarios/wsw-werkzaak-2015.toml + rates at the fit's mode (uitval 0.00602994, vertrokken
#   0.0114118; tests/calibration/baseline_check.py reruns it and compares): 1,100.8 on 2019-01-01, 834.8 on
#   2024-01-01 and 783.0 on 2025-01-01 (5-95% 760-807 from the random exits alone), with the 2025 age shares below
#   (stock_region; the 0.3% younger than 28 are counted in the first band).
WSW_2025 = 783.0
WSW_2025_BANDS = [(28, 35, 0.0415), (35, 45, 0.1388), (45, 55, 0.2680), (55, 60, 0.2311), (60, 64, 0.1790),
                  (64, 67, 0.1416)]
wsw_2025 = WSW_2025

# --- Participatiewet stocks (the 6 gemeenten with Participatiewet at Werkzaak) --------------------------------
# bijstand on 2025-01-01: 2,700 (Werkzaak 2019, bijstand_regional.csv) held flat to 2025 (assumption); Tiel and
# West Betuwe at their 2022 figures (971, 409), the remaining 1,320 split over the other four by population share.
# The backcast of the bijstand calibration (bijstand-gemeenten-2021.toml) starts on 2021-01-01 from Tiel and West
# Betuwe's 2020 figures (1,032, 425: each year's figure read as the stock at its end), the other four as in 2025
# (assumption: stationary, the stock the baseline starts from; no series for them).
BIJSTAND_TOTAL = 2700
bijstand_known = {"Tiel": 971, "West Betuwe": 409}
bijstand_2020 = {"Tiel": 1032, "West Betuwe": 425}
rest = [g for g in pw if g not in bijstand_known]
rest_total = sum(inhabitants[g] for g in rest)
bijstand = dict(bijstand_known)
for g in rest:
    bijstand[g] = (BIJSTAND_TOTAL - sum(bijstand_known.values())) * inhabitants[g] / rest_total
bijstand_start_2021 = dict(bijstand, **bijstand_2020)
BIJSTAND_AGES = [(18, 27, 0.12), (27, 45, 0.40), (45, 55, 0.22), (55, 67, 0.26)]  # assumption (docs/sources.md)
BIJSTAND_WOMEN = 0.52  # assumption
STATUSHOUDER_AGES = [(18, 27, 0.35), (27, 45, 0.45), (45, 67, 0.20)]  # as baseline.toml [statushouders]
STATUSHOUDER_WOMEN = 0.4  # as baseline.toml [statushouders]

# Other Participatiewet states, regional totals split by population share over the 6 gemeenten.
# (state, total, age bands, share of men, duration range, source of the total)
PW_STATES = [
    ("lks", 240, [(18, 27, 0.20), (27, 45, 0.45), (45, 67, 0.35)], 0.60, (0, 5),
     "derived: ~200 LKS in the region (2019, Omroep Gelderland) grown ~3%/year to 2025 = 240 (assumption)"),
    ("beschut", 142, [(18, 27, 0.35), (27, 45, 0.40), (45, 67, 0.25)], 0.60, (0, 10),
     "derived: 2025 beschut places 142 = 728,400 EUR / 5,128 EUR per place (sources.md#money reading), all filled"),
    ("beschut_wacht", 20, [(18, 27, 0.60), (27, 67, 0.40)], 0.60, (0, 1),
     "assumption: 20 persons with a beschut advice waiting at the start (places lag behind, sources.md#beschut-tussengroep-lks)"),
    ("tussengroep", 40, [(18, 27, 0.30), (27, 45, 0.40), (45, 67, 0.30)], 0.55, (0, 1),
     "assumption: 40 persons already in tussengroep-like trajectories before the 2025 funding"),
    ("regulier", 375, [(18, 27, 0.30), (27, 45, 0.40), (45, 55, 0.15), (55, 67, 0.15)], 0.50, (0, 1.5),
     "derived: the 1.5-year window x the bijstand->regulier flow 0.0925/year x 2,700 = 375 (assumption)"),
]

# Duration dependence of the bijstand exits (bijstand_stock.py): the normalised profile, written as the
# by_duration table of bijstand->regulier and bijstand->vertrokken, and the stationary durations of the stock.
profile, profile_scale = bs.normalised_profile()
bands = bs.duration_bands(profile)
stock5, out3, out05 = bs.checks(profile)
write("bijstand_exit_by_duration.csv", [
    "Multiplier of bijstand->regulier and bijstand->vertrokken by years in bijstand (by_duration in baseline.toml).",
    f"Assumption (shape): relative hazards {bs.BIJSTAND_DURATION_PROFILE} on [0, 0.5), [0.5, 3), 3+ years, scaled by",
    f"{profile_scale:.4f} so that a stationary stock keeps the mean exit hazard of the constant rates (outflow ~25%",
    f"of the stock a year). Stationary stock: {stock5:.0%} at 5+ years (CBS 2017: 36%); outflow {out3:.0%} after 3+",
    f"years (CBS 2017: ~25%), {out05:.0%} within half a year (~25%); see bijstand_stock.py. Statushouders:",
    f"by_group statushouder = 1 / {profile[1]:.4f} = {1 / profile[1]:.4f} on bijstand->regulier (baseline.toml).",
], ["from", "multiplier", "source"],
    [[lo, m, f"assumption: relative hazard {raw} x {profile_scale:.4f} (normalised; checked against CBS 2017, "
             "bijstand_stock.py)"]
     for lo, m, raw in zip([0.0] + bs.DURATION_BREAKS, profile, bs.BIJSTAND_DURATION_PROFILE)])


def bijstand_rows(start_year, totals, source_of):
    """Bijstand cells on 1 January of start_year: flagged statushouders by permit year, the rest general with the
    stationary durations (in the 18-27 band the longest durations are cut at 5 years)."""
    out = []
    for g in pw:
        cohorts = bs.statushouders_in_stock(start_year, inhabitants[g], profile)
        flagged = sum(cohorts.values())
        general = totals[g] - flagged
        for lo, hi, w in BIJSTAND_AGES:
            for sex, s in (("men", round(1 - BIJSTAND_WOMEN, 2)), ("women", BIJSTAND_WOMEN)):
                for dlo, band_hi, ds in bands:
                    dhi = band_hi if lo >= 27 else min(band_hi, 5.0)  # nobody under 27 on bijstand since before 18
                    out.append([g, "bijstand", sex, lo, hi, "general", general * w * s * ds, dlo, dhi,
                                f"{source_of(g)} minus {flagged:.1f} statushouders; age share {w}, sex share {s}: "
                                f"assumption; duration share {ds:.4f} (stationary, bijstand_stock.py)"])
        for year, n in sorted(cohorts.items()):
            since_min, since_max = max(0.0, start_year - year - 1), start_year - year
            dmin = max(0.0, since_min - bs.LEAD_MAX)
            dmax = max(dmin, since_max - bs.LEAD_MIN)
            for lo, hi, w in STATUSHOUDER_AGES:
                for sex, s in (("men", round(1 - STATUSHOUDER_WOMEN, 2)), ("women", STATUSHOUDER_WOMEN)):
                    out.append([g, "bijstand", sex, lo, hi, "statushouder", n * w * s, dmin, dmax,
                                f"derived: permits {year} still in bijstand (taakstelling x population share x adult "
                                f"share 0.6 x stay probability, bijstand_stock.py); age/sex shares as [statushouders]",
                                bs.LEAD_MIN, bs.LEAD_MAX])
    return out


def pw_state_rows():
    out = []
    for state, total, ages, men, (dmin, dmax), src in PW_STATES:
        for g in pw:
            share = inhabitants[g] / pw_total
            for lo, hi, w in ages:
                for sex, s in (("men", men), ("women", round(1 - men, 2))):
                    out.append([g, state, sex, lo, hi, "general", total * share * w * s, dmin, min(dmax, lo),
                                f"{src}; x population share {share:.4f}; age/sex shares: assumption"])
    return out


# --- Capacities ------------------------------------------------------------------------------------------------
funding = [r for r in read("funding_werkzaak_2025_2034.csv") if r["year"] != "structural"]
BESCHUT_EUR_PER_PLACE = 5128  # sources.md#money: the reading that gives ~142 places in 2025 (unverified)
write("capacity_beschut.csv", [
    "Beschut werk places at Werkzaak per year (one regional pool) = beschut_werk_eur / 5,128 EUR per place.",
    "The per-place amount is a reading of the funding column (sources.md#money), unverified: an assumption.",
    "Rounded to whole places.",
], ["year", "places", "source"],
    [[int(r["year"]), round(float(r["beschut_werk_eur"]) / BESCHUT_EUR_PER_PLACE),
      f"derived: {r['beschut_werk_eur']} EUR (funding_werkzaak_2025_2034.csv) / 5,128 EUR per place (assumption)"]
     for r in funding])
TUSSENGROEP_EUR_PER_PLACE = 35e6 / 10000  # structural Rijksbijdrage 35M for 10,000 places (sources.md#beschut-tussengroep-lks)
write("capacity_tussengroep.csv", [
    "Tussengroep places at Werkzaak per year (one regional pool, Participatiewet gemeenten only) =",
    "rijksbijdrage_sociale_infrastructuur_eur / 3,500 EUR per place (the structural 35M EUR / 10,000 places).",
    "Reading: places grow with the money at the structural price per place (assumption; the 2025 national",
    "1,980 EUR/place would give 110 places at once). Rounded to whole places.",
], ["year", "places", "source"],
    [[int(r["year"]), round(float(r["rijksbijdrage_sociale_infrastructuur_eur"]) / TUSSENGROEP_EUR_PER_PLACE),
      f"derived: {r['rijksbijdrage_sociale_infrastructuur_eur']} EUR (funding_werkzaak_2025_2034.csv) / 3,500 EUR per "
      "place (assumption)"] for r in funding])

# --- Statushouder work hazard by time since permit ------------------------------------------------------------
# statushouder_employment_2014_cohort.csv gives W(t), the share working t months after the permit (all origins at
# 18-36 months; before 18 months only per origin: all-origins = 0.56 x the "other" column, the ratio at 18 and 24
# months (4/7.2, 6/10.5)). Later cohorts did better at 3 years: 27% (2016 permits), 31% (2020 permits) (CBS 2025,
# sources.md#statushouders). CBS's denominator is everyone of the cohort still in the Netherlands.
#
# Mechanism (a mixture that plateaus): a share P_ACTIVE of a cohort finds work with a hazard k x h(t), the rest
# (the low-participation subgroup: care for young children, health, no Dutch) practically never does, so
# W(t) = P_ACTIVE x (1 - exp(-k H(t))) levels off at P_ACTIVE. The shape h(t) of the active group's hazard up to
# 3 years is the 2014 cohort's: H(t) = -ln(1 - W_2014(t) / P_ACTIVE), k = 1 for 2014. Each later cohort's k is
# fitted to its one figure at 3 years: k_c = ln(1 - W_c(3) / P_ACTIVE) / ln(1 - W_2014(3) / P_ACTIVE). After 3
# years the active group keeps the hazard of its last observed half year (2.5-3 years; assumption: no cohort
# figure after 3 years is in the data). The baseline's statushouders (permits from 2024) get the latest cohort's
# k (2020): later cohorts have done better, and whether the next ones do better still is not known (assumption).
#
# P_ACTIVE is not identified by the data: every cohort figure is at 3 years or earlier and the 2014 hazard is
# still rising then (it is 0.10/year at 2-2.5 and 0.19 at 2.5-3 years). 0.6 is an assumption (range 0.5-0.7);
# with it the curve reaches 53% at 5 years and 59% at 9.5 years.
#
# The model has one hazard per person, so the file holds the mixture's population hazard (the hazard of the
# cohort's share not yet working): piecewise, h_pop on [t0, t1) = ln((1 - W(t0)) / (1 - W(t1))) / (t1 - t0).
# It is exact for a cohort that only moves from bijstand to work; leaving the region, returns from work and
# arrival 3-12 months after the permit make the model's curve differ (docs/validation.md#statushouders shows the
# model's curve against the figures on both denominators). The multiplier = h_pop / (0.103 base rate x 1.107,
# the mean by_age multiplier of the statushouder age mix: 0.35 x 1.4 + 0.45 x 1.1 + 0.20 x (10/22 x 0.8 +
# 12/22 x 0.45)).
emp = {int(r["months_since_permit"]): r for r in read("statushouder_employment_2014_cohort.csv")}
points = [(0, 0.0)]
for m in (3, 6, 12):
    points.append((m, 0.56 * float(emp[m]["other"]) / 100))
for m in (18, 24, 30, 36):
    points.append((m, float(emp[m]["all_origins"]) / 100))
P_ACTIVE = 0.6  # assumption (see above)
COHORT_AT_3_YEARS = {2014: 0.19, 2016: 0.27, 2020: 0.31}  # CBS 2018/16; CBS 2025 (sources.md#statushouders)
BASELINE_COHORT = 2020
BASE = 0.103 * (0.35 * 1.4 + 0.45 * 1.1 + 0.20 * (10 / 22 * 0.8 + 12 / 22 * 0.45))
H14 = [(m / 12, -math.log(1 - w / P_ACTIVE)) for m, w in points]  # the active group's cumulative hazard, 2014
k_of = {c: math.log(1 - w / P_ACTIVE) / -H14[-1][1] for c, w in COHORT_AT_3_YEARS.items()}
h_late = (H14[-1][1] - H14[-2][1]) / (H14[-1][0] - H14[-2][0])  # 2.5-3 years, kept after 3 years


def active_cumulative(t):
    """H(t) of the active group (2014 shape): piecewise linear through H14, then h_late after 3 years."""
    if t >= H14[-1][0]:
        return H14[-1][1] + h_late * (t - H14[-1][0])
    for (t0, h0), (t1, h1) in zip(H14, H14[1:]):
        if t <= t1:
            return h0 + (h1 - h0) * (t - t0) / (t1 - t0)


def share_working(t, k):
    return P_ACTIVE * (1 - math.exp(-k * active_cumulative(t)))


k = k_of[BASELINE_COHORT]
PIECES = [0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 10, 12]
rows = []
for t0, t1 in zip(PIECES, PIECES[1:]):
    w0, w1 = share_working(t0, k), share_working(t1, k)
    h = math.log((1 - w0) / (1 - w1)) / (t1 - t0)
    rows.append([t0, round(h / BASE, 5), f"derived: mixture W({t0}y)={w0:.4f}, W({t1}y)={w1:.4f} (P_ACTIVE {P_ACTIVE}, "
                 f"k {k:.3f}) -> hazard {h:.5f}/year / {BASE:.4f}"])
rows.append([PIECES[-1], rows[-1][1], f"assumption: the {PIECES[-2]}-{PIECES[-1]} year hazard kept after {PIECES[-1]} years"])
write("statushouder_work_hazard.csv", [
    "Multiplier of bijstand->regulier by years since the residence permit (statushouders only): the population",
    f"hazard of a two-group mixture (active share {P_ACTIVE}, assumption) with the 2014 cohort's timing and the level",
    f"of the {BASELINE_COHORT} permit cohort (k = {k:.4f}; 2014: 1, 2016: {k_of[2016]:.4f}). Share working of the whole",
    "cohort (CBS's denominator) at 1, 2, 3, 5, 7, 9.5 years: " + ", ".join(
        f"{share_working(t, k):.3f}" for t in (1, 2, 3, 5, 7, 9.5)) + ". See derive_tables.py for the arithmetic.",
    "from = start of the piece in years.",
], ["from", "multiplier", "source"], rows)
# --- Initial populations (last: the statushouders in the stock use statushouder_work_hazard.csv above) -------
rows = wsw_rows([(g, lo, hi, wsw_2025 * inhabitants[g] / all_total * w,
                  lambda s, w=w, p=inhabitants[g] / all_total: f"derived: {WSW_2025} (regional backcast "
                  f"wsw-werkzaak-2015-calibrated, 2025-01-01) x population share {p:.4f} x age share {w} x sex share "
                  f"{s} (70/30 assumption)") for g in all8 for lo, hi, w in WSW_2025_BANDS], 10, 45)
rows += bijstand_rows(2025, bijstand, lambda g: "BD Feb 2023 (2022 figure held to 2025)" if g in bijstand_known
                      else "derived: (2,700 - 971 - 409) x population share among the other four")
rows += pw_state_rows()
POPULATION_HEADER = INITIAL_COLUMNS + ["permit_lead_min", "permit_lead_max"]  # with the permit lead of statushouders
flagged_2025 = sum(r[6] for r in rows if r[1] == "bijstand" and r[5] == "statushouder")
write("initial_population.csv", [
    "Persons present on 2025-01-01 by gemeente x state x sex x age band (baseline.toml). Counts are expected values;",
    "the model rounds them stochastically per replication. Written by derive_tables.py: see its comments.",
    f"Wsw: {wsw_2025:.1f} persons (the regional backcast wsw-werkzaak-2015-calibrated.toml on 2025-01-01), split over",
    "  all 8 gemeenten by population share;",
    "  nobody entered after 2015-01-01, so durations are at least 10 years and ages at least 28.",
    f"bijstand: {BIJSTAND_TOTAL} in the 6 Participatiewet gemeenten (Tiel 971, West Betuwe 409, others by share), of",
    f"  whom {flagged_2025:.0f} statushouders with permits 2017-2024 (derived, bijstand_stock.py; permit 0.25-1 year",
    "  before entering bijstand); the general stock's durations are the stationary ones of the duration profile.",
    "Buren and Neder-Betuwe place only the Wsw at Werkzaak: they have no Participatiewet rows.",
], POPULATION_HEADER, rows)
backcast = [r for r in rows if r[1] == "wsw"] + bijstand_rows(2021, bijstand_start_2021, lambda g: "BD Feb 2023 (2020 figure)" if g in bijstand_2020
                         else "assumption: as on 2025-01-01 (stationary)") + pw_state_rows()
write("bijstand_2021_initial.csv", [
    "Participatiewet persons on 2021-01-01 for the bijstand backcast (bijstand-gemeenten-2021.toml), as",
    "initial_population.csv but bijstand in Tiel and West Betuwe at their 2020 figures (1,032, 425, BD Feb 2023)",
    "and statushouders by permit year up to 2020; the other states, and the Wsw, as in 2025 (assumption; not fitted).",
], POPULATION_HEADER, backcast)
print("written")
