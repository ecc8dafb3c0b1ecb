"""The demo results file opens in xarray with both engines: named dimensions, coordinates, decoded time, units,
long names, a tidy DataFrame, and exactly the values the C++ writer wrote."""
import sys

import numpy as np
import xarray as xr

import demo_values as demo

path = sys.argv[1]
for engine in ("h5netcdf", "netcdf4"):
    with xr.open_dataset(path, engine=engine) as ds:
        where = f"[{engine}]"
        assert dict(ds.sizes) == demo.SIZES, (where, dict(ds.sizes))
        assert ds["stock"].dims == demo.STOCK_DIMS, (where, ds["stock"].dims)
        assert ds["flow"].dims == demo.FLOW_DIMS, (where, ds["flow"].dims)
        labels = {d + "_name" for d in demo.NAMED}
        assert set(ds.coords) == set(demo.SIZES) - set(demo.NAMED) | labels, (where, list(ds.coords))
        assert set(ds.indexes) == set(demo.SIZES) - set(demo.NAMED), (where, list(ds.indexes))
        assert list(ds["gemeente_name"].values) == demo.GEMEENTEN, where
        # The README's one-liner: index each name dimension by its label variable again.
        ds = ds.assign_coords({n[:-5]: ds[n].values for n in ds.coords if n.endswith("_name")})

        assert list(ds["scenario"].values) == demo.SCENARIOS, where
        assert list(ds["replication"].values) == demo.REPLICATIONS, where
        assert list(ds["year"].values) == demo.YEARS, where
        assert list(ds["gemeente"].values) == demo.GEMEENTEN, where
        assert list(ds["state"].values) == demo.STATES, where
        assert list(ds["transition"].values) == demo.TRANSITIONS, where
        assert np.issubdtype(ds["time"].dtype, np.datetime64), (where, ds["time"].dtype)
        assert (ds["time"].values == demo.TIMES.values).all(), (where, ds["time"].values)

        for name in ("stock", "flow"):
            attrs = ds[name].attrs
            assert attrs.get("units") and attrs.get("long_name"), (where, name, attrs)
        assert ds["stock"].attrs["units"] == "persons"
        assert ds["flow"].attrs["units"] == "persons/year"
        assert ds.attrs["Conventions"] == "CF-1.8", where
        assert ds.attrs["werkstroom_format"] == "1", where
        assert int(ds.attrs["seed"]) == 42, where
        assert ds.attrs["scenario_baseline"].startswith("[run]\n"), where

        np.testing.assert_array_equal(ds["stock"].values, demo.stock(), err_msg=where)
        # flow is int32 with a _FillValue, so xarray's masking turns it into float64: compare the numbers.
        np.testing.assert_array_equal(ds["flow"].values, demo.flow(), err_msg=where)
        assert ds["stock"].isel(scenario=1, replication=2).isnull().all(), where

        table = ds["stock"].to_dataframe()
        assert list(table.index.names) == list(demo.STOCK_DIMS), (where, table.index.names)
        assert len(table) == np.prod([demo.SIZES[d] for d in demo.STOCK_DIMS]), where
        row = table.loc[("variant-ë", 1, demo.TIMES[4], "Tiel", "bijstand"), "stock"]
        assert row == 10000 + 1000 + 40 + 4 + 3 / 8, (where, row)
        whole = ds.to_dataframe()
        assert set(whole.columns) == {"stock", "flow"} | labels, (where, whole.columns)
print("xarray: both engines read the demo file")
