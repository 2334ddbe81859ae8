"""Evaluation of a sentence alignment against a human gold alignment with sure/possible pairs.

The scores (Och & Ney 2003) and the gold's conventions are in ``docs/methods.md``, section 2.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.align.alignment import A_ARTICLE, A_SENTENCE, B_ARTICLE, B_SENTENCE, align_articles
from analysis.align.scorers import Scorer
from analysis.corpus.loader import MAX_FILE_BYTES
from analysis.errors import AnalysisError

if TYPE_CHECKING:
    from analysis.corpus.loader import Corpus

__all__ = [
    "F1",
    "GOLD_COLUMNS",
    "LABEL",
    "N_CORRECT",
    "N_POSSIBLE",
    "N_PREDICTED",
    "N_SURE",
    "N_SURE_FOUND",
    "POSSIBLE",
    "PRECISION",
    "RECALL",
    "SURE",
    "GoldError",
    "evaluate_alignment",
    "read_gold",
    "score_alignment",
]

logger = logging.getLogger(__name__)

LABEL = "label"
SURE = "sure"
POSSIBLE = "possible"
GOLD_COLUMNS: tuple[str, ...] = (A_ARTICLE, B_ARTICLE, A_SENTENCE, B_SENTENCE, LABEL)

N_PREDICTED = "n_predicted"
N_SURE = "n_sure"
N_POSSIBLE = "n_possible"
N_CORRECT = "n_correct"
N_SURE_FOUND = "n_sure_found"
PRECISION = "precision"
RECALL = "recall"
F1 = "f1"

_KEY = [A_ARTICLE, B_ARTICLE, A_SENTENCE, B_SENTENCE]
# A sentence index: a whole number from 0 (``3`` or ``3.0``), of at most 18 digits.
_INDEX = re.compile(r"\+?(\d{1,18})(?:\.0*)?")


class GoldError(AnalysisError):
    """A gold alignment file cannot be read (an :class:`~analysis.errors.AnalysisError`)."""


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold alignment TSV.

    Parameters
    ----------
    path : str or Path
        Tab-separated file, one row per gold pair, with the columns :data:`GOLD_COLUMNS`:
        ``a_article``, ``b_article``, ``a_sentence``, ``b_sentence`` (sentence indices as in
        ``Corpus.sentences``) and ``label`` (``sure`` or ``possible``). Other columns (``a_text``,
        ``b_text`` for the reader) are kept but not used.

    Returns
    -------
    pandas.DataFrame
        The file's rows, sentence indices as int64, every other column as str.

    Raises
    ------
    GoldError
        For a missing, empty, oversized or non-UTF-8 file, a repeated or missing column, a row
        with more or fewer fields than the header, no pairs, a label other than
        ``sure``/``possible``, a sentence index that is not a whole number from 0 or a pair
        listed twice.
    """
    path = Path(path)
    header, rows = _gold_rows(path)
    gold = pd.DataFrame(rows, columns=header, dtype=str)
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise GoldError(
            f"gold file {path} lacks column(s) {', '.join(missing)}; "
            f"it needs {', '.join(GOLD_COLUMNS)}"
        )
    bad = sorted(set(gold[LABEL]) - {SURE, POSSIBLE})
    if bad:
        raise GoldError(f"gold file {path} has label(s) {bad}; use 'sure' or 'possible'")
    for column in (A_SENTENCE, B_SENTENCE):
        matches = [_INDEX.fullmatch(value.strip()) for value in gold[column]]
        bad = [value for value, match in zip(gold[column], matches, strict=True) if not match]
        if bad:
            raise GoldError(
                f"gold file {path}: {column} {bad[0][:30]!r} is not a sentence index "
                "(a whole number from 0)"
            )
        gold[column] = pd.Series([int(m.group(1)) for m in matches if m], dtype="int64")
    duplicated = gold.duplicated(_KEY)
    if duplicated.any():
        row = gold.loc[duplicated, _KEY].iloc[0].tolist()
        raise GoldError(f"gold file {path} lists the pair {row} twice; keep one row per pair")
    return gold


def _gold_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Read the header and rows of a gold TSV, checked to be UTF-8 text of equal-length rows."""
    if not path.is_file():
        raise GoldError(f"gold file {path} does not exist; pass a TSV of sure/possible pairs")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise GoldError(
            f"gold file {path} is over {MAX_FILE_BYTES // 2**20} MiB; a gold alignment is a "
            "small TSV of sentence pairs"
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError(
            f"gold file {path} is not UTF-8 text (byte {data[exc.start]:#04x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None
    lines = [(n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"), start=1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    if not lines:
        raise GoldError(
            f"gold file {path} is empty; it needs a header row ({', '.join(GOLD_COLUMNS)}) "
            "and one row per pair"
        )
    header = lines[0][1].split("\t")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise GoldError(f"gold file {path} repeats the column(s) {', '.join(repeated)}")
    rows = []
    for n, line in lines[1:]:
        row = line.split("\t")
        if len(row) != len(header):
            raise GoldError(
                f"gold file {path}, line {n}: {len(row)} fields where the header has "
                f"{len(header)}; separate the columns by single tabs"
            )
        rows.append(row)
    if not rows:
        raise GoldError(f"gold file {path} has a header but no pairs; add one row per pair")
    return header, rows


def _keys(table: pd.DataFrame) -> set[tuple[str, str, int, int]]:
    return {
        (str(a), str(b), int(i), int(j))
        for a, b, i, j in table[_KEY].itertuples(index=False, name=None)
    }


def score_alignment(pred_pairs: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Score predicted pairs against a gold alignment: precision, recall, F1 (Och & Ney 2003).

    Only the article pairs that occur in the gold are scored: predictions for other article
    pairs are ignored. A gold pair given the other way round (b, a) counts for the swapped
    prediction.

    Parameters
    ----------
    pred_pairs : pandas.DataFrame
        Rows with ``a_article, b_article, a_sentence, b_sentence`` (for example
        ``Alignment.pairs``).
    gold : pandas.DataFrame
        A table from :func:`read_gold`.

    Returns
    -------
    pandas.DataFrame
        One row: ``n_predicted``, ``n_sure``, ``n_possible`` (counts; ``n_possible`` counts sure
        pairs too), ``n_correct`` (predicted pairs in P), ``n_sure_found`` (predicted pairs in
        S), ``precision``, ``recall``, ``f1`` (0..1; precision is 0 when nothing was predicted,
        recall 0 when the gold has no sure pair).
    """
    gold_articles = {(str(a), str(b)) for a, b in gold[[A_ARTICLE, B_ARTICLE]].itertuples(False)}
    sure = _keys(gold.loc[gold[LABEL] == SURE])
    possible = _keys(gold)
    predicted = set()
    for a, b, i, j in _keys(pred_pairs):
        if (a, b) in gold_articles:
            predicted.add((a, b, i, j))
        elif (b, a) in gold_articles:
            predicted.add((b, a, j, i))
    n_correct = len(predicted & possible)
    n_sure_found = len(predicted & sure)
    precision = n_correct / len(predicted) if predicted else 0.0
    recall = n_sure_found / len(sure) if sure else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return pd.DataFrame(
        [
            {
                N_PREDICTED: len(predicted),
                N_SURE: len(sure),
                N_POSSIBLE: len(possible),
                N_CORRECT: n_correct,
                N_SURE_FOUND: n_sure_found,
                PRECISION: precision,
                RECALL: recall,
                F1: f1,
            }
        ]
    )


def evaluate_alignment(
    corpus: Corpus,
    gold_path: str | Path,
    *,
    method: str | Scorer = "lexical",
) -> pd.DataFrame:
    """Align every article pair named in the gold file and score the result.

    Parameters
    ----------
    corpus : Corpus
        The corpus holding the gold's articles.
    gold_path : str or Path
        A gold alignment TSV, as for :func:`read_gold`.
    method : str or Scorer, optional
        Similarity scorer, as in :func:`~analysis.align.alignment.align_articles`.

    Returns
    -------
    pandas.DataFrame
        One row per article pair of the gold (``a_article``, ``b_article``, then the
        :func:`score_alignment` columns) and, when the gold covers more than one pair, a last
        row with ``a_article == "all"`` pooling all pairs (micro-averaged).

    Raises
    ------
    AnalysisError
        For a bad gold file (:class:`GoldError`), or an article id or method the aligner does
        not know (:class:`~analysis.errors.AlignmentError`).
    """
    gold = read_gold(gold_path)
    rows = []
    all_pairs = []
    for (a, b), part in gold.groupby([A_ARTICLE, B_ARTICLE], sort=False):
        alignment = align_articles(corpus, str(a), str(b), method=method)
        all_pairs.append(alignment.pairs)
        scores = score_alignment(alignment.pairs, part)
        scores.insert(0, B_ARTICLE, str(b))
        scores.insert(0, A_ARTICLE, str(a))
        rows.append(scores)
        logger.info("%s vs %s: F1 %.3f", a, b, scores[F1].iloc[0])
    if len(rows) > 1:
        pooled = score_alignment(pd.concat(all_pairs, ignore_index=True), gold)
        pooled.insert(0, B_ARTICLE, "all")
        pooled.insert(0, A_ARTICLE, "all")
        rows.append(pooled)
    return pd.concat(rows, ignore_index=True)
