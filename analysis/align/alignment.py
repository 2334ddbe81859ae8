"""Sentence alignment between two articles: order-free, many-to-many, equivalent or partial.

The ratio margin (Artetxe & Schwenk 2019) and the one acceptance rule of every pair are in
``docs/methods.md``, section 2.
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
    "accepted",
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

    Parameters
    ----------
    pairs : pandas.DataFrame
        One row per aligned sentence pair, sorted by ``a_sentence`` then ``b_sentence``, columns
        :data:`PAIR_COLUMNS`: ``a_article``, ``b_article`` (str); ``a_sentence``, ``b_sentence``
        (int, ``Corpus.sentences.sentence``); ``a_text``, ``b_text``; ``similarity`` (0..1);
        ``relation`` (``equivalent`` or ``partial``); ``a_block_type``, ``b_block_type``
        (``""`` when the input table has none); ``probability`` (0..1, calibrated probability of
        the same statement); ``margin`` (>= 0, the ratio margin). Every row has ``similarity >=
        partial`` and ``margin >= margin``.
    unmatched_a, unmatched_b : pandas.DataFrame
        The sentence rows of each side that are in no pair (columns of the tables given).
    similarity : numpy.ndarray
        The full graded similarity matrix, shape ``(len(a sentences), len(b sentences))``, rows
        and columns in the order of the sentence tables.
    method : str
        The scorer's name.
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
    """Compute the ratio margin (Artetxe & Schwenk 2019) of every cell of a similarity matrix.

    Each score is divided by the mean of (the mean of the row's *k* highest scores) and (the
    mean of the column's *k* highest scores); *k* is capped at the row / column length.

    Parameters
    ----------
    similarity : numpy.ndarray
        Graded similarities, shape ``(n_a, n_b)``, values >= 0.
    k : int, optional
        Nearest neighbours in the margin, >= 1.

    Returns
    -------
    numpy.ndarray
        Float64 margins of the same shape, >= 0; cells whose neighbourhood scores are all zero
        get 0.

    Raises
    ------
    AlignmentError
        When *k* < 1.
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


def accepted(
    similarity: np.ndarray, margins: np.ndarray, *, partial: float, margin: float
) -> np.ndarray:
    """Apply the one acceptance rule of every aligned pair (``docs/methods.md``, section 2).

    Parameters
    ----------
    similarity, margins : numpy.ndarray
        Graded similarity (0..1) and ratio margin (>= 0) of the same pairs, any equal shapes.
    partial : float
        Similarity a pair needs (0..1).
    margin : float
        Ratio margin a pair needs (>= 0).

    Returns
    -------
    numpy.ndarray
        Boolean, the shape of *similarity*: ``similarity >= partial``, ``margins >= margin`` and
        ``similarity > 0``.
    """
    return (similarity >= partial) & (margins >= margin) & (similarity > 0)


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
    """Align two sentence tables, without a :class:`~analysis.corpus.loader.Corpus`.

    The inputs are not modified.

    Parameters
    ----------
    a_sentences, b_sentences : pandas.DataFrame
        Rows of ``Corpus.sentences``: ``article``, ``sentence``, ``text``, optionally
        ``block_type``.
    method : str or Scorer, optional
        A name of :data:`analysis.align.scorers.METHODS` or a scorer object.
    equivalent : float, optional
        Probability (0..1) at or above which a kept pair is ``equivalent``.
    partial : float, optional
        Similarity (0..1) a pair needs to be kept; None takes the scorer's STS-calibrated
        :data:`~analysis.align.scorers.DETAIL_THRESHOLDS` value.
    margin : float, optional
        Minimum ratio margin, >= 0.
    k : int, optional
        Neighbours in the margin, >= 1.
    merges : bool, optional
        Accepted for existing configurations, without effect (every pair passes
        :func:`accepted`).

    Returns
    -------
    Alignment
        The pairs (see :class:`Alignment`), the unmatched rows of each side and the full
        similarity matrix.

    Raises
    ------
    AlignmentError
        For an unknown method, a table without the needed columns or a threshold out of range.
    """
    del merges  # no effect: every pair passes the one rule of `accepted`
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
    keep = accepted(similarity, margins, partial=partial, margin=margin)
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
    """Align the sentences of two articles of a corpus.

    All sentences take part, headings and summary-box items included (the pairs name their
    block types). An article without body sentences gives an empty alignment (every sentence
    unmatched).

    Parameters
    ----------
    corpus : Corpus
        An :class:`analysis.corpus.loader.Corpus`.
    a, b : str
        Article ids of sides A and B.
    method, equivalent, partial, margin, k, merges : optional
        As in :func:`align_sentences`.

    Returns
    -------
    Alignment
        The alignment of *a* and *b*.

    Raises
    ------
    AlignmentError
        For an unknown article id or method, or a threshold out of range.
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
    """Align every pair of articles of one event.

    Parameters
    ----------
    corpus : Corpus
        An :class:`analysis.corpus.loader.Corpus`.
    event : str
        Event name.
    method, equivalent, partial, margin, k, merges : optional
        As in :func:`align_sentences`.

    Returns
    -------
    dict of (str, str) to Alignment
        ``{(a, b): Alignment}`` for every pair, in the order of ``corpus.articles`` (``a``
        before ``b``), each aligned as by :func:`align_articles`.

    Raises
    ------
    AlignmentError
        For an unknown event or method, or a threshold out of range.
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
