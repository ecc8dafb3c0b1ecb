#!/usr/bin/python3
"""Checks that two results files hold the same content: every group, dataset (values bit for bit, shape,
dtype, fill value, dimension scales) and attribute, in the same creation order. Storage (chunks, compressed
bytes) may differ. Attributes named on the command line after --ignore (e.g. history) are skipped.
Usage: tools/same_content.py A.nc B.nc [--ignore history ...]"""
import sys

import h5py
import numpy as np


def same_value(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind in "fc":  # NaN equals NaN; the bytes must agree
        return a.tobytes() == b.tobytes()
    return np.array_equal(a, b)


def attributes(obj, ignore):
    names = list(obj.attrs)  # creation order where tracked
    return [(n, obj.attrs.get_id(n).dtype, obj.attrs[n]) for n in names if n not in ignore]


def compare(a, b, ignore):
    problems = []

    def check_attrs(path, x, y):
        ax, ay = attributes(x, ignore), attributes(y, ignore)
        if [n for n, _, _ in ax] != [n for n, _, _ in ay]:
            problems.append(f"{path}: attribute names {[n for n, _, _ in ax]} != {[n for n, _, _ in ay]}")
            return
        for (n, tx, vx), (_, ty, vy) in zip(ax, ay):
            if tx != ty:
                problems.append(f"{path}@{n}: attribute type {tx} != {ty}")
            elif n in ("DIMENSION_LIST", "REFERENCE_LIST"):  # references: compare what they point to
                continue
            elif not same_value(vx, vy):
                problems.append(f"{path}@{n}: attribute values differ")

    def visit(path, x, y):
        check_attrs(path, x, y)
        if isinstance(x, h5py.Group):
            kx, ky = list(x), list(y)
            if kx != ky:
                problems.append(f"{path}: members {kx} != {ky}")
                return
            for k in kx:
                visit(f"{path.rstrip('/')}/{k}", x[k], y[k])
            return
        if x.dtype != y.dtype or x.shape != y.shape:
            problems.append(f"{path}: {x.dtype}{x.shape} != {y.dtype}{y.shape}")
            return
        # (h5py crashes on the fill value of variable-length strings; numbers only)
        if x.dtype.kind in "iuf" and not same_value(x.fillvalue, y.fillvalue):
            problems.append(f"{path}: fill value differs")
        dx = [[s.name for s in d.values()] for d in x.dims]
        dy = [[s.name for s in d.values()] for d in y.dims]
        if dx != dy:
            problems.append(f"{path}: dimension scales {dx} != {dy}")
        if not same_value(x[()], y[()]):
            problems.append(f"{path}: values differ")

    visit("/", a, b)
    return problems


def main():
    args = sys.argv[1:]
    ignore = set()
    if "--ignore" in args:
        i = args.index("--ignore")
        ignore = set(args[i + 1:])
        args = args[:i]
    with h5py.File(args[0], "r", track_order=True) as a, h5py.File(args[1], "r", track_order=True) as b:
        problems = compare(a, b, ignore)
    for p in problems:
        print(p)
    print("same content" if not problems else f"{len(problems)} differences")
    sys.exit(1 if problems else 0)


main()
