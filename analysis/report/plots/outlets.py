"""Figure of a batch: one measure per outlet across events, with confidence intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.report.plots._common import is_empty, new_axes, no_data, plain_text
from analysis.report.plots.style import A_COLOR, SINGLE_COLUMN

__all__ = ["plot_outlet_measure"]


def plot_outlet_measure(
    table: pd.DataFrame, *, measure: str, title: str, n_outlets: int = 15, ax: Axes | None = None
) -> Axes:
    """Draw one measure per outlet as a point with its confidence-interval bar.

    The *n_outlets* outlets seen in the most events (ties by name) are drawn, sorted by
    mean; the tick labels give each outlet's number of events.

    Parameters
    ----------
    table : pandas.DataFrame
        Batch outlet table: ``outlet``, ``measure``, ``n_events``, ``mean``, ``ci_low``,
        ``ci_high``.
    measure : str
        The ``measure`` whose rows are drawn.
    title : str
        Title of the Axes.
    n_outlets : int, default 15
        At most this many outlets are drawn.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 in wide, 0.22 in per outlet).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.
    """
    rows = table[table["measure"] == measure] if not is_empty(table) else table
    if ax is None:
        n = 0 if is_empty(rows) else min(len(rows), n_outlets)
        ax = new_axes(SINGLE_COLUMN, max(1.8, 0.9 + 0.22 * n))
    if is_empty(rows) or rows["mean"].isna().all():
        return no_data(ax, title)
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
    labels = [
        plain_text(f"{o} (n={n})") for o, n in zip(rows["outlet"], rows["n_events"], strict=True)
    ]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlabel(f"{measure.replace('_', ' ')} (mean over events, 95% CI)")
    ax.set_title(title)
    return ax
