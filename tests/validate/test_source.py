"""Reading a report or batch folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.validate.source import read_source
from analysis.validate.units import build_units


def test_a_report_folder_is_read_with_its_parameters(report_dir: Path) -> None:
    source = read_source(report_dir)
    assert source.kind == "report"
    assert {"alignment", "sentences", "coverage_gaps"} <= set(source.tables)
    assert source.parameters["method"] == "lexical"
    assert "align_partial" in source.parameters


def test_a_batch_folder_is_read_over_events(tmp_path: Path, report_dir: Path) -> None:
    pairs = pd.read_csv(report_dir / "tables" / "alignment.csv")
    quotes = pd.read_csv(report_dir / "tables" / "quotes.csv")
    for event in ("e1", "e2"):
        folder = tmp_path / "events" / event
        folder.mkdir(parents=True)
        pairs.assign(event=event).to_parquet(folder / "pairs.parquet")
        quotes.assign(event=event).to_parquet(folder / "quotes.parquet")
    source = read_source(tmp_path)
    assert source.kind == "batch"
    assert len(source.tables["pairs"]) == 2 * len(pairs)
    units = build_units(source, "alignment")
    assert set(units["event"]) == {"e1", "e2"}
    assert set(units["toolkit"]) == {"yes"}
    assert len(build_units(source, "quotes"))


def test_another_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="neither a report folder"):
        read_source(tmp_path)
