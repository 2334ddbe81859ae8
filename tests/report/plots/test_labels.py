"""Tests of analysis.report.plots.labels: labels overlap nothing, stay inside, are deterministic."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text

from analysis.report.plots.labels import place_labels
from tests.report.plots.plot_data import draw, new_ax


def _placed(n: int, *, seed: int = 0) -> tuple[list[Any], Axes]:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 1, (n, 2))
    ax = new_ax()
    ax.scatter(xy[:, 0], xy[:, 1], s=9)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    labels = place_labels(
        ax,
        xy[:, 0].tolist(),
        xy[:, 1].tolist(),
        [f"label {i}" for i in range(n)],
        ["black"] * n,
        avoid_xy=xy,
        fontsize=6.5,
        point_size=9.0,
    )
    return labels, ax


@pytest.mark.parametrize("n", [1, 10, 40])
def test_labels_do_not_overlap_and_stay_inside_the_axes(n: int) -> None:
    labels, ax = _placed(n)
    renderer = draw(ax)
    boxes = [Text.get_window_extent(a, renderer) for a in labels]
    axes_box = ax.get_window_extent(renderer)
    assert boxes
    assert not any(one.overlaps(two) for one, two in itertools.combinations(boxes, 2))
    for box in boxes:
        assert axes_box.x0 - 1 <= box.x0
        assert box.x1 <= axes_box.x1 + 1
        assert axes_box.y0 - 1 <= box.y0
        assert box.y1 <= axes_box.y1 + 1


def test_labels_are_annotations_of_their_points_in_the_order_given() -> None:
    labels, ax = _placed(10)
    assert all(isinstance(a, Annotation) for a in labels)
    texts = [a.get_text() for a in labels]
    assert texts == sorted(texts, key=lambda t: int(t.split()[1]))
    assert len(ax.texts) == len(labels)


def test_labels_that_fit_nowhere_are_left_out() -> None:
    labels, _ = _placed(400)
    assert 0 < len(labels) < 400


def test_placement_is_deterministic() -> None:
    def positions() -> list[tuple[str, tuple[float, float]]]:
        return [(a.get_text(), a.xyann) for a in _placed(30)[0]]

    assert positions() == positions()
