"""Fixtures of the report tests: the seed report, built once per session, and its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus.loader import Corpus, load_corpus
from analysis.report import Report, ReportConfig, build_report, write_report

#: Few resamples: the report tests check structure, not interval widths.
FAST = ReportConfig(n_resamples=99)


def write_event(root: Path, files: dict[str, str]) -> Path:
    """Write ``{file name: text}`` into the event folder *root*; returns *root*."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def build_event(root: Path, files: dict[str, str], config: ReportConfig = FAST) -> Report:
    """The report of the event made of *files*."""
    return build_report(load_corpus(write_event(root, files)), config=config)


class BuildLog:
    """What the session's seed build recorded: progress steps, corpus unchanged."""

    steps: tuple[str, ...] = ()
    unchanged: bool = False


@pytest.fixture(scope="session")
def build_log() -> type[BuildLog]:
    return BuildLog


@pytest.fixture(scope="session")
def seed_report(seed_corpus: Corpus) -> Report:
    """The seed report (read only); records the progress steps and whether the corpus stayed
    unchanged."""
    before = {name: getattr(seed_corpus, name).copy() for name in ("articles", "sentences")}
    steps: list[str] = []
    report = build_report(seed_corpus, config=FAST, progress=steps.append)
    BuildLog.steps = tuple(steps)
    BuildLog.unchanged = all(
        getattr(seed_corpus, name).equals(table) for name, table in before.items()
    )
    return report


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory, seed_report: Report) -> Path:
    """The seed report's folder (read only)."""
    return write_report(seed_report, tmp_path_factory.mktemp("written") / "seed")
