#!/usr/bin/python3
"""Writes a synthetic werkstroom results file with the structure of the real one (sim/runner/results_layout.cpp).

For developing and stress-testing the notebooks without the simulator: a crude monthly stochastic model per
gemeente (binomial exits, capacity-limited beschut and tussengroep with waiting lists, Poisson arrivals) so that
the plots look like plausible results. The numbers mean nothing. Options add what the real file may or may not
have (several scenarios, a `capacity` and a `money` variable, a pilot state, no statushouder stream, no uncertain
parameters) so that the notebooks can be run on each variant.

    /usr/bin/python3 tests/notebooks/make_synthetic.py OUT.nc [--replications 8] [--scenarios 2] [--capacity]
        [--money] [--pilot-state] [--no-statushouders] [--no-parameters] [--seed 1]
"""
import argparse
import os

import numpy as np
import pandas as pd
import xarray as xr

GEMEENTEN = {  # name: (inhabitants, Participatiewet at Werkzaak)
    "West Betuwe": (51128, True), "Tiel": (42159, True), "Culemborg": (28955, True), "Zaltbommel": (28881, True),
    "Buren": (26749, False), "Maasdriel": (25030, True), "Neder-Betuwe": (24339, False),
    "West Maas en Waal": (19324, True)}
EXITS = ["pensioen", "overleden", "uitval", "vertrokken"]
LIVING = ["wsw", "beschut", "beschut_wacht", "tussengroep", "tussengroep_wacht", "lks", "bijstand", "regulier"]
CAPACITY = {"beschut": "beschut_wacht", "tussengroep": "tussengroep_wacht"}
# Hazards per year out of each living state (waiting -> place is handled by capacity).
HAZARDS = {
    "wsw": {"pensioen": 0.055, "overleden": 0.012, "uitval": 0.02, "vertrokken": 0.008},
    "beschut": {"lks": 0.03, "pensioen": 0.02, "overleden": 0.006, "uitval": 0.01},
    "beschut_wacht": {"bijstand": 0.05, "vertrokken": 0.03},
    "tussengroep": {"lks": 0.08, "regulier": 0.10, "bijstand": 0.12, "pensioen": 0.01},
    "tussengroep_wacht": {"bijstand": 0.10, "vertrokken": 0.02},
    "lks": {"regulier": 0.05, "bijstand": 0.06, "pensioen": 0.02, "overleden": 0.004},
    "bijstand": {"regulier": 0.11, "lks": 0.025, "beschut_wacht": 0.008, "tussengroep_wacht": 0.03,
                 "vertrokken": 0.05, "pensioen": 0.025, "overleden": 0.006},
    "regulier": {"bijstand": 0.06, "vertrokken": 0.04},
}
WORKING = {"wsw", "beschut", "tussengroep", "lks", "regulier", "in_dienst"}


def arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--replications", type=int, default=8)
    p.add_argument("--scenarios", type=int, default=1)
    p.add_argument("--capacity", action="store_true", help="write a capacity variable")
    p.add_argument("--money", action="store_true", help="write a money variable with an item dimension")
    p.add_argument("--pilot-state", action="store_true", help="second and later scenarios get an in_dienst state")
    p.add_argument("--no-statushouders", action="store_true", help="no arrival stream named for statushouders")
    p.add_argument("--no-parameters", action="store_true", help="an empty parameter dimension")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


def simulate(rng, R, months, start, states, pilot, capacity_growth, streams):
    """One scenario: returns dict of numpy arrays in the results layout without the scenario axis."""
    G = len(GEMEENTEN)
    S = len(states)
    si = {s: i for i, s in enumerate(states)}
    inhabitants = np.array([v[0] for v in GEMEENTEN.values()], float)
    pwet = np.array([v[1] for v in GEMEENTEN.values()])
    share = inhabitants / inhabitants.sum()
    years = sorted({(start + pd.DateOffset(months=m)).year for m in range(months)})
    Y = len(years)
    hazards = {k: dict(v) for k, v in HAZARDS.items()}
    if pilot:
        hazards["bijstand"]["in_dienst"] = 0.03
        hazards["in_dienst"] = {"regulier": 0.15, "bijstand": 0.05, "vertrokken": 0.01}
    labels = []
    for s, h in hazards.items():
        labels += [f"{s}->{t}" for t in h]
    labels += [f"{w}->{c}" for c, w in CAPACITY.items()]
    labels += ["in->bijstand", "in->beschut_wacht"]
    L = len(labels)
    li = {lab: i for i, lab in enumerate(labels)}
    uitval_mult = rng.uniform(0.7, 1.3, R)  # an uncertain parameter drawn per replication
    adult_share = rng.uniform(0.55, 0.75, R)

    n = np.zeros((R, G, S))
    n[:, :, si["wsw"]] = np.round(1100 * share * rng.uniform(0.9, 1.1, (R, G)))
    n[:, :, si["bijstand"]] = np.round(3200 * share * pwet)
    n[:, :, si["regulier"]] = np.round(400 * share * pwet)
    n[:, :, si["lks"]] = np.round(220 * share)
    cap0 = {"beschut": np.round(150 * share), "tussengroep": np.round(60 * share * pwet)}
    n[:, :, si["beschut"]] = cap0["beschut"]
    n[:, :, si["tussengroep"]] = cap0["tussengroep"]

    stock = np.zeros((R, months + 1, G, S))
    waiting = np.zeros((R, months + 1, G, 2))
    flow = np.zeros((R, Y, G, L))
    pyears = np.zeros((R, Y, G, S))
    arrivals = np.zeros((R, Y, G, len(streams)))
    admissions = np.zeros((R, Y, G, 2))
    wait_years = np.zeros((R, Y, G, 2))
    cap = np.zeros((Y, G, 2))
    K = months // 6
    cohort_present = np.zeros((R, K, K))
    cohort_working = np.zeros((R, K, K))
    dt = 1 / 12

    def record(t):
        stock[:, t] = n
        waiting[:, t, :, 0] = n[:, :, si["beschut_wacht"]]
        waiting[:, t, :, 1] = n[:, :, si["tussengroep_wacht"]]

    record(0)
    for m in range(months):
        y = years.index((start + pd.DateOffset(months=m)).year)
        for c, (name, grow) in enumerate(capacity_growth.items()):
            cap[y, :, c] = np.round(cap0[name] * (1 + grow) ** y)
        moves = np.zeros((R, G, S, S))
        for s, h in hazards.items():
            left = n[:, :, si[s]].astype(np.int64)
            for t_name, rate in h.items():
                if t_name == "uitval":
                    rate = rate * uitval_mult[:, None]
                k = rng.binomial(left, 1 - np.exp(-rate * dt))
                moves[:, :, si[s], si[t_name]] = k
                left = left - k
        for a in range(S):
            for b in range(S):
                if moves[:, :, a, b].any():
                    n[:, :, a] -= moves[:, :, a, b]
                    n[:, :, b] += moves[:, :, a, b]
                    flow[:, y, :, li[f"{states[a]}->{states[b]}"]] += moves[:, :, a, b]
        # Arrivals: bijstand inflow and statushouders (Participatiewet gemeenten only), beschut advices.
        inflow = rng.poisson(np.outer(np.ones(R), 260 * share * pwet) * dt)
        advice = rng.poisson(np.outer(np.ones(R), 14 * share) * dt)
        housed = rng.poisson(adult_share[:, None] * 26000 * 2 * share[None, :] * 18 / 1000 * dt) * pwet
        n[:, :, si["bijstand"]] += inflow + housed
        n[:, :, si["beschut_wacht"]] += advice
        flow[:, y, :, li["in->bijstand"]] += inflow + housed
        flow[:, y, :, li["in->beschut_wacht"]] += advice
        arrivals[:, y, :, 0] += inflow
        arrivals[:, y, :, 1] += housed
        arrivals[:, y, :, 2] += advice
        cohort_present[:, m // 6, :] += housed.sum(1)[:, None]
        # Admissions from the waiting lists up to capacity.
        for c, (place, wait) in enumerate(CAPACITY.items()):
            free = np.maximum(cap[y, :, c][None, :] - n[:, :, si[place]], 0)
            admit = np.minimum(free, n[:, :, si[wait]])
            n[:, :, si[wait]] -= admit
            n[:, :, si[place]] += admit
            flow[:, y, :, li[f"{wait}->{place}"]] += admit
            admissions[:, y, :, c] += admit
            wait_years[:, y, :, c] += admit * rng.gamma(4, 0.12, (R, G))
        pyears[:, y] += n * dt
        record(m + 1)
    # Exit states start at zero and only accumulate, so their stock is the cumulative exits since the start.

    # Cohorts: each half-year's statushouders, thinned by leaving the region, working along a slow S-curve;
    # a duration is observed only if it falls before the end, and month 0 lies before arrival (permit lead).
    for k in range(K):
        for d in range(1, K):
            if 6 * k + 6 * d - 3 >= months:
                cohort_present[:, k, d] = 0
                continue
            present = rng.binomial(cohort_present[:, k, 0].astype(np.int64), np.exp(-0.04 * d / 2))
            p_work = 0.40 / (1 + np.exp(-(6 * d - 40) / 9))
            cohort_present[:, k, d] = present
            cohort_working[:, k, d] = rng.binomial(present, p_work)
        cohort_present[:, k, 0] = 0
    return dict(stock=stock, waiting=waiting, flow=flow, person_years=pyears, arrivals=arrivals,
                admissions=admissions, wait_years=wait_years, cohort_present=cohort_present,
                cohort_working=cohort_working, capacity=cap, labels=labels,
                parameters=np.stack([uitval_mult, adult_share], axis=1))


def main():
    a = arguments()
    rng = np.random.default_rng(a.seed)
    R = a.replications
    start = pd.Timestamp("2025-01-01")
    months = 120
    scenarios = ["baseline"] + [f"pilot_{i}" for i in range(1, a.scenarios)]
    streams = ["bijstand_instroom", "nieuwkomers" if a.no_statushouders else "statushouders", "beschut_advies"]
    states_union = LIVING + EXITS + (["in_dienst"] if a.pilot_state and a.scenarios > 1 else [])
    runs = []
    for i, name in enumerate(scenarios):
        pilot = a.pilot_state and i > 0
        states = LIVING + EXITS + (["in_dienst"] if pilot else [])
        runs.append((states, simulate(rng, R, months, start, states, pilot,
                                      {"beschut": 0.06 + 0.04 * i, "tussengroep": 0.10}, streams)))
    labels = []
    for _, r in runs:
        labels += [lab for lab in r["labels"] if lab not in labels]

    def union(arr, local, full):  # scatter the last axis into the union order, zeros elsewhere
        out = np.zeros(arr.shape[:-1] + (len(full),))
        for j, name in enumerate(local):
            out[..., full.index(name)] = arr[..., j]
        return out

    def stack(key, local_of=None, full=None):
        return np.stack([union(r[key], local_of(st, r), full) if local_of else r[key] for st, r in runs])

    by_state = lambda st, r: st  # noqa: E731
    by_label = lambda st, r: r["labels"]  # noqa: E731
    days = np.array([(start + pd.DateOffset(months=m) - start).days for m in range(months + 1)], float)
    years = np.arange(2025, 2035, dtype=np.int32)
    K = months // 6
    cohorts = [f"{2025 + k // 2}H{k % 2 + 1}" for k in range(K)]
    parameters = [] if a.no_parameters else ["wsw_uitval_multiplier", "statushouders.adult_share"]
    coords = dict(scenario=scenarios, replication=np.arange(R, dtype=np.int32),
                  quantile=[0.05, 0.25, 0.5, 0.75, 0.95], time=days, year=years,
                  gemeente=list(GEMEENTEN), state=states_union, transition=labels,
                  capacity_state=list(CAPACITY), arrival_stream=streams, cohort=cohorts,
                  months_since_permit=np.arange(0, 6 * K, 6, dtype=np.int32), parameter=parameters)
    base = ("scenario", "replication")
    data = {
        "headcount": (base + ("time", "gemeente", "state"), stack("stock", by_state, states_union), "persons",
                      "persons in each state at each output time, all ages (exit states: cumulative exits)"),
        "waiting": (base + ("time", "gemeente", "capacity_state"), stack("waiting"), "persons",
                    "persons on the waiting list of each capacity state"),
        "flow": (base + ("year", "gemeente", "transition"), stack("flow", by_label, labels), "persons/year",
                 "persons making each transition during the year (in->x: arrivals)"),
        "person_years": (base + ("year", "gemeente", "state"), stack("person_years", by_state, states_union),
                         "person-years", "time spent in each state during the year"),
        "arrivals": (base + ("year", "gemeente", "arrival_stream"), stack("arrivals"), "persons/year",
                     "persons brought by each arrival stream"),
        "admissions": (base + ("year", "gemeente", "capacity_state"), stack("admissions"), "persons/year",
                       "persons admitted from the waiting list to a place"),
        "wait_years": (base + ("year", "gemeente", "capacity_state"), stack("wait_years"), "years",
                       "total time waited by the persons admitted in the year"),
        "cohort_present": (base + ("cohort", "months_since_permit"), stack("cohort_present"), "persons",
                           "statushouders of the arrival half-year living in the region, by time since permit"),
        "cohort_working": (base + ("cohort", "months_since_permit"), stack("cohort_working"), "persons",
                           "of whom in a working state"),
        "parameter_value": (base + ("parameter",),
                            stack("parameters")[:, :, :len(parameters)], "1", "the value drawn"),
        "events": (base, np.full((len(scenarios), R), 1e6), "1", "events processed by the engine"),
    }
    if a.capacity:
        data["capacity"] = (("scenario", "replication", "year", "gemeente", "capacity_state"),
                            np.repeat(stack("capacity")[:, None], R, axis=1), "places",
                            "places available in each capacity state")
    if a.money:
        items = ["wsw_loonkosten", "beschut_loonkosten", "rijksbijdrage_wsw", "bijstand_uitkeringen", "resultaat"]
        py = stack("person_years", by_state, states_union)
        money = np.zeros(py.shape[:-1] + (len(items),))
        money[..., 0] = -30000 * py[..., states_union.index("wsw")]
        money[..., 1] = -32000 * py[..., states_union.index("beschut")]
        money[..., 2] = 28000 * py[..., states_union.index("wsw")]
        money[..., 3] = -15000 * py[..., states_union.index("bijstand")]
        money[..., 4] = money[..., :4].sum(-1)
        data["money"] = (("scenario", "replication", "year", "gemeente", "item"), money, "EUR",
                         "money per year (negative: cost)")
        coords["item"] = items
    # Demography: the headcount at each 1 January split over fixed age-band shares, half men, one group.
    bands = [f"{b}-{b + 4}" for b in range(15, 70, 5)] + ["70+"]
    shares = np.array([1, 3, 6, 8, 9, 10, 11, 12, 13, 13, 10, 4], float)
    shares /= shares.sum()
    ends = [m for m in range(months + 1) if m % 12 == 0]
    coords.update(year_end=days[ends], age_band=bands, sex=["men", "women"], group=["general"])
    at_ends = data["headcount"][1][:, :, ends]
    data["stock"] = (base + ("year_end", "gemeente", "state", "age_band", "sex", "group"),
                     np.round(at_ends[..., None, None, None] * shares[:, None, None] * np.full((1, 2, 1), 0.5)), "persons",
                     "persons in each state at each year end by age band, sex and group")
    mid = np.array([17.5 + 5 * i for i in range(11)] + [72.5])
    data["mean_age"] = (base + ("year_end", "gemeente", "state"),
                        np.where(at_ends > 0, float((shares * mid).sum()), np.nan), "years", "mean age")
    # The whole area: the sums over the gemeenten per replication (stock also over the groups).
    for name in ["headcount", "flow", "person_years", "stock"]:
        dims, values, units, long_name = data[name]
        drop = [i for i, d in enumerate(dims) if d in ("gemeente", "group")]
        data[name + "_region"] = (tuple(d for i, d in enumerate(dims) if i not in drop),
                                  np.asarray(values).sum(axis=tuple(drop)), units, "whole area: " + long_name)
    data["mean_age_region"] = (base + ("year_end", "state"), data["mean_age"][1][:, :, :, 0], "years",
                               "whole area: mean age")
    ds = xr.Dataset(coords=coords)
    ds["time"].attrs.update(units="days since 2025-01-01", calendar="proleptic_gregorian",
                            long_name="output time (start of the day)")
    ds["year_end"].attrs.update(units="days since 2025-01-01", calendar="proleptic_gregorian")
    ds["months_since_permit"].attrs["units"] = "months"
    for name, (dims, values, units, long_name) in data.items():
        ds[name] = (dims, np.asarray(values, float), {"units": units, "long_name": long_name})
    for name in ["headcount", "waiting", "flow", "person_years", "headcount_region", "flow_region",
                 "person_years_region", "stock_region"]:
        v = ds[name]
        ds[name + "_mean"] = v.mean("replication").assign_attrs(units=v.units, long_name="mean of " + name)
        ds[name + "_se"] = (v.std("replication", ddof=1) / np.sqrt(R)).assign_attrs(units=v.units)
        q = v.quantile(ds["quantile"].values, dim="replication").transpose("scenario", "quantile", ...)
        ds[name + "_quantile"] = q.assign_attrs(units=v.units, long_name="quantiles of " + name)
    ds.attrs.update(
        Conventions="CF-1.8", title="werkstroom results: baseline (SYNTHETIC test data)",
        source="tests/notebooks/make_synthetic.py", history="synthetic", seed=np.int64(a.seed),
        replications=np.int64(R), institution="Werkzaak Rivierenland", input_files=np.int64(1),
        input_file_0_path="scenarios/baseline.toml",
        input_file_0_text='[scenario]\nname = "baseline"\ndescription = "synthetic data for the notebook tests"\n')
    # Names as the simulator stores them (CF label variables): the name dimensions have no coordinate variable,
    # their names are <dimension>_name.
    named = [d for d in ("scenario", "gemeente", "state", "transition", "capacity_state", "arrival_stream",
                         "cohort", "parameter", "item", "age_band", "sex", "group") if d in ds.dims]
    ds = ds.assign_coords({d + "_name": (d, ds[d].values.astype(str).astype(object)) for d in named})
    ds = ds.drop_vars(named)
    tmp = a.out + ".tmp"
    # xarray would decode/encode time itself; keep the raw float days as the simulator writes them.
    ds.to_netcdf(tmp, engine="h5netcdf", encoding={"time": {"dtype": "float64"}, "year_end": {"dtype": "float64"}})
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
