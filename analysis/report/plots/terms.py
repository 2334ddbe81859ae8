"""Figure of distinguishing terms: log-odds z-score against frequency, with placed labels."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.errors import ConfigError
from analysis.report.plots._common import (
    first_value,
    is_empty,
    new_axes,
    no_data,
    plain_text,
    require,
)
from analysis.report.plots.labels import place_labels
from analysis.report.plots.style import A_COLOR, B_COLOR, DOUBLE_COLUMN, MUTED

__all__ = ["plot_distinguishing_terms"]

# Column names read here (the producing module defines the same names).
TERM, Z, A_COUNT, B_COUNT, FLAG = "term", "z", "a_count", "b_count", "flag"
SIDE_A, SIDE_B = "a", "b"

#: At most this many terms are written in the label of one point (the rest as "+n").
MAX_TERMS_PER_LABEL = 3


def _join_terms(terms: Sequence[str]) -> str:
    shown = ", ".join(terms[:MAX_TERMS_PER_LABEL])
    rest = len(terms) - MAX_TERMS_PER_LABEL
    return plain_text(f"{shown} +{rest}" if rest > 0 else shown)


def plot_distinguishing_terms(
    terms: pd.DataFrame,
    *,
    n_labels: int = 10,
    threshold: float = 1.96,
    ax: Axes | None = None,
) -> Axes:
    """Draw each term's z-score against its total frequency, as in Monroe et al. (2008, fig. 1).

    x: total count ``a_count + b_count`` (log scale); y: ``z`` (positive = more typical of
    A, blue; negative = of B, vermillion; pale below |z| = *threshold*). Dashed lines mark
    ``±threshold``. Terms with the same counts share a point, labelled once with up to three
    of them. Labels are placed by :func:`~analysis.report.plots.labels.place_labels` so that
    no two overlap nor cover a point (labels that fit nowhere are left out and logged).
    Deterministic.

    Parameters
    ----------
    terms : pandas.DataFrame
        ``distinguishing_terms.csv`` (:func:`analysis.diff.logodds.distinguishing_terms`):
        ``term``, ``a_count``, ``b_count``, ``z`` and optionally ``flag`` (bool) and ``a``,
        ``b`` (side names).
    n_labels : int, default 10
        Points labelled on each side, those with the largest |z|; every point with a flagged
        term is labelled as well.
    threshold : float, default 1.96
        |z| drawn as dashed lines; weaker points are pale.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (7 x 3.6 in).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ConfigError
        If *n_labels* is negative or a column is missing.
    """
    if n_labels < 0:
        raise ConfigError(f"n_labels={n_labels} must be zero or positive")
    if ax is None:
        ax = new_axes(DOUBLE_COLUMN, 3.6)
    title = "Distinguishing terms"
    if is_empty(terms):
        return no_data(ax, title)
    require(terms, [TERM, Z, A_COUNT, B_COUNT], "terms table")
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
        return no_data(ax, title)
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
        ax.axhline(sign * threshold, color=MUTED, linestyle="--", linewidth=0.5, zorder=1)
    ax.axhline(0, color=MUTED, linewidth=0.4, zorder=1)
    a_id = first_value(terms[SIDE_A], "A") if SIDE_A in terms.columns else "A"
    b_id = first_value(terms[SIDE_B], "B") if SIDE_B in terms.columns else "B"
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
        place_labels(
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
