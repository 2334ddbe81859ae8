"""Word choice on the same facts: substitutions read off word alignments of aligned sentences.

The word aligner (SimAlign-style mutual argmax over MiniLM token vectors, Jalili Sabet et al.
2020, with exact, stem, alias and house-style matches) and the reading of substitutions,
additions and omissions are in ``docs/methods.md``, section 8.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.diff.modality import load_modality_lexicon
from analysis.errors import ConfigError
from analysis.text.gazetteer import load_gazetteer
from analysis.text.lexicon import Lexicon
from analysis.text.minilm import MiniLM, load_minilm
from analysis.text.normalize import STOP_WORDS, stem
from analysis.text.style import is_style_only, style_key, style_rule

__all__ = [
    "DIFFERENCE_COLUMNS",
    "KINDS",
    "MATCH_THRESHOLD",
    "ORDERS",
    "SLOT_THRESHOLD",
    "SPAN_THRESHOLD",
    "WORD_CHOICE_COLUMNS",
    "align_words",
    "pair_differences",
    "word_choice",
]

logger = logging.getLogger(__name__)

#: Kinds of difference: a different word for the same thing, words only one side has, and
#: differences of house style or name form (kept out of the framing ranking).
KINDS = ("substitution", "a_only", "b_only", "style")
ORDERS = ("frequency", "connotation")
#: Smallest cosine of two word vectors aligned without a lexical match (chosen on dev gold).
MATCH_THRESHOLD = 0.5
#: Smallest cosine of two words in the same slot aligned by the second pass (chosen on dev).
SLOT_THRESHOLD = 0.4
#: Smallest cosine of two unaligned spans between the same aligned neighbours read as one
#: substitution (chosen on dev gold).
SPAN_THRESHOLD = 0.5
_CONNOTATION = [
    "a_valence",
    "b_valence",
    "valence_diff",
    "a_hedges",
    "b_hedges",
    "hedge_diff",
    "a_certainty",
    "b_certainty",
    "certainty_diff",
]
_KEYS = ["a_article", "b_article", "a_sentence", "b_sentence"]
_SPANS = ["a_phrase", "b_phrase", "a_start", "a_end", "b_start", "b_end"]
DIFFERENCE_COLUMNS = [
    *_KEYS,
    "relation",
    "kind",
    "style",
    *_SPANS,
    "similarity",
    "a_text",
    "b_text",
    *_CONNOTATION,
]
WORD_CHOICE_COLUMNS = [
    "rank",
    "kind",
    "style",
    *_KEYS,
    *_SPANS,
    "similarity",
    "n",
    "pairs",
    "relation",
    "a_text",
    "b_text",
    *_CONNOTATION,
    "connotation",
]
_PAIR_COLUMNS = ["a_article", "b_article", "a_sentence", "b_sentence", "a_text", "b_text"]
_WORD = re.compile(r"\d+(?:[.,]\d+)*\+?|(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\u2019-][^\W_]+)*")
_DERIVATION_PREFIX = 5
_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "month",
        "year",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True)
class _Sentence:
    """Word units of one sentence: spans, lower-case forms, stems, style keys, names, vectors."""

    text: str
    spans: list[tuple[int, int]]
    words: list[str]
    stems: list[str]
    keys: list[str]
    names: list[str]
    vectors: np.ndarray

    def is_content(self, i: int) -> bool:
        return self.words[i] not in STOP_WORDS and any(ch.isalnum() for ch in self.words[i])

    def phrase(self, lo: int, hi: int) -> str:
        return self.text[self.spans[lo][0] : self.spans[hi - 1][1]] if lo < hi else ""


@lru_cache(maxsize=1)
def _name_forms() -> dict[str, str]:
    """Every gazetteer name, alias and demonym to its canonical name."""
    table = load_gazetteer()
    return dict(zip(table["alias"], table["actor"], strict=True))


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    forms = sorted(_name_forms(), key=lambda f: (-len(f), f))
    return re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(f) for f in forms)})(?![\w])")


def _units(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Word spans of *text*; a gazetteer name ("United Kingdom") is one unit, with its actor."""
    names = {m.start(): (m.end(), _name_forms()[m.group()]) for m in _name_pattern().finditer(text)}
    spans, canon = [], []
    cursor = 0
    for match in _WORD.finditer(text):
        if match.start() < cursor:
            continue
        if match.start() in names:
            end, actor = names[match.start()]
            spans.append((match.start(), end))
            canon.append(actor)
            cursor = end
        else:
            spans.append(match.span())
            canon.append("")
            cursor = match.end()
    return spans, canon


def _sentence(text: str, tokens: tuple[np.ndarray, np.ndarray]) -> _Sentence:
    spans, names = _units(text)
    words = [_POSSESSIVE.sub("", text[s:e].lower().replace("\u2019", "'")) for s, e in spans]
    piece_vectors, offsets = tokens
    vectors = np.zeros((len(spans), piece_vectors.shape[1]), dtype=np.float64)
    for k, (start, end) in enumerate(spans):
        inside = (offsets[:, 0] < end) & (offsets[:, 1] > start) & (offsets[:, 1] > offsets[:, 0])
        if inside.any():
            vectors[k] = piece_vectors[inside].mean(axis=0)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-12)
    return _Sentence(
        text=text,
        spans=spans,
        words=words,
        stems=[stem(w) for w in words],
        keys=[style_key(w) for w in words],
        names=names,
        vectors=vectors,
    )


def _lexical(a: _Sentence, b: _Sentence) -> np.ndarray:
    """Word pairs that match by form: exact, stem, house-style key or gazetteer name."""
    same = np.array(a.stems, dtype=object)[:, None] == np.array(b.stems, dtype=object)[None, :]
    keys_a, keys_b = np.array(a.keys, dtype=object), np.array(b.keys, dtype=object)
    same |= (keys_a[:, None] == keys_b[None, :]) & (keys_a[:, None] != "")
    names_a, names_b = np.array(a.names, dtype=object), np.array(b.names, dtype=object)
    same |= (names_a[:, None] == names_b[None, :]) & (names_a[:, None] != "")
    return same


def align_words(
    a: _Sentence,
    b: _Sentence,
    *,
    threshold: float = MATCH_THRESHOLD,
    window_threshold: float = SLOT_THRESHOLD,
) -> dict[int, tuple[int, bool]]:
    """Align the words of two sentences one to one (SimAlign's itermax, Jalili Sabet et al. 2020).

    Iterated mutual argmax over cosine similarities, lexical matches (:func:`_lexical`) first,
    then a second pass inside slots (:func:`_fill_slots`).

    Parameters
    ----------
    a, b : _Sentence
        The two sentences.
    threshold : float, optional
        Smallest cosine of a pair aligned without a lexical match.
    window_threshold : float, optional
        Smallest cosine of a pair aligned in the second pass, inside the slot between the
        images of the word's aligned neighbours (:func:`_fill_slots`).

    Returns
    -------
    dict of int to (int, bool)
        Each aligned word of *a* to its word of *b* and whether the match is lexical.
    """
    n, m = len(a.words), len(b.words)
    if not n or not m:
        return {}
    lexical = _lexical(a, b)
    score = a.vectors @ b.vectors.T + 2.0 * lexical
    content_a = np.array([a.is_content(i) for i in range(n)])
    content_b = np.array([b.is_content(j) for j in range(m)])
    mixed = content_a[:, None] != content_b[None, :]  # a content word never aligns a stop word
    score[((score < threshold) | mixed) & ~lexical] = -np.inf
    aligned: dict[int, tuple[int, bool]] = {}
    free_a, free_b = np.ones(n, dtype=bool), np.ones(m, dtype=bool)
    while free_a.any() and free_b.any():
        masked = np.where(free_a[:, None] & free_b[None, :], score, -np.inf)
        best_b, best_a = masked.argmax(axis=1), masked.argmax(axis=0)
        mutual = [
            i
            for i in range(n)
            if free_a[i] and np.isfinite(masked[i, best_b[i]]) and best_a[best_b[i]] == i
        ]
        if not mutual:
            break
        for i in mutual:
            j = int(best_b[i])
            aligned[i] = (j, bool(lexical[i, j]))
            free_a[i], free_b[j] = False, False
    _fill_slots(a, b, aligned, window_threshold, free_b)
    return aligned


def _fill_slots(
    a: _Sentence,
    b: _Sentence,
    aligned: dict[int, tuple[int, bool]],
    threshold: float,
    free_b: np.ndarray,
) -> None:
    """Align free content words that sit in the same slot, best cosine first (second pass).

    The slot of a word of *a* is the stretch of *b* between the images of its aligned neighbours.
    """
    anchors = sorted(aligned.items())
    candidates = []
    for i in range(len(a.words)):
        if i in aligned or not a.is_content(i):
            continue
        left = [j for k, (j, _) in anchors if k < i]
        right = [j for k, (j, _) in anchors if k > i]
        lo = left[-1] if left else -1
        hi = right[0] if right else len(b.words)
        for j in range(lo + 1, hi):
            if free_b[j] and b.is_content(j):
                similarity = float(a.vectors[i] @ b.vectors[j])
                if similarity >= threshold:
                    candidates.append((-similarity, i, j))
    for _, i, j in sorted(candidates):
        if i not in aligned and free_b[j]:
            aligned[i] = (j, False)
            free_b[j] = False


def _single_words(lexicon: Lexicon, category: str) -> frozenset[str]:
    return frozenset(p for p in lexicon.patterns.get(category, ()) if " " not in p and "*" not in p)


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


@dataclass
class _Block:
    """Aligned spans ``[a_lo, a_hi)`` and ``[b_lo, b_hi)`` read as one substitution."""

    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int


def _runs(sentence: _Sentence, aligned: set[int]) -> list[tuple[int, int, int, int]]:
    """Find the maximal runs of unaligned words.

    Each run is ``(lo, hi)`` trimmed to content words, and the indices of the aligned neighbours
    before and after the untrimmed run (-1 or len at the edges).
    """
    runs = []
    i, n = 0, len(sentence.words)
    while i < n:
        if i in aligned:
            i += 1
            continue
        start = i
        while i < n and i not in aligned:
            i += 1
        content = [k for k in range(start, i) if sentence.is_content(k)]
        if content:
            runs.append((content[0], content[-1] + 1, start - 1, i))
    return runs


def _mean(sentence: _Sentence, lo: int, hi: int) -> np.ndarray:
    vector = sentence.vectors[lo:hi].sum(axis=0)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _cosine(a: _Sentence, a_span: tuple[int, int], b: _Sentence, b_span: tuple[int, int]) -> float:
    return float(_mean(a, *a_span) @ _mean(b, *b_span))


def _same_word(a: str, b: str) -> bool:
    """Tell whether two stems are one word: equal, or derivations (``includ``/``inclus``)."""
    shared = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return a == b or shared >= max(_DERIVATION_PREFIX, min(len(a), len(b)) - 1)


def _figure(a: _Sentence, i: int, b: _Sentence, j: int) -> str | None:
    """Label a figure or a time word ``number`` or ``date``: a fact, not a choice of words."""
    if any(ch.isdigit() for ch in a.words[i] + b.words[j]):
        return "number"
    if a.words[i] in _TIME_WORDS or b.words[j] in _TIME_WORDS:
        return "date"
    return None


def _only_stop_words(sentence: _Sentence, lo: int, hi: int) -> bool:
    return not any(sentence.is_content(k) for k in range(lo, hi))


class _Differ:
    def __init__(
        self,
        lexicon: Lexicon,
        max_tokens: int,
        threshold: float,
        span_threshold: float,
        slot_threshold: float,
    ) -> None:
        self.hedges = _single_words(lexicon, "hedge")
        self.certainty = _single_words(lexicon, "certainty")
        self.valence = _vader_lexicon()
        self.max_tokens = max_tokens
        self.threshold = threshold
        self.span_threshold = span_threshold
        self.slot_threshold = slot_threshold

    def _scores(self, text: _Sentence, lo: int, hi: int) -> tuple[float, int, int]:
        valence = 0.0
        for i in range(lo, hi):
            # capitalised words inside the sentence are names ("United Kingdom"): no valence
            if i > 0 and text.text[text.spans[i][0]].isupper():
                continue
            valence += self.valence.get(text.words[i], 0.0)
        words = text.words[lo:hi]
        hedges = sum(w in self.hedges for w in words)
        certainty = sum(w in self.certainty for w in words)
        return valence, hedges, certainty

    def _row(
        self,
        kind: str,
        style: str,
        a: _Sentence,
        a_span: tuple[int, int],
        b: _Sentence,
        b_span: tuple[int, int],
    ) -> tuple[object, ...]:
        av, ah, ac = self._scores(a, *a_span)
        bv, bh, bc = self._scores(b, *b_span)
        both = a_span[0] < a_span[1] and b_span[0] < b_span[1]
        a_chars = (
            (a.spans[a_span[0]][0], a.spans[a_span[1] - 1][1])
            if a_span[0] < a_span[1]
            else (-1, -1)
        )
        b_chars = (
            (b.spans[b_span[0]][0], b.spans[b_span[1] - 1][1])
            if b_span[0] < b_span[1]
            else (-1, -1)
        )
        return (
            kind,
            style,
            a.phrase(*a_span),
            b.phrase(*b_span),
            *a_chars,
            *b_chars,
            _cosine(a, a_span, b, b_span) if both else float("nan"),
            av,
            bv,
            bv - av,
            ah,
            bh,
            bh - ah,
            ac,
            bc,
            bc - ac,
        )

    def differences(self, a: _Sentence, b: _Sentence) -> list[tuple[object, ...]]:
        aligned = align_words(a, b, threshold=self.threshold, window_threshold=self.slot_threshold)
        out, blocks = [], []
        for i, (j, lexical) in sorted(aligned.items()):
            rule = style_rule(a.phrase(i, i + 1), b.phrase(j, j + 1))
            if rule is None and _same_word(a.stems[i], b.stems[j]):
                continue
            rule = rule or _figure(a, i, b, j)
            if rule is None and lexical:
                rule = "alias" if a.names[i] and a.names[i] == b.names[j] else "abbreviation"
            if rule is not None:
                out.append(self._row("style", rule, a, (i, i + 1), b, (j, j + 1)))
            elif a.is_content(i) and b.is_content(j):
                blocks.append(_Block(i, i + 1, j, j + 1))
        blocks = self._merge(a, b, blocks)
        a_runs = _runs(a, set(aligned))
        b_runs = _runs(b, {j for j, _ in aligned.values()})
        used_a, used_b = self._attach(a, b, blocks, a_runs, b_runs)
        pairs = self._gaps(a, b, aligned, a_runs, b_runs, used_a, used_b)
        for block in blocks:
            out.append(
                self._row(
                    "substitution", "", a, (block.a_lo, block.a_hi), b, (block.b_lo, block.b_hi)
                )
            )
        for (alo, ahi, *_), (blo, bhi, *_) in pairs:
            out.append(self._row("substitution", "", a, (alo, ahi), b, (blo, bhi)))
        for runs, used, kind in ((a_runs, used_a, "a_only"), (b_runs, used_b, "b_only")):
            for k, (lo, hi, _, _) in enumerate(runs):
                if k in used:
                    continue
                side = a if kind == "a_only" else b
                style = "honorific" if is_style_only(side.phrase(lo, hi)) else ""
                spans = ((lo, hi), (0, 0)) if kind == "a_only" else ((0, 0), (lo, hi))
                out.append(self._row("style" if style else kind, style, a, spans[0], b, spans[1]))
        return out

    @staticmethod
    def _merge(a: _Sentence, b: _Sentence, blocks: list[_Block]) -> list[_Block]:
        """Join substitution cores that touch on both sides (only stop words between)."""
        merged: list[_Block] = []
        for block in blocks:
            last = merged[-1] if merged else None
            if (
                last is not None
                and _only_stop_words(a, last.a_hi, block.a_lo)
                and (
                    _only_stop_words(b, last.b_hi, block.b_lo)
                    or _only_stop_words(b, block.b_hi, last.b_lo)
                )
            ):
                merged[-1] = _Block(
                    last.a_lo, block.a_hi, min(last.b_lo, block.b_lo), max(last.b_hi, block.b_hi)
                )
            else:
                merged.append(block)
        return merged

    def _attach(
        self, a: _Sentence, b: _Sentence, blocks: list[_Block], a_runs: list, b_runs: list
    ) -> tuple[set[int], set[int]]:
        """Grow substitutions by the unaligned words next to them that bring them closer."""
        used_a: set[int] = set()
        used_b: set[int] = set()
        for block in blocks:
            for k, (lo, hi, before, after) in enumerate(a_runs):
                near = after == block.a_lo or before == block.a_hi - 1
                span = (min(lo, block.a_lo), max(hi, block.a_hi))
                if (
                    k not in used_a
                    and near
                    and span[1] - span[0] <= self.max_tokens
                    and (
                        _cosine(a, span, b, (block.b_lo, block.b_hi))
                        > _cosine(a, (block.a_lo, block.a_hi), b, (block.b_lo, block.b_hi))
                    )
                ):
                    block.a_lo, block.a_hi = span
                    used_a.add(k)
            for k, (lo, hi, before, after) in enumerate(b_runs):
                near = after == block.b_lo or before == block.b_hi - 1
                span = (min(lo, block.b_lo), max(hi, block.b_hi))
                if (
                    k not in used_b
                    and near
                    and span[1] - span[0] <= self.max_tokens
                    and (
                        _cosine(a, (block.a_lo, block.a_hi), b, span)
                        > _cosine(a, (block.a_lo, block.a_hi), b, (block.b_lo, block.b_hi))
                    )
                ):
                    block.b_lo, block.b_hi = span
                    used_b.add(k)
        return used_a, used_b

    def _gaps(
        self,
        a: _Sentence,
        b: _Sentence,
        aligned: dict[int, tuple[int, bool]],
        a_runs: list,
        b_runs: list,
        used_a: set[int],
        used_b: set[int],
    ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Pair unaligned runs between the same aligned words that mean the same."""
        to_b = {i: j for i, (j, _) in aligned.items()} | {-1: -1, len(a.words): len(b.words)}
        pairs = []
        for ka, run_a in enumerate(a_runs):
            alo, ahi, before, after = run_a
            if ka in used_a or ahi - alo > self.max_tokens:
                continue
            best, best_k = self.span_threshold, -1
            for kb, (blo, bhi, b_before, b_after) in enumerate(b_runs):
                same_place = to_b.get(before) == b_before or to_b.get(after) == b_after
                if kb in used_b or not same_place or bhi - blo > self.max_tokens:
                    continue
                similarity = _cosine(a, (alo, ahi), b, (blo, bhi))
                if similarity >= best:
                    best, best_k = similarity, kb
            if best_k >= 0:
                used_a.add(ka)
                used_b.add(best_k)
                pairs.append((run_a, b_runs[best_k]))
        return pairs


def _check_pairs(pairs: pd.DataFrame) -> None:
    missing = [col for col in _PAIR_COLUMNS if col not in pairs.columns]
    if missing:
        raise ConfigError(f"pairs lack the column(s) {missing}; pass Alignment.pairs")


def _encode(texts: list[str], model: MiniLM | None) -> dict[str, _Sentence]:
    """Each distinct sentence's word units with MiniLM vectors, computed once per sentence."""
    unique = list(dict.fromkeys(texts))
    encoder = model if model is not None else load_minilm()
    tokens = encoder.token_embeddings(unique) if unique else []
    return {text: _sentence(text, tok) for text, tok in zip(unique, tokens, strict=True)}


def pair_differences(
    pairs: pd.DataFrame,
    *,
    relations: Sequence[str] = ("equivalent", "partial"),
    max_tokens: int = 4,
    threshold: float = MATCH_THRESHOLD,
    span_threshold: float = SPAN_THRESHOLD,
    slot_threshold: float = SLOT_THRESHOLD,
    lexicon: Lexicon | None = None,
    model: MiniLM | None = None,
) -> pd.DataFrame:
    """Align the words of every aligned sentence pair and read off their differences.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``Alignment.pairs``, or any table with ``a_article, b_article, a_sentence, b_sentence,
        a_text, b_text``; ``relation`` is optional and, when present, filtered by *relations*.
    relations : sequence of str, optional
        Relations of the pairs compared.
    max_tokens : int, optional
        Longest span (words, either side) that unaligned words may grow a substitution to.
    threshold : float, optional
        Smallest cosine of two words aligned without a lexical match (:data:`MATCH_THRESHOLD`).
    span_threshold : float, optional
        Smallest cosine of two unaligned spans read as a substitution (:data:`SPAN_THRESHOLD`).
    slot_threshold : float, optional
        Smallest cosine of two words aligned in the same slot by the second pass
        (:data:`SLOT_THRESHOLD`).
    lexicon : Lexicon, optional
        Hedge and certainty words; None takes :func:`analysis.diff.modality.load_modality_lexicon`.
    model : MiniLM, optional
        Token encoder; None takes :func:`analysis.text.minilm.load_minilm`.

    Returns
    -------
    pandas.DataFrame
        One row per difference, in pair order, columns :data:`DIFFERENCE_COLUMNS`: the pair keys
        and ``relation``; ``kind`` (one of :data:`KINDS`); ``style`` (for ``style`` rows the
        rule: ``alias``, ``abbreviation``, ``honorific``, ``title``, ``state``, ``number``,
        ``spelling``; else ""); ``a_phrase``, ``b_phrase`` (as written, "" for the side
        without words) and their character offsets ``a_start, a_end, b_start, b_end`` in
        ``a_text``, ``b_text`` (-1 for no span); ``similarity`` (cosine of the two spans' mean
        MiniLM vectors, -1..1, NaN for additions); ``a_valence``, ``b_valence`` (sums of VADER
        valences, -4..4 per word), ``a_hedges``, ``b_hedges``, ``a_certainty``,
        ``b_certainty`` (marker counts) and ``valence_diff``, ``hedge_diff``,
        ``certainty_diff`` (B minus A).

    Raises
    ------
    ConfigError
        For missing columns or *max_tokens* < 1.
    """
    _check_pairs(pairs)
    if max_tokens < 1:
        raise ConfigError(f"max_tokens={max_tokens} must be at least 1")
    lexicon = lexicon if lexicon is not None else load_modality_lexicon()
    differ = _Differ(lexicon, max_tokens, threshold, span_threshold, slot_threshold)
    chosen = pairs
    if "relation" in pairs.columns:
        chosen = pairs[pairs["relation"].isin(list(relations))]
    texts = [str(t) for t in chosen["a_text"]] + [str(t) for t in chosen["b_text"]]
    encoded = _encode(texts, model)
    rows = []
    for row in chosen.itertuples(index=False):
        relation = str(getattr(row, "relation", ""))
        keys = (str(row.a_article), str(row.b_article), int(row.a_sentence), int(row.b_sentence))
        a, b = encoded[str(row.a_text)], encoded[str(row.b_text)]
        for difference in differ.differences(a, b):
            head, scores = difference[:9], difference[9:]
            rows.append((*keys, relation, *head, a.text, b.text, *scores))
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def word_choice(
    pairs: pd.DataFrame,
    *,
    order_by: str = "frequency",
    relations: Sequence[str] = ("equivalent", "partial"),
    max_tokens: int = 4,
    threshold: float = MATCH_THRESHOLD,
    span_threshold: float = SPAN_THRESHOLD,
    slot_threshold: float = SLOT_THRESHOLD,
    lexicon: Lexicon | None = None,
    model: MiniLM | None = None,
) -> pd.DataFrame:
    """Rank the word-choice differences of all aligned pairs into ``word_choice.csv``.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Aligned pairs, as for :func:`pair_differences`.
    order_by : str, optional
        ``"frequency"`` (by ``n``, then connotation, then similarity) or ``"connotation"`` (by
        connotation, then ``n``, then similarity), within kinds in the order of :data:`KINDS`
        (substitutions first, house style last).
    relations, max_tokens, threshold, span_threshold, slot_threshold, lexicon, model : optional
        As in :func:`pair_differences`.

    Returns
    -------
    pandas.DataFrame
        One row per difference, columns :data:`WORD_CHOICE_COLUMNS`: ``rank`` (1 = first);
        the columns of :func:`pair_differences`; ``n`` (sentence pairs showing the same
        difference: same kind and the same stems on each side); ``pairs``
        (``"a_sentence-b_sentence"`` of each of them, this row's first, ``;``-joined);
        ``connotation`` (``|valence_diff| + |hedge_diff| + |certainty_diff|``, >= 0).

    Raises
    ------
    ConfigError
        For an unknown *order_by*, missing columns or *max_tokens* < 1.
    """
    if order_by not in ORDERS:
        raise ConfigError(f"order_by={order_by!r} is unknown; use one of {', '.join(ORDERS)}")
    diffs = pair_differences(
        pairs,
        relations=relations,
        max_tokens=max_tokens,
        threshold=threshold,
        span_threshold=span_threshold,
        slot_threshold=slot_threshold,
        lexicon=lexicon,
        model=model,
    )
    if diffs.empty:
        return pd.DataFrame(columns=WORD_CHOICE_COLUMNS)

    def stems(phrases: pd.Series) -> pd.Series:
        return phrases.map(lambda p: " ".join(stem(w.lower()) for w in _WORD.findall(p)))

    table = diffs.assign(
        _a=stems(diffs["a_phrase"]),
        _b=stems(diffs["b_phrase"]),
        _pair=diffs["a_sentence"].astype(str) + "-" + diffs["b_sentence"].astype(str),
    )
    group = table.groupby(["kind", "a_article", "b_article", "_a", "_b"], sort=False)["_pair"]
    table["n"] = group.transform("nunique")
    every = group.transform(lambda cells: ";".join(dict.fromkeys(cells)))
    table["pairs"] = [
        ";".join(dict.fromkeys([own, *all_.split(";")]))
        for own, all_ in zip(table["_pair"], every, strict=True)
    ]
    table["connotation"] = (
        table["valence_diff"].abs() + table["hedge_diff"].abs() + table["certainty_diff"].abs()
    )
    table["_kind"] = table["kind"].map({k: i for i, k in enumerate(KINDS)})
    first, second = ("n", "connotation") if order_by == "frequency" else ("connotation", "n")
    table = table.sort_values(
        ["_kind", first, second, "similarity", "a_sentence", "b_sentence", "a_start", "b_start"],
        ascending=[True, False, False, False, True, True, True, True],
        kind="mergesort",
        na_position="last",
        ignore_index=True,
    )
    table["rank"] = range(1, len(table) + 1)
    logger.debug("word choice: %d differences", len(table))
    return table[WORD_CHOICE_COLUMNS]
