"""House figure style: journal-column sizes, the Okabe & Ito palette and a scoped rc context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import seaborn as sns
from cycler import cycler

__all__ = [
    "A_COLOR",
    "B_COLOR",
    "DOUBLE_COLUMN",
    "MUTED",
    "PALETTE",
    "SHARED_COLOR",
    "SIMILARITY_CMAP",
    "SINGLE_COLUMN",
    "figure_style",
]

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
#: Secondary ink: links, notes, tick-side numbers.
MUTED = "#555555"
#: Sequential colour map for the similarity matrix (perceptually uniform, CVD-safe).
SIMILARITY_CMAP = "cividis"


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

    Yields
    ------
    None
        The house rc settings (seaborn "ticks" and "paper", 300 dpi PNG, SVG and PDF text as
        text, a fixed SVG hash salt) hold inside the block.
    """
    rc: Any = _style_rc()
    with mpl.rc_context(rc):
        yield
