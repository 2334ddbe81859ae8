"""The report: every table and figure of one event's comparison, and the files they are written to.

:func:`build_report` runs the whole comparison of one event (alignment, actors and quotes,
numbers, coverage gaps, framing, sentiment), draws the figures and phrases the main findings in
plain words; it writes nothing and returns a frozen :class:`Report`. :func:`write_report` writes
a report folder (the output contract of DESIGN.md)::

    <out_dir>/tables/<name>.csv|.tex|.md     every table (analysis.report.tables renders them)
    <out_dir>/figures/<name>.pdf|.svg|.png   every figure, + <name>.caption.txt (method, citation)
    <out_dir>/index.html                     self-contained side-by-side report (works offline)
    <out_dir>/report.md, report.tex          the same report as Markdown and LaTeX documents
    <out_dir>/run.json                       version, git commit, parameters, input hashes,
                                             library versions, citations (no timestamps)

Every parameter of the pipeline lives in one frozen :class:`ReportConfig` with its default;
:meth:`ReportConfig.from_toml` is the only place a configuration file is read. Identical inputs
and parameters give byte-identical tables, SVG and PDF figures (fixed float formatting, fixed
matplotlib metadata and SVG hash salt, no timestamps).

Sides: for two articles, A is the first id in sorted order and B the second. With more than two,
every pair ``(a, b)`` with ``a < b`` is compared; pairwise tables hold every pair (the columns
``a``/``b`` or ``a_article``/``b_article`` say which), the figures and findings show the first
pair, and ``index.html`` has a pair selector.

Tables made here (the others come from the analysis modules, see ``docs/architecture.md``):

- ``articles``: :data:`ARTICLE_TABLE_COLUMNS`, the metadata of each article (no text).
- ``sentences``: the corpus sentence table plus ``n_counterparts`` (aligned sentences in the other
  articles) and, when scored, ``compound`` (VADER sentence tone).
- ``summary``: one row per article pair, :data:`SUMMARY_COLUMNS`: body sentences of each side,
  how many have a counterpart and their share (0..1), pairs by relation, mean similarity.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import logging
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from matplotlib.figure import Figure

from analysis import __version__
from analysis.align.alignment import DEFAULT_EQUIVALENT, DEFAULT_K, DEFAULT_MARGIN, align_articles
from analysis.align.scorers import DETAIL_THRESHOLDS
from analysis.corpus.loader import Corpus
from analysis.diff.coverage import (
    compare_presence,
    coverage_gaps,
    coverage_matrix,
    coverage_summary,
)
from analysis.diff.frames import load_frame_dictionary
from analysis.diff.framing import NOTES as FRAMING_NOTES
from analysis.diff.framing import framing_tables
from analysis.diff.modality import load_modality_lexicon
from analysis.diff.resampling import DEFAULT_N_RESAMPLES, DEFAULT_SEED
from analysis.diff.tone import (
    ACTOR_TONE_NOTE,
    TARGET_METHODS,
    actor_tone,
    compare_tone,
    score_sentences,
    summarize_tone,
    tone_arc,
    tone_pairs,
)
from analysis.errors import AnalysisError, ConfigError
from analysis.extract.actors import actor_table, extract_mentions, load_codebook
from analysis.extract.quantities import compare_numbers, extract_numbers
from analysis.extract.quotes import extract_quotes, match_quotes
from analysis.report import plots as fig
from analysis.report.output import (
    FIGURE_FORMATS,
    figure_bytes,
    freeze_figure,
    git_commit,
    library_versions,
    replace_folder,
)
from analysis.report.tables import LATEX_PREAMBLE, format_number, latex_escape, to_csv, to_latex
from analysis.report.tables import to_markdown as table_to_markdown
from analysis.resources import data_hashes

__all__ = [
    "ARTICLE_TABLE_COLUMNS",
    "CITATIONS",
    "STEPS",
    "SUMMARY_COLUMNS",
    "Report",
    "ReportConfig",
    "build_report",
    "write_report",
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

#: Citation of every method the report uses (written to run.json and docs/methods.md).
CITATIONS: Mapping[str, str] = MappingProxyType(
    {
        "similarity": (
            "Calibrated sentence similarity: logistic regression (Cox 1958) over lexical features "
            "(TF-IDF cosine, Salton & Buckley 1988) fitted on MRPC (Dolan & Brockett 2005)."
        ),
        "alignment": (
            "Margin-based mining of sentence pairs (Artetxe & Schwenk 2019), many-to-many, "
            "order-free."
        ),
        "actors": (
            "Rule- and gazetteer-based named-entity recognition (Mikheev, Moens & Grover 1999); "
            "evaluated on ECB+ (Cybulska & Vossen 2014)."
        ),
        "quotes": (
            "Quotation attribution by the cue-source-content model (Pareti 2016, PARC 3.0; "
            "Krestel, Bergler & Witte 2008)."
        ),
        "coverage": (
            "Omission and source selection as forms of media bias (Entman 2007; Hamborg, Donnay "
            "& Gipp 2019)."
        ),
        "distinguishing_terms": (
            "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)."
        ),
        "word_choice": (
            "Equivalence framing (Druckman 2001; Entman 1993): token differences of aligned "
            "sentences (Ratcliff/Obershelp matching, Python difflib)."
        ),
        "emphasis": "Salience and the inverted pyramid (Entman 1993; Pöttker 2003).",
        "frames": (
            "Dictionary frames after the generic news frames of Semetko & Valkenburg (2000) and "
            "the Policy Frames Codebook (Boydstun et al. 2014)."
        ),
        "modality": (
            "Hedges and boosters (Hyland 1998, 2005); speculation cues (Farkas et al. 2010); "
            "reporting verbs (Bergler 1992)."
        ),
        "sentiment": (
            "VADER sentence sentiment (Hutto & Gilbert 2014), vaderSentiment's reference "
            "implementation."
        ),
        "actor_tone": (
            "Target-dependent tone (Hamborg & Donnay 2021, NewsMTSC, training data): logistic "
            "regressions on lexical features and on all-MiniLM-L6-v2 token vectors (Wang et al. "
            "2020; Reimers & Gurevych 2019) pooled over the target (Gao et al. 2019), fused."
        ),
        "uncertainty": (
            "Sentence-level bootstrap confidence intervals, BCa (Efron 1987; Efron & Tibshirani "
            "1993); two-sided permutation tests (Good 2005)."
        ),
        "palette": "Colour-blind-safe palette of Okabe & Ito (2008).",
    }
)

#: Libraries whose versions run.json records.

#: Order of the tables in the HTML and document renderings; others follow alphabetically.
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
_HTML_MAX_ROWS = 150
#: Figures wider than this (inches) span both columns of the HTML figure grid.
_WIDE_FIGURE_INCHES = 5.0
_RUN_JSON = "run.json"
_GENERATOR = "storydiff-news"


# --------------------------------------------------------------------------- configuration

_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float,),
    "bool": (bool,),
    "float | None": (float, type(None)),
}


@dataclass(frozen=True)
class ReportConfig:
    """Every parameter of the report pipeline, with its default (one place for all of them).

    - Alignment (:mod:`analysis.align.alignment`): ``method`` (similarity scorer: lexical, embeddings,
      hybrid), ``align_equivalent`` (calibrated probability for an equivalent pair),
      ``align_partial`` (similarity a pair needs; unset = the scorer's STS-calibrated cut),
      ``align_margin`` (minimum ratio margin), ``align_k`` (neighbours in the margin).
    - Resampling statistics (:mod:`analysis.diff.resampling`): ``seed``, ``n_resamples``,
      ``confidence_level``.
    - Actors and quotes: ``actor_method`` (rules or spacy), ``codebook`` (path of an alias
      codebook, "" = none), ``quote_min_similarity`` (word overlap for matching quotations).
    - Framing: ``logodds_prior`` (corpus, wordfreq, uniform), ``n_lead`` (lead sentences),
      ``frames_dictionary`` / ``modality_lexicon`` (paths of user lexicons, "" = shipped).
    - Sentiment: ``tone_bins`` (position bins of the tone arc), ``actor_tone_method``
      (``classifier``: lexical and MiniLM features trained on NewsMTSC; ``lexical``: its faster
      lexical part alone; ``vader``: the sentence's VADER label).
    - Figures and findings: ``n_terms`` (distinguishing terms labelled per side),
      ``n_findings_items`` (names or figures listed per finding line).
    """

    method: str = "lexical"
    align_equivalent: float = DEFAULT_EQUIVALENT
    align_partial: float | None = None
    align_margin: float = DEFAULT_MARGIN
    align_k: int = DEFAULT_K
    seed: int = DEFAULT_SEED
    n_resamples: int = DEFAULT_N_RESAMPLES
    confidence_level: float = 0.95
    actor_method: str = "rules"
    codebook: str = ""
    quote_min_similarity: float = 0.3
    logodds_prior: str = "corpus"
    n_lead: int = 3
    frames_dictionary: str = ""
    modality_lexicon: str = ""
    tone_bins: int = 10
    actor_tone_method: str = "classifier"
    n_terms: int = 15
    n_findings_items: int = 3

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            expected = _FIELD_TYPES[str(item.type)]
            if float in expected and isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, item.name, float(value))
            elif not isinstance(value, expected) or isinstance(value, bool) != (bool in expected):
                names = " or ".join("none" if t is type(None) else t.__name__ for t in expected)
                raise ConfigError(f"parameter {item.name} = {value!r} must be of type {names}")
        if self.n_resamples < 1:
            raise ConfigError(f"n_resamples = {self.n_resamples} must be at least 1")
        if not 0 < self.confidence_level < 1:
            raise ConfigError(
                f"confidence_level = {self.confidence_level} must lie between 0 and 1, e.g. 0.95"
            )
        for name in ("align_k", "n_lead", "tone_bins", "n_terms", "n_findings_items"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} = {getattr(self, name)} must be at least 1")
        if self.actor_tone_method not in TARGET_METHODS:
            raise ConfigError(
                f"actor_tone_method = {self.actor_tone_method!r} is unknown; use one of"
                f" {', '.join(TARGET_METHODS)} (the former 'embeddings' is now 'classifier')"
            )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, source: str = "config") -> ReportConfig:
        """A config from ``{parameter: value}``; an unknown key raises :class:`ConfigError`."""
        known = {item.name for item in dataclasses.fields(cls)}
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"{source}: unknown parameter {key!r}; known parameters: "
                    + ", ".join(sorted(known))
                )
        return cls(**dict(values))

    @classmethod
    def from_toml(cls, path: str | Path) -> ReportConfig:
        """Read a TOML file of parameters (flat ``key = value``, or all under ``[report]``).

        Relative lexicon and codebook paths are resolved against the file's folder.
        """
        path = Path(path)
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} does not exist; give a TOML file") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        if set(values) == {"report"} and isinstance(values["report"], dict):
            values = values["report"]
        for key in ("codebook", "frames_dictionary", "modality_lexicon"):
            if isinstance(values.get(key), str) and values[key]:
                candidate = Path(values[key])
                if not candidate.is_absolute():
                    values[key] = str(path.parent / candidate)
        return cls.from_mapping(values, source=str(path))

    def replace(self, **changes: Any) -> ReportConfig:
        """A copy with *changes* applied (validated like the constructor)."""
        return self.from_mapping({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        """Every parameter and its value, in declaration order."""
        return dataclasses.asdict(self)


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Report:
    """The computed comparison of one event: tables, figures, findings and run metadata.

    ``articles`` are the event's article ids in sorted order (A, B, ...); ``pairs`` the
    compared pairs, the first one being the one shown in figures and findings. ``tables`` maps
    CSV names to DataFrames; ``figures`` maps figure names to matplotlib Figures and
    ``captions`` to their captions; ``findings`` are plain-word summary lines; ``metadata`` is
    what run.json holds. Shows itself in Jupyter (``_repr_html_``) and renders as Markdown
    (:meth:`as_markdown`), LaTeX (:meth:`as_latex`) and a self-contained page (:meth:`as_html`).
    """

    event: str
    articles: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    tables: Mapping[str, pd.DataFrame]
    figures: Mapping[str, Figure]
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

    def table_names(self) -> list[str]:
        """Table names in report order."""
        return _ordered(self.tables)

    def figure_svg(self, name: str) -> str:
        """SVG text of figure *name* (text kept as text, fixed ids and metadata)."""
        return figure_bytes(self.figures[name], "svg").decode("utf-8")

    def as_html(self) -> str:
        """The self-contained HTML page (``index.html``)."""
        return _render_html(self)

    def _repr_html_(self) -> str:
        return _render_fragment(self)

    def as_markdown(self) -> str:
        """The report as a Markdown document: findings, articles, figures (files), tables."""
        lines = [f"# {_md_text(self.event)}", "", "## Findings", ""]
        lines += [f"- {_md_text(line)}" for line in self.findings]
        lines += ["", "## Figures", ""]
        for name in self.figures:
            lines += [
                f"![{name}](figures/{name}.svg)",
                "",
                f"*{_md_text(name)}.* {_md_text(self.captions.get(name, ''))}",
                "",
            ]
        lines += ["## Tables", ""]
        for name in self.table_names():
            lines += [f"### {_md_text(name)}", "", table_to_markdown(self.tables[name]).rstrip()]
            lines.append("")
        lines += ["## Methods", ""]
        lines += [f"- **{key}**: {_md_text(value)}" for key, value in CITATIONS.items()]
        return "\n".join(lines) + "\n"

    def as_latex(self) -> str:
        """The report as a LaTeX document (pdfLaTeX); figures are included from ``figures/``."""
        body = [
            "\\section*{Findings}",
            "\\begin{itemize}",
            *[f"  \\item {latex_escape(line)}" for line in self.findings],
            "\\end{itemize}",
            "\\section*{Figures}",
        ]
        for name in self.figures:
            body += [
                "\\begin{figure}[htbp]",
                "\\centering",
                f"\\includegraphics[width=\\linewidth]{{figures/{name}.pdf}}",
                f"\\caption{{{latex_escape(self.captions.get(name, name))}}}",
                f"\\label{{fig:{_label(name)}}}",
                "\\end{figure}",
            ]
        body.append("\\clearpage\\section*{Tables}")
        for name in self.table_names():
            body += [
                f"\\subsection*{{{latex_escape(name)}}}",
                "{\\footnotesize\\setlength{\\tabcolsep}{3pt}",
                to_latex(self.tables[name], label=f"tab:{_label(name)}").rstrip(),
                "}",
            ]
        return (
            "\\documentclass[a4paper,10pt]{article}\n"
            + LATEX_PREAMBLE
            + "\\usepackage{graphicx}\n\\usepackage[margin=2cm]{geometry}\n"
            + f"\\title{{{latex_escape(self.event)}}}\n\\date{{}}\n"
            + "\\begin{document}\n\\maketitle\n"
            + "\n".join(body)
            + "\n\\end{document}\n"
        )


def _ordered(names: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(_TABLE_ORDER)}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def _label(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# --------------------------------------------------------------------------- building


@dataclass
class _Build:
    """Working state of one :func:`build_report` run (internal; never returned)."""

    corpus: Corpus
    event: str
    config: ReportConfig
    articles: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    alignments: dict[tuple[str, str], Any] = field(default_factory=dict)
    mentions: pd.DataFrame | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)


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


def _pairwise(
    build: _Build, compute: Callable[[str, str], Mapping[str, pd.DataFrame]]
) -> dict[str, pd.DataFrame]:
    """Run *compute* on every pair and stack each named table over the pairs."""
    stacked: dict[str, list[pd.DataFrame]] = {}
    for a, b in build.pairs:
        for name, table in compute(a, b).items():
            stacked.setdefault(name, []).append(_with_pair(table, a, b))
    return {name: _concat(parts) for name, parts in stacked.items()}


def build_report(
    corpus: Corpus,
    event: str | None = None,
    config: ReportConfig | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Compare the articles of *event* (default: the corpus's only event); writes nothing.

    *config* holds every parameter (default :class:`ReportConfig()`). *progress*, if given, is
    called with each step's name (:data:`STEPS`) before the step runs; the CLI uses it to drive a
    progress bar. Raises :class:`~analysis.errors.ConfigError` for an unknown event or an event
    with fewer than two articles or an article without body sentences.
    """
    config = config if config is not None else ReportConfig()
    if event is None:
        events = corpus.events()
        if len(events) != 1:
            raise ConfigError(f"the corpus holds {len(events)} events; name one of {events}")
        event = events[0]
    sub = _event_corpus(corpus, event)
    articles = tuple(sorted(str(a) for a in sub.articles["id"]))
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
        figures=MappingProxyType(dict(build.figures)),
        captions=MappingProxyType(dict(build.captions)),
        findings=tuple(build.findings),
        metadata=MappingProxyType(_run_metadata(build)),
        config=config,
        corpus=sub,
    )


def _step_alignment(build: _Build) -> None:
    for a, b in build.pairs:
        build.alignments[(a, b)] = align_articles(
            build.corpus,
            a,
            b,
            method=build.config.method,
            equivalent=build.config.align_equivalent,
            partial=build.config.align_partial,
            margin=build.config.align_margin,
            k=build.config.align_k,
        )
    build.tables["alignment"] = _concat(
        [alignment.pairs for alignment in build.alignments.values()]
    )
    build.tables["articles"] = _articles_table(build.corpus, build.articles)
    build.tables["summary"] = _summary_table(build)


def _articles_table(corpus: Corpus, articles: tuple[str, ...]) -> pd.DataFrame:
    table = corpus.articles.set_index("id").loc[list(articles)].reset_index()
    table.insert(0, "side", [_side_label(i) for i in range(len(articles))])
    return table[ARTICLE_TABLE_COLUMNS].reset_index(drop=True)


def _side_label(index: int) -> str:
    """A, B, C, ... Z, then A27, A28, ... for very large events."""
    return chr(ord("A") + index) if index < 26 else f"A{index + 1}"


def _body_ids(corpus: Corpus, article: str) -> set[int]:
    sentences = corpus.sentences
    body = sentences[(sentences["article"] == article) & sentences["is_body"].astype(bool)]
    return set(body["sentence"].astype(int))


def _summary_table(build: _Build) -> pd.DataFrame:
    rows = []
    for (a, b), alignment in build.alignments.items():
        pairs = alignment.pairs
        body_a, body_b = _body_ids(build.corpus, a), _body_ids(build.corpus, b)
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
    build.tables.update(
        _pairwise(
            build,
            lambda a, b: {
                "quote_matches": match_quotes(
                    quotes,
                    build.alignments[(a, b)],
                    a=a,
                    b=b,
                    min_similarity=config.quote_min_similarity,
                )
            },
        )
    )


def _step_numbers(build: _Build) -> None:
    numbers = extract_numbers(build.corpus.sentences)
    build.tables["numbers"] = numbers
    build.tables.update(
        _pairwise(
            build,
            lambda a, b: {
                "number_comparison": compare_numbers(numbers, build.alignments[(a, b)], a=a, b=b)
            },
        )
    )


def _step_coverage(build: _Build) -> None:
    sentences = build.corpus.sentences
    extra = (build.mentions, build.tables["quotes"], build.tables["numbers"])

    def compute(a: str, b: str) -> dict[str, pd.DataFrame]:
        alignment = build.alignments[(a, b)]
        return {
            "coverage_gaps": coverage_gaps(alignment, sentences, *extra, a=a, b=b),
            "coverage_summary": coverage_summary(alignment, sentences, *extra, a=a, b=b),
            "coverage_presence": compare_presence(alignment, sentences, *extra, a=a, b=b),
        }

    build.tables.update(_pairwise(build, compute))
    matrix = coverage_matrix(build.corpus, build.alignments)
    build.tables["coverage_matrix"] = _matrix_table(matrix)
    build.tables["coverage_omissions"] = matrix.omissions


def _matrix_table(matrix: Any) -> pd.DataFrame:
    """One row per information unit: its representative sentence, then one count per article."""
    counts = matrix.matrix.reset_index()
    units = matrix.units.drop_duplicates("unit")
    return units.merge(counts, on="unit", how="left")


def _step_framing(build: _Build) -> None:
    config = build.config
    frames = load_frame_dictionary(config.frames_dictionary or None)
    modality = load_modality_lexicon(config.modality_lexicon or None)
    sentences = build.corpus.sentences
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
                confidence_level=config.confidence_level,
                n_resamples=config.n_resamples,
                seed=config.seed,
            ),
        )
    )


def _step_sentiment(build: _Build) -> None:
    config = build.config
    scored = score_sentences(build.corpus.sentences)
    build.tables["sentiment_sentences"] = scored
    build.tables["sentiment_summary"] = summarize_tone(
        scored,
        n_resamples=config.n_resamples,
        confidence_level=config.confidence_level,
        seed=config.seed,
    )
    build.tables.update(
        _pairwise(
            build,
            lambda a, b: {
                "sentiment_comparison": compare_tone(
                    scored, a, b, n_resamples=config.n_resamples, seed=config.seed
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


def _of_pair(table: pd.DataFrame | None, a: str, b: str) -> pd.DataFrame:
    """The rows of a stacked pairwise table that belong to pair (a, b)."""
    if table is None:
        return pd.DataFrame()
    for left, right in (("a", "b"), ("a_article", "b_article")):
        if {left, right} <= set(table.columns):
            keep = (table[left].astype(str) == a) & (table[right].astype(str) == b)
            return table[keep].reset_index(drop=True)
    return table


def _step_figures(build: _Build) -> None:
    a, b = build.pairs[0]
    alignment = build.alignments[(a, b)]
    sentences = build.corpus.sentences
    tables = build.tables
    presence = _of_pair(tables.get("coverage_presence"), a, b)
    if {"a", "b"} <= set(presence.columns):
        presence = presence.drop(columns=["a", "b"])
    presence = presence.rename(columns={"item_kind": "kind", "status": "presence"})
    with fig.figure_style():
        axes = {
            "alignment": fig.plot_alignment(
                sentences[sentences["article"] == a],
                sentences[sentences["article"] == b],
                alignment.pairs,
            ),
            "similarity": fig.plot_similarity(_similarity_frame(build, alignment), alignment.pairs),
            "coverage": fig.plot_coverage(presence),
            "distinguishing_terms": fig.plot_distinguishing_terms(
                _of_pair(tables.get("distinguishing_terms"), a, b), n_labels=build.config.n_terms
            ),
            "frames": fig.plot_frames(_of_pair(tables.get("frames"), a, b)),
            "modality": fig.plot_modality(_of_pair(tables.get("modality"), a, b)),
            "tone": fig.plot_tone(_tone_points(tables["sentiment_sentences"], a, b)),
            "tone_arc": fig.plot_tone_arc(_arc_points(tables["tone_arc"], a, b)),
            "tone_shifts": fig.plot_tone_shifts(_of_pair(tables.get("sentiment_pairs"), a, b)),
        }
        for name, ax in axes.items():
            figure = ax.get_figure()
            if not isinstance(figure, Figure):  # pragma: no cover - plot functions make Figures
                raise AnalysisError(f"figure {name} was not drawn on a matplotlib Figure")
            build.figures[name] = freeze_figure(figure)
            build.captions[name] = fig.figure_caption(name, method=build.config.method)


def _tone_points(scored: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Body sentences of A and B with their compound score, A first."""
    keep = scored["article"].isin([a, b]) & scored["is_body"].astype(bool)
    points = scored.loc[keep, ["article", "sentence", "compound"]]
    order = points["article"].map({a: 0, b: 1})
    return points.assign(_order=order).sort_values(["_order", "sentence"]).drop(columns="_order")


def _arc_points(arc: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The tone arc of A and B as ``article, position, compound`` (bin midpoints)."""
    keep = arc[arc["article"].isin([a, b])].dropna(subset=["mean_compound"])
    return pd.DataFrame(
        {
            "article": keep["article"].to_numpy(),
            "position": ((keep["bin_start"] + keep["bin_end"]) / 2).to_numpy(),
            "compound": keep["mean_compound"].to_numpy(),
        }
    )


def _similarity_frame(build: _Build, alignment: Any) -> pd.DataFrame:
    """The similarity matrix labelled with sentence numbers (rows: A, columns: B)."""
    matrix = alignment.similarity
    if isinstance(matrix, pd.DataFrame):
        return matrix
    return pd.DataFrame(matrix)


# --------------------------------------------------------------------------- findings


def _names(items: Iterable[str], limit: int) -> str:
    """'x, y and z' for up to *limit* items, then 'and N more'."""
    items = [str(item) for item in items if str(item)]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) > 1:
        return ", ".join(items[:-1]) + " and " + items[-1]
    return items[0] if items else ""


def _shorten(text: str, width: int = 140) -> str:
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _split_list(value: Any) -> list[str]:
    if not isinstance(value, str) or not value:
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


def _finding_alignment(build: _Build, a: str, b: str) -> list[str]:
    summary = _of_pair(build.tables["summary"], a, b)
    if not len(summary):
        return []
    row = summary.iloc[0]
    lines = [
        f"{row.a_matched} of {row.a_body_sentences} body sentences in A have a counterpart in B; "
        f"{row.b_matched} of {row.b_body_sentences} body sentences in B have one in A."
    ]
    if row.n_pairs:
        lines.append(
            f"The aligner found {row.n_pairs} sentence pairs ({row.n_equivalent} equivalent, "
            f"{row.n_partial} partial; mean similarity {row.mean_similarity:.2f})."
        )
    return lines


def _finding_people(build: _Build, a: str, b: str) -> list[str]:
    summary = _of_pair(build.tables.get("coverage_summary"), a, b)
    if not len(summary) or "article" not in summary.columns:
        return []
    limit = build.config.n_findings_items
    by_article = {str(row["article"]): row for _, row in summary.iterrows()}
    lines = []
    for column, verb in (("speakers_only_here", "quotes"), ("actors_only_here", "names")):
        parts = []
        for side, article in (("A", a), ("B", b)):
            row = by_article.get(article)
            items = _split_list(row[column]) if row is not None and column in row else []
            if items:
                parts.append(f"only {side} {verb} {_names(items, limit)}")
        if parts:
            sentence = "; ".join(parts)
            lines.append(sentence[0].upper() + sentence[1:] + ".")
    return lines


def _finding_passages(build: _Build, a: str, b: str) -> list[str]:
    gaps = build.tables.get("coverage_gaps")
    if gaps is None or not len(gaps):
        return []
    gaps = gaps[(gaps["kind"] == "sentence")]
    if {"a", "b"} <= set(gaps.columns):
        gaps = gaps[(gaps["a"] == a) & (gaps["b"] == b)]
    lines = []
    for side, article in (("A", a), ("B", b)):
        top = gaps[gaps["article"] == article].sort_values(["rank", "sentence"]).head(1)
        for _, row in top.iterrows():
            lines.append(
                f"Only {side} reports (sentence {row['sentence']}): {_shorten(row['text'])}"
            )
    return lines


def _finding_numbers(build: _Build, a: str, b: str) -> list[str]:
    compared = _of_pair(build.tables.get("number_comparison"), a, b)
    if not len(compared) or "status" not in compared.columns:
        return []
    limit = build.config.n_findings_items
    lines = []
    different = compared[compared["status"] == "different"]
    if len(different):
        items = [
            f"{row.a_text} (A) against {row.b_text} (B)"
            + (f" {row.unit}" if isinstance(row.unit, str) and row.unit else "")
            for row in different.itertuples()
        ]
        lines.append(f"Aligned sentences give different figures: {_names(items, limit)}.")
    # A figure repeated by one article (a summary box and the body) is "only here" solely when
    # the other article never gives the same value anywhere.
    values = {
        side: set(zip(compared[f"{side}_low"], compared[f"{side}_high"], strict=True))
        for side in ("a", "b")
    }
    for side, status, column in (("A", "a_only", "a_text"), ("B", "b_only", "b_text")):
        rows = compared[compared["status"] == status]
        other = values["b" if side == "A" else "a"]
        key = side.lower()
        alone = [
            (low, high) not in other
            for low, high in zip(rows[f"{key}_low"], rows[f"{key}_high"], strict=True)
        ]
        only = rows.loc[alone, column].astype(str)
        items = list(dict.fromkeys(only))
        if items:
            lines.append(f"Figures only {side} gives: {_names(items, limit)}.")
    return lines


#: Word substitutions quoted in the findings have at most this many words on each side (longer
#: ones are usually different content rather than different wording).
_SHORT_PHRASE = 3


def _in_body(pairs: str, body_a: set[int], body_b: set[int]) -> bool:
    """True when a word-choice row's first pair (``"a_sentence-b_sentence"``) is body text."""
    first = pairs.split(";")[0].strip()
    left, _, right = first.partition("-")
    try:
        return int(left) in body_a and int(right) in body_b
    except ValueError:
        return False


def _finding_words(build: _Build, a: str, b: str) -> list[str]:
    lines = []
    limit = build.config.n_findings_items
    choice = _of_pair(build.tables.get("word_choice"), a, b)
    if len(choice) and "kind" in choice.columns:
        short = choice["a_phrase"].astype(str).str.split().str.len().le(_SHORT_PHRASE) & choice[
            "b_phrase"
        ].astype(str).str.split().str.len().le(_SHORT_PHRASE)
        body = _body_ids(build.corpus, a), _body_ids(build.corpus, b)
        in_body = choice["pairs"].astype(str).map(lambda pairs: _in_body(pairs, *body))
        subs = choice[(choice["kind"] == "substitution") & short & in_body].head(limit)
        if len(subs):
            items = [f"“{row.a_phrase}” (A) for “{row.b_phrase}” (B)" for row in subs.itertuples()]
            lines.append(f"Same facts, different words: {_names(items, limit)}.")
    terms = _of_pair(build.tables.get("distinguishing_terms"), a, b)
    if len(terms) and "z" in terms.columns:
        ranked = terms.sort_values(["z", "term"], ascending=[False, True])
        top_a = ranked[ranked["z"] > 0]["term"].head(limit).tolist()
        top_b = ranked[ranked["z"] < 0]["term"].iloc[::-1].head(limit).tolist()
        if top_a and top_b:
            lines.append(
                f"Words most typical of A: {_names(top_a, limit)}; of B: {_names(top_b, limit)} "
                "(log-odds z-scores; indicative, not significant)."
            )
    return lines


def _finding_frames(build: _Build, a: str, b: str) -> list[str]:
    frames = _of_pair(build.tables.get("frames"), a, b)
    if not len(frames) or "diff" not in frames.columns:
        return []
    order = frames["diff"].abs().sort_values(ascending=False, kind="stable").index
    row = frames.loc[order[0]]
    if not row["diff"]:
        return []
    more, less = ("A", "B") if row["diff"] > 0 else ("B", "A")
    level = round(100 * build.config.confidence_level)
    return [
        f"Largest frame difference: {row['label'] or row['frame']} in "
        f"{100 * row['a_share']:.0f}% of A's body sentences and {100 * row['b_share']:.0f}% of "
        f"B's ({more} more than {less}; permutation p = {row['p_value']:.2f}; {level}% intervals "
        "in frames.csv)."
    ]


def _step_findings(build: _Build) -> None:
    a, b = build.pairs[0]
    names = {article: _side_label(i) for i, article in enumerate(build.articles)}
    lines = [
        "Compared: "
        + "; ".join(f"{names[article]} = {_describe(build, article)}" for article in build.articles)
        + "."
    ]
    for finder in (
        _finding_alignment,
        _finding_passages,
        _finding_people,
        _finding_numbers,
        _finding_words,
        _finding_frames,
        _finding_tone,
    ):
        lines.extend(finder(build, a, b))
    if len(build.articles) > 2:
        lines.append(
            f"The findings above compare A and B; tables hold all {len(build.pairs)} pairs of the "
            f"{len(build.articles)} articles."
        )
    build.findings = lines


def _describe(build: _Build, article: str) -> str:
    row = build.corpus.articles.set_index("id").loc[article]
    details = [str(row[key]) for key in ("outlet", "date") if str(row[key])]
    return f"{article} ({', '.join(details)})" if details else article


def _signed(value: float) -> str:
    """``+0.17``, ``-0.32``; a value that rounds to zero is ``0.00`` (never ``-0.00``)."""
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def _finding_tone(build: _Build, a: str, b: str) -> list[str]:
    summary = build.tables.get("sentiment_summary")
    compared = _of_pair(build.tables.get("sentiment_comparison"), a, b)
    if summary is None or not len(compared):
        return []
    rows = summary.set_index("article")
    level = round(100 * build.config.confidence_level)
    parts = [
        f"{side} {_signed(rows.loc[article, 'mean_compound'])} "
        f"[{_signed(rows.loc[article, 'ci_low'])}, {_signed(rows.loc[article, 'ci_high'])}]"
        for side, article in (("A", a), ("B", b))
        if article in rows.index
    ]
    lines = [
        f"Mean sentence tone (VADER compound, -1..1, {level}% CI): {'; '.join(parts)}; "
        f"difference p = {compared['p_value'].iloc[0]:.2f} (permutation test)."
    ]
    shifts = _of_pair(build.tables.get("sentiment_pairs"), a, b)
    if len(shifts):
        top = shifts.sort_values("abs_difference", ascending=False, kind="stable").iloc[0]
        if top["abs_difference"] >= 0.5:
            lines.append(
                f"Largest tone shift on the same fact: A sentence {top['a_sentence']} "
                f"({_signed(top['a_compound'])}) against B sentence {top['b_sentence']} "
                f"({_signed(top['b_compound'])})."
            )
    return lines


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


# --------------------------------------------------------------------------- run metadata


def _run_metadata(build: _Build) -> dict[str, Any]:
    commit, dirty = git_commit()
    articles = build.corpus.articles.set_index("id")
    return {
        "generator": _GENERATOR,
        "version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "event": build.event,
        "articles": [
            {
                "side": _side_label(i),
                "id": article,
                "path": str(articles.loc[article, "path"]),
                "format": str(articles.loc[article, "format"]),
                "sha256": str(articles.loc[article, "sha256"]),
            }
            for i, article in enumerate(build.articles)
        ],
        "pairs": [list(pair) for pair in build.pairs],
        "parameters": build.config.to_dict(),
        "resolved_parameters": {
            "align_partial": build.config.align_partial
            if build.config.align_partial is not None
            else DETAIL_THRESHOLDS.get(build.config.method, DETAIL_THRESHOLDS["lexical"])
        },
        "libraries": library_versions(),
        "package_data": data_hashes(),
        "citations": dict(CITATIONS),
        "tables": _ordered(build.tables),
        "figures": list(build.figures),
    }


# --------------------------------------------------------------------------- figures to bytes


def _inline_svg(svg: str) -> str:
    """SVG text without its XML declaration and DOCTYPE, for inlining in HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


# --------------------------------------------------------------------------- HTML

_STATUS_HINT = "Point at or click a sentence to see its counterpart in the other article."
_TAGS = {
    "headline": "headline",
    "byline": "byline",
    "summary": "summary",
    "image": "image",
    "caption": "caption",
    "boilerplate": "page furniture",
}
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("analysis", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def _static(name: str) -> str:
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), name)
    return source


def _json_for_script(data: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)  # escaped above: safe inside <script>


def _prefixed_svg(svg: str, prefix: str) -> str:
    """Make the ids of an inlined SVG unique in the page by prefixing them."""
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = svg.replace("url(#", f"url(#{prefix}")
    return re.sub(r'xlink:href="#', f'xlink:href="#{prefix}', svg)


def _intervals(text_length: int, spans: list[tuple[int, int, str, str]]) -> list[dict[str, str]]:
    """Cut a sentence of *text_length* into segments; *spans* are (start, end, kind, title)."""
    chosen: list[tuple[int, int, str, str]] = []
    for start, end, kind, title in sorted(spans, key=lambda s: (s[2] != "quote", s[0], -s[1])):
        start, end = max(0, start), min(text_length, end)
        if start >= end or any(start < e and s < end for s, e, _, _ in chosen):
            continue
        chosen.append((start, end, kind, title))
    return [
        {"start": str(s), "end": str(e), "kind": k, "title": t} for s, e, k, t in sorted(chosen)
    ]


def _quote_spans(report: Report) -> dict[tuple[str, int], list[tuple[int, int, str, str]]]:
    spans: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}
    quotes = report.tables.get("quotes")
    if quotes is None or not len(quotes):
        return spans
    sentences = report.corpus.sentences.set_index(["article", "sentence"])["text"]
    for row in quotes.itertuples():
        article, first, last = str(row.article), int(row.sentence), int(row.last_sentence)
        speaker = str(row.speaker)
        verb = f" ({row.verb})" if str(row.verb) else ""
        title = f"quotation; speaker: {speaker}{verb}"
        for number in range(first, last + 1):
            key = (article, number)
            if key not in sentences.index:
                continue
            length = len(sentences[key])
            start = int(row.start) if number == first else 0
            end = int(row.end) if number == last else length
            spans.setdefault(key, []).append((start, end, "quote", title))
        mention = str(row.speaker_mention)
        key = (article, int(row.speaker_sentence))
        if mention and key in sentences.index:
            found = re.search(rf"(?<!\w){re.escape(mention)}(?!\w)", sentences[key])
            if found:
                spans.setdefault(key, []).append(
                    (found.start(), found.end(), "speaker", f"quoted speaker: {speaker}")
                )
    return spans


def _article_view(report: Report, article: str, spans: Mapping[Any, Any]) -> dict[str, Any]:
    corpus = report.corpus
    row = corpus.articles.set_index("id").loc[article]
    blocks = corpus.blocks[corpus.blocks["article"] == article].sort_values("block")
    sentences = corpus.sentences[corpus.sentences["article"] == article]
    by_block = dict(list(sentences.groupby("block", sort=True)))
    view_blocks = []
    for block in blocks.itertuples():
        group = by_block.get(block.block)
        items = []
        if group is not None:
            for sentence in group.sort_values("sentence").itertuples():
                text = str(sentence.text)
                cuts = _intervals(len(text), spans.get((article, int(sentence.sentence)), []))
                segments, pos = [], 0
                for cut in cuts:
                    start, end = int(cut["start"]), int(cut["end"])
                    if pos < start:
                        segments.append({"text": text[pos:start], "kind": "", "title": ""})
                    segments.append(
                        {"text": text[start:end], "kind": cut["kind"], "title": cut["title"]}
                    )
                    pos = end
                if pos < len(text):
                    segments.append({"text": text[pos:], "kind": "", "title": ""})
                items.append(
                    {
                        "sid": str(sentence.id),
                        "n": int(sentence.sentence),
                        "align": "1" if bool(sentence.is_body) else "0",
                        "segments": segments,
                    }
                )
        view_blocks.append(
            {
                "block_type": str(block.block_type),
                "tag": _TAGS.get(str(block.block_type), ""),
                "sentences": items,
                "text": _block_note(str(block.block_type), str(block.text)) if not items else "",
            }
        )
    return {
        "id": article,
        "outlet": str(row["outlet"]),
        "date": str(row["date"]),
        "blocks": view_blocks,
    }


_IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")


def _block_note(block_type: str, text: str) -> str:
    """What a block without sentences shows: an image's alt text or file name, else its text."""
    if block_type == "image":
        found = _IMAGE_LINK.search(text)
        if found:
            return found.group(1) or found.group(2).rsplit("/", 1)[-1]
    return _shorten(text, 200)


def _links(report: Report) -> dict[str, list[list[Any]]]:
    links: dict[str, list[list[Any]]] = {}
    pairs = report.tables.get("alignment")
    if pairs is None:
        return links
    for row in pairs.itertuples():
        a_sid, b_sid = f"{row.a_article}:{row.a_sentence}", f"{row.b_article}:{row.b_sentence}"
        sim = round(float(row.similarity), 4)
        relation = str(row.relation)
        links.setdefault(a_sid, []).append(
            [b_sid, str(row.b_article), sim, int(row.b_sentence), relation]
        )
        links.setdefault(b_sid, []).append(
            [a_sid, str(row.a_article), sim, int(row.a_sentence), relation]
        )
    return links


def _table_view(name: str, table: pd.DataFrame, notes: Mapping[str, str]) -> dict[str, Any]:
    numeric = [
        pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
        for c in table.columns
    ]
    rows = [
        [(format_number(value), flag) for value, flag in zip(values, numeric, strict=True)]
        for values in table.head(_HTML_MAX_ROWS).itertuples(index=False, name=None)
    ]
    return {
        "name": name,
        "columns": [str(c) for c in table.columns],
        "rows": rows,
        "n_rows": len(table),
        "truncated": len(table) > _HTML_MAX_ROWS,
        "open": name == "summary",
        "description": notes.get(name, ""),
    }


def _table_notes() -> dict[str, str]:
    return {**FRAMING_NOTES, "actor_tone": ACTOR_TONE_NOTE}


def _article_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for i, article in enumerate(report.articles):
        row = report.corpus.articles.set_index("id").loc[article]
        url = str(row["url"])
        side = _side_label(i)
        rows.append(
            {
                "side": side,
                "css": {"A": "side-a", "B": "side-b"}.get(side, "side-x"),
                "id": article,
                "link": url if _SAFE_URL.match(url) else "",
                **{key: str(row[key]) for key in ("outlet", "title", "author", "date")},
                "n_sentences": int(row["n_sentences"]),
                "n_words": int(row["n_words"]),
            }
        )
    return rows


def _render_html(report: Report, svgs: Mapping[str, str] | None = None) -> str:
    script = _static("report.js")
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    import base64

    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{base64.b64encode(digest).decode('ascii')}'; "
        "base-uri 'none'; form-action 'none'"
    )
    spans = _quote_spans(report)
    views = {article: _article_view(report, article, spans) for article in report.articles}
    a_side = list(dict.fromkeys(a for a, _ in report.pairs))
    b_side = list(dict.fromkeys(b for _, b in report.pairs))
    commit = report.metadata.get("git_commit")
    notes = _table_notes()
    context = {
        "event": report.event,
        "version": report.metadata.get("version", __version__),
        "commit": commit or "",
        "csp": csp,
        "style": Markup(_static("report.css")),  # our own stylesheet
        "script": Markup(script),  # our own script (its hash is in the CSP)
        "articles": _article_rows(report),
        "findings": report.findings,
        "pairs": [{"label": f"{a} vs {b}", "a": a, "b": b} for a, b in report.pairs],
        "columns": [("a", [views[x] for x in a_side]), ("b", [views[x] for x in b_side])],
        "status_hint": _STATUS_HINT,
        "figures": [
            {
                "name": name,
                "svg": Markup(  # matplotlib escapes the text it writes
                    _prefixed_svg(
                        _inline_svg(svgs[name] if svgs else report.figure_svg(name)),
                        f"{_label(name)}-",
                    )
                ),
                "caption": report.captions.get(name, ""),
                "wide": report.figures[name].get_size_inches()[0] > _WIDE_FIGURE_INCHES,
            }
            for name in report.figures
        ],
        "tables": [_table_view(name, report.tables[name], notes) for name in report.table_names()],
        "parameters": list(report.config.to_dict().items()),
        "data_json": _json_for_script(
            {
                "links": _links(report),
                "pairs": [{"a": a, "b": b} for a, b in report.pairs],
                "status_hint": _STATUS_HINT,
            }
        ),
    }
    return _environment().get_template("report.html").render(context)


def _render_fragment(report: Report) -> str:
    """A compact HTML view for notebooks: findings, figures and the list of tables."""
    parts = [f"<h3>Report: {html.escape(report.event)}</h3><ul>"]
    parts += [f"<li>{html.escape(line)}</li>" for line in report.findings]
    parts.append("</ul><div style='display:flex;flex-wrap:wrap;gap:1em'>")
    for name in report.figures:
        svg = _prefixed_svg(_inline_svg(report.figure_svg(name)), f"nb-{_label(name)}-")
        parts.append(f"<div style='max-width:48%'>{svg}</div>")
    parts.append("</div><p>Tables: ")
    parts.append(
        ", ".join(
            f"<code>{html.escape(name)}</code> ({len(report.tables[name])} rows)"
            for name in report.table_names()
        )
    )
    parts.append(
        ". Full page: <code>report.as_html()</code>; files: <code>write_report</code>.</p>"
    )
    return "".join(parts)


# --------------------------------------------------------------------------- writing


def _report_files(report: Report) -> dict[str, bytes]:
    """Every file of the report folder: relative path -> bytes."""
    files: dict[str, bytes] = {}
    for name in report.table_names():
        table = report.tables[name]
        files[f"tables/{name}.csv"] = to_csv(table).encode("utf-8")
        files[f"tables/{name}.tex"] = to_latex(table, label=f"tab:{_label(name)}").encode("utf-8")
        files[f"tables/{name}.md"] = table_to_markdown(table).encode("utf-8")
    for name, figure in report.figures.items():
        for fmt in FIGURE_FORMATS:
            files[f"figures/{name}.{fmt}"] = figure_bytes(figure, fmt)
        caption = report.captions.get(name, "")
        files[f"figures/{name}.caption.txt"] = (caption + "\n").encode("utf-8")
    svgs = {name: files[f"figures/{name}.svg"].decode("utf-8") for name in report.figures}
    files["index.html"] = _render_html(report, svgs).encode("utf-8")
    files["report.md"] = report.as_markdown().encode("utf-8")
    files["report.tex"] = report.as_latex().encode("utf-8")
    files[_RUN_JSON] = (
        json.dumps(dict(report.metadata), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    ).encode("utf-8")
    return files


def _is_replaceable(folder: Path) -> bool:
    """True for an empty folder or a report folder written before (run.json by this package)."""
    if not any(folder.iterdir()):
        return True
    run = folder / _RUN_JSON
    try:
        return json.loads(run.read_text(encoding="utf-8")).get("generator") == _GENERATOR
    except (OSError, ValueError, AttributeError):
        return False


def write_report(report: Report, out_dir: str | Path) -> Path:
    """Write *report* into the folder *out_dir* (see the module docstring); returns its path.

    The files are written into a hidden temporary folder beside *out_dir* that then takes its
    place in one atomic exchange (:func:`analysis.report.output.replace_folder`), so an interrupted run
    leaves the previous report intact and never a half-written folder under the final name.
    An existing *out_dir* is only replaced if it is empty or holds a report written by this
    package; anything else raises :class:`ConfigError`.
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or not _is_replaceable(out)):
        raise ConfigError(
            f"{out} exists and is not a storydiff report folder; choose another output folder"
        )
    files = _report_files(report)
    replace_folder(files, out)
    logger.info("wrote report %s (%d files)", out, len(files))
    return out
