"""Tests for analysis.extract.actors.tokens: tokens and the shape of a sentence."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.actors.tokens import (
    initial_positions,
    is_heading_like,
    known_words,
    label_end,
    split_tokens,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The U.S. and Mr. Smith", ["The", "U.S.", "and", "Mr.", "Smith"]),
        ("George W. Bush spoke.", ["George", "W.", "Bush", "spoke", "."]),
        ("Estonia’s co-operation", ["Estonia", "co-operation"]),
        ("NATO's plan", ["NATO", "plan"]),
    ],
)
def test_split_tokens(text, words):
    tokens = split_tokens(text)
    assert [t.text for t in tokens if t.text != "’s"] == words
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text


def test_possessive_is_cut_off():
    (tok, _) = split_tokens("Estonia’s plan")
    assert (tok.text, tok.end, tok.possessive) == ("Estonia", 7, True)


@pytest.mark.parametrize(
    ("text", "block_type", "expected"),
    [
        ("Europe Plans a Force", "paragraph", True),
        ("EUROPE PLANS A FORCE NOW", "paragraph", True),
        ("Europe plans a force.", "paragraph", False),
        ("Europe plans a force.", "heading", True),
        ("Short Line", "paragraph", False),
    ],
)
def test_is_heading_like(text, block_type, expected):
    assert is_heading_like(text, block_type) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Military Force Size: about 30,000 troops", 19),
        ("He said: no", 0),
        ("No colon here", 0),
        (": starts with a colon", 0),
    ],
)
def test_label_end(text, expected):
    assert label_end(text) == expected


def test_initial_positions_after_colon_and_opening_quote():
    tokens = split_tokens('He said: "We will go." Then Kyiv agreed.')
    words = [tokens[i].text for i in sorted(initial_positions(tokens))]
    assert words == ["He", "We"]


def test_known_words_skip_headings_and_sentence_starts():
    sentences = pd.DataFrame(
        {
            "text": ["Officials met Hodges in Kyiv.", "Attendees Meet Hodges Today"],
            "block_type": ["paragraph", "heading"],
        }
    )
    known, lower = known_words(sentences, pd.Series([True, True]))
    assert known == {"Hodges", "Kyiv"}
    assert {"met", "in"} <= lower
    assert "Officials" not in known | lower
