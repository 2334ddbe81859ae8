"""Block structure of a news page given as plain text or Markdown: headline, byline, headings, body.

Each line is typed, page furniture included, so that later steps read only what was written as
prose; the rules are in ``docs/methods.md``, section 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from analysis.text.normalize import STOP_WORDS, normalize

__all__ = [
    "BLOCK_TYPES",
    "BODY_TYPES",
    "NO_SENTENCE_TYPES",
    "Block",
    "parse_blocks",
    "split_dateline",
]

#: Every block type, in the vocabulary of the ``blocks`` table.
BLOCK_TYPES = (
    "headline",
    "byline",
    "dateline",
    "summary",
    "heading",
    "paragraph",
    "list_item",
    "image",
    "caption",
    "boilerplate",
)
#: Block types whose sentences are the article's body.
BODY_TYPES = frozenset({"paragraph", "list_item"})
#: Block types that hold no sentences.
NO_SENTENCE_TYPES = frozenset({"byline", "dateline", "image", "boilerplate"})

_BOILERPLATE = re.compile(
    r"register or log ?in|log ?in to (post|comment)|post a comment|leave a (comment|reply)"
    r"|share (this|on)|sign up for|subscribe (to|now)|click here|follow us|read more"
    r"|all rights reserved|^\s*(©|copyright\b)|^\s*advertisement\s*$|related articles?\s*:?\s*$",
    re.IGNORECASE,
)
_IMAGE = re.compile(
    r"^!\[[^\]]*\]\([^)]*\)\s*$|^(https?://\S+\.(jpe?g|png|gif|webp|svg))\s*$", re.I
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_LIST_MARK = re.compile(r"^(?:[-*+\u2022\u25cf\u25aa]|\d{1,3}[.)])\s+")
_BYLINE = re.compile(r"^(by|posted by|written by|reporting by)\s+\S", re.IGNORECASE)
_SUMMARY_TITLE = re.compile(
    r"(quick looks|key points|at a glance|highlights|in brief|summary|takeaways|tl;?dr)\s*:?\s*$",
    re.IGNORECASE,
)
_END_PUNCT = (".", "!", "?", ":", ";", '"', "'", "\u201d", "\u2019", ")", "\u2026")
_PACKED_SEP = "/ "
# A wire dateline: a place (any case before an agency, else in capitals), optionally a region
# or date after a comma, optionally an agency in parentheses, then a dash and the lead.
_AGENCY = r"\([A-Z][\w.&]*(?:[ /-][A-Z][\w.&]*){0,3}\)"
_DATELINE = re.compile(
    rf"(?P<dateline>(?:[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){{0,3}}"
    rf"(?:, ?[\w.'\u2019 ]{{1,30}}?)? ?{_AGENCY}"
    rf"|[A-Z][A-Z.'\u2019-]{{2,}}(?: [A-Z][A-Z.'\u2019-]*){{0,3}}(?:, ?[\w.'\u2019 ]{{1,30}}?)?))"
    r"(?: --? |\s?[\u2013\u2014]\s?)\s*(?=\S)"
)
_MAX_HEADING_WORDS = 14


class Block(NamedTuple):
    """One typed block: offsets into the text it was parsed from, white space excluded.

    Parameters
    ----------
    block_type : str
        One of :data:`BLOCK_TYPES`.
    start, end : int
        Character offsets of the block in its text.
    """

    block_type: str
    start: int
    end: int


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines of *text*, stripped of surrounding white space."""
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        left = len(line) - len(line.lstrip())
        right = len(line.rstrip())
        if right > left:
            yield match.start() + left, match.start() + right


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if w.lower() not in STOP_WORDS]
    if not words:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised / len(words) >= 0.6


def _looks_like_heading(line: str) -> bool:
    """Tell whether a line is short and in title case, or short without end punctuation."""
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if line.endswith("?"):
        return _is_title_case(line)
    if line.endswith(_END_PUNCT):
        return False
    return _is_title_case(line) or len(words) <= 6


def _split_packed_first_line(text: str, start: int, end: int) -> list[Block] | None:
    """Split ``Headline/ Outlet/ CITY/ Author/ Edition/ Lead...`` into typed blocks.

    Returns None when the line does not have that shape (at least three ``/ `` separated short
    fields before a long last field).
    """
    line = text[start:end]
    parts = line.split(_PACKED_SEP)
    if len(parts) < 4:
        return None
    fields, lead = parts[:-1], parts[-1]
    if any(len(f.split()) > _MAX_HEADING_WORDS or f.rstrip().endswith(".") for f in fields):
        return None
    if len(lead.split()) < 5 or not _is_title_case(fields[0]):
        return None
    blocks = []
    pos = start
    for i, field in enumerate(fields):
        f_start = pos + len(field) - len(field.lstrip())
        f_end = pos + len(field.rstrip())
        if f_end > f_start:
            blocks.append(Block("headline" if i == 0 else "byline", f_start, f_end))
        pos += len(field) + len(_PACKED_SEP)
    lead_start = pos + len(lead) - len(lead.lstrip())
    blocks.append(Block("paragraph", lead_start, end))
    return blocks


def split_dateline(text: str, blocks: Sequence[Block]) -> list[Block]:
    """Split a leading dateline off the first body paragraph into a ``dateline`` block.

    Datelines such as ``WASHINGTON (AP) -``, ``Washington (AFP) -``, ``LONDON, Feb 3 (Reuters) -``
    or ``KYIV, Ukraine \u2014`` are page furniture, not part of the lead sentence: the place
    (and agency) become the ``dateline`` block, the dash between is in neither block, and the
    paragraph starts at the lead.

    Parameters
    ----------
    text : str
        The text the blocks index into.
    blocks : sequence of Block
        Typed blocks in reading order.

    Returns
    -------
    list of Block
        *blocks*, the first body block replaced by a dateline and a paragraph when it is a
        paragraph that opens with a dateline; otherwise unchanged.
    """
    out = list(blocks)
    first = next((i for i, b in enumerate(out) if b.block_type in BODY_TYPES), None)
    if first is None or out[first].block_type != "paragraph":
        return out
    block = out[first]
    found = _DATELINE.match(text, block.start, block.end)
    if found is None or found.end() >= block.end:
        return out
    dateline = Block("dateline", block.start, found.end("dateline"))
    out[first : first + 1] = [dateline, Block("paragraph", found.end(), block.end)]
    return out


def parse_blocks(text: str, *, markdown: bool = True, title: str = "") -> list[Block]:
    """Type every non-blank line of a plain-text or Markdown news page, in reading order.

    Rules, in order: a packed first line (``Headline/ Outlet/ ...``) is split; image links and
    bare image URLs are ``image``; comment prompts, share links and similar page furniture are
    ``boilerplate``; a line repeating the headline is ``boilerplate``; Markdown ``#`` headings and
    short title-case lines without end punctuation are ``heading`` (a short first line is the
    ``headline``); bullet items are ``list_item``, or ``summary`` under a summary-box title such as
    "Quick Looks"; "By ..." lines are ``byline``; everything else is ``paragraph``. A leading
    dateline of the first paragraph becomes a ``dateline`` block (:func:`split_dateline`).
    Offsets exclude Markdown markers (``# ``, ``- ``) and surrounding white space.

    Parameters
    ----------
    text : str
        The decoded page.
    markdown : bool, optional
        Read lines starting with ``#`` as Markdown headings.
    title : str, optional
        The article's known title: a first line that repeats it is the ``headline`` whatever
        its shape, and later lines repeating it are ``boilerplate``.

    Returns
    -------
    list of Block
        One block per non-blank line (a packed first line or a dateline gives several), in
        reading order.
    """
    blocks: list[Block] = []
    headline_norm = normalize(title).lower()
    in_summary = False
    for index, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        if index == 0:
            packed = _split_packed_first_line(text, start, end)
            if packed is not None:
                blocks.extend(packed)
                headline_norm = normalize(text[packed[0].start : packed[0].end]).lower()
                continue
        md = _MD_HEADING.match(line) if markdown else None
        bullet = _LIST_MARK.match(line)
        if _IMAGE.match(line):
            blocks.append(Block("image", start, end))
            continue
        if _BOILERPLATE.search(line) and len(line.split()) <= 20:
            blocks.append(Block("boilerplate", start, end))
            continue
        if bullet:
            item_start = start + bullet.end()
            if item_start < end:
                blocks.append(Block("summary" if in_summary else "list_item", item_start, end))
            continue
        in_summary = False
        if md:
            start += md.end()
            line = text[start:end]
            if not line.strip():
                continue
        if headline_norm and normalize(line).lower() == headline_norm:
            blocks.append(Block("headline" if index == 0 else "boilerplate", start, end))
            continue
        if _BYLINE.match(line) and len(line.split()) <= 8:
            blocks.append(Block("byline", start, end))
            continue
        if md or _looks_like_heading(line):
            kind = "headline" if not blocks and index == 0 else "heading"
            if kind == "headline":
                headline_norm = normalize(line).lower()
            in_summary = bool(_SUMMARY_TITLE.search(line))
            blocks.append(Block(kind, start, end))
            continue
        blocks.append(Block("paragraph", start, end))
    return split_dateline(text, blocks)
