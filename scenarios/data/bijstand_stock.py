"""The bijstand stock at a start date: duration profile of the exits, durations of the stock, and the
statushouders in it (flagged, with permit dates). Used by derive_tables.py; standard library only.

Exit hazards of bijstand by duration (years in bijstand) are the base rates in baseline.toml times a profile
(BIJSTAND_DURATION_PROFILE, an assumption: long-term recipients leave slower; no figure by duration is in the
brief or the seeds). The profile is normalised so that a stationary stock (constant inflow) has the same mean exit
hazard as without it, so the baseline's outflow of 25% of the stock a year (brief: 26% in 2022, 23.4% in 2023)
is kept. The same stationary stock gives the durations of the initial stock.
"""
import math
from tables_io import read


# Transitions out of bijstand in baseline.toml (per year). AFFECTED carry the duration profile (work and the
# non-work exits "moved, partner, other income"); the referrals to LKS, tussengroep and beschut and the AOW/death
# exits do not. 0.901: mean by_age multiplier of bijstand->regulier over the bijstand age mix (baseline.toml).
AFFECTED = 0.103 * 0.901 + 0.083       # bijstand->regulier, bijstand->vertrokken
UNAFFECTED = 0.015 + 0.02 + 0.005 + 0.025  # lks, tussengroep, beschut; AOW and deaths (~0.025)
# Relative exit hazard by duration: breaks (years) and values before normalisation. The shape is an assumption
# checked against three national CBS figures for 2017 (docs/sources.md#bijstand): 36% of the stock had been on
# bijstand 5 years or longer; of the 118,000 who left in 2017 about a quarter had been on it 3 years or longer and
# about as many less than half a year. A stationary stock cannot meet all three (the 2017 stock was not
# stationary: the statushouder inflow of 2015-2017); this shape gives 40%, 38% and 23% (CHECKS below).
DURATION_BREAKS = [0.5, 3.0]
BIJSTAND_DURATION_PROFILE = [2.0, 1.0, 0.45]
MAX_DURATION = 10.0  # the initial stock's longest duration (the tail beyond it is put into the last band)
STEP = 1 / 60       # years, for the numerical integrals


def piece(breaks, values, t):
    i = 0
    while i < len(breaks) and t >= breaks[i]:
        i += 1
    return values[i]


def normalised_profile():
    """c x profile such that the stationary stock's mean affected multiplier is 1 (fixed point in c)."""
    c = 1.0
    for _ in range(50):
        survival, weight, weighted = 1.0, 0.0, 0.0
        t = 0.0
        while t < 60:
            m = c * piece(DURATION_BREAKS, BIJSTAND_DURATION_PROFILE, t)
            weight += survival * STEP
            weighted += survival * m * STEP
            survival *= math.exp(-(AFFECTED * m + UNAFFECTED) * STEP)
            t += STEP
        c /= weighted / weight
    return [c * v for v in BIJSTAND_DURATION_PROFILE], c


def duration_bands(profile):
    """Stationary duration distribution of the stock in the bands of the profile, the last up to MAX_DURATION
    (with the tail beyond it): [(from, to, share)]."""
    edges = [0.0] + DURATION_BREAKS + [MAX_DURATION]
    shares = [0.0] * (len(edges) - 1)
    survival, t = 1.0, 0.0
    while t < 60:
        band = min(len(shares) - 1, sum(1 for e in edges[1:-1] if t >= e))
        shares[band] += survival * STEP
        survival *= math.exp(-(AFFECTED * piece(DURATION_BREAKS, profile, t) + UNAFFECTED) * STEP)
        t += STEP
    total = sum(shares)
    return [(edges[i], edges[i + 1], s / total) for i, s in enumerate(shares)]


def checks(profile):
    """(share of the stationary stock at 5+ years, share of the outflow after 3+ years, share under 0.5 year)."""
    survival, t, stock, stock5, out, out3, out05 = 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
    while t < 60:
        h = AFFECTED * piece(DURATION_BREAKS, profile, t) + UNAFFECTED
        stock += survival
        stock5 += survival if t >= 5 else 0.0
        out += survival * h
        out3 += survival * h if t >= 3 else 0.0
        out05 += survival * h if t < 0.5 else 0.0
        survival *= math.exp(-h * STEP)
        t += STEP
    return stock5 / stock, out3 / out, out05 / out


def taakstelling_by_half_year():
    """National persons per half year 2017H1..: the file's values, a gap takes the latest earlier one (as the
    model does, sim/scenario/load_statushouders.cpp)."""
    rows = {r["period"]: float(r["persons"]) for r in read("statushouders_taakstelling.csv")}
    first = min(rows)
    out, latest = {}, None
    year, half = int(first[:4]), int(first[5])
    while (year, half) <= (2025, 2):
        key = f"{year}H{half}"
        latest = rows.get(key, latest)
        out[(year, half)] = latest
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return out


# Statushouder stream as in baseline.toml [statushouders]: adult share 0.6, permit 0.25-1 year before arrival.
NATIONAL_POPULATION = 17475415
ADULT_SHARE = 0.6
LEAD_MIN, LEAD_MAX = 0.25, 1.0
STATUSHOUDER_WORK_BASE = 0.103 * 1.107  # base rate x mean by_age multiplier of the statushouder age mix


def stay_probability(years_since_permit, profile, permit_hazard):
    """P(still in bijstand) for a statushouder housed LEAD (mean) after the permit, with the work hazard by time
    since permit (statushouder_work_hazard.csv) and the duration profile on the affected exits; the work hazard
    divided by the profile's 1-2 year value (baseline.toml: by_group statushouder on bijstand->regulier keeps the
    curve fitted at 18-36 months since permit, about 1-2 years in bijstand)."""
    lead = (LEAD_MIN + LEAD_MAX) / 2
    if years_since_permit <= lead:
        return 1.0
    cumulative, t = 0.0, lead
    while t < years_since_permit:
        d = t - lead
        m = piece(DURATION_BREAKS, profile, d)
        work = STATUSHOUDER_WORK_BASE * piece(permit_hazard[0], permit_hazard[1], t) * m / profile[1]
        cumulative += (work + 0.083 * m + UNAFFECTED) * STEP
        t += STEP
    return math.exp(-cumulative)


def permit_hazard_table():
    rows = read("statushouder_work_hazard.csv")
    froms = [float(r["from"]) for r in rows]
    return froms[1:], [float(r["multiplier"]) for r in rows]


def statushouders_in_stock(start_year, inhabitants, profile):
    """Expected statushouders in bijstand on 1 January of start_year by permit year, for a gemeente of
    `inhabitants`: housed = taakstelling x inhabitants / national population x adult share per half year
    (housed at mid half year, the permit 0.625 year earlier on average); only permits from the taakstelling
    file's first half year on are flagged (earlier ones count as general). Returns {permit year: persons}."""
    hazard = permit_hazard_table()
    lead = (LEAD_MIN + LEAD_MAX) / 2
    out = {}
    for (year, half), persons in taakstelling_by_half_year().items():
        housed_at = year + (0.25 if half == 1 else 0.75)
        permit_at = housed_at - lead
        if housed_at >= start_year or permit_at < 2017:
            continue
        n = persons * inhabitants / NATIONAL_POPULATION * ADULT_SHARE
        p = stay_probability(start_year - permit_at, profile, hazard)
        out[int(math.floor(permit_at))] = out.get(int(math.floor(permit_at)), 0.0) + n * p
    return out
