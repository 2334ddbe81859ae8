"""Tests for analysis.report.render: Markdown, LaTeX and HTML renderings, figures on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from matplotlib.figure import Figure

from analysis.citations import citations
from analysis.errors import ConfigError
from analysis.report import Report
from tests.report.conftest import build_event
from tests.report_data import HOSTILE_ARTICLES, PWN


def test_html_escapes_hostile_articles(tmp_path: Path) -> None:
    page = build_event(tmp_path / "hostile", HOSTILE_ARTICLES).as_html()
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert PWN not in scripts[1].string
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            assert "javascript:" not in str(value).lower(), (tag.name, name)
    assert not soup.find_all("img")
    text = soup.get_text()
    assert f"<script>{PWN}</script>" in text  # shown as text
    data = json.loads(scripts[0].string)
    assert data["links"]
    assert "<" not in scripts[0].string  # '</script>' in article text cannot end the block


def test_markdown_and_latex_renderings(seed_report: Report) -> None:
    markdown = seed_report.as_markdown()
    assert markdown.startswith("# ukraine-security-force\n")
    assert "## Findings" in markdown
    assert "### alignment" in markdown
    assert "![alignment](figures/alignment.svg)" in markdown
    for name in citations("report"):
        assert f"- **{name}**: " in markdown
    latex = seed_report.as_latex()
    assert latex.startswith("\\documentclass")
    assert latex.rstrip().endswith("\\end{document}")
    assert "\\includegraphics[width=\\linewidth]{figures/alignment.pdf}" in latex


def test_notebook_view_inlines_the_figures(seed_report: Report) -> None:
    html = seed_report._repr_html_()
    assert html.count("<svg") == len(seed_report.figure_names)
    assert "Report: ukraine-security-force" in html


@pytest.mark.parametrize(
    ("name", "title"),
    [("alignment", "Sentence alignment"), ("similarity", "Sentence similarity")],
)
def test_figure_is_drawn_on_request(seed_report: Report, name: str, title: str) -> None:
    figure = seed_report.figure(name)
    assert isinstance(figure, Figure)
    assert figure is not seed_report.figure(name)  # a new Figure each time
    assert title in [ax.get_title() for ax in figure.axes]


def test_unknown_figure_names_the_choices(seed_report: Report) -> None:
    with pytest.raises(ConfigError, match="'nope' is unknown; use one of alignment, "):
        seed_report.figure("nope")


def test_control_characters_from_article_text_never_reach_the_renderings(tmp_path: Path) -> None:
    """BEL, ESC, DEL, C1 controls and form feed in article text never reach HTML or Markdown."""
    controls = "\x07\x1b\x7f\x85\x9b\x0c"
    files = {
        "alpha.txt": f"Flood hits the town{controls}.\n\nThe river rose by two metres overnight.\n",
        "beta.txt": f"The town was flooded.{controls}\n\nThe river rose two metres in the night.\n",
    }
    report = build_event(tmp_path / "controls", files)
    for rendered in (report.as_html(), report.as_markdown()):
        assert not set(controls) & set(rendered)


def _markdown_sections(markdown: str) -> dict[str, list[str]]:
    """Lines of each ``### name`` section of the Markdown report's Tables part."""
    tables = markdown.split("## Tables\n", 1)[1].split("\n## Methods\n", 1)[0]
    sections = {}
    for chunk in tables.split("### ")[1:]:
        name, _, body = chunk.partition("\n")
        sections[name.replace("\\_", "_")] = body.splitlines()
    return sections


def test_documents_show_as_many_rows_as_the_page_and_point_to_the_files(
    seed_report: Report,
) -> None:
    """Long tables are cut to the HTML page's row count in report.md and report.tex, with a note."""
    limit = 150
    long = {n: len(t) for n, t in seed_report.tables.items() if len(t) > limit}
    assert long, "the seed report has a table longer than the page shows"
    sections = _markdown_sections(seed_report.as_markdown())
    latex = seed_report.as_latex()
    for name, table in seed_report.tables.items():
        lines = sections[name]
        n_rows = sum(line.startswith("|") for line in lines) - 2  # header and rule
        assert n_rows == min(len(table), limit)
        note = f"first {limit} of {len(table)} rows; tables/{name}.csv has all"
        md_note = note.replace("_", "\\_")
        assert (md_note in lines) == (name in long)
        assert (note.replace("_", "\\_") in latex) == (name in long)


def test_every_rendering_shows_each_measure_with_its_agreement(seed_report: Report) -> None:
    from analysis.citations import VALIDATIONS, validations

    html, markdown, latex = seed_report.as_html(), seed_report.as_markdown(), seed_report.as_latex()
    for v in VALIDATIONS:
        assert f"Agreement with people: {v.agreement}" in html
        assert f"Agreement with people: {v.agreement}" in markdown.replace("\\", "")
        assert "Agreement with people" in latex
    assert seed_report.metadata["validation"] == validations()
    assert "frames**: " in markdown
    assert "Not validated against human annotation" in markdown


def test_dateline_is_shown_as_a_tagged_block_outside_the_lead(tmp_path: Path) -> None:
    files = {
        "alpha.txt": "WASHINGTON (AP) - The river rose by two metres overnight. Roads closed.\n",
        "beta.txt": "The river rose two metres in the night.\n\nRoads were closed.\n",
    }
    report = build_event(tmp_path / "dateline", files)
    page = BeautifulSoup(report.as_html(), "html.parser")
    tags = [span.get_text() for span in page.select("span.tag")]
    assert "dateline" in tags
    assert "WASHINGTON (AP)" in page.get_text()
    lead = report.corpus.sentences_of("alpha", body_only=True).iloc[0]["text"]
    assert lead == "The river rose by two metres overnight."
