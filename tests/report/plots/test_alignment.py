"""Tests of analysis.report.plots.alignment: alignment chart and similarity heatmap."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.image import AxesImage

from analysis.errors import ConfigError
from analysis.report.plots.alignment import plot_alignment, plot_similarity
from analysis.report.plots.style import A_COLOR, B_COLOR
from tests.report.plots.plot_data import PAIRS, A, B, new_ax, pairs_table, sentences


def test_alignment_draws_one_line_per_pair_styled_by_relation() -> None:
    pairs = pairs_table(PAIRS)
    ax = plot_alignment(sentences(A, 5), sentences(B, 6), pairs, ax=new_ax())
    assert len(ax.lines) == len(pairs)
    styles = [line.get_linestyle() for line in ax.lines]
    assert styles == ["-", "--", "-"]
    widths = [line.get_linewidth() for line in ax.lines]
    assert widths[0] > widths[2] > widths[1]  # width grows with similarity


def test_alignment_highlights_unmatched_sentences() -> None:
    a, b = sentences(A, 5, headings=(4,)), sentences(B, 6)
    ax = plot_alignment(a, b, pairs_table(PAIRS), ax=new_ax())
    bars = [p for c in ax.containers if isinstance(c, BarContainer) for p in c]
    assert len(bars) == len(a) + len(b)
    colors = [mpl.colors.to_hex(p.get_facecolor()) for p in bars]
    # A: sentences 1, 4 unmatched; B: 2, 3, 5 unmatched
    assert colors.count(A_COLOR.lower()) == 2
    assert colors.count(B_COLOR.lower()) == 3
    assert sum(bool(p.get_hatch()) for p in bars) == 1  # the heading
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0].endswith("4 body sentences,\n1 unmatched\n(+1 not body text)")  # heading 4
    assert ticks[1].endswith("6 body sentences,\n3 unmatched")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"equivalent", "partial", "only in A", "only in B"} <= set(legend)


@pytest.mark.parametrize("bar_height", ["words", "uniform"])
def test_alignment_bars_fill_each_column_in_reading_order(bar_height: str) -> None:
    a = sentences(A, 5)
    ax = plot_alignment(a, sentences(B, 6), pairs_table([]), bar_height=bar_height)
    first = next(c for c in ax.containers if isinstance(c, BarContainer))
    tops = [p.get_y() for p in first]
    heights = [p.get_height() for p in first]
    assert tops == sorted(tops)
    assert sum(heights) == pytest.approx(1.0, abs=0.05)
    if bar_height == "words":
        assert np.corrcoef(heights, a["n_words"])[0, 1] == pytest.approx(1.0)
    else:
        assert max(heights) == pytest.approx(min(heights))
    assert len(ax.lines) == 0


def test_alignment_rejects_pairs_outside_the_sentences() -> None:
    with pytest.raises(ConfigError, match="missing"):
        plot_alignment(sentences(A, 2), sentences(B, 2), pairs_table([(5, 0, 0.9, "equivalent")]))


def test_alignment_rejects_unknown_bar_height() -> None:
    with pytest.raises(ConfigError, match="bar_height"):
        plot_alignment(sentences(A, 2), sentences(B, 2), pairs_table([]), bar_height="x")


def test_similarity_heatmap_marks_every_pair() -> None:
    matrix = np.linspace(0, 1, 30).reshape(5, 6)
    pairs = pairs_table(PAIRS)
    ax = plot_similarity(matrix, pairs, ax=new_ax())
    images = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert len(images) == 1
    assert images[0].get_array().shape == (5, 6)
    marks = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in marks) == len(pairs)
    offsets = np.vstack([c.get_offsets() for c in marks])
    # x = sentence of B, y = sentence of A
    assert {tuple(o) for o in offsets} == {(1, 0), (0, 2), (4, 3)}
    assert "B" in ax.get_xlabel()
    assert "A" in ax.get_ylabel()
    assert len(ax.get_figure(root=True).axes) == 2  # the colour bar


def test_similarity_takes_a_dataframe_with_sentence_numbers() -> None:
    matrix = pd.DataFrame(np.eye(3), index=[10, 11, 12], columns=[20, 21, 22])
    pairs = pairs_table([(11, 22, 1.0, "equivalent")])
    ax = plot_similarity(matrix, pairs, ax=new_ax())
    marks = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [tuple(o) for o in marks[0].get_offsets()] == [(2, 1)]


def test_similarity_rejects_pairs_outside_the_matrix() -> None:
    with pytest.raises(ConfigError, match="outside"):
        plot_similarity(np.zeros((2, 2)), pairs_table([(3, 0, 0.9, "equivalent")]))
