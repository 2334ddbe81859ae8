"""Sentence alignment between two articles: order-free, many-to-many, equivalent or partial.

Every sentence of article ``a`` is scored against every sentence of article ``b`` by a scorer of
:mod:`analysis.align.scorers`, which gives two numbers per pair: a graded ``similarity`` and a
calibrated ``probability`` that the two sentences state the same content. The alignment ignores
sentence order, so reordered, split and merged sentences align as well as parallel ones, and one
sentence may align to several of the other side.

Within one story every sentence shares the topic vocabulary, so a raw threshold confuses "same
topic" with "same statement". A pair is therefore also scored relative to the nearest neighbours
of both its sentences, with the ratio margin of bitext mining (Artetxe & Schwenk 2019, "Margin-
based parallel corpus mining with multilingual sentence embeddings", ACL)::

    margin(x, y) = sim(x, y) / (mean(sim(x, z) for z in k-NN of x in b) / 2
                                + mean(sim(w, y) for w in k-NN of y in a) / 2)

A pair is kept when ``similarity >= partial`` (the two sentences "share some details", a cut
calibrated on the STS Benchmark per scorer) and ``margin >= margin``. It is ``equivalent`` when
also ``probability >= equivalent`` (MRPC-calibrated, 0.5 = more likely the same statement than
not), else ``partial``.

Split and merged sentences (``merges``; by default on for the lexical scorer): one outlet may say
in one sentence what the other says in two consecutive ones. The margin rule tends to keep only
the better half, since the other half is rarely the best match of the long sentence. So every
sentence ``x`` of one side may also be scored against the concatenation ``y1 + y2`` of two
consecutive body sentences of the other side (the 2-1 and 1-2 "beads" of Gale & Church 1993,
scored by concatenation as in Vecalign, Thompson & Koehn 2019, but without assuming the same
order). Only joins that hold a sentence already aligned with ``x`` by the margin rule are tried (a
merge extends an alignment by the adjacent sentence), and only when the other half scores at least
``partial / 2`` with ``x`` (a cheap pre-filter: a half sharing less cannot lift the concatenation
much). When the concatenation matches ``x`` better than either half alone (``sim(x, y1+y2) >
max(sim(x, y1), sim(x, y2))``: the second half adds shared content that outweighs its dilution of
the cosine) and at least ``partial``, both ``(x, y1)`` and ``(x, y2)`` are aligned. The three
scores come from one paired call of the scorer (the way its thresholds were calibrated), so they
are comparable with each other. Consecutive means adjacent rows of the sentence table with
consecutive ``sentence`` numbers; with an ``is_body`` column, headings and summary items are never
joined. The test "the concatenation scores higher than either half" is sound for a cosine of
non-negative bag-of-features vectors (TF-IDF: an unrelated half only adds to the norm), so
``merges=None`` turns it on only for scorers whose ``additive`` property is true (the lexical
one). The mean-pooled vectors of the embedding scorers lack that property: a concatenation drifts
towards the story's average and beats its halves for most topical sentences (on the seed pair 72
pairs instead of 46, precision 0.44 -> 0.36), so it is off for them unless ``merges=True`` is
given.

Columns of :attr:`Alignment.pairs` (constants below), one row per aligned pair, sorted by
``a_sentence`` then ``b_sentence``:

``a_article``, ``b_article`` (str) article ids; ``a_sentence``, ``b_sentence`` (int) sentence
indices within each article (``Corpus.sentences.sentence``); ``a_text``, ``b_text`` (str) the
sentences; ``similarity`` (float, 0..1) graded similarity; ``relation`` (str) ``equivalent`` or
``partial``; ``a_block_type``, ``b_block_type`` (str) block types of the two sentences
(``""`` when the input table has none); ``probability`` (float, 0..1) calibrated probability of
the same statement; ``margin`` (float, >= 0) the ratio margin above (a pair kept as one half
of a merged sentence may be below the ``margin`` threshold: its other half passed it).
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.align.scorers import DETAIL_THRESHOLDS, Scorer, get_scorer
from analysis.errors import AlignmentError

if TYPE_CHECKING:
    from analysis.corpus.loader import Corpus

__all__ = [
    "A_ARTICLE",
    "A_BLOCK_TYPE",
    "A_SENTENCE",
    "A_TEXT",
    "B_ARTICLE",
    "B_BLOCK_TYPE",
    "B_SENTENCE",
    "B_TEXT",
    "DEFAULT_EQUIVALENT",
    "DEFAULT_K",
    "DEFAULT_MARGIN",
    "EQUIVALENT",
    "MARGIN",
    "PAIR_COLUMNS",
    "PARTIAL",
    "PROBABILITY",
    "RELATION",
    "SIMILARITY",
    "Alignment",
    "align_articles",
    "align_event",
    "align_sentences",
    "ratio_margin",
]

logger = logging.getLogger(__name__)

A_ARTICLE = "a_article"
B_ARTICLE = "b_article"
A_SENTENCE = "a_sentence"
B_SENTENCE = "b_sentence"
A_TEXT = "a_text"
B_TEXT = "b_text"
SIMILARITY = "similarity"
RELATION = "relation"
A_BLOCK_TYPE = "a_block_type"
B_BLOCK_TYPE = "b_block_type"
PROBABILITY = "probability"
MARGIN = "margin"
PAIR_COLUMNS: tuple[str, ...] = (
    A_ARTICLE,
    B_ARTICLE,
    A_SENTENCE,
    B_SENTENCE,
    A_TEXT,
    B_TEXT,
    SIMILARITY,
    RELATION,
    A_BLOCK_TYPE,
    B_BLOCK_TYPE,
    PROBABILITY,
    MARGIN,
)

#: Relation labels.
EQUIVALENT = "equivalent"
PARTIAL = "partial"

#: Default probability (MRPC-calibrated) at or above which a kept pair is ``equivalent``.
DEFAULT_EQUIVALENT = 0.5
#: Default minimum ratio margin: the pair must score at least the mean of the k best matches
#: of its two sentences (a pair that is the best match of both its sentences always passes).
DEFAULT_MARGIN = 1.0
#: Default number of nearest neighbours in the margin.
DEFAULT_K = 4

# Columns the sentence tables passed to align_sentences must have.
_REQUIRED = ("article", "sentence", "text")


@dataclass(frozen=True)
class Alignment:
    """The alignment of two articles.

    ``pairs``: one row per aligned sentence pair (columns :data:`PAIR_COLUMNS`).
    ``unmatched_a`` / ``unmatched_b``: the sentence rows of each side that are in no pair (same
    columns as the sentence tables given). ``similarity``: the full graded similarity matrix,
    shape ``(len(a sentences), len(b sentences))``, rows and columns in the order of the
    sentence tables. ``method``: the scorer's name.
    """

    pairs: pd.DataFrame
    unmatched_a: pd.DataFrame
    unmatched_b: pd.DataFrame
    similarity: np.ndarray
    method: str

    @property
    def n_pairs(self) -> int:
        """Number of aligned pairs."""
        return len(self.pairs)

    @property
    def a(self) -> str | None:
        """Id of article A (None when no sentence of A took part)."""
        return _article_id(self.pairs, "a_article", self.unmatched_a)

    @property
    def b(self) -> str | None:
        """Id of article B (None when no sentence of B took part)."""
        return _article_id(self.pairs, "b_article", self.unmatched_b)


def _article_id(pairs: pd.DataFrame, column: str, unmatched: pd.DataFrame) -> str | None:
    for table, name in ((pairs, column), (unmatched, "article")):
        if name in table.columns and len(table):
            return str(table[name].iloc[0])
    return None


def ratio_margin(similarity: np.ndarray, *, k: int = DEFAULT_K) -> np.ndarray:
    """Ratio margin (Artetxe & Schwenk 2019) of every cell of a similarity matrix.

    Each score is divided by the mean of (the mean of the row's *k* highest scores) and (the
    mean of the column's *k* highest scores); *k* is capped at the row / column length. Cells
    whose neighbourhood scores are all zero get 0. Returns an array of the same shape, >= 0.
    """
    if k < 1:
        raise AlignmentError(f"k={k} nearest neighbours is not possible; use k >= 1")
    n_a, n_b = similarity.shape
    if n_a == 0 or n_b == 0:
        return np.zeros_like(similarity, dtype=np.float64)
    k_row, k_col = min(k, n_b), min(k, n_a)
    row = np.partition(similarity, n_b - k_row, axis=1)[:, n_b - k_row :].mean(axis=1)
    col = np.partition(similarity, n_a - k_col, axis=0)[n_a - k_col :, :].mean(axis=0)
    scale = (row[:, None] + col[None, :]) / 2.0
    return np.divide(
        similarity, scale, out=np.zeros(similarity.shape, dtype=np.float64), where=scale > 0
    )


def _joinable(table: pd.DataFrame) -> np.ndarray:
    """Boolean per row but the last: may this row be joined with the next one (a 2-1 merge)?"""
    if len(table) < 2:
        return np.zeros(0, dtype=bool)
    numbers = table["sentence"].to_numpy(dtype="int64")
    ok = numbers[1:] == numbers[:-1] + 1
    if "article" in table.columns:
        articles = table["article"].astype(str).to_numpy()
        ok &= articles[1:] == articles[:-1]
    if "is_body" in table.columns:
        body = table["is_body"].to_numpy(dtype=bool)
        ok &= body[1:] & body[:-1]
    return ok


def _merge_pairs(
    scorer: Scorer,
    x_texts: list[str],
    y_texts: list[str],
    joinable: np.ndarray,
    anchors: np.ndarray,
    similarity: np.ndarray,
    *,
    partial: float,
) -> np.ndarray:
    """Pairs (x, y) in which y is one half of two consecutive y sentences that together match x.

    *anchors*: boolean ``(len(x_texts), len(y_texts))``, the pairs kept by the margin rule;
    *similarity*: the similarity matrix of the same shape. A join is tried for x when one half is
    anchored to x and the other half scores at least ``partial / 2`` with x. Every candidate is
    scored as three pairs in one paired call (x with each half and with the concatenation), so the
    three scores are comparable. Returns a boolean array of the shape of *anchors*.
    """
    found = np.zeros(anchors.shape, dtype=bool)
    other_floor = similarity >= partial / 2
    candidates = set()
    for x, j in zip(*np.nonzero(anchors), strict=True):
        if j > 0 and joinable[j - 1] and other_floor[x, j - 1]:
            candidates.add((int(x), int(j) - 1))
        if j < len(joinable) and joinable[j] and other_floor[x, j + 1]:
            candidates.add((int(x), int(j)))
    if not candidates:
        return found
    xs = [x_texts[x] for x, _ in candidates]
    first = [y_texts[i] for _, i in candidates]
    second = [y_texts[i + 1] for _, i in candidates]
    joined = [f"{one} {two}" for one, two in zip(first, second, strict=True)]
    scores = scorer.score(xs * 3, first + second + joined, paired=True).similarity
    single_1, single_2, merged = np.split(np.asarray(scores, dtype=np.float64), 3)
    ok = (merged > np.maximum(single_1, single_2)) & (merged >= partial)
    for (x, i), good in zip(candidates, ok, strict=True):
        if good:
            found[x, i] = found[x, i + 1] = True
    return found


def _check_table(table: pd.DataFrame, side: str) -> None:
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        raise AlignmentError(
            f"the {side} sentence table lacks column(s) {', '.join(missing)}; "
            "pass rows of Corpus.sentences"
        )


def _empty_pairs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            A_ARTICLE: pd.Series(dtype=str),
            B_ARTICLE: pd.Series(dtype=str),
            A_SENTENCE: pd.Series(dtype="int64"),
            B_SENTENCE: pd.Series(dtype="int64"),
            A_TEXT: pd.Series(dtype=str),
            B_TEXT: pd.Series(dtype=str),
            SIMILARITY: pd.Series(dtype="float64"),
            RELATION: pd.Series(dtype=str),
            A_BLOCK_TYPE: pd.Series(dtype=str),
            B_BLOCK_TYPE: pd.Series(dtype=str),
            PROBABILITY: pd.Series(dtype="float64"),
            MARGIN: pd.Series(dtype="float64"),
        }
    )


def _block_types(table: pd.DataFrame) -> np.ndarray:
    if "block_type" in table.columns:
        return table["block_type"].astype(str).to_numpy()
    return np.full(len(table), "", dtype=object)


def align_sentences(
    a_sentences: pd.DataFrame,
    b_sentences: pd.DataFrame,
    *,
    method: str | Scorer = "lexical",
    equivalent: float = DEFAULT_EQUIVALENT,
    partial: float | None = None,
    margin: float = DEFAULT_MARGIN,
    k: int = DEFAULT_K,
    merges: bool | None = None,
) -> Alignment:
    """Align two sentence tables (rows of ``Corpus.sentences``: ``article``, ``sentence``,
    ``text``, optionally ``block_type``), without a :class:`~analysis.corpus.loader.Corpus`.

    *method*: a name of :data:`analysis.align.scorers.METHODS` or a scorer object. *equivalent*:
    probability (0..1) at or above which a kept pair is ``equivalent``. *partial*: similarity
    (0..1) a pair needs to be kept; ``None`` takes the scorer's STS-calibrated
    :data:`~analysis.align.scorers.DETAIL_THRESHOLDS` value. *margin*: minimum ratio margin; *k*:
    neighbours in the margin. *merges*: also align both halves of a sentence split in two
    consecutive sentences on the other side (module docstring); ``None`` does so for additive
    scorers only (the lexical one), ``False`` keeps only the margin rule. Raises
    :class:`~analysis.errors.AlignmentError` for an unknown method, a table without the needed
    columns or a threshold out of range. The inputs are not modified.
    """
    scorer = get_scorer(method)
    _check_table(a_sentences, "a")
    _check_table(b_sentences, "b")
    if partial is None:
        partial = DETAIL_THRESHOLDS.get(scorer.name, DETAIL_THRESHOLDS["lexical"])
    for name, value in (("equivalent", equivalent), ("partial", partial)):
        if not 0.0 <= value <= 1.0:
            raise AlignmentError(f"{name}={value} is out of range; use a value in [0, 1]")
    if margin < 0:
        raise AlignmentError(f"margin={margin} is negative; use a value >= 0")
    if k < 1:
        raise AlignmentError(f"k={k} nearest neighbours is not possible; use k >= 1")

    a_table = a_sentences.reset_index(drop=True)
    b_table = b_sentences.reset_index(drop=True)
    a_texts = a_table["text"].astype(str).tolist()
    b_texts = b_table["text"].astype(str).tolist()
    scores = scorer.score(a_texts, b_texts)
    similarity = np.asarray(scores.similarity, dtype=np.float64)
    margins = ratio_margin(similarity, k=k)
    keep = (similarity >= partial) & (margins >= margin) & (similarity > 0)
    if merges is None:
        merges = bool(getattr(scorer, "additive", False))
    if merges:
        anchors = keep.copy()
        keep |= _merge_pairs(
            scorer, a_texts, b_texts, _joinable(b_table), anchors, similarity, partial=partial
        )
        keep |= _merge_pairs(
            scorer, b_texts, a_texts, _joinable(a_table), anchors.T, similarity.T, partial=partial
        ).T
    rows, cols = np.nonzero(keep)
    logger.info(
        "aligned %d x %d sentences with %s: %d pairs",
        len(a_texts),
        len(b_texts),
        scorer.name,
        len(rows),
    )
    if len(rows) == 0:
        pairs = _empty_pairs()
    else:
        probability = np.asarray(scores.probability, dtype=np.float64)[rows, cols]
        pairs = pd.DataFrame(
            {
                A_ARTICLE: a_table["article"].astype(str).to_numpy()[rows],
                B_ARTICLE: b_table["article"].astype(str).to_numpy()[cols],
                A_SENTENCE: a_table["sentence"].to_numpy(dtype="int64")[rows],
                B_SENTENCE: b_table["sentence"].to_numpy(dtype="int64")[cols],
                A_TEXT: np.asarray(a_texts, dtype=object)[rows],
                B_TEXT: np.asarray(b_texts, dtype=object)[cols],
                SIMILARITY: similarity[rows, cols],
                RELATION: np.where(probability >= equivalent, EQUIVALENT, PARTIAL),
                A_BLOCK_TYPE: _block_types(a_table)[rows],
                B_BLOCK_TYPE: _block_types(b_table)[cols],
                PROBABILITY: probability,
                MARGIN: margins[rows, cols],
            }
        )
        pairs = pairs.sort_values([A_SENTENCE, B_SENTENCE], kind="stable").reset_index(drop=True)
    matched_a = np.zeros(len(a_table), dtype=bool)
    matched_b = np.zeros(len(b_table), dtype=bool)
    matched_a[rows] = True
    matched_b[cols] = True
    return Alignment(
        pairs=pairs,
        unmatched_a=a_table.loc[~matched_a].reset_index(drop=True),
        unmatched_b=b_table.loc[~matched_b].reset_index(drop=True),
        similarity=similarity,
        method=scorer.name,
    )


def _article_sentences(corpus: Corpus, article: str) -> pd.DataFrame:
    articles = corpus.articles
    if article not in set(articles["id"]):
        known = ", ".join(map(str, articles["id"].head(5)))
        raise AlignmentError(
            f"unknown article id {article!r}; use an id of corpus.articles (e.g. {known})"
        )
    sentences = corpus.sentences
    return sentences.loc[sentences["article"] == article]


def align_articles(
    corpus: Corpus,
    a: str,
    b: str,
    *,
    method: str | Scorer = "lexical",
    equivalent: float = DEFAULT_EQUIVALENT,
    partial: float | None = None,
    margin: float = DEFAULT_MARGIN,
    k: int = DEFAULT_K,
    merges: bool | None = None,
) -> Alignment:
    """Align the sentences of articles *a* and *b* of *corpus* (an :class:`analysis.corpus.loader.Corpus`).

    All sentences take part, headings and summary-box items included (the pairs name their
    block types). An article without body sentences gives an empty alignment (every sentence
    unmatched). Keyword arguments as in :func:`align_sentences`. Raises
    :class:`~analysis.errors.AlignmentError` for an unknown article id or method.
    """
    scorer = get_scorer(method)
    a_sentences = _article_sentences(corpus, a)
    b_sentences = _article_sentences(corpus, b)
    no_body = [
        side
        for side, table in ((a, a_sentences), (b, b_sentences))
        if "is_body" in table.columns and not table["is_body"].any()
    ]
    if no_body:
        logger.warning("article %s has no body sentences; nothing to align", no_body[0])
        empty = align_sentences(
            a_sentences.iloc[:0], b_sentences.iloc[:0], method=scorer, partial=partial
        )
        return Alignment(
            pairs=empty.pairs,
            unmatched_a=a_sentences.reset_index(drop=True),
            unmatched_b=b_sentences.reset_index(drop=True),
            similarity=np.zeros((len(a_sentences), len(b_sentences))),
            method=scorer.name,
        )
    return align_sentences(
        a_sentences,
        b_sentences,
        method=scorer,
        equivalent=equivalent,
        partial=partial,
        margin=margin,
        k=k,
        merges=merges,
    )


def align_event(
    corpus: Corpus,
    event: str,
    *,
    method: str | Scorer = "lexical",
    equivalent: float = DEFAULT_EQUIVALENT,
    partial: float | None = None,
    margin: float = DEFAULT_MARGIN,
    k: int = DEFAULT_K,
    merges: bool | None = None,
) -> dict[tuple[str, str], Alignment]:
    """Align every pair of articles of *event*: ``{(a, b): Alignment}``.

    Pairs follow the order of ``corpus.articles`` (``a`` before ``b``); each pair is aligned
    as by :func:`align_articles` with the same keyword arguments. Raises
    :class:`~analysis.errors.AlignmentError` for an unknown event or method.
    """
    scorer = get_scorer(method)
    articles = corpus.articles
    ids = articles.loc[articles["event"] == event, "id"].astype(str).tolist()
    if not ids:
        known = ", ".join(sorted(set(map(str, articles["event"]))))
        raise AlignmentError(f"unknown event {event!r}; use one of: {known}")
    return {
        (a, b): align_articles(
            corpus,
            a,
            b,
            method=scorer,
            equivalent=equivalent,
            partial=partial,
            margin=margin,
            k=k,
            merges=merges,
        )
        for a, b in itertools.combinations(ids, 2)
    }
