"""Write a computed report into its folder: tables, figures, index.html, report.md/.tex, run.json.

The folder layout is the output contract of DESIGN.md, listed in :func:`write_report`.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from analysis.errors import ConfigError
from analysis.report.output import FIGURE_FORMATS, render_figures, replace_folder
from analysis.report.pipeline import GENERATOR, Report
from analysis.report.render import label, render_html
from analysis.report.tables import to_csv, to_latex, to_markdown

__all__ = ["check_output_folder", "check_output_path", "is_toolkit_output", "write_report"]

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
    rendered = render_figures(report.figure, report.figure_names, formats=FIGURE_FORMATS)
    for name, figure in rendered.items():
        for fmt in FIGURE_FORMATS:
            files[f"figures/{name}.{fmt}"] = figure.files[fmt]
        caption = report.captions.get(name, "")
        files[f"figures/{name}.caption.txt"] = (caption + "\n").encode("utf-8")
    svgs = {name: figure.files["svg"].decode("utf-8") for name, figure in rendered.items()}
    widths = {name: figure.size_inches[0] for name, figure in rendered.items()}
    files["index.html"] = render_html(report, svgs, widths).encode("utf-8")
    files["report.md"] = report.as_markdown().encode("utf-8")
    files["report.tex"] = report.as_latex().encode("utf-8")
    files[_RUN_JSON] = (
        json.dumps(dict(report.metadata), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    ).encode("utf-8")
    return files


def is_toolkit_output(folder: Path, *, generator: str = GENERATOR, kind: str | None = None) -> bool:
    """Tell whether *folder* is empty or holds output this package wrote (per its run.json).

    Parameters
    ----------
    folder : Path
        An existing folder.
    generator : str, optional
        The ``generator`` its run.json must name (a report's by default).
    kind : str, optional
        The ``kind`` its run.json must name; None for a run.json without one (a report's).

    Returns
    -------
    bool
        True for an empty folder or one whose run.json names *generator* and *kind*.
    """
    if not any(folder.iterdir()):
        return True
    try:
        run = json.loads((folder / _RUN_JSON).read_text(encoding="utf-8"))
        return run.get("generator") == generator and run.get("kind") == kind
    except (OSError, ValueError, AttributeError):
        return False


def check_output_path(out_dir: str | Path, *, source: str | Path | None = None) -> Path:
    """Refuse an output path that cannot be created or lies inside the input.

    Parameters
    ----------
    out_dir : str or Path
        The output folder.
    source : str or Path, optional
        The input corpus: an output folder inside it is refused (the next run would read it).

    Returns
    -------
    Path
        *out_dir*, made absolute when its last part is ``.`` or ``..`` (they cannot be renamed).

    Raises
    ------
    ConfigError
        For an empty name, a file standing in the path, or a folder inside *source*.
    """
    if not str(out_dir):
        raise ConfigError("the output folder is '' (empty); name a folder, e.g. --out reports/x")
    out = Path(out_dir)
    if out.name in ("", ".."):
        out = out.resolve()
    ancestor = next(p for p in (out, *out.parents) if os.path.lexists(p) or p == p.parent)
    if ancestor != out and not ancestor.is_dir():
        raise ConfigError(
            f"cannot create the output folder {out}: {ancestor} is a file, not a folder; "
            "choose an output folder elsewhere"
        )
    if source is not None and Path(source).is_dir():
        real = out.resolve()
        inside = Path(source).resolve()
        if real == inside or inside in real.parents:
            raise ConfigError(
                f"output folder {out} is inside the input {source}, whose next run would read "
                "it as input; choose an output folder outside the input"
            )
    return out


def check_output_folder(
    out_dir: str | Path,
    *,
    generator: str = GENERATOR,
    kind: str | None = None,
    what: str = "report",
    source: str | Path | None = None,
) -> Path:
    """Refuse an output folder that cannot be written or must not be replaced.

    Parameters
    ----------
    out_dir : str or Path
        The folder to be written, replacing it if it exists.
    generator, kind : str, optional
        What an existing folder's run.json must name to be replaced (:func:`is_toolkit_output`).
    what : str, optional
        What the folder holds, for the error message.
    source : str or Path, optional
        The input corpus, as for :func:`check_output_path`.

    Returns
    -------
    Path
        The folder to write (:func:`check_output_path`).

    Raises
    ------
    ConfigError
        As :func:`check_output_path`; for a symbolic link (it would be replaced, not followed);
        or for an existing folder that is neither empty nor output of *generator* and *kind*.
    """
    out = check_output_path(out_dir, source=source)
    if out.is_symlink():
        raise ConfigError(
            f"output folder {out} is a symbolic link (to {out.readlink()}); it would be "
            "replaced, not followed: give the folder it points to, or another one"
        )
    if out.exists() and (
        not out.is_dir() or not is_toolkit_output(out, generator=generator, kind=kind)
    ):
        held = "it holds other files" if out.is_dir() else "it is a file"
        raise ConfigError(
            f"{out} exists and is not a storydiff {what} folder ({held}); choose another "
            "output folder"
        )
    return out


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
        When *out_dir* cannot be written or must not be replaced (:func:`check_output_folder`):
        it exists and is neither empty nor a report folder of this package, it is a symbolic
        link, or a file stands in its path.
    """
    out = check_output_folder(out_dir)
    files = _report_files(report)
    replace_folder(files, out)
    logger.info("wrote report %s (%d files)", out, len(files))
    return out
