"""Tests of analysis.report.plots.coverage: stacked counts of shared and unique items."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.container import BarContainer

from analysis.errors import ConfigError
from analysis.report.plots.coverage import plot_coverage
from tests.report.plots.plot_data import coverage_table, new_ax, texts


def test_coverage_stacks_both_a_only_b_only_per_kind() -> None:
    ax = plot_coverage(coverage_table(), ax=new_ax())
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 3  # both, A only, B only
    widths = np.array([[p.get_width() for p in c] for c in bars])
    np.testing.assert_array_equal(widths, [[5, 1, 2], [2, 0, 0], [7, 3, 1]])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["actors", "speakers", "numbers"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["in both", "A only", "B only"]
    assert "7" in texts(ax)


def test_coverage_counts_rows_of_the_presence_table() -> None:
    items = pd.DataFrame(
        {
            "item_kind": ["actor"] * 3,
            "item": ["X", "Y", "Z"],
            "status": ["both", "both", "a_only"],
            "n_a": [3, 1, 2],
            "n_b": [1, 1, 0],
        }
    )
    ax = plot_coverage(items, ax=new_ax())
    widths = [c[0].get_width() for c in ax.containers if isinstance(c, BarContainer)]
    assert widths == [2, 1, 0]


def test_coverage_rejects_unknown_presence() -> None:
    with pytest.raises(ConfigError, match="maybe"):
        plot_coverage(pd.DataFrame({"item_kind": ["actor"], "status": ["maybe"]}))
