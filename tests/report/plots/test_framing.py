"""Tests of analysis.report.plots.framing: two-sided bars of frames and modality."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.container import BarContainer, ErrorbarContainer

from analysis.errors import ConfigError
from analysis.report.plots.framing import plot_frames, plot_modality
from tests.report.plots.plot_data import A, B, new_ax, two_sided


@pytest.mark.parametrize(
    ("plot", "value"),
    [(plot_frames, "share"), (plot_modality, "per_sentence")],
)
def test_two_sided_bars_with_confidence_intervals(plot: Callable[..., Axes], value: str) -> None:
    table = two_sided(value, ["conflict", "human interest", "security"])
    ax = plot(table, ax=new_ax())
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [len(c) for c in bars] == [3, 3]
    np.testing.assert_allclose([p.get_width() for p in bars[0]], table[f"a_{value}"])
    np.testing.assert_allclose([p.get_width() for p in bars[1]], table[f"b_{value}"])
    errors = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(errors) == 2
    segments = errors[0].lines[2][0].get_segments()
    lows = [seg[0][0] for seg in segments]
    np.testing.assert_allclose(lows, table["a_ci_low"])
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Conflict",
        "Human Interest",
        "Security",
    ]
    assert "95% CI" in ax.get_xlabel()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"A: {A}", f"B: {B}"]


def test_frames_require_their_columns() -> None:
    with pytest.raises(ConfigError, match="a_share"):
        plot_frames(pd.DataFrame({"frame": ["x"]}))
