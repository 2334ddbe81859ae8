"""Tests for analysis.extract.quantities: figures, ranges, bounds, units, years and their
comparison."""

from __future__ import annotations

import math
import random

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


# --------------------------------------------------------------------------- fast path = reference


def _reference_compare(numbers: pd.DataFrame, pairs: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """compare_numbers by trying every figure against every other, in the documented order."""
    from analysis.extract.quantities import _comparable, _informative, _same

    na = numbers[numbers["article"] == a].reset_index(drop=True)
    nb = numbers[numbers["article"] == b].reset_index(drop=True)
    order = pairs.sort_values("similarity", ascending=False, kind="stable")
    matches: list[tuple[int, int, str, str]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()

    def pair_up(cands_a, cands_b, test, status, how):
        for i in cands_a:
            for j in cands_b:
                if i not in used_a and j not in used_b and test(na.loc[i], nb.loc[j]):
                    matches.append((i, j, status, how))
                    used_a.add(i)
                    used_b.add(j)

    for test, status in ((_same, "same"), (_comparable, "different")):
        for sa, sb in zip(order["a_sentence"], order["b_sentence"], strict=True):
            in_a = list(na.index[na["sentence"] == sa])
            pair_up(in_a, list(nb.index[nb["sentence"] == sb]), test, status, "alignment")
    rest_a = [i for i in na.index if i not in used_a and _informative(na.loc[i])]
    rest_b = [j for j in nb.index if j not in used_b and _informative(nb.loc[j])]
    pair_up(rest_a, rest_b, lambda x, y: _same(x, y) and x["unit"] == y["unit"], "same", "value")
    unmatched = [(i, None, "a_only", "") for i in na.index if i not in used_a]
    unmatched += [(None, j, "b_only", "") for j in nb.index if j not in used_b]
    rows = []
    for i, j, status, how in matches + unmatched:
        ra = na.loc[i] if i is not None else {"sentence": -1, "text": "", "unit": ""}
        rb = nb.loc[j] if j is not None else {"sentence": -1, "text": "", "unit": ""}
        unit = ra["unit"] if j is None else rb["unit"] if i is None else ra["unit"] or rb["unit"]
        bounds = [r.get(k, math.nan) for r in (ra, rb) for k in ("low", "high")]
        sides = [ra["sentence"], rb["sentence"], ra["text"], rb["text"]]
        rows.append([a, b, *sides, unit, *bounds, status, how])
    types = dict.fromkeys(["a_low", "a_high", "b_low", "b_high"], "float64")
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS).astype(
        {"a_sentence": "int64", "b_sentence": "int64", **types}
    )


def _random_figures(rng: random.Random, article: str) -> list[dict[str, object]]:
    """Up to eight figures over four sentences, drawn so that equal and comparable ones recur."""
    figures = []
    for _ in range(rng.randint(0, 8)):
        low = rng.choice([12.0, 12.0, 5.0, math.nan])
        figures.append(
            {
                "article": article,
                "sentence": rng.randrange(4),
                "kind": rng.choice(["exact", "exact", "range", "at_least", "year", "date"]),
                "unit": rng.choice(["troops", "troops", "", "percent"]),
                "low": low,
                "high": rng.choice([low, low, INF, 40.0]),
                "text": rng.choice(["12", "May 1", "may 1", "12 troops"]),
            }
        )
    return figures


@pytest.mark.parametrize("seed", range(200))
def test_compare_numbers_matches_reference(seed):
    """Random small tables, half of them without aligned sentences (all left to the value match)."""
    rng = random.Random(seed)
    numbers = pd.DataFrame(
        _random_figures(rng, "a") + _random_figures(rng, "b"),
        columns=["article", "sentence", "kind", "unit", "low", "high", "text"],
    ).astype({"sentence": "int64", "low": "float64", "high": "float64"})
    links = [
        (rng.randrange(4), rng.randrange(4), rng.choice([0.5, 0.7, 0.9]))
        for _ in range(rng.randint(0, 6) if seed % 2 else 0)
    ]
    pairs = pd.DataFrame(links, columns=["a_sentence", "b_sentence", "similarity"]).astype(
        {"a_sentence": "int64", "b_sentence": "int64", "similarity": "float64"}
    )
    pd.testing.assert_frame_equal(
        compare_numbers(numbers, pairs, a="a", b="b"), _reference_compare(numbers, pairs, "a", "b")
    )


def test_figures_left_over_pair_in_reading_order():
    numbers = pd.DataFrame(
        {
            "article": ["a", "a", "b", "b", "b"],
            "sentence": [0, 1, 0, 1, 2],
            "kind": "exact",
            "unit": "troops",
            "low": 12.0,
            "high": 12.0,
            "text": ["12", "12 troops", "12", "12 troops", "twelve"],
        }
    )
    compared = compare_numbers(numbers, _pairs().iloc[:0], a="a", b="b")
    assert compared[["a_sentence", "b_sentence", "matched_by"]].to_numpy().tolist() == [
        [0, 0, "value"],
        [1, 1, "value"],
        [-1, 2, ""],
    ]
