"""Tests for analysis.corpus.structure: typing the lines of a plain-text news page."""

from __future__ import annotations

import pytest

from analysis.corpus.structure import BLOCK_TYPES, parse_blocks


def _types(text: str) -> list[str]:
    return [b.block_type for b in parse_blocks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials met on Monday to talk.", ["paragraph"]),
        (
            "Short Title Case Heading\nA paragraph follows here, as usual.",
            ["headline", "paragraph"],
        ),
        (
            "A paragraph comes first here.\nA Heading Later\nMore text here.",
            ["paragraph", "heading", "paragraph"],
        ),
        (
            "Body text first, as always.\nWhy Is This Happening Now?\nBody.",
            ["paragraph", "heading", "paragraph"],
        ),
        (
            "Body text first, as always.\nWhy is this happening now, asked the minister?",
            ["paragraph", "paragraph"],
        ),
        (
            "Body text.\nHegseth emphasized:\n\u201cQuote.\u201d",
            ["paragraph", "paragraph", "paragraph"],
        ),
        ("Body text.\n- first item\n- second item", ["paragraph", "list_item", "list_item"]),
        ("Body text.\n1. first item\n2) second item", ["paragraph", "list_item", "list_item"]),
        (
            "Body text.\nKey Points\n- one\n- two\nNext para.",
            ["paragraph", "heading", "summary", "summary", "paragraph"],
        ),
        ("Body.\n![](https://x.org/a.jpg)", ["paragraph", "image"]),
        ("Body.\nhttps://x.org/photo.png", ["paragraph", "image"]),
        ("Body.\nYou must Register or Login to post a comment.", ["paragraph", "boilerplate"]),
        ("Body.\nShare this article", ["paragraph", "boilerplate"]),
        ("Body.\nBy Jane Doe", ["paragraph", "byline"]),
        (
            "# Markdown Title\nBody.\n## Sub part\nText.",
            ["headline", "paragraph", "heading", "paragraph"],
        ),
        (
            "Head Line/ Outlet/ CITY/ Writer/ Lead sentence with enough words in it.",
            ["headline", "byline", "byline", "byline", "paragraph"],
        ),
        ("this is a/ simple/ line/ with slashes in it, as text does.", ["paragraph"]),
        ("", []),
        ("\n\n   \n", []),
    ],
)
def test_block_types(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Head Line/ Outlet/ CITY/ Writer/ Lead sentence with enough words in it.\n- x y\n",
        "# T\n\n- a\n  - b\n\n   indented para.  \r\nLast line",
        "\u201cQuoted\u201d/ weird / lines/ here\n\n\n",
    ],
)
def test_offsets_slice_to_stripped_non_empty_text(text: str) -> None:
    for block in parse_blocks(text):
        piece = text[block.start : block.end]
        assert piece
        assert piece == piece.strip()
        assert block.block_type in BLOCK_TYPES


def test_repeated_headline_is_boilerplate() -> None:
    text = "My Headline Here\nBody text of the article.\nMy Headline Here\nMore body."
    assert _types(text) == ["headline", "paragraph", "boilerplate", "paragraph"]
