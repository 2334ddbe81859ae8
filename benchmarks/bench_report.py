"""Wall time of the whole seed report (``python -m analysis report``), and where it goes.

Prints two tables:

* the median wall time (and CPU time of the process and its workers) of ``--runs`` whole-process
  runs of ``python -m analysis report corpus/ukraine-security-force --out DIR`` for this tree
  and, with ``--reference PATH``, for another checkout of the project (run with
  ``PYTHONPATH=PATH``), the runs of the two trees taking turns, with the ratio of the medians;
* a breakdown of one run of this tree measured in one fresh process with
  :func:`time.perf_counter`: imports, corpus, each step of ``build_report``, drawing the figures,
  saving them per format, the tables per format, the HTML page, and the figures drawn and saved
  by :func:`analysis.report.output.render_figures` in worker processes.

    python benchmarks/bench_report.py [--runs 3] [--reference /work/baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "ukraine-security-force"


def _run_report(tree: Path, corpus: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, workers included) of one report run in *tree*."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analysis", "report", str(corpus), "--out", str(out)],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare_trees(trees: dict[str, Path], corpus: Path, runs: int) -> list[dict[str, object]]:
    """Median wall and CPU time per tree; the trees take turns so load changes hit all alike."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        for i in range(runs):
            for name, tree in trees.items():
                times[name].append(_run_report(tree, corpus, Path(tmp) / f"{name}-{i}"))
    first = statistics.median(w for w, _ in times["current"])
    rows = []
    for name, tree in trees.items():
        wall = statistics.median(w for w, _ in times[name])
        rows.append(
            {
                "tree": name,
                "path": str(tree),
                "runs": runs,
                "median_wall_s": round(wall, 2),
                "median_cpu_s": round(statistics.median(c for _, c in times[name]), 2),
                "ratio_to_current": round(wall / first, 2),
            }
        )
    return rows


def breakdown(corpus: Path) -> dict[str, float]:
    """Seconds per part of one report, measured in this (fresh) process."""
    laps: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        laps[name] = now - mark
        mark = now

    from analysis.corpus import load_corpus
    from analysis.report import build_report
    from analysis.report.output import FIGURE_FORMATS, figure_bytes, render_figures
    from analysis.report.render import render_html
    from analysis.report.tables import to_csv, to_latex, to_markdown

    lap("imports")
    loaded = load_corpus(corpus)
    lap("load corpus")
    steps: list[tuple[str, float]] = []
    report = build_report(loaded, progress=lambda step: steps.append((step, time.perf_counter())))
    lap("build_report")
    ends = [t for _, t in steps[1:]] + [mark]
    for (step, start), end in zip(steps, ends, strict=True):
        laps[f"  build: {step}"] = end - start
    figures = {name: report.figure(name) for name in report.figure_names}
    lap("figures: draw")
    svgs: dict[str, str] = {}
    for fmt in FIGURE_FORMATS:
        for name, figure in figures.items():
            data = figure_bytes(figure, fmt)
            if fmt == "svg":
                svgs[name] = data.decode("utf-8")
        lap(f"figures: save {fmt}")
    for render in (to_csv, to_latex, to_markdown):
        for name in report.table_names():
            render(report.tables[name])
        lap(f"tables: {render.__name__}")
    widths = {name: float(figure.get_size_inches()[0]) for name, figure in figures.items()}
    render_html(report, svgs, widths)
    lap("html")
    render_figures(report.figure, report.figure_names, processes=None)
    lap("figures: draw + save in workers (not the default)")
    return laps


def _print_table(rows: list[dict[str, object]]) -> None:
    columns = list(rows[0])
    widths = [max(len(str(c)), *(len(str(r[c])) for r in rows)) for c in columns]
    print("  ".join(str(c).ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(str(row[c]).ljust(w) for c, w in zip(columns, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs per tree")
    parser.add_argument("--reference", type=Path, help="another checkout to time side by side")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the event folder")
    parser.add_argument("--breakdown", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    if args.breakdown:  # the child process of the breakdown: print its laps as JSON
        print(json.dumps(breakdown(corpus)))
        return 0
    trees = {"current": ROOT}
    if args.reference is not None:
        trees["reference"] = args.reference.resolve()
    _print_table(compare_trees(trees, corpus, args.runs))
    print()
    child = subprocess.run(
        [sys.executable, __file__, "--breakdown", "--corpus", str(corpus)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        text=True,
    )
    laps = json.loads(child.stdout.splitlines()[-1])
    _print_table([{"part (current tree)": k, "seconds": f"{v:.2f}"} for k, v in laps.items()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
