"""Tests of analysis.report.plots.captions: a caption with a citation for every figure."""

from __future__ import annotations

import pytest

from analysis.errors import ConfigError
from analysis.report.plots.captions import FIGURE_CAPTIONS, FIGURE_NAMES, figure_caption


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_figure_has_a_caption_with_a_citation(name: str) -> None:
    caption = figure_caption(name, method="lexical")
    assert "{" not in caption
    assert any(str(year) in caption for year in range(1950, 2030))
    assert set(FIGURE_CAPTIONS) == set(FIGURE_NAMES)


def test_caption_names_the_alignment_method() -> None:
    assert "embeddings" in figure_caption("similarity", method="embeddings")


def test_unknown_caption_raises() -> None:
    with pytest.raises(ConfigError, match="nope"):
        figure_caption("nope")
