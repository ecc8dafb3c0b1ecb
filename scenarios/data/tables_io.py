"""Reading and writing the data tables of this folder (comment lines start with '#'); used by derive_*.py."""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def read(name):
    with open(os.path.join(HERE, name), newline="") as f:
        return list(csv.DictReader(row for row in f if not row.startswith("#")))


def write(name, comments, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        for c in comments:
            f.write("# " + c + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:  # rows shorter than the header end in empty (optional) fields
            w.writerow([round(x, 4) if isinstance(x, float) else x for x in r] + [""] * (len(header) - len(r)))
