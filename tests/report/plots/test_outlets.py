"""Tests of analysis.report.plots.outlets: one measure per outlet, with its interval."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import ErrorbarContainer

from analysis.report.plots.outlets import plot_outlet_measure
from tests.report.plots.plot_data import new_ax, outlet_table, texts


def _ticks(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_outlets_are_sorted_by_mean_and_name_their_events() -> None:
    ax = plot_outlet_measure(outlet_table(), measure="tone", title="Tone", ax=new_ax())
    assert _ticks(ax) == ["Herald (n=5)", "Times (n=5)", "Daily (n=3)", "Post (n=1)"]
    errors = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(errors) == 1
    xs = np.asarray(errors[0].lines[0].get_xdata(), dtype=float)
    np.testing.assert_allclose(xs, np.array([-0.2, 0.0, 0.1, 0.4]))
    assert ax.get_title() == "Tone"
    assert "tone" in ax.get_xlabel()


def test_outlets_keep_those_in_the_most_events() -> None:
    ax = plot_outlet_measure(
        outlet_table(), measure="coverage_share", title="Coverage", n_outlets=2, ax=new_ax()
    )
    assert _ticks(ax) == ["Herald (n=5)", "Times (n=5)"]


def test_outlets_without_the_measure_draw_a_no_data_note() -> None:
    ax = plot_outlet_measure(outlet_table(), measure="emphasis", title="Emphasis", ax=new_ax())
    assert "no data" in texts(ax)
