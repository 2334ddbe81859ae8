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
    """Create the Axes of a new constrained-layout figure (no pyplot).

    Parameters
    ----------
    width, height : float
        Figure size in inches.

    Returns
    -------
    matplotlib.axes.Axes
        The figure's one Axes.
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig.subplots()


def no_data(ax: Axes, title: str, note: str = "no data") -> Axes:
    """Title *ax* and write *note* in its centre, for an empty table.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes to draw on; its ticks are removed.
    title : str
        The figure's usual title.
    note : str
        Text shown in the centre, muted and italic.

    Returns
    -------
    matplotlib.axes.Axes
        *ax*.
    """
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
    """Tell whether *table* is missing or has no rows.

    Parameters
    ----------
    table : pandas.DataFrame or None
        A computed table.

    Returns
    -------
    bool
        True for None or zero rows.
    """
    return table is None or len(table) == 0


def require(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise :class:`ConfigError` naming the *columns* that *table* lacks.

    Parameters
    ----------
    table : pandas.DataFrame
        The table a plot function was given.
    columns : sequence of str
        The columns it needs.
    what : str
        What the table is, for the message ("pairs").

    Raises
    ------
    ConfigError
        When any of *columns* is missing.
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ConfigError(
            f"{what} lacks column(s) {', '.join(missing)}; "
            f"pass the table produced by the analysis module"
        )


def plain_text(text: object) -> str:
    r"""Write *text* for a matplotlib label so that it is shown as written.

    matplotlib reads the text between two ``$`` as mathtext (and fails on ``$x^$``); every
    ``$`` becomes ``\$``, which it shows as ``$``.

    Parameters
    ----------
    text : object
        An article id, term, outlet or sentence; converted with ``str``.

    Returns
    -------
    str
        The text with ``$`` escaped.
    """
    return str(text).replace("$", r"\$")


def side_labels(articles: Sequence[str]) -> dict[str, str]:
    """Label the first two articles ``"A: id"`` and ``"B: id"``, further ones by their id.

    Parameters
    ----------
    articles : sequence of str
        Article ids, A first.

    Returns
    -------
    dict of str to str
        ``{article id: label}`` in the order given, as :func:`plain_text`.
    """
    return {
        art: plain_text(f"{'AB'[i]}: {art}" if i < 2 else art) for i, art in enumerate(articles)
    }


def article_colors(articles: Sequence[str]) -> dict[str, str]:
    """Colour the articles: A blue, B vermillion, further ones the rest of the palette.

    Parameters
    ----------
    articles : sequence of str
        Article ids, A first.

    Returns
    -------
    dict of str to str
        ``{article id: hex colour}``; the palette (Okabe & Ito 2008) repeats after 8 articles.
    """
    cycle = [A_COLOR, B_COLOR, *[c for c in PALETTE if c not in (A_COLOR, B_COLOR)]]
    return {art: cycle[i % len(cycle)] for i, art in enumerate(articles)}


def first_value(series: pd.Series, default: str) -> str:
    """Return the first value of *series* as label text, or *default* when it is empty.

    Parameters
    ----------
    series : pandas.Series
        Any values.
    default : str
        Returned for an empty series.

    Returns
    -------
    str
        ``plain_text(series.iloc[0])`` or *default*.
    """
    return plain_text(series.iloc[0]) if len(series) else default


def legend_below(ax: Axes, **kwargs: Any) -> Any:
    """Draw a legend centred under the Axes, below its x tick labels and x label.

    The gap is set in points from the current font sizes, so it does not depend on the
    Axes' height (an offset in Axes fractions would).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes whose artists the legend lists.
    **kwargs
        Further :meth:`matplotlib.axes.Axes.legend` options (``ncols``, ``handles``, ...),
        overriding the compact defaults.

    Returns
    -------
    matplotlib.legend.Legend
        The legend drawn.
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
