"""Batch comparison of a collection: every event analysed on its own, then tables by outlet.

The per-event measures and their aggregation by outlet are in ``docs/methods.md``, sections 16
and 17 (information units and omission).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.align.alignment import align_event
from analysis.corpus.loader import Corpus
from analysis.diff.coverage import coverage_matrix
from analysis.diff.frames import sentence_frames
from analysis.diff.logodds import corpus_prior, log_odds, term_counts
from analysis.diff.resampling import bootstrap_mean_ci
from analysis.diff.tone import score_sentences
from analysis.diff.units import information_units, length_adjusted, omission_counts
from analysis.extract.actors import extract_mentions
from analysis.extract.quotes import UNKNOWN, extract_quotes
from analysis.report.config import check_settings

__all__ = [
    "ADJUSTED_COLUMNS",
    "EVENT_TABLES",
    "FACT_COLUMNS",
    "LENGTH_COLUMNS",
    "METRICS",
    "OMISSION_METRICS",
    "BatchConfig",
    "aggregate",
    "analyse_event",
]

logger = logging.getLogger(__name__)

# Per-article facts: event, article, outlet ("unknown" where the corpus names none);
# n_sentences (body sentences); n_units (information units in the event); units_reported (units
# with a sentence of the article); units_by_others (units reported by another article); omitted
# (reported by others, not by this article); coverage_share (units_reported / n_units, 0..1);
# omission_rate (omitted / units_by_others, 0..1, NaN when the others report nothing); n_quotes
# (direct and speaker-line quotations); n_speakers (distinct named speakers); speaker_share (the
# article's speakers / the event's, NaN when the event quotes nobody); tone (mean VADER compound
# of body sentences, -1..1).
# The columns above count units as connected components of aligned pairs (chained units, which
# grow with article length); those below count the complete-linkage units of
# analysis.diff.units (docs/methods.md, section 17): length_share (n_sentences / the event's
# body sentences, 0..1); omission_k (other articles that must report a unit for it to be
# shared); n_linked_units (units of the event); linked_units_reported (units with a sentence of
# the article); n_shared (units at least omission_k other articles report); n_shared_omitted (of
# those, the ones the article leaves out); shared_omission_rate (n_shared_omitted / n_shared,
# 0..1, NaN when nothing is shared); n_exclusive (units only this article reports);
# exclusive_share (n_exclusive / linked_units_reported, 0..1); unit_coverage_share
# (linked_units_reported / n_linked_units, 0..1).
FACT_COLUMNS = [
    "event",
    "article",
    "outlet",
    "n_sentences",
    "n_units",
    "units_reported",
    "units_by_others",
    "omitted",
    "coverage_share",
    "omission_rate",
    "n_quotes",
    "n_speakers",
    "speaker_share",
    "tone",
    "length_share",
    "omission_k",
    "n_linked_units",
    "linked_units_reported",
    "n_shared",
    "n_shared_omitted",
    "shared_omission_rate",
    "n_exclusive",
    "exclusive_share",
    "unit_coverage_share",
]
#: Added to the collection's ``articles`` table by :func:`aggregate`: ``coverage_adjusted`` and
#: ``omission_adjusted``, the residuals of ``unit_coverage_share`` and ``shared_omission_rate``
#: from an ordinary least-squares fit on log ``n_sentences`` and log ``length_share``
#: (:data:`LENGTH_COLUMNS`) over every article of the collection (0 = what an article of that
#: length and relative length gets; NaN where the measure is NaN).
ADJUSTED_COLUMNS = {
    "coverage_adjusted": "unit_coverage_share",
    "omission_adjusted": "shared_omission_rate",
}
#: Length covariates of the adjustment.
LENGTH_COLUMNS = ["n_sentences", "length_share"]
#: Per-article measures aggregated by outlet.
METRICS = (
    "coverage_share",
    "omission_rate",
    "n_quotes",
    "speaker_share",
    "tone",
    "shared_omission_rate",
    "omission_adjusted",
    "exclusive_share",
    "unit_coverage_share",
    "coverage_adjusted",
    "n_sentences",
)
#: Measures of the ``outlet_omission`` table (complete-linkage units, section 17).
OMISSION_METRICS = METRICS[5:]
#: Tables produced for every event (stored as Parquet by the batch writer): ``units`` and
#: ``unit_members`` are the complete-linkage units, ``chained_units`` the coverage matrix.
EVENT_TABLES = (
    "articles",
    "pairs",
    "units",
    "unit_members",
    "chained_units",
    "quotes",
    "frames",
    "terms",
    "speakers",
)
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True)
class BatchConfig:
    """Parameters of a batch run; every one is recorded in ``run.json`` and the cache key.

    Parameters
    ----------
    method : str, optional
        Similarity scorer of the alignments (:data:`analysis.align.scorers.METHODS`).
    n_resamples : int, optional
        Bootstrap resamples of the intervals over events.
    confidence_level : float, optional
        Level of those intervals, strictly between 0 and 1.
    seed : int, optional
        Seed of the bootstrap.
    min_articles : int, optional
        Events with fewer articles are skipped.
    omission_k : int, optional
        Other articles that must report a unit for its absence to count as an omission; default
        all others in events of two or three articles, 2 in larger ones.
    """

    method: str = "lexical"
    n_resamples: int = 2000
    confidence_level: float = 0.95
    seed: int = 20250201
    min_articles: int = 2
    omission_k: int | None = None

    def __post_init__(self) -> None:
        check_settings(asdict(self))

    def key(self) -> str:
        """Write every parameter as one stable string, used in per-event cache keys.

        Returns
        -------
        str
            ``name=value`` pairs sorted by name, ``;``-joined.
        """
        return ";".join(f"{k}={v}" for k, v in sorted(asdict(self).items()))


def _outlets(corpus: Corpus) -> dict[str, str]:
    outlets = corpus.articles.set_index("id")["outlet"].fillna("")
    return {k: (v or UNKNOWN_OUTLET) for k, v in outlets.items()}


def analyse_event(corpus: Corpus, *, config: BatchConfig) -> dict[str, pd.DataFrame]:
    """Analyse one event: alignments, coverage matrix, quotes, tone, frames and term counts.

    Parameters
    ----------
    corpus : Corpus
        A corpus holding a single event.
    config : BatchConfig
        The batch parameters.

    Returns
    -------
    dict of str to pandas.DataFrame
        The :data:`EVENT_TABLES`: ``articles`` (one row per article, columns
        :data:`FACT_COLUMNS`), ``pairs`` (aligned pairs of every article pair), ``units`` and
        ``unit_members`` (complete-linkage units, :func:`analysis.diff.units.information_units`),
        ``chained_units`` (the coverage matrix of connected components), ``quotes``,
        ``frames`` (share of body sentences per article and frame),
        ``terms`` (term counts per article) and ``speakers`` (quotations per article and named
        speaker); every table but ``articles`` starts with ``event`` (and ``outlet`` after
        ``article``).

    Raises
    ------
    AnalysisError
        When the corpus does not hold exactly one event, or a step fails on its input.
    """
    (event,) = corpus.events()
    outlets = _outlets(corpus)
    ids = sorted(outlets)
    alignments = align_event(corpus, event, method=config.method)
    pairs = pd.concat([al.pairs for al in alignments.values()], ignore_index=True)
    matrix = coverage_matrix(corpus, alignments)
    units = information_units(pairs, corpus.sentences)
    counts = omission_counts(units.members, ids, k=config.omission_k).rename(
        columns={
            "k": "omission_k",
            "n_units": "n_linked_units",
            "n_units_reported": "linked_units_reported",
        }
    )
    reported = matrix.matrix[ids] > 0 if len(matrix.matrix) else pd.DataFrame(columns=ids)
    sentences = corpus.sentences
    body = sentences[sentences["is_body"]]
    mentions = extract_mentions(sentences)
    quotes = extract_quotes(sentences, mentions)
    direct = quotes[quotes["kind"] != "partial"] if len(quotes) else quotes
    known = direct[direct["speaker"] != UNKNOWN] if len(direct) else direct
    event_speakers = set(known["speaker"]) if len(known) else set()
    scored = score_sentences(body)
    n_body = len(body)
    rows = []
    for article in ids:
        others = [o for o in ids if o != article]
        mine = reported[article] if article in reported else pd.Series(dtype=bool)
        by_others = reported[others].any(axis=1) if others and len(reported) else mine & False
        n_units = len(reported)
        n_by_others = int(by_others.sum())
        omitted = int((by_others & ~mine).sum())
        speakers = set(known.loc[known["article"] == article, "speaker"]) if len(known) else set()
        tone = scored.loc[scored["article"] == article, "compound"]
        n_sentences = int((body["article"] == article).sum())
        rows.append(
            {
                "event": event,
                "article": article,
                "outlet": outlets[article],
                "n_sentences": n_sentences,
                "n_units": n_units,
                "units_reported": int(mine.sum()),
                "units_by_others": n_by_others,
                "omitted": omitted,
                "coverage_share": mine.sum() / n_units if n_units else np.nan,
                "omission_rate": omitted / n_by_others if n_by_others else np.nan,
                "n_quotes": int((direct["article"] == article).sum()) if len(direct) else 0,
                "n_speakers": len(speakers),
                "speaker_share": (
                    len(speakers) / len(event_speakers) if event_speakers else np.nan
                ),
                "tone": float(tone.mean()) if len(tone) else np.nan,
                "length_share": n_sentences / n_body if n_body else np.nan,
            }
        )
    facts = pd.DataFrame(rows).merge(counts, on="article", how="left", validate="1:1")
    facts = facts[FACT_COLUMNS]
    frames = sentence_frames(body)
    frame_shares = (
        frames.groupby(["article", "frame"], sort=True)["present"].mean().rename("share")
        if len(frames)
        else pd.Series(dtype=float, name="share")
    ).reset_index()
    terms = pd.concat(
        [
            term_counts(body.loc[body["article"] == a, "text"])
            .rename("count")
            .rename_axis("term")
            .reset_index()
            .assign(article=a)
            for a in ids
        ],
        ignore_index=True,
    )
    speaker_rows = (
        known.groupby(["article", "speaker"], sort=True).size().rename("n_quotes").reset_index()
        if len(known)
        else pd.DataFrame(columns=["article", "speaker", "n_quotes"])
    )
    tables = {
        "articles": facts,
        "pairs": pairs,
        "units": units.units,
        "unit_members": units.members,
        "chained_units": matrix.matrix.reset_index(),
        "quotes": quotes,
        "frames": frame_shares,
        "terms": terms,
        "speakers": speaker_rows,
    }
    for name, table in tables.items():
        if name != "articles":
            table = table.copy()
            table.insert(0, "event", event)
            if "article" in table.columns:
                table.insert(1, "outlet", table["article"].map(outlets))
            tables[name] = table
    return tables


def _bootstrap_by_outlet(
    values: pd.DataFrame, value_col: str, *, group_cols: list[str], config: BatchConfig
) -> pd.DataFrame:
    """Mean of *value_col* per group over events, with a CI from resampling events."""
    rows = []
    for keys, group in values.groupby(group_cols, sort=True):
        per_event = group.groupby("event")[value_col].mean().dropna()
        ci = bootstrap_mean_ci(
            per_event.to_numpy(dtype=float),
            confidence_level=config.confidence_level,
            n_resamples=config.n_resamples,
            seed=config.seed,
            method="percentile",
        )
        key_values = keys if isinstance(keys, tuple) else (keys,)
        rows.append(
            {
                **dict(zip(group_cols, key_values, strict=True)),
                "measure": value_col,
                "n_events": len(per_event),
                "mean": ci.mean,
                "ci_low": ci.low,
                "ci_high": ci.high,
            }
        )
    return pd.DataFrame(
        rows, columns=[*group_cols, "measure", "n_events", "mean", "ci_low", "ci_high"]
    )


def _terms_by_outlet(terms: pd.DataFrame, *, top: int) -> pd.DataFrame:
    counts = terms.groupby(["outlet", "term"])["count"].sum()
    total = counts.groupby("term").sum()
    if total.sum() <= 0:
        return pd.DataFrame()
    prior = corpus_prior(total)
    tables = []
    for outlet in sorted(counts.index.get_level_values("outlet").unique()):
        mine = counts.loc[outlet]
        rest = total.sub(mine, fill_value=0)
        rest = rest[rest > 0]
        if rest.empty:
            continue
        table = log_odds(mine, rest, prior).assign(a=outlet, b="all other outlets")
        table = table.sort_values(["z", "term"], ascending=[False, True]).head(top)
        tables.append(table)
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def aggregate(
    results: Iterable[Mapping[str, pd.DataFrame]], *, config: BatchConfig, top_terms: int = 20
) -> dict[str, pd.DataFrame]:
    """Aggregate per-event results into collection tables by outlet.

    Parameters
    ----------
    results : iterable of Mapping of str to pandas.DataFrame
        :func:`analyse_event` outputs, in a fixed (sorted) event order.
    config : BatchConfig
        Resampling settings of the intervals over events.
    top_terms : int, optional
        Distinguishing terms kept per outlet.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``articles`` (every per-article fact, :data:`FACT_COLUMNS` and
        :data:`ADJUSTED_COLUMNS`); ``outlet_coverage`` (coverage share and omission rate over
        chained units), ``outlet_omission`` (:data:`OMISSION_METRICS`: omission of shared
        units, exclusive units, coverage of complete-linkage units, article length and the
        length-adjusted figures), ``outlet_sources`` (quotes and speaker share),
        ``outlet_tone`` and ``outlet_frames`` (frame shares), each with ``outlet`` (and
        ``frame``), ``measure``, ``n_events``, ``mean``, ``ci_low``, ``ci_high`` (percentile
        bootstrap over events); ``outlet_terms`` (log-odds table of each outlet against all
        other outlets, pooled over events, top *top_terms* by z).
    """
    collected: dict[str, list[pd.DataFrame]] = {}
    for result in results:
        for name, table in result.items():
            collected.setdefault(name, []).append(table)
    merged = {
        name: pd.concat(tables, ignore_index=True) for name, tables in sorted(collected.items())
    }
    facts = merged.get("articles", pd.DataFrame(columns=FACT_COLUMNS)).copy()
    for adjusted, measure in ADJUSTED_COLUMNS.items():
        facts[adjusted] = length_adjusted(facts[measure], facts[LENGTH_COLUMNS])

    def by_outlet(measures: Iterator[str] | tuple[str, ...]) -> pd.DataFrame:
        parts = [
            _bootstrap_by_outlet(facts, m, group_cols=["outlet"], config=config) for m in measures
        ]
        return pd.concat(parts, ignore_index=True)

    frames = merged.get("frames", pd.DataFrame(columns=["event", "outlet", "frame", "share"]))
    return {
        "articles": facts,
        "outlet_coverage": by_outlet(("coverage_share", "omission_rate")),
        "outlet_sources": by_outlet(("n_quotes", "speaker_share")),
        "outlet_omission": by_outlet(OMISSION_METRICS),
        "outlet_tone": by_outlet(("tone",)),
        "outlet_frames": _bootstrap_by_outlet(
            frames, "share", group_cols=["outlet", "frame"], config=config
        ),
        "outlet_terms": _terms_by_outlet(
            merged.get("terms", pd.DataFrame(columns=["outlet", "term", "count"])), top=top_terms
        ),
    }
