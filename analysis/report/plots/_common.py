"""Helpers shared by the plot modules: new Axes, the "no data" note, column checks, legends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.errors import ConfigError
from analysis.report.plots.style import A_COLOR, B_COLOR, MUTED, PALETTE


def new_axes(width: float, height: float) -> Axes:
    """Axes of a new constrained-layout figure *width* x *height* inches (no pyplot)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig.subplots()


def no_data(ax: Axes, title: str, note: str = "no data") -> Axes:
    """Title *ax* and write *note* in its centre, for an empty table."""
    ax.set_title(title)
    ax.text(
        0.5,
        0.5,
        note,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=MUTED,
        fontstyle="italic",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def is_empty(table: pd.DataFrame | None) -> bool:
    return table is None or len(table) == 0


def require(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise :class:`ConfigError` naming the *columns* that *table* lacks."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ConfigError(
            f"{what} lacks column(s) {', '.join(missing)}; "
            f"pass the table produced by the analysis module"
        )


def side_labels(articles: Sequence[str]) -> dict[str, str]:
    """``{article id: "A: id"}`` for the first two articles, in the order given."""
    return {art: f"{'AB'[i]}: {art}" if i < 2 else str(art) for i, art in enumerate(articles)}


def article_colors(articles: Sequence[str]) -> dict[str, str]:
    """``{article id: colour}``: A blue, B vermillion, further articles the rest of the palette."""
    cycle = [A_COLOR, B_COLOR, *[c for c in PALETTE if c not in (A_COLOR, B_COLOR)]]
    return {art: cycle[i % len(cycle)] for i, art in enumerate(articles)}


def first_value(series: pd.Series, default: str) -> str:
    """The first value of *series* as text, or *default* when it is empty."""
    return str(series.iloc[0]) if len(series) else default


def legend_below(ax: Axes, **kwargs: Any) -> Any:
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
