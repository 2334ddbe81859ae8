"""End to end: ``validate sample`` on a report, coders fill the sheets, ``validate score``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from tests.validate.conftest import fill


def test_sample_fill_and_score(
    report_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "round"
    argv = ["validate", "sample", str(report_dir), "--measure", "alignment", "gaps"]
    assert main([*argv, "--n", "10", "--coders", "2", "--out", str(out), "--seed", "5"]) == 0
    assert "wrote" in capsys.readouterr().out
    for coder in ("coder1", "coder2"):
        for measure in ("alignment", "gaps"):
            fill(out, coder, measure)
    assert main(["validate", "score", str(out), "--n-resamples", "30"]) == 0
    printed = capsys.readouterr().out
    assert "toolkit_vs_majority" in printed
    scores = pd.read_csv(out / "results" / "tables" / "scores.csv")
    f1 = scores[scores["statistic"] == "f1"]
    assert f1["value"].tolist() == [1.0, 1.0]
    # The same seed draws the same sample.
    again = tmp_path / "again"
    assert main([*argv, "--n", "10", "--out", str(again), "--seed", "5"]) == 0
    for name in ("key/alignment.csv", "key/gaps.csv", "sheets/coder2_gaps.xlsx"):
        assert (again / name).read_bytes() == (out / name).read_bytes()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "sample", "{report}", "--measure", "sentiment", "--out", "{tmp}/x"],
        ["validate", "sample", "{tmp}", "--measure", "gaps", "--out", "{tmp}/y"],
        ["validate", "score", "{tmp}"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], report_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(report=report_dir, tmp=tmp_path) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1
