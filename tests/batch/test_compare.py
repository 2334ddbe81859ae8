"""Tests for analysis.batch.compare and analysis.batch.runner: per-event facts, aggregation,
parallel runs, the Dask backend and the per-event cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.batch.compare import (
    ADJUSTED_COLUMNS,
    FACT_COLUMNS,
    OMISSION_METRICS,
    BatchConfig,
    aggregate,
    analyse_event,
)
from analysis.batch.runner import BatchRun, run_batch
from analysis.corpus.loader import Corpus, load_corpus
from analysis.errors import ConfigError

STORY = [
    "The city council approved a new budget of 40 million dollars on Monday.",
    "Mayor Anna Berg said the money would fund schools and roads.",
    "\u201cThis budget invests in our children,\u201d Berg said.",
    "Opposition leader Tom Hale warned that taxes would rise next year.",
    "The vote passed by seven to four after a long debate.",
    "Teachers welcomed the plan, while business groups were cautious.",
]
OUTLETS = ("Daily", "Herald", "Post")
CONFIG = BatchConfig(n_resamples=500)


def _article(event: int, outlet: int) -> str:
    # Each outlet tells a different subset of the story, so coverage differs by outlet.
    chosen = [s for i, s in enumerate(STORY) if (i + outlet) % 3 != 0 or i == 0]
    return f"Council Budget Story {event}\n" + "\n".join(chosen) + "\n"


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("collection")
    for event in range(4):
        folder = root / f"event-{event}"
        folder.mkdir()
        for outlet, name in enumerate(OUTLETS):
            (folder / f"{name.lower()}.md").write_text(_article(event, outlet))
            (folder / "manifest.toml").write_text(
                "".join(
                    f'[[articles]]\nid = "{n.lower()}-{event}"\nfile = "{n.lower()}.md"\n'
                    f'outlet = "{n}"\n'
                    for n in OUTLETS
                )
            )
    return root


@pytest.fixture(scope="module")
def serial(collection: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchRun, Path]:
    """The collection run in this process without the cache, and its output folder."""
    out = tmp_path_factory.mktemp("serial")
    return run_batch(collection, out, config=CONFIG, jobs=1, use_cache=False), out


def test_analyse_event_facts(seed_corpus: Corpus) -> None:
    tables = analyse_event(seed_corpus, config=BatchConfig())
    facts = tables["articles"]
    assert list(facts.columns) == FACT_COLUMNS
    assert facts["article"].tolist() == ["anon-000", "newslooks-001"]
    assert facts["outlet"].tolist() == ["unknown", "Newslooks"]
    assert facts["coverage_share"].between(0, 1).all()
    assert facts["omission_rate"].between(0, 1).all()
    # Units reported by the other article and missing here are this article's omissions.
    a, b = facts.itertuples(index=False)
    assert a.units_by_others == b.units_reported
    assert a.omitted == b.units_reported - (a.units_reported + b.units_reported - a.n_units)
    assert b.n_speakers > a.n_speakers  # Newslooks quotes Hodges, Hegseth, Sybiha as well


def test_aggregate_by_outlet_with_event_bootstrap(serial: tuple[BatchRun, Path]) -> None:
    run, out = serial
    assert run.events == ("event-0", "event-1", "event-2", "event-3")
    assert run.n_computed == 4
    cov = run.tables["outlet_coverage"]
    assert set(cov["outlet"]) == set(OUTLETS)
    assert (cov["n_events"] == 4).all()
    assert (cov["ci_low"] <= cov["mean"] + 1e-12).all()
    assert (cov["mean"] <= cov["ci_high"] + 1e-12).all()
    terms = run.tables["outlet_terms"]
    assert set(terms["a"]) <= set(OUTLETS)
    for name in ("articles", "pairs", "units", "quotes", "frames", "terms", "speakers"):
        assert (out / "events" / "event-0" / f"{name}.parquet").is_file()


def test_parallel_equals_serial(
    collection: Path, serial: tuple[BatchRun, Path], tmp_path: Path
) -> None:
    run, out = serial
    parallel = run_batch(collection, tmp_path / "parallel", config=CONFIG, jobs=2, use_cache=False)
    for name, table in run.tables.items():
        pd.testing.assert_frame_equal(table, parallel.tables[name])
    parquets = sorted((out / "events").rglob("*.parquet"))
    assert parquets
    for parquet in parquets:
        twin = tmp_path / "parallel" / parquet.relative_to(out)
        pd.testing.assert_frame_equal(pd.read_parquet(parquet), pd.read_parquet(twin))


def test_dask_backend_matches_serial(
    collection: Path, serial: tuple[BatchRun, Path], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        run = run_batch(
            collection,
            tmp_path / "dask",
            config=CONFIG,
            backend="dask",
            scheduler=cluster.scheduler_address,
        )
    for name, table in serial[0].tables.items():
        pd.testing.assert_frame_equal(table, run.tables[name])


def test_cache_recomputes_only_what_changed(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = BatchConfig(n_resamples=500)
    first = run_batch(collection, out, config=config)
    assert (first.n_computed, first.n_cached) == (4, 0)
    again = run_batch(collection, out, config=config)
    assert (again.n_computed, again.n_cached) == (0, 4)
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(table, again.tables[name])
    changed = collection / "event-2" / "daily.md"
    original = changed.read_text()
    try:
        changed.write_text(original + "A late update added one more sentence today.\n")
        partly = run_batch(collection, out, config=config)
        assert (partly.n_computed, partly.n_cached) == (1, 3)
    finally:
        changed.write_text(original)
    other = run_batch(collection, out, config=BatchConfig(n_resamples=500, seed=1))
    assert other.n_computed == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"jobs": 0}, "--jobs 0"),
        ({"backend": "spark"}, "backend 'spark'"),
        ({"backend": "dask"}, "needs --scheduler"),
    ],
)
def test_bad_options(collection: Path, tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        run_batch(collection, tmp_path / "out", **kwargs)


def test_aggregate_of_nothing_is_empty() -> None:
    tables = aggregate([], config=BatchConfig())
    assert tables["articles"].empty
    assert tables["outlet_coverage"].empty
    assert tables["outlet_terms"].empty


@pytest.mark.slow
def test_batch_cli_writes_summary_and_events(
    collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import subprocess
    import sys

    from analysis.cli import main

    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "batch",
            str(collection),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--n-resamples",
            "200",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "4 events (4 computed, 0 cached)" in result.stdout
    summary = out / "summary"
    for name in ("outlet_coverage", "outlet_sources", "outlet_tone", "outlet_frames"):
        for suffix in ("csv", "tex", "md"):
            assert (summary / "tables" / f"{name}.{suffix}").is_file()
    for name in ("outlet_coverage", "outlet_tone"):
        for suffix in ("pdf", "svg", "png", "caption.txt"):
            assert (summary / "figures" / f"{name}.{suffix}").is_file()
    html = (summary / "index.html").read_text()
    assert "4 events, 12 articles, 3 outlets" in html
    meta = json.loads((summary / "run.json").read_text())
    assert meta["parameters"]["jobs"] == 2
    assert meta["events"] == ["event-0", "event-1", "event-2", "event-3"]
    assert main(["batch", str(collection), "--out", str(out), "--jobs", "0"]) == 2
    assert capsys.readouterr().err.startswith("error: ")


FACTS = {
    "s1": "The city council approved a new budget of 40 million dollars on Monday.",
    "s2": "Mayor Anna Berg said the money would fund schools and roads.",
    "s3": "Opposition leader Tom Hale warned that taxes would rise next year.",
    "xa": "A heavy storm flooded three villages along the northern coast overnight.",
    "xb": "Scientists discovered a rare orchid species in a remote mountain valley.",
    "xc": "The football club signed a young striker from Brazil for the season.",
    "xd": "Airline passengers faced long delays after a computer failure at the airport.",
}


def _hand_event(make_event: Callable[..., Path], articles: dict[str, list[str]]) -> Corpus:
    files = {
        f"{name}.txt": "Council Budget News\n\n" + "\n\n".join(FACTS[f] for f in facts) + "\n"
        for name, facts in articles.items()
    }
    return load_corpus(make_event(files))


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        (  # three articles: k = 2 (both others)
            {"a": ["s1", "s2", "xa"], "b": ["s1", "s2", "xb"], "c": ["s1", "xc"]},
            {"a": (2, 1, 0, 1), "b": (2, 1, 0, 1), "c": (2, 2, 1, 1)},
        ),
        (  # four articles: k = 2 (at least two others)
            {
                "a": ["s1", "s2", "s3", "xa"],
                "b": ["s1", "s2", "xb"],
                "c": ["s1", "s3", "xc"],
                "d": ["s1", "xd"],
            },
            {"a": (2, 1, 0, 1), "b": (2, 2, 1, 1), "c": (2, 2, 1, 1), "d": (2, 3, 2, 1)},
        ),
    ],
)
def test_omission_of_shared_units(
    make_event: Callable[..., Path],
    articles: dict[str, list[str]],
    expected: dict[str, tuple[int, int, int, int]],
) -> None:
    corpus = _hand_event(make_event, articles)
    tables = analyse_event(corpus, config=CONFIG)
    facts = tables["articles"]
    assert list(facts.columns) == FACT_COLUMNS
    rows = {row.article: row for row in facts.itertuples()}  # ids are the file names
    for name, (k, n_shared, n_omitted, n_exclusive) in expected.items():
        row = rows[name]
        assert (row.omission_k, row.n_shared, row.n_shared_omitted, row.n_exclusive) == (
            k,
            n_shared,
            n_omitted,
            n_exclusive,
        ), name
        assert row.shared_omission_rate == pytest.approx(n_omitted / n_shared)
    units = tables["units"]
    assert units["n_sentences"].max() <= len(articles)
    shared = units.loc[units["n_articles"] == len(articles), "text"].tolist()
    assert shared == [FACTS["s1"]]


def test_aggregate_adds_length_adjusted_omission(serial: tuple[BatchRun, Path]) -> None:
    run, _ = serial
    facts = run.tables["articles"]
    for adjusted in ADJUSTED_COLUMNS:
        values = facts[adjusted].dropna()
        assert len(values) == len(facts)
        assert values.mean() == pytest.approx(0.0, abs=1e-9)  # residuals over the collection
    omission = run.tables["outlet_omission"]
    assert set(omission["measure"]) == set(OMISSION_METRICS)
    assert set(omission["outlet"]) == set(OUTLETS)
    assert aggregate([], config=BatchConfig())["outlet_omission"].empty
