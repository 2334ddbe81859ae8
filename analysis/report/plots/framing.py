"""Figures of framing: frame shares and modality rates of A and B with confidence intervals."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.report.plots._common import (
    first_value,
    is_empty,
    legend_below,
    new_axes,
    no_data,
    plain_text,
    require,
)
from analysis.report.plots.style import A_COLOR, B_COLOR, SINGLE_COLUMN

__all__ = ["plot_frames", "plot_modality"]

# Column names read here (the producing modules define the same names).
SIDE_A, SIDE_B, LABEL, CONFIDENCE_LEVEL = "a", "b", "label", "confidence_level"
FRAME, CATEGORY, SHARE, PER_SENTENCE = "frame", "category", "share", "per_sentence"
CI_LOW, CI_HIGH = "ci_low", "ci_high"


def _plot_two_sided(
    table: pd.DataFrame,
    *,
    category: str,
    value: str,
    title: str,
    xlabel: str,
    ax: Axes,
) -> Axes:
    """Draw grouped horizontal bars of ``a_<value>`` and ``b_<value>`` per category, with CIs."""
    if is_empty(table):
        return no_data(ax, title)
    a_col, b_col = f"a_{value}", f"b_{value}"
    require(table, [category, a_col, b_col], f"{title.lower()} table")
    names = [
        plain_text(textwrap.fill(name, width=20))
        for name in (table[LABEL] if LABEL in table.columns else table[category]).astype(str)
    ]
    a_id = first_value(table[SIDE_A], "A") if SIDE_A in table.columns else "A"
    b_id = first_value(table[SIDE_B], "B") if SIDE_B in table.columns else "B"
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
    legend_below(ax, ncol=2, handlelength=1.0)
    return ax


def plot_frames(frames: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw each frame's share of sentences in A and B, with confidence-interval error bars.

    Frames keep the table's (codebook) order, top to bottom.

    Parameters
    ----------
    frames : pandas.DataFrame
        ``frames.csv`` (:func:`analysis.diff.frames.frame_shares`): one row per frame with
        ``frame`` (and ``label``, used for the tick labels when present), ``a_share``,
        ``b_share`` (0..1), optionally ``a_ci_low``, ``a_ci_high``, ``b_ci_low``,
        ``b_ci_high``, ``confidence_level``, and ``a``, ``b`` (side names for the legend).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 in wide, 0.3 in per frame).

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
        n = 0 if is_empty(frames) else len(frames)
        ax = new_axes(SINGLE_COLUMN, max(1.8, 1.0 + 0.3 * n))
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

    Parameters
    ----------
    modality : pandas.DataFrame
        ``modality.csv`` (:func:`analysis.diff.modality.modality_rates`): one row per category
        with ``category`` (and ``label``), ``a_per_sentence``, ``b_per_sentence``, optionally
        ``a_ci_low``, ``a_ci_high``, ``b_ci_low``, ``b_ci_high``, ``confidence_level``, and
        ``a``, ``b`` (side names).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 in wide, 0.3 in per category).

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
        n = 0 if is_empty(modality) else len(modality)
        ax = new_axes(SINGLE_COLUMN, max(1.6, 1.0 + 0.3 * n))
    return _plot_two_sided(
        modality,
        category=CATEGORY,
        value=PER_SENTENCE,
        title="Modality and attribution",
        xlabel="markers per sentence",
        ax=ax,
    )
