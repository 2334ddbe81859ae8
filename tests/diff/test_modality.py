"""Tests for analysis.diff.modality: hedges, certainty markers and reporting verbs."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.loader import Corpus
from analysis.diff.modality import (
    MODALITY_COLUMNS,
    SENTENCE_MODALITY_COLUMNS,
    load_modality_lexicon,
    modality_rates,
    sentence_modality,
)
from analysis.errors import ConfigError

A_ID, B_ID = "anon-000", "newslooks-001"
FAST = {"n_resamples": 499, "seed": 11}


@pytest.mark.parametrize(
    ("text", "category", "terms"),
    [
        (
            "Troops may potentially deploy, reportedly.",
            "hedge",
            "may (1); potentially (1); reportedly (1)",
        ),
        ("It could happen; it might not.", "hedge", "could (1); might (1)"),
        ("They will clearly act and must win.", "certainty", "clearly (1); must (1); will (1)"),
        ("It is, in fact, certain.", "certainty", "certain (1); in fact (1)"),
        ("Starmer said it; Zelenskyy warned.", "reporting", "said (1); warned (1)"),
        (
            "He insisted, she claimed, they stated.",
            "reporting",
            "claimed (1); insisted (1); stated (1)",
        ),
    ],
)
def test_markers_are_counted_and_traceable(text: str, category: str, terms: str) -> None:
    rows = sentence_modality(pd.DataFrame({"article": ["x"], "sentence": [0], "text": [text]}))
    row = rows.set_index("category").loc[category]
    assert row["terms"] == terms
    assert row["count"] == sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in terms.split("; "))


def test_lexicon_has_the_three_categories_with_sources() -> None:
    lexicon = load_modality_lexicon()
    assert lexicon.categories == ["hedge", "certainty", "reporting"]
    assert "Hyland" in lexicon.metadata["hedge"]["source"]
    assert {"said", "warned", "insisted", "claimed", "says"} <= set(lexicon.patterns["reporting"])


def test_user_lexicon_keeps_its_own_reporting_list() -> None:
    lexicon = load_modality_lexicon({"hedge": ["perhaps"], "reporting": ["quoth"]})
    assert lexicon.patterns["reporting"] == ("quoth",)


def _sentences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article": ["x", "x", "x", "y", "y"],
            "sentence": [0, 1, 2, 0, 1],
            "text": [
                "Troops may come, officials said.",
                "It could perhaps happen.",
                "Nothing.",
                "They will come.",
                "It is certain, he insisted.",
            ],
        }
    )


def test_modality_rates_contract() -> None:
    sentences = _sentences()
    before = sentences.copy()
    table = modality_rates(sentences, a="x", b="y", **FAST)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(table.columns) == MODALITY_COLUMNS
    hedge = table.set_index("category").loc["hedge"]
    assert (hedge["a_count"], hedge["b_count"]) == (3, 0)
    assert hedge["a_per_sentence"] == pytest.approx(1.0)
    assert hedge["a_words"] == 10
    assert hedge["a_per_100_words"] == pytest.approx(30.0)
    assert hedge["a_ci_low"] <= 1.0 <= hedge["a_ci_high"]
    assert hedge["a_terms"] == "could (1); may (1); perhaps (1)"
    assert table["p_value"].between(0, 1).all()
    assert (table["seed"] == 11).all()


def test_sentence_modality_columns() -> None:
    assert list(sentence_modality(_sentences()).columns) == SENTENCE_MODALITY_COLUMNS


def test_unknown_group_raises() -> None:
    with pytest.raises(ConfigError, match="no sentences"):
        modality_rates(_sentences(), a="x", b="z")


def test_seed_modality_table(seed_corpus: Corpus) -> None:
    body = seed_corpus.sentences[seed_corpus.sentences["is_body"]]
    table = modality_rates(body, a=A_ID, b=B_ID, **FAST).set_index("category")
    assert table.loc["hedge", "a_count"] > 0
    assert table.loc["hedge", "b_count"] > 0
    assert "warned" in table.loc["reporting", "a_terms"]
    assert table[["a_ci_low", "a_ci_high", "b_ci_low", "b_ci_high", "p_value"]].notna().all().all()
