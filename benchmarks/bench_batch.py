"""Benchmark: batch runs over a synthetic collection of three-article events and over ECB+.

The synthetic collection is built from real news sentences: each event takes 8 MRPC paraphrase
pairs as its shared facts (outlet A writes sentence 1, outlet B sentence 2, outlet C one or the
other) and 6 to 10 ECB+ sentences as each outlet's own material, so events look like real
coverage: shared facts reworded, plus what each outlet alone reports. Prints events per second
with --jobs 1 and --jobs 2, peak memory, and the time for 100 and 1,000 events.

Run: ``nox -s bench -- bench_batch`` or ``python benchmarks/bench_batch.py [--events N ...]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
MRPC = SHARED / "mrpc" / "msr_paraphrase_train.txt"
ECB = SHARED / "ecbplus" / "ECB+"
OUTLETS = ("Alpha Daily", "Beta Times", "Gamma News")


def _mrpc_pairs() -> list[tuple[str, str]]:
    rows = MRPC.read_text(encoding="utf-8-sig").splitlines()[1:]
    pairs = []
    for row in rows:
        quality, _, _, s1, s2 = row.split("\t")
        if quality == "1":
            pairs.append((s1, s2))
    return pairs


def _ecb_sentences() -> list[str]:
    from analysis.corpus.ecbplus import load_ecbplus

    sentences = load_ecbplus(ECB).sentences
    return [t for t in sentences["text"] if 8 <= len(t.split()) <= 40]


def make_collection(path: Path, n_events: int, *, seed: int = 0) -> Path:
    """Write a JSONL collection of *n_events* three-article events to *path*."""
    rng = random.Random(seed)
    pairs = _mrpc_pairs()
    filler = _ecb_sentences()
    with path.open("w", encoding="utf-8") as handle:
        for event in range(n_events):
            shared = rng.sample(pairs, 8)
            for index, outlet in enumerate(OUTLETS):
                facts = [
                    pair[0] if index == 0 else pair[1] if index == 1 else pair[rng.randrange(2)]
                    for pair in shared
                    if index == 2 or rng.random() < 0.85
                ]
                own = rng.sample(filler, rng.randint(6, 10))
                body = facts + own
                rng.shuffle(body)
                record = {
                    "event": f"event-{event:04d}",
                    "outlet": outlet,
                    "title": f"Story {event}",
                    "text": "\n".join(body),
                }
                handle.write(json.dumps(record) + "\n")
    return path


def _timed_run(collection: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Run a batch in a fresh process; wall seconds and peak RSS (MiB) of the largest process."""
    code = (
        "import sys; from analysis.batch.runner import run_batch; "
        f"run_batch({str(collection)!r}, {str(out)!r}, jobs={jobs}, use_cache=False)"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kib / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    if not MRPC.is_file() or not ECB.is_dir():
        print(f"skipped: {SHARED} lacks MRPC or ECB+")
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n_events in args.events:
            collection = make_collection(root / f"c{n_events}.jsonl", n_events)
            for jobs in (1, 2) if n_events <= 100 else (2,):
                seconds, peak = _timed_run(collection, root / f"out-{n_events}-{jobs}", jobs)
                rows.append(
                    (
                        "synthetic, 3 articles/event",
                        n_events,
                        jobs,
                        seconds,
                        n_events / seconds,
                        peak,
                    )
                )
        seconds, peak = _timed_run(ECB, root / "out-ecb", 2)
        rows.append(("ECB+ sub-events (~10 articles/event)", 20, 2, seconds, 20 / seconds, peak))
    print("| collection | events | jobs | wall time (s) | events/s | peak RSS so far (MiB) |")
    print("|---|---|---|---|---|---|")
    for name, n, jobs, seconds, rate, peak in rows:
        print(f"| {name} | {n} | {jobs} | {seconds:.1f} | {rate:.2f} | {peak:.0f} |")
    synthetic = [r for r in rows if r[0].startswith("synthetic") and r[2] == 2]
    if len(synthetic) >= 2:
        (_, n1, _, t1, _, _), (_, n2, _, t2, _, _) = synthetic[0], synthetic[-1]
        print(
            f"\ntime per event with --jobs 2: {t1 / n1 * 1000:.0f} ms at {n1} events, "
            f"{t2 / n2 * 1000:.0f} ms at {n2} events (ratio {t2 / n2 / (t1 / n1):.2f}; "
            "1.00 = linear growth)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
