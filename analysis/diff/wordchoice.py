"""Word choice on the same facts: what one article words differently from the other.

The token-difference method and its connotation scores are in ``docs/methods.md``, section 8.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import pandas as pd

from analysis.diff.modality import load_modality_lexicon
from analysis.errors import ConfigError
from analysis.text.lexicon import Lexicon
from analysis.text.normalize import STOP_WORDS, normalize, stem, tokenize

__all__ = [
    "ARTICLES",
    "CONTEXT_TOKENS",
    "DIFFERENCE_COLUMNS",
    "KINDS",
    "ORDERS",
    "WORD_CHOICE_COLUMNS",
    "pair_differences",
    "word_choice",
]

logger = logging.getLogger(__name__)

KINDS = ("substitution", "a_only", "b_only", "rewrite", "variant")
ORDERS = ("frequency", "connotation")
#: Determiners that join a changed phrase when the other side lacks them.
ARTICLES = frozenset({"a", "an", "the"})
#: Content words added on each side of a phrase to form its context.
CONTEXT_TOKENS = 3
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
DIFFERENCE_COLUMNS = [
    "a_article",
    "b_article",
    "a_sentence",
    "b_sentence",
    "relation",
    "kind",
    "a_phrase",
    "b_phrase",
    "a_context",
    "b_context",
    *_CONNOTATION,
]
WORD_CHOICE_COLUMNS = [
    "rank",
    "kind",
    "a_article",
    "b_article",
    "a_phrase",
    "b_phrase",
    "n",
    "a_context",
    "b_context",
    "pairs",
    *_CONNOTATION,
    "connotation",
]
_PAIR_COLUMNS = ["a_article", "b_article", "a_sentence", "b_sentence", "a_text", "b_text"]


@dataclass(frozen=True)
class _Text:
    """Tokens of one sentence with their character spans in the normalised text."""

    surface: str
    tokens: list[str]
    spans: list[tuple[int, int]]

    def phrase(self, lo: int, hi: int) -> str:
        if lo >= hi:
            return ""
        return self.surface[self.spans[lo][0] : self.spans[hi - 1][1]]

    def joined(self, i: int) -> bool:
        """Tell whether only white space separates token ``i - 1`` from token ``i``."""
        gap = self.surface[self.spans[i - 1][1] : self.spans[i][0]]
        return not gap.strip()


def _analyse(text: str) -> _Text:
    surface = normalize(text)
    lower = surface.lower()
    if len(lower) != len(surface):  # a character whose lower case is longer: show lower case
        surface = lower
    tokens = tokenize(text)
    spans = []
    cursor = 0
    for token in tokens:
        start = lower.find(token, cursor)
        if start < 0:  # cannot happen for tokenize output; keep going defensively
            start = cursor
        spans.append((start, start + len(token)))
        cursor = start + len(token)
    return _Text(surface, tokens, spans)


def _single_words(lexicon: Lexicon, category: str) -> frozenset[str]:
    return frozenset(p for p in lexicon.patterns.get(category, ()) if " " not in p and "*" not in p)


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


class _Differ:
    def __init__(self, lexicon: Lexicon, max_tokens: int) -> None:
        self.hedges = _single_words(lexicon, "hedge")
        self.certainty = _single_words(lexicon, "certainty")
        self.markers = self.hedges | self.certainty
        self.valence = _vader_lexicon()
        self.max_tokens = max_tokens

    def is_anchor(self, token: str) -> bool:
        return token not in STOP_WORDS or token in self.markers

    def _scores(self, text: _Text, lo: int, hi: int) -> tuple[float, int, int]:
        valence = 0.0
        for i in range(lo, hi):
            # capitalised words inside the sentence are names ("United Kingdom"): no valence
            if i > 0 and text.surface[text.spans[i][0]].isupper():
                continue
            valence += self.valence.get(text.tokens[i], 0.0)
        tokens = text.tokens[lo:hi]
        hedges = sum(tok in self.hedges for tok in tokens)
        certainty = sum(tok in self.certainty for tok in tokens)
        return valence, hedges, certainty

    def connotation(
        self, a: _Text, a_span: tuple[int, int], b: _Text, b_span: tuple[int, int]
    ) -> list[float]:
        av, ah, ac = self._scores(a, *a_span)
        bv, bh, bc = self._scores(b, *b_span)
        return [av, bv, bv - av, ah, bh, bh - ah, ac, bc, bc - ac]

    def context(self, text: _Text, lo: int, hi: int) -> str:
        if lo >= hi:
            return ""
        start, end = lo, hi
        for _ in range(CONTEXT_TOKENS):
            if start > 0 and text.tokens[start - 1] not in STOP_WORDS and text.joined(start):
                start -= 1
            else:
                break
        for _ in range(CONTEXT_TOKENS):
            if end < len(text.tokens) and text.tokens[end] not in STOP_WORDS and text.joined(end):
                end += 1
            else:
                break
        return text.phrase(start, end)

    def differences(self, a_text: str, b_text: str) -> list[tuple[object, ...]]:
        a, b = _analyse(a_text), _analyse(b_text)
        a_idx = [i for i, tok in enumerate(a.tokens) if self.is_anchor(tok)]
        b_idx = [j for j, tok in enumerate(b.tokens) if self.is_anchor(tok)]
        a_keys = [stem(a.tokens[i]) for i in a_idx]
        b_keys = [stem(b.tokens[j]) for j in b_idx]
        out = []
        matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for i, j in zip(a_idx[i1:i2], b_idx[j1:j2], strict=True):
                    if a.tokens[i] != b.tokens[j]:
                        a_word, b_word = a.phrase(i, i + 1), b.phrase(j, j + 1)
                        scores = self.connotation(a, (i, i + 1), b, (j, j + 1))
                        out.append(("variant", a_word, b_word, a_word, b_word, *scores))
                continue
            a_lo, a_hi = (a_idx[i1], a_idx[i2 - 1] + 1) if i2 > i1 else (0, 0)
            b_lo, b_hi = (b_idx[j1], b_idx[j2 - 1] + 1) if j2 > j1 else (0, 0)
            a_lo, b_lo = self._articles(a, a_lo, a_hi, b, b_lo, b_hi)
            kind = {"replace": "substitution", "delete": "a_only", "insert": "b_only"}[tag]
            if kind == "substitution" and max(a_hi - a_lo, b_hi - b_lo) > self.max_tokens:
                kind = "rewrite"
            out.append(
                (
                    kind,
                    a.phrase(a_lo, a_hi),
                    b.phrase(b_lo, b_hi),
                    self.context(a, a_lo, a_hi),
                    self.context(b, b_lo, b_hi),
                    *self.connotation(a, (a_lo, a_hi), b, (b_lo, b_hi)),
                )
            )
        return out

    @staticmethod
    def _articles(
        a: _Text, a_lo: int, a_hi: int, b: _Text, b_lo: int, b_hi: int
    ) -> tuple[int, int]:
        def before(text: _Text, lo: int, hi: int) -> str | None:
            if lo < hi and lo > 0 and text.tokens[lo - 1] in ARTICLES and text.joined(lo):
                return text.tokens[lo - 1]
            return None

        art_a, art_b = before(a, a_lo, a_hi), before(b, b_lo, b_hi)
        if art_a is not None and art_a == art_b:
            return a_lo, b_lo
        return a_lo - (art_a is not None), b_lo - (art_b is not None)


def _check_pairs(pairs: pd.DataFrame) -> None:
    missing = [col for col in _PAIR_COLUMNS if col not in pairs.columns]
    if missing:
        raise ConfigError(f"pairs lack the column(s) {missing}; pass Alignment.pairs")


def pair_differences(
    pairs: pd.DataFrame,
    *,
    relations: Sequence[str] = ("equivalent", "partial"),
    max_tokens: int = 8,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Find the token-level differences of every aligned sentence pair.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``Alignment.pairs``, or any table with ``a_article, b_article, a_sentence, b_sentence,
        a_text, b_text``; ``relation`` is optional and, when present, filtered by *relations*.
    relations : sequence of str, optional
        Relations of the pairs compared.
    max_tokens : int, optional
        Longest replaced run (tokens, either side) still a substitution; longer is a rewrite.
    lexicon : Lexicon, optional
        Hedge and certainty words; None takes :func:`analysis.diff.modality.load_modality_lexicon`.

    Returns
    -------
    pandas.DataFrame
        One row per difference, in pair order then sentence order, columns
        :data:`DIFFERENCE_COLUMNS`: the pair keys and ``relation``; ``kind`` (one of
        :data:`KINDS`); ``a_phrase``, ``b_phrase``; ``a_context``, ``b_context`` (the phrase
        widened by up to :data:`CONTEXT_TOKENS` content words); ``a_valence``, ``b_valence``
        (sums of VADER valences, -4..4 per word), ``a_hedges``, ``b_hedges``, ``a_certainty``,
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
    differ = _Differ(lexicon if lexicon is not None else load_modality_lexicon(), max_tokens)
    chosen = pairs
    if "relation" in pairs.columns:
        chosen = pairs[pairs["relation"].isin(list(relations))]
    rows = []
    for row in chosen.itertuples(index=False):
        relation = str(getattr(row, "relation", ""))
        keys = (str(row.a_article), str(row.b_article), int(row.a_sentence), int(row.b_sentence))
        for difference in differ.differences(str(row.a_text), str(row.b_text)):
            rows.append((*keys, relation, *difference))
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def word_choice(
    pairs: pd.DataFrame,
    *,
    order_by: str = "frequency",
    relations: Sequence[str] = ("equivalent", "partial"),
    max_tokens: int = 8,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Aggregate the word-choice differences of all aligned pairs into ``word_choice.csv``.

    Differences with the same kind and the same lower-cased phrases are one row.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Aligned pairs, as for :func:`pair_differences`.
    order_by : str, optional
        ``"frequency"`` (by ``n``, then connotation) or ``"connotation"`` (by connotation, then
        ``n``), within kinds in the order of :data:`KINDS` (substitutions first).
    relations, max_tokens, lexicon : optional
        As in :func:`pair_differences`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`WORD_CHOICE_COLUMNS`: ``rank`` (1 = first); ``kind``; ``a_article``,
        ``b_article``; ``a_phrase``, ``b_phrase`` (surface text of the first occurrence,
        normalised quotes); ``n`` (aligned pairs showing the difference); ``a_context``,
        ``b_context`` (first occurrence); ``pairs`` (``"a_sentence-b_sentence"`` of every
        occurrence, ``;``-joined); the connotation columns of :func:`pair_differences`;
        ``connotation`` (``|valence_diff| + |hedge_diff| + |certainty_diff|``, >= 0).

    Raises
    ------
    ConfigError
        For an unknown *order_by*, missing columns or *max_tokens* < 1.
    """
    if order_by not in ORDERS:
        raise ConfigError(f"order_by={order_by!r} is unknown; use one of {', '.join(ORDERS)}")
    diffs = pair_differences(pairs, relations=relations, max_tokens=max_tokens, lexicon=lexicon)
    if diffs.empty:
        return pd.DataFrame(columns=WORD_CHOICE_COLUMNS)
    keys = diffs.assign(
        _a=diffs["a_phrase"].str.lower(),
        _b=diffs["b_phrase"].str.lower(),
        _pair=diffs["a_sentence"].astype(str) + "-" + diffs["b_sentence"].astype(str),
    )
    grouped = keys.groupby(["kind", "a_article", "b_article", "_a", "_b"], sort=False)
    table = grouped.agg(
        a_phrase=("a_phrase", "first"),
        b_phrase=("b_phrase", "first"),
        n=("_pair", "size"),
        a_context=("a_context", "first"),
        b_context=("b_context", "first"),
        pairs=("_pair", lambda cells: ";".join(dict.fromkeys(cells))),
        **{col: (col, "first") for col in _CONNOTATION},
    ).reset_index()
    table["connotation"] = (
        table["valence_diff"].abs() + table["hedge_diff"].abs() + table["certainty_diff"].abs()
    )
    table["_kind"] = table["kind"].map({k: i for i, k in enumerate(KINDS)})
    first, second = ("n", "connotation") if order_by == "frequency" else ("connotation", "n")
    # Substitutions (same fact, other words) first; additions and rewrites are content changes.
    table = table.sort_values(
        ["_kind", first, second, "_a", "_b"],
        ascending=[True, False, False, True, True],
        kind="mergesort",
        ignore_index=True,
    )
    table["rank"] = range(1, len(table) + 1)
    logger.debug("word choice: %d differences from %d pair rows", len(table), len(diffs))
    return table[WORD_CHOICE_COLUMNS]
