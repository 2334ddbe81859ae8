"""Greedy, deterministic placement of point labels that overlap no other label or marker."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["place_labels"]

logger = logging.getLogger(__name__)


def _renderer(fig: Figure) -> Any:
    get = getattr(fig.canvas, "get_renderer", None)
    if get is not None:
        return get()
    from matplotlib.backends.backend_agg import RendererAgg

    width, height = fig.bbox.size
    return RendererAgg(math.ceil(width), math.ceil(height), fig.dpi)


#: Candidate label offsets in points, tried in this order: near first, then around the point.
_OFFSET_RADII = (3.0, 6.0, 9.0, 13.0, 18.0, 24.0, 31.0, 40.0, 50.0, 62.0)
_OFFSET_ANGLES = tuple(range(0, 360, 15))
#: Labels placed farther than this (points) from their point get a leader line.
_LEADER_MIN = 8.0


def _candidate_offsets() -> list[tuple[float, float]]:
    offsets = []
    for radius in _OFFSET_RADII:
        for angle in _OFFSET_ANGLES:
            rad = math.radians(angle)
            offsets.append((radius * math.cos(rad), radius * math.sin(rad)))
    return offsets


def _overlaps_any(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each box ``(x0, y0, x1, y1)`` of *boxes*, whether it overlaps any box of *others*."""
    if len(others) == 0:
        return np.zeros(len(boxes), dtype=bool)
    b = boxes[:, None, :]
    o = others[None, :, :]
    hit = (b[..., 0] < o[..., 2]) & (o[..., 0] < b[..., 2])
    hit &= (b[..., 1] < o[..., 3]) & (o[..., 1] < b[..., 3])
    return np.asarray(hit.any(axis=1))


def _contains_any(boxes: np.ndarray, points: np.ndarray) -> np.ndarray:
    """For each box ``(x0, y0, x1, y1)`` of *boxes*, whether any of *points* lies inside it."""
    if len(points) == 0 or len(boxes) == 0:
        return np.zeros(len(boxes), dtype=bool)
    b = boxes[:, None, :]
    p = points[None, :, :]
    inside = (b[..., 0] < p[..., 0]) & (p[..., 0] < b[..., 2])
    inside &= (b[..., 1] < p[..., 1]) & (p[..., 1] < b[..., 3])
    return np.asarray(inside.any(axis=1))


def place_labels(
    ax: Axes,
    xs: Sequence[float],
    ys: Sequence[float],
    labels: Sequence[str],
    colors: Sequence[str],
    *,
    avoid_xy: np.ndarray,
    fontsize: float,
    point_size: float,
) -> list[Any]:
    """Label points greedily and deterministically, without overlaps (first fit).

    Labels are placed in the order given. Each is tried at fixed offsets around its point
    (:data:`_OFFSET_RADII` x :data:`_OFFSET_ANGLES`, nearest first); a candidate is taken if its
    box stays inside the Axes, touches no placed label, no text already on the Axes, no marker
    of *avoid_xy* and, where possible, no leader line, and if its own leader line crosses no
    label. Labels that fit nowhere are left out (and logged). Offsets are in points, like the
    font size, so the layout is the same at any dpi.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes holding the points; its figure is laid out before measuring.
    xs, ys : sequence of float
        Data coordinates of the points to label.
    labels, colors : sequence of str
        Text and colour of each label, one per point.
    avoid_xy : numpy.ndarray
        Markers no label may cover, shape ``(n, 2)`` in data coordinates (e.g. every point of
        the scatter).
    fontsize : float
        Font size of the labels, in points.
    point_size : float
        Marker size of *avoid_xy* in points squared (``scatter``'s ``s``).

    Returns
    -------
    list of matplotlib.text.Annotation
        The labels placed, in the order given; labels left out are missing.
    """
    fig = ax.get_figure(root=True)
    assert fig is not None
    if fig.get_layout_engine() is not None:
        fig.draw_without_rendering()  # settle the Axes position before measuring
    renderer = _renderer(fig)
    px = fig.dpi / 72.0
    pad = 1.0 * px
    axes_box = ax.get_window_extent(renderer)
    half = math.sqrt(point_size) / 2 * px + pad
    avoid = ax.transData.transform(np.asarray(avoid_xy, dtype=float).reshape(-1, 2))
    fixed = [list(t.get_window_extent(renderer).extents) for t in ax.texts if t.get_visible()]
    point_boxes = np.column_stack([avoid - half, avoid + half])
    text_boxes = np.asarray(fixed, dtype=float).reshape(-1, 4)
    line_points = np.zeros((0, 2))  # samples along the leader lines drawn so far
    offsets = np.asarray(_candidate_offsets())
    ox, oy = offsets[:, 0], offsets[:, 1]
    far_mask = np.hypot(ox, oy) > _LEADER_MIN
    steps = np.linspace(0.0, 1.0, 16)
    points = ax.transData.transform(np.column_stack([xs, ys]))
    annotations = []
    for (x, y), label, color, x_data, y_data in zip(points, labels, colors, xs, ys, strict=True):
        probe = ax.text(0, 0, label, fontsize=fontsize)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        width, height = extent.width, extent.height
        cx, cy = x + ox * px, y + oy * px
        # Anchor each candidate box on the side facing away from the point.
        left = np.where(ox > 0.5, cx, np.where(ox < -0.5, cx - width, cx - width / 2))
        bottom = np.where(oy > 0.5, cy, np.where(oy < -0.5, cy - height, cy - height / 2))
        boxes = np.column_stack(
            [left - pad, bottom - pad, left + width + pad, bottom + height + pad]
        )
        ok = (
            (boxes[:, 0] >= axes_box.x0)
            & (boxes[:, 2] <= axes_box.x1)
            & (boxes[:, 1] >= axes_box.y0)
            & (boxes[:, 3] <= axes_box.y1)
        )
        ok &= ~_overlaps_any(boxes, point_boxes) & ~_overlaps_any(boxes, text_boxes)
        # Leader lines should cross no label; where that leaves no room, a crossing is allowed
        # (labels still never overlap).
        free = ok.copy()
        ok &= ~_contains_any(boxes, line_points)
        # A leader line (point to label centre) must not cross another label.
        centres = np.column_stack(
            [(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2]
        )
        samples = (
            np.array([x, y])[None, None, :]
            + (centres - np.array([x, y]))[:, None, :] * steps[None, :, None]
        )
        crossing = np.array(
            [
                bool(far_mask[i]) and bool(_contains_any(text_boxes, samples[i]).any())
                for i in range(len(boxes))
            ]
        )
        ok &= ~crossing
        if not ok.any():
            ok = free
        if not ok.any():
            logger.debug("no room for the label %r; left out", label)
            continue
        k = int(np.argmax(ok))
        text_boxes = np.vstack([text_boxes, boxes[k]])
        if far_mask[k]:
            line_points = np.vstack([line_points, samples[k]])
        dx, dy = float(ox[k]), float(oy[k])
        far = bool(far_mask[k])
        annotations.append(
            ax.annotate(
                label,
                xy=(x_data, y_data),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx > 0.5 else "right" if dx < -0.5 else "center",
                va="bottom" if dy > 0.5 else "top" if dy < -0.5 else "center",
                fontsize=fontsize,
                color=color,
                arrowprops=(
                    {
                        "arrowstyle": "-",
                        "color": color,
                        "linewidth": 0.4,
                        "shrinkA": 0,
                        "shrinkB": 1.5,
                    }
                    if far
                    else None
                ),
            )
        )
    return annotations
