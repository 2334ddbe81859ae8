"""Tests of analysis.report.plots.tone: sentence tone, tone arc and tone shifts."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PathCollection

from analysis.errors import ConfigError
from analysis.report.plots.tone import plot_tone, plot_tone_arc, plot_tone_shifts
from tests.report.plots.plot_data import (
    A,
    B,
    arc_table,
    draw,
    new_ax,
    scored,
    sentiment_arc,
    shifts_table,
)


def test_tone_draws_every_sentence_per_article() -> None:
    table = scored(6, 9)
    ax = plot_tone(table, ax=new_ax())
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    counts = sorted(len(c.get_offsets()) for c in dots)
    assert counts == [1, 1, 6, 9]  # two means and the sentences of each article
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"A: {A}", f"B: {B}"]
    assert "compound" in ax.get_xlabel()


def test_tone_arc_draws_one_line_per_article_with_bands() -> None:
    ax = plot_tone_arc(arc_table(), ax=new_ax())
    lines = [line for line in ax.lines if line.get_label().startswith(("A:", "B:"))]
    assert len(lines) == 2
    np.testing.assert_allclose(lines[0].get_xdata(), [0.1, 0.3, 0.5, 0.7, 0.9])
    assert len(ax.collections) >= 2  # confidence bands
    assert ax.get_xlim() == (0.0, 1.0)


def test_tone_arc_reads_the_sentiment_bins() -> None:
    ax = plot_tone_arc(sentiment_arc(), ax=new_ax())
    lines = [line for line in ax.lines if line.get_label().startswith(("A:", "B:"))]
    assert len(lines) == 2
    np.testing.assert_allclose(lines[0].get_xdata(), [0.125, 0.375, 0.625, 0.875])
    assert np.isnan(lines[0].get_ydata()[1])  # an empty bin leaves a gap
    draw(ax)


def test_tone_shifts_largest_first() -> None:
    table = shifts_table()
    ax = plot_tone_shifts(table, ax=new_ax())
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.split(":")[0] for t in ticks] == ["A2–B0", "A4–B5", "A0–B1", "A3–B4"]
    connectors = [line for line in ax.lines if len(line.get_xdata()) == 2]
    assert len(connectors) >= len(table)


def test_tone_shifts_keeps_the_top_n() -> None:
    ax = plot_tone_shifts(shifts_table(), n_pairs=2, ax=new_ax())
    assert len(ax.get_yticklabels()) == 2
    with pytest.raises(ConfigError, match="n_pairs"):
        plot_tone_shifts(shifts_table(), n_pairs=0)
