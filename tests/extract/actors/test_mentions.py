"""Tests for analysis.extract.actors.mentions: the mention table, its input checks and events."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import AnalysisError, ConfigError
from analysis.extract.actors import MENTION_COLUMNS, extract_mentions
from tests.conftest import A_ID, B_ID
from tests.extract.actors.conftest import sentences_of


def test_columns_and_offsets(seed_corpus, seed_mentions):
    assert list(seed_mentions.columns) == MENTION_COLUMNS
    texts = seed_corpus.sentences.set_index(["article", "sentence"])["text"]
    for row in seed_mentions.itertuples(index=False):
        assert texts[(row.article, row.sentence)][row.start : row.end] == row.mention
    assert set(seed_mentions["type"]) <= {"person", "organisation", "place", "other"}


def test_input_not_mutated(seed_corpus):
    before = seed_corpus.sentences.copy()
    extract_mentions(seed_corpus.sentences)
    pd.testing.assert_frame_equal(seed_corpus.sentences, before)


def test_headings_only_get_known_names(seed_mentions):
    heading = seed_mentions[(seed_mentions["article"] == A_ID) & (seed_mentions["sentence"] == 19)]
    assert list(heading["actor"]) == ["Ukraine"]  # "Ukraine’s Position and Future Alliances"
    headline = seed_mentions[(seed_mentions["article"] == B_ID) & (seed_mentions["sentence"] == 0)]
    assert set(headline["actor"]) == {"Europe", "Ukraine"}


def test_names_from_body_text_are_found_again_in_headings():
    frame = pd.concat(
        [
            sentences_of("Hodges Warns Europe", block_type="heading"),
            sentences_of("Officials met Ben Hodges.").assign(sentence=1),
        ],
        ignore_index=True,
    )
    found = extract_mentions(frame)
    got = [(r.sentence, r.mention, r.actor) for r in found.itertuples(index=False)]
    assert got == [
        (0, "Hodges", "Ben Hodges"),
        (0, "Europe", "Europe"),
        (1, "Ben Hodges", "Ben Hodges"),
    ]


def test_event_column_keeps_merging_per_event():
    frame = pd.concat(
        [
            sentences_of("President John Smith spoke.", article="e1").assign(event="one"),
            sentences_of("Mary Smith arrived.", "Smith said no.", article="e2").assign(event="two"),
        ],
        ignore_index=True,
    )
    found = extract_mentions(frame)
    assert set(found.loc[found["article"] == "e2", "actor"]) == {"Mary Smith"}


def test_bad_method_and_columns():
    with pytest.raises(ConfigError, match="method"):
        extract_mentions(sentences_of("x"), method="crf")
    with pytest.raises(AnalysisError, match="column"):
        extract_mentions(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ConfigError, match="make_codebook"):
        extract_mentions(sentences_of("x"), codebook=pd.DataFrame({"alias": ["x"]}))


def test_empty_input():
    found = extract_mentions(sentences_of())
    assert found.empty
    assert list(found.columns) == MENTION_COLUMNS
