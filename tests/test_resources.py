"""Tests for analysis.resources: the files shipped inside the package, read by it alone."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis.errors import AnalysisError
from analysis.resources import data_hashes, read_arrays, read_text

PACKAGE = Path(analysis.__file__).parent
DATA = PACKAGE / "data"
# Ways a module could read package files itself: importlib.resources (or its backport,
# pkgutil), or a path to the data folder ("data/...", joinpath("data"), / "data").
_OWN_READING = re.compile(
    r"importlib\.resources|from\s+importlib\s+import\s+resources|importlib_resources"
    r"|pkgutil|joinpath\(\s*[\"']data\b|/\s*[\"']data[\"']|[\"']data/"
)


@pytest.mark.parametrize(
    "name", ["minilm_l6_v2.npz", "target_sentiment.npz", "target_sentiment_embeddings.npz"]
)
def test_read_arrays_gives_plain_arrays_and_the_file_hash(name: str) -> None:
    arrays, digest = read_arrays(name, fix="unused")
    assert arrays
    assert all(isinstance(value, np.ndarray) for value in arrays.values())
    assert all(value.dtype != object for value in arrays.values())
    assert digest == hashlib.sha256((DATA / name).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["gazetteer.toml", "reporting_verbs.txt", "frames.yaml"])
def test_read_text_gives_the_file_text(name: str) -> None:
    assert read_text(name, fix="unused") == (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("read", [read_arrays, read_text])
def test_missing_file_names_it_and_the_fix(read) -> None:
    with pytest.raises(AnalysisError, match=r"^absent\.npz is missing from analysis/data; do X$"):
        read("absent.npz", fix="do X")


def test_no_other_module_reads_shipped_files() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "resources.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _OWN_READING.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "line",
    [
        "from importlib import resources",
        "import importlib.resources",
        'resources.files("analysis").joinpath("data/x.txt")',
        'Path(__file__).parent / "data" / "x.txt"',
    ],
)
def test_the_source_check_sees_own_reading(line: str) -> None:
    assert _OWN_READING.search(line)


def test_data_hashes_cover_every_shipped_file() -> None:
    hashes = data_hashes()
    files = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert list(hashes) == files
    for name in ("minilm_l6_v2.npz", "gazetteer.toml", "LICENSE-Apache-2.0.txt"):
        assert hashes[name] == hashlib.sha256((DATA / name).read_bytes()).hexdigest()
