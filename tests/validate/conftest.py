"""Fixtures: a small report's tables built once, a sample folder drawn from it, sheet filling."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.loader import load_corpus
from analysis.report import ReportConfig, build_report
from analysis.report.tables import to_csv
from analysis.validate import read_source, sample_files, sample_measures, write_sample
from analysis.validate.source import REPORT_TABLES
from tests.report_data import THREE_ARTICLES

MEASURES = ("alignment", "gaps", "tone", "quotes", "actors")
CODERS = ("coder1", "coder2")
SEED = 11


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables and run.json of a two-article report, as write_report writes them (no figures)."""
    root = tmp_path_factory.mktemp("validate")
    event = root / "flood"
    event.mkdir()
    for name in ("alpha.txt", "beta.txt"):
        (event / name).write_text(THREE_ARTICLES[name], encoding="utf-8")
    corpus = load_corpus(event)
    config = ReportConfig(n_resamples=99, actor_tone_method="lexical")
    report = build_report(corpus, corpus.events()[0], config)
    out = root / "report"
    (out / "tables").mkdir(parents=True)
    for name in REPORT_TABLES:
        (out / "tables" / f"{name}.csv").write_text(to_csv(report.tables[name]), encoding="utf-8")
    (out / "run.json").write_text(json.dumps(dict(report.metadata)), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def pristine_sample(report_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample folder of MEASURES for two coders, drawn once (copy it before filling)."""
    source = read_source(report_dir)
    samples = sample_measures(source, MEASURES, n=12, seed=SEED)
    files = sample_files(samples, source, coders=CODERS, seed=SEED, n=12)
    return write_sample(files, tmp_path_factory.mktemp("samples") / "sample")


@pytest.fixture
def sample_dir(pristine_sample: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample folder, for one test to fill or break."""
    return Path(shutil.copytree(pristine_sample, tmp_path / "sample"))


Coder = Callable[[pd.DataFrame], list[str]]


def copy_key(key: pd.DataFrame) -> list[str]:
    """A coder who answers what the toolkit answered."""
    return key["toolkit"].tolist()


def fill(folder: Path, coder: str, measure: str, answer: Coder = copy_key) -> Path:
    """Write *answer*'s codes into the CSV sheet of *coder* for *measure*; returns its path."""
    key = pd.read_csv(folder / "key" / f"{measure}.csv", dtype=str)
    path = folder / "sheets" / f"{coder}_{measure}.csv"
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    sheet["code"] = answer(key)
    path.write_bytes(sheet.to_csv(index=False).encode("utf-8-sig"))
    return path


def fill_all(folder: Path, answer: Coder = copy_key) -> None:
    """Every sheet of the sample filled by *answer*."""
    for measure in MEASURES:
        for coder in CODERS:
            fill(folder, coder, measure, answer)
