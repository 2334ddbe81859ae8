"""Tests for analysis.extract.quantities: figures, ranges, bounds, units, years and their
comparison."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.extract.quantities import (
    COMPARE_COLUMNS,
    NUMBER_COLUMNS,
    compare_numbers,
    extract_numbers,
)
from tests.conftest import A_ID, B_ID

INF = math.inf


def _numbers(*texts: str, article: str = "x") -> pd.DataFrame:
    frame = pd.DataFrame({"article": article, "sentence": range(len(texts)), "text": list(texts)})
    return extract_numbers(frame)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "kind", "unit"),
    [
        (
            "a smaller 30,000- to 40,000-strong European contingent",
            "30,000- to 40,000-strong",
            30000,
            40000,
            "range",
            "troops",
        ),
        ("potentially 30,000-150,000 strong", "30,000-150,000", 30000, 150000, "range", "troops"),
        (
            "a force of 100,000 to 150,000 troops",
            "100,000 to 150,000",
            100000,
            150000,
            "range",
            "troops",
        ),
        ("Ukraine requests 100,000+ troops", "100,000+", 100000, INF, "at_least", "troops"),
        ("150 to 160 F-16 fighter jets", "150 to 160", 150, 160, "range", "fighter jets"),
        ("over 25 Patriot missile systems", "25", 25, INF, "at_least", "missile systems"),
        ("up to 20 tanks", "20", 0, 20, "at_most", "tanks"),
        ("between 5 and 10 soldiers", "5 and 10", 5, 10, "range", "troops"),
        ("some 2,000 people", "2,000", 2000, 2000, "approximate", "people"),
        ("a rise of 25% this year", "25%", 25, 25, "exact", "percent"),
        ("a rise of 2.5 percent", "2.5 percent", 2.5, 2.5, "exact", "percent"),
        ("it cost $5bn", "$5bn", 5e9, 5e9, "exact", "money"),
        ("1.5 million euros", "1.5 million", 1.5e6, 1.5e6, "exact", "money"),
        ("1 to 2 million people", "1 to 2 million", 1e6, 2e6, "range", "people"),
        ("for three years", "three", 3, 3, "exact", "years"),
        ("in early 2024 when", "2024", 2024, 2024, "year", "year"),
        ("under Article 5.", "5", 5, 5, "exact", ""),
    ],
)
def test_extract_table(text, surface, low, high, kind, unit):
    found = _numbers(text)
    assert len(found) == 1, found
    row = found.iloc[0]
    assert row["text"] == surface
    assert (row["low"], row["high"], row["kind"], row["unit"]) == (low, high, kind, unit)
    assert text[row["start"] : row["end"]] == surface


@pytest.mark.parametrize(
    "text",
    ["the F-16 and the G7", "COVID-19 spread", "in the 1990s", "Hegseth emphasized:", ""],
)
def test_not_figures(text):
    assert _numbers(text).empty


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("talks in December 2024, at a meeting", "December 2024", 2024.0),
        ("on Feb. 14, 2025 they met", "Feb. 14, 2025", 2025.0),
        ("on 3 March they met", "3 March", math.nan),
    ],
)
def test_dates(text, surface, value):
    row = _numbers(text).iloc[0]
    assert row["kind"] == "date"
    assert row["text"] == surface
    assert (math.isnan(value) and math.isnan(row["value"])) or row["value"] == value


def test_unitless_number_keeps_context():
    row = _numbers("The vote was 12 in the end, officials said.").iloc[0]
    assert row["unit"] == ""
    assert row["value"] == 12
    assert "vote was 12 in the end" in row["context"]


def test_from_to_is_not_a_range():
    found = _numbers("rose from 10 to 20 people")
    assert list(found["kind"]) == ["exact", "exact"]


def test_seed_columns_and_input_unchanged(seed_corpus):
    before = seed_corpus.sentences.copy()
    found = extract_numbers(seed_corpus.sentences)
    pd.testing.assert_frame_equal(seed_corpus.sentences, before)
    assert list(found.columns) == NUMBER_COLUMNS
    assert (found["low"].dropna() <= found["high"].dropna()).all()


@pytest.mark.parametrize(("low", "high"), [(100000, 150000), (30000, 40000)])
def test_seed_force_sizes_in_both(seed_corpus, low, high):
    found = extract_numbers(seed_corpus.sentences)
    rows = found[(found["low"] == low) & (found["high"] == high)]
    assert set(rows["article"]) == {A_ID, B_ID}


def _pairs(*pairs: tuple[int, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a_article": "a",
            "b_article": "b",
            "a_sentence": [p[0] for p in pairs],
            "b_sentence": [p[1] for p in pairs],
            "similarity": 0.5,
        }
    )


def test_compare_numbers_statuses():
    numbers = pd.concat(
        [
            _numbers("It sent 500 troops in 2024.", "It has 30 tanks.", article="a"),
            _numbers("It sent 600 troops in 2024.", "A 12% rise.", "It has 30 tanks.", article="b"),
        ],
        ignore_index=True,
    )
    compared = compare_numbers(numbers, _pairs((0, 0)))
    assert list(compared.columns) == COMPARE_COLUMNS
    status = {(r.a_text, r.b_text): (r.status, r.matched_by) for r in compared.itertuples()}
    assert status[("500", "600")] == ("different", "alignment")
    assert status[("2024", "2024")] == ("same", "alignment")
    assert status[("30", "30")] == ("same", "value")
    assert status[("", "12%")] == ("b_only", "")


def test_compare_numbers_is_symmetric():
    numbers = pd.concat(
        [
            _numbers("It sent 500 troops.", article="a"),
            _numbers("It sent 600 troops.", article="b"),
        ],
        ignore_index=True,
    )
    ab = compare_numbers(numbers, _pairs((0, 0)))
    swapped = pd.DataFrame(
        {"a_article": ["b"], "b_article": ["a"], "a_sentence": [0], "b_sentence": [0]}
    )
    ba = compare_numbers(numbers, swapped)
    assert list(ab["status"]) == list(ba["status"]) == ["different"]


def test_compare_numbers_bad_alignment():
    with pytest.raises(AnalysisError):
        compare_numbers(_numbers("5 troops"), "not an alignment")
    with pytest.raises(AnalysisError, match="a= and b="):
        compare_numbers(_numbers("5 troops"), _pairs().iloc[:0])


def test_bad_input():
    with pytest.raises(AnalysisError, match="column"):
        extract_numbers(pd.DataFrame({"text": ["5 troops"]}))


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        ("An 11-year-old boy died.", "11-year-old", "years"),
        ("He kissed a 12 - year - old girl.", "12", "years"),
        ("The man was aged 42 when he left.", "42", "years"),
        ("The baby is 7 months old.", "7", "months"),
    ],
)
def test_ages_are_typed_as_ages(text: str, figure: str, unit: str) -> None:
    found = extract_numbers(pd.DataFrame({"article": ["a"], "sentence": [0], "text": [text]}))
    row = found[found["text"] == figure].iloc[0]
    assert (row["kind"], row["unit"]) == ("age", unit)
