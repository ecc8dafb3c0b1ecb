"""What the [.writefile] test (tests/unit/output_demo_test.cpp) writes into the demo file; keep the two in step."""
import numpy as np
import pandas as pd

SCENARIOS = ["baseline", "variant-ë"]
REPLICATIONS = [0, 1, 2]
TIMES = pd.date_range("2025-01-01", "2028-01-01", freq="QS")  # quarterly, 13 dates
YEARS = [2025, 2026, 2027]
GEMEENTEN = ["Buren", "Culemborg", "Maasdriel", "Neder-Betuwe", "Tiel", "West Betuwe", "West Maas en Waal",
             "Zaltbommel"]
STATES = ["wsw", "beschut", "tussengroep", "bijstand", "regulier"]
TRANSITIONS = ["in->wsw", "wsw->exit", "bijstand->beschut", "beschut->regulier"]

SIZES = {"scenario": 2, "replication": 3, "time": 13, "year": 3, "gemeente": 8, "state": 5, "transition": 4}
# Name dimensions: no coordinate variable, the names in the CF label variable <dimension>_name.
NAMED = ("scenario", "gemeente", "state", "transition")
NAMES = {"scenario": SCENARIOS, "gemeente": GEMEENTEN, "state": STATES, "transition": TRANSITIONS}
STOCK_DIMS = ("scenario", "replication", "time", "gemeente", "state")
FLOW_DIMS = ("scenario", "replication", "year", "gemeente", "transition")


def stock():
    """float64; scenario 1, replication 2 is never written and reads as NaN."""
    s, r, t, g, st = np.indices([SIZES[d] for d in STOCK_DIMS], dtype=float)
    values = 10000 * s + 1000 * r + 10 * t + g + st / 8
    values[1, 2] = np.nan
    return values


def flow():
    """int32 in the file."""
    s, r, y, g, tr = np.indices([SIZES[d] for d in FLOW_DIMS])
    return 100000 * s + 10000 * r + 1000 * y + 10 * g + tr
