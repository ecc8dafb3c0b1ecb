#!/usr/bin/python3
"""Writes the derived tables of scenarios/nationaal.toml from nationaal_figures.csv, with the arithmetic in comments.

Run from anywhere: /usr/bin/python3 scenarios/data/derive_nationaal.py   (standard library only)
Written here: nationaal_initial_population.csv, nationaal_capacity_beschut.csv, nationaal_capacity_tussengroep.csv.
Every number is computed from a sourced figure (nationaal_figures.csv, funding_werkzaak_2025_2034.csv) or set
below as a named assumption; the source column of each row says which (docs/sources.md#nationaal).
"""
from tables_io import read, write

AREA = "Nederland"

fig = {r["figure"]: float(r["value"]) for r in read("nationaal_figures.csv")}
rows = []


def add(state, total, bands, men, durations, source):
    """bands: (age_lower, age_upper, share); durations: (min, max) years, max capped at age_upper - 18."""
    for lo, hi, w in bands:
        for sex, s in (("men", men), ("women", round(1 - men, 4))):
            rows.append([AREA, state, sex, lo, hi, "general", total * w * s, durations[0],
                         max(durations[0], min(durations[1], hi - 18)),
                         f"{source}; age share {w}, sex share {s}"])


# --- Wsw on 2025-01-01 -------------------------------------------------------------------------------------------
# 63,423 persons at the end of 2022 (Jaarrapport Wsw 2022), carried to 2025-01-01 with the calibrated national model
# (werkstroom run scenarios/wsw-nationaal-2016-calibrated.toml --replications 4): its stock is 66,103 on 2023-01-01
# and 58,057 on 2025-01-01 (ratio 0.8783; it has 66,103 where the report has 63,423, 4% more, and mean age 53.0
# against the report's 52.4). Age shares: that projection's 2025-01-01 stock by 5-year band.
WSW_RATIO_2023_2025 = 58057 / 66103
WSW_2025_BANDS = [(27, 30, 0.0157), (30, 35, 0.0261), (35, 40, 0.0600), (40, 45, 0.0825), (45, 50, 0.1245),
                  (50, 55, 0.1459), (55, 60, 0.2274), (60, 65, 0.2246), (65, 67, 0.0932)]
WSW_MEN = 0.70  # assumption, as in derive_tables.py (no source in shared/domain)
wsw_2025 = fig["wsw_persons"] * WSW_RATIO_2023_2025
share_sum = sum(w for _, _, w in WSW_2025_BANDS)
WSW_2025_BANDS = [(lo, hi, round(w / share_sum, 4)) for lo, hi, w in WSW_2025_BANDS]
add("wsw", wsw_2025, WSW_2025_BANDS, WSW_MEN, (10, 45),
    f"derived: 63,423 (Jaarrapport Wsw 2022) x {WSW_RATIO_2023_2025:.4f} (calibrated national projection "
    "2023->2025); age shares of that projection; sex 70/30 assumption")

# --- bijstand on 2025-01-01: 406,000 at the end of 2024 (CBS) -------------------------------------------------------
# Under 27: 41,000 (end 2024); 27-45: 136,000 and 45 to the AOW age: 229,000 (mid 2024, "vrijwel gelijk" to the end
# of 2024); 41 + 136 + 229 = 406 thousand. 45+ is split 45-55 : 55-67 as 0.22 : 0.26 (the baseline's assumption).
# Women 227,000 of 406,000 (end 2024).
b = fig["bijstand_persons"]
over45 = fig["bijstand_45_plus"] / b
BIJSTAND_BANDS = [(18, 27, round(fig["bijstand_under_27"] / b, 4)), (27, 45, round(fig["bijstand_27_45"] / b, 4)),
                  (45, 55, round(over45 * 0.22 / 0.48, 4)), (55, 67, round(over45 * 0.26 / 0.48, 4))]
add("bijstand", b, BIJSTAND_BANDS, round(fig["bijstand_men"] / b, 4), (0, 8),
    "CBS end 2024 (406,000; age bands and sex CBS; 45-55 : 55-67 split assumption)")

# --- beschut werk: places filled and persons waiting on 2025-01-01 --------------------------------------------------
# Working in beschut werk: 4,004 (end 2019) -> 7,421 (mid 2022), +1,366.8 a year; the same linear growth for 2.5 more
# years gives 10,838 on 2025-01-01 (assumption: the growth went on as before). Waiting: a positive advice without
# work, 11,469 - 7,421 = 4,048 in mid 2022, held to 2025 (assumption).
per_year = (fig["beschut_working"] - fig["beschut_working_2019"]) / 2.5
beschut_2025 = round(fig["beschut_working"] + 2.5 * per_year)
beschut_wacht = fig["beschut_positive_advice"] - fig["beschut_working"]
add("beschut", beschut_2025, [(18, 27, 0.35), (27, 45, 0.40), (45, 67, 0.25)], 0.60, (0, 10),
    f"derived: UWV 7,421 (mid 2022) + 2.5 years x {per_year:.1f}/year (growth 2019-2022) = {beschut_2025}; "
    "age/sex shares assumption (as baseline)")
add("beschut_wacht", beschut_wacht, [(18, 27, 0.60), (27, 67, 0.40)], 0.60, (0, 1),
    "derived: UWV 11,469 positive advices - 7,421 working (mid 2022), held to 2025 (assumption); age/sex assumption")

# --- LKS and tracked regular work ----------------------------------------------------------------------------------
# LKS: 31,020 in December 2022 (CBS 84511NED), grown 3% a year to 2025 as in the baseline (assumption; during 2022
# it grew 16%, from 26,670): 31,020 x 1.03^2 = 32,909.
lks = fig["lks_persons"] * 1.03 ** 2
add("lks", lks, [(18, 27, 0.20), (27, 45, 0.45), (45, 67, 0.35)], 0.60, (0, 5),
    "derived: CBS 84511NED 31,020 (Dec 2022) x 1.03^2 (3%/year, assumption); age/sex assumption (as baseline)")
# Regular work after bijstand, tracked for returns: 1.5 years x the bijstand->regulier flow 0.0925/year x 406,000,
# the baseline's rule (assumption).
regulier = 1.5 * 0.0925 * b
add("regulier", regulier, [(18, 27, 0.30), (27, 45, 0.40), (45, 55, 0.15), (55, 67, 0.15)], 0.50, (0, 1.5),
    "derived: 1.5 years x 0.0925/year x 406,000 (the baseline's rule, assumption); age/sex assumption")

write("nationaal_initial_population.csv", [
    "Persons present in the Netherlands on 2025-01-01 by state x sex x age band (scenarios/nationaal.toml). Expected",
    "values; the model rounds them stochastically per replication. Written by derive_nationaal.py: see its comments.",
    f"Wsw {wsw_2025:.0f}, bijstand {b:.0f}, beschut {beschut_2025}, beschut_wacht {beschut_wacht:.0f}, LKS {lks:.0f},",
    f"regulier {regulier:.0f}; the tussengroep starts empty (its places are new from 2025: assumption).",
], ["gemeente", "state", "sex", "age_lower", "age_upper", "group", "count", "duration_min", "duration_max", "source"],
    rows)

# --- places per year -----------------------------------------------------------------------------------------------
# Seed 001 assumes Werkzaak's funding lines are an unchanged share of the national ones, so national places follow
# Werkzaak's line: beschut = 10,838 x beschut_werk_eur(y) / beschut_werk_eur(2025); tussengroep = 10,000 places at the
# structural contribution, x rijksbijdrage_sociale_infrastructuur_eur(y) / its structural value (reading of the
# ramp: assumption, as the baseline's places grow with the money).
funding = read("funding_werkzaak_2025_2034.csv")
structural = next(r for r in funding if r["year"] == "structural")
years = [r for r in funding if r["year"] != "structural"]
b25 = float(years[0]["beschut_werk_eur"])
write("nationaal_capacity_beschut.csv", [
    "Beschut werk places in the Netherlands per year = 10,838 (filled on 2025-01-01, nationaal_initial_population.csv)",
    "x Werkzaak's beschut_werk_eur(year) / beschut_werk_eur(2025) (funding_werkzaak_2025_2034.csv; seed 001: an",
    "unchanged share of the national budget). Rounded to whole places.",
], ["year", "places", "source"],
    [[int(r["year"]), round(beschut_2025 * float(r["beschut_werk_eur"]) / b25),
      f"derived: {beschut_2025} x {r['beschut_werk_eur']} / {b25:.0f} (funding_werkzaak_2025_2034.csv)"] for r in years])
t_struct = float(structural["rijksbijdrage_sociale_infrastructuur_eur"])
write("nationaal_capacity_tussengroep.csv", [
    "Tussengroep places in the Netherlands per year = 10,000 (seed 001/002, reached at the structural contribution)",
    "x Werkzaak's rijksbijdrage_sociale_infrastructuur_eur(year) / its structural 445,200 (funding_werkzaak_2025_2034.csv;",
    "places grow with the money: assumption). Rounded to whole places.",
], ["year", "places", "source"],
    [[int(r["year"]),
      round(fig["tussengroep_places"] * float(r["rijksbijdrage_sociale_infrastructuur_eur"]) / t_struct),
      f"derived: 10,000 x {r['rijksbijdrage_sociale_infrastructuur_eur']} / {t_struct:.0f} "
      "(funding_werkzaak_2025_2034.csv)"] for r in years])
print("written")
