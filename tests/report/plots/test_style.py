"""Tests of analysis.report.plots.style: scoped rc settings, palette, text kept as text."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl

from analysis.report.plots.coverage import plot_coverage
from analysis.report.plots.style import (
    A_COLOR,
    B_COLOR,
    PALETTE,
    SHARED_COLOR,
    SINGLE_COLUMN,
    figure_style,
)
from tests.report.plots.plot_data import coverage_table


def test_figure_style_is_scoped() -> None:
    before = dict(mpl.rcParams)
    with figure_style():
        assert mpl.rcParams["svg.fonttype"] == "none"
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["savefig.dpi"] == 300
        assert 7 <= mpl.rcParams["font.size"] <= 9
        assert mpl.rcParams["svg.hashsalt"]
        assert mpl.rcParams["figure.figsize"][0] == SINGLE_COLUMN
    assert dict(mpl.rcParams) == before


def test_palette_is_okabe_ito_and_sides_are_distinct() -> None:
    assert len(PALETTE) == 8
    assert A_COLOR in PALETTE
    assert B_COLOR in PALETTE
    assert len({A_COLOR, B_COLOR, SHARED_COLOR}) == 3


def test_saves_svg_with_text_as_text(tmp_path: Any) -> None:
    with figure_style():
        ax = plot_coverage(coverage_table())
        path = tmp_path / "coverage.svg"
        ax.get_figure(root=True).savefig(path, metadata={"Date": None})
    svg = path.read_text()
    assert "Coverage" in svg  # the title is a <text> element, not glyph paths
    assert "<text" in svg
