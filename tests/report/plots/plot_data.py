"""Small tables in the layouts the plot functions read, and helpers to inspect what was drawn."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

A, B = "art-a", "art-b"


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


def outlet_table() -> pd.DataFrame:
    """A batch outlet table: two measures, outlets seen in different numbers of events."""
    outlets = ["Daily", "Herald", "Post", "Times"]
    return pd.DataFrame(
        {
            "outlet": outlets * 2,
            "measure": ["tone"] * 4 + ["coverage_share"] * 4,
            "n_events": [3, 5, 1, 5] * 2,
            "mean": [0.1, -0.2, 0.4, 0.0, 0.5, 0.6, 0.2, 0.7],
            "ci_low": [0.0, -0.3, 0.3, -0.1, 0.4, 0.5, 0.1, 0.6],
            "ci_high": [0.2, -0.1, 0.5, 0.1, 0.6, 0.7, 0.3, 0.8],
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
