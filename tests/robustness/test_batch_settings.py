"""Batch settings are bounded like report settings: one error naming the option, no output."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.batch.compare import BatchConfig
from analysis.cli import main
from analysis.errors import ConfigError


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("n_resamples", 10**9, "--n-resamples"),
        ("n_resamples", 0, "--n-resamples"),
        ("seed", -1, "--seed"),
        ("seed", 2**40, "--seed"),
        ("confidence_level", 1.0, "confidence_level"),
        ("confidence_level", float("nan"), "confidence_level"),
        ("min_articles", 0, "--min-articles"),
    ],
)
def test_out_of_range_batch_settings_are_refused(setting: str, value: object, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        BatchConfig(**{setting: value})  # type: ignore[arg-type]


def test_the_batch_command_refuses_a_huge_resample_count_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    collection = tmp_path / "events.jsonl"
    collection.write_text(
        '{"event": "e", "id": "a", "text": "One sentence here."}\n'
        '{"event": "e", "id": "b", "text": "Another sentence here."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    status = main(["batch", str(collection), "--out", str(out), "--n-resamples", "1000000000"])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "--n-resamples" in err
    assert not out.exists()


def test_an_event_with_more_pairs_than_max_pairs_is_refused(tmp_path: Path) -> None:
    from analysis.corpus import load_corpus
    from analysis.report import ReportConfig, build_report

    event = tmp_path / "event"
    event.mkdir()
    for i in range(4):  # 6 pairs
        (event / f"a{i}.txt").write_text(f"Ministers met on day {i}. They agreed.\n", "utf-8")
    corpus = load_corpus(event)
    with pytest.raises(ConfigError, match=r"4 articles, 6 pairs, more than max_pairs = 5"):
        build_report(corpus, "event", ReportConfig(max_pairs=5))
    with pytest.raises(ConfigError, match="max_pairs"):
        ReportConfig(max_pairs=0)
