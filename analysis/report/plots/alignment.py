"""Figures of a sentence alignment: the two-column alignment chart and the similarity heatmap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.errors import ConfigError
from analysis.report.plots._common import (
    first_value,
    is_empty,
    legend_below,
    new_axes,
    no_data,
    require,
)
from analysis.report.plots.style import (
    A_COLOR,
    B_COLOR,
    MUTED,
    SHARED_COLOR,
    SIMILARITY_CMAP,
    SINGLE_COLUMN,
)

__all__ = ["RELATION_STYLES", "plot_alignment", "plot_similarity"]

#: Line style of an alignment link by its relation; other relations are dotted.
RELATION_STYLES: Mapping[str, str] = {"equivalent": "-", "partial": "--"}

# Column names read here (the producing modules define the same names).
ARTICLE, SENTENCE, IS_BODY, N_WORDS = "article", "sentence", "is_body", "n_words"
A_ARTICLE, B_ARTICLE, A_SENTENCE, B_SENTENCE = "a_article", "b_article", "a_sentence", "b_sentence"
SIMILARITY, RELATION = "similarity", "relation"


def _linestyle(relation: str) -> Any:
    return RELATION_STYLES.get(relation, ":")


def _column_layout(sentences: pd.DataFrame, bar_height: str, gap: float) -> pd.DataFrame:
    """Top and bottom (0 = top, 1 = bottom) of each sentence bar, in reading order."""
    ordered = sentences.sort_values(SENTENCE, kind="stable")
    n = len(ordered)
    if bar_height == "words" and N_WORDS in ordered.columns:
        weights = ordered[N_WORDS].to_numpy(dtype=float).clip(min=1.0)
    else:
        weights = np.ones(n)
    total_gap = gap * max(n - 1, 0)
    heights = weights / weights.sum() * (1.0 - total_gap)
    tops = np.concatenate([[0.0], np.cumsum(heights + gap)[:-1]])
    return pd.DataFrame(
        {
            SENTENCE: ordered[SENTENCE].to_numpy(),
            "top": tops,
            "height": heights,
            "body": (
                ordered[IS_BODY].to_numpy(dtype=bool)
                if IS_BODY in ordered.columns
                else np.ones(n, dtype=bool)
            ),
        }
    )


def _column_label(name: str, layout: pd.DataFrame, matched: set[int]) -> str:
    """Column header: body sentences, how many are unmatched, and the other bars.

    Body sentences are counted as the findings count them; the other bars are the headline,
    headings and summary items.
    """
    body = layout.index[layout["body"].to_numpy(dtype=bool)]
    n_unmatched = int((~body.isin(list(matched))).sum())
    label = f"{name}\n{len(body)} body sentences,\n{n_unmatched} unmatched"
    n_other = len(layout) - len(body)
    return label + (f"\n(+{n_other} not body text)" if n_other else "")


def plot_alignment(
    a_sentences: pd.DataFrame,
    b_sentences: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    bar_height: Literal["words", "uniform"] = "words",
    ax: Axes | None = None,
) -> Axes:
    """Draw articles A and B as two columns of sentence bars joined where aligned.

    Bars run top to bottom in reading order. Hatched bars are not body text (headline,
    heading, summary item). A line joins each aligned pair, its style set by the relation
    (:data:`RELATION_STYLES`: solid equivalent, dashed partial) and its width by the
    similarity; sentences without a counterpart are filled with their article's colour, aligned
    ones grey. Every fifth sentence number is written beside its bar.

    Parameters
    ----------
    a_sentences, b_sentences : pandas.DataFrame
        Sentences of A and of B: ``sentence`` (number), optionally ``article`` (id, for the
        column header), ``is_body`` (bool) and ``n_words``.
    pairs : pandas.DataFrame
        Aligned pairs: ``a_sentence``, ``b_sentence``, optionally ``similarity`` (0-1) and
        ``relation`` (``equivalent`` or ``partial``).
    bar_height : {"words", "uniform"}, default "words"
        ``"words"``: a bar's height is proportional to the sentence's words (each column spans
        the full height, so the columns show shares of each article); ``"uniform"``: every
        sentence is one step.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 x 4.8 in).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with one ``Line2D`` per pair in ``ax.lines``.

    Raises
    ------
    ConfigError
        If *bar_height* is unknown, a column is missing or a pair names a sentence missing from
        the sentence tables.
    """
    if bar_height not in ("words", "uniform"):
        raise ConfigError(f"bar_height={bar_height!r} is unknown; use 'words' or 'uniform'")
    if ax is None:
        ax = new_axes(SINGLE_COLUMN, 4.8)
    title = "Sentence alignment"
    if is_empty(a_sentences) and is_empty(b_sentences):
        return no_data(ax, title)
    for name, table in (("a_sentences", a_sentences), ("b_sentences", b_sentences)):
        require(table, [SENTENCE], name)
    require(pairs, [A_SENTENCE, B_SENTENCE], "pairs")

    a_id = first_value(a_sentences[ARTICLE], "A") if ARTICLE in a_sentences else "A"
    b_id = first_value(b_sentences[ARTICLE], "B") if ARTICLE in b_sentences else "B"
    n_max = max(len(a_sentences), len(b_sentences), 1)
    gap = min(0.006, 0.25 / n_max)
    layout = {
        "a": _column_layout(a_sentences, bar_height, gap).set_index(SENTENCE),
        "b": _column_layout(b_sentences, bar_height, gap).set_index(SENTENCE),
    }
    matched = {
        "a": set(pairs[A_SENTENCE].tolist()),
        "b": set(pairs[B_SENTENCE].tolist()),
    }
    x_pos = {"a": 0.0, "b": 1.0}
    colors = {"a": A_COLOR, "b": B_COLOR}
    width = 0.22

    for side in ("a", "b"):
        frame = layout[side]
        is_matched = frame.index.isin(list(matched[side]))
        face = np.where(is_matched, SHARED_COLOR, colors[side])
        for body in (True, False):
            keep = frame["body"].to_numpy() == body
            if not keep.any():
                continue
            ax.bar(
                np.full(int(keep.sum()), x_pos[side]),
                frame["height"].to_numpy()[keep],
                bottom=frame["top"].to_numpy()[keep],
                width=width if body else width * 0.7,
                color=face[keep],
                edgecolor="white" if body else MUTED,
                linewidth=0.3,
                hatch=None if body else "//////",
                align="center",
            )
        # Sentence numbers (every fifth) on the outer side, to find sentences in the tables.
        outer = -1 if side == "a" else 1
        for number, row in frame.iterrows():
            if int(number) % 5 == 0:
                ax.text(
                    x_pos[side] + outer * (width / 2 + 0.03),
                    row["top"] + row["height"] / 2,
                    str(number),
                    ha="right" if side == "a" else "left",
                    va="center",
                    fontsize=5.5,
                    color=MUTED,
                )

    if len(pairs):
        similarity = (
            pairs[SIMILARITY].to_numpy(dtype=float)
            if SIMILARITY in pairs.columns
            else np.ones(len(pairs))
        )
        relations = (
            pairs[RELATION].astype(str).to_numpy()
            if RELATION in pairs.columns
            else np.full(len(pairs), "equivalent")
        )
        a_idx, b_idx = layout["a"], layout["b"]
        for a_s, b_s, sim, rel in zip(
            pairs[A_SENTENCE], pairs[B_SENTENCE], similarity, relations, strict=True
        ):
            if a_s not in a_idx.index or b_s not in b_idx.index:
                raise ConfigError(
                    f"pair ({a_s}, {b_s}) names a sentence missing from the sentence tables; "
                    "pass the sentences of the aligned articles"
                )
            ya = a_idx.loc[a_s, "top"] + a_idx.loc[a_s, "height"] / 2
            yb = b_idx.loc[b_s, "top"] + b_idx.loc[b_s, "height"] / 2
            ax.plot(
                [x_pos["a"] + width / 2, x_pos["b"] - width / 2],
                [ya, yb],
                linestyle=_linestyle(rel),
                color=MUTED,
                linewidth=0.4 + 0.8 * float(np.clip(sim, 0.0, 1.0)),
                alpha=0.85,
                solid_capstyle="butt",
                dash_capstyle="butt",
            )

    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(1.0 + gap, -gap)
    ax.set_xticks(
        [0.0, 1.0],
        [
            _column_label(f"A: {a_id}", layout["a"], matched["a"]),
            _column_label(f"B: {b_id}", layout["b"], matched["b"]),
        ],
    )
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(axis="x", length=0)
    ax.set_yticks([0.0, 0.5, 1.0], ["start", "middle", "end"])
    ax.set_ylabel("reading order" + (" (share of words)" if bar_height == "words" else ""))
    for spine in ("bottom", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_title(title)

    relations_present = (
        list(dict.fromkeys(pairs[RELATION].astype(str))) if RELATION in pairs.columns else []
    )
    handles: list[Any] = [
        Line2D([], [], color=MUTED, linestyle=_linestyle(r), label=r)
        for r in sorted(relations_present, key=lambda r: (r not in RELATION_STYLES, r))
    ]
    handles += [
        Patch(facecolor=SHARED_COLOR, label="aligned"),
        Patch(facecolor=A_COLOR, label="only in A"),
        Patch(facecolor=B_COLOR, label="only in B"),
        Patch(facecolor="white", edgecolor=MUTED, hatch="//////", label="not body text"),
    ]
    legend_below(ax, handles=handles, ncol=3, handlelength=1.8)
    return ax


def plot_similarity(
    matrix: np.ndarray | pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    ax: Axes | None = None,
) -> Axes:
    """Draw the similarity matrix as a heatmap (rows: sentences of A, columns: of B).

    Aligned pairs are marked (open squares: equivalent, crosses: partial or other), one
    scatter point per pair. A colour bar in the same figure gives the scale (0-1).

    Parameters
    ----------
    matrix : numpy.ndarray or pandas.DataFrame
        Similarity (0-1) of every sentence of A with every sentence of B, shape
        ``(n_a, n_b)``. Row *i* / column *j* is sentence number *i* / *j* unless *matrix* is a
        DataFrame, whose index and columns then give the sentence numbers.
    pairs : pandas.DataFrame
        Aligned pairs: ``a_sentence``, ``b_sentence``, optionally ``relation``,
        ``a_article``, ``b_article`` (ids, for the axis labels).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; when None, a new figure is made without pyplot
        (3.5 x 3.0 in).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    ConfigError
        If *matrix* is not 2-D or a pair lies outside it.
    """
    if ax is None:
        ax = new_axes(SINGLE_COLUMN, 3.0)
    title = "Sentence similarity"
    if isinstance(matrix, pd.DataFrame):
        rows = list(matrix.index)
        cols = list(matrix.columns)
        values = matrix.to_numpy(dtype=float)
    else:
        values = np.asarray(matrix, dtype=float)
        if values.ndim != 2:
            raise ConfigError(f"matrix has {values.ndim} dimension(s); pass a 2-D array")
        rows = list(range(values.shape[0]))
        cols = list(range(values.shape[1]))
    if values.size == 0:
        return no_data(ax, title)
    require(pairs, [A_SENTENCE, B_SENTENCE], "pairs")

    image = ax.imshow(
        values,
        cmap=SIMILARITY_CMAP,
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
        interpolation="nearest",
        origin="upper",
    )
    colorbar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    colorbar.set_label("similarity")
    colorbar.outline.set_linewidth(0.4)

    row_pos = {s: i for i, s in enumerate(rows)}
    col_pos = {s: j for j, s in enumerate(cols)}
    if len(pairs):
        relations = (
            pairs[RELATION].astype(str)
            if RELATION in pairs.columns
            else pd.Series("equivalent", index=pairs.index)
        )
        unknown = [
            (a, b)
            for a, b in zip(pairs[A_SENTENCE], pairs[B_SENTENCE], strict=True)
            if a not in row_pos or b not in col_pos
        ]
        if unknown:
            raise ConfigError(
                f"pair {unknown[0]} lies outside the {values.shape[0]}x{values.shape[1]} "
                "matrix; pass the matrix of the aligned articles"
            )
        is_equivalent = (relations == "equivalent").to_numpy()
        for keep, marker, label in (
            (is_equivalent, "s", "equivalent"),
            (~is_equivalent, "x", "partial"),
        ):
            if not keep.any():
                continue
            sub = pairs[keep]
            style: dict[str, Any] = (
                {"facecolors": "none", "edgecolors": "white"} if marker == "s" else {"c": "white"}
            )
            ax.scatter(
                [col_pos[b] for b in sub[B_SENTENCE]],
                [row_pos[a] for a in sub[A_SENTENCE]],
                marker=marker,
                s=14,
                linewidths=0.8,
                label=label,
                **style,
            )

    a_id = first_value(pairs[A_ARTICLE], "A") if A_ARTICLE in pairs.columns else "A"
    b_id = first_value(pairs[B_ARTICLE], "B") if B_ARTICLE in pairs.columns else "B"
    ax.set_xlabel(f"sentence of B ({b_id})")
    ax.set_ylabel(f"sentence of A ({a_id})")
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True, nbins=8))
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True, nbins=8))
    for axis, labels in ((ax.xaxis, cols), (ax.yaxis, rows)):
        axis.set_major_formatter(
            mpl.ticker.FuncFormatter(
                lambda v, _pos, labels=labels: (
                    str(labels[int(v)]) if float(v).is_integer() and 0 <= v < len(labels) else ""
                )
            )
        )
    ax.set_title(title)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if len(pairs):
        legend_below(
            ax,
            ncol=2,
            handletextpad=0.2,
            facecolor=MUTED,
            frameon=True,
            framealpha=1.0,
            edgecolor="none",
            labelcolor="white",
        )
    return ax
