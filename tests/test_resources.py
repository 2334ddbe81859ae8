"""Tests for analysis.resources: the model files inside the package."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis.errors import AnalysisError
from analysis.resources import data_hashes, read_arrays

DATA = Path(analysis.__file__).parent / "data"


@pytest.mark.parametrize(
    "name", ["minilm_l6_v2.npz", "target_sentiment.npz", "target_sentiment_embeddings.npz"]
)
def test_read_arrays_gives_plain_arrays_and_the_file_hash(name: str) -> None:
    arrays, digest = read_arrays(name, fix="unused")
    assert arrays
    assert all(isinstance(value, np.ndarray) for value in arrays.values())
    assert all(value.dtype != object for value in arrays.values())
    assert digest == hashlib.sha256((DATA / name).read_bytes()).hexdigest()


def test_missing_file_names_it_and_the_fix() -> None:
    with pytest.raises(AnalysisError, match=r"^absent\.npz is missing from analysis/data; do X$"):
        read_arrays("absent.npz", fix="do X")


def test_data_hashes_cover_every_shipped_file() -> None:
    hashes = data_hashes()
    files = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert list(hashes) == files
    for name in ("minilm_l6_v2.npz", "gazetteer.toml", "LICENSE-Apache-2.0.txt"):
        assert hashes[name] == hashlib.sha256((DATA / name).read_bytes()).hexdigest()
