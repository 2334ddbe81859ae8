"""Tests of analysis.report.plots: the public names and the contract every plot function keeps."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.report import plots as fig
from tests.report.plots.plot_data import (
    PAIRS,
    A,
    B,
    coverage_table,
    draw,
    new_ax,
    outlet_table,
    pairs_table,
    scored,
    sentences,
    sentiment_arc,
    shifts_table,
    terms_table,
    texts,
    two_sided,
)

# Every plot function with a small valid table and with an empty one.
PLOTS: dict[str, tuple[Callable[..., Axes], Callable[[], tuple], Callable[[], tuple]]] = {
    "alignment": (
        fig.plot_alignment,
        lambda: (sentences(A, 5), sentences(B, 6), pairs_table(PAIRS)),
        lambda: (sentences(A, 0), sentences(B, 0), pairs_table([])),
    ),
    "similarity": (
        fig.plot_similarity,
        lambda: (np.linspace(0, 1, 30).reshape(5, 6), pairs_table(PAIRS)),
        lambda: (np.zeros((0, 0)), pairs_table([])),
    ),
    "coverage": (fig.plot_coverage, lambda: (coverage_table(),), lambda: (pd.DataFrame(),)),
    "distinguishing_terms": (
        fig.plot_distinguishing_terms,
        lambda: (terms_table(),),
        lambda: (terms_table().iloc[:0],),
    ),
    "frames": (
        fig.plot_frames,
        lambda: (two_sided("share", ["conflict", "morality", "security"]),),
        lambda: (two_sided("share", []),),
    ),
    "modality": (
        fig.plot_modality,
        lambda: (two_sided("per_sentence", ["hedge", "certainty", "reporting"]),),
        lambda: (pd.DataFrame(),),
    ),
    "tone": (fig.plot_tone, lambda: (scored(),), lambda: (scored().iloc[:0],)),
    "tone_arc": (fig.plot_tone_arc, lambda: (sentiment_arc(),), lambda: (pd.DataFrame(),)),
    "tone_shifts": (
        fig.plot_tone_shifts,
        lambda: (shifts_table(),),
        lambda: (shifts_table().iloc[:0],),
    ),
    "outlet_tone": (
        functools.partial(fig.plot_outlet_measure, measure="tone", title="Tone by outlet"),
        lambda: (outlet_table(),),
        lambda: (outlet_table().iloc[:0],),
    ),
}

#: The public names of the package, as before it was split into modules.
PUBLIC = [
    "A_COLOR",
    "B_COLOR",
    "DOUBLE_COLUMN",
    "FIGURE_CAPTIONS",
    "FIGURE_NAMES",
    "PALETTE",
    "RELATION_STYLES",
    "SHARED_COLOR",
    "SINGLE_COLUMN",
    "figure_caption",
    "figure_style",
    "plot_alignment",
    "plot_coverage",
    "plot_distinguishing_terms",
    "plot_frames",
    "plot_modality",
    "plot_outlet_measure",
    "plot_similarity",
    "plot_tone",
    "plot_tone_arc",
    "plot_tone_shifts",
]


def test_package_exports_every_public_name() -> None:
    assert sorted(fig.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(fig, name) is not None


@pytest.mark.parametrize("name", [n for n in PUBLIC if n.startswith("plot_")])
def test_every_plot_function_takes_ax_keyword_only_and_documents_it(name: str) -> None:
    plot = getattr(fig, name)
    parameter = inspect.signature(plot).parameters["ax"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is None
    for section in ("Parameters", "Returns"):
        assert section in (plot.__doc__ or "")


@pytest.mark.parametrize("name", list(PLOTS))
def test_draws_on_the_given_axes_and_returns_it(name: str) -> None:
    plot, make, _ = PLOTS[name]
    ax = new_ax()
    assert plot(*make(), ax=ax) is ax
    assert ax.get_title()
    draw(ax)


@pytest.mark.parametrize("name", list(PLOTS))
def test_creates_a_figure_without_pyplot_when_no_axes_given(name: str) -> None:
    plot, make, _ = PLOTS[name]
    ax = plot(*make())
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    assert figure.get_figwidth() in (fig.SINGLE_COLUMN, fig.DOUBLE_COLUMN)


@pytest.mark.parametrize("name", list(PLOTS))
def test_empty_table_draws_a_no_data_note(name: str) -> None:
    plot, _, make_empty = PLOTS[name]
    ax = plot(*make_empty(), ax=new_ax())
    assert "no data" in texts(ax)
    assert ax.get_title()
    draw(ax)


@pytest.mark.parametrize("name", list(PLOTS))
def test_inputs_are_not_mutated(name: str) -> None:
    plot, make, _ = PLOTS[name]
    args = make()
    copies = [a.copy() for a in args]
    plot(*args, ax=new_ax())
    for arg, copy in zip(args, copies, strict=True):
        if isinstance(arg, pd.DataFrame):
            pd.testing.assert_frame_equal(arg, copy)
        else:
            np.testing.assert_array_equal(arg, copy)


@pytest.mark.parametrize("name", list(PLOTS))
def test_every_axis_with_data_is_labelled(name: str) -> None:
    plot, make, _ = PLOTS[name]
    ax = plot(*make(), ax=new_ax())
    labelled = [bool(ax.get_xlabel()), bool(ax.get_ylabel())]
    tick_labels = [
        any(t.get_text() for t in ax.get_xticklabels()),
        any(t.get_text() for t in ax.get_yticklabels()),
    ]
    # Each axis has an axis label or named ticks (categories, articles).
    assert all(lab or tick for lab, tick in zip(labelled, tick_labels, strict=True))
