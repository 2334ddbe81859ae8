"""Tone of news text: by sentence, per article with uncertainty, on aligned facts, toward actors.

VADER per sentence (Hutto & Gilbert 2014) and the NewsMTSC-trained target classifiers of
:mod:`analysis.diff.target_tone`; the method and its limits are in ``docs/methods.md``, section 13.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.diff.resampling import bootstrap_mean_ci, permutation_pvalue
from analysis.diff.target_tone import CLASSES, load_embedding_model, load_target_model
from analysis.errors import AnalysisError, ConfigError

__all__ = [
    "ACTOR_TONE_COLUMNS",
    "ACTOR_TONE_NOTE",
    "ARC_COLUMNS",
    "COMPARE_COLUMNS",
    "NEUTRAL_BAND",
    "PAIR_SCORE_COLUMNS",
    "SCORE_COLUMNS",
    "SUMMARY_COLUMNS",
    "TARGET_COLUMNS",
    "TARGET_METHODS",
    "actor_tone",
    "compare_tone",
    "score_sentences",
    "score_targets",
    "summarize_tone",
    "tone_arc",
    "tone_label",
    "tone_pairs",
]

logger = logging.getLogger(__name__)

#: Compound scores within +-NEUTRAL_BAND are neutral (Hutto & Gilbert 2014).
NEUTRAL_BAND = 0.05
SCORE_COLUMNS = ("neg", "neu", "pos", "compound", "label")
SUMMARY_COLUMNS = (
    "article",
    "n_sentences",
    "mean_compound",
    "ci_low",
    "ci_high",
    "confidence_level",
    "n_resamples",
    "seed",
    "share_positive",
    "share_neutral",
    "share_negative",
)
COMPARE_COLUMNS = (
    "a_article",
    "b_article",
    "n_a",
    "n_b",
    "a_mean",
    "b_mean",
    "difference",
    "p_value",
    "n_resamples",
    "seed",
)
PAIR_SCORE_COLUMNS = ("a_compound", "b_compound", "difference", "abs_difference")
TARGET_COLUMNS = ("p_negative", "p_neutral", "p_positive", "tone", "label")
ACTOR_TONE_COLUMNS = (
    "article",
    "actor",
    "n_mentions",
    "mean_tone",
    "n_negative",
    "n_neutral",
    "n_positive",
    "method",
)
ARC_COLUMNS = ("article", "bin", "bin_start", "bin_end", "n_sentences", "mean_compound")
#: Methods of :func:`score_targets`: ``classifier`` (default; lexical and MiniLM parts fused),
#: ``lexical`` (the lexical classifier alone) and ``vader`` (the whole sentence's VADER label).
TARGET_METHODS = ("classifier", "lexical", "vader")
#: The caveat a report prints next to ``actor_tone.csv``.
ACTOR_TONE_NOTE = (
    "Tone toward each actor: the mean over its mentions of p(positive) - p(negative), from the"
    " method in the method column. Macro-F1 on NewsMTSC test-rw / test-mt (Hamborg & Donnay"
    " 2021): classifier (default) 0.72 / 0.69, lexical 0.66 / 0.64, vader 0.51 / 0.48, so single"
    " mentions are often misjudged: compare actors with several mentions."
)


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """Return the one VADER analyzer of the process, created on first use."""
    return SentimentIntensityAnalyzer()


def _require(table: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ConfigError(f"{name} lacks the columns {missing}; pass a table with {list(columns)}")


def tone_label(compound: float) -> str:
    """Label a VADER compound score with the authors' neutral band.

    Parameters
    ----------
    compound : float
        VADER compound score, -1..1.

    Returns
    -------
    str
        ``positive`` (>= 0.05), ``negative`` (<= -0.05) or ``neutral``.
    """
    if compound >= NEUTRAL_BAND:
        return "positive"
    if compound <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Score each sentence with VADER, one sentence at a time.

    Parameters
    ----------
    sentences : pandas.DataFrame
        One sentence per row with a ``text`` column (e.g. ``Corpus.sentences``).

    Returns
    -------
    pandas.DataFrame
        A copy of *sentences*, every column kept, plus :data:`SCORE_COLUMNS`: ``neg``, ``neu``,
        ``pos`` (VADER proportions, 0..1), ``compound`` (-1..1) and ``label``
        (:func:`tone_label`); the table ``sentiment_sentences.csv``.

    Raises
    ------
    ConfigError
        When *sentences* has no ``text`` column.
    """
    _require(sentences, ("text",), "sentences")
    analyzer = _analyzer()
    scores = [analyzer.polarity_scores(str(text)) for text in sentences["text"]]
    out = sentences.copy()
    for column in ("neg", "neu", "pos", "compound"):
        out[column] = np.array([s[column] for s in scores], dtype=float)
    out["label"] = [tone_label(c) for c in out["compound"]]
    return out


def _body(scored: pd.DataFrame, body_only: bool) -> pd.DataFrame:
    _require(scored, ("article", "compound"), "scored")
    if not body_only:
        return scored
    _require(scored, ("is_body",), "scored (body_only=True)")
    return scored[scored["is_body"].astype(bool)]


def summarize_tone(
    scored: pd.DataFrame,
    *,
    body_only: bool = True,
    n_resamples: int = 9999,
    confidence_level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Summarise the tone of each article: mean sentence compound, bootstrap CI, label shares.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_sentences` (``article``, ``compound``, and ``is_body`` when
        *body_only*).
    body_only : bool, optional
        Count only body sentences (``is_body``).
    n_resamples : int, optional
        Bootstrap resamples, >= 1.
    confidence_level : float, optional
        Level of the percentile interval, strictly between 0 and 1.
    seed : int, optional
        Seed of the bootstrap; the interval is reproducible for a seed.

    Returns
    -------
    pandas.DataFrame
        ``sentiment_summary.csv``, one row per article in sorted order, columns
        :data:`SUMMARY_COLUMNS`: ``article``, ``n_sentences``, ``mean_compound`` (-1..1),
        ``ci_low``, ``ci_high`` (bootstrap interval of the mean), ``confidence_level``,
        ``n_resamples``, ``seed``, ``share_positive``, ``share_neutral``, ``share_negative``
        (fractions of sentences, 0..1).

    Raises
    ------
    ConfigError
        For missing columns or invalid resampling settings.
    """
    if not 0 < confidence_level < 1:
        raise ConfigError(f"confidence_level={confidence_level} must be between 0 and 1")
    if n_resamples < 1:
        raise ConfigError(f"n_resamples={n_resamples} must be a positive integer")
    rows = []
    for article, group in _body(scored, body_only).groupby("article", sort=True):
        values = group["compound"].to_numpy(dtype=float)
        _, low, high = bootstrap_mean_ci(
            values,
            confidence_level=confidence_level,
            n_resamples=n_resamples,
            seed=seed,
            method="percentile",
        )
        labels = group["compound"].map(tone_label)
        rows.append(
            {
                "article": article,
                "n_sentences": len(values),
                "mean_compound": float(np.mean(values)),
                "ci_low": low,
                "ci_high": high,
                "confidence_level": confidence_level,
                "n_resamples": n_resamples,
                "seed": seed,
                "share_positive": float((labels == "positive").mean()),
                "share_neutral": float((labels == "neutral").mean()),
                "share_negative": float((labels == "negative").mean()),
            }
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def compare_tone(
    scored: pd.DataFrame,
    a: str,
    b: str,
    *,
    body_only: bool = True,
    n_resamples: int = 9999,
    seed: int = 0,
) -> pd.DataFrame:
    """Compare the mean sentence compound of two articles with a permutation test.

    Identical articles give a difference of exactly 0 and p = 1.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_sentences`.
    a, b : str
        The two article ids.
    body_only : bool, optional
        Count only body sentences (``is_body``).
    n_resamples : int, optional
        Permutations.
    seed : int, optional
        Seed of the permutations.

    Returns
    -------
    pandas.DataFrame
        One row, columns :data:`COMPARE_COLUMNS`: ``a_article``, ``b_article``, ``n_a``,
        ``n_b``, ``a_mean``, ``b_mean``, ``difference`` (``a_mean - b_mean``), ``p_value``
        (two-sided, ``(0, 1]``), ``n_resamples``, ``seed``.

    Raises
    ------
    AnalysisError
        When an article has no (body) sentences in *scored*.
    ConfigError
        For missing columns or invalid resampling settings.
    """
    body = _body(scored, body_only)
    samples = {}
    for article in (a, b):
        values = body.loc[body["article"] == article, "compound"].to_numpy(dtype=float)
        if len(values) == 0:
            raise AnalysisError(
                f"article {article!r} has no scored sentences; pass an article id present in"
                " the scored table"
            )
        samples[article] = values
    x, y = samples[a], samples[b]
    difference = float(np.mean(x) - np.mean(y))
    # analysis.diff.resampling handles samples too small to permute (p = 1: no evidence of a
    # difference).
    p_value = permutation_pvalue(x, y, n_resamples=n_resamples, seed=seed)
    row = {
        "a_article": a,
        "b_article": b,
        "n_a": len(x),
        "n_b": len(y),
        "a_mean": float(np.mean(x)),
        "b_mean": float(np.mean(y)),
        "difference": difference,
        "p_value": p_value,
        "n_resamples": n_resamples,
        "seed": seed,
    }
    return pd.DataFrame([row], columns=list(COMPARE_COLUMNS))


def _compound_lookup(scored: pd.DataFrame) -> dict[tuple[str, int], float]:
    _require(scored, ("article", "sentence", "compound"), "scored")
    return {
        (str(art), int(sen)): float(c)
        for art, sen, c in zip(
            scored["article"], scored["sentence"], scored["compound"], strict=True
        )
    }


def tone_pairs(alignment_pairs: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """Put the tone of the two sentences of each aligned pair side by side.

    Parameters
    ----------
    alignment_pairs : pandas.DataFrame
        ``Alignment.pairs`` (at least ``a_article, b_article, a_sentence, b_sentence``).
    scored : pandas.DataFrame
        :func:`score_sentences` output for the sentences of both articles.

    Returns
    -------
    pandas.DataFrame
        ``sentiment_pairs.csv``: the pair columns plus ``a_compound``, ``b_compound``,
        ``difference`` (a - b, -2..2) and ``abs_difference``; largest absolute shift first, ties
        in the order ``a_article, a_sentence, b_sentence``.

    Raises
    ------
    AnalysisError
        When a sentence of the alignment is not in *scored*.
    ConfigError
        For missing columns.
    """
    keys = ("a_article", "b_article", "a_sentence", "b_sentence")
    _require(alignment_pairs, keys, "alignment_pairs")
    lookup = _compound_lookup(scored)
    out = alignment_pairs.copy()
    for side in ("a", "b"):
        values = []
        for article, sentence in zip(out[f"{side}_article"], out[f"{side}_sentence"], strict=True):
            key = (str(article), int(sentence))
            if key not in lookup:
                raise AnalysisError(
                    f"sentence {article}:{sentence} of the alignment is not in the scored table;"
                    " score the sentences of both articles first"
                )
            values.append(lookup[key])
        out[f"{side}_compound"] = np.array(values, dtype=float)
    out["difference"] = out["a_compound"] - out["b_compound"]
    out["abs_difference"] = out["difference"].abs()
    out = out.sort_values(
        ["abs_difference", "a_article", "a_sentence", "b_sentence"],
        ascending=[False, True, True, True],
        kind="mergesort",
    )
    return out.reset_index(drop=True)


def score_targets(
    sentences: pd.DataFrame, mentions: pd.DataFrame, *, method: str = "classifier"
) -> pd.DataFrame:
    """Score the tone toward each mention (target-dependent sentiment).

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``article, sentence, text`` of the sentences the mentions are in.
    mentions : pandas.DataFrame
        ``article, sentence, start, end`` (character offsets into the sentence text) and usually
        ``actor``.
    method : str, optional
        ``"classifier"`` (the shipped NewsMTSC classifier, lexical and MiniLM features fused),
        ``"lexical"`` (its lexical part alone: faster, less accurate) or ``"vader"`` (the VADER
        label of the whole sentence, with probability 1; the published baseline).

    Returns
    -------
    pandas.DataFrame
        A copy of *mentions* plus :data:`TARGET_COLUMNS`: ``p_negative``, ``p_neutral``,
        ``p_positive`` (class probabilities, 0..1), ``tone`` (``p_positive - p_negative``,
        -1..1) and ``label``.

    Raises
    ------
    ConfigError
        For an unknown method or missing columns.
    AnalysisError
        When a mention's sentence is not in *sentences*.
    """
    if method not in TARGET_METHODS:
        raise ConfigError(f"unknown target tone method {method!r}; use one of {TARGET_METHODS}")
    _require(sentences, ("article", "sentence", "text"), "sentences")
    _require(mentions, ("article", "sentence", "start", "end"), "mentions")
    texts = {
        (str(art), int(sen)): str(text)
        for art, sen, text in zip(
            sentences["article"], sentences["sentence"], sentences["text"], strict=True
        )
    }
    mention_texts = []
    for article, sentence in zip(mentions["article"], mentions["sentence"], strict=True):
        key = (str(article), int(sentence))
        if key not in texts:
            raise AnalysisError(
                f"mention in sentence {article}:{sentence} has no sentence text; pass the"
                " sentences table of the same corpus"
            )
        mention_texts.append(texts[key])
    starts = [int(s) for s in mentions["start"]]
    ends = [int(e) for e in mentions["end"]]
    if method == "classifier":
        proba = load_embedding_model().predict_proba(mention_texts, starts, ends)
    elif method == "lexical":
        proba = load_target_model().predict_proba(mention_texts, starts, ends)
    else:
        analyzer = _analyzer()
        labels = [tone_label(analyzer.polarity_scores(t)["compound"]) for t in mention_texts]
        proba = np.zeros((len(labels), len(CLASSES)))
        for i, label in enumerate(labels):
            proba[i, CLASSES.index(label)] = 1.0
    out = mentions.copy()
    out["p_negative"] = proba[:, 0]
    out["p_neutral"] = proba[:, 1]
    out["p_positive"] = proba[:, 2]
    out["tone"] = proba[:, 2] - proba[:, 0]
    out["label"] = [CLASSES[i] for i in proba.argmax(axis=1)] if len(out) else []
    return out


def actor_tone(
    sentences: pd.DataFrame, mentions: pd.DataFrame, *, method: str = "classifier"
) -> pd.DataFrame:
    """Summarise the tone toward each actor per article.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``article, sentence, text`` of the sentences the mentions are in.
    mentions : pandas.DataFrame
        As for :func:`score_targets`, with an ``actor`` column.
    method : str, optional
        One of :data:`TARGET_METHODS`, as for :func:`score_targets`.

    Returns
    -------
    pandas.DataFrame
        ``actor_tone.csv``, one row per article and actor, sorted by both, columns
        :data:`ACTOR_TONE_COLUMNS`: ``article``, ``actor``, ``n_mentions``, ``mean_tone`` (mean
        of the mentions' ``tone``, -1..1), ``n_negative``, ``n_neutral``, ``n_positive``
        (predicted labels), ``method``.

    Raises
    ------
    ConfigError
        For an unknown method or missing columns.
    AnalysisError
        When a mention's sentence is not in *sentences*.
    """
    _require(mentions, ("actor",), "mentions")
    targets = score_targets(sentences, mentions, method=method)
    rows = []
    for (article, actor), group in targets.groupby(["article", "actor"], sort=True):
        counts = group["label"].value_counts()
        rows.append(
            {
                "article": article,
                "actor": actor,
                "n_mentions": len(group),
                "mean_tone": float(group["tone"].mean()),
                "n_negative": int(counts.get("negative", 0)),
                "n_neutral": int(counts.get("neutral", 0)),
                "n_positive": int(counts.get("positive", 0)),
                "method": method,
            }
        )
    return pd.DataFrame(rows, columns=list(ACTOR_TONE_COLUMNS))


def tone_arc(scored: pd.DataFrame, *, n_bins: int = 10, body_only: bool = True) -> pd.DataFrame:
    """Average the sentence compounds of each article in equal bins of position.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_sentences` with ``position`` (0..1).
    n_bins : int, optional
        Number of equal bins of ``position``, >= 1; position 1 falls in the last bin.
    body_only : bool, optional
        Count only body sentences (``is_body``).

    Returns
    -------
    pandas.DataFrame
        ``tone_arc.csv``, one row per article (sorted) and bin, every bin for every article so
        the table plots directly as a sentiment arc; columns :data:`ARC_COLUMNS`: ``article``,
        ``bin`` (0-based), ``bin_start``, ``bin_end`` (position 0..1), ``n_sentences``,
        ``mean_compound`` (NaN for an empty bin).

    Raises
    ------
    ConfigError
        For *n_bins* < 1 or missing columns.
    """
    if n_bins < 1:
        raise ConfigError(f"n_bins={n_bins} must be a positive integer")
    body = _body(scored, body_only)
    _require(body, ("position",), "scored")
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    rows = []
    for article, group in body.groupby("article", sort=True):
        position = group["position"].to_numpy(dtype=float)
        bins = np.clip(np.floor(position * n_bins).astype(int), 0, n_bins - 1)
        compound = group["compound"].to_numpy(dtype=float)
        for b in range(n_bins):
            values = compound[bins == b]
            rows.append(
                {
                    "article": article,
                    "bin": b,
                    "bin_start": float(edges[b]),
                    "bin_end": float(edges[b + 1]),
                    "n_sentences": len(values),
                    "mean_compound": float(values.mean()) if len(values) else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=list(ARC_COLUMNS))
