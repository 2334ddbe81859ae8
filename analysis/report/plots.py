"""Figures of a comparison: each function draws one computed table on a matplotlib Axes.

Compute first, draw second (the seaborn / scikit-learn Display contract): every ``plot_*``
function takes a table computed by an analysis module and an optional Axes, draws on that Axes
(creating a :class:`matplotlib.figure.Figure` of journal-column size only when none is given;
pyplot is never used, so no global figure state builds up in batch runs) and returns the Axes.
Nothing here saves, shows, computes a published statistic or reads a file; an empty table draws
an Axes with a "no data" note instead of raising.

Style is scoped, never global: draw *and save* inside ``with figure_style():`` to get the house
style (seaborn "ticks", 7-9 pt fonts, text kept as text in SVG and PDF, a fixed SVG hash salt,
300 dpi PNG). Widths follow journal columns (:data:`SINGLE_COLUMN` 3.5 in,
:data:`DOUBLE_COLUMN` 7 in). Colours come from the Okabe & Ito (2008) colour-blind-safe palette
(:data:`PALETTE`); article A is always blue, article B vermillion, shared content grey.

Input columns (the contracts of ``docs/architecture.md``; names are the constants below):

- ``plot_alignment``: sentences tables of A and B (``article, sentence, block_type, is_body,
  n_words``) and the pairs table (``a_sentence, b_sentence, similarity, relation``).
- ``plot_similarity``: the similarity matrix (rows = sentences of A in reading order) and pairs.
- ``plot_coverage``: ``item_kind`` (actor, speaker, number), ``status`` (``both``, ``a_only``,
  ``b_only``), one row per item (or a count column ``n``).
- ``plot_distinguishing_terms``: ``term``, ``z`` (positive = more typical of A), the counts
  ``a_count``, ``b_count``; optionally ``flag`` (bool) and ``a``, ``b`` (side names).
- ``plot_frames`` / ``plot_modality``: one row per frame / category with ``a_share`` /
  ``a_per_sentence`` and ``a_ci_low``, ``a_ci_high``, the same for ``b``, and ``label``.
- ``plot_tone``: scored sentences (``article``, ``compound``).
- ``plot_tone_arc``: ``article``, ``bin_start``, ``bin_end`` (0..1), ``mean_compound``
  (:func:`analysis.diff.tone.tone_arc`).
- ``plot_tone_shifts``: scored pairs (``a_sentence``, ``b_sentence``, ``a_compound``,
  ``b_compound``, optionally ``a_text``).

:data:`FIGURE_CAPTIONS` (and :func:`figure_caption`) give each figure's caption: what it shows,
the method and its citation, for the caption file the report writes beside each figure.
"""

from __future__ import annotations

import logging
import math
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.errors import ConfigError

__all__ = [
    "A_COLOR",
    "B_COLOR",
    "DOUBLE_COLUMN",
    "FIGURE_CAPTIONS",
    "FIGURE_NAMES",
    "PALETTE",
    "RELATION_STYLES",
    "SHARED_COLOR",
    "SINGLE_COLUMN",
    "figure_caption",
    "figure_style",
    "plot_alignment",
    "plot_coverage",
    "plot_distinguishing_terms",
    "plot_frames",
    "plot_modality",
    "plot_outlet_measure",
    "plot_similarity",
    "plot_tone",
    "plot_tone_arc",
    "plot_tone_shifts",
]

logger = logging.getLogger(__name__)

#: Width in inches of a single journal column and of a full page (two columns).
SINGLE_COLUMN = 3.5
DOUBLE_COLUMN = 7.0

#: Okabe & Ito (2008) colour-blind-safe palette, in their order.
PALETTE: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
#: Article A, article B, and content both share.
A_COLOR = "#0072B2"
B_COLOR = "#D55E00"
SHARED_COLOR = "#BBBBBB"
_MUTED = "#555555"
#: Sequential colour map for the similarity matrix (perceptually uniform, CVD-safe).
SIMILARITY_CMAP = "cividis"

#: Line style of an alignment link by its relation; other relations are dotted.
RELATION_STYLES: Mapping[str, str] = {"equivalent": "-", "partial": "--"}

# Column names read here (the producing modules define the same names).
ARTICLE, SENTENCE, BLOCK_TYPE, IS_BODY, N_WORDS = (
    "article",
    "sentence",
    "block_type",
    "is_body",
    "n_words",
)
A_ARTICLE, B_ARTICLE, A_SENTENCE, B_SENTENCE = "a_article", "b_article", "a_sentence", "b_sentence"
SIMILARITY, RELATION = "similarity", "relation"
KIND, PRESENCE, COUNT, ITEM_KIND, STATUS = "kind", "presence", "n", "item_kind", "status"
#: Plural labels of the coverage item kinds.
KIND_LABELS: Mapping[str, str] = {"actor": "actors", "speaker": "speakers", "number": "numbers"}
TERM, Z, A_COUNT, B_COUNT, FLAG = "term", "z", "a_count", "b_count", "flag"
SIDE_A, SIDE_B, LABEL, PER_SENTENCE = "a", "b", "label", "per_sentence"
CONFIDENCE_LEVEL = "confidence_level"
FRAME, CATEGORY, SHARE, PER_100, CI_LOW, CI_HIGH = (
    "frame",
    "category",
    "share",
    "per_100_words",
    "ci_low",
    "ci_high",
)
BIN_START, BIN_END, MEAN_COMPOUND = "bin_start", "bin_end", "mean_compound"
COMPOUND, POSITION, A_COMPOUND, B_COMPOUND, A_TEXT = (
    "compound",
    "position",
    "a_compound",
    "b_compound",
    "a_text",
)
#: Presence values of the coverage table, in drawing order, with their legend labels.
PRESENCE_LABELS: Mapping[str, str] = {"both": "in both", "a_only": "A only", "b_only": "B only"}
#: VADER's neutral band (Hutto & Gilbert 2014): |compound| < 0.05 is neutral.
NEUTRAL_BAND = 0.05

#: Names of the figures, in report order; keys of :data:`FIGURE_CAPTIONS`.
FIGURE_NAMES: tuple[str, ...] = (
    "alignment",
    "similarity",
    "coverage",
    "distinguishing_terms",
    "frames",
    "modality",
    "tone",
    "tone_arc",
    "tone_shifts",
    "outlet_coverage",
    "outlet_tone",
)

#: Caption of each figure: what it shows, the method and its citation. ``{method}`` in the
#: alignment captions is the similarity scorer's name (see :func:`figure_caption`).
FIGURE_CAPTIONS: Mapping[str, str] = {
    "alignment": (
        "Sentence alignment of articles A and B. Each bar is one sentence in reading order "
        "(height proportional to its words; every fifth sentence numbered); hatched bars are "
        "headlines, headings and summary items. Lines join aligned sentences (solid: "
        "equivalent, dashed: partial; width: similarity); coloured bars have no counterpart "
        "in the other article. Alignment: {method} sentence similarity, order-free and "
        "many-to-many; a pair is kept when its graded similarity reaches the cut calibrated "
        "on the STS Benchmark (Cer et al. 2017) and its ratio margin over both sentences' "
        "nearest neighbours is at least 1 (Artetxe & Schwenk 2019); it is equivalent when "
        "the probability of the same statement, calibrated by logistic regression on MRPC "
        "(Dolan & Brockett 2005), is at least 0.5."
    ),
    "similarity": (
        "Graded similarity ({method} scorer, 0-1) of every sentence of A (rows) with every "
        "sentence of B (columns), sentences numbered in reading order. Squares mark pairs the "
        "aligner labels equivalent, crosses partial pairs (ratio margin, Artetxe & Schwenk "
        "2019; probabilities calibrated on MRPC, Dolan & Brockett 2005)."
    ),
    "coverage": (
        "Coverage: actors (people, organisations, places), quoted speakers and numbers found "
        "in both articles, in A only and in B only. Actors are found by rules and a gazetteer "
        "and merged across articles by alias; numbers are compared by value and unit. "
        "Omission and source selection as forms of media bias: Entman 2007; Hamborg et al. "
        "2019."
    ),
    "distinguishing_terms": (
        "Distinguishing terms: z-score of the log-odds ratio with an informative Dirichlet "
        "prior (Monroe, Colaresi & Quinn 2008) against each term's total frequency (log "
        "scale). Positive z: more typical of A; negative: of B. Dashed lines mark |z| = 1.96; "
        "with two article-sized texts few words pass it, so labelled terms are indicative, "
        "not significant."
    ),
    "frames": (
        "Frame shares: the share of each article's sentences matching a frame of the "
        "dictionary codebook (generic news frames after Semetko & Valkenburg 2000, plus "
        "security, diplomacy and domestic politics), with 95% sentence-level bootstrap "
        "confidence intervals (BCa; Efron 1987). Dictionary frames are indicative and need "
        "validation against human coding."
    ),
    "modality": (
        "Modality and attribution: rates of hedges, certainty markers and reporting verbs per "
        "article from the shipped lexicons (hedging after Hyland 2005), with 95% "
        "sentence-level bootstrap confidence intervals (BCa; Efron 1987)."
    ),
    "tone": (
        "Sentence tone per article: VADER compound score of each sentence (Hutto & Gilbert "
        "2014), with box plots (median, quartiles, whiskers to 1.5 IQR) and the mean "
        "(diamond). The shaded band is "
        "VADER's neutral range, |compound| < 0.05. An article's tone is the mean of its "
        "sentence scores, never a whole-article score."
    ),
    "tone_arc": (
        "Tone arc: mean VADER compound score (Hutto & Gilbert 2014) of the sentences by "
        "relative position in each article's body (0 = lead, 1 = end), with 95% bootstrap "
        "confidence intervals where given (Efron 1987)."
    ),
    "tone_shifts": (
        "Tone on the same facts: VADER compound score (Hutto & Gilbert 2014) of the A and B "
        "sentence of each aligned pair, largest shift first. Same fact, different valence is "
        "a framing signal (Entman 1993)."
    ),
    "outlet_coverage": (
        "Coverage by outlet across events: mean share of each event's information units "
        "(clusters of aligned sentences, sentence alignment with ratio margin, Artetxe & "
        "Schwenk 2019) that the outlet reports, with a percentile bootstrap interval from "
        "resampling events (Efron & Tibshirani 1993). Outlets in the most events are shown."
    ),
    "outlet_tone": (
        "Tone by outlet across events: mean of each article's mean VADER compound score "
        "(Hutto & Gilbert 2014) over body sentences, with a percentile bootstrap interval from "
        "resampling events (Efron & Tibshirani 1993)."
    ),
}


def figure_caption(name: str, *, method: str = "lexical") -> str:
    """Caption of figure *name* (one of :data:`FIGURE_NAMES`), naming the method and citation.

    *method* is the alignment scorer's name, filled into the alignment and similarity captions.
    """
    if name not in FIGURE_CAPTIONS:
        raise ConfigError(f"figure {name!r} is unknown; use one of {', '.join(FIGURE_NAMES)}")
    return FIGURE_CAPTIONS[name].format(method=method)


# --------------------------------------------------------------------------- style


def _style_rc() -> dict[str, Any]:
    rc: dict[str, Any] = {}
    rc.update(sns.axes_style("ticks"))
    rc.update(sns.plotting_context("paper"))
    rc.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
            "font.size": 8,
            "axes.titlesize": 9,
            "axes.titleweight": "bold",
            "axes.labelsize": 8,
            "xtick.labelsize": 7,
            "ytick.labelsize": 7,
            "legend.fontsize": 7,
            "legend.title_fontsize": 7,
            "legend.frameon": False,
            "axes.linewidth": 0.6,
            "xtick.major.width": 0.6,
            "ytick.major.width": 0.6,
            "xtick.major.size": 2.5,
            "ytick.major.size": 2.5,
            "lines.linewidth": 1.0,
            "patch.linewidth": 0.5,
            "axes.prop_cycle": cycler(color=[A_COLOR, B_COLOR, *PALETTE]),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "image.cmap": SIMILARITY_CMAP,
            "figure.figsize": (SINGLE_COLUMN, 2.6),
            "figure.dpi": 100,
            "savefig.dpi": 300,
            "savefig.bbox": "tight",
            "savefig.pad_inches": 0.02,
            # Text stays text: editable in SVG, TrueType (Type 42) in PDF.
            "svg.fonttype": "none",
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            # Reproducible SVG ids.
            "svg.hashsalt": "storydiff-news",
        }
    )
    return rc


@contextmanager
def figure_style() -> Iterator[None]:
    """Scope the house figure style (journal-column sizes, 7-9 pt fonts, text kept as text).

    Create, draw and save the figures inside the ``with`` block: font sizes are fixed when an
    artist is made and the ``savefig`` settings (300 dpi, tight bounding box, SVG hash salt)
    when the file is written. Nothing outside the block is changed.
    """
    rc: Any = _style_rc()
    with mpl.rc_context(rc):
        yield


# --------------------------------------------------------------------------- helpers


def _new_axes(width: float, height: float) -> Axes:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig.subplots()


def _no_data(ax: Axes, title: str, note: str = "no data") -> Axes:
    ax.set_title(title)
    ax.text(
        0.5,
        0.5,
        note,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=_MUTED,
        fontstyle="italic",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _is_empty(table: pd.DataFrame | None) -> bool:
    return table is None or len(table) == 0


def _require(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ConfigError(
            f"{what} lacks column(s) {', '.join(missing)}; "
            f"pass the table produced by the analysis module"
        )


def _side_labels(articles: Sequence[str]) -> dict[str, str]:
    """``{article id: "A: id"}`` for the first two articles, in the order given."""
    return {art: f"{'AB'[i]}: {art}" if i < 2 else str(art) for i, art in enumerate(articles)}


def _article_colors(articles: Sequence[str]) -> dict[str, str]:
    cycle = [A_COLOR, B_COLOR, *[c for c in PALETTE if c not in (A_COLOR, B_COLOR)]]
    return {art: cycle[i % len(cycle)] for i, art in enumerate(articles)}


def _first(series: pd.Series, default: str) -> str:
    return str(series.iloc[0]) if len(series) else default


def _legend_below(ax: Axes, **kwargs: Any) -> Any:
    """A legend centred under the Axes, below its x tick labels and x label.

    The gap is set in points from the current font sizes, so it does not depend on the
    Axes' height (an offset in Axes fractions would).
    """
    rc = mpl.rcParams
    offset = 3.0
    if ax.xaxis.get_ticks_position() in ("bottom", "default") and len(ax.get_xticks()):
        size = mpl.font_manager.FontProperties(size=rc["xtick.labelsize"]).get_size_in_points()
        offset += rc["xtick.major.size"] + rc["xtick.major.pad"] + 1.25 * size
    if ax.get_xlabel():
        size = mpl.font_manager.FontProperties(size=rc["axes.labelsize"]).get_size_in_points()
        offset += rc["axes.labelpad"] + 1.25 * size
    fig = ax.get_figure(root=True)
    assert fig is not None
    transform = ax.transAxes + mpl.transforms.ScaledTranslation(
        0, -offset / 72.0, fig.dpi_scale_trans
    )
    options: dict[str, Any] = {"handlelength": 1.2, "columnspacing": 1.0, "borderaxespad": 0.0}
    options.update(kwargs)
    return ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=transform, **options
    )


# --------------------------------------------------------------------------- alignment


def _linestyle(relation: str) -> Any:
    return RELATION_STYLES.get(relation, ":")


def _column_layout(sentences: pd.DataFrame, bar_height: str, gap: float) -> pd.DataFrame:
    """Top and bottom (0 = top, 1 = bottom) of each sentence bar, in reading order."""
    ordered = sentences.sort_values(SENTENCE, kind="stable")
    n = len(ordered)
    if bar_height == "words" and N_WORDS in ordered.columns:
        weights = ordered[N_WORDS].to_numpy(dtype=float).clip(min=1.0)
    else:
        weights = np.ones(n)
    total_gap = gap * max(n - 1, 0)
    heights = weights / weights.sum() * (1.0 - total_gap)
    tops = np.concatenate([[0.0], np.cumsum(heights + gap)[:-1]])
    return pd.DataFrame(
        {
            SENTENCE: ordered[SENTENCE].to_numpy(),
            "top": tops,
            "height": heights,
            "body": (
                ordered[IS_BODY].to_numpy(dtype=bool)
                if IS_BODY in ordered.columns
                else np.ones(n, dtype=bool)
            ),
        }
    )


def _column_label(name: str, layout: pd.DataFrame, matched: set[int]) -> str:
    """Column header: body sentences, how many are unmatched, and the other bars.

    Body sentences are counted as the findings count them; the other bars are the headline,
    headings and summary items.
    """
    body = layout.index[layout["body"].to_numpy(dtype=bool)]
    n_unmatched = int((~body.isin(list(matched))).sum())
    label = f"{name}\n{len(body)} body sentences,\n{n_unmatched} unmatched"
    n_other = len(layout) - len(body)
    return label + (f"\n(+{n_other} not body text)" if n_other else "")


def plot_alignment(
    a_sentences: pd.DataFrame,
    b_sentences: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    bar_height: Literal["words", "uniform"] = "words",
    ax: Axes | None = None,
) -> Axes:
    """Draw articles A and B as two columns of sentence bars joined where aligned.

    Bars run top to bottom in reading order; with ``bar_height="words"`` a bar's height is
    proportional to the sentence's words (each column spans the full height, so the columns
    show shares of each article), with ``"uniform"`` every sentence is one step. Hatched bars are
    not body text (headline, heading, summary item). A line joins each aligned pair, its style
    set by the relation (:data:`RELATION_STYLES`: solid equivalent, dashed partial) and its
    width by the similarity; sentences without a counterpart are filled with their article's
    colour, aligned ones grey. Every fifth sentence number is written beside its bar. One
    ``Line2D`` per pair is added to ``ax.lines``.
    """
    if bar_height not in ("words", "uniform"):
        raise ConfigError(f"bar_height={bar_height!r} is unknown; use 'words' or 'uniform'")
    if ax is None:
        ax = _new_axes(SINGLE_COLUMN, 4.8)
    title = "Sentence alignment"
    if _is_empty(a_sentences) and _is_empty(b_sentences):
        return _no_data(ax, title)
    for name, table in (("a_sentences", a_sentences), ("b_sentences", b_sentences)):
        _require(table, [SENTENCE], name)
    _require(pairs, [A_SENTENCE, B_SENTENCE], "pairs")

    a_id = _first(a_sentences[ARTICLE], "A") if ARTICLE in a_sentences else "A"
    b_id = _first(b_sentences[ARTICLE], "B") if ARTICLE in b_sentences else "B"
    n_max = max(len(a_sentences), len(b_sentences), 1)
    gap = min(0.006, 0.25 / n_max)
    layout = {
        "a": _column_layout(a_sentences, bar_height, gap).set_index(SENTENCE),
        "b": _column_layout(b_sentences, bar_height, gap).set_index(SENTENCE),
    }
    matched = {
        "a": set(pairs[A_SENTENCE].tolist()),
        "b": set(pairs[B_SENTENCE].tolist()),
    }
    x_pos = {"a": 0.0, "b": 1.0}
    colors = {"a": A_COLOR, "b": B_COLOR}
    width = 0.22

    for side in ("a", "b"):
        frame = layout[side]
        is_matched = frame.index.isin(list(matched[side]))
        face = np.where(is_matched, SHARED_COLOR, colors[side])
        for body in (True, False):
            keep = frame["body"].to_numpy() == body
            if not keep.any():
                continue
            ax.bar(
                np.full(int(keep.sum()), x_pos[side]),
                frame["height"].to_numpy()[keep],
                bottom=frame["top"].to_numpy()[keep],
                width=width if body else width * 0.7,
                color=face[keep],
                edgecolor="white" if body else _MUTED,
                linewidth=0.3,
                hatch=None if body else "//////",
                align="center",
            )
        # Sentence numbers (every fifth) on the outer side, to find sentences in the tables.
        outer = -1 if side == "a" else 1
        for number, row in frame.iterrows():
            if int(number) % 5 == 0:
                ax.text(
                    x_pos[side] + outer * (width / 2 + 0.03),
                    row["top"] + row["height"] / 2,
                    str(number),
                    ha="right" if side == "a" else "left",
                    va="center",
                    fontsize=5.5,
                    color=_MUTED,
                )

    if len(pairs):
        similarity = (
            pairs[SIMILARITY].to_numpy(dtype=float)
            if SIMILARITY in pairs.columns
            else np.ones(len(pairs))
        )
        relations = (
            pairs[RELATION].astype(str).to_numpy()
            if RELATION in pairs.columns
            else np.full(len(pairs), "equivalent")
        )
        a_idx, b_idx = layout["a"], layout["b"]
        for a_s, b_s, sim, rel in zip(
            pairs[A_SENTENCE], pairs[B_SENTENCE], similarity, relations, strict=True
        ):
            if a_s not in a_idx.index or b_s not in b_idx.index:
                raise ConfigError(
                    f"pair ({a_s}, {b_s}) names a sentence missing from the sentence tables; "
                    "pass the sentences of the aligned articles"
                )
            ya = a_idx.loc[a_s, "top"] + a_idx.loc[a_s, "height"] / 2
            yb = b_idx.loc[b_s, "top"] + b_idx.loc[b_s, "height"] / 2
            ax.plot(
                [x_pos["a"] + width / 2, x_pos["b"] - width / 2],
                [ya, yb],
                linestyle=_linestyle(rel),
                color=_MUTED,
                linewidth=0.4 + 0.8 * float(np.clip(sim, 0.0, 1.0)),
                alpha=0.85,
                solid_capstyle="butt",
                dash_capstyle="butt",
            )

    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(1.0 + gap, -gap)
    ax.set_xticks(
        [0.0, 1.0],
        [
            _column_label(f"A: {a_id}", layout["a"], matched["a"]),
            _column_label(f"B: {b_id}", layout["b"], matched["b"]),
        ],
    )
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(axis="x", length=0)
    ax.set_yticks([0.0, 0.5, 1.0], ["start", "middle", "end"])
    ax.set_ylabel("reading order" + (" (share of words)" if bar_height == "words" else ""))
    for spine in ("bottom", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_title(title)

    relations_present = (
        list(dict.fromkeys(pairs[RELATION].astype(str))) if RELATION in pairs.columns else []
    )
    handles: list[Any] = [
        Line2D([], [], color=_MUTED, linestyle=_linestyle(r), label=r)
        for r in sorted(relations_present, key=lambda r: (r not in RELATION_STYLES, r))
    ]
    handles += [
        Patch(facecolor=SHARED_COLOR, label="aligned"),
        Patch(facecolor=A_COLOR, label="only in A"),
        Patch(facecolor=B_COLOR, label="only in B"),
        Patch(facecolor="white", edgecolor=_MUTED, hatch="//////", label="not body text"),
    ]
    _legend_below(ax, handles=handles, ncol=3, handlelength=1.8)
    return ax


# --------------------------------------------------------------------------- similarity


def plot_similarity(
    matrix: np.ndarray | pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    ax: Axes | None = None,
) -> Axes:
    """Draw the similarity matrix as a heatmap (rows: sentences of A, columns: of B).

    Row *i* / column *j* is sentence number *i* / *j* of the article unless *matrix* is a
    DataFrame, whose index and columns then give the sentence numbers. Aligned pairs are marked
    (open squares: equivalent, crosses: partial or other), one scatter point per pair. A
    colour bar in the same figure gives the scale (0-1).
    """
    if ax is None:
        ax = _new_axes(SINGLE_COLUMN, 3.0)
    title = "Sentence similarity"
    if isinstance(matrix, pd.DataFrame):
        rows = list(matrix.index)
        cols = list(matrix.columns)
        values = matrix.to_numpy(dtype=float)
    else:
        values = np.asarray(matrix, dtype=float)
        if values.ndim != 2:
            raise ConfigError(f"matrix has {values.ndim} dimension(s); pass a 2-D array")
        rows = list(range(values.shape[0]))
        cols = list(range(values.shape[1]))
    if values.size == 0:
        return _no_data(ax, title)
    _require(pairs, [A_SENTENCE, B_SENTENCE], "pairs")

    image = ax.imshow(
        values,
        cmap=SIMILARITY_CMAP,
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
        interpolation="nearest",
        origin="upper",
    )
    colorbar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    colorbar.set_label("similarity")
    colorbar.outline.set_linewidth(0.4)

    row_pos = {s: i for i, s in enumerate(rows)}
    col_pos = {s: j for j, s in enumerate(cols)}
    if len(pairs):
        relations = (
            pairs[RELATION].astype(str)
            if RELATION in pairs.columns
            else pd.Series("equivalent", index=pairs.index)
        )
        unknown = [
            (a, b)
            for a, b in zip(pairs[A_SENTENCE], pairs[B_SENTENCE], strict=True)
            if a not in row_pos or b not in col_pos
        ]
        if unknown:
            raise ConfigError(
                f"pair {unknown[0]} lies outside the {values.shape[0]}x{values.shape[1]} "
                "matrix; pass the matrix of the aligned articles"
            )
        is_equivalent = (relations == "equivalent").to_numpy()
        for keep, marker, label in (
            (is_equivalent, "s", "equivalent"),
            (~is_equivalent, "x", "partial"),
        ):
            if not keep.any():
                continue
            sub = pairs[keep]
            style: dict[str, Any] = (
                {"facecolors": "none", "edgecolors": "white"} if marker == "s" else {"c": "white"}
            )
            ax.scatter(
                [col_pos[b] for b in sub[B_SENTENCE]],
                [row_pos[a] for a in sub[A_SENTENCE]],
                marker=marker,
                s=14,
                linewidths=0.8,
                label=label,
                **style,
            )

    a_id = _first(pairs[A_ARTICLE], "A") if A_ARTICLE in pairs.columns else "A"
    b_id = _first(pairs[B_ARTICLE], "B") if B_ARTICLE in pairs.columns else "B"
    ax.set_xlabel(f"sentence of B ({b_id})")
    ax.set_ylabel(f"sentence of A ({a_id})")
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True, nbins=8))
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True, nbins=8))
    for axis, labels in ((ax.xaxis, cols), (ax.yaxis, rows)):
        axis.set_major_formatter(
            mpl.ticker.FuncFormatter(
                lambda v, _pos, labels=labels: (
                    str(labels[int(v)]) if float(v).is_integer() and 0 <= v < len(labels) else ""
                )
            )
        )
    ax.set_title(title)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if len(pairs):
        _legend_below(
            ax,
            ncol=2,
            handletextpad=0.2,
            facecolor=_MUTED,
            frameon=True,
            framealpha=1.0,
            edgecolor="none",
            labelcolor="white",
        )
    return ax


# --------------------------------------------------------------------------- coverage


def plot_coverage(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw counts of items in both articles, A only and B only, one stacked bar per kind.

    *table* is the presence table of :func:`analysis.diff.coverage.compare_presence`: one row per
    item with ``item_kind`` (actor, speaker, number) and ``status`` (``both``, ``a_only``,
    ``b_only``); the columns may also be called ``kind`` and ``presence``. Every row counts one
    item, unless an ``n`` column gives counts. Kinds keep their order of appearance (shown in
    the plural); each segment is labelled with its count.
    """
    if ax is None:
        ax = _new_axes(SINGLE_COLUMN, 1.9)
    title = "Coverage: shared and unique"
    if _is_empty(table):
        return _no_data(ax, title)
    table = table.rename(columns={ITEM_KIND: KIND, STATUS: PRESENCE})
    _require(table, [KIND, PRESENCE], "coverage table (item_kind, status)")
    unknown = sorted(set(table[PRESENCE].astype(str)) - set(PRESENCE_LABELS))
    if unknown:
        raise ConfigError(
            f"status value {unknown[0]!r} is unknown; use one of {', '.join(PRESENCE_LABELS)}"
        )
    weights = table[COUNT] if COUNT in table.columns else pd.Series(1, index=table.index)
    counts = pd.pivot_table(
        pd.DataFrame({KIND: table[KIND].astype(str), PRESENCE: table[PRESENCE], "w": weights}),
        index=KIND,
        columns=PRESENCE,
        values="w",
        aggfunc="sum",
        fill_value=0,
    ).reindex(columns=list(PRESENCE_LABELS), fill_value=0)
    kinds = list(dict.fromkeys(table[KIND].astype(str)))
    counts = counts.reindex(kinds)
    colors = {"both": SHARED_COLOR, "a_only": A_COLOR, "b_only": B_COLOR}
    text_colors = {"both": "black", "a_only": "white", "b_only": "white"}
    y = np.arange(len(kinds))
    left = np.zeros(len(kinds))
    for presence, label in PRESENCE_LABELS.items():
        values = counts[presence].to_numpy(dtype=float)
        bars = ax.barh(
            y, values, left=left, height=0.62, color=colors[presence], label=label, linewidth=0
        )
        labels = [f"{v:g}" if v > 0 else "" for v in values]
        ax.bar_label(
            bars, labels=labels, label_type="center", fontsize=6.5, color=text_colors[presence]
        )
        left = left + values
    ax.set_yticks(y, [KIND_LABELS.get(k, k) for k in kinds])
    ax.invert_yaxis()
    ax.set_xlabel("count")
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.02)
    ax.set_title(title)
    _legend_below(ax, ncol=3, handlelength=1.0)
    return ax


# --------------------------------------------------------------------------- terms


def _renderer(fig: Figure) -> Any:
    get = getattr(fig.canvas, "get_renderer", None)
    if get is not None:
        return get()
    from matplotlib.backends.backend_agg import RendererAgg

    width, height = fig.bbox.size
    return RendererAgg(math.ceil(width), math.ceil(height), fig.dpi)


#: Candidate label offsets in points, tried in this order: near first, then around the point.
_OFFSET_RADII = (3.0, 6.0, 9.0, 13.0, 18.0, 24.0, 31.0, 40.0, 50.0, 62.0)
_OFFSET_ANGLES = tuple(range(0, 360, 15))
#: Labels placed farther than this (points) from their point get a leader line.
_LEADER_MIN = 8.0


def _candidate_offsets() -> list[tuple[float, float]]:
    offsets = []
    for radius in _OFFSET_RADII:
        for angle in _OFFSET_ANGLES:
            rad = math.radians(angle)
            offsets.append((radius * math.cos(rad), radius * math.sin(rad)))
    return offsets


def _overlaps_any(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each box ``(x0, y0, x1, y1)`` of *boxes*, whether it overlaps any box of *others*."""
    if len(others) == 0:
        return np.zeros(len(boxes), dtype=bool)
    b = boxes[:, None, :]
    o = others[None, :, :]
    hit = (b[..., 0] < o[..., 2]) & (o[..., 0] < b[..., 2])
    hit &= (b[..., 1] < o[..., 3]) & (o[..., 1] < b[..., 3])
    return np.asarray(hit.any(axis=1))


def _contains_any(boxes: np.ndarray, points: np.ndarray) -> np.ndarray:
    """For each box ``(x0, y0, x1, y1)`` of *boxes*, whether any of *points* lies inside it."""
    if len(points) == 0 or len(boxes) == 0:
        return np.zeros(len(boxes), dtype=bool)
    b = boxes[:, None, :]
    p = points[None, :, :]
    inside = (b[..., 0] < p[..., 0]) & (p[..., 0] < b[..., 2])
    inside &= (b[..., 1] < p[..., 1]) & (p[..., 1] < b[..., 3])
    return np.asarray(inside.any(axis=1))


def _place_labels(
    ax: Axes,
    xs: Sequence[float],
    ys: Sequence[float],
    labels: Sequence[str],
    colors: Sequence[str],
    *,
    avoid_xy: np.ndarray,
    fontsize: float,
    point_size: float,
) -> list[Any]:
    """Greedy, deterministic label placement without overlaps (first fit among candidates).

    Labels are placed in the order given. Each is tried at fixed offsets around its point
    (:data:`_OFFSET_RADII` x :data:`_OFFSET_ANGLES`, nearest first); a candidate is taken if its
    box stays inside the Axes, touches no placed label, no text already on the Axes, no marker
    of *avoid_xy* (data coordinates, e.g. every point of the scatter) and, where possible, no
    leader line, and if its own leader line crosses no label. Labels that fit
    nowhere are left out (and logged). Offsets are in points, like the font size, so the layout
    is the same at any dpi. Returns the annotations made.
    """
    fig = ax.get_figure(root=True)
    assert fig is not None
    if fig.get_layout_engine() is not None:
        fig.draw_without_rendering()  # settle the Axes position before measuring
    renderer = _renderer(fig)
    px = fig.dpi / 72.0
    pad = 1.0 * px
    axes_box = ax.get_window_extent(renderer)
    half = math.sqrt(point_size) / 2 * px + pad
    avoid = ax.transData.transform(np.asarray(avoid_xy, dtype=float).reshape(-1, 2))
    fixed = [list(t.get_window_extent(renderer).extents) for t in ax.texts if t.get_visible()]
    point_boxes = np.column_stack([avoid - half, avoid + half])
    text_boxes = np.asarray(fixed, dtype=float).reshape(-1, 4)
    line_points = np.zeros((0, 2))  # samples along the leader lines drawn so far
    offsets = np.asarray(_candidate_offsets())
    ox, oy = offsets[:, 0], offsets[:, 1]
    far_mask = np.hypot(ox, oy) > _LEADER_MIN
    steps = np.linspace(0.0, 1.0, 16)
    points = ax.transData.transform(np.column_stack([xs, ys]))
    annotations = []
    for (x, y), label, color, x_data, y_data in zip(points, labels, colors, xs, ys, strict=True):
        probe = ax.text(0, 0, label, fontsize=fontsize)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        width, height = extent.width, extent.height
        cx, cy = x + ox * px, y + oy * px
        # Anchor each candidate box on the side facing away from the point.
        left = np.where(ox > 0.5, cx, np.where(ox < -0.5, cx - width, cx - width / 2))
        bottom = np.where(oy > 0.5, cy, np.where(oy < -0.5, cy - height, cy - height / 2))
        boxes = np.column_stack(
            [left - pad, bottom - pad, left + width + pad, bottom + height + pad]
        )
        ok = (
            (boxes[:, 0] >= axes_box.x0)
            & (boxes[:, 2] <= axes_box.x1)
            & (boxes[:, 1] >= axes_box.y0)
            & (boxes[:, 3] <= axes_box.y1)
        )
        ok &= ~_overlaps_any(boxes, point_boxes) & ~_overlaps_any(boxes, text_boxes)
        # Leader lines should cross no label; where that leaves no room, a crossing is allowed
        # (labels still never overlap).
        free = ok.copy()
        ok &= ~_contains_any(boxes, line_points)
        # A leader line (point to label centre) must not cross another label.
        centres = np.column_stack(
            [(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2]
        )
        samples = (
            np.array([x, y])[None, None, :]
            + (centres - np.array([x, y]))[:, None, :] * steps[None, :, None]
        )
        crossing = np.array(
            [
                bool(far_mask[i]) and bool(_contains_any(text_boxes, samples[i]).any())
                for i in range(len(boxes))
            ]
        )
        ok &= ~crossing
        if not ok.any():
            ok = free
        if not ok.any():
            logger.debug("no room for the label %r; left out", label)
            continue
        k = int(np.argmax(ok))
        text_boxes = np.vstack([text_boxes, boxes[k]])
        if far_mask[k]:
            line_points = np.vstack([line_points, samples[k]])
        dx, dy = float(ox[k]), float(oy[k])
        far = bool(far_mask[k])
        annotations.append(
            ax.annotate(
                label,
                xy=(x_data, y_data),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx > 0.5 else "right" if dx < -0.5 else "center",
                va="bottom" if dy > 0.5 else "top" if dy < -0.5 else "center",
                fontsize=fontsize,
                color=color,
                arrowprops=(
                    {
                        "arrowstyle": "-",
                        "color": color,
                        "linewidth": 0.4,
                        "shrinkA": 0,
                        "shrinkB": 1.5,
                    }
                    if far
                    else None
                ),
            )
        )
    return annotations


#: At most this many terms are written in the label of one point (the rest as "+n").
MAX_TERMS_PER_LABEL = 3


def _join_terms(terms: Sequence[str]) -> str:
    shown = ", ".join(terms[:MAX_TERMS_PER_LABEL])
    rest = len(terms) - MAX_TERMS_PER_LABEL
    return f"{shown} +{rest}" if rest > 0 else shown


def plot_distinguishing_terms(
    terms: pd.DataFrame,
    *,
    n_labels: int = 10,
    threshold: float = 1.96,
    ax: Axes | None = None,
) -> Axes:
    """Draw each term's z-score against its total frequency, as in Monroe et al. (2008, fig. 1).

    *terms* is ``distinguishing_terms.csv`` (:func:`analysis.diff.logodds.distinguishing_terms`):
    ``term``, ``a_count``, ``b_count``, ``z`` and optionally ``flag`` (bool) and ``a``, ``b``
    (side names). x: total count ``a_count + b_count`` (log scale); y: ``z`` (positive = more
    typical of A, blue; negative = of B, vermillion; pale below |z| = *threshold*). Dashed lines
    mark ``±threshold``. Terms with the same counts share a point, labelled once with up to
    three of them. The *n_labels* points with the largest |z| on each side, and every point
    with a flagged term, are labelled, placed greedily so that no two labels overlap nor cover a
    labelled point (labels that fit nowhere are left out and logged). Deterministic.
    """
    if n_labels < 0:
        raise ConfigError(f"n_labels={n_labels} must be zero or positive")
    if ax is None:
        ax = _new_axes(DOUBLE_COLUMN, 3.6)
    title = "Distinguishing terms"
    if _is_empty(terms):
        return _no_data(ax, title)
    _require(terms, [TERM, Z, A_COUNT, B_COUNT], "terms table")
    data = pd.DataFrame(
        {
            TERM: terms[TERM].astype(str).to_numpy(),
            Z: terms[Z].to_numpy(dtype=float),
            "total": (terms[A_COUNT] + terms[B_COUNT]).to_numpy(dtype=float),
            FLAG: (
                terms[FLAG].to_numpy(dtype=bool)
                if FLAG in terms.columns
                else np.zeros(len(terms), dtype=bool)
            ),
        }
    )
    data = data[data["total"] > 0]
    if data.empty:
        return _no_data(ax, title)
    strong = (data[Z].abs() >= threshold).to_numpy()
    side_color = np.where(data[Z] > 0, A_COLOR, B_COLOR)
    rgba = mpl.colors.to_rgba_array(list(side_color))
    rgba[:, 3] = np.where(strong, 1.0, 0.35)
    point_size = 9.0
    ax.scatter(data["total"], data[Z], s=point_size, c=rgba, linewidths=0, zorder=2)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(mpl.ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _pos: f"{v:g}"))
    ax.xaxis.set_minor_formatter(mpl.ticker.NullFormatter())
    x_max = float(data["total"].max())
    ax.set_xlim(0.8, x_max * 1.6)
    z_lim = max(float(data[Z].abs().max()) * 1.15, threshold * 1.3)
    ax.set_ylim(-z_lim, z_lim)
    for sign in (1, -1):
        ax.axhline(sign * threshold, color=_MUTED, linestyle="--", linewidth=0.5, zorder=1)
    ax.axhline(0, color=_MUTED, linewidth=0.4, zorder=1)
    a_id = _first(terms[SIDE_A], "A") if SIDE_A in terms.columns else "A"
    b_id = _first(terms[SIDE_B], "B") if SIDE_B in terms.columns else "B"
    ax.set_xlabel("frequency in A + B (log scale)")
    ax.set_ylabel("z (log-odds, informative prior)")
    ax.set_title(title)
    ax.text(
        0.01,
        0.99,
        f"more in A ({a_id})",
        transform=ax.transAxes,
        ha="left",
        va="top",
        color=A_COLOR,
        fontsize=7,
    )
    ax.text(
        0.01,
        0.01,
        f"more in B ({b_id})",
        transform=ax.transAxes,
        ha="left",
        va="bottom",
        color=B_COLOR,
        fontsize=7,
    )

    # Terms with the same counts share one point (and one z): label each point once, with up
    # to MAX_TERMS_PER_LABEL of its terms. Points to label: those with a flagged term and the
    # n_labels strongest on each side; ties broken by frequency, then term (deterministic).
    points = (
        data.sort_values(TERM, kind="stable")
        .groupby(["total", Z], sort=False)
        .agg(terms=(TERM, list), flagged=(FLAG, "any"))
        .reset_index()
    )
    points["abs_z"] = points[Z].abs()
    points["first"] = points["terms"].str[0]
    points = points.sort_values(
        ["abs_z", "total", "first"], ascending=[False, False, True], kind="stable"
    )
    top_a = points[points[Z] > 0].head(n_labels).index
    top_b = points[points[Z] < 0].head(n_labels).index
    chosen = points[points.index.isin(top_a.union(top_b)) | points["flagged"]]
    if len(chosen):
        _place_labels(
            ax,
            chosen["total"].tolist(),
            chosen[Z].tolist(),
            [_join_terms(t) for t in chosen["terms"]],
            [A_COLOR if z > 0 else B_COLOR for z in chosen[Z]],
            avoid_xy=points[["total", Z]].to_numpy(dtype=float),
            fontsize=6.5,
            point_size=point_size,
        )
    return ax


# --------------------------------------------------------------------------- rates


def _plot_two_sided(
    table: pd.DataFrame,
    *,
    category: str,
    value: str,
    title: str,
    xlabel: str,
    ax: Axes,
) -> Axes:
    """Grouped horizontal bars of ``a_<value>`` and ``b_<value>`` per category, with CIs."""
    if _is_empty(table):
        return _no_data(ax, title)
    a_col, b_col = f"a_{value}", f"b_{value}"
    _require(table, [category, a_col, b_col], f"{title.lower()} table")
    names = [
        textwrap.fill(name, width=20)
        for name in (table[LABEL] if LABEL in table.columns else table[category]).astype(str)
    ]
    a_id = _first(table[SIDE_A], "A") if SIDE_A in table.columns else "A"
    b_id = _first(table[SIDE_B], "B") if SIDE_B in table.columns else "B"
    has_ci = all(f"{s}_{c}" in table.columns for s in "ab" for c in (CI_LOW, CI_HIGH))
    y_base = np.arange(len(table), dtype=float)
    height = 0.38
    x_max = 0.0
    for i, (side, side_id, color) in enumerate((("a", a_id, A_COLOR), ("b", b_id, B_COLOR))):
        values = table[f"{side}_{value}"].to_numpy(dtype=float)
        xerr = None
        if has_ci:
            low = table[f"{side}_{CI_LOW}"].to_numpy(dtype=float)
            high = table[f"{side}_{CI_HIGH}"].to_numpy(dtype=float)
            xerr = np.nan_to_num(
                np.vstack([np.clip(values - low, 0, None), np.clip(high - values, 0, None)])
            )
            x_max = max(x_max, float(np.nanmax(high, initial=0.0)))
        x_max = max(x_max, float(np.nanmax(values, initial=0.0)))
        ax.barh(
            y_base - 0.2 + i * 0.4,
            np.nan_to_num(values),
            height=height,
            color=color,
            xerr=xerr,
            error_kw={"elinewidth": 0.6, "capsize": 1.5, "capthick": 0.6, "ecolor": "black"},
            label=f"{side.upper()}: {side_id}",
            linewidth=0,
        )
    ax.set_yticks(y_base, names)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, max(x_max, 1e-9) * 1.08)
    level = 0.95
    if CONFIDENCE_LEVEL in table.columns and pd.notna(table[CONFIDENCE_LEVEL].iloc[0]):
        level = float(table[CONFIDENCE_LEVEL].iloc[0])
    ax.set_xlabel(xlabel + (f" ({100 * level:g}% CI)" if has_ci else ""))
    ax.set_title(title)
    _legend_below(ax, ncol=2, handlelength=1.0)
    return ax


def plot_outlet_measure(
    table: pd.DataFrame, *, measure: str, title: str, n_outlets: int = 15, ax: Axes | None = None
) -> Axes:
    """Draw one measure per outlet as a point with its confidence-interval bar.

    *table* is a batch outlet table (``outlet, measure, n_events, mean, ci_low, ci_high``); the
    rows of *measure* are drawn, the *n_outlets* outlets seen in the most events (ties by name),
    sorted by mean. The tick labels give each outlet's number of events.
    """
    rows = table[table["measure"] == measure] if not _is_empty(table) else table
    if ax is None:
        n = 0 if _is_empty(rows) else min(len(rows), n_outlets)
        ax = _new_axes(SINGLE_COLUMN, max(1.8, 0.9 + 0.22 * n))
    if _is_empty(rows) or rows["mean"].isna().all():
        return _no_data(ax, title)
    rows = rows.dropna(subset=["mean"])
    rows = rows.sort_values(["n_events", "outlet"], ascending=[False, True], kind="stable")
    rows = rows.head(n_outlets).sort_values(["mean", "outlet"], kind="stable")
    y = np.arange(len(rows), dtype=float)
    means = rows["mean"].to_numpy(dtype=float)
    xerr = np.vstack(
        [
            np.clip(means - rows["ci_low"].to_numpy(dtype=float), 0, None),
            np.clip(rows["ci_high"].to_numpy(dtype=float) - means, 0, None),
        ]
    )
    ax.errorbar(
        means, y, xerr=xerr, fmt="o", color=A_COLOR, markersize=3, elinewidth=0.8, capsize=1.5
    )
    labels = [f"{o} (n={n})" for o, n in zip(rows["outlet"], rows["n_events"], strict=True)]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlabel(f"{measure.replace('_', ' ')} (mean over events, 95% CI)")
    ax.set_title(title)
    return ax


def plot_frames(frames: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw each frame's share of sentences in A and B, with confidence-interval error bars.

    *frames* is ``frames.csv`` (:func:`analysis.diff.frames.frame_shares`): one row per frame with
    ``frame`` (and ``label``, used for the tick labels when present), ``a_share``, ``b_share``
    (0..1) and ``a_ci_low``, ``a_ci_high``, ``b_ci_low``, ``b_ci_high``; ``a``, ``b`` name the
    sides in the legend. Frames keep the table's (codebook) order, top to bottom.
    """
    if ax is None:
        n = 0 if _is_empty(frames) else len(frames)
        ax = _new_axes(SINGLE_COLUMN, max(1.8, 1.0 + 0.3 * n))
    return _plot_two_sided(
        frames,
        category=FRAME,
        value=SHARE,
        title="Frames",
        xlabel="share of sentences with the frame",
        ax=ax,
    )


def plot_modality(modality: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw each modality category's markers per sentence in A and B, with confidence intervals.

    *modality* is ``modality.csv`` (:func:`analysis.diff.modality.modality_rates`): one row per
    category with ``category`` (and ``label``), ``a_per_sentence``, ``b_per_sentence`` and
    ``a_ci_low``, ``a_ci_high``, ``b_ci_low``, ``b_ci_high``; ``a``, ``b`` name the sides.
    """
    if ax is None:
        n = 0 if _is_empty(modality) else len(modality)
        ax = _new_axes(SINGLE_COLUMN, max(1.6, 1.0 + 0.3 * n))
    return _plot_two_sided(
        modality,
        category=CATEGORY,
        value=PER_SENTENCE,
        title="Modality and attribution",
        xlabel="markers per sentence",
        ax=ax,
    )


# --------------------------------------------------------------------------- tone


def _jitter(n: int, width: float) -> np.ndarray:
    """Deterministic spread in [-width, width]: a low-discrepancy (golden ratio) sequence."""
    golden = (math.sqrt(5) - 1) / 2
    return ((np.arange(n) * golden) % 1.0 - 0.5) * 2 * width


def _neutral_band(ax: Axes, *, vertical: bool) -> None:
    span = ax.axvspan if vertical else ax.axhspan
    span(-NEUTRAL_BAND, NEUTRAL_BAND, color="#EEEEEE", zorder=0, linewidth=0)
    line = ax.axvline if vertical else ax.axhline
    line(0, color=_MUTED, linewidth=0.4, zorder=1)


def plot_tone(sentences_scored: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the distribution of sentence tone per article: a box plot over the sentences.

    *sentences_scored* has ``article`` and ``compound`` (VADER, -1..1;
    :func:`analysis.diff.tone.score_sentences`); pass the body sentences to match the article
    means of ``sentiment_summary.csv``. Every sentence is a dot
    (spread vertically by a deterministic sequence, not at random); the grey band is VADER's
    neutral range; a diamond marks each article's mean.
    """
    if ax is None:
        ax = _new_axes(SINGLE_COLUMN, 1.9)
    title = "Sentence tone"
    if _is_empty(sentences_scored):
        return _no_data(ax, title)
    _require(sentences_scored, [ARTICLE, COMPOUND], "scored sentences")
    articles = list(dict.fromkeys(sentences_scored[ARTICLE].astype(str)))
    colors = _article_colors(articles)
    labels = _side_labels(articles)
    _neutral_band(ax, vertical=True)
    groups = [
        sentences_scored.loc[sentences_scored[ARTICLE].astype(str) == a, COMPOUND]
        .dropna()
        .to_numpy(dtype=float)
        for a in articles
    ]
    positions = np.arange(len(articles), dtype=float)
    ax.boxplot(
        groups,
        positions=positions,
        orientation="horizontal",
        widths=0.55,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": "none", "edgecolor": "black", "linewidth": 0.6},
        medianprops={"color": "black", "linewidth": 0.9},
        whiskerprops={"linewidth": 0.6},
        capprops={"linewidth": 0.6},
    )
    for pos, values, article in zip(positions, groups, articles, strict=True):
        ax.scatter(
            values,
            pos + _jitter(len(values), 0.2),
            s=5,
            color=colors[article],
            alpha=0.7,
            linewidths=0,
            zorder=3,
        )
        if len(values):
            ax.scatter(
                [values.mean()],
                [pos],
                marker="D",
                s=16,
                color="white",
                edgecolors="black",
                linewidths=0.6,
                zorder=4,
            )
    ax.set_yticks(positions, [labels[a] for a in articles])
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(-1.02, 1.02)
    ax.set_xlabel("VADER compound score (negative ← → positive)")
    ax.set_title(title)
    return ax


def plot_tone_arc(arc: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw tone by relative position in each article: one line per article.

    *arc* is :func:`analysis.diff.tone.tone_arc`: one row per article and position bin with
    ``bin_start``, ``bin_end`` (0 = lead, 1 = end) and ``mean_compound`` (NaN for an empty bin,
    which leaves a gap in the line); each bin is drawn at its midpoint. A table with
    ``position`` and ``compound`` columns (one point each) is drawn the same way. Optional
    ``ci_low``, ``ci_high`` are drawn as a shaded band.
    """
    if ax is None:
        ax = _new_axes(SINGLE_COLUMN, 2.2)
    title = "Tone arc"
    if _is_empty(arc):
        return _no_data(ax, title)
    if BIN_START in arc.columns and BIN_END in arc.columns:
        arc = arc.assign(**{POSITION: (arc[BIN_START] + arc[BIN_END]) / 2})
    if MEAN_COMPOUND in arc.columns:
        arc = arc.assign(**{COMPOUND: arc[MEAN_COMPOUND]})
    _require(arc, [ARTICLE, POSITION, COMPOUND], "tone arc (bin_start, bin_end, mean_compound)")
    articles = list(dict.fromkeys(arc[ARTICLE].astype(str)))
    colors = _article_colors(articles)
    labels = _side_labels(articles)
    _neutral_band(ax, vertical=False)
    has_ci = CI_LOW in arc.columns and CI_HIGH in arc.columns
    for article in articles:
        rows = arc[arc[ARTICLE].astype(str) == article].sort_values(POSITION, kind="stable")
        if has_ci:
            ax.fill_between(
                rows[POSITION].to_numpy(dtype=float),
                rows[CI_LOW].to_numpy(dtype=float),
                rows[CI_HIGH].to_numpy(dtype=float),
                color=colors[article],
                alpha=0.18,
                linewidth=0,
            )
        ax.plot(
            rows[POSITION],
            rows[COMPOUND],
            color=colors[article],
            marker="o",
            markersize=2.5,
            linewidth=1.0,
            label=labels[article],
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(-1.02, 1.02)
    ax.set_xlabel("position in article (0 = lead, 1 = end)")
    ax.set_ylabel("mean VADER compound")
    ax.set_title(title)
    _legend_below(ax, ncol=min(len(articles), 3))
    return ax


def plot_tone_shifts(
    pairs: pd.DataFrame,
    *,
    n_pairs: int = 12,
    ax: Axes | None = None,
) -> Axes:
    """Draw the tone of A and B on aligned pairs, largest absolute shift first (top).

    *pairs* has ``a_sentence``, ``b_sentence``, ``a_compound`` and ``b_compound`` (and
    optionally ``a_text``, shown shortened in the row label). The *n_pairs* pairs with the
    largest ``|b_compound - a_compound|`` are drawn, ties broken by sentence numbers; each row
    is a line from A's tone (blue dot) to B's (vermillion dot).
    """
    if n_pairs < 1:
        raise ConfigError(f"n_pairs={n_pairs} must be at least 1")
    if ax is None:
        n = 0 if _is_empty(pairs) else min(len(pairs), n_pairs)
        ax = _new_axes(DOUBLE_COLUMN, max(1.8, 0.9 + 0.2 * n))
    title = "Tone shifts on aligned pairs"
    if _is_empty(pairs):
        return _no_data(ax, title)
    _require(pairs, [A_SENTENCE, B_SENTENCE, A_COMPOUND, B_COMPOUND], "tone pairs")
    data = pd.DataFrame(
        {
            A_SENTENCE: pairs[A_SENTENCE].to_numpy(),
            B_SENTENCE: pairs[B_SENTENCE].to_numpy(),
            A_COMPOUND: pairs[A_COMPOUND].to_numpy(dtype=float),
            B_COMPOUND: pairs[B_COMPOUND].to_numpy(dtype=float),
            A_TEXT: (pairs[A_TEXT].astype(str).to_numpy() if A_TEXT in pairs.columns else ""),
        }
    )
    data["abs_shift"] = (data[B_COMPOUND] - data[A_COMPOUND]).abs()
    data = data.sort_values(
        ["abs_shift", A_SENTENCE, B_SENTENCE], ascending=[False, True, True], kind="stable"
    ).head(n_pairs)
    y = np.arange(len(data), dtype=float)
    _neutral_band(ax, vertical=True)
    for yi, a_val, b_val in zip(y, data[A_COMPOUND], data[B_COMPOUND], strict=True):
        ax.plot([a_val, b_val], [yi, yi], color=_MUTED, linewidth=0.8, zorder=2)
    a_id = _first(pairs[A_ARTICLE], "A") if A_ARTICLE in pairs.columns else "A"
    b_id = _first(pairs[B_ARTICLE], "B") if B_ARTICLE in pairs.columns else "B"
    ax.scatter(data[A_COMPOUND], y, s=14, color=A_COLOR, zorder=3, label=f"A: {a_id}", linewidths=0)
    ax.scatter(data[B_COMPOUND], y, s=14, color=B_COLOR, zorder=3, label=f"B: {b_id}", linewidths=0)
    labels = []
    for a_s, b_s, text in zip(data[A_SENTENCE], data[B_SENTENCE], data[A_TEXT], strict=True):
        label = f"A{a_s}–B{b_s}"
        if text:
            label += ": " + textwrap.shorten(str(text), width=60, placeholder="…")
        labels.append(label)
    ax.set_yticks(y, labels)
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(-1.02, 1.02)
    ax.set_xticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    ax.set_xlabel("VADER compound score")
    ax.set_title(title)
    _legend_below(ax, ncol=2, handletextpad=0.1)
    return ax
