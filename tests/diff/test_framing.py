"""Tests for analysis.diff.framing: the facade builds every framing table for the seed event."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.loader import Corpus
from analysis.diff.emphasis import EMPHASIS_COLUMNS
from analysis.diff.frames import FRAME_COLUMNS
from analysis.diff.framing import NOTES, TABLES, framing_tables
from analysis.diff.logodds import TERM_COLUMNS
from analysis.diff.modality import MODALITY_COLUMNS
from analysis.diff.wordchoice import WORD_CHOICE_COLUMNS
from analysis.errors import ConfigError

A_ID, B_ID = "anon-000", "newslooks-001"


@pytest.fixture(scope="module")
def seed_tables(seed_corpus: Corpus) -> dict[str, pd.DataFrame]:
    align = pytest.importorskip(
        "analysis.align.alignment", reason="analysis.align.alignment is not available yet"
    )
    pairs = align.align_articles(seed_corpus, A_ID, B_ID).pairs
    return framing_tables(seed_corpus.sentences, pairs, a=A_ID, b=B_ID, n_resamples=499, seed=1)


def test_all_tables_with_their_columns(seed_tables: dict[str, pd.DataFrame]) -> None:
    assert tuple(seed_tables) == TABLES
    assert list(seed_tables["distinguishing_terms"].columns) == TERM_COLUMNS
    assert list(seed_tables["word_choice"].columns) == WORD_CHOICE_COLUMNS
    assert list(seed_tables["emphasis"].columns) == EMPHASIS_COLUMNS
    assert list(seed_tables["frames"].columns) == FRAME_COLUMNS
    assert list(seed_tables["modality"].columns) == MODALITY_COLUMNS
    for name in ("frames", "modality"):
        assert (seed_tables[name]["seed"] == 1).all()
        assert seed_tables[name]["p_value"].notna().all()
    assert set(NOTES) <= set(TABLES)


def test_tables_are_reproducible(seed_corpus: Corpus, seed_tables: dict[str, pd.DataFrame]) -> None:
    align = pytest.importorskip("analysis.align.alignment")
    pairs = align.align_articles(seed_corpus, A_ID, B_ID).pairs
    again = framing_tables(seed_corpus.sentences, pairs, a=A_ID, b=B_ID, n_resamples=499, seed=1)
    for name in TABLES:
        pd.testing.assert_frame_equal(seed_tables[name], again[name])


def test_unknown_article(seed_corpus: Corpus) -> None:
    with pytest.raises(ConfigError, match="no sentences"):
        framing_tables(seed_corpus.sentences, pd.DataFrame(), a=A_ID, b="nope")


def test_outlet_names_are_left_out_of_distinguishing_terms(seed_corpus: Corpus) -> None:
    """An outlet's own name is self-reference, not framing: naming the outlets drops it."""
    from analysis.align.alignment import align_articles

    pairs = align_articles(seed_corpus, A_ID, B_ID).pairs
    sentences = seed_corpus.sentences
    kwargs = {"a": A_ID, "b": B_ID, "n_resamples": 99, "seed": 1}
    plain = framing_tables(sentences, pairs, **kwargs)["distinguishing_terms"]
    named = framing_tables(sentences, pairs, outlets=["Looks Weekly"], **kwargs)
    terms = named["distinguishing_terms"]["term"]
    assert "looks" in set(plain["term"])
    assert "looks" not in set(terms)
