"""Figure of a validation round: agreement and toolkit accuracy per measure, with intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.errors import ConfigError
from analysis.report.plots import PALETTE, SINGLE_COLUMN

__all__ = ["ALPHA_THRESHOLDS", "PLOTTED", "plot_agreement"]

#: Krippendorff's (2004, p. 241) rules of thumb: alpha >= 0.8 reliable, >= 0.667 tentative.
ALPHA_THRESHOLDS = (0.667, 0.8)
#: (comparison, statistic, legend label) drawn per measure, in this order.
PLOTTED = (
    ("coders", "alpha", "alpha among coders"),
    ("coders_and_toolkit", "alpha", "alpha, toolkit as a coder"),
    ("toolkit_vs_majority", "f1", "toolkit F1 vs majority"),
    ("toolkit_vs_majority", "accuracy", "toolkit accuracy vs majority"),
)
_COLUMNS = ("measure", "comparison", "statistic", "value", "ci_low", "ci_high")


def plot_agreement(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Draw alpha among coders, alpha with the toolkit and the toolkit's F1 (yes/no measures)
    or accuracy (others) per measure, each as a point with its bootstrap interval.

    Parameters
    ----------
    table : pandas.DataFrame
        Score table of :func:`analysis.validate.agreement.score_coding`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot (3.5 in wide, 0.25 in
        per row).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; dotted lines mark the alpha thresholds 0.667 and 0.8.

    Raises
    ------
    ConfigError
        When *table* lacks a score column.
    """
    missing = [c for c in _COLUMNS if c not in table.columns]
    if missing:
        raise ConfigError(f"the score table lacks {missing}; pass the table of score_coding")
    rows = []
    for measure in dict.fromkeys(table["measure"]):
        mine = table.loc[table["measure"] == measure]
        has_f1 = (mine["statistic"] == "f1").any()
        for i, (comparison, statistic, label) in enumerate(PLOTTED):
            if statistic == "accuracy" and has_f1:
                continue
            hit = mine.loc[(mine["comparison"] == comparison) & (mine["statistic"] == statistic)]
            if len(hit):
                rows.append((measure, i, label, *hit.iloc[0][["value", "ci_low", "ci_high"]]))
    if ax is None:
        ax = Figure(figsize=(SINGLE_COLUMN, 1.2 + 0.25 * max(len(rows), 1))).subplots()
    ax.set_title("Agreement with human coders")
    ax.set_xlabel("value (95% bootstrap interval)")
    ax.set_xlim(-0.25, 1.05)
    for threshold in ALPHA_THRESHOLDS:
        ax.axvline(threshold, color="#999999", linestyle=":", linewidth=0.8)
    y = np.arange(len(rows), dtype=float)[::-1]
    for yy, (_, i, _label, value, low, high) in zip(y, rows, strict=True):
        color = PALETTE[i % len(PALETTE)]
        if np.isnan(value):
            continue
        err = [[max(value - low, 0)], [max(high - value, 0)]] if np.isfinite(low) else None
        ax.errorbar(
            [value],
            [yy],
            xerr=err,
            fmt="o",
            color=color,
            markersize=3.5,
            elinewidth=0.9,
            capsize=1.5,
        )
    ax.set_yticks(y, [f"{m}: {label}" for m, _, label, *_ in rows])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    return ax
