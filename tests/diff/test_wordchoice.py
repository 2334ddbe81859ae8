"""Tests for analysis.diff.wordchoice: word choice on the same facts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.loader import Corpus
from analysis.diff.wordchoice import (
    DIFFERENCE_COLUMNS,
    WORD_CHOICE_COLUMNS,
    pair_differences,
    word_choice,
)
from analysis.errors import ConfigError
from analysis.text.normalize import tokenize

A_ID, B_ID = "anon-000", "newslooks-001"

#: What a careful reader sees between the leads of the two seed articles (issue 5).
SEED_SUBSTITUTIONS = [
    ("nations", "countries"),
    ("the United Kingdom", "Britain"),
    ("peace agreement", "peace settlement"),
    (
        "quietly discussing a potential military deployment",
        "quietly developing plans to send troops",
    ),
    ("a future U.S. administration under Donald Trump", "President Trump"),
]


def _pairs(*rows: tuple[str, str]) -> pd.DataFrame:
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
                "relation": "equivalent",
            }
            for i, (a, b) in enumerate(rows)
        ]
    )


def _contiguous(inner: str, outer: str) -> bool:
    small, big = tokenize(inner), tokenize(outer)
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def _found(table: pd.DataFrame, a_phrase: str, b_phrase: str) -> bool:
    """A substitution row whose minimal phrases lie inside the expected phrases, which in turn
    lie inside the row's contexts: the difference is found at the right granularity."""
    rows = table[table["kind"] == "substitution"]
    return any(
        _contiguous(row.a_phrase, a_phrase)
        and _contiguous(a_phrase, row.a_context)
        and _contiguous(row.b_phrase, b_phrase)
        and _contiguous(b_phrase, row.b_context)
        for row in rows.itertuples()
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "A group of nations met.",
            "A group of countries met.",
            [("substitution", "nations", "countries")],
        ),
        (
            "It is led by the United Kingdom and France.",
            "It is led by Britain and France.",
            [("substitution", "the United Kingdom", "Britain")],
        ),
        ("Troops could come.", "Troops may come.", [("substitution", "could", "may")]),
        ("They fear a deal.", "They fears a deal.", [("variant", "fear", "fears")]),
        ("We help enforce peace.", "We enforce peace.", [("a_only", "help", "")]),
        ("We enforce peace.", "We enforce peace quickly.", [("b_only", "", "quickly")]),
        ("Same words here.", "Same words here.", []),
    ],
)
def test_pair_differences_kinds(a: str, b: str, expected: list[tuple[str, str, str]]) -> None:
    table = pair_differences(_pairs((a, b)))
    assert list(table.columns) == DIFFERENCE_COLUMNS
    assert (
        list(table[["kind", "a_phrase", "b_phrase"]].itertuples(index=False, name=None)) == expected
    )


def test_long_replacements_are_rewrites() -> None:
    a = "Officials met in a large hall near the old river bank yesterday evening."
    b = "Officials discussed tariffs, sanctions, budgets, pensions and farm subsidies yesterday."
    kinds = set(pair_differences(_pairs((a, b)), max_tokens=4)["kind"])
    assert "rewrite" in kinds


def test_context_widens_to_adjacent_content_words() -> None:
    table = pair_differences(
        _pairs(
            (
                "to enforce any future peace agreement with Russia",
                "to enforce a future peace settlement with Russia",
            )
        )
    )
    row = table.set_index("a_phrase").loc["agreement"]
    assert (row["a_context"], row["b_context"]) == (
        "future peace agreement",
        "future peace settlement",
    )


def test_connotation_columns() -> None:
    table = pair_differences(
        _pairs(
            ("A peace agreement.", "A peace settlement."),
            ("Troops will come.", "Troops might come."),
        )
    )
    agreement = table.set_index("a_phrase").loc["agreement"]
    assert agreement["a_valence"] > 0
    assert agreement["valence_diff"] == -agreement["a_valence"]
    modal = table.set_index("a_phrase").loc["will"]
    assert (modal["hedge_diff"], modal["certainty_diff"]) == (1, -1)


def test_proper_names_carry_no_valence() -> None:
    table = pair_differences(_pairs(("Led by the United Kingdom.", "Led by Britain.")))
    assert table["valence_diff"].tolist() == [0.0]


def test_word_choice_aggregates_and_ranks() -> None:
    pairs = _pairs(
        ("European nations agree.", "European countries agree."),
        ("Some nations object.", "Some countries object."),
        ("A good plan.", "A terrible plan."),
    )
    before = pairs.copy()
    table = word_choice(pairs)
    pd.testing.assert_frame_equal(pairs, before)
    assert list(table.columns) == WORD_CHOICE_COLUMNS
    top = table.iloc[0]
    assert (top["a_phrase"], top["b_phrase"], top["n"], top["pairs"]) == (
        "nations",
        "countries",
        2,
        "0-0;1-1",
    )
    by_connotation = word_choice(pairs, order_by="connotation")
    assert by_connotation.iloc[0]["a_phrase"] == "good"
    assert by_connotation["rank"].tolist() == list(range(1, len(by_connotation) + 1))


def test_relations_filter_and_errors() -> None:
    pairs = _pairs(("Nations agree.", "Countries agree.")).assign(relation="partial")
    assert word_choice(pairs, relations=("equivalent",)).empty
    with pytest.raises(ConfigError, match="order_by"):
        word_choice(pairs, order_by="alphabet")
    with pytest.raises(ConfigError, match="pairs lack"):
        word_choice(pairs.drop(columns=["a_text"]))


def test_swapping_sides_swaps_phrases() -> None:
    pairs = _pairs(("A group of nations met.", "A group of countries met."))
    swapped = pairs.rename(
        columns={
            "a_text": "b_text",
            "b_text": "a_text",
            "a_article": "b_article",
            "b_article": "a_article",
        }
    )
    ab = word_choice(pairs).iloc[0]
    ba = word_choice(swapped).iloc[0]
    assert (ab["a_phrase"], ab["b_phrase"]) == (ba["b_phrase"], ba["a_phrase"])


def _seed_pairs(corpus: Corpus, couples: list[tuple[int, int]]) -> pd.DataFrame:
    text = corpus.sentences.set_index("id")["text"]
    return pd.DataFrame(
        [
            {
                "a_article": A_ID,
                "b_article": B_ID,
                "a_sentence": i,
                "b_sentence": j,
                "a_text": text[f"{A_ID}:{i}"],
                "b_text": text[f"{B_ID}:{j}"],
                "similarity": 0.8,
                "relation": "equivalent",
            }
            for i, j in couples
        ]
    )


@pytest.mark.parametrize(("a_phrase", "b_phrase"), SEED_SUBSTITUTIONS)
def test_seed_leads_hand_paired(seed_corpus: Corpus, a_phrase: str, b_phrase: str) -> None:
    # anon-000's first two sentences against newslooks-001's first two lead sentences
    table = word_choice(_seed_pairs(seed_corpus, [(0, 1), (1, 2)]))
    assert _found(table, a_phrase, b_phrase), table[["kind", "a_phrase", "b_phrase"]]


@pytest.fixture(scope="module")
def seed_alignment_pairs(seed_corpus: Corpus) -> pd.DataFrame:
    align = pytest.importorskip(
        "analysis.align.alignment", reason="analysis.align.alignment is not available yet"
    )
    return align.align_articles(seed_corpus, A_ID, B_ID).pairs


@pytest.mark.parametrize(("a_phrase", "b_phrase"), SEED_SUBSTITUTIONS)
def test_seed_word_choice_with_the_aligner(
    seed_alignment_pairs: pd.DataFrame, a_phrase: str, b_phrase: str
) -> None:
    table = word_choice(seed_alignment_pairs)
    assert _found(table, a_phrase, b_phrase), table[["kind", "a_phrase", "b_phrase"]].head(30)
