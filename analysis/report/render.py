"""The renderer of a :class:`~analysis.report.pipeline.Report`: Markdown, LaTeX, HTML, figures.

Figures are drawn on request from the inputs the report keeps (the plot functions of
:mod:`analysis.report.plots`); the HTML page is the jinja template ``analysis/templates/
report.html`` with its own stylesheet and script, read through :mod:`analysis.resources`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd
from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis import __version__
from analysis.citations import NOT_MEASURES, citations, validations
from analysis.diff.framing import NOTES as FRAMING_NOTES
from analysis.diff.tone import ACTOR_TONE_NOTE
from analysis.errors import AnalysisError, ConfigError
from analysis.report import plots as fig
from analysis.report.findings import shorten, side_label
from analysis.report.output import figure_bytes, freeze_figure
from analysis.report.tables import (
    LATEX_PREAMBLE,
    format_number,
    latex_escape,
    strip_control,
    to_latex,
)
from analysis.report.tables import to_markdown as table_to_markdown
from analysis.resources import read_template

if TYPE_CHECKING:
    from analysis.report.pipeline import Report

__all__ = [
    "draw_figure",
    "figure_svg",
    "label",
    "methods_with_validation",
    "render_fragment",
    "render_html",
    "render_latex",
    "render_markdown",
]

#: The plot function that draws each figure of a report.
_PLOTS: Mapping[str, Callable[..., Axes]] = {
    "alignment": fig.plot_alignment,
    "similarity": fig.plot_similarity,
    "coverage": fig.plot_coverage,
    "distinguishing_terms": fig.plot_distinguishing_terms,
    "frames": fig.plot_frames,
    "modality": fig.plot_modality,
    "tone": fig.plot_tone,
    "tone_arc": fig.plot_tone_arc,
    "tone_shifts": fig.plot_tone_shifts,
}
_HTML_MAX_ROWS = 150
#: Figures wider than this (inches) span both columns of the HTML figure grid.
_WIDE_FIGURE_INCHES = 5.0
_STATUS_HINT = "Point at or click a sentence to see its counterpart in the other article."
_TAGS = {
    "headline": "headline",
    "byline": "byline",
    "dateline": "dateline",
    "summary": "summary",
    "image": "image",
    "caption": "caption",
    "boilerplate": "page furniture",
}
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")

Span = tuple[int, int, str, str]


# --------------------------------------------------------------------------- figures


def draw_figure(report: Report, name: str) -> Figure:
    """Draw figure *name* of *report* in the house style, its layout frozen for saving.

    Parameters
    ----------
    report : Report
        The report whose ``figure_inputs`` hold the figure's tables.
    name : str
        One of ``report.figure_names``.

    Returns
    -------
    Figure
        A new matplotlib Figure (pyplot is not used).

    Raises
    ------
    ConfigError
        When *name* is not one of the report's figures.
    """
    if name not in report.figure_inputs:
        raise ConfigError(
            f"figure {name!r} is unknown; use one of {', '.join(report.figure_names)}"
        )
    given = report.figure_inputs[name]
    with fig.figure_style():
        figure = _PLOTS[name](*given.args, **given.options).get_figure()
        if not isinstance(figure, Figure):  # pragma: no cover - plot functions make Figures
            raise AnalysisError(f"figure {name} was not drawn on a matplotlib Figure")
        return freeze_figure(figure)


def figure_svg(figure: Figure) -> str:
    """Save *figure* as SVG text (text kept as text, fixed ids and metadata).

    Parameters
    ----------
    figure : Figure
        A drawn figure (:func:`draw_figure`).

    Returns
    -------
    str
        The SVG document; identical figures give identical text.
    """
    return figure_bytes(figure, "svg").decode("utf-8")


def label(name: str) -> str:
    """Turn *name* into a LaTeX label or HTML id part.

    Parameters
    ----------
    name : str
        A table or figure name.

    Returns
    -------
    str
        *name* with each run of characters other than ASCII letters and digits replaced by ``-``.
    """
    return re.sub(r"[^A-Za-z0-9]+", "-", name)


# --------------------------------------------------------------------------- documents


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(strip_control(str(text)).split()))


def _capped(name: str, table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Cut *table* to the rows a document shows (as many as the HTML page).

    Returns the rows and a note pointing to the complete file when rows were left out (else
    ``""``).
    """
    if len(table) <= _HTML_MAX_ROWS:
        return table, ""
    note = f"first {_HTML_MAX_ROWS} of {len(table)} rows; tables/{name}.csv has all"
    return table.head(_HTML_MAX_ROWS), note


def render_markdown(report: Report) -> str:
    """Render the report as a Markdown document: findings, figures (files), tables and methods.

    Parameters
    ----------
    report : Report
        The report to render.

    Returns
    -------
    str
        The document, figures linked as ``figures/<name>.svg``.
    """
    lines = [f"# {_md_text(report.event)}", "", "## Findings", ""]
    lines += [f"- {_md_text(line)}" for line in report.findings]
    lines += ["", "## Figures", ""]
    for name in report.figure_names:
        lines += [
            f"![{name}](figures/{name}.svg)",
            "",
            f"*{_md_text(name)}.* {_md_text(report.captions.get(name, ''))}",
            "",
        ]
    lines += ["## Tables", ""]
    for name in report.table_names():
        shown, note = _capped(name, report.tables[name])
        lines += [f"### {_md_text(name)}", "", table_to_markdown(shown).rstrip()]
        lines += ["", _md_text(note), ""] if note else [""]
    lines += ["## Methods", ""]
    lines += [f"- **{key}**: {_md_text(text)}" for key, text in methods_with_validation()]
    return "\n".join(lines) + "\n"


def methods_with_validation() -> list[tuple[str, str]]:
    """Pair each method the report cites with how well it agrees with people.

    Returns
    -------
    list of (str, str)
        ``(name, text)``: the citation, then the project's measured agreement with human
        annotation (:data:`analysis.citations.VALIDATIONS`) or a note that there is none.
    """
    checked = validations()
    out = []
    for name, text in citations("report").items():
        if name in checked:
            v = checked[name]
            note = f"Agreement with people: {v['agreement']} ({v['reference']}; {v['command']})."
        elif name in NOT_MEASURES:
            note = ""
        else:
            note = "Not validated against human annotation in this project."
        out.append((name, f"{text} {note}".rstrip()))
    return out


def render_latex(report: Report) -> str:
    """Render the report as a LaTeX document (pdfLaTeX).

    Parameters
    ----------
    report : Report
        The report to render.

    Returns
    -------
    str
        The document; figures are included from ``figures/<name>.pdf``.
    """
    body = [
        "\\section*{Findings}",
        "\\begin{itemize}",
        *[f"  \\item {latex_escape(line)}" for line in report.findings],
        "\\end{itemize}",
        "\\section*{Figures}",
    ]
    for name in report.figure_names:
        body += [
            "\\begin{figure}[htbp]",
            "\\centering",
            f"\\includegraphics[width=\\linewidth]{{figures/{name}.pdf}}",
            f"\\caption{{{latex_escape(report.captions.get(name, name))}}}",
            f"\\label{{fig:{label(name)}}}",
            "\\end{figure}",
        ]
    body.append("\\clearpage\\section*{Tables}")
    for name in report.table_names():
        shown, note = _capped(name, report.tables[name])
        body += [
            f"\\subsection*{{{latex_escape(name)}}}",
            "{\\footnotesize\\setlength{\\tabcolsep}{3pt}",
            to_latex(shown, label=f"tab:{label(name)}").rstrip(),
            "}",
            *([latex_escape(note)] if note else []),
        ]
    body += [
        "\\section*{Methods}",
        "\\begin{itemize}",
        *[
            f"  \\item \\textbf{{{latex_escape(name)}}}: {latex_escape(text)}"
            for name, text in methods_with_validation()
        ],
        "\\end{itemize}",
    ]
    return (
        "\\documentclass[a4paper,10pt]{article}\n"
        + LATEX_PREAMBLE
        + "\\usepackage{graphicx}\n\\usepackage[margin=2cm]{geometry}\n"
        + f"\\title{{{latex_escape(report.event)}}}\n\\date{{}}\n"
        + "\\begin{document}\n\\maketitle\n"
        + "\n".join(body)
        + "\n\\end{document}\n"
    )


# --------------------------------------------------------------------------- HTML


@cache
def _environment() -> Environment:
    return Environment(
        loader=FunctionLoader(read_template),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        finalize=_without_control,
    )


def _without_control(value: Any) -> Any:
    """Drop control characters from every value a template prints (markup stays markup)."""
    if isinstance(value, Markup):
        return Markup(strip_control(str(value)))
    return strip_control(value) if isinstance(value, str) else value


def _inline_svg(svg: str) -> str:
    """SVG text without its XML declaration and DOCTYPE, for inlining in HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def _prefixed_svg(svg: str, prefix: str) -> str:
    """Make the ids of an inlined SVG unique in the page by prefixing them."""
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = svg.replace("url(#", f"url(#{prefix}")
    return re.sub(r'xlink:href="#', f'xlink:href="#{prefix}', svg)


def _json_for_script(data: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)  # escaped above: safe inside <script>


def _intervals(text_length: int, spans: list[Span]) -> list[dict[str, str]]:
    """Cut a sentence of *text_length* into segments; *spans* are (start, end, kind, title)."""
    chosen: list[Span] = []
    for start, end, kind, title in sorted(spans, key=lambda s: (s[2] != "quote", s[0], -s[1])):
        start, end = max(0, start), min(text_length, end)
        if start >= end or any(start < e and s < end for s, e, _, _ in chosen):
            continue
        chosen.append((start, end, kind, title))
    return [
        {"start": str(s), "end": str(e), "kind": k, "title": t} for s, e, k, t in sorted(chosen)
    ]


def _quote_spans(report: Report) -> dict[tuple[str, int], list[Span]]:
    spans: dict[tuple[str, int], list[Span]] = {}
    quotes = report.tables.get("quotes")
    if quotes is None or not len(quotes):
        return spans
    sentences = report.corpus.sentences.set_index(["article", "sentence"])["text"]
    for row in quotes.itertuples():
        article, first, last = str(row.article), int(row.sentence), int(row.last_sentence)
        speaker = str(row.speaker)
        verb = f" ({row.verb})" if str(row.verb) else ""
        title = f"quotation; speaker: {speaker}{verb}"
        for number in range(first, last + 1):
            key = (article, number)
            if key not in sentences.index:
                continue
            length = len(sentences[key])
            start = int(row.start) if number == first else 0
            end = int(row.end) if number == last else length
            spans.setdefault(key, []).append((start, end, "quote", title))
        mention = str(row.speaker_mention)
        key = (article, int(row.speaker_sentence))
        if mention and key in sentences.index:
            found = re.search(rf"(?<!\w){re.escape(mention)}(?!\w)", sentences[key])
            if found:
                spans.setdefault(key, []).append(
                    (found.start(), found.end(), "speaker", f"quoted speaker: {speaker}")
                )
    return spans


def _segments(text: str, spans: list[Span]) -> list[dict[str, str]]:
    """*text* cut into plain, quoted and speaker segments."""
    segments, pos = [], 0
    for cut in _intervals(len(text), spans):
        start, end = int(cut["start"]), int(cut["end"])
        if pos < start:
            segments.append({"text": text[pos:start], "kind": "", "title": ""})
        segments.append({"text": text[start:end], "kind": cut["kind"], "title": cut["title"]})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "kind": "", "title": ""})
    return segments


def _article_view(
    report: Report, article: str, spans: Mapping[tuple[str, int], list[Span]]
) -> dict[str, Any]:
    corpus = report.corpus
    row = corpus.articles.set_index("id").loc[article]
    blocks = corpus.blocks[corpus.blocks["article"] == article].sort_values("block")
    sentences = corpus.sentences[corpus.sentences["article"] == article]
    by_block = dict(list(sentences.groupby("block", sort=True)))
    view_blocks = []
    for block in blocks.itertuples():
        group = by_block.get(block.block)
        items = []
        if group is not None:
            for sentence in group.sort_values("sentence").itertuples():
                text = str(sentence.text)
                key = (article, int(sentence.sentence))
                items.append(
                    {
                        "sid": str(sentence.id),
                        "n": int(sentence.sentence),
                        "align": "1" if bool(sentence.is_body) else "0",
                        "segments": _segments(text, spans.get(key, [])),
                    }
                )
        view_blocks.append(
            {
                "block_type": str(block.block_type),
                "tag": _TAGS.get(str(block.block_type), ""),
                "sentences": items,
                "text": _block_note(str(block.block_type), str(block.text)) if not items else "",
            }
        )
    return {
        "id": article,
        "outlet": str(row["outlet"]),
        "date": str(row["date"]),
        "blocks": view_blocks,
    }


def _block_note(block_type: str, text: str) -> str:
    """Say what a block without sentences shows: an image's alt text or file name, else text."""
    if block_type == "image":
        found = _IMAGE_LINK.search(text)
        if found:
            return found.group(1) or found.group(2).rsplit("/", 1)[-1]
    return shorten(text, 200)


def _links(report: Report) -> dict[str, list[list[Any]]]:
    links: dict[str, list[list[Any]]] = {}
    pairs = report.tables.get("alignment")
    if pairs is None:
        return links
    for row in pairs.itertuples():
        a_sid, b_sid = f"{row.a_article}:{row.a_sentence}", f"{row.b_article}:{row.b_sentence}"
        sim = round(float(row.similarity), 4)
        relation = str(row.relation)
        links.setdefault(a_sid, []).append(
            [b_sid, str(row.b_article), sim, int(row.b_sentence), relation]
        )
        links.setdefault(b_sid, []).append(
            [a_sid, str(row.a_article), sim, int(row.a_sentence), relation]
        )
    return links


def _table_view(name: str, table: pd.DataFrame, notes: Mapping[str, str]) -> dict[str, Any]:
    numeric = [
        pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
        for c in table.columns
    ]
    rows = [
        [(format_number(value), flag) for value, flag in zip(values, numeric, strict=True)]
        for values in table.head(_HTML_MAX_ROWS).itertuples(index=False, name=None)
    ]
    return {
        "name": name,
        "columns": [str(c) for c in table.columns],
        "rows": rows,
        "n_rows": len(table),
        "truncated": len(table) > _HTML_MAX_ROWS,
        "open": name == "summary",
        "description": notes.get(name, ""),
    }


def _article_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    articles = report.corpus.articles.set_index("id")
    for i, article in enumerate(report.articles):
        row = articles.loc[article]
        url = str(row["url"])
        side = side_label(i)
        rows.append(
            {
                "side": side,
                "css": {"A": "side-a", "B": "side-b"}.get(side, "side-x"),
                "id": article,
                "link": url if _SAFE_URL.match(url) else "",
                **{key: str(row[key]) for key in ("outlet", "title", "author", "date")},
                "n_sentences": int(row["n_sentences"]),
                "n_words": int(row["n_words"]),
            }
        )
    return rows


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def render_html(
    report: Report,
    svgs: Mapping[str, str] | None = None,
    widths: Mapping[str, float] | None = None,
) -> str:
    """Render the self-contained HTML page of *report* (``index.html``; works offline).

    Parameters
    ----------
    report : Report
        The report to render.
    svgs : Mapping[str, str], optional
        The SVG text of each figure by name, when already saved (default: every figure of
        *report* drawn and saved here).
    widths : Mapping[str, float], optional
        The width in inches of each figure in *svgs* (needed with *svgs*).

    Returns
    -------
    str
        The page: articles side by side, findings, inlined SVG figures, tables.
    """
    if svgs is None or widths is None:
        figures = {name: draw_figure(report, name) for name in report.figure_names}
        svgs = {name: figure_svg(figure) for name, figure in figures.items()}
        widths = {name: float(figure.get_size_inches()[0]) for name, figure in figures.items()}
    script = read_template("report.js")
    spans = _quote_spans(report)
    views = {article: _article_view(report, article, spans) for article in report.articles}
    a_side = list(dict.fromkeys(a for a, _ in report.pairs))
    b_side = list(dict.fromkeys(b for _, b in report.pairs))
    notes = {**FRAMING_NOTES, "actor_tone": ACTOR_TONE_NOTE}
    context = {
        "event": report.event,
        "version": report.metadata.get("version", __version__),
        "commit": report.metadata.get("git_commit") or "",
        "csp": _csp(script),
        "style": Markup(read_template("report.css")),  # our own stylesheet
        "script": Markup(script),  # our own script (its hash is in the CSP)
        "articles": _article_rows(report),
        "findings": report.findings,
        "pairs": [{"label": f"{a} vs {b}", "a": a, "b": b} for a, b in report.pairs],
        "columns": [("a", [views[x] for x in a_side]), ("b", [views[x] for x in b_side])],
        "status_hint": _STATUS_HINT,
        "figures": [
            {
                "name": name,
                "svg": Markup(  # matplotlib escapes the text it writes
                    _prefixed_svg(_inline_svg(svgs[name]), f"{label(name)}-")
                ),
                "caption": report.captions.get(name, ""),
                "wide": widths[name] > _WIDE_FIGURE_INCHES,
            }
            for name in svgs
        ],
        "tables": [_table_view(name, report.tables[name], notes) for name in report.table_names()],
        "parameters": list(report.config.to_dict().items()),
        "methods": methods_with_validation(),
        "data_json": _json_for_script(
            {
                "links": _links(report),
                "pairs": [{"a": a, "b": b} for a, b in report.pairs],
                "status_hint": _STATUS_HINT,
            }
        ),
    }
    return _environment().get_template("report.html").render(context)


def render_fragment(report: Report) -> str:
    """Render a compact HTML view for notebooks: findings, figures and the list of tables.

    Parameters
    ----------
    report : Report
        The report to show.

    Returns
    -------
    str
        An HTML fragment (figures drawn and inlined as SVG).
    """
    parts = [f"<h3>Report: {html.escape(report.event)}</h3><ul>"]
    parts += [f"<li>{html.escape(line)}</li>" for line in report.findings]
    parts.append("</ul><div style='display:flex;flex-wrap:wrap;gap:1em'>")
    for name in report.figure_names:
        svg = _inline_svg(figure_svg(draw_figure(report, name)))
        parts.append(f"<div style='max-width:48%'>{_prefixed_svg(svg, f'nb-{label(name)}-')}</div>")
    parts.append("</div><p>Tables: ")
    parts.append(
        ", ".join(
            f"<code>{html.escape(name)}</code> ({len(report.tables[name])} rows)"
            for name in report.table_names()
        )
    )
    parts.append(
        ". Full page: <code>report.as_html()</code>; files: <code>write_report</code>.</p>"
    )
    return "".join(parts)
