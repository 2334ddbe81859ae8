"""Tests for analysis.diff.emphasis: parts, information units and placement."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.loader import Corpus
from analysis.diff.emphasis import (
    EMPHASIS_COLUMNS,
    PARTS,
    UNIT_COLUMNS,
    emphasis,
    information_units,
    sentence_parts,
)
from analysis.errors import ConfigError

A_ID, B_ID = "anon-000", "newslooks-001"
FAST = {"n_resamples": 499, "seed": 5}


def _sentences() -> pd.DataFrame:
    rows = []
    layout = {
        "x": [
            "headline",
            "paragraph",
            "paragraph",
            "heading",
            "paragraph",
            "paragraph",
            "paragraph",
        ],
        "y": ["paragraph", "paragraph", "paragraph"],
    }
    for article, types in layout.items():
        n_body = sum(t == "paragraph" for t in types)
        k = 0
        for i, block_type in enumerate(types):
            is_body = block_type == "paragraph"
            rows.append(
                {
                    "article": article,
                    "sentence": i,
                    "block_type": block_type,
                    "is_body": is_body,
                    "position": k / max(n_body - 1, 1),
                    "text": f"{article} sentence {i} words here",
                    "n_words": 5,
                }
            )
            k += is_body
    return pd.DataFrame(rows)


def _pairs() -> pd.DataFrame:
    return pd.DataFrame(
        {"a_article": "x", "b_article": "y", "a_sentence": [1, 2, 6], "b_sentence": [0, 0, 2]}
    )


def test_sentence_parts() -> None:
    parts = sentence_parts(_sentences(), n_lead=2)
    x = parts[parts["article"] == "x"]
    assert x["part"].tolist() == ["headline", "lead", "lead", "heading", "body", "body", "body"]
    # 5 body sentences: the first third is the first ceil(5/3) = 2
    assert x["in_first_third"].tolist() == [False, True, True, False, False, False, False]


def test_information_units_connect_pairs() -> None:
    units = information_units(_pairs(), _sentences(), a="x", b="y", n_lead=2)
    assert list(units.columns) == UNIT_COLUMNS
    first = units.iloc[1]  # unit 0 is the headline; unit 1 joins x:1, x:2 and y:0
    assert (first["a_sentences"], first["b_sentences"], first["shared"]) == ("1;2", "0", True)
    assert first["a_words"] == 10
    assert first["a_part"] == "lead"
    assert units["shared"].sum() == 2
    assert units["unit"].tolist() == list(range(len(units)))
    # every sentence of both articles is in exactly one unit
    a_all = sorted(int(s) for cell in units["a_sentences"] for s in filter(None, cell.split(";")))
    assert a_all == list(range(7))


def test_emphasis_contract_and_placement() -> None:
    sentences, pairs = _sentences(), _pairs()
    before = sentences.copy()
    table = emphasis(sentences, pairs, a="x", b="y", n_lead=2, **FAST)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(table.columns) == EMPHASIS_COLUMNS
    assert table["part"].tolist() == list(PARTS) * 2
    x = table[table["article"] == "x"].set_index("part")
    assert x.loc["headline", "text"] == "x sentence 0 words here"
    assert x.loc["lead", "n_shared"] == 2
    assert x.loc["lead", "share_shared"] == 1.0
    assert x.loc["body", "share_words"] == 1.0
    assert x.loc["shared", "n_sentences"] == 3
    assert x.loc["unshared", "n_sentences"] == 2
    assert 0 < x.loc["shared", "p_value"] <= 1
    assert x[["p_value"]].drop(index="shared").isna().all().all()
    y = table[table["article"] == "y"].set_index("part")
    assert y.loc["headline", "n_sentences"] == 0


def test_pairs_of_other_articles_are_rejected() -> None:
    with pytest.raises(ConfigError, match="not between"):
        information_units(_pairs(), _sentences(), a="y", b="x")


def test_seed_emphasis(seed_corpus: Corpus) -> None:
    pairs = pd.DataFrame(
        {"a_article": A_ID, "b_article": B_ID, "a_sentence": [0, 1, 4], "b_sentence": [1, 2, 20]}
    )
    table = emphasis(seed_corpus.sentences, pairs, a=A_ID, b=B_ID, **FAST)
    b = table[table["article"] == B_ID].set_index("part")
    assert b.loc["headline", "text"].startswith("Europe Quietly Plans Troop Deployment")
    a = table[table["article"] == A_ID].set_index("part")
    assert a.loc["lead", "n_sentences"] == 3
    assert a.loc["shared", "mean_position"] < a.loc["unshared", "mean_position"]
