"""Tests of analysis.report.plots: what is drawn (artists, labels, styles), never pixels."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.text import Annotation, Text

from analysis.errors import ConfigError
from analysis.report import plots as figures

A, B = "art-a", "art-b"


# ----------------------------------------------------------------------------- fixtures


def sentences(article: str, n: int, *, headings: tuple[int, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"{article}:{i}" for i in range(n)],
            "article": article,
            "sentence": range(n),
            "block_type": ["heading" if i in headings else "paragraph" for i in range(n)],
            "is_body": [i not in headings for i in range(n)],
            "position": np.linspace(0, 1, n) if n else [],
            "text": [f"Sentence {i} of {article}." for i in range(n)],
            "n_words": [4 + (i % 5) * 3 for i in range(n)],
        }
    )


def pairs_table(rows: list[tuple[int, int, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a_article": A,
            "b_article": B,
            "a_sentence": [r[0] for r in rows],
            "b_sentence": [r[1] for r in rows],
            "a_text": [f"Sentence {r[0]} of {A}." for r in rows],
            "b_text": [f"Sentence {r[1]} of {B}." for r in rows],
            "similarity": [r[2] for r in rows],
            "relation": [r[3] for r in rows],
        }
    )


PAIRS = [(0, 1, 0.95, "equivalent"), (2, 0, 0.6, "partial"), (3, 4, 0.8, "equivalent")]


def terms_table(n: int = 60) -> pd.DataFrame:
    """Many terms, many ties (same counts, same z), a few flagged, like a real table."""
    rng = np.random.default_rng(0)
    a_count = rng.integers(0, 8, n)
    b_count = rng.integers(0, 8, n)
    a_count[a_count + b_count == 0] = 1
    z = (a_count - b_count) / np.sqrt(a_count + b_count + 1.0) * 1.2
    return pd.DataFrame(
        {
            "a": A,
            "b": B,
            "term": [f"term{i:02d}" for i in range(n)],
            "a_count": a_count,
            "b_count": b_count,
            "z": z,
            "flag": np.abs(z) > 1.96,
        }
    )


def two_sided(value: str, names: list[str]) -> pd.DataFrame:
    n = len(names)
    key = "frame" if value == "share" else "category"
    a_val, b_val = np.linspace(0.1, 0.6, n), np.linspace(0.5, 0.2, n)
    return pd.DataFrame(
        {
            key: names,
            "label": [name.title() for name in names],
            "a": A,
            "b": B,
            f"a_{value}": a_val,
            "a_ci_low": a_val - 0.05,
            "a_ci_high": a_val + 0.1,
            f"b_{value}": b_val,
            "b_ci_low": b_val - 0.1,
            "b_ci_high": b_val + 0.05,
            "diff": a_val - b_val,
            "p_value": 0.5,
        }
    )


def scored(n_a: int = 6, n_b: int = 9) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article": [A] * n_a + [B] * n_b,
            "sentence": list(range(n_a)) + list(range(n_b)),
            "compound": np.concatenate([np.linspace(-0.5, 0.8, n_a), np.linspace(-0.9, 0.3, n_b)]),
        }
    )


def sentiment_arc() -> pd.DataFrame:
    """The layout of analysis.diff.tone.tone_arc: bins, NaN for an empty bin."""
    starts = [0.0, 0.25, 0.5, 0.75]
    return pd.DataFrame(
        {
            "article": [A] * 4 + [B] * 4,
            "bin": [0, 1, 2, 3] * 2,
            "bin_start": starts * 2,
            "bin_end": [s + 0.25 for s in starts] * 2,
            "n_sentences": [2, 0, 3, 1, 1, 2, 2, 2],
            "mean_compound": [0.2, np.nan, -0.1, 0.4, 0.0, 0.1, -0.3, 0.2],
        }
    )


def arc_table() -> pd.DataFrame:
    pos = [0.1, 0.3, 0.5, 0.7, 0.9]
    return pd.DataFrame(
        {
            "article": [A] * 5 + [B] * 5,
            "position": pos * 2,
            "compound": [0.1, 0.2, -0.1, 0.0, 0.3, -0.2, -0.1, 0.0, 0.1, 0.2],
            "ci_low": -0.4,
            "ci_high": 0.5,
        }
    )


def shifts_table() -> pd.DataFrame:
    table = pairs_table([*PAIRS, (4, 5, 0.7, "partial")])
    table["a_compound"] = [0.1, 0.5, -0.2, 0.0]
    table["b_compound"] = [0.2, -0.5, -0.2, 0.6]
    return table


def coverage_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kind": ["actor"] * 3 + ["speaker"] * 3 + ["number"] * 2,
            "presence": ["both", "a_only", "b_only", "both", "a_only", "b_only", "both", "b_only"],
            "n": [5, 2, 7, 1, 0, 3, 2, 1],
        }
    )


def new_ax() -> Axes:
    return Figure(figsize=(3.5, 3.0)).subplots()


def draw(ax: Axes) -> Any:
    """Render the Axes' figure with Agg; return the renderer."""
    fig = ax.get_figure(root=True)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


# Every plot function with a small valid table and with an empty one.
PLOTS: dict[str, tuple[Callable[..., Axes], Callable[[], tuple], Callable[[], tuple]]] = {
    "alignment": (
        figures.plot_alignment,
        lambda: (sentences(A, 5), sentences(B, 6), pairs_table(PAIRS)),
        lambda: (sentences(A, 0), sentences(B, 0), pairs_table([])),
    ),
    "similarity": (
        figures.plot_similarity,
        lambda: (np.linspace(0, 1, 30).reshape(5, 6), pairs_table(PAIRS)),
        lambda: (np.zeros((0, 0)), pairs_table([])),
    ),
    "coverage": (figures.plot_coverage, lambda: (coverage_table(),), lambda: (pd.DataFrame(),)),
    "distinguishing_terms": (
        figures.plot_distinguishing_terms,
        lambda: (terms_table(),),
        lambda: (terms_table().iloc[:0],),
    ),
    "frames": (
        figures.plot_frames,
        lambda: (two_sided("share", ["conflict", "morality", "security"]),),
        lambda: (two_sided("share", []),),
    ),
    "modality": (
        figures.plot_modality,
        lambda: (two_sided("per_sentence", ["hedge", "certainty", "reporting"]),),
        lambda: (pd.DataFrame(),),
    ),
    "tone": (figures.plot_tone, lambda: (scored(),), lambda: (scored().iloc[:0],)),
    "tone_arc": (figures.plot_tone_arc, lambda: (sentiment_arc(),), lambda: (pd.DataFrame(),)),
    "tone_shifts": (
        figures.plot_tone_shifts,
        lambda: (shifts_table(),),
        lambda: (shifts_table().iloc[:0],),
    ),
}


@pytest.fixture(autouse=True)
def _no_pyplot_figures() -> Any:
    """No test leaves a pyplot figure open: the module never touches pyplot."""
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before == []


# ----------------------------------------------------------------------------- contract


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
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    assert fig.get_figwidth() in (figures.SINGLE_COLUMN, figures.DOUBLE_COLUMN)


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


# ----------------------------------------------------------------------------- style and captions


def test_figure_style_is_scoped() -> None:
    before = dict(mpl.rcParams)
    with figures.figure_style():
        assert mpl.rcParams["svg.fonttype"] == "none"
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["savefig.dpi"] == 300
        assert 7 <= mpl.rcParams["font.size"] <= 9
        assert mpl.rcParams["svg.hashsalt"]
        assert mpl.rcParams["figure.figsize"][0] == figures.SINGLE_COLUMN
    assert dict(mpl.rcParams) == before


def test_palette_is_okabe_ito_and_sides_are_distinct() -> None:
    assert len(figures.PALETTE) == 8
    assert figures.A_COLOR in figures.PALETTE
    assert figures.B_COLOR in figures.PALETTE
    assert len({figures.A_COLOR, figures.B_COLOR, figures.SHARED_COLOR}) == 3


@pytest.mark.parametrize("name", figures.FIGURE_NAMES)
def test_every_figure_has_a_caption_with_a_citation(name: str) -> None:
    caption = figures.figure_caption(name, method="lexical")
    assert "{" not in caption
    assert any(str(year) in caption for year in range(1950, 2030))
    assert set(figures.FIGURE_CAPTIONS) == set(figures.FIGURE_NAMES)


def test_caption_names_the_alignment_method() -> None:
    assert "embeddings" in figures.figure_caption("similarity", method="embeddings")


def test_unknown_caption_raises() -> None:
    with pytest.raises(ConfigError, match="nope"):
        figures.figure_caption("nope")


def test_saves_svg_with_text_as_text(tmp_path: Any) -> None:
    with figures.figure_style():
        ax = figures.plot_coverage(coverage_table())
        path = tmp_path / "coverage.svg"
        ax.get_figure(root=True).savefig(path, metadata={"Date": None})
    svg = path.read_text()
    assert "Coverage" in svg  # the title is a <text> element, not glyph paths
    assert "<text" in svg


# ----------------------------------------------------------------------------- alignment


def test_alignment_draws_one_line_per_pair_styled_by_relation() -> None:
    pairs = pairs_table(PAIRS)
    ax = figures.plot_alignment(sentences(A, 5), sentences(B, 6), pairs, ax=new_ax())
    assert len(ax.lines) == len(pairs)
    styles = [line.get_linestyle() for line in ax.lines]
    assert styles == ["-", "--", "-"]
    widths = [line.get_linewidth() for line in ax.lines]
    assert widths[0] > widths[2] > widths[1]  # width grows with similarity


def test_alignment_highlights_unmatched_sentences() -> None:
    a, b = sentences(A, 5, headings=(4,)), sentences(B, 6)
    ax = figures.plot_alignment(a, b, pairs_table(PAIRS), ax=new_ax())
    bars = [p for c in ax.containers if isinstance(c, BarContainer) for p in c]
    assert len(bars) == len(a) + len(b)
    colors = [mpl.colors.to_hex(p.get_facecolor()) for p in bars]
    # A: sentences 1, 4 unmatched; B: 2, 3, 5 unmatched
    assert colors.count(figures.A_COLOR.lower()) == 2
    assert colors.count(figures.B_COLOR.lower()) == 3
    assert sum(bool(p.get_hatch()) for p in bars) == 1  # the heading
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0].endswith("4 body sentences,\n1 unmatched\n(+1 not body text)")  # heading 4
    assert ticks[1].endswith("6 body sentences,\n3 unmatched")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"equivalent", "partial", "only in A", "only in B"} <= set(legend)


@pytest.mark.parametrize("bar_height", ["words", "uniform"])
def test_alignment_bars_fill_each_column_in_reading_order(bar_height: str) -> None:
    a = sentences(A, 5)
    ax = figures.plot_alignment(a, sentences(B, 6), pairs_table([]), bar_height=bar_height)
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
        figures.plot_alignment(
            sentences(A, 2), sentences(B, 2), pairs_table([(5, 0, 0.9, "equivalent")])
        )


def test_alignment_rejects_unknown_bar_height() -> None:
    with pytest.raises(ConfigError, match="bar_height"):
        figures.plot_alignment(sentences(A, 2), sentences(B, 2), pairs_table([]), bar_height="x")


# ----------------------------------------------------------------------------- similarity


def test_similarity_heatmap_marks_every_pair() -> None:
    matrix = np.linspace(0, 1, 30).reshape(5, 6)
    pairs = pairs_table(PAIRS)
    ax = figures.plot_similarity(matrix, pairs, ax=new_ax())
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
    ax = figures.plot_similarity(matrix, pairs, ax=new_ax())
    marks = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [tuple(o) for o in marks[0].get_offsets()] == [(2, 1)]


def test_similarity_rejects_pairs_outside_the_matrix() -> None:
    with pytest.raises(ConfigError, match="outside"):
        figures.plot_similarity(np.zeros((2, 2)), pairs_table([(3, 0, 0.9, "equivalent")]))


# ----------------------------------------------------------------------------- coverage


def test_coverage_stacks_both_a_only_b_only_per_kind() -> None:
    ax = figures.plot_coverage(coverage_table(), ax=new_ax())
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
    ax = figures.plot_coverage(items, ax=new_ax())
    widths = [c[0].get_width() for c in ax.containers if isinstance(c, BarContainer)]
    assert widths == [2, 1, 0]


def test_coverage_rejects_unknown_presence() -> None:
    with pytest.raises(ConfigError, match="maybe"):
        figures.plot_coverage(pd.DataFrame({"item_kind": ["actor"], "status": ["maybe"]}))


# ----------------------------------------------------------------------------- terms


def _label_boxes(ax: Axes) -> list[Any]:
    """Boxes of the label texts (without their leader lines)."""
    renderer = draw(ax)
    return [Text.get_window_extent(a, renderer) for a in ax.texts if isinstance(a, Annotation)]


@pytest.mark.parametrize("n_terms", [5, 60, 400])
def test_term_labels_do_not_overlap_and_stay_inside(n_terms: int) -> None:
    with figures.figure_style():
        ax = figures.plot_distinguishing_terms(terms_table(n_terms))
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
    ax = figures.plot_distinguishing_terms(terms_table(200), n_labels=15, ax=new_ax())
    boxes = _label_boxes(ax)
    assert len(boxes) > 5
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


def test_terms_plot_is_z_against_log_frequency() -> None:
    terms = terms_table()
    ax = figures.plot_distinguishing_terms(terms, ax=new_ax())
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
    ax = figures.plot_distinguishing_terms(terms, n_labels=1, ax=new_ax())
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
    ax = figures.plot_distinguishing_terms(terms, ax=new_ax())
    labels = sorted(a.get_text() for a in ax.texts if isinstance(a, Annotation))
    assert labels == ["a, b, c +1", "e"]


def test_term_label_placement_is_deterministic() -> None:
    def positions() -> list[tuple[str, tuple[float, float]]]:
        ax = figures.plot_distinguishing_terms(terms_table(120), ax=new_ax())
        return [(a.get_text(), a.xyann) for a in ax.texts if isinstance(a, Annotation)]

    assert positions() == positions()


# ----------------------------------------------------------------------------- frames, modality


@pytest.mark.parametrize(
    ("plot", "value"),
    [(figures.plot_frames, "share"), (figures.plot_modality, "per_sentence")],
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
        figures.plot_frames(pd.DataFrame({"frame": ["x"]}))


# ----------------------------------------------------------------------------- tone


def test_tone_draws_every_sentence_per_article() -> None:
    table = scored(6, 9)
    ax = figures.plot_tone(table, ax=new_ax())
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    counts = sorted(len(c.get_offsets()) for c in dots)
    assert counts == [1, 1, 6, 9]  # two means and the sentences of each article
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"A: {A}", f"B: {B}"]
    assert "compound" in ax.get_xlabel()


def test_tone_arc_draws_one_line_per_article_with_bands() -> None:
    ax = figures.plot_tone_arc(arc_table(), ax=new_ax())
    lines = [line for line in ax.lines if line.get_label().startswith(("A:", "B:"))]
    assert len(lines) == 2
    np.testing.assert_allclose(lines[0].get_xdata(), [0.1, 0.3, 0.5, 0.7, 0.9])
    assert len(ax.collections) >= 2  # confidence bands
    assert ax.get_xlim() == (0.0, 1.0)


def test_tone_arc_reads_the_sentiment_bins() -> None:
    ax = figures.plot_tone_arc(sentiment_arc(), ax=new_ax())
    lines = [line for line in ax.lines if line.get_label().startswith(("A:", "B:"))]
    assert len(lines) == 2
    np.testing.assert_allclose(lines[0].get_xdata(), [0.125, 0.375, 0.625, 0.875])
    assert np.isnan(lines[0].get_ydata()[1])  # an empty bin leaves a gap
    draw(ax)


def test_tone_shifts_largest_first() -> None:
    table = shifts_table()
    ax = figures.plot_tone_shifts(table, ax=new_ax())
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.split(":")[0] for t in ticks] == ["A2–B0", "A4–B5", "A0–B1", "A3–B4"]
    connectors = [line for line in ax.lines if len(line.get_xdata()) == 2]
    assert len(connectors) >= len(table)


def test_tone_shifts_keeps_the_top_n() -> None:
    ax = figures.plot_tone_shifts(shifts_table(), n_pairs=2, ax=new_ax())
    assert len(ax.get_yticklabels()) == 2
    with pytest.raises(ConfigError, match="n_pairs"):
        figures.plot_tone_shifts(shifts_table(), n_pairs=0)
