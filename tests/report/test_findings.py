"""Tests for analysis.report.findings: the plain-word lines and the helpers they share."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import Report
from analysis.report.findings import rows_of_pair, shorten, side_label


def test_findings_state_the_alignment_in_plain_words(seed_report: Report) -> None:
    summary = seed_report.tables["summary"].iloc[0]
    first = (
        f"{summary.a_matched} of {summary.a_body_sentences} body sentences in A have a "
        "counterpart in B"
    )
    assert any(line.startswith(first) for line in seed_report.findings)
    assert summary.a_body_sentences == 24
    assert any(line.startswith("Mean sentence tone") for line in seed_report.findings)
    assert any("quotes" in line for line in seed_report.findings)
    assert seed_report.findings[0].startswith("Compared: A = ")


@pytest.mark.parametrize(("index", "label"), [(0, "A"), (1, "B"), (25, "Z"), (26, "A27")])
def test_side_labels(index: int, label: str) -> None:
    assert side_label(index) == label


@pytest.mark.parametrize(("width", "expected"), [(40, "one two three"), (9, "one two…")])
def test_shorten_cuts_at_a_word(width: int, expected: str) -> None:
    assert shorten("one  two\nthree", width) == expected
    assert len(shorten("one two three", width)) <= width


def test_rows_of_pair_selects_one_pair() -> None:
    table = pd.DataFrame({"a": ["x", "x", "y"], "b": ["y", "z", "z"], "n": [1, 2, 3]})
    assert rows_of_pair(table, "x", "z")["n"].tolist() == [2]
    assert rows_of_pair(None, "x", "y").empty
    shared = pd.DataFrame({"n": [1]})
    assert rows_of_pair(shared, "x", "y") is shared


def test_findings_name_the_scorer_and_cut_behind_the_pairs(seed_report: Report) -> None:
    line = next(f for f in seed_report.findings if f.startswith("The aligner found"))
    assert "the lexical scorer's cut (similarity >= 0.325, ratio margin >= 1)" in line
    pairs = seed_report.tables["alignment"]
    assert (pairs["similarity"] >= 0.325).all()
    assert (pairs["margin"] >= 1).all()


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, "the lexical scorer's cut (similarity >= 0.325, ratio margin >= 1)"),
        ({"align_partial": 0.5, "align_margin": 1.5}, "(similarity >= 0.5, ratio margin >= 1.5)"),
        ({"method": "hybrid"}, "the hybrid scorer's cut (similarity >= 0.4,"),
    ],
)
def test_alignment_rule_words_the_configured_cut(settings: dict, expected: str) -> None:
    from analysis.report.config import ReportConfig
    from analysis.report.findings import alignment_rule

    assert expected in alignment_rule(ReportConfig(**settings))
