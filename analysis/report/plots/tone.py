"""Figures of tone: sentence tone per article, the tone arc and tone shifts on aligned pairs."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.errors import ConfigError
from analysis.report.plots._common import (
    article_colors,
    first_value,
    is_empty,
    legend_below,
    new_axes,
    no_data,
    plain_text,
    require,
    side_labels,
)
from analysis.report.plots.style import A_COLOR, B_COLOR, DOUBLE_COLUMN, MUTED, SINGLE_COLUMN

__all__ = ["NEUTRAL_BAND", "plot_tone", "plot_tone_arc", "plot_tone_shifts"]

# Column names read here (the producing modules define the same names).
ARTICLE, A_ARTICLE, B_ARTICLE = "article", "a_article", "b_article"
A_SENTENCE, B_SENTENCE, CI_LOW, CI_HIGH = "a_sentence", "b_sentence", "ci_low", "ci_high"
BIN_START, BIN_END, MEAN_COMPOUND = "bin_start", "bin_end", "mean_compound"
COMPOUND, POSITION, A_COMPOUND, B_COMPOUND, A_TEXT = (
    "compound",
    "position",
    "a_compound",
    "b_compound",
    "a_text",
)
#: VADER's neutral band (Hutto & Gilbert 2014): |compound| < 0.05 is neutral.
NEUTRAL_BAND = 0.05


def _jitter(n: int, width: float) -> np.ndarray:
    """Deterministic spread in [-width, width]: a low-discrepancy (golden ratio) sequence."""
    golden = (math.sqrt(5) - 1) / 2
    return ((np.arange(n) * golden) % 1.0 - 0.5) * 2 * width


def _neutral_band(ax: Axes, *, vertical: bool) -> None:
    span = ax.axvspan if vertical else ax.axhspan
    span(-NEUTRAL_BAND, NEUTRAL_BAND, color="#EEEEEE", zorder=0, linewidth=0)
    line = ax.axvline if vertical else ax.axhline
    line(0, color=MUTED, linewidth=0.4, zorder=1)


def plot_tone(sentences_scored: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the distribution of sentence tone per article: a box plot over the sentences.

    Every sentence is a dot (spread vertically by a deterministic sequence, not at random);
    the grey band is VADER's neutral range (:data:`NEUTRAL_BAND`); a diamond marks each
    article's mean.

    Parameters
    ----------
    sentences_scored : pandas.DataFrame
        ``article`` and ``compound`` (VADER, -1..1; :func:`analysis.diff.tone.score_sentences`);
        pass the body sentences to match the article means of ``sentiment_summary.csv``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 x 1.9 in).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ConfigError
        If a column is missing.
    """
    if ax is None:
        ax = new_axes(SINGLE_COLUMN, 1.9)
    title = "Sentence tone"
    if is_empty(sentences_scored):
        return no_data(ax, title)
    require(sentences_scored, [ARTICLE, COMPOUND], "scored sentences")
    articles = list(dict.fromkeys(sentences_scored[ARTICLE].astype(str)))
    colors = article_colors(articles)
    labels = side_labels(articles)
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

    Parameters
    ----------
    arc : pandas.DataFrame
        :func:`analysis.diff.tone.tone_arc`: one row per article and position bin with
        ``article``, ``bin_start``, ``bin_end`` (0 = lead, 1 = end) and ``mean_compound`` (NaN
        for an empty bin, which leaves a gap in the line); each bin is drawn at its midpoint.
        A table with ``position`` and ``compound`` columns (one point each) is drawn the same
        way. Optional ``ci_low``, ``ci_high`` are drawn as a shaded band.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 x 2.2 in).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ConfigError
        If a column is missing.
    """
    if ax is None:
        ax = new_axes(SINGLE_COLUMN, 2.2)
    title = "Tone arc"
    if is_empty(arc):
        return no_data(ax, title)
    if BIN_START in arc.columns and BIN_END in arc.columns:
        arc = arc.assign(**{POSITION: (arc[BIN_START] + arc[BIN_END]) / 2})
    if MEAN_COMPOUND in arc.columns:
        arc = arc.assign(**{COMPOUND: arc[MEAN_COMPOUND]})
    require(arc, [ARTICLE, POSITION, COMPOUND], "tone arc (bin_start, bin_end, mean_compound)")
    articles = list(dict.fromkeys(arc[ARTICLE].astype(str)))
    colors = article_colors(articles)
    labels = side_labels(articles)
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
    legend_below(ax, ncol=min(len(articles), 3))
    return ax


def plot_tone_shifts(
    pairs: pd.DataFrame,
    *,
    n_pairs: int = 12,
    ax: Axes | None = None,
) -> Axes:
    """Draw the tone of A and B on aligned pairs, largest absolute shift first (top).

    Each row is a line from A's tone (blue dot) to B's (vermillion dot); ties in the shift
    are broken by sentence numbers.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Scored pairs: ``a_sentence``, ``b_sentence``, ``a_compound``, ``b_compound`` (VADER,
        -1..1), optionally ``a_text`` (shown shortened in the row label) and ``a_article``,
        ``b_article`` (ids, for the legend).
    n_pairs : int, default 12
        The pairs with the largest ``|b_compound - a_compound|`` drawn, at least 1.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (7 in wide, 0.2 in per pair).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ConfigError
        If *n_pairs* is below 1 or a column is missing.
    """
    if n_pairs < 1:
        raise ConfigError(f"n_pairs={n_pairs} must be at least 1")
    if ax is None:
        n = 0 if is_empty(pairs) else min(len(pairs), n_pairs)
        ax = new_axes(DOUBLE_COLUMN, max(1.8, 0.9 + 0.2 * n))
    title = "Tone shifts on aligned pairs"
    if is_empty(pairs):
        return no_data(ax, title)
    require(pairs, [A_SENTENCE, B_SENTENCE, A_COMPOUND, B_COMPOUND], "tone pairs")
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
        ax.plot([a_val, b_val], [yi, yi], color=MUTED, linewidth=0.8, zorder=2)
    a_id = first_value(pairs[A_ARTICLE], "A") if A_ARTICLE in pairs.columns else "A"
    b_id = first_value(pairs[B_ARTICLE], "B") if B_ARTICLE in pairs.columns else "B"
    ax.scatter(data[A_COMPOUND], y, s=14, color=A_COLOR, zorder=3, label=f"A: {a_id}", linewidths=0)
    ax.scatter(data[B_COMPOUND], y, s=14, color=B_COLOR, zorder=3, label=f"B: {b_id}", linewidths=0)
    labels = []
    for a_s, b_s, text in zip(data[A_SENTENCE], data[B_SENTENCE], data[A_TEXT], strict=True):
        label = f"A{a_s}–B{b_s}"
        if text:
            label += ": " + textwrap.shorten(str(text), width=60, placeholder="…")
        labels.append(plain_text(label))
    ax.set_yticks(y, labels)
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(-1.02, 1.02)
    ax.set_xticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    ax.set_xlabel("VADER compound score")
    ax.set_title(title)
    legend_below(ax, ncol=2, handletextpad=0.1)
    return ax
