"""Tests for analysis.report.tables: CSV, LaTeX (booktabs) and Markdown renderings of a table."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.report.tables import (
    LATEX_PREAMBLE,
    LONGTABLE_ROWS,
    format_number,
    latex_escape,
    to_csv,
    to_latex,
    to_markdown,
)

HOSTILE = "50% & $5bn #1 under_score {x} ~ ^ \\ <b>|“quoted” — ‘it’s’ … Kyiv’s é ок 東京 😀"


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a_text": [HOSTILE, "short"],
            "similarity": [0.123456789, np.nan],
            "n": [1, 2],
            "flag": [True, False],
            "p_value": [1e-5, 0.5],
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a & b", r"a \& b"),
        ("50%", r"50\%"),
        ("$5", r"\$5"),
        ("#1", r"\#1"),
        ("a_b", r"a\_b"),
        ("{x}", r"\{x\}"),
        ("~", r"\textasciitilde{}"),
        ("^", r"\textasciicircum{}"),
        ("\\", r"\textbackslash{}"),
        ("“q”", "``q''"),
        ("it’s", "it's"),
        ("a – b — c", "a -- b --- c"),
        ("wait…", r"wait\ldots{}"),
        ("café", "café"),
        ("東", "?"),
        ("ﬁ", "fi"),
        ("line\nbreak", "line break"),
    ],
)
def test_latex_escape(text: str, expected: str) -> None:
    assert latex_escape(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.123456, "0.123"),
        (2.0, "2.000"),
        (1e-5, "1.00e-05"),
        (0.0, "0.000"),
        (-0.0001, "-1.00e-04"),
        (-0.0, "0.000"),
        (12, "12"),
        (np.int64(7), "7"),
        (True, "yes"),
        (np.nan, ""),
        (None, ""),
        (float("inf"), "inf"),
        ("text", "text"),
    ],
)
def test_format_number(value: object, expected: str) -> None:
    assert format_number(value) == expected


def test_csv_round_trips_and_formats_floats(table: pd.DataFrame) -> None:
    text = to_csv(table)
    assert text.splitlines()[0] == "a_text,similarity,n,flag,p_value"
    assert "0.123457" in text
    assert "\r" not in text
    back = pd.read_csv(pd.io.common.StringIO(text))
    assert back["a_text"].tolist() == table["a_text"].tolist()
    assert np.isnan(back["similarity"][1])


@pytest.mark.parametrize("render", [to_csv, to_latex, to_markdown])
def test_renderers_do_not_change_input_and_are_deterministic(table: pd.DataFrame, render) -> None:
    before = table.copy()
    first = render(table)
    assert render(table) == first
    pd.testing.assert_frame_equal(table, before)


def test_latex_is_booktabs_and_escaped(table: pd.DataFrame) -> None:
    latex = to_latex(table, caption="Caption & more", label="tab:x")
    for rule in ("\\toprule", "\\midrule", "\\bottomrule"):
        assert latex.count(rule) == 1
    assert "a\\_text" in latex
    assert "p\\_value" in latex
    assert "\\caption{Caption \\& more}" in latex
    assert "\\label{tab:x}" in latex
    assert "50\\% \\& \\$5bn \\#1" in latex
    assert "{tabular}{p{0.3\\linewidth}rrlr}" in latex
    assert "1.00e-05" in latex


def test_long_tables_use_longtable() -> None:
    long = pd.DataFrame({"x": range(LONGTABLE_ROWS + 1)})
    assert "\\begin{longtable}" in to_latex(long)
    assert "\\begin{tabular}" in to_latex(long.head(3))


def test_markdown_pipe_table(table: pd.DataFrame) -> None:
    lines = to_markdown(table).splitlines()
    assert len(lines) == 2 + len(table)
    assert lines[1] == "| :--- | ---: | ---: | :--- | ---: |"
    assert "\\|" in lines[2]
    assert all(line.count("|") - line.count("\\|") == 6 for line in lines)


def test_empty_tables_render() -> None:
    empty = pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype=float)})
    assert to_csv(empty) == "a,b\n"
    assert "\\toprule" in to_latex(empty)
    assert len(to_markdown(empty).splitlines()) == 2


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latex_compiles_with_pdflatex(tmp_path: Path, table: pd.DataFrame) -> None:
    long = pd.DataFrame({"term": [f"w_{i} & {HOSTILE}" for i in range(LONGTABLE_ROWS + 5)]})
    document = (
        "\\documentclass{article}\n"
        + LATEX_PREAMBLE
        + "\\begin{document}\n"
        + to_latex(table, caption=HOSTILE, label="tab:a")
        + to_latex(long)
        + "\\end{document}\n"
    )
    (tmp_path / "doc.tex").write_text(document, encoding="utf-8")
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 0
