"""Tone of news text: by sentence, per article with uncertainty, on aligned facts, toward actors.

Sentence tone is VADER (Hutto & Gilbert 2014, "VADER: A parsimonious rule-based model for sentiment
analysis of social media text", ICWSM), scored one sentence at a time with the reference
implementation (the ``vaderSentiment`` package); the compound score saturates on long text, so an
article is never scored as one text: its tone is the mean of its sentence compounds, with a
bootstrap confidence interval (Efron & Tibshirani 1993; ``scipy.stats.bootstrap``, percentile
method) and the A-B difference gets a two-sided permutation test of the difference in means
(``scipy.stats.permutation_test``). Labels use the authors' neutral band: compound >= 0.05 is
``positive``, <= -0.05 ``negative``, otherwise ``neutral``.

Tone toward an actor (target-dependent) uses :mod:`analysis.diff.target_tone`: by default
(``method="classifier"``) a lexical classifier fused with a classifier on all-MiniLM-L6-v2 vectors
of the sentence and of the target, both trained on NewsMTSC (Hamborg & Donnay 2021) and run in
numpy; ``method="lexical"`` is the lexical classifier alone (about seven times faster, less
accurate); ``method="vader"`` the whole-sentence VADER label (the published baseline).

Columns added by :func:`score_sentences` (table ``sentiment_sentences.csv``):
``neg``, ``neu``, ``pos`` (VADER proportions, 0..1), ``compound`` (-1..1), ``label``.

:func:`summarize_tone` (``sentiment_summary.csv``), one row per article: ``article``,
``n_sentences``, ``mean_compound``, ``ci_low``, ``ci_high`` (bootstrap interval of the mean),
``confidence_level``, ``n_resamples``, ``seed``, ``share_positive``, ``share_neutral``,
``share_negative`` (fractions of sentences, 0..1).

:func:`compare_tone`, one row: ``a_article``, ``b_article``, ``n_a``, ``n_b``, ``a_mean``,
``b_mean``, ``difference`` (a_mean - b_mean), ``p_value`` (two-sided), ``n_resamples``, ``seed``.

:func:`tone_pairs` (``sentiment_pairs.csv``): the alignment pair columns plus ``a_compound``,
``b_compound``, ``difference`` (a - b), ``abs_difference``; largest shift first.

:func:`score_targets`, one row per mention: the mention columns plus ``p_negative``,
``p_neutral``, ``p_positive``, ``tone`` (p_positive - p_negative, -1..1), ``label``.

:func:`actor_tone` (``actor_tone.csv``), one row per article and actor: ``article``, ``actor``,
``n_mentions``, ``mean_tone`` (-1..1), ``n_negative``, ``n_neutral``, ``n_positive``, ``method``.

:func:`tone_arc`, one row per article and position bin: ``article``, ``bin``, ``bin_start``,
``bin_end`` (position 0..1), ``n_sentences``, ``mean_compound`` (NaN for an empty bin).
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
    """The one VADER analyzer of the process, created on first use."""
    return SentimentIntensityAnalyzer()


def _require(table: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ConfigError(f"{name} lacks the columns {missing}; pass a table with {list(columns)}")


def tone_label(compound: float) -> str:
    """``positive`` (>= 0.05), ``negative`` (<= -0.05) or ``neutral`` for a VADER compound."""
    if compound >= NEUTRAL_BAND:
        return "positive"
    if compound <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """VADER scores of each sentence: a copy of *sentences* plus :data:`SCORE_COLUMNS`.

    Needs a ``text`` column (one sentence per row, e.g. ``Corpus.sentences``); every other column is
    kept as it is.
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
    """Per-article tone: mean sentence compound, bootstrap CI and shares of each label.

    *scored* is the output of :func:`score_sentences`. With ``body_only`` only body sentences
    (``is_body``) count. Articles appear in sorted order; the interval is reproducible for a seed.
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
    """A-B difference in mean sentence compound with a two-sided permutation-test p-value.

    Returns one row (:data:`COMPARE_COLUMNS`). Identical articles give a difference of exactly 0
    and p = 1. Raises :class:`AnalysisError` when an article has no (body) sentences.
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
    # analysis.diff.resampling handles samples too small to permute (p = 1: no evidence of a difference).
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
    """Tone of each aligned sentence pair and its shift, largest absolute shift first.

    *alignment_pairs* follows ``Alignment.pairs``; *scored* is :func:`score_sentences` output for
    the sentences of both articles. Ties keep the order ``a_article, a_sentence, b_sentence``.
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
    """Tone toward each mention: a copy of *mentions* plus :data:`TARGET_COLUMNS`.

    *mentions* has ``article, sentence, start, end`` (character offsets into the sentence text)
    and usually ``actor``; *sentences* has ``article, sentence, text``. ``method="classifier"``
    (default) uses the shipped NewsMTSC classifier (lexical and MiniLM features fused);
    ``"lexical"`` its lexical part alone (faster, less accurate); ``"vader"`` gives every mention
    the VADER label of its whole sentence (probability 1 for that label; the published baseline).
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
    """Tone toward each actor per article (:data:`ACTOR_TONE_COLUMNS`), sorted by article, actor.

    Each mention is scored by :func:`score_targets`; ``mean_tone`` is the mean of its ``tone``
    (p_positive - p_negative) and the counts are of the predicted labels.
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
    """Mean sentence compound in ``n_bins`` equal bins of ``position`` (0..1) per article.

    Every bin appears for every article (empty bins have ``n_sentences`` 0 and NaN mean), so the
    table plots directly as a sentiment arc. Position 1 falls in the last bin.
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
