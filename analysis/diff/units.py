"""Information units of an event that cannot chain, and omission of shared units.

Units are complete-linkage clusters of aligned sentences; omission follows the media-bias
definition (Entman 2007; Hamborg, Donnay & Gipp 2019). Method: ``docs/methods.md``, section 17.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import AnalysisError

__all__ = [
    "MEMBER_COLUMNS",
    "OMISSION_COUNT_COLUMNS",
    "UNIT_COLUMNS",
    "InformationUnits",
    "default_k",
    "information_units",
    "length_adjusted",
    "omission_counts",
]

logger = logging.getLogger(__name__)

#: One row per unit: ``unit`` (0, 1, ... in order of the smallest member ``(article,
#: sentence)``); ``n_sentences`` (members, 1..bound); ``n_articles`` (articles reporting it, equal
#: to ``n_sentences``: a unit holds at most one sentence per article); ``articles`` (sorted,
#: ``;``-joined); ``members`` (``article:sentence``, ``;``-joined); ``link`` (the lowest pair
#: probability between two members, 0..1, NaN for one sentence); ``text`` (first member's text).
UNIT_COLUMNS = ["unit", "n_sentences", "n_articles", "articles", "members", "link", "text"]
#: One row per member sentence: ``unit``, ``article``, ``sentence``, ``text``.
MEMBER_COLUMNS = ["unit", "article", "sentence", "text"]
#: Per article: ``article``; ``k`` (other articles that must report a unit for it to be shared);
#: ``n_units`` (units of the event); ``n_units_reported`` (units with a sentence of the
#: article); ``n_shared`` (units at least k other articles report); ``n_shared_omitted`` (of
#: those, the ones this article leaves out); ``shared_omission_rate`` (n_shared_omitted /
#: n_shared, 0..1, NaN when nothing is shared); ``n_exclusive`` (units only this article
#: reports); ``exclusive_share`` (n_exclusive / n_units_reported, 0..1, NaN for no unit);
#: ``unit_coverage_share`` (n_units_reported / n_units, 0..1).
OMISSION_COUNT_COLUMNS = [
    "article",
    "k",
    "n_units",
    "n_units_reported",
    "n_shared",
    "n_shared_omitted",
    "shared_omission_rate",
    "n_exclusive",
    "exclusive_share",
    "unit_coverage_share",
]


@dataclass(frozen=True)
class InformationUnits:
    """The information units of one event.

    Parameters
    ----------
    units : pandas.DataFrame
        :data:`UNIT_COLUMNS`, one row per unit.
    members : pandas.DataFrame
        :data:`MEMBER_COLUMNS`, one row per sentence (every body sentence is in one unit).
    """

    units: pd.DataFrame
    members: pd.DataFrame


def _nodes(sentences: pd.DataFrame) -> pd.DataFrame:
    missing = {"article", "sentence", "text"} - set(sentences.columns)
    if missing:
        raise AnalysisError(f"the sentences table lacks {sorted(missing)}; pass Corpus.sentences")
    nodes = sentences
    if "is_body" in nodes.columns:
        nodes = nodes[nodes["is_body"].astype(bool)]
    nodes = nodes[["article", "sentence", "text"]].astype({"article": str, "sentence": "int64"})
    return nodes.sort_values(["article", "sentence"], kind="stable").reset_index(drop=True)


def _match_matrix(pairs: pd.DataFrame, keys: list[tuple[str, int]], min_probability: float):
    """Pair probabilities between nodes; -inf where two sentences are no aligned pair."""
    index = {k: i for i, k in enumerate(keys)}
    weights = np.full((len(keys), len(keys)), -np.inf)
    if len(pairs):
        kept = pairs[pairs["probability"].astype(float) >= min_probability]
        for aa, sa, ba, sb, p in zip(
            kept["a_article"].astype(str),
            kept["a_sentence"].astype(int),
            kept["b_article"].astype(str),
            kept["b_sentence"].astype(int),
            kept["probability"].astype(float),
            strict=True,
        ):
            i, j = index.get((aa, sa)), index.get((ba, sb))
            if i is not None and j is not None and aa != ba:
                weights[i, j] = weights[j, i] = max(weights[i, j], p)
    return weights


def _complete_linkage(weights: np.ndarray, bound: int) -> np.ndarray:
    """Cluster label per node: merge the best-linked clusters while every cross pair matches."""
    n = len(weights)
    labels = np.arange(n)
    active = np.flatnonzero(np.isfinite(weights).any(axis=1))
    link = weights[np.ix_(active, active)].copy()
    size = np.ones(len(active), dtype=np.int64)
    while len(active):
        flat = int(np.argmax(link))
        i, j = divmod(flat, len(active))
        if not np.isfinite(link[i, j]):
            break
        i, j = min(i, j), max(i, j)
        if size[i] + size[j] > bound:
            link[i, j] = link[j, i] = -np.inf
            continue
        link[i] = np.minimum(link[i], link[j])  # complete linkage: the weakest cross pair
        link[:, i] = link[i]
        link[i, i] = -np.inf
        link[j] = -np.inf
        link[:, j] = -np.inf
        size[i] += size[j]
        labels[labels == active[j]] = active[i]
    return labels


def information_units(
    pairs: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    min_probability: float = 0.0,
    max_size: int | None = None,
) -> InformationUnits:
    """Cluster the aligned sentences of one event into information units by complete linkage.

    Two clusters merge only when every sentence of one is aligned with every sentence of the
    other (the link of two clusters is their weakest pair probability; the best-linked clusters
    merge first), so units never chain: A~B and B~C without A~C give two units. Sentences of one
    article are never aligned with each other, so a unit holds at most one sentence per article
    and its size is bounded by the number of articles in the event.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The aligned pairs of every article pair of the event (``Alignment.pairs`` stacked;
        ``a_article``, ``a_sentence``, ``b_article``, ``b_sentence``, ``probability``).
    sentences : pandas.DataFrame
        The event's sentences (``Corpus.sentences``); only body sentences (``is_body``) are
        clustered when the column is present.
    min_probability : float, optional
        Pairs below this calibrated probability (0..1) do not count as a match; the default
        counts every aligned pair.
    max_size : int, optional
        Largest unit; default (and at most) the number of articles of the event.

    Returns
    -------
    InformationUnits
        The units (:data:`UNIT_COLUMNS`) and their members (:data:`MEMBER_COLUMNS`).

    Raises
    ------
    AnalysisError
        When *min_probability* is out of [0, 1], *max_size* < 1, or a table lacks a column.
    """
    if not 0.0 <= min_probability <= 1.0:
        raise AnalysisError(f"min_probability={min_probability} is out of range; use [0, 1]")
    if max_size is not None and max_size < 1:
        raise AnalysisError(f"max_size={max_size} is too small; use max_size >= 1")
    nodes = _nodes(sentences)
    keys = list(zip(nodes["article"], nodes["sentence"].tolist(), strict=True))
    n_articles = nodes["article"].nunique()
    bound = n_articles if max_size is None else min(max_size, n_articles)
    weights = _match_matrix(pairs, keys, min_probability)
    labels = _complete_linkage(weights, max(bound, 1))
    _, first, unit_of_node = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # number units by their smallest member
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    members = nodes.assign(unit=rank[unit_of_node].astype("int64"))[MEMBER_COLUMNS]
    rows = []
    for unit, group in members.groupby("unit", sort=True):
        idx = group.index.to_numpy()
        inner = weights[np.ix_(idx, idx)][np.triu_indices(len(idx), 1)]
        rows.append(
            [
                int(unit),
                len(group),
                group["article"].nunique(),
                ";".join(sorted(set(group["article"]))),
                ";".join(
                    f"{a}:{s}" for a, s in zip(group["article"], group["sentence"], strict=True)
                ),
                float(inner.min()) if len(inner) else np.nan,
                str(group["text"].iloc[0]),
            ]
        )
    units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    logger.info("%d sentences in %d units (bound %d)", len(members), len(units), bound)
    return InformationUnits(units=units, members=members.reset_index(drop=True))


def default_k(n_articles: int) -> int:
    """Other articles that must report a unit for its absence to be an omission, by default.

    Parameters
    ----------
    n_articles : int
        Articles of the event.

    Returns
    -------
    int
        All the others in events of two or three articles (1 or 2), 2 in larger events.
    """
    return max(1, min(n_articles - 1, 2))


def omission_counts(
    members: pd.DataFrame, articles: Sequence[str], *, k: int | None = None
) -> pd.DataFrame:
    """Count the shared units each article omits and the units only it reports.

    A unit is *shared* for an article when at least *k* other articles of the event report it;
    the article *omits* it when it has no sentence in it (omission as a form of media bias:
    Entman 2007; Hamborg, Donnay & Gipp 2019).

    Parameters
    ----------
    members : pandas.DataFrame
        :data:`MEMBER_COLUMNS` of :func:`information_units`.
    articles : sequence of str
        Every article of the event (an article with no body sentence reports no unit).
    k : int, optional
        Other articles needed; default :func:`default_k`, at most the number of others.

    Returns
    -------
    pandas.DataFrame
        :data:`OMISSION_COUNT_COLUMNS`, one row per article in the order given.

    Raises
    ------
    AnalysisError
        When *k* < 1.
    """
    if k is not None and k < 1:
        raise AnalysisError(f"k={k} other articles is not possible; use k >= 1")
    ids = [str(a) for a in articles]
    need = default_k(len(ids)) if k is None else min(k, max(len(ids) - 1, 1))
    reported = (
        pd.crosstab(members["unit"], members["article"].astype(str)).reindex(
            columns=ids, fill_value=0
        )
        > 0
    )
    n_reporting = reported.sum(axis=1)
    n_units = len(reported)
    rows = []
    for article in ids:
        mine = reported[article]
        shared = (n_reporting - mine.astype(int)) >= need
        n_shared = int(shared.sum())
        omitted = int((shared & ~mine).sum())
        n_mine = int(mine.sum())
        exclusive = int((mine & (n_reporting == 1)).sum())
        rows.append(
            [
                article,
                need,
                n_units,
                n_mine,
                n_shared,
                omitted,
                omitted / n_shared if n_shared else np.nan,
                exclusive,
                exclusive / n_mine if n_mine else np.nan,
                n_mine / n_units if n_units else np.nan,
            ]
        )
    return pd.DataFrame(rows, columns=OMISSION_COUNT_COLUMNS)


def length_adjusted(values: pd.Series, lengths: pd.DataFrame) -> pd.Series:
    """Residuals of an ordinary least-squares fit of *values* on the logs of length measures.

    Parameters
    ----------
    values : pandas.Series
        A per-article measure (NaN allowed).
    lengths : pandas.DataFrame
        Length measures on the same index, one per column (for example body sentences and the
        article's share of its event's body sentences), each > 0.

    Returns
    -------
    pandas.Series
        ``value - (b0 + sum_i b_i log length_i)`` fitted over the rows with a finite value and
        positive lengths (mean 0 there, uncorrelated with every log length); NaN elsewhere.
        Collinear or constant lengths are handled by the least-squares solution of least norm.
    """
    x = np.log(lengths.where(lengths > 0).astype(float)).to_numpy()
    y = values.astype(float).to_numpy()
    ok = np.isfinite(x).all(axis=1) & np.isfinite(y)
    out = np.full(len(y), np.nan)
    if ok.any():
        design = np.column_stack([np.ones(int(ok.sum())), x[ok]])
        beta, *_ = np.linalg.lstsq(design, y[ok], rcond=None)
        out[ok] = y[ok] - design @ beta
    return pd.Series(out, index=values.index, name=values.name)
