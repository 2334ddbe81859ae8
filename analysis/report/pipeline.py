"""The report pipeline: :func:`build_report` runs every step of one event's comparison.

The steps (:data:`STEPS`) compute tables only; each figure's inputs are kept so that
:meth:`Report.figure` draws it on request. Nothing is written (see :mod:`analysis.report.write`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from types import MappingProxyType
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from analysis import __version__
from analysis.align.alignment import Alignment, align_articles
from analysis.align.scorers import DETAIL_THRESHOLDS
from analysis.citations import citations, validations
from analysis.corpus.loader import Corpus
from analysis.diff.coverage import (
    CoverageMatrix,
    compare_presence,
    coverage_gaps,
    coverage_matrix,
    coverage_summary,
)
from analysis.diff.frames import load_frame_dictionary
from analysis.diff.framing import framing_tables
from analysis.diff.modality import load_modality_lexicon
from analysis.diff.tone import (
    actor_tone,
    compare_tone,
    score_sentences,
    summarize_tone,
    tone_arc,
    tone_pairs,
)
from analysis.errors import ConfigError
from analysis.extract.actors import actor_table, extract_mentions, load_codebook
from analysis.extract.quantities import compare_numbers, extract_numbers
from analysis.extract.quotes import extract_quotes, match_quotes
from analysis.report import plots as fig
from analysis.report import render
from analysis.report.config import ReportConfig
from analysis.report.findings import body_ids, report_findings, rows_of_pair, side_label
from analysis.report.output import git_commit, library_versions
from analysis.resources import data_hashes

__all__ = [
    "ARTICLE_TABLE_COLUMNS",
    "GENERATOR",
    "STEPS",
    "SUMMARY_COLUMNS",
    "FigureInput",
    "Report",
    "build_report",
]

logger = logging.getLogger(__name__)

#: Steps of :func:`build_report`, in order; the *progress* callback receives each name.
STEPS: tuple[str, ...] = (
    "alignment",
    "actors",
    "numbers",
    "coverage",
    "framing",
    "sentiment",
    "figures",
    "findings",
)
ARTICLE_TABLE_COLUMNS = [
    "side",
    "id",
    "outlet",
    "title",
    "author",
    "dateline",
    "date",
    "url",
    "path",
    "format",
    "sha256",
    "n_sentences",
    "n_words",
]
SUMMARY_COLUMNS = [
    "a",
    "b",
    "a_body_sentences",
    "a_matched",
    "a_matched_share",
    "b_body_sentences",
    "b_matched",
    "b_matched_share",
    "n_pairs",
    "n_equivalent",
    "n_partial",
    "mean_similarity",
]
#: Order of the tables in the files and renderings; others follow alphabetically.
_TABLE_ORDER = (
    "summary",
    "articles",
    "alignment",
    "coverage_summary",
    "coverage_gaps",
    "coverage_matrix",
    "actors",
    "quotes",
    "quote_matches",
    "numbers",
    "number_comparison",
    "distinguishing_terms",
    "word_choice",
    "emphasis",
    "emphasis_units",
    "frames",
    "modality",
    "sentiment_summary",
    "sentiment_pairs",
    "actor_tone",
    "sentiment_sentences",
    "sentences",
)
#: ``generator`` of run.json: marks a folder as a report this package may replace.
GENERATOR = "storydiff-news"

Pair = tuple[str, str]


def _ordered(names: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(_TABLE_ORDER)}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


@dataclass(frozen=True)
class FigureInput:
    """The computed inputs of one figure: positional tables and options of its plot function.

    Parameters
    ----------
    args : tuple
        Positional arguments of the plot function (DataFrames, in its order).
    options : Mapping of str to Any
        Its keyword options (``{"n_labels": 15}``); empty for most figures.
    """

    args: tuple[Any, ...]
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """The computed comparison of one event: tables, figure inputs, findings and run metadata.

    Shows itself in Jupyter (``_repr_html_``) and renders as Markdown (:meth:`as_markdown`),
    LaTeX (:meth:`as_latex`) and a self-contained page (:meth:`as_html`), all by
    :mod:`analysis.report.render`; :func:`analysis.report.write.write_report` writes it.

    Parameters
    ----------
    event : str
        The event compared.
    articles : tuple of str
        The event's article ids in sorted order (sides A, B, ...).
    pairs : tuple of (str, str)
        Every pair of *articles*; the first is the one shown in figures and findings.
    tables : Mapping of str to pandas.DataFrame
        The tables by CSV name. Made here: ``articles`` (ARTICLE_TABLE_COLUMNS, the metadata
        of each article, no text); ``sentences`` (``Corpus.sentences`` plus ``n_counterparts``,
        aligned sentences in the other articles, and ``compound``, ``tone``: VADER sentence
        tone); ``summary`` (SUMMARY_COLUMNS, one row per pair: body sentences of each side, how
        many have a counterpart and their share 0..1, pairs by relation, mean similarity). The
        others come from the analysis modules (``docs/architecture.md``).
    figure_inputs : Mapping of str to FigureInput
        What each figure draws, by figure name (:meth:`figure` draws it).
    captions : Mapping of str to str
        Each figure's caption (method and citation).
    findings : tuple of str
        Plain-word summary lines about the first pair.
    metadata : Mapping of str to Any
        What ``run.json`` holds (version, parameters, input hashes, libraries, citations).
    config : ReportConfig
        The parameters used.
    corpus : Corpus
        The event's corpus (rendered side by side in the HTML page).
    """

    event: str
    articles: tuple[str, ...]
    pairs: tuple[Pair, ...]
    tables: Mapping[str, pd.DataFrame]
    figure_inputs: Mapping[str, FigureInput] = field(repr=False)
    captions: Mapping[str, str]
    findings: tuple[str, ...]
    metadata: Mapping[str, Any]
    config: ReportConfig
    corpus: Corpus = field(repr=False)

    @property
    def a(self) -> str:
        """Id of article A (first of the first pair)."""
        return self.pairs[0][0]

    @property
    def b(self) -> str:
        """Id of article B (second of the first pair)."""
        return self.pairs[0][1]

    @property
    def figure_names(self) -> tuple[str, ...]:
        """Names of the figures :meth:`figure` draws, in report order."""
        return tuple(self.figure_inputs)

    def table_names(self) -> list[str]:
        """List the table names in report order.

        Returns
        -------
        list of str
            The main tables first (summary, articles, alignment, coverage, ...), then the
            others alphabetically.
        """
        return _ordered(self.tables)

    def figure(self, name: str) -> Figure:
        """Draw figure *name* on a new matplotlib Figure, in the house style.

        Parameters
        ----------
        name : str
            One of :attr:`figure_names`.

        Returns
        -------
        Figure
            A new Figure each call (pyplot is not used); nothing is saved.

        Raises
        ------
        ConfigError
            For an unknown figure name.
        """
        return render.draw_figure(self, name)

    def as_markdown(self) -> str:
        """Render the report as a Markdown document: findings, figures (files), tables, methods.

        Returns
        -------
        str
            The document, figures linked as ``figures/<name>.svg``.
        """
        return render.render_markdown(self)

    def as_latex(self) -> str:
        """Render the report as a LaTeX document (pdfLaTeX).

        Returns
        -------
        str
            The document; figures are included from ``figures/<name>.pdf``.
        """
        return render.render_latex(self)

    def as_html(self) -> str:
        """Render the self-contained HTML page (``index.html``; works offline).

        Returns
        -------
        str
            The page, every figure drawn and inlined as SVG.
        """
        return render.render_html(self)

    def _repr_html_(self) -> str:
        return render.render_fragment(self)


@dataclass
class _Build:
    """Working state of one :func:`build_report` run (internal; never returned)."""

    corpus: Corpus
    event: str
    config: ReportConfig
    articles: tuple[str, ...]
    pairs: tuple[Pair, ...]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    alignments: dict[Pair, Alignment] = field(default_factory=dict)
    quote_matches: dict[Pair, pd.DataFrame] = field(default_factory=dict)
    number_comparisons: dict[Pair, pd.DataFrame] = field(default_factory=dict)
    mentions: pd.DataFrame | None = None
    figure_inputs: dict[str, FigureInput] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)


def build_report(
    corpus: Corpus,
    event: str | None = None,
    config: ReportConfig | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Compare the articles of one event: compute the tables; write and draw nothing.

    Parameters
    ----------
    corpus : Corpus
        The loaded corpus.
    event : str, optional
        The event to compare (default: the corpus's only event).
    config : ReportConfig, optional
        Every parameter (default ``ReportConfig()``).
    progress : callable, optional
        Called with each step's name (:data:`STEPS`) before the step runs; the CLI uses it to
        drive a progress bar.

    Returns
    -------
    Report
        The frozen report; :func:`analysis.report.write.write_report` writes it.

    Raises
    ------
    ConfigError
        For an unknown event, an event with fewer than two articles or an article without
        body sentences.
    """
    config = config if config is not None else ReportConfig()
    if event is None:
        events = corpus.events()
        if len(events) != 1:
            raise ConfigError(f"the corpus holds {len(events)} events; name one of {events}")
        event = events[0]
    sub = _event_corpus(corpus, event)
    articles = tuple(sorted(str(a) for a in sub.articles["id"]))
    n_pairs = len(articles) * (len(articles) - 1) // 2
    if n_pairs > config.max_pairs:
        raise ConfigError(
            f"event {event} has {len(articles)} articles, {n_pairs} pairs, more than max_pairs = "
            f"{config.max_pairs}; raise max_pairs in the config file or split the event"
        )
    build = _Build(
        corpus=sub,
        event=event,
        config=config,
        articles=articles,
        pairs=tuple(combinations(articles, 2)),
    )
    for step in STEPS:
        if progress is not None:
            progress(step)
        logger.info("report %s: %s", event, step)
        _STEP_FUNCTIONS[step](build)
    return Report(
        event=event,
        articles=articles,
        pairs=build.pairs,
        tables=MappingProxyType(dict(build.tables)),
        figure_inputs=MappingProxyType(dict(build.figure_inputs)),
        captions=MappingProxyType(dict(build.captions)),
        findings=tuple(build.findings),
        metadata=MappingProxyType(_run_metadata(build)),
        config=config,
        corpus=sub,
    )


def _event_corpus(corpus: Corpus, event: str) -> Corpus:
    events = corpus.events()
    if event not in events:
        raise ConfigError(f"event {event!r} is not in the corpus; choose one of {events}")
    sub = corpus.event(event) if len(events) > 1 else corpus
    n = len(sub.articles)
    if n < 2:
        raise ConfigError(
            f"event {event!r} has {n} article(s); a comparison needs at least two articles"
        )
    with_body = set(sub.sentences.loc[sub.sentences["is_body"], "article"])
    for article, path in zip(sub.articles["id"], sub.articles["path"], strict=True):
        if article not in with_body:
            raise ConfigError(
                f"article {article!r} ({path or 'no file'}) has no body text, only headings, "
                "bylines or captions; give the article's text or leave it out of the event"
            )
    return sub


def _with_pair(table: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Prefix ``a``/``b`` columns to a pairwise table that does not name its pair."""
    if {"a", "b"} <= set(table.columns) or {"a_article", "b_article"} <= set(table.columns):
        return table
    return pd.concat(
        [pd.DataFrame({"a": [a] * len(table), "b": [b] * len(table)}, index=table.index), table],
        axis=1,
    )


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    non_empty = [part for part in parts if len(part)]
    if not non_empty:
        return parts[0].iloc[0:0].reset_index(drop=True) if parts else pd.DataFrame()
    return pd.concat(non_empty, ignore_index=True)


def _stacked(by_pair: Mapping[Pair, pd.DataFrame]) -> pd.DataFrame:
    """One table of every pair's rows, each naming its pair."""
    return _concat([_with_pair(table, a, b) for (a, b), table in by_pair.items()])


def _pairwise(
    build: _Build, compute: Callable[[str, str], Mapping[str, pd.DataFrame]]
) -> dict[str, pd.DataFrame]:
    """Run *compute* on every pair and stack each named table over the pairs."""
    by_name: dict[str, dict[Pair, pd.DataFrame]] = {}
    for a, b in build.pairs:
        for name, table in compute(a, b).items():
            by_name.setdefault(name, {})[(a, b)] = table
    return {name: _stacked(by_pair) for name, by_pair in by_name.items()}


# --------------------------------------------------------------------------- steps


def _step_alignment(build: _Build) -> None:
    align = build.config.align.kwargs()
    for a, b in build.pairs:
        build.alignments[(a, b)] = align_articles(build.corpus, a, b, **align)
    build.tables["alignment"] = _concat(
        [alignment.pairs for alignment in build.alignments.values()]
    )
    build.tables["articles"] = _articles_table(build.corpus, build.articles)
    build.tables["summary"] = _summary_table(build)


def _articles_table(corpus: Corpus, articles: tuple[str, ...]) -> pd.DataFrame:
    table = corpus.articles.set_index("id").loc[list(articles)].reset_index()
    table.insert(0, "side", [side_label(i) for i in range(len(articles))])
    return table[ARTICLE_TABLE_COLUMNS].reset_index(drop=True)


def _summary_table(build: _Build) -> pd.DataFrame:
    rows = []
    for (a, b), alignment in build.alignments.items():
        pairs = alignment.pairs
        body_a, body_b = body_ids(build.corpus, a), body_ids(build.corpus, b)
        matched_a = body_a & set(pairs["a_sentence"].astype(int))
        matched_b = body_b & set(pairs["b_sentence"].astype(int))
        relation = pairs["relation"].astype(str)
        rows.append(
            [
                a,
                b,
                len(body_a),
                len(matched_a),
                len(matched_a) / len(body_a) if body_a else float("nan"),
                len(body_b),
                len(matched_b),
                len(matched_b) / len(body_b) if body_b else float("nan"),
                len(pairs),
                int((relation == "equivalent").sum()),
                int((relation == "partial").sum()),
                float(pairs["similarity"].mean()) if len(pairs) else float("nan"),
            ]
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _step_actors(build: _Build) -> None:
    config = build.config
    codebook = load_codebook(config.codebook) if config.codebook else None
    sentences = build.corpus.sentences
    build.mentions = extract_mentions(sentences, codebook=codebook, method=config.actor_method)
    build.tables["actors"] = actor_table(build.mentions)
    quotes = extract_quotes(sentences, build.mentions)
    build.tables["quotes"] = quotes
    for (a, b), alignment in build.alignments.items():
        build.quote_matches[(a, b)] = match_quotes(
            quotes, alignment, a=a, b=b, min_similarity=config.quote_min_similarity
        )
    build.tables["quote_matches"] = _stacked(build.quote_matches)


def _step_numbers(build: _Build) -> None:
    numbers = extract_numbers(build.corpus.sentences)
    build.tables["numbers"] = numbers
    for (a, b), alignment in build.alignments.items():
        build.number_comparisons[(a, b)] = compare_numbers(numbers, alignment, a=a, b=b)
    build.tables["number_comparison"] = _stacked(build.number_comparisons)


def _step_coverage(build: _Build) -> None:
    sentences = build.corpus.sentences
    extra = (build.mentions, build.tables["quotes"], build.tables["numbers"])

    def compute(a: str, b: str) -> dict[str, pd.DataFrame]:
        alignment = build.alignments[(a, b)]
        matched = {
            "quote_matches": build.quote_matches[(a, b)],
            "number_comparison": build.number_comparisons[(a, b)],
        }
        compared = matched["number_comparison"]
        return {
            "coverage_gaps": coverage_gaps(alignment, sentences, *extra, a=a, b=b, **matched),
            "coverage_summary": coverage_summary(alignment, sentences, *extra, a=a, b=b, **matched),
            "coverage_presence": compare_presence(
                alignment, sentences, *extra, a=a, b=b, number_comparison=compared
            ),
        }

    build.tables.update(_pairwise(build, compute))
    matrix = coverage_matrix(build.corpus, build.alignments)
    build.tables["coverage_matrix"] = _matrix_table(matrix)
    build.tables["coverage_omissions"] = matrix.omissions


def _matrix_table(matrix: CoverageMatrix) -> pd.DataFrame:
    """One row per information unit: its representative sentence, then one count per article."""
    counts = matrix.matrix.reset_index()
    units = matrix.units.drop_duplicates("unit")
    return units.merge(counts, on="unit", how="left")


def _step_framing(build: _Build) -> None:
    config = build.config
    frames = load_frame_dictionary(config.frames_dictionary or None)
    modality = load_modality_lexicon(config.modality_lexicon or None)
    sentences = build.corpus.sentences
    resampling = config.resampling.kwargs()
    outlets = sorted({str(o) for o in build.corpus.articles["outlet"] if str(o).strip()})
    build.tables.update(
        _pairwise(
            build,
            lambda a, b: framing_tables(
                sentences,
                build.alignments[(a, b)].pairs,
                a=a,
                b=b,
                prior=config.logodds_prior,
                frame_dictionary=frames,
                modality_lexicon=modality,
                n_lead=config.n_lead,
                outlets=outlets,
                **resampling,
            ),
        )
    )


def _step_sentiment(build: _Build) -> None:
    config = build.config
    resampling = config.resampling
    scored = score_sentences(build.corpus.sentences)
    build.tables["sentiment_sentences"] = scored
    build.tables["sentiment_summary"] = summarize_tone(scored, **resampling.kwargs())
    build.tables.update(
        _pairwise(
            build,
            lambda a, b: {
                "sentiment_comparison": compare_tone(
                    scored, a, b, n_resamples=resampling.n_resamples, seed=resampling.seed
                ),
                "sentiment_pairs": tone_pairs(build.alignments[(a, b)].pairs, scored),
            },
        )
    )
    build.tables["tone_arc"] = tone_arc(scored, n_bins=config.tone_bins)
    mentions = build.mentions if build.mentions is not None else pd.DataFrame()
    build.tables["actor_tone"] = actor_tone(
        build.corpus.sentences, mentions, method=config.actor_tone_method
    )
    build.tables["sentences"] = _sentences_table(build)


def _sentences_table(build: _Build) -> pd.DataFrame:
    sentences = build.corpus.sentences
    links = build.tables["alignment"]
    counts = pd.concat(
        [
            links[["a_article", "a_sentence"]].set_axis(["article", "sentence"], axis=1),
            links[["b_article", "b_sentence"]].set_axis(["article", "sentence"], axis=1),
        ]
    ).value_counts()
    keys = pd.MultiIndex.from_frame(sentences[["article", "sentence"]])
    table = sentences.copy()
    table["n_counterparts"] = counts.reindex(keys, fill_value=0).to_numpy()
    scored = build.tables.get("sentiment_sentences")
    if scored is not None:
        tone = scored.set_index(["article", "sentence"])[["compound", "label"]]
        table["compound"] = tone["compound"].reindex(keys).to_numpy()
        table["tone"] = tone["label"].reindex(keys).to_numpy()
    return table.reset_index(drop=True)


def _step_figures(build: _Build) -> None:
    """Keep the inputs of each figure, for the first pair (drawn by :meth:`Report.figure`)."""
    a, b = build.pairs[0]
    alignment = build.alignments[(a, b)]
    sentences = build.corpus.sentences
    tables = build.tables
    presence = rows_of_pair(tables.get("coverage_presence"), a, b)
    if {"a", "b"} <= set(presence.columns):
        presence = presence.drop(columns=["a", "b"])
    presence = presence.rename(columns={"item_kind": "kind", "status": "presence"})
    pair_rows = {
        name: rows_of_pair(tables.get(name), a, b)
        for name in ("distinguishing_terms", "frames", "modality", "sentiment_pairs")
    }
    build.figure_inputs = {
        "alignment": FigureInput(
            (
                sentences[sentences["article"] == a],
                sentences[sentences["article"] == b],
                alignment.pairs,
            )
        ),
        "similarity": FigureInput((_similarity_frame(alignment), alignment.pairs)),
        "coverage": FigureInput((presence,)),
        "distinguishing_terms": FigureInput(
            (pair_rows["distinguishing_terms"],), {"n_labels": build.config.n_terms}
        ),
        "frames": FigureInput((pair_rows["frames"],)),
        "modality": FigureInput((pair_rows["modality"],)),
        "tone": FigureInput((_tone_points(tables["sentiment_sentences"], a, b),)),
        "tone_arc": FigureInput((_arc_points(tables["tone_arc"], a, b),)),
        "tone_shifts": FigureInput((pair_rows["sentiment_pairs"],)),
    }
    build.captions = {
        name: fig.figure_caption(name, method=build.config.method) for name in build.figure_inputs
    }


def _tone_points(scored: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Body sentences of A and B with their compound score, A first."""
    keep = scored["article"].isin([a, b]) & scored["is_body"].astype(bool)
    points = scored.loc[keep, ["article", "sentence", "compound"]]
    order = points["article"].map({a: 0, b: 1})
    return points.assign(_order=order).sort_values(["_order", "sentence"]).drop(columns="_order")


def _arc_points(arc: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Give the tone arc of A and B as ``article, position, compound`` (bin midpoints)."""
    keep = arc[arc["article"].isin([a, b])].dropna(subset=["mean_compound"])
    return pd.DataFrame(
        {
            "article": keep["article"].to_numpy(),
            "position": ((keep["bin_start"] + keep["bin_end"]) / 2).to_numpy(),
            "compound": keep["mean_compound"].to_numpy(),
        }
    )


def _similarity_frame(alignment: Alignment) -> pd.DataFrame:
    """Wrap the similarity matrix in a DataFrame (rows: sentences of A, columns: of B)."""
    return pd.DataFrame(alignment.similarity)


def _step_findings(build: _Build) -> None:
    build.findings = report_findings(
        build.tables, build.corpus, build.config, articles=build.articles, pairs=build.pairs
    )


_STEP_FUNCTIONS: Mapping[str, Callable[[_Build], None]] = {
    "alignment": _step_alignment,
    "actors": _step_actors,
    "numbers": _step_numbers,
    "coverage": _step_coverage,
    "framing": _step_framing,
    "sentiment": _step_sentiment,
    "figures": _step_figures,
    "findings": _step_findings,
}


def _run_metadata(build: _Build) -> dict[str, Any]:
    commit, dirty = git_commit()
    articles = build.corpus.articles.set_index("id")
    config = build.config
    return {
        "generator": GENERATOR,
        "version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "event": build.event,
        "articles": [
            {
                "side": side_label(i),
                "id": article,
                "path": str(articles.loc[article, "path"]),
                "format": str(articles.loc[article, "format"]),
                "sha256": str(articles.loc[article, "sha256"]),
            }
            for i, article in enumerate(build.articles)
        ],
        "pairs": [list(pair) for pair in build.pairs],
        "parameters": config.to_dict(),
        "resolved_parameters": {
            "align_partial": config.align_partial
            if config.align_partial is not None
            else DETAIL_THRESHOLDS.get(config.method, DETAIL_THRESHOLDS["lexical"])
        },
        "libraries": library_versions(),
        "package_data": data_hashes(),
        "citations": citations("report"),
        "validation": validations(),
        "tables": _ordered(build.tables),
        "figures": list(build.figure_inputs),
    }
