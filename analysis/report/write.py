"""Write a computed report into its folder: tables, figures, index.html, report.md/.tex, run.json.

The folder layout is the output contract of DESIGN.md, listed in :func:`write_report`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from analysis.errors import ConfigError
from analysis.report.output import FIGURE_FORMATS, figure_bytes, replace_folder
from analysis.report.pipeline import GENERATOR, Report
from analysis.report.render import label, render_html
from analysis.report.tables import to_csv, to_latex, to_markdown

__all__ = ["write_report"]

logger = logging.getLogger(__name__)

_RUN_JSON = "run.json"


def _report_files(report: Report) -> dict[str, bytes]:
    """Every file of the report folder: relative path -> bytes (every figure drawn once)."""
    files: dict[str, bytes] = {}
    for name in report.table_names():
        table = report.tables[name]
        files[f"tables/{name}.csv"] = to_csv(table).encode("utf-8")
        files[f"tables/{name}.tex"] = to_latex(table, label=f"tab:{label(name)}").encode("utf-8")
        files[f"tables/{name}.md"] = to_markdown(table).encode("utf-8")
    figures = {name: report.figure(name) for name in report.figure_names}
    for name, figure in figures.items():
        for fmt in FIGURE_FORMATS:
            files[f"figures/{name}.{fmt}"] = figure_bytes(figure, fmt)
        caption = report.captions.get(name, "")
        files[f"figures/{name}.caption.txt"] = (caption + "\n").encode("utf-8")
    svgs = {name: files[f"figures/{name}.svg"].decode("utf-8") for name in figures}
    files["index.html"] = render_html(report, figures, svgs).encode("utf-8")
    files["report.md"] = report.as_markdown().encode("utf-8")
    files["report.tex"] = report.as_latex().encode("utf-8")
    files[_RUN_JSON] = (
        json.dumps(dict(report.metadata), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    ).encode("utf-8")
    return files


def _is_replaceable(folder: Path) -> bool:
    """Tell whether *folder* is empty or holds a report this package wrote (per its run.json)."""
    if not any(folder.iterdir()):
        return True
    run = folder / _RUN_JSON
    try:
        return json.loads(run.read_text(encoding="utf-8")).get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        return False


def write_report(report: Report, out_dir: str | Path) -> Path:
    """Write *report* into the folder *out_dir*.

    The folder holds::

        tables/<name>.csv|.tex|.md     every table (analysis.report.tables renders them)
        figures/<name>.pdf|.svg|.png   every figure, + <name>.caption.txt (method, citation)
        index.html                     self-contained side-by-side report (works offline)
        report.md, report.tex          the same report as Markdown and LaTeX documents
        run.json                       version, git commit, parameters, input hashes,
                                       library versions, citations (no timestamps)

    The files are written into a hidden temporary folder beside *out_dir* that then takes its
    place in one atomic exchange (:func:`analysis.report.output.replace_folder`), so an
    interrupted run leaves the previous report intact and never a half-written folder under the
    final name.

    Parameters
    ----------
    report : Report
        The report of :func:`analysis.report.pipeline.build_report`; its figures are drawn here.
    out_dir : str or Path
        The report folder. An existing one is only replaced if it is empty or holds a report
        written by this package; anything else raises :class:`ConfigError`.

    Returns
    -------
    Path
        The folder written.

    Raises
    ------
    ConfigError
        When *out_dir* exists and is neither empty nor a report folder of this package.
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or not _is_replaceable(out)):
        raise ConfigError(
            f"{out} exists and is not a storydiff report folder; choose another output folder"
        )
    files = _report_files(report)
    replace_folder(files, out)
    logger.info("wrote report %s (%d files)", out, len(files))
    return out
