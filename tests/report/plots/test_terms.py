"""Tests of analysis.report.plots.terms: z against frequency, labels placed without overlaps."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text

from analysis.report.plots.style import figure_style
from analysis.report.plots.terms import plot_distinguishing_terms
from tests.report.plots.plot_data import draw, new_ax, terms_table


def _label_boxes(ax: Axes) -> list[Any]:
    """Boxes of the label texts (without their leader lines)."""
    renderer = draw(ax)
    return [Text.get_window_extent(a, renderer) for a in ax.texts if isinstance(a, Annotation)]


@pytest.mark.parametrize("n_terms", [5, 60, 400])
def test_term_labels_do_not_overlap_and_stay_inside(n_terms: int) -> None:
    with figure_style():
        ax = plot_distinguishing_terms(terms_table(n_terms))
        boxes = _label_boxes(ax)
        axes_box = ax.get_window_extent()
    assert boxes
    for one, two in itertools.combinations(boxes, 2):
        assert not one.overlaps(two)
    for box in boxes:
        assert axes_box.x0 - 1 <= box.x0
        assert box.x1 <= axes_box.x1 + 1
        assert axes_box.y0 - 1 <= box.y0
        assert box.y1 <= axes_box.y1 + 1


def test_term_labels_on_a_given_axes_do_not_overlap() -> None:
    ax = plot_distinguishing_terms(terms_table(200), n_labels=15, ax=new_ax())
    boxes = _label_boxes(ax)
    assert len(boxes) > 5
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


def test_terms_plot_is_z_against_log_frequency() -> None:
    terms = terms_table()
    ax = plot_distinguishing_terms(terms, ax=new_ax())
    assert ax.get_xscale() == "log"
    assert "frequency" in ax.get_xlabel()
    assert "z" in ax.get_ylabel()
    offsets = ax.collections[0].get_offsets()
    assert len(offsets) == len(terms)
    np.testing.assert_allclose(offsets[:, 0], terms["a_count"] + terms["b_count"])
    np.testing.assert_allclose(offsets[:, 1], terms["z"])
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert sorted(line.get_ydata()[0] for line in dashed) == [-1.96, 1.96]


def test_terms_label_the_strongest_and_flagged_terms() -> None:
    terms = pd.DataFrame(
        {
            "term": ["alpha", "beta", "gamma", "delta", "omega"],
            "a_count": [9, 1, 0, 3, 2],
            "b_count": [0, 1, 8, 3, 2],
            "z": [2.5, 0.1, -2.2, 0.0, 0.05],
            "flag": [True, False, True, False, False],
        }
    )
    ax = plot_distinguishing_terms(terms, n_labels=1, ax=new_ax())
    labels = {a.get_text() for a in ax.texts if isinstance(a, Annotation)}
    assert labels == {"alpha", "gamma"}


def test_terms_with_equal_counts_share_one_label() -> None:
    terms = pd.DataFrame(
        {
            "term": ["d", "c", "b", "a", "e"],
            "a_count": [2, 2, 2, 2, 0],
            "b_count": [0, 0, 0, 0, 3],
            "z": [1.0, 1.0, 1.0, 1.0, -1.2],
        }
    )
    ax = plot_distinguishing_terms(terms, ax=new_ax())
    labels = sorted(a.get_text() for a in ax.texts if isinstance(a, Annotation))
    assert labels == ["a, b, c +1", "e"]


def test_term_label_placement_is_deterministic() -> None:
    def positions() -> list[tuple[str, tuple[float, float]]]:
        ax = plot_distinguishing_terms(terms_table(120), ax=new_ax())
        return [(a.get_text(), a.xyann) for a in ax.texts if isinstance(a, Annotation)]

    assert positions() == positions()
