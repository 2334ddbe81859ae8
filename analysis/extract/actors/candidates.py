"""Candidate mentions, from the rules or spaCy, and the choice among overlapping ones."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

__all__ = ["Candidate", "mark_reported", "resolve_overlaps"]

# Which source wins when two candidates of the same length overlap (lower wins).
_PRIORITY = {"codebook": 0, "name": 1, "reported": 1, "gazetteer": 2, "known": 3}
_REPORTED = re.compile(
    r"^\s+(?:\w+ly\s+)?(?:said|says|told|added|warned|argued|stated|insisted|noted|explained|"
    r"wrote|emphasized|emphasised|stressed|announced|confirmed|claimed|asked|replied|urged)\b"
)


@dataclass(frozen=True)
class Candidate:
    """A span of one sentence that may name an actor, before alias merging.

    Parameters
    ----------
    row : int
        Position (0-based) of the sentence in the input frame.
    start, end : int
        Character offsets of the span within that sentence's text, ``start < end``.
    type : str
        An actor type (``person``, ``organisation``, ``place``, ``other``), or ``single`` for a
        lone capitalised word whose type is decided when merging.
    role : str
        The title or role the span is introduced with, "" if none.
    source : {"codebook", "gazetteer", "name", "reported", "known"}
        What found it; breaks ties between overlapping spans of equal length.
    canonical : str
        The gazetteer's canonical name (source ``gazetteer``), else "".
    """

    row: int  # position of the sentence in the input frame
    start: int
    end: int
    type: str  # an actor type, or "single" (a lone capitalised word, decided when merging)
    role: str
    source: str  # codebook, gazetteer, name, reported, known
    canonical: str = ""  # the gazetteer's canonical name (source "gazetteer")


def mark_reported(cands: list[Candidate], texts: list[str]) -> list[Candidate]:
    """Mark lone capitalised words before a reporting verb ("Hodges said") as ``reported``.

    Merging then keeps such a word as a person.

    Parameters
    ----------
    cands : list of Candidate
        Candidates of the sentences in *texts*.
    texts : list of str
        Sentence texts, indexed by :attr:`Candidate.row`.

    Returns
    -------
    list of Candidate
        Same order and length as *cands*.
    """
    return [
        replace(c, source="reported")
        if c.type == "single" and _REPORTED.match(texts[c.row][c.end :])
        else c
        for c in cands
    ]


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: per sentence, longest first, then by source, then leftmost.

    Parameters
    ----------
    cands : list of Candidate
        Candidates, possibly overlapping.

    Returns
    -------
    list of Candidate
        The kept candidates, by sentence row and then start offset.
    """
    kept: list[Candidate] = []
    by_row: dict[int, list[Candidate]] = defaultdict(list)
    for cand in cands:
        by_row[cand.row].append(cand)
    for row in sorted(by_row):
        chosen: list[Candidate] = []
        order = sorted(
            by_row[row], key=lambda c: (-(c.end - c.start), _PRIORITY[c.source], c.start)
        )
        for cand in order:
            if all(cand.end <= o.start or cand.start >= o.end for o in chosen):
                chosen.append(cand)
        kept.extend(sorted(chosen, key=lambda c: c.start))
    return kept
