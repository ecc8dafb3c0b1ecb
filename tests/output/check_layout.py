"""The HDF5 layout netCDF-4 readers rely on (OUTPUT.md), checked with h5py: dimension scales with NAME and
_Netcdf4Dimid (name dimensions without a coordinate variable, their names in UTF-8 variable-length label
variables <dimension>_name), every variable axis attached, creation order tracked, chunks of one
scenario and a batch of replications (all 3 here) with shuffle + deflate 1, NaN fill."""
import sys

import h5py
import numpy as np

import demo_values as demo

with h5py.File(sys.argv[1], "r") as f:
    root_group = f["/"]
    root = root_group.id.get_create_plist()
    assert root.get_link_creation_order() & h5py.h5p.CRT_ORDER_TRACKED, "link creation order not tracked"
    assert root.get_attr_creation_order() & h5py.h5p.CRT_ORDER_TRACKED, "attribute creation order not tracked"
    created = []
    root_group.id.links.iterate(lambda name: created.append(name.decode()), idx_type=h5py.h5.INDEX_CRT_ORDER)
    expected = [x for d in demo.SIZES for x in ([d, d + "_name"] if d in demo.NAMED else [d])]
    assert created == expected + ["stock", "flow"], created
    assert f.attrs["werkstroom_format"] == "1"

    for dimid, dim in enumerate(demo.SIZES):
        ds = f[dim]
        assert ds.attrs["CLASS"] == b"DIMENSION_SCALE", dim
        name = ds.attrs["NAME"]
        name = name.decode() if isinstance(name, bytes) else name
        assert ds.attrs["_Netcdf4Dimid"] == dimid and ds.attrs["_Netcdf4Dimid"].dtype == np.int32, dim
        assert ds.shape == (demo.SIZES[dim],) and ds.maxshape == ds.shape, dim
        if dim in demo.NAMED:  # a dimension without a coordinate variable, exactly as netCDF-C writes it
            assert name == "This is a netCDF dimension but not a netCDF variable." + f"{demo.SIZES[dim]:10d}", name
            assert ds.dtype == np.dtype(">f4") and ds.id.get_storage_size() == 0, (dim, ds.dtype)
            assert ds.attrs.get_id("NAME").dtype == np.dtype("S64"), ds.attrs.get_id("NAME").dtype
            label = f[dim + "_name"]
            info = h5py.check_string_dtype(label.dtype)
            assert info is not None and info.encoding == "utf-8" and info.length is None, (dim, info)
            assert label.dims[0][0].name == "/" + dim and label.asstr()[...].tolist() == demo.NAMES[dim], dim
        else:
            assert name == dim, (dim, name)
    assert f["time"].dtype == np.float64 and f["year"].dtype == np.int32

    for name, dims in (("stock", demo.STOCK_DIMS), ("flow", demo.FLOW_DIMS)):
        ds = f[name]
        attached = tuple(ds.dims[i][0].name.lstrip("/") for i in range(ds.ndim))
        assert attached == dims, (name, attached)
        assert ds.compression == "gzip" and ds.compression_opts == 1 and ds.shuffle, name
        # 3 replications: the batch is the largest power of two within them, 2
        assert ds.chunks[:2] == (1, 2) and ds.chunks[2:] == ds.shape[2:], (name, ds.chunks)
        assert ds.id.get_create_plist().get_attr_creation_order() & h5py.h5p.CRT_ORDER_TRACKED, name
    assert np.isnan(f["stock"].fillvalue) and np.isnan(f["stock"].attrs["_FillValue"])
    assert f["stock"].attrs["_FillValue"].dtype == np.float64
    assert f["flow"].dtype == np.int32 and f["flow"].attrs["_FillValue"].dtype == np.int32
print("layout: dimension scales, strings, chunks and filters as netCDF-4 expects")
