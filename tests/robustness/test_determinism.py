"""Determinism across processes and hash seeds: two runs give byte-identical reports.

The report command runs twice, in separate processes with different ``PYTHONHASHSEED`` values
(so that set and dict-of-set iteration orders differ) and into output folders at different
depths (so that an absolute path written into a file would show). Every file of the two report
folders must be byte-identical: tables (CSV, LaTeX, Markdown), figures (SVG, PDF, PNG),
captions, ``index.html``, ``report.md``, ``report.tex`` and ``run.json``. Neither may hold an
absolute path or a time stamp of the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_EVENT

pytestmark = pytest.mark.slow

HASH_SEEDS = ("0", "12345")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], ...]:
    runs = []
    for i, seed in enumerate(HASH_SEEDS):
        out = tmp_path_factory.mktemp(f"run{i}") / ("deeper/" * i + "report")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "analysis", "report", str(SEED_EVENT), "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=900,
        )
        runs.append(_files(out))
    return tuple(runs)


def test_same_files(two_runs: tuple[dict[str, bytes], ...]) -> None:
    first, second = two_runs
    assert sorted(first) == sorted(second)
    kinds = {Path(name).parent.as_posix() + "/*" + Path(name).suffix for name in first}
    for kind in ("tables/*.csv", "tables/*.tex", "tables/*.md", "figures/*.svg"):
        assert kind in kinds
    for kind in ("figures/*.pdf", "figures/*.png", "./*.html", "./*.json"):
        assert kind in kinds


@pytest.mark.parametrize(
    "pattern", ["tables/*", "figures/*.svg", "figures/*.pdf", "figures/*.png", "figures/*.txt", "*"]
)
def test_byte_identical(pattern: str, two_runs: tuple[dict[str, bytes], ...]) -> None:
    first, second = two_runs
    names = [name for name in first if Path(name).match(pattern) and name in second]
    assert names
    differ = [name for name in names if first[name] != second[name]]
    assert differ == [], f"differ between PYTHONHASHSEED={HASH_SEEDS}: {differ}"


def test_no_absolute_paths_or_timestamps(two_runs: tuple[dict[str, bytes], ...]) -> None:
    first, _ = two_runs
    forbidden = [str(ROOT).encode(), str(Path.home()).encode(), b"/tmp/", b"pytest-of-"]
    today = time.strftime("%Y-%m-%d").encode()
    stamp = re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
    for name, data in first.items():
        if name.endswith((".png", ".pdf")):
            # Binary formats: only their metadata could hold a date or a path.
            assert b"CreationDate" not in data, name
            continue
        for needle in forbidden:
            assert needle not in data, f"{name} holds {needle!r}"
        assert today not in data, f"{name} holds today's date"
        assert not stamp.search(data), f"{name} holds a time stamp"
