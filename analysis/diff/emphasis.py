"""Emphasis: what each article puts first, elaborates most, and where its shared content sits.

The parts of an article, information units and placement test are in ``docs/methods.md``,
section 9.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from analysis.diff.resampling import (
    DEFAULT_N_RESAMPLES,
    DEFAULT_SEED,
    bootstrap_mean_ci,
    permutation_pvalue,
)
from analysis.errors import ConfigError
from analysis.text.normalize import word_count

__all__ = [
    "EMPHASIS_COLUMNS",
    "PARTS",
    "UNIT_COLUMNS",
    "emphasis",
    "information_units",
    "sentence_parts",
]

logger = logging.getLogger(__name__)

#: Parts of the emphasis table, in order.
PARTS = ("headline", "lead", "first_third", "body", "shared", "unshared")
_PROMINENCE = {"headline": 0, "lead": 1, "first_third": 2, "body": 3}
UNIT_COLUMNS = [
    "unit",
    "shared",
    "a_sentences",
    "b_sentences",
    "a_words",
    "b_words",
    "a_share",
    "b_share",
    "a_position",
    "b_position",
    "a_part",
    "b_part",
    "a_text",
    "b_text",
]
EMPHASIS_COLUMNS = [
    "article",
    "part",
    "n_sentences",
    "n_words",
    "share_words",
    "n_shared",
    "share_shared",
    "mean_position",
    "ci_low",
    "ci_high",
    "p_value",
    "units",
    "text",
    "n_resamples",
    "seed",
]
_SENTENCE_COLUMNS = ("article", "sentence", "block_type", "is_body", "position", "text")


def _check_sentences(sentences: pd.DataFrame, articles: tuple[str, ...]) -> None:
    missing = [col for col in _SENTENCE_COLUMNS if col not in sentences.columns]
    if missing:
        raise ConfigError(f"sentences lack the column(s) {missing}; pass Corpus.sentences")
    known = set(sentences["article"].astype(str))
    for article in articles:
        if article not in known:
            raise ConfigError(f"article {article!r} has no sentences; use one of {sorted(known)}")


def sentence_parts(sentences: pd.DataFrame, *, n_lead: int = 3) -> pd.DataFrame:
    """Label every sentence with the most prominent part of its article it belongs to.

    The input is not modified.

    Parameters
    ----------
    sentences : pandas.DataFrame
        Rows of ``Corpus.sentences`` (``article``, ``block_type``, ``is_body``).
    n_lead : int, optional
        Body sentences counted as the lead, >= 1.

    Returns
    -------
    pandas.DataFrame
        The sentences with three added columns: ``part`` (``headline``, ``lead``,
        ``first_third``, ``body``, or the block type of other non-body sentences),
        ``in_lead`` and ``in_first_third`` (bool; the first third of the body by count, lead
        included).

    Raises
    ------
    ConfigError
        When *n_lead* < 1.
    """
    if n_lead < 1:
        raise ConfigError(f"n_lead={n_lead} must be at least 1")
    body = sentences["is_body"].astype(bool)
    by_article = body.groupby(sentences["article"], sort=False)
    rank = by_article.cumsum() - 1
    third = by_article.transform("sum").map(lambda n: math.ceil(n / 3))
    in_lead = body & (rank < n_lead)
    in_third = body & (rank < third)
    part = np.select(
        [sentences["block_type"] == "headline", in_lead, in_third, body],
        ["headline", "lead", "first_third", "body"],
        default=sentences["block_type"].astype(str),
    )
    return sentences.assign(part=part, in_lead=in_lead, in_first_third=in_third)


def _words(sentences: pd.DataFrame) -> pd.Series:
    if "n_words" in sentences.columns:
        return sentences["n_words"].astype(int)
    return sentences["text"].astype(str).map(word_count)


def information_units(
    pairs: pd.DataFrame, sentences: pd.DataFrame, *, a: str, b: str, n_lead: int = 3
) -> pd.DataFrame:
    """Group the sentences of articles *a* and *b* into information units through the alignment.

    A unit is a connected component of the bipartite graph of aligned pairs; a sentence with no
    pair is a unit of its own.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Aligned pairs with ``a_sentence`` and ``b_sentence`` (and ``a_article``/``b_article``,
        which must be *a*/*b* if present), e.g. ``Alignment.pairs``.
    sentences : pandas.DataFrame
        ``Corpus.sentences``; rows of other articles are ignored.
    a, b : str
        The two article ids.
    n_lead : int, optional
        Body sentences counted as the lead.

    Returns
    -------
    pandas.DataFrame
        One row per unit, columns :data:`UNIT_COLUMNS`: ``unit`` (0-based, in reading order of
        *a* then *b*); ``shared`` (bool: both articles have it); ``a_sentences``,
        ``b_sentences`` (``;``-joined sentence numbers); ``a_words``, ``b_words``; ``a_share``,
        ``b_share`` (share of the article's words, 0..1); ``a_position``, ``b_position``
        (earliest relative position, 0..1, NaN when absent); ``a_part``, ``b_part`` (most
        prominent part the unit reaches: headline > lead > first_third > body > other);
        ``a_text``, ``b_text`` (its first sentence).

    Raises
    ------
    ConfigError
        For missing columns, an article without sentences, or pairs of other articles.
    """
    _check_sentences(sentences, (a, b))
    for col in ("a_sentence", "b_sentence"):
        if col not in pairs.columns:
            raise ConfigError(f"pairs lack the column {col!r}; pass Alignment.pairs")
    if (
        "a_article" in pairs.columns
        and len(pairs)
        and (
            set(pairs["a_article"].astype(str)) != {a} or set(pairs["b_article"].astype(str)) != {b}
        )
    ):
        raise ConfigError(f"pairs are not between {a!r} and {b!r}; align those two articles")
    parts = sentence_parts(sentences[sentences["article"].astype(str).isin([a, b])], n_lead=n_lead)
    sa = parts[parts["article"].astype(str) == a].reset_index(drop=True)
    sb = parts[parts["article"].astype(str) == b].reset_index(drop=True)
    a_row = {int(s): i for i, s in enumerate(sa["sentence"])}
    b_row = {int(s): i for i, s in enumerate(sb["sentence"])}
    edges = [
        (a_row[int(x)], len(sa) + b_row[int(y)])
        for x, y in zip(pairs["a_sentence"], pairs["b_sentence"], strict=True)
        if int(x) in a_row and int(y) in b_row
    ]
    n = len(sa) + len(sb)
    rows_, cols_ = (list(t) for t in zip(*edges, strict=True)) if edges else ([], [])
    graph = coo_matrix((np.ones(len(rows_)), (rows_, cols_)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    # renumber components in reading order: a's sentences first, then b's
    renumber: dict[int, int] = {}
    for label in labels:
        renumber.setdefault(int(label), len(renumber))
    words_a, words_b = _words(sa), _words(sb)
    total_a, total_b = max(int(words_a.sum()), 1), max(int(words_b.sum()), 1)
    units: dict[int, dict[str, list[int]]] = {}
    for i, label in enumerate(labels):
        side = "a" if i < len(sa) else "b"
        units.setdefault(renumber[int(label)], {"a": [], "b": []})[side].append(
            i if side == "a" else i - len(sa)
        )
    # Plain lists: per-unit lookups stay cheap for articles with thousands of sentences.
    columns = {
        side: {
            "sentence": [int(v) for v in table["sentence"]],
            "position": table["position"].to_numpy(dtype=float),
            "part": list(table["part"]),
            "text": [str(v) for v in table["text"]],
            "words": words.to_numpy(dtype=float),
        }
        for side, table, words in (("a", sa, words_a), ("b", sb, words_b))
    }
    names = {v: k for k, v in _PROMINENCE.items()}
    rows = []
    for unit in sorted(units):
        members = units[unit]
        record: dict[str, object] = {"unit": unit, "shared": bool(members["a"] and members["b"])}
        for side, total in (("a", total_a), ("b", total_b)):
            idx = members[side]
            data: dict[str, Any] = columns[side]
            n_words = float(sum(data["words"][i] for i in idx))
            record[f"{side}_sentences"] = ";".join(str(data["sentence"][i]) for i in idx)
            record[f"{side}_words"] = int(n_words)
            record[f"{side}_share"] = n_words / total
            record[f"{side}_position"] = (
                float(min(data["position"][i] for i in idx)) if idx else float("nan")
            )
            ranks = [_PROMINENCE.get(data["part"][i], len(_PROMINENCE)) for i in idx]
            best = min(ranks, default=None)
            record[f"{side}_part"] = "" if best is None else names.get(best, "other")
            record[f"{side}_text"] = data["text"][idx[0]] if idx else ""
        rows.append(record)
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def emphasis(
    sentences: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    a: str,
    b: str,
    n_lead: int = 3,
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Measure the headline, lead, first third and placement of shared content of two articles.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``Corpus.sentences`` (``article``, ``sentence``, ``block_type``, ``is_body``,
        ``position``, ``text``); rows of other articles are ignored.
    pairs : pandas.DataFrame
        Aligned pairs of *a* and *b*, as for :func:`information_units`.
    a, b : str
        The two article ids.
    n_lead : int, optional
        Body sentences counted as the lead.
    confidence_level, n_resamples, seed : optional
        Resampling settings, as in :func:`~analysis.diff.resampling.bootstrap_mean_ci`.

    Returns
    -------
    pandas.DataFrame
        ``emphasis.csv``, for each article one row per part in :data:`PARTS` order, columns
        :data:`EMPHASIS_COLUMNS`: ``article``, ``part`` (headline, lead, first_third, body,
        shared, unshared; ``shared`` = body sentences aligned with the other article);
        ``n_sentences``, ``n_words``; ``share_words`` (of the article's body words; the
        headline is outside the body); ``n_shared``, ``share_shared`` (sentences of the part
        aligned with the other article); ``mean_position`` with ``ci_low``, ``ci_high`` (mean
        relative position, 0 = top, 1 = end, with a bootstrap interval); ``p_value`` (only on
        ``shared`` rows: permutation test that shared and unshared body sentences sit at the
        same mean position; NaN elsewhere); ``units`` (units in the part, most words first);
        ``text`` (headline and lead text, ``""`` for other parts); ``n_resamples``, ``seed``.

    Raises
    ------
    ConfigError
        For missing columns, an article without sentences, or pairs of other articles.
    """
    units = information_units(pairs, sentences, a=a, b=b, n_lead=n_lead)
    parts = sentence_parts(sentences[sentences["article"].astype(str).isin([a, b])], n_lead=n_lead)
    parts = parts.assign(_words=_words(parts))
    rows = []
    for side, article in (("a", a), ("b", b)):
        table = parts[parts["article"].astype(str) == article]
        unit_of: dict[int, int] = {}
        unit_words: dict[int, int] = {}
        for unit, cell, words in zip(
            units["unit"], units[f"{side}_sentences"], units[f"{side}_words"], strict=True
        ):
            for s in filter(None, cell.split(";")):
                unit_of[int(s)] = int(unit)
            unit_words[int(unit)] = int(words)
        shared_units = set(units.loc[units["shared"], "unit"].astype(int))
        shared = pd.Series(
            [unit_of.get(int(s)) in shared_units for s in table["sentence"]], index=table.index
        )
        body = table["is_body"].astype(bool)
        body_words = max(int(table.loc[body, "_words"].sum()), 1)
        masks = {
            "headline": table["block_type"] == "headline",
            "lead": table["in_lead"],
            "first_third": table["in_first_third"],
            "body": body,
            "shared": body & shared,
            "unshared": body & ~shared,
        }
        for part in PARTS:
            chosen = table[masks[part].to_numpy(dtype=bool)]
            positions = chosen["position"].to_numpy(dtype=float)
            ci = bootstrap_mean_ci(
                positions, confidence_level=confidence_level, n_resamples=n_resamples, seed=seed
            )
            p_value = float("nan")
            if part == "shared":
                other = table[masks["unshared"].to_numpy(dtype=bool)]["position"]
                p_value = permutation_pvalue(
                    positions, other.to_numpy(dtype=float), n_resamples=n_resamples, seed=seed
                )
            n_shared = int(shared[masks[part]].sum())
            in_part = dict.fromkeys(
                unit_of[int(s)] for s in chosen["sentence"] if int(s) in unit_of
            )
            ordered = sorted(in_part, key=lambda u: (-unit_words[u], u))
            text = " ".join(chosen["text"].astype(str)) if part in ("headline", "lead") else ""
            rows.append(
                (
                    article,
                    part,
                    len(chosen),
                    int(chosen["_words"].sum()),
                    float(chosen["_words"].sum()) / body_words,
                    n_shared,
                    n_shared / len(chosen) if len(chosen) else float("nan"),
                    *ci,
                    p_value,
                    ";".join(str(u) for u in ordered),
                    text,
                    n_resamples,
                    seed,
                )
            )
    logger.debug("emphasis for %s and %s: %d units", a, b, len(units))
    return pd.DataFrame(rows, columns=EMPHASIS_COLUMNS)
