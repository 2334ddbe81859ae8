"""Compare two report folders: tables byte for byte, PNG figures pixel for pixel; prints a table.

Usage: ``python benchmarks/compare_reports.py OLD_REPORT NEW_REPORT``. Exit status 1 when a table
or a PNG differs or is missing on one side.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from matplotlib.image import imread


def _same_pixels(a: Path, b: Path) -> bool:
    x, y = imread(a), imread(b)
    return x.shape == y.shape and bool(np.array_equal(x, y))


def compare(old: Path, new: Path) -> list[tuple[str, str]]:
    """(file, verdict) for every table and PNG of either report, verdicts same/differs/missing."""
    names = {
        p.relative_to(root).as_posix()
        for root in (old, new)
        for pattern in ("tables/*", "figures/*.png")
        for p in root.glob(pattern)
    }
    rows = []
    for name in sorted(names):
        a, b = old / name, new / name
        if not (a.is_file() and b.is_file()):
            rows.append((name, "missing in " + ("new" if a.is_file() else "old")))
        elif name.endswith(".png"):
            rows.append((name, "same pixels" if _same_pixels(a, b) else "PIXELS DIFFER"))
        else:
            same = a.read_bytes() == b.read_bytes()
            rows.append((name, "same bytes" if same else "BYTES DIFFER"))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: compare_reports.py OLD_REPORT NEW_REPORT", file=sys.stderr)
        return 2
    rows = compare(Path(argv[0]), Path(argv[1]))
    width = max(len(name) for name, _ in rows)
    for name, verdict in rows:
        print(f"{name:<{width}}  {verdict}")
    bad = [name for name, verdict in rows if not verdict.startswith("same")]
    print(f"{len(rows) - len(bad)} of {len(rows)} files identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
