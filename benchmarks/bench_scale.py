"""How the cost of one report grows with article length, stage by stage.

Synthesises an event of two articles of 250 / 500 / 1,000 / 2,000 sentences from the ECB+ documents
in ``../shared/benchmarks/ecbplus`` and the seed articles (real news sentences, drawn with a fixed
seed): article B retells half of article A's sentences, lightly varied (a word dropped, a figure
changed), in shuffled order, and adds as many sentences of its own. Each size runs
:func:`~analysis.corpus.load_corpus`, every step of :func:`~analysis.report.build_report` and
:func:`~analysis.report.write_report` in this process and prints the wall seconds per stage
(:func:`time.perf_counter`), then the growth exponent of each stage between successive sizes
(``log(t2 / t1) / log(n2 / n1)``: 1 is linear, 2 quadratic).

    python benchmarks/bench_scale.py [--sizes 250 500 1000 2000] [--seed 0] [--profile 1000]

``--profile N`` runs size *N* under :mod:`cProfile` instead and prints the 30 functions with
the most cumulative time and the 20 with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import pstats
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared" / "benchmarks" / "ecbplus" / "ECB+"
SEED = ROOT / "corpus" / "ukraine-security-force"
SIZES = (250, 500, 1000, 2000)
_END = frozenset('.!?"”')
_NUMBER = re.compile(r"\b\d+\b")


def sentence_pool(folder: Path = ECBPLUS) -> list[str]:
    """Distinct sentences of the ECB+ documents and the seed articles: six words or more, ending
    in a full stop, question or exclamation mark or closing quotation mark."""
    from analysis.corpus import load_corpus
    from analysis.corpus.ecbplus import load_ecbplus

    texts = {*load_ecbplus(folder).sentences["text"], *load_corpus(SEED).sentences["text"]}
    return sorted(t for t in texts if len(t.split()) >= 6 and t[-1] in _END)


def _vary(sentence: str, rng: random.Random) -> str:
    """A retelling: maybe a figure changed, maybe one inner word dropped."""
    if _NUMBER.search(sentence) and rng.random() < 0.3:
        sentence = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), sentence, 1)
    words = sentence.split()
    if len(words) > 8 and rng.random() < 0.5:
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def synthesise(pool: list[str], n: int, seed: int) -> tuple[list[str], list[str]]:
    """Sentences of articles A and B, *n* each; B retells half of A and adds its own."""
    rng = random.Random(seed)
    if len(pool) < n + n // 2 + n % 2:
        raise SystemExit(f"the sentence pool holds {len(pool)} sentences; {n} needs more")
    drawn = rng.sample(pool, n + n - n // 2)
    a, own = drawn[:n], drawn[n:]
    b = [_vary(s, rng) for s in rng.sample(a, n // 2)] + own
    rng.shuffle(b)
    return a, b


def write_event(folder: Path, a: list[str], b: list[str]) -> None:
    """Two plain-text articles, one paragraph per four sentences."""
    folder.mkdir(parents=True)
    for name, sentences in (("a", a), ("b", b)):
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        (folder / f"{name}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")


def run_stages(event: Path, out: Path) -> dict[str, float]:
    """Wall seconds of loading, each build step and writing, for one event folder, and the CPU
    seconds of the whole run (this process and the figure workers it waited for)."""
    from analysis.corpus import load_corpus
    from analysis.report import build_report, write_report

    laps: dict[str, float] = {}
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu_before = sum(u.ru_utime + u.ru_stime for u in used)
    start = time.perf_counter()
    corpus = load_corpus(event)
    laps["load"] = time.perf_counter() - start
    marks: list[tuple[str, float]] = []
    report = build_report(corpus, progress=lambda step: marks.append((step, time.perf_counter())))
    end = time.perf_counter()
    for (step, t0), t1 in zip(marks, [t for _, t in marks[1:]] + [end], strict=True):
        laps[step] = t1 - t0
    write_report(report, out)
    laps["write"] = time.perf_counter() - end
    laps["total"] = time.perf_counter() - start
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    laps["cpu (+ workers)"] = sum(u.ru_utime + u.ru_stime for u in used) - cpu_before
    return laps


def _print_table(rows: list[dict[str, str]]) -> None:
    columns = list(rows[0])
    widths = [max(len(c), *(len(r[c]) for r in rows)) for c in columns]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(row[c].rjust(w) for c, w in zip(columns, widths, strict=True)))


def report_table(sizes: list[int], laps: list[dict[str, float]]) -> None:
    """Print seconds per stage and size, then the growth exponents between sizes."""
    stages = list(laps[0])
    rows = [
        {
            "stage": stage,
            **{f"{n}": f"{lap[stage]:.2f}" for n, lap in zip(sizes, laps, strict=True)},
        }
        for stage in stages
    ]
    print("wall seconds per stage (two articles of n sentences each)")
    _print_table(rows)
    if len(sizes) < 2:
        return
    print("\ngrowth exponent log(t2/t1) / log(n2/n1) between successive sizes")
    growth = []
    for stage in stages:
        row = {"stage": stage}
        for k in range(len(sizes) - 1):
            (n1, n2), (t1, t2) = sizes[k : k + 2], (laps[k][stage], laps[k + 1][stage])
            ok = min(t1, t2) >= 0.05
            row[f"{n1}->{n2}"] = f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}" if ok else "-"
        growth.append(row)
    _print_table(growth)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=int, help="profile one size with cProfile")
    args = parser.parse_args(argv)
    pool = sentence_pool()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        if args.profile:
            a, b = synthesise(pool, args.profile, args.seed)
            write_event(Path(tmp) / "event", a, b)
            profiler = cProfile.Profile()
            profiler.runcall(run_stages, Path(tmp) / "event", Path(tmp) / "out")
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
            return 0
        laps = []
        for n in args.sizes:
            a, b = synthesise(pool, n, args.seed)
            write_event(Path(tmp) / f"event-{n}", a, b)
            laps.append(run_stages(Path(tmp) / f"event-{n}", Path(tmp) / f"out-{n}"))
            print(f"n={n}: {laps[-1]['total']:.1f} s", file=sys.stderr, flush=True)
    report_table(args.sizes, laps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
