"""Tests for analysis.text.style: house-style spellings."""

from __future__ import annotations

import pytest

from analysis.text.style import is_style_only, normalize_abbreviations, style_key, style_rule


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("F.B.I.", "FBI", "abbreviation"),
        ("U.S.", "US", "abbreviation"),
        ("G.O.P.", "GOP", "abbreviation"),
        ("GOP", "Republican", "abbreviation"),
        ("Rep. Smith", "Representative Smith", "title"),
        ("Sen. Jones", "Senator Jones", "title"),
        ("President Trump", "Trump", "title"),
        ("Mr. Smith", "Smith", "honorific"),
        ("Calif.", "California", "state"),
        ("Ark.", "Arkansas", "state"),
        ("seven", "7", "number"),
        ("100,000", "100000", "number"),
        ("colour", "color", "spelling"),
        ("organise", "organize", "spelling"),
        ("defence", "defense", "spelling"),
        ("centre", "center", "spelling"),
        ("travelled", "traveled", "spelling"),
        ("chief executive", "CEO", "abbreviation"),
        ("nations", "countries", None),
        ("agreement", "settlement", None),
        ("same", "same", None),
    ],
)
def test_style_rule(a: str, b: str, rule: str | None) -> None:
    assert style_rule(a, b) == rule
    assert style_rule(b, a) == rule


@pytest.mark.parametrize("word", ["Mr.", "F.B.I.", "colour", "Calif.", "seven", "hour"])
def test_style_key_is_lower_case_string(word: str) -> None:
    key = style_key(word)
    assert isinstance(key, str)
    assert key == key.lower()


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("Mr.", True), ("President", True), ("Sen.", True), ("secretly", False), ("", False)],
)
def test_is_style_only(phrase: str, expected: bool) -> None:
    assert is_style_only(phrase) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The F.B.I. said", "The FBI said"),
        ("the G.O.P. won", "the GOP won"),
        ("the U.S. and the US.", "the U.S. and the U.S.."),
        ("US troops", "U.S. troops"),
        ("plain text", "plain text"),
    ],
)
def test_normalize_abbreviations(text: str, expected: str) -> None:
    assert normalize_abbreviations(text) == expected
