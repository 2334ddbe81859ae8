"""Tests for analysis.corpus.collection: streaming events and their cache fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.collection import (
    event_fingerprint,
    iter_event_sources,
    iter_events,
    list_events,
)
from analysis.errors import CorpusError
from tests.conftest import ROOT, SHARED

TEXT_A = "Officials met in Brussels on Monday. They agreed on a plan.\n"
TEXT_B = "Ministers gathered in Brussels. A plan was agreed on Monday.\n"


def _collection(tmp_path: Path) -> Path:
    for event in ("e2", "e1"):
        folder = tmp_path / "collection" / event
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text(TEXT_A)
        (folder / "b.txt").write_text(TEXT_B)
    lonely = tmp_path / "collection" / "e3"
    lonely.mkdir()
    (lonely / "only.txt").write_text(TEXT_A)
    return tmp_path / "collection"


def test_folder_of_events_streams_in_sorted_order(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    events = [(name, corpus.articles["id"].tolist()) for name, corpus in iter_events(root)]
    assert events == [("e1", ["a", "b"]), ("e2", ["a", "b"])]  # e3 has one article: skipped
    assert list_events(root) == ["e1", "e2", "e3"]


def test_single_event_folder(seed_path: Path) -> None:
    ((name, corpus),) = list(iter_events(seed_path))
    assert name == "ukraine-security-force"
    assert len(corpus.articles) == 2


def test_collection_file_groups_records_by_event(tmp_path: Path) -> None:
    records = [
        {"event": "x", "outlet": "Daily", "title": "t", "text": TEXT_A},
        {"event": "y", "outlet": "Daily", "title": "t", "text": TEXT_B},
        {"event": "x", "outlet": "Weekly", "title": "t", "text": TEXT_B},
        {"event": "y", "outlet": "Weekly", "title": "t", "text": TEXT_A},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    names = [name for name, _ in iter_events(path)]
    assert names == ["x", "y"]


def test_fingerprint_changes_with_files_and_parameters(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    first = dict(iter_event_sources(root))
    fp = event_fingerprint(first["e1"], "method=lexical")
    assert fp == event_fingerprint(first["e1"], "method=lexical")
    assert fp != event_fingerprint(first["e1"], "method=hybrid")
    (root / "e1" / "a.txt").write_text(TEXT_A + "One more sentence here.\n")
    second = dict(iter_event_sources(root))
    assert event_fingerprint(second["e1"], "method=lexical") != fp
    assert event_fingerprint(second["e2"], "method=lexical") == event_fingerprint(
        first["e2"], "method=lexical"
    )


def test_collection_file_record_hashes_are_per_record(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "event": ["x", "x", "y", "y"],
            "outlet": ["D", "W", "D", "W"],
            "title": ["t"] * 4,
            "text": [TEXT_A, TEXT_B, TEXT_B, TEXT_A],
        }
    )
    path = tmp_path / "c.csv"
    frame.to_csv(path, index=False)
    before = {e: event_fingerprint(s, "") for e, s in iter_event_sources(path)}
    frame.loc[0, "text"] = TEXT_A + "Changed.\n"
    frame.to_csv(path, index=False)
    after = {e: event_fingerprint(s, "") for e, s in iter_event_sources(path)}
    assert before["x"] != after["x"]
    assert before["y"] == after["y"]


@pytest.mark.skipif(not (SHARED / "benchmarks" / "ecbplus").is_dir(), reason="no ECB+ data")
def test_ecbplus_folder_is_a_collection() -> None:
    names = list_events(SHARED / "benchmarks" / "ecbplus" / "ECB+")
    assert len(names) == 20
    assert names[:2] == ["36_ecb", "36_ecbplus"]


def test_missing_collection(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        list(iter_events(tmp_path / "nope"))
    assert ROOT.exists()


def test_streamed_collection_records_carry_their_title_and_dateline(tmp_path: Path) -> None:
    """Events streamed from a collection file type the title as headline and split the dateline."""
    records = [
        {
            "event": "x",
            "outlet": "Daily",
            "title": "Plan agreed",
            "text": f"PARIS (AFP) - {TEXT_A}",
        },
        {"event": "x", "outlet": "Weekly", "title": "Plan agreed", "text": TEXT_B},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    ((_, sources),) = list(iter_event_sources(path))
    for source in sources:
        first = source.blocks[0]
        assert (first.block_type, source.text[first.start : first.end]) == (
            "headline",
            "Plan agreed",
        )
    daily = sources[0]
    assert [b.block_type for b in daily.blocks] == ["headline", "dateline", "paragraph"]
    assert daily.meta["dateline"] == "PARIS (AFP)"
    assert daily.text[daily.blocks[2].start :].startswith("Officials met")
