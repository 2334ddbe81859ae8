"""Write a validation sample folder and the results of scoring it.

A sample folder (:func:`write_sample`; layout in :mod:`analysis.validate.sheets`) is written
once and never replaced: it will hold the coders' work. The results (:func:`write_scores`,
by default ``<sample>/results/``)::

    tables/scores.csv|.tex|.md      agreement and toolkit accuracy per measure
    tables/units.csv|.tex|.md       every unit: stratum, toolkit code, majority, each coder's code
    figures/agreement.pdf|.svg|.png the scores as points with intervals (+ caption)
    index.html                      the tables and the figure on one self-contained page
    run.json                        sample, seed, coders, sheet hashes, parameters, versions
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, StrictUndefined, select_autoescape
from matplotlib.figure import Figure

from analysis import __version__
from analysis.errors import ConfigError
from analysis.report.output import (
    FIGURE_FORMATS,
    figure_bytes,
    freeze_figure,
    git_commit,
    library_versions,
    replace_folder,
)
from analysis.report.tables import to_csv, to_latex, to_markdown
from analysis.text.names import FolderNames
from analysis.validate.measures import get_measure
from analysis.validate.plot import plot_agreement
from analysis.validate.sample import N_SAMPLED, STRATUM_SIZE
from analysis.validate.sheets import (
    CODEBOOK,
    KEY_DIR,
    RUN_JSON,
    SAMPLE_KIND,
    SHEETS_DIR,
    TEXTS_DIR,
    Coding,
    codebook_markdown,
    coding_sheet,
    key_table,
    sheet_csv,
    sheet_name,
    sheet_xlsx,
    texts_file,
)
from analysis.validate.source import Source
from analysis.validate.units import STRATUM

__all__ = [
    "SCORE_KIND",
    "sample_files",
    "score_files",
    "write_sample",
    "write_scores",
]

logger = logging.getLogger(__name__)

#: ``kind`` of the results' run.json.
SCORE_KIND = "validation-score"
_GENERATOR = "storydiff-news"
_EXTRA_LIBRARIES = ("krippendorff", "openpyxl")
_CAPTION = (
    "Agreement with human coders per measure: Krippendorff's alpha among the coders, alpha "
    "with the toolkit as one more coder, and the toolkit's F1 (yes/no measures) or accuracy "
    "against the coders' majority; bars are 95% percentile bootstrap intervals over units; "
    "dotted lines mark alpha 0.667 and 0.8 (Krippendorff 2004)."
)
_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Validation: {{ source }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.8em;margin:0.5em 0 1.5em}
td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}
figure{margin:0 0 1em 0;max-width:560px} figure svg{max-width:100%;height:auto}
figcaption{font-size:0.75em;color:#555}
</style></head><body>
<section id="validation">
<h1>Validation against human coders</h1>
<p>Sample of {{ source }} drawn with seed {{ seed }}; {{ n_coders }} coder(s):
{{ coders }}. Measures: {{ measures }}.</p>
<figure>{{ svg | safe }}<figcaption>{{ caption }}</figcaption></figure>
<h2>Scores</h2>{{ scores | safe }}
<h2>Units</h2>{{ units | safe }}
</section></body></html>
"""


def _versions() -> dict[str, str | None]:
    versions = library_versions()
    for name in _EXTRA_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _json(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(dict(data), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _strata(sample: pd.DataFrame) -> dict[str, dict[str, int]]:
    first = sample.drop_duplicates(STRATUM).sort_values(STRATUM)
    return {
        str(s): {"size": int(size), "sampled": int(k)}
        for s, size, k in first[[STRATUM, STRATUM_SIZE, N_SAMPLED]].itertuples(index=False)
    }


def sample_files(
    samples: Mapping[str, pd.DataFrame], source: Source, *, coders: Sequence[str], seed: int, n: int
) -> dict[str, bytes]:
    """Every file of a sample folder: relative path -> bytes.

    Parameters
    ----------
    samples : Mapping of str to pandas.DataFrame
        Per measure, :func:`analysis.validate.sample.draw_sample` output.
    source : Source
        The report or batch the samples come from (its sentences give ``texts/``).
    coders : sequence of str
        Coder ids; one sheet per coder and measure.
    seed : int
        The seed the samples were drawn with (recorded in run.json).
    n : int
        Units asked for per measure (recorded in run.json).

    Returns
    -------
    dict of str to bytes
        ``run.json``, ``codebook.md``, ``key/<measure>.csv``, ``sheets/<coder>_<measure>.csv``
        and ``.xlsx``, and ``texts/<article>.txt`` for a report.
    """
    measures = [get_measure(m) for m in samples]
    files: dict[str, bytes] = {}
    for measure in measures:
        sample = samples[measure.name]
        files[f"{KEY_DIR}/{measure.name}.csv"] = to_csv(key_table(sample, measure)).encode()
        for coder in coders:
            sheet = coding_sheet(sample, measure, coder)
            stem = f"{SHEETS_DIR}/{sheet_name(coder, measure.name)}"
            files[f"{stem}.csv"] = sheet_csv(sheet)
            files[f"{stem}.xlsx"] = sheet_xlsx(sheet, measure)
    sentences = source.tables.get("sentences")
    if sentences is not None:
        names = FolderNames(what="article")
        for article in sorted(sentences["article"].astype(str).unique()):
            text = texts_file(sentences, article)
            files[f"{TEXTS_DIR}/{names.claim(article)}.txt"] = text.encode("utf-8")
    files[CODEBOOK] = codebook_markdown(measures, coders=coders).encode("utf-8")
    commit, dirty = git_commit()
    files[RUN_JSON] = _json(
        {
            "generator": _GENERATOR,
            "kind": SAMPLE_KIND,
            "version": __version__,
            "git_commit": commit,
            "git_dirty": dirty,
            "source": {
                "path": source.path,
                "kind": source.kind,
                "event": source.run.get("event"),
                "git_commit": source.run.get("git_commit"),
                "parameters": source.parameters,
            },
            "seed": int(seed),
            "n": int(n),
            "coders": list(coders),
            "measures": [m.name for m in measures],
            "strata": {m.name: _strata(samples[m.name]) for m in measures},
            "libraries": _versions(),
        }
    )
    return files


def write_sample(files: Mapping[str, bytes], out: str | Path) -> Path:
    """Write a sample folder (:func:`sample_files`) as *out*, which must not exist yet.

    Raises
    ------
    ConfigError
        When *out* exists and is not empty (a sample folder holds coders' work and is never
        replaced).
    """
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(
            f"{target} exists; a sample folder is never replaced (it holds the coders' work), "
            "choose a new --out folder"
        )
    if target.is_dir():
        target.rmdir()
    replace_folder(files, target)
    logger.info("wrote validation sample %s (%d files)", target, len(files))
    return target


def _html_table(table: pd.DataFrame) -> str:
    return table.to_html(index=False, float_format=lambda v: f"{v:.3f}", na_rep="", border=0)


def score_files(
    coding: Coding,
    scores: pd.DataFrame,
    units: pd.DataFrame,
    *,
    n_resamples: int,
    confidence_level: float,
    seed: int,
) -> dict[str, bytes]:
    """Every file of the results folder (module docstring): relative path -> bytes.

    Parameters
    ----------
    coding : Coding
        The sample and its sheets (:func:`analysis.validate.sheets.read_coding`).
    scores, units : pandas.DataFrame
        :func:`analysis.validate.agreement.score_coding` output.
    n_resamples, confidence_level, seed
        The bootstrap's parameters (recorded in run.json).

    Returns
    -------
    dict of str to bytes
    """
    files: dict[str, bytes] = {}
    for name, table in (("scores", scores), ("units", units)):
        files[f"tables/{name}.csv"] = to_csv(table).encode("utf-8")
        files[f"tables/{name}.tex"] = to_latex(table, label=f"tab:validation-{name}").encode()
        files[f"tables/{name}.md"] = to_markdown(table).encode("utf-8")
    figure = plot_agreement(scores).get_figure(root=True)
    if not isinstance(figure, Figure):  # pragma: no cover - plot_agreement makes a Figure
        raise TypeError("plot_agreement drew on no Figure")
    freeze_figure(figure)
    for fmt in FIGURE_FORMATS:
        files[f"figures/agreement.{fmt}"] = figure_bytes(figure, fmt)
    files["figures/agreement.caption.txt"] = (_CAPTION + "\n").encode("utf-8")
    manifest = coding.manifest
    page = Environment(autoescape=select_autoescape(), undefined=StrictUndefined)
    files["index.html"] = (
        page.from_string(_PAGE)
        .render(
            source=manifest["source"]["path"],
            seed=manifest["seed"],
            n_coders=len(manifest["coders"]),
            coders=", ".join(manifest["coders"]),
            measures=", ".join(manifest["measures"]),
            svg=files["figures/agreement.svg"].decode("utf-8"),
            caption=_CAPTION,
            scores=_html_table(scores),
            units=_html_table(units),
        )
        .encode("utf-8")
    )
    commit, dirty = git_commit()
    files[RUN_JSON] = _json(
        {
            "generator": _GENERATOR,
            "kind": SCORE_KIND,
            "version": __version__,
            "git_commit": commit,
            "git_dirty": dirty,
            "sample": {k: manifest.get(k) for k in ("source", "seed", "n", "coders", "strata")},
            "coder_names": dict(coding.coders),
            "sheets": dict(sorted(coding.files.items())),
            "parameters": {
                "n_resamples": int(n_resamples),
                "confidence_level": float(confidence_level),
                "seed": int(seed),
            },
            "citations": {
                "alpha": "Krippendorff's alpha (Krippendorff 2004, 2011)",
                "kappa": "Cohen's kappa (Cohen 1960)",
                "bootstrap": "percentile bootstrap over units (Efron & Tibshirani 1993)",
            },
            "libraries": _versions(),
        }
    )
    return files


def _is_results(folder: Path) -> bool:
    if not any(folder.iterdir()):
        return True
    try:
        run = json.loads((folder / RUN_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(run, dict) and run.get("kind") == SCORE_KIND


def write_scores(files: Mapping[str, bytes], out: str | Path) -> Path:
    """Write the results folder (:func:`score_files`) as *out*, replacing earlier results.

    Raises
    ------
    ConfigError
        When *out* exists and holds something other than results of ``validate score``.
    """
    target = Path(out)
    if target.exists() and (not target.is_dir() or not _is_results(target)):
        raise ConfigError(
            f"{target} exists and does not hold validation results; choose another --out folder"
        )
    replace_folder(files, target)
    logger.info("wrote validation results %s (%d files)", target, len(files))
    return target
