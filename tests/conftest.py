"""Shared fixtures: the seed corpus and small corpora written to temporary folders.

BLAS runs one thread per process (set before numpy is imported, and inherited by the command
lines the tests start): the suite runs one worker per core, and OpenBLAS threads spinning
beside another worker make the MiniLM matrix products many times slower.
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from analysis.corpus.loader import Corpus, load_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_EVENT = ROOT / "corpus" / "ukraine-security-force"
SHARED = ROOT.parent / "shared"
A_ID, B_ID = "anon-000", "newslooks-001"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_EVENT


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    return load_corpus(SEED_EVENT)


@pytest.fixture
def make_event(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write ``{file name: content}`` into a fresh event folder and return its path."""

    def make(files: dict[str, str | bytes], name: str = "event") -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, content in files.items():
            path = folder / file_name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests marked slow first, so that with one worker per core none is left last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
