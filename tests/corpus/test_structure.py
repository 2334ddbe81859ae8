"""Tests for analysis.corpus.structure: typing the lines of a plain-text news page."""

from __future__ import annotations

import pytest

from analysis.corpus.structure import BLOCK_TYPES, NO_SENTENCE_TYPES, parse_blocks


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


@pytest.mark.parametrize(
    ("text", "dateline", "lead"),
    [
        ("WASHINGTON (AP) - The Senate voted on Monday.", "WASHINGTON (AP)", "The Senate"),
        ("Washington (AFP) - The Senate voted on Monday.", "Washington (AFP)", "The Senate"),
        ("LONDON, Feb 3 (Reuters) - Shares fell today.", "LONDON, Feb 3 (Reuters)", "Shares"),
        ("KYIV, Ukraine \u2014 Drones struck overnight.", "KYIV, Ukraine", "Drones"),
        ("NEW YORK (CNN) -- Markets rallied today.", "NEW YORK (CNN)", "Markets"),
        ("WASHINGTON\u2014The Senate voted on Monday.", "WASHINGTON", "The Senate"),
        ("Short Title Case Heading\nPARIS (AFP) - Talks began.", "PARIS (AFP)", "Talks"),
    ],
)
def test_dateline_leaves_the_first_paragraph(text: str, dateline: str, lead: str) -> None:
    """The dateline is its own block; the paragraph and its first sentence start at the lead."""
    blocks = parse_blocks(text)
    kinds = [b.block_type for b in blocks]
    first = kinds.index("dateline")
    assert kinds[first + 1 :] == ["paragraph"]
    assert text[blocks[first].start : blocks[first].end] == dateline
    paragraph = blocks[first + 1]
    assert text[paragraph.start : paragraph.end].startswith(lead)
    assert paragraph.end == len(text)
    assert "dateline" in BLOCK_TYPES
    assert "dateline" in NO_SENTENCE_TYPES


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 cases rose sharply in the city this week.",
        "NATO said on Monday that it would send troops.",
        "The plan (PDF) - is here for all to read.",
        "A paragraph first.\nWASHINGTON (AP) - Only the first paragraph has a dateline.",
        "WASHINGTON (AP) -",
    ],
)
def test_no_dateline_where_there_is_none(text: str) -> None:
    assert "dateline" not in _types(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will it rain again this year, asked the mayor?\nBody text.", ["headline", "paragraph"]),
        ("# Flood hits the town\nBody text.", ["headline", "paragraph"]),
        ("Body text first, as always.\nFlood hits the town", ["paragraph", "boilerplate"]),
    ],
)
def test_known_title_is_the_headline(text: str, expected: list[str]) -> None:
    """A first line repeating the given title is the headline whatever its shape."""
    title = (
        text.splitlines()[0].lstrip("# ") if expected[0] == "headline" else "Flood hits the town"
    )
    assert [b.block_type for b in parse_blocks(text, title=title)] == expected
