"""Tests for analysis.diff.wordchoice: word choice on the same facts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.diff.wordchoice import (
    DIFFERENCE_COLUMNS,
    KINDS,
    WORD_CHOICE_COLUMNS,
    pair_differences,
    word_choice,
)
from analysis.errors import ConfigError


def _pairs(*rows: tuple[str, str], relation: str = "equivalent") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "a_article": "x",
                "b_article": "y",
                "a_sentence": i,
                "b_sentence": i,
                "a_text": a,
                "b_text": b,
                "similarity": 0.9,
                "relation": relation,
            }
            for i, (a, b) in enumerate(rows)
        ]
    )


def _kinds(table: pd.DataFrame) -> set[tuple[str, str, str]]:
    return {(r.kind, r.a_phrase, r.b_phrase) for r in table.itertuples()}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "A group of nations met in Paris.",
            "A group of countries met in Paris.",
            ("substitution", "nations", "countries"),
        ),
        (
            "It is led by the United Kingdom and France.",
            "It is led by Britain and France.",
            ("style", "United Kingdom", "Britain"),
        ),
        ("The F.B.I. said so.", "The FBI said so.", ("style", "F.B.I.", "FBI")),
        ("Mr. Smith said so.", "Smith said so.", ("style", "Mr", "")),
        (
            "Starmer cautiously acknowledged the talks.",
            "Starmer acknowledged the talks.",
            ("a_only", "cautiously", ""),
        ),
    ],
)
def test_differences(a: str, b: str, expected: tuple[str, str, str]) -> None:
    table = pair_differences(_pairs((a, b)))
    assert list(table.columns) == DIFFERENCE_COLUMNS
    assert expected in _kinds(table)


def test_offsets_point_into_the_sentences() -> None:
    table = word_choice(
        _pairs(("Talks on a peace agreement began.", "Talks on a peace settlement began."))
    )
    assert list(table.columns) == WORD_CHOICE_COLUMNS
    for row in table.itertuples():
        if row.a_start >= 0:
            assert row.a_text[row.a_start : row.a_end] == row.a_phrase
        if row.b_start >= 0:
            assert row.b_text[row.b_start : row.b_end] == row.b_phrase


def test_identical_sentences_have_no_differences() -> None:
    text = "A group of European nations is quietly discussing a deployment to Ukraine."
    assert pair_differences(_pairs((text, text))).empty


def test_kinds_ordered_and_ranked() -> None:
    table = word_choice(
        _pairs(
            ("The F.B.I. said the nations met secretly.", "The FBI said the countries met."),
            ("The nations met.", "The countries met."),
        )
    )
    order = [KINDS.index(k) for k in table["kind"]]
    assert order == sorted(order)
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    sub = table[table["kind"] == "substitution"]
    assert (sub["n"] == 2).all()


def test_swap_exchanges_sides() -> None:
    a, b = "A group of nations met in Paris.", "A group of countries met in Paris."
    forward = _kinds(pair_differences(_pairs((a, b))))
    backward = _kinds(pair_differences(_pairs((b, a))))
    assert {(k, y, x) for k, x, y in backward} == forward


def test_inputs_unchanged() -> None:
    pairs = _pairs(("A group of nations met.", "A group of countries met."))
    copy = pairs.copy()
    word_choice(pairs)
    pd.testing.assert_frame_equal(pairs, copy)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"order_by": "size"}, "order_by"), ({"max_tokens": 0}, "max_tokens")],
)
def test_bad_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        word_choice(_pairs(("a b", "a c")), **kwargs)  # type: ignore[arg-type]


def test_missing_columns() -> None:
    with pytest.raises(ConfigError, match="a_text"):
        pair_differences(pd.DataFrame({"a_article": ["x"]}))


def test_relations_filter() -> None:
    pairs = _pairs(("The nations met.", "The countries met."), relation="partial")
    assert word_choice(pairs, relations=("equivalent",)).empty
