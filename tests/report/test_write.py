"""Tests for analysis.report.write (and the ``report`` command): the folder, its files, bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pytest

import analysis
import analysis.report.write
from analysis.cli import main
from analysis.errors import ConfigError
from analysis.report import Report, write_report
from tests.conftest import ROOT
from tests.report.conftest import write_event
from tests.report.test_pipeline import ALIGNMENT_COLUMNS, FIGURES
from tests.report_data import THREE_ARTICLES


@pytest.fixture(scope="module")
def light_report(seed_report: Report) -> Report:
    """The seed report without figures: quick to write, for the file-handling tests."""
    return dataclasses.replace(seed_report, figure_inputs=MappingProxyType({}))


def test_written_layout(written: Path, seed_report: Report) -> None:
    page = (written / "index.html").read_text(encoding="utf-8")
    assert "single mentions are often misjudged" in page  # the actor tone caveat
    assert page.count("<svg") == len(FIGURES)
    for name in seed_report.tables:
        for suffix in ("csv", "tex", "md"):
            assert (written / "tables" / f"{name}.{suffix}").is_file(), (name, suffix)
    for name in FIGURES:
        for suffix in ("pdf", "svg", "png", "caption.txt"):
            assert (written / "figures" / f"{name}.{suffix}").is_file(), (name, suffix)
    for name in ("index.html", "run.json", "report.md", "report.tex"):
        assert (written / name).is_file()
    alignment = pd.read_csv(written / "tables" / "alignment.csv")
    assert list(alignment.columns[:8]) == ALIGNMENT_COLUMNS
    run = json.loads((written / "run.json").read_text(encoding="utf-8"))
    assert run["generator"] == "storydiff-news"
    assert run["parameters"]["n_resamples"] == 99
    shipped = Path(analysis.__file__).parent / "data" / "minilm_l6_v2.npz"
    assert (
        run["package_data"]["minilm_l6_v2.npz"] == hashlib.sha256(shipped.read_bytes()).hexdigest()
    )
    assert not list(written.parent.glob(".seed.*"))


def test_figure_files_keep_text_and_carry_no_dates(written: Path) -> None:
    svg = (written / "figures" / "alignment.svg").read_text(encoding="utf-8")
    assert "<text" in svg
    assert "Sentence alignment" in svg
    assert "<dc:date>" not in svg
    pdf = (written / "figures" / "alignment.pdf").read_bytes()
    assert b"/CreationDate" not in pdf
    assert b"/FontFile2" in pdf  # TrueType (Type 42) fonts: text stays text
    png = (written / "figures" / "alignment.png").read_bytes()
    index = png.index(b"pHYs")
    x_ppm, y_ppm = struct.unpack(">II", png[index + 4 : index + 12])
    assert round(x_ppm * 0.0254) == round(y_ppm * 0.0254) == 300
    caption = (written / "figures" / "alignment.caption.txt").read_text(encoding="utf-8")
    assert "Artetxe & Schwenk 2019" in caption


def test_writing_twice_gives_identical_bytes(
    written: Path, seed_report: Report, tmp_path: Path
) -> None:
    """Figures drawn again from the same report give the same files (across processes and hash
    seeds: tests/robustness/test_determinism.py)."""
    again = write_report(seed_report, tmp_path / "again")
    files = sorted(p.relative_to(written) for p in written.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    different = [str(p) for p in files if (written / p).read_bytes() != (again / p).read_bytes()]
    assert different == []


def test_write_replaces_a_previous_report_in_place(light_report: Report, tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "run.json").write_text('{"generator": "storydiff-news"}', encoding="utf-8")
    (out / "stale.txt").write_text("old", encoding="utf-8")
    write_report(light_report, out)
    assert not (out / "stale.txt").exists()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_write_refuses_a_folder_that_is_not_a_report(light_report: Report, tmp_path: Path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a storydiff report folder"):
        write_report(light_report, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_interrupted_write_keeps_the_previous_report(
    light_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "run.json").write_text('{"generator": "storydiff-news"}', encoding="utf-8")
    calls = {"n": 0}
    original = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 5:
            raise KeyboardInterrupt
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(KeyboardInterrupt):
        write_report(light_report, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert [p.name for p in out.iterdir()] == ["run.json"]


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_every_latex_table_compiles(written: Path, tmp_path: Path) -> None:
    from analysis.report.tables import LATEX_PREAMBLE

    folder = shutil.copytree(written, tmp_path / "latex")
    inputs = "".join(
        f"\\section*{{{p.stem.replace('_', ' ')}}}\n\\input{{tables/{p.name}}}\n"
        for p in sorted((folder / "tables").glob("*.tex"))
    )
    document = (
        "\\documentclass[a4paper]{article}\n"
        + LATEX_PREAMBLE
        + "\\usepackage[margin=1.5cm,landscape]{geometry}\n\\begin{document}\n\\scriptsize\n"
        + inputs
        + "\\end{document}\n"
    )
    (folder / "all_tables.tex").write_text(document, encoding="utf-8")
    for source in ("all_tables.tex", "report.tex"):
        result = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=180,
        )
        assert result.returncode == 0, result.stdout[-3000:]


# --------------------------------------------------------------------------- command line


def test_cli_writes_one_folder_per_event_of_a_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = analysis.report.write.write_report

    def without_figures(report: Report, out_dir: Path) -> Path:  # drawing figures is slow
        return real(dataclasses.replace(report, figure_inputs=MappingProxyType({})), out_dir)

    monkeypatch.setattr(analysis.report.write, "write_report", without_figures)
    collection = tmp_path / "collection"
    write_event(collection / "flood", {k: THREE_ARTICLES[k] for k in ("alpha.txt", "beta.txt")})
    write_event(collection / "lonely", {"only.txt": THREE_ARTICLES["gamma.txt"]})
    out = tmp_path / "reports"
    assert main(["report", str(collection), "--out", str(out), "--n-resamples", "19"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flood"]
    assert (out / "flood" / "index.html").is_file()


def test_cli_error_is_one_line_with_status_2(tmp_path: Path, seed_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "analysis", "report", str(seed_path)),
            *("--out", str(tmp_path), "--config", "missing.toml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: config file missing.toml does not exist")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--method", "telepathy"], "telepathy"),
        (["--event", "nope"], "'nope' is not in"),
        (["--n-resamples", "0"], "n_resamples = 0"),
    ],
)
def test_cli_bad_options(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    assert main(["report", str(seed_path), "--out", str(tmp_path / "o"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err
    assert not (tmp_path / "o").exists()


def test_methods_doc_covers_every_table(seed_report: Report) -> None:
    methods = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    for name in seed_report.tables:
        assert f"{name}.csv" in methods, name
