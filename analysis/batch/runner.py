"""Run a batch over a collection: events in parallel (joblib or Dask), cached per event.

Streaming, caching and why results do not depend on the backend: ``docs/methods.md``, section 16.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from joblib import Parallel, delayed, parallel_config

from analysis.batch.compare import BatchConfig, aggregate, analyse_event
from analysis.corpus.collection import event_fingerprint, iter_event_sources
from analysis.corpus.loader import ArticleSource, build_corpus
from analysis.errors import ConfigError
from analysis.report.output import replace_folder
from analysis.report.write import check_output_folder, check_output_path
from analysis.text.names import FolderNames

__all__ = ["BACKENDS", "EVENT_KIND", "GENERATOR", "BatchRun", "run_batch"]

logger = logging.getLogger(__name__)

BACKENDS = ("loky", "threading", "dask")
FINGERPRINT = "fingerprint"
#: ``generator`` of the run.json in the summary and in every event folder of a batch.
GENERATOR = "storydiff-news batch"
#: ``kind`` of an event folder's run.json (the summary's has none).
EVENT_KIND = "batch-event"
#: The per-event tables the aggregation reads back.
AGGREGATED = ("articles", "frames", "terms", "speakers")


@dataclass(frozen=True)
class BatchRun:
    """What a batch run computed: collection tables and how many events were (re)computed.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The :func:`~analysis.batch.compare.aggregate` tables.
    events : tuple of str
        Events analysed, sorted.
    n_computed, n_cached : int
        Events computed in this run and events read from the cache.
    folders : dict of str to str
        Event -> its folder name under ``<out_dir>/events/``
        (:func:`analysis.text.names.safe_name`).
    """

    tables: dict[str, pd.DataFrame]
    events: tuple[str, ...]
    n_computed: int
    n_cached: int
    folders: dict[str, str] = field(default_factory=dict)


def _is_cached(folder: Path, fingerprint: str) -> bool:
    marker = folder / FINGERPRINT
    return marker.is_file() and marker.read_text(encoding="utf-8").strip() == fingerprint


def _event_folder(events_dir: Path, names: FolderNames, event: str) -> Path:
    """Name the folder of *event*; refuse one shared with another event or holding other files."""
    folder = events_dir / names.claim(event)
    return check_output_folder(
        folder, generator=GENERATOR, kind=EVENT_KIND, what=f"batch event ({event!r})"
    )


def _store(folder: Path, event: str, tables: dict[str, pd.DataFrame], fingerprint: str) -> None:
    """Write one event's tables as Parquet into *folder*, replacing it atomically."""
    run = {"generator": GENERATOR, "kind": EVENT_KIND, "event": event}
    files = {"run.json": (json.dumps(run, indent=2, ensure_ascii=False) + "\n").encode()}
    for name, table in tables.items():
        buffer = io.BytesIO()
        table.reset_index(drop=True).to_parquet(buffer, index=False)
        files[f"{name}.parquet"] = buffer.getvalue()
    files[FINGERPRINT] = (fingerprint + "\n").encode()
    replace_folder(files, folder)


def _load(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in AGGREGATED}


def _job(
    event: str, sources: list[ArticleSource], config: BatchConfig
) -> tuple[str, dict[str, pd.DataFrame]]:
    corpus = build_corpus(sources, min_articles=config.min_articles)
    return event, analyse_event(corpus, config=config)


def run_batch(
    source: str | Path,
    out_dir: str | Path,
    *,
    config: BatchConfig | None = None,
    jobs: int = 1,
    backend: str = "loky",
    scheduler: str | None = None,
    use_cache: bool = True,
    on_event: Callable[[str], None] | None = None,
) -> BatchRun:
    """Analyse every event of a collection and aggregate by outlet.

    Parameters
    ----------
    source : str or Path
        A collection, as for :func:`analysis.corpus.collection.iter_event_sources`.
    out_dir : str or Path
        Output folder; per-event tables are stored under ``<out_dir>/events/<event>/``
        (Parquet, with a ``fingerprint`` file and a run.json naming the event), the folder
        named by :func:`analysis.text.names.safe_name`. Existing folders there are replaced
        only if they are empty or were written by a batch run.
    config : BatchConfig, optional
        Batch parameters; None takes the defaults.
    jobs : int, optional
        Parallel processes (joblib; -1 = all cores).
    backend : str, optional
        One of :data:`BACKENDS`; ``"dask"`` runs the events on the Dask cluster at *scheduler*
        (needs the ``dask`` extra).
    scheduler : str, optional
        Dask scheduler address (``tcp://host:port``).
    use_cache : bool, optional
        Skip events whose fingerprint (input files and parameters) is unchanged.
    on_event : callable, optional
        Called with each event name once it is done (for progress bars).

    Returns
    -------
    BatchRun
        The collection tables and the counts of computed and cached events.

    Raises
    ------
    ConfigError
        For an unknown backend, a bad number of jobs, a Dask backend without scheduler, a
        collection with no event of ``config.min_articles`` articles, or an output folder
        that must not be replaced (:func:`analysis.report.write.check_output_folder`).
    CorpusError
        When the collection cannot be read, or two events would share one folder.
    """
    config = config or BatchConfig()
    if backend not in BACKENDS:
        raise ConfigError(f"backend {backend!r} is unknown; use one of {', '.join(BACKENDS)}")
    if jobs == 0 or jobs < -1:
        raise ConfigError(f"--jobs {jobs} is not a number of processes; use 1, 2, ... or -1")
    if backend == "dask" and not scheduler:
        raise ConfigError("the dask backend needs --scheduler ADDRESS (tcp://host:port)")
    out = check_output_path(out_dir, source=source)
    check_output_folder(out / "summary", generator=GENERATOR, what="batch summary")
    events_dir = out / "events"
    names = FolderNames(what="event")
    seen: list[str] = []
    n_cached = 0

    def tasks() -> Iterator[Any]:
        nonlocal n_cached
        for event, sources in iter_event_sources(source, min_articles=config.min_articles):
            seen.append(event)
            fingerprint = event_fingerprint(sources, config.key())
            folder = _event_folder(events_dir, names, event)
            if use_cache and _is_cached(folder, fingerprint):
                n_cached += 1
                if on_event:
                    on_event(event)
                continue
            fingerprints[event] = fingerprint
            yield delayed(_job)(event, sources, config)

    fingerprints: dict[str, str] = {}
    n_computed = 0
    with _backend_context(backend, scheduler):
        parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
        for event, tables in parallel(tasks()):
            _store(events_dir / names.claim(event), event, tables, fingerprints[event])
            n_computed += 1
            if on_event:
                on_event(event)
    if not seen:
        raise ConfigError(f"{source} holds no event with at least {config.min_articles} articles")
    ordered = sorted(seen)
    folders = names.folders()
    results = (_load(events_dir / folders[event]) for event in ordered)
    tables = aggregate(results, config=config)
    return BatchRun(
        tables=tables,
        events=tuple(ordered),
        n_computed=n_computed,
        n_cached=n_cached,
        folders={event: folders[event] for event in ordered},
    )


@contextmanager
def _backend_context(backend: str, scheduler: str | None) -> Iterator[None]:
    """Select joblib's backend for the run; for Dask, connect a client to *scheduler*."""
    if backend != "dask":
        with parallel_config(backend=backend):
            yield
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise ConfigError(
            "the dask backend needs the dask extra: pip install 'storydiff-news[dask]'"
        ) from None
    try:
        client = Client(scheduler, timeout=10)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client, parallel_config(backend="dask"):
        yield
