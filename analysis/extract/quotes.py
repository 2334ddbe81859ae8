"""Quotes: direct and partial quotations with their speakers and reporting verbs.

The attribution rules (cue-source-content model of reported speech) are in ``docs/methods.md``,
section 4.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.errors import AnalysisError
from analysis.extract.attribution import UNKNOWN, Attributor, Speaker
from analysis.resources import read_text
from analysis.text.normalize import content_tokens, word_count

__all__ = [
    "MATCH_COLUMNS",
    "QUOTE_COLUMNS",
    "REPORTING_VERBS",
    "extract_quotes",
    "match_quotes",
    "reporting_verb_forms",
    "reporting_verbs",
]

logger = logging.getLogger(__name__)

QUOTE_COLUMNS = [
    "article",
    "quote",
    "sentence",
    "last_sentence",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_sentence",
    "verb",
    "verb_lemma",
    "n_words",
    "balanced",
]
MATCH_COLUMNS = [
    "speaker",
    "a_article",
    "a_quote",
    "a_sentence",
    "a_text",
    "b_article",
    "b_quote",
    "b_sentence",
    "b_text",
    "similarity",
    "status",
    "matched_by",
]
_OPEN = frozenset("“«„")
_CLOSE = frozenset("”»")
_STRAIGHT = '"'
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "admit": ("admitted", "admitting"),
    "quip": ("quipped", "quipping"),
    "plead": ("pled",),
    "testify": (),
}


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Read the lemmas of the reporting-verb lexicon ``analysis/data/reporting_verbs.txt``.

    Returns
    -------
    frozenset of str
        Lower-case lemmas (``say``, ``warn``, ...); comment lines of the file are skipped (its
        header names the sources).
    """
    text = read_text("reporting_verbs.txt", fix="reinstall storydiff-news")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


@lru_cache(maxsize=1)
def reporting_verb_forms() -> dict[str, str]:
    """Map every inflected form of the reporting verbs to its lemma, cached.

    Returns
    -------
    dict of str to str
        Lower-case form -> lemma (``said`` -> ``say``, ``warns`` -> ``warn``).
    """
    out: dict[str, str] = {}
    for lemma in sorted(reporting_verbs()):
        for form in _inflections(lemma):
            out.setdefault(form, lemma)
    return out


#: Lemmas of the reporting-verb lexicon; read from package data on first access (module
#: ``__getattr__``), so importing this module reads no file.
REPORTING_VERBS: frozenset[str]


def __getattr__(name: str) -> frozenset[str]:
    # REPORTING_VERBS is read from package data on first use, not at import time.
    if name == "REPORTING_VERBS":
        return reporting_verbs()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- quote spans


@dataclass
class _Span:
    rows: list[int]  # positions in the article's sentence list
    start: int  # offset in the first sentence
    end: int  # offset in the last sentence
    balanced: bool
    open_at_block_start: bool


def _marks(text: str) -> list[tuple[int, str]]:
    out = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            out.append((i, "open"))
        elif ch in _CLOSE or (text[i : i + 2] == "''" and text[i - 1 : i] != "'"):
            out.append((i, "close"))  # '' closes in Penn Treebank tokenised text
        elif ch == _STRAIGHT:
            out.append((i, "straight"))
    return out


def _spans(texts: list[str], blocks: list[Any]) -> list[_Span]:
    """Quotation spans over one article's sentences (in order), never crossing a block."""
    spans: list[_Span] = []
    open_at: tuple[int, int] | None = None

    def close_open(row: int, end: int, *, balanced: bool) -> None:
        nonlocal open_at
        assert open_at is not None
        first, start = open_at
        spans.append(
            _Span(list(range(first, row + 1)), start, end, balanced, _at_block_start(first, start))
        )
        open_at = None

    def _at_block_start(row: int, start: int) -> bool:
        first_of_block = row == 0 or blocks[row - 1] != blocks[row]
        return first_of_block and texts[row][: max(start - 1, 0)].strip() == ""

    carried = False  # paragraphs after an unclosed quotation that open with no mark go on quoting
    for row, text in enumerate(texts):
        if row > 0 and blocks[row] != blocks[row - 1]:
            if open_at is not None:
                close_open(row - 1, len(texts[row - 1]), balanced=False)
                carried = True
            carried = carried and text.lstrip()[:1] not in {*_OPEN, _STRAIGHT}
        for pos, kind in _marks(text):
            if kind == "straight":
                kind = "close" if open_at is not None or carried else "open"
            carried = False
            if kind == "open":
                if open_at is not None:  # an opening mark inside an open quote: end it here
                    close_open(row, pos, balanced=False)
                open_at = (row, pos + 1)
            elif open_at is not None:
                close_open(row, pos, balanced=True)
            else:  # a closing mark with no opening one: the quote ran from the block start
                first = row
                while first > 0 and blocks[first - 1] == blocks[row]:
                    first -= 1
                spans.append(_Span(list(range(first, row + 1)), 0, pos, False, True))
    if open_at is not None:
        close_open(len(texts) - 1, len(texts[-1]), balanced=False)
    return spans


def _direct(text: str, start: int, content: str, prev_words: str) -> bool:
    """Whether a quotation opening at *start* of *text* is a quoted clause (not a phrase)."""
    before = text[: max(start - 1, 0)].rstrip()
    if before == "" or before.endswith((":", ",", ".", "?", "!")):
        return True
    last = prev_words.split()[-1].lower() if prev_words.split() else ""
    return last in reporting_verb_forms() and word_count(content) >= 4


_NO_SPEAKER = Speaker(UNKNOWN, "", -1, "", "")


def _cue_speaker(span: _Span, texts: list[str], attributor: Attributor) -> Speaker | None:
    """Speaker of the cue around one quotation: after it, before it, or a colon line before."""
    first, last = span.rows[0], span.rows[-1]
    close = min(span.end + 1, len(texts[last]))  # after the closing mark, if there is one
    speaker = None
    if close < len(texts[last]):
        speaker = attributor.cue(last, close, len(texts[last]), after_quote=True)
    if speaker is None or not speaker.named:
        before = attributor.cue(first, 0, max(span.start - 1, 0), after_quote=False)
        if before is not None and (speaker is None or before.named):
            speaker = before
    starts_sentence = texts[first][: max(span.start - 1, 0)].strip() == ""
    colon_line = first > 0 and texts[first - 1].rstrip().endswith(":")
    if (speaker is None or not speaker.named) and starts_sentence and colon_line:
        line = attributor.cue(first - 1, 0, len(texts[first - 1]), after_quote=False)
        speaker = line if line is not None else speaker
    return speaker


def _speakers(
    spans: list[_Span], texts: list[str], blocks: list[Any], attributor: Attributor
) -> list[Speaker]:
    """Speakers of an article's quotations (cue-source-content; ``docs/methods.md``, section 4).

    A quotation without a cue of its own takes the speaker of the quotation it continues: the
    next one when it runs to the end of its paragraph and the next paragraph closes it, else the
    previous one when it opens a paragraph right after a quoted or attributed paragraph.
    """
    cues = [_cue_speaker(span, texts, attributor) for span in spans]
    out: list[Speaker | None] = list(cues)
    for k in range(len(spans) - 2, -1, -1):  # backwards: "... (no close) / ...," X said.
        span, nxt = spans[k], spans[k + 1]
        runs_on = not span.balanced and span.end == len(texts[span.rows[-1]])
        near = nxt.rows[0] - span.rows[-1] <= 3
        if out[k] is None and runs_on and nxt.open_at_block_start and near:
            out[k] = out[k + 1]
    for k, span in enumerate(spans):  # forwards: a paragraph that goes on quoting
        if out[k] is not None or not span.open_at_block_start:
            continue
        first = span.rows[0]
        prev_block = [r for r in range(first) if blocks[r] != blocks[first]]
        before = out[k - 1] if k > 0 else None
        adjacent = bool(prev_block) and blocks[spans[k - 1].rows[-1]] == blocks[prev_block[-1]]
        if before is not None and before.named and adjacent:
            out[k] = before
            continue
        if prev_block:
            named = [s for _, s in attributor.sources(prev_block[-1]) if s.named]
            if named:
                out[k] = replace(named[-1], verb="", lemma="")
    return [s if s is not None else _NO_SPEAKER for s in out]


def _article_quotes(article: str, sents: pd.DataFrame, mentions: pd.DataFrame) -> list[dict]:
    texts = sents["text"].astype(str).tolist()
    blocks = sents["block"].tolist() if "block" in sents.columns else list(range(len(texts)))
    spans = _spans(texts, blocks)
    ment = mentions[mentions["article"] == article] if len(mentions) else mentions
    attributor = Attributor(sents, ment, reporting_verb_forms())
    for span in spans:
        for k, row in enumerate(span.rows):
            lo = span.start if k == 0 else 0
            hi = span.end if k == len(span.rows) - 1 else len(texts[row])
            attributor.mark_inside(row, lo, hi)
    speakers = _speakers(spans, texts, blocks, attributor)
    rows: list[dict] = []
    for span, speaker in zip(spans, speakers, strict=True):
        first, last = span.rows[0], span.rows[-1]
        parts = []
        for k, row in enumerate(span.rows):
            lo = span.start if k == 0 else 0
            hi = span.end if k == len(span.rows) - 1 else len(texts[row])
            parts.append(texts[row][lo:hi].strip())
        content = " ".join(p for p in parts if p).strip()
        if not content:
            continue
        head = texts[first][: max(span.start - 1, 0)]
        kind = "direct" if _direct(texts[first], span.start, content, head) else "partial"
        if len(span.rows) > 1:
            kind = "direct"
        rows.append(
            {
                "article": article,
                "quote": len(rows),
                "sentence": int(sents["sentence"].iloc[first]),
                "last_sentence": int(sents["sentence"].iloc[last]),
                "start": span.start,
                "end": span.end,
                "text": content,
                "kind": kind,
                "speaker": speaker.name,
                "speaker_mention": speaker.mention if speaker.named else "",
                "speaker_sentence": speaker.sentence if speaker.named else -1,
                "verb": speaker.verb,
                "verb_lemma": speaker.lemma,
                "n_words": word_count(content),
                "balanced": span.balanced,
            }
        )
    return rows


def extract_quotes(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Find the quotations in a sentence table, with their speakers and reporting verbs.

    Unbalanced quotation marks never raise: an unclosed quotation ends with its paragraph.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``article``, ``sentence`` and ``text``; ``block`` groups sentences into paragraphs
        (without it every sentence is its own paragraph).
    mentions : pandas.DataFrame
        :func:`analysis.extract.actors.extract_mentions` of the same sentences; may be empty
        (then every speaker except resolved pronouns is ``"unknown"``).

    Returns
    -------
    pandas.DataFrame
        ``quotes.csv``, one row per quotation, columns :data:`QUOTE_COLUMNS`: ``article``;
        ``quote`` (0-based within the article, reading order); ``sentence``, ``last_sentence``
        (first and last sentence covered); ``start`` (offset of the quoted text in the first
        sentence), ``end`` (offset of its end in the last sentence; quotation marks excluded);
        ``text`` (the quoted words, sentences joined by a space); ``kind`` (``direct``: a quoted
        clause or more, or ``partial``: a short phrase inside the reporter's own sentence);
        ``speaker`` (canonical actor name or ``"unknown"``); ``speaker_mention`` (as written,
        ``""`` when unknown); ``speaker_sentence`` (-1 when unknown); ``verb`` (as written, with
        a preceding -ly adverb) and ``verb_lemma`` (both ``""`` when none); ``n_words``;
        ``balanced`` (bool: both quotation marks were found).

    Raises
    ------
    AnalysisError
        When *sentences* lacks ``article``, ``sentence`` or ``text``.
    """
    missing = {"article", "sentence", "text"} - set(sentences.columns)
    if missing:
        raise AnalysisError(
            f"sentences table lacks column(s) {sorted(missing)}; pass Corpus.sentences"
        )
    rows: list[dict] = []
    for article in dict.fromkeys(sentences["article"]):
        sents = sentences[sentences["article"] == article].sort_values("sentence", kind="stable")
        rows.extend(_article_quotes(article, sents, mentions))
    out = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return out.astype(
        {
            "quote": "int64",
            "sentence": "int64",
            "last_sentence": "int64",
            "start": "int64",
            "end": "int64",
            "speaker_sentence": "int64",
            "n_words": "int64",
            "balanced": "bool",
        }
    )


# --------------------------------------------------------------------------- matching


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard overlap |A ∩ B| / |A ∪ B| of two token sets, in [0, 1] (0 for two empty sets)."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def _similar_pairs(
    sets_a: list[frozenset[str]], sets_b: list[frozenset[str]], threshold: float
) -> set[tuple[int, int]]:
    """Every index pair (i, j) whose Jaccard overlap can reach *threshold*, and some that cannot.

    A prefix filter (Bayardo, Ma & Srikant 2007, "Scaling up all pairs similarity search"):
    with the tokens of each set ordered rarest first, two sets of overlap >= *threshold* share
    a token among the first ``len - floor(threshold * len) + 1`` of either, so only pairs
    sharing such a token are returned (all pairs for a *threshold* <= 0). The caller computes
    the exact overlap of each returned pair.
    """
    if threshold <= 0:
        return {(i, j) for i in range(len(sets_a)) for j in range(len(sets_b))}
    frequency = Counter(token for tokens in (*sets_a, *sets_b) for token in tokens)

    def prefix(tokens: frozenset[str]) -> list[str]:
        ordered = sorted(tokens, key=lambda token: (frequency[token], token))
        return ordered[: len(ordered) - math.floor(threshold * len(ordered)) + 1]

    index: dict[str, list[int]] = {}
    for j, tokens in enumerate(sets_b):
        for token in prefix(tokens):
            index.setdefault(token, []).append(j)
    return {
        (i, j) for i, tokens in enumerate(sets_a) for t in prefix(tokens) for j in index.get(t, ())
    }


def _aligned_pairs(
    rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]], linked: dict[int, set[int]]
) -> set[tuple[int, int]]:
    """Index pairs of quotations one of whose sentences is aligned with one of the other's."""
    covering: dict[int, list[int]] = {}
    for j, rb in enumerate(rows_b):
        for y in range(int(rb["sentence"]), int(rb["last_sentence"]) + 1):
            covering.setdefault(y, []).append(j)
    return {
        (i, j)
        for i, ra in enumerate(rows_a)
        for x in range(int(ra["sentence"]), int(ra["last_sentence"]) + 1)
        for y in linked.get(x, ())
        for j in covering.get(y, ())
    }


def _quote_candidates(
    qa: list[dict[str, Any]], qb: list[dict[str, Any]], linked: dict[int, set[int]], min_sim: float
) -> list[tuple[bool, float, int, int, str, float]]:
    """Candidate matches ``(not aligned, -similarity, i, j, matched_by, similarity)``."""
    by_speaker: dict[Any, tuple[list[int], list[int]]] = {}
    for side, rows in enumerate((qa, qb)):
        for k, row in enumerate(rows):
            by_speaker.setdefault(row["speaker"], ([], []))[side].append(k)
    candidates = []
    for speaker, (ids_a, ids_b) in by_speaker.items():
        threshold = 0.5 if speaker == UNKNOWN else min_sim
        sets_a = [frozenset(content_tokens(qa[i]["text"])) for i in ids_a]
        sets_b = [frozenset(content_tokens(qb[j]["text"])) for j in ids_b]
        aligned: set[tuple[int, int]] = set()
        if speaker != UNKNOWN:
            aligned = _aligned_pairs([qa[i] for i in ids_a], [qb[j] for j in ids_b], linked)
        for ki, kj in aligned | _similar_pairs(sets_a, sets_b, threshold):
            sim = _jaccard(sets_a[ki], sets_b[kj])
            is_aligned = (ki, kj) in aligned
            if is_aligned or sim >= threshold:
                how = "alignment" if is_aligned else "text"
                candidates.append((not is_aligned, -sim, ids_a[ki], ids_b[kj], how, sim))
    return candidates


def match_quotes(
    quotes: pd.DataFrame,
    alignment: Any,
    *,
    a: str | None = None,
    b: str | None = None,
    min_similarity: float = 0.3,
) -> pd.DataFrame:
    """Pair the quotations of articles *a* and *b*.

    Two quotations match when they have the same speaker and either one of their sentences is
    aligned with one of the other's, or their content-word stems overlap by at least
    *min_similarity* (Jaccard). Quotations with an unknown speaker match only each other, and
    only by wording.

    Parameters
    ----------
    quotes : pandas.DataFrame
        :func:`extract_quotes` output for (at least) the two articles.
    alignment : Alignment or pandas.DataFrame
        The alignment of the two articles, or its pairs.
    a, b : str, optional
        The two article ids; None takes the alignment's two articles.
    min_similarity : float, optional
        Jaccard overlap of content-word stems (0..1) for a match by wording.

    Returns
    -------
    pandas.DataFrame
        ``quote_matches.csv``, one row per pair or unmatched quotation, columns
        :data:`MATCH_COLUMNS`: ``speaker``; ``a_article``, ``a_quote``, ``a_sentence``,
        ``a_text`` and the same for ``b`` (empty on the side without a quotation);
        ``similarity`` (Jaccard, 0..1); ``status`` (``both``, ``a_only`` or ``b_only``);
        ``matched_by`` (``alignment``, ``text`` or ``""``).

    Raises
    ------
    AnalysisError
        When *alignment* is neither an Alignment nor a pairs table, or has no pairs and *a*,
        *b* are not given.
    """
    pairs = getattr(alignment, "pairs", alignment)
    if not isinstance(pairs, pd.DataFrame):
        raise AnalysisError("alignment must be an Alignment or its pairs DataFrame")
    if a is None or b is None:
        if pairs.empty:
            raise AnalysisError("the alignment has no pairs; pass a= and b= article ids")
        a = a or str(pairs["a_article"].iloc[0])
        b = b or str(pairs["b_article"].iloc[0])
    linked: dict[int, set[int]] = {}
    for x, y in zip(pairs["a_sentence"], pairs["b_sentence"], strict=True):
        linked.setdefault(int(x), set()).add(int(y))
    qa = quotes[quotes["article"] == a].to_dict("records")
    qb = quotes[quotes["article"] == b].to_dict("records")
    candidates = _quote_candidates(qa, qb, linked, min_similarity)
    used_a: set[int] = set()
    used_b: set[int] = set()
    rows = []
    for _, _, i, j, how, sim in sorted(candidates):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        ra, rb = qa[i], qb[j]
        rows.append(
            [
                ra["speaker"],
                a,
                int(ra["quote"]),
                int(ra["sentence"]),
                ra["text"],
                b,
                int(rb["quote"]),
                int(rb["sentence"]),
                rb["text"],
                round(sim, 6),
                "both",
                how,
            ]
        )
    for i, ra in enumerate(qa):
        if i not in used_a:
            rows.append(
                [
                    ra["speaker"],
                    a,
                    int(ra["quote"]),
                    int(ra["sentence"]),
                    ra["text"],
                    b,
                    -1,
                    -1,
                    "",
                    0.0,
                    "a_only",
                    "",
                ]
            )
    for j, rb in enumerate(qb):
        if j not in used_b:
            rows.append(
                [
                    rb["speaker"],
                    a,
                    -1,
                    -1,
                    "",
                    b,
                    int(rb["quote"]),
                    int(rb["sentence"]),
                    rb["text"],
                    0.0,
                    "b_only",
                    "",
                ]
            )
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.astype(
        {
            "a_quote": "int64",
            "b_quote": "int64",
            "a_sentence": "int64",
            "b_sentence": "int64",
            "similarity": "float64",
        }
    )
