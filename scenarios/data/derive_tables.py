#!/usr/bin/python3
"""Writes the derived data tables of the scenarios from the sourced ones, with the arithmetic in comment lines.

Run from anywhere: /usr/bin/python3 scenarios/data/derive_tables.py   (standard library only)
Derived here: initial_population.csv (baseline), wsw_nationaal_2016_initial.csv, capacity_beschut.csv,
capacity_tussengroep.csv, statushouder_work_hazard.csv. Every number is either computed from a sourced CSV in this
folder or set below as a named assumption; the source column of each row says which.
"""
import math

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
rows = []
for (lo, hi, w), n in zip(WSW_2016_BANDS, counts):
    for sex, share in (("men", WSW_MEN), ("women", round(1 - WSW_MEN, 2))):
        rows.append(["Nederland", "wsw", sex, lo, hi, "general", n * share, 1, min(hi - 18, 40),
                     f"derived: {national} (wsw_national.csv 2015) x band share {w} x sex share {share} (assumption)"])
write("wsw_nationaal_2016_initial.csv", [
    "Wsw stock of the Netherlands on 2016-01-01 (96,300 persons at end 2015, wsw_national.csv).",
    "Band shares reproduce wsw_national_composition.csv 2015 (under 27: 4%, 45 and over: 68%, mean age 48.6):",
    f"  45+: 0.342 + 0.19 + 0.148 = {over45:.3f}; under 27: 0.04;",
    "  mean (uniform within bands) = 0.04*22.5 + 0.09*31 + 0.19*40 + 0.342*50 + 0.19*57.5 + 0.148*62.625 = "
    f"{mean_2016:.3f}",
    "The top band ends at 65.25: whoever reached 65y3m, the AOW age of 2015 (aow_schedule.csv), in 2015 had retired.",
    "Sex split 70/30: assumption.",
    "Durations: everyone entered before 2015-01-01, so at least 1 year in the Wsw on 2016-01-01 (from age 18 on).",
], ["gemeente", "state", "sex", "age_lower", "age_upper", "group", "count", "duration_min", "duration_max", "source"],
    rows)

# --- Wsw at Werkzaak on 2025-01-01 ---------------------------------------------------------------------------
# 1,100 persons in 2018-2019 (brief, D66 Rivierenland/Omroep Gelderland), taken as 2019-01-01, carried to 2025-01-01
# with the national model calibrated in wsw-nationaal-2016.toml (uitval 0.0066, vertrokken 0.0162 per year,
# mortality x1.5 x level 1.1, AOW schedule): that projection of the 2016 national stock has 83,041 persons on
# 2019-01-01 and 58,357 on 2025-01-01 (ratio 0.7027, mean age 53.6), with the 2025 age shares below (the 0.6%
# younger than 28 are counted in the first band).
WSW_WERKZAAK_2019 = 1100
WSW_RATIO_2019_2025 = 58357 / 83041
WSW_2025_BANDS = [(28, 35, 0.0477), (35, 45, 0.1514), (45, 55, 0.2701), (55, 60, 0.2203), (60, 64, 0.1717),
                  (64, 67, 0.1388)]
wsw_2025 = WSW_WERKZAAK_2019 * WSW_RATIO_2019_2025

# --- Participatiewet stocks on 2025-01-01 (the 6 gemeenten with Participatiewet at Werkzaak) --------------------
# bijstand: 2,700 (Werkzaak 2019, bijstand_regional.csv) held flat to 2025 (assumption); Tiel and West Betuwe at
# their 2022 figures (971, 409), the remaining 1,320 split over the other four by population share.
BIJSTAND_TOTAL = 2700
bijstand_known = {"Tiel": 971, "West Betuwe": 409}
rest = [g for g in pw if g not in bijstand_known]
rest_total = sum(inhabitants[g] for g in rest)
bijstand = dict(bijstand_known)
for g in rest:
    bijstand[g] = (BIJSTAND_TOTAL - sum(bijstand_known.values())) * inhabitants[g] / rest_total
BIJSTAND_AGES = [(18, 27, 0.12), (27, 45, 0.40), (45, 55, 0.22), (55, 67, 0.26)]  # assumption
BIJSTAND_WOMEN = 0.52  # assumption

# Other Participatiewet states, regional totals split by population share over the 6 gemeenten.
# (state, total, age bands, share of men, duration range, source of the total)
PW_STATES = [
    ("lks", 240, [(18, 27, 0.20), (27, 45, 0.45), (45, 67, 0.35)], 0.60, (0, 5),
     "derived: ~200 LKS in the region (2019, Omroep Gelderland) grown ~3%/year to 2025 = 240 (assumption)"),
    ("beschut", 142, [(18, 27, 0.35), (27, 45, 0.40), (45, 67, 0.25)], 0.60, (0, 10),
     "derived: 2025 beschut places 142 = 728,400 EUR / 5,128 EUR per place (brief section 5 reading), all filled"),
    ("beschut_wacht", 20, [(18, 27, 0.60), (27, 67, 0.40)], 0.60, (0, 1),
     "assumption: 20 persons with a beschut advice waiting at the start (places lag behind, brief section 3)"),
    ("tussengroep", 40, [(18, 27, 0.30), (27, 45, 0.40), (45, 67, 0.30)], 0.55, (0, 1),
     "assumption: 40 persons already in tussengroep-like trajectories before the 2025 funding"),
    ("regulier", 375, [(18, 27, 0.30), (27, 45, 0.40), (45, 55, 0.15), (55, 67, 0.15)], 0.50, (0, 1.5),
     "derived: 1.5 years x the bijstand->regulier flow 0.0925/year x 2,700 = 375 (tracked for returns; assumption)"),
]

rows = []
for g in all8:
    share = inhabitants[g] / all_total
    for lo, hi, w in WSW_2025_BANDS:
        for sex, s in (("men", WSW_MEN), ("women", round(1 - WSW_MEN, 2))):
            rows.append([g, "wsw", sex, lo, hi, "general", wsw_2025 * share * w * s, 10, min(hi - 18, 45),
                         f"derived: 1,100 (2019) x {WSW_RATIO_2019_2025:.4f} (national projection 2019->2025) x "
                         f"population share {share:.4f} x age share {w} x sex share {s} (70/30 assumption)"])
for g in pw:
    for lo, hi, w in BIJSTAND_AGES:
        for sex, s in (("men", round(1 - BIJSTAND_WOMEN, 2)), ("women", BIJSTAND_WOMEN)):
            src = ("BD Feb 2023 (2022 figure held to 2025)" if g in bijstand_known
                   else "derived: (2,700 - 971 - 409) x population share among the other four")
            rows.append([g, "bijstand", sex, lo, hi, "general", bijstand[g] * w * s, 0, 8,
                         f"{src}; age share {w}, sex share {s}: assumption"])
for state, total, ages, men, (dmin, dmax), src in PW_STATES:
    for g in pw:
        share = inhabitants[g] / pw_total
        for lo, hi, w in ages:
            for sex, s in (("men", men), ("women", round(1 - men, 2))):
                rows.append([g, state, sex, lo, hi, "general", total * share * w * s, dmin, min(dmax, lo),
                             f"{src}; x population share {share:.4f}; age/sex shares: assumption"])
write("initial_population.csv", [
    "Persons present on 2025-01-01 by gemeente x state x sex x age band (baseline.toml). Counts are expected values;",
    "the model rounds them stochastically per replication. Written by derive_tables.py: see its comments.",
    f"Wsw: 1,100 x {WSW_RATIO_2019_2025:.4f} = {wsw_2025:.1f} persons, split over all 8 gemeenten by population share;",
    "  nobody entered after 2015-01-01, so durations are at least 10 years and ages at least 28.",
    f"bijstand: {BIJSTAND_TOTAL} in the 6 Participatiewet gemeenten (Tiel 971, West Betuwe 409, others by share).",
    "Buren and Neder-Betuwe place only the Wsw at Werkzaak: they have no Participatiewet rows.",
], ["gemeente", "state", "sex", "age_lower", "age_upper", "group", "count", "duration_min", "duration_max", "source"],
    rows)

# --- Capacities ------------------------------------------------------------------------------------------------
funding = [r for r in read("funding_werkzaak_2025_2034.csv") if r["year"] != "structural"]
BESCHUT_EUR_PER_PLACE = 5128  # brief section 5: the reading that gives ~142 places in 2025 (unverified)
write("capacity_beschut.csv", [
    "Beschut werk places at Werkzaak per year (one regional pool) = beschut_werk_eur / 5,128 EUR per place.",
    "The per-place amount is the brief's reading of the funding column (section 5), unverified: an assumption.",
    "Rounded to whole places.",
], ["year", "places", "source"],
    [[int(r["year"]), round(float(r["beschut_werk_eur"]) / BESCHUT_EUR_PER_PLACE),
      f"derived: {r['beschut_werk_eur']} EUR (funding_werkzaak_2025_2034.csv) / 5,128 EUR per place (assumption)"]
     for r in funding])
TUSSENGROEP_EUR_PER_PLACE = 35e6 / 10000  # structural Rijksbijdrage 35M for 10,000 places (brief section 4)
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
# months (4/7.2, 6/10.5)). With a piecewise-constant hazard h and no return from work, W(t) = 1 - exp(-H(t)), so
# H(t) = -ln(1 - W(t)) and h on [t_i, t_{i+1}) = (H(t_{i+1}) - H(t_i)) / (t_{i+1} - t_i).
# After 36 months there is no 2014-cohort point: 0.15/year is an assumption (later cohorts reach 27-31% at 3
# years, CBS 2025). The multiplier = h / (0.103 base rate x 1.107, the mean by_age multiplier of the statushouder
# age mix: 0.35 x 1.4 + 0.45 x 1.1 + 0.20 x (10/22 x 0.8 + 12/22 x 0.45)).
emp = {int(r["months_since_permit"]): r for r in read("statushouder_employment_2014_cohort.csv")}
points = [(0, 0.0)]
for m in (3, 6, 12):
    points.append((m, 0.56 * float(emp[m]["other"]) / 100))
for m in (18, 24, 30, 36):
    points.append((m, float(emp[m]["all_origins"]) / 100))
BASE = 0.103 * (0.35 * 1.4 + 0.45 * 1.1 + 0.20 * (10 / 22 * 0.8 + 12 / 22 * 0.45))
rows = []
for (m0, w0), (m1, w1) in zip(points, points[1:]):
    h = (-math.log(1 - w1) + math.log(1 - w0)) / ((m1 - m0) / 12)
    rows.append([m0 / 12, h / BASE, f"derived: W({m0}m)={w0:.4f}, W({m1}m)={w1:.4f} (CBS 2018/16; CBS 2025) -> "
                                    f"hazard {h:.4f}/year / {BASE:.4f}"])
rows.append([3.0, 0.15 / BASE, f"assumption: hazard 0.15/year after 3 years / {BASE:.4f}"])
write("statushouder_work_hazard.csv", [
    "Multiplier of bijstand->regulier by years since the residence permit (statushouders only), fitted to the",
    "2014 permit cohort; see derive_tables.py for the arithmetic. from = start of the piece in years.",
], ["from", "multiplier", "source"], rows)
print("written")
