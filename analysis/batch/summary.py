"""The summary report of a batch run: tables, figures, a self-contained HTML page and run.json.

:func:`build_batch_report` turns a :class:`~analysis.batch.runner.BatchRun` into the bytes of every
file (nothing is written); :func:`write_batch_report` writes them into ``<out>/summary/`` in one
atomic move. Tables are written as CSV, LaTeX (booktabs) and Markdown, figures as PDF, SVG and
PNG with a caption file naming the method and its citation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, StrictUndefined, select_autoescape
from matplotlib.figure import Figure

from analysis import __version__
from analysis.batch.compare import BatchConfig
from analysis.batch.runner import GENERATOR, BatchRun
from analysis.citations import citations
from analysis.report import plots as fig
from analysis.report.output import (
    FIGURE_FORMATS,
    figure_bytes,
    freeze_figure,
    git_commit,
    library_versions,
    replace_folder,
)
from analysis.report.tables import to_csv, to_latex, to_markdown
from analysis.report.write import check_output_folder
from analysis.resources import data_hashes

__all__ = ["batch_findings", "build_batch_report", "write_batch_report"]

_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Collection summary</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.8em;margin:0.5em 0 1.5em}
td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}
figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top;max-width:520px}
figure svg{max-width:100%;height:auto}
figcaption{font-size:0.75em;color:#555}
</style></head><body>
<h1>Collection summary</h1>
<ul>{% for line in findings %}<li>{{ line }}</li>{% endfor %}</ul>
<h2>Figures</h2>
{% for f in figures %}<figure>{{ f.svg | safe }}<figcaption>{{ f.caption }}</figcaption></figure>
{% endfor %}
<h2>Tables</h2>
{% for t in tables %}<h3>{{ t.name }}</h3>{{ t.html | safe }}{% endfor %}
</body></html>
"""
_HTML_ROWS = 60


def _top(table: pd.DataFrame, measure: str, *, lowest: bool) -> str:
    rows = table[(table["measure"] == measure) & (table["n_events"] >= 2)].dropna(subset=["mean"])
    if rows.empty:
        return ""
    row = rows.sort_values(["mean", "outlet"], ascending=[lowest, True]).iloc[0]
    return (
        f"{row['outlet']} ({row['mean']:.2f}, 95% CI {row['ci_low']:.2f} to {row['ci_high']:.2f},"
        f" {int(row['n_events'])} events)"
    )


def batch_findings(run: BatchRun) -> list[str]:
    """Plain-words summary lines of a batch run."""
    facts = run.tables["articles"]
    lines = [
        f"{len(run.events)} events, {len(facts)} articles, {facts['outlet'].nunique()} outlets "
        f"({run.n_computed} events computed, {run.n_cached} reused from the cache).",
    ]
    if len(facts):
        lines.append(
            f"An article reports on average {facts['coverage_share'].mean():.0%} of its event's "
            f"information units and omits {facts['omission_rate'].mean():.0%} of what the other "
            "articles report."
        )
    coverage = run.tables["outlet_coverage"]
    if len(coverage):
        low = _top(coverage, "coverage_share", lowest=True)
        high = _top(coverage, "coverage_share", lowest=False)
        if low and high and low != high:
            lines.append(
                f"Among outlets in two or more events, the lowest coverage share is {low}; "
                f"the highest is {high}."
            )
        else:
            lines.append("No outlet appears in two or more events: by-outlet means rest on one.")
    return lines


def _table_files(name: str, table: pd.DataFrame) -> dict[str, bytes]:
    return {
        f"tables/{name}.csv": to_csv(table).encode(),
        f"tables/{name}.tex": to_latex(table).encode(),
        f"tables/{name}.md": to_markdown(table).encode(),
    }


def _figures(run: BatchRun) -> dict[str, Figure]:
    drawn: dict[str, Any] = {}
    with fig.figure_style():
        drawn["outlet_coverage"] = fig.plot_outlet_measure(
            run.tables["outlet_coverage"], measure="coverage_share", title="Coverage by outlet"
        ).figure
        drawn["outlet_tone"] = fig.plot_outlet_measure(
            run.tables["outlet_tone"], measure="tone", title="Tone by outlet"
        ).figure
    return {name: freeze_figure(figure) for name, figure in drawn.items()}


def build_batch_report(
    run: BatchRun, *, config: BatchConfig, source: str, jobs: int, backend: str
) -> dict[str, bytes]:
    """Every file of the collection summary, as ``{relative path: bytes}``; writes nothing."""
    files: dict[str, bytes] = {}
    for name, table in sorted(run.tables.items()):
        files.update(_table_files(name, table))
    figures = _figures(run)
    svgs = []
    for name, figure in figures.items():
        for fmt in FIGURE_FORMATS:
            files[f"figures/{name}.{fmt}"] = figure_bytes(figure, fmt)
        caption = fig.figure_caption(name)
        files[f"figures/{name}.caption.txt"] = (caption + "\n").encode()
        svg = files[f"figures/{name}.svg"].decode()
        svgs.append({"svg": svg[svg.find("<svg") :], "caption": caption})
    env = Environment(autoescape=select_autoescape(default=True), undefined=StrictUndefined)
    html_tables = [
        {
            "name": name,
            "html": table.head(_HTML_ROWS).to_html(index=False, escape=True, na_rep=""),
        }
        for name, table in sorted(run.tables.items())
    ]
    findings = batch_findings(run)
    files["index.html"] = (
        env.from_string(_TEMPLATE)
        .render(findings=findings, figures=svgs, tables=html_tables)
        .encode()
    )
    commit, dirty = git_commit()
    metadata = {
        "generator": GENERATOR,
        "version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "source": source,
        "events": list(run.events),
        "event_folders": {event: f"events/{folder}" for event, folder in run.folders.items()},
        "parameters": {**config.__dict__, "jobs": jobs, "backend": backend},
        "libraries": library_versions(),
        "package_data": data_hashes(),
        "citations": citations("batch"),
        "findings": findings,
    }
    files["run.json"] = (json.dumps(metadata, indent=2, sort_keys=True) + "\n").encode()
    return files


def write_batch_report(files: dict[str, bytes], out_dir: str | Path) -> Path:
    """Write the summary files into ``<out_dir>/summary/`` atomically.

    Parameters
    ----------
    files : dict of str to bytes
        The files of :func:`build_batch_report`.
    out_dir : str or Path
        The batch output folder.

    Returns
    -------
    Path
        The summary folder.

    Raises
    ------
    ConfigError
        When ``<out_dir>/summary`` exists and is neither empty nor a batch summary
        (:func:`analysis.report.write.check_output_folder`).
    """
    target = check_output_folder(
        Path(out_dir) / "summary", generator=GENERATOR, what="batch summary"
    )
    return replace_folder(files, target)
