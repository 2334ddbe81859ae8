"""Figures of a comparison: each ``plot_*`` function draws one computed table on a matplotlib Axes.

Every plot function takes a table from an analysis module and ``ax=None``, draws on that Axes
(creating a journal-column figure without pyplot when none is given) and returns it; nothing here
saves, shows or computes a statistic; an empty table draws a "no data" note. Draw and save
inside ``with figure_style():`` to get the house style.
"""

from analysis.report.plots.alignment import RELATION_STYLES, plot_alignment, plot_similarity
from analysis.report.plots.captions import FIGURE_CAPTIONS, FIGURE_NAMES, figure_caption
from analysis.report.plots.coverage import plot_coverage
from analysis.report.plots.framing import plot_frames, plot_modality
from analysis.report.plots.outlets import plot_outlet_measure
from analysis.report.plots.style import (
    A_COLOR,
    B_COLOR,
    DOUBLE_COLUMN,
    PALETTE,
    SHARED_COLOR,
    SINGLE_COLUMN,
    figure_style,
)
from analysis.report.plots.terms import plot_distinguishing_terms
from analysis.report.plots.tone import plot_tone, plot_tone_arc, plot_tone_shifts

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
