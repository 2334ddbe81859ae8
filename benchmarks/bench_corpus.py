"""Benchmark: load the 210 ECB+ documents and report articles per second."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from analysis.corpus.ecbplus import load_ecbplus

ECB = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "ecbplus" / "ECB+"


def main() -> int:
    if not ECB.is_dir():
        print(f"skipped: {ECB} is absent")
        return 0
    timings = []
    corpus = None
    for _ in range(3):
        start = time.perf_counter()
        corpus = load_ecbplus(ECB)
        timings.append(time.perf_counter() - start)
    assert corpus is not None
    best = min(timings)
    n = len(corpus.articles)
    print("| corpus | events | articles | sentences | best of 3 (s) | articles/s |")
    print("|---|---|---|---|---|---|")
    print(
        f"| ECB+ topics 36-45 | {len(corpus.events())} | {n} | {len(corpus.sentences)} "
        f"| {best:.2f} | {n / best:.0f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
