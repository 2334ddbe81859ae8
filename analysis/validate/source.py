"""Read the toolkit's output a sample is drawn from: a report folder or a batch folder."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import ConfigError

__all__ = ["BATCH_TABLES", "REPORT_TABLES", "Source", "read_source"]

#: Report tables (``tables/<name>.csv``) the measures read.
REPORT_TABLES = (
    "actor_tone",
    "actors",
    "alignment",
    "coverage_gaps",
    "quotes",
    "sentences",
    "sentiment_sentences",
    "word_choice",
)
#: Per-event batch tables (``events/<event>/<name>.parquet``) the measures read.
BATCH_TABLES = ("pairs", "quotes")


@dataclass(frozen=True)
class Source:
    """The toolkit's output for one report or one batch.

    Parameters
    ----------
    path : str
        The folder as given.
    kind : {"report", "batch"}
        A report folder (``tables/*.csv``) or a batch folder (``events/<event>/*.parquet``).
    tables : Mapping of str to pandas.DataFrame
        The tables that exist, by name; batch tables are concatenated over events (they carry
        an ``event`` column).
    run : Mapping
        The folder's ``run.json`` (a batch's ``summary/run.json``); empty when absent.
    """

    path: str
    kind: str
    tables: Mapping[str, pd.DataFrame]
    run: Mapping[str, Any] = field(default_factory=dict)

    @property
    def parameters(self) -> dict[str, Any]:
        """The report parameters recorded in run.json, resolved values included."""
        return {**self.run.get("parameters", {}), **self.run.get("resolved_parameters", {})}


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ConfigError(f"{path} is not valid JSON ({exc}); restore it from the run") from None
    return data if isinstance(data, dict) else {}


def _read_report(folder: Path) -> dict[str, pd.DataFrame]:
    tables = {}
    for name in REPORT_TABLES:
        path = folder / "tables" / f"{name}.csv"
        if path.is_file():
            tables[name] = pd.read_csv(path, keep_default_na=False, na_values=[""])
    return tables


def _read_batch(folder: Path) -> dict[str, pd.DataFrame]:
    events = sorted(p for p in (folder / "events").iterdir() if p.is_dir())
    tables = {}
    for name in BATCH_TABLES:
        parts = [pd.read_parquet(e / f"{name}.parquet") for e in events]
        parts = [p for p in parts if len(p)] if parts else []
        if parts:
            tables[name] = pd.concat(parts, ignore_index=True)
    return tables


def read_source(path: str | Path) -> Source:
    """Read the tables of a report folder or of a batch folder.

    Parameters
    ----------
    path : str or Path
        A report folder (``python -m analysis report``: ``tables/``, ``run.json``) or a batch
        folder (``python -m analysis batch``: ``events/<event>/``, ``summary/run.json``).

    Returns
    -------
    Source

    Raises
    ------
    ConfigError
        When *path* is neither kind of folder.
    """
    folder = Path(path)
    if (folder / "tables").is_dir():
        return Source(str(path), "report", _read_report(folder), _read_json(folder / "run.json"))
    if (folder / "events").is_dir():
        run = _read_json(folder / "summary" / "run.json")
        return Source(str(path), "batch", _read_batch(folder), run)
    raise ConfigError(
        f"{folder} is neither a report folder (tables/) nor a batch folder (events/); "
        "pass the --out folder of `python -m analysis report` or `batch`"
    )
