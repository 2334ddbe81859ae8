"""Tests for the command line (analysis.cli), run in-process and as a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from tests.conftest import ROOT


def test_help_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "inspect" in result.stdout


def test_inspect_seed_event(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    assert main(["inspect", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "article newslooks-001" in out
    assert "Newslooks" in out
    assert "A group of European countries, led by Britain" in out
    assert "summary 7" in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing", "does not exist"),
        (lambda tmp: tmp, "holds no articles"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(tmp_path: Path, make, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "inspect", str(make(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_evaluate_alignment_command(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    gold = ROOT / "tests" / "data" / "seed_alignment_gold.tsv"
    assert main(["evaluate-alignment", "--gold", str(gold), str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out
    assert "recall" in out


def test_evaluate_alignment_missing_gold(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    assert main(["evaluate-alignment", "--gold", "missing.tsv", str(seed_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: ")
