"""Figure of coverage: items (actors, speakers, numbers) in both articles, A only and B only."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.errors import ConfigError
from analysis.report.plots._common import is_empty, legend_below, new_axes, no_data, require
from analysis.report.plots.style import A_COLOR, B_COLOR, SHARED_COLOR, SINGLE_COLUMN

__all__ = ["plot_coverage"]

# Column names read here (the producing module defines the same names).
KIND, PRESENCE, COUNT, ITEM_KIND, STATUS = "kind", "presence", "n", "item_kind", "status"
#: Plural labels of the coverage item kinds.
KIND_LABELS: Mapping[str, str] = {"actor": "actors", "speaker": "speakers", "number": "numbers"}
#: Presence values of the coverage table, in drawing order, with their legend labels.
PRESENCE_LABELS: Mapping[str, str] = {"both": "in both", "a_only": "A only", "b_only": "B only"}


def plot_coverage(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw counts of items in both articles, A only and B only, one stacked bar per kind.

    Kinds keep their order of appearance (shown in the plural); each segment is labelled
    with its count.

    Parameters
    ----------
    table : pandas.DataFrame
        Presence table of :func:`analysis.diff.coverage.compare_presence`: one row per item
        with ``item_kind`` (actor, speaker, number) and ``status`` (``both``, ``a_only``,
        ``b_only``); the columns may also be called ``kind`` and ``presence``. Every row
        counts one item, unless an ``n`` column gives counts.
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
        If a column is missing or a status value is unknown.
    """
    if ax is None:
        ax = new_axes(SINGLE_COLUMN, 1.9)
    title = "Coverage: shared and unique"
    if is_empty(table):
        return no_data(ax, title)
    table = table.rename(columns={ITEM_KIND: KIND, STATUS: PRESENCE})
    require(table, [KIND, PRESENCE], "coverage table (item_kind, status)")
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
    legend_below(ax, ncol=3, handlelength=1.0)
    return ax
