"""Tests for analysis.text.normalize."""

from __future__ import annotations

import pytest

from analysis.text.normalize import (
    STOP_WORDS,
    content_tokens,
    normalize,
    stem,
    tokenize,
    word_count,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cQuoted\u201d", '"Quoted"'),
        ("Ukraine\u2019s", "Ukraine's"),
        ("front lines\u2014and", "front lines-and"),
        ("30,000\u2013150,000", "30,000-150,000"),
        ("a\u00a0b   c\n\td", "a b c d"),
        ("\ufb01ne", "fine"),  # NFKC folds the ligature
        ("  padded  ", "padded"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The U.S. said so.", ["the", "u.s.", "said", "so"]),
        ("30,000- to 40,000-strong", ["30,000", "to", "40,000", "strong"]),
        ("150 to 160 F-16 jets", ["150", "to", "160", "f-16", "jets"]),
        ("Ukraine\u2019s army won\u2019t", ["ukraine", "army", "won't"]),
        ("100,000+ troops", ["100,000+", "troops"]),
        ("non-NATO mission", ["non-nato", "mission"]),
        ("2.5 percent", ["2.5", "percent"]),
        ("Zelenskyy\u2014potentially", ["zelenskyy", "potentially"]),
        ("", []),
        ("!!! ???", []),
    ],
)
def test_tokenize(raw: str, expected: list[str]) -> None:
    assert tokenize(raw) == expected


def test_stem_folds_inflections_and_dots() -> None:
    assert stem("discussing") == stem("discussed") == "discuss"
    assert stem("u.s.") == "us"


def test_content_tokens_drop_stop_words() -> None:
    tokens = content_tokens("The leaders of the nations are discussing a deployment")
    assert tokens == ["leader", "nation", "discuss", "deploy"]
    assert not set(tokens) & STOP_WORDS


@pytest.mark.parametrize(("raw", "n"), [("", 0), ("One two three.", 3), ("U.S. troops: 30,000", 3)])
def test_word_count(raw: str, n: int) -> None:
    assert word_count(raw) == n
