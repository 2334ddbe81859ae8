"""Settings out of bounds, tried through config files, the constructor and the command line.

Each ends with one ConfigError (exit status 2 and one line on the command line) that names the
key or option the user wrote and the allowed range; none may start a long computation.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.errors import ConfigError
from analysis.report.config import (
    SETTING_CONSTRAINTS,
    Interval,
    ReportConfig,
    check_settings,
)
from tests.conftest import SEED_EVENT

# (TOML line, fragment of the error): the fragment names the key and the bound it breaks.
BAD_TOML = [
    (
        "tone_bins = 1_000_000_000",
        "tone_bins = 1000000000 is out of range; use a whole number from 1 to 1000",
    ),
    ("n_resamples = 1_000_000_000", "n_resamples = 1000000000 (option --n-resamples)"),
    ("seed = -1", "seed = -1 (option --seed) is out of range; use a whole number from 0 to"),
    ("seed = 1_099_511_627_776", "seed = 1099511627776"),
    ("n_terms = 1_000_000", "n_terms = 1000000"),
    ("align_k = 0", "align_k = 0"),
    ("align_k = 5000", "align_k = 5000"),
    ("align_margin = nan", "align_margin = nan"),
    ("align_equivalent = inf", "align_equivalent = inf"),
    ("align_partial = 1.5", "align_partial = 1.5 is out of range; use none (leave the key out) or"),
    ("confidence_level = 1.0", "confidence_level = 1.0 is out of range; use a number strictly"),
    ("quote_min_similarity = -0.1", "quote_min_similarity = -0.1"),
    ("n_findings_items = 10_000", "n_findings_items = 10000"),
    ("n_lead = 0", "n_lead = 0"),
    ("tone_bins = true", "tone_bins = True must be of type int"),
    ("align_k = 2.5", "align_k = 2.5 must be of type int"),
    ("tone_bins = " + "9" * 5000, "too long number"),
    ("x = " + "[" * 3000 + "]" * 3000, "nests too deeply"),
]


@pytest.mark.parametrize(("line", "message"), BAD_TOML, ids=[m[:28] for _, m in BAD_TOML])
def test_config_file_out_of_bounds(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "report.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        ReportConfig.from_toml(path)


def test_config_file_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        ReportConfig.from_toml(tmp_path)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"jobs": 0}, "jobs = 0 (option --jobs) is out of range; use -1 or a whole number"),
        ({"jobs": -2}, "jobs = -2"),
        ({"jobs": 10**6}, "jobs = 1000000"),
        ({"min_articles": 0}, "min_articles = 0 (option --min-articles)"),
        ({"sentences": -1}, "sentences = -1 (option --sentences)"),
        ({"n": 10**9}, "n = 1000000000 (option --n)"),
        ({"coders": 1000}, "coders = 1000"),
        ({"n_resamples": 2.0}, "n_resamples = 2.0"),
        ({"seed": True}, "seed = True"),
    ],
)
def test_command_line_settings_out_of_bounds(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        check_settings(values)


def test_settings_within_bounds_pass() -> None:
    check_settings({"jobs": -1, "n_resamples": 100_000, "seed": 2**32 - 1, "sentences": 0})
    check_settings({"not_a_setting": 10**100})  # names the table does not know pass
    ReportConfig(n_resamples=1, tone_bins=1000, align_partial=None, confidence_level=0.999)


def test_every_numeric_setting_has_both_bounds() -> None:
    for item in dataclasses.fields(ReportConfig):
        if item.type in ("int", "float", "float | None"):
            intervals = [c for c in SETTING_CONSTRAINTS[item.name] if isinstance(c, Interval)]
            assert intervals, item.name
            assert all(math.isfinite(c.low) and math.isfinite(c.high) for c in intervals)


def test_defaults_lie_within_the_bounds() -> None:
    check_settings(ReportConfig().to_dict())


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--n-resamples", "1000000000"], "n_resamples = 1000000000 (option --n-resamples)"),
        (["--seed", "-1"], "seed = -1 (option --seed)"),
    ],
)
def test_report_command_refuses_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], fragment: str
) -> None:
    status = main(["report", str(SEED_EVENT), "--out", str(tmp_path / "out"), *options])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1
    assert fragment in err
    assert not (tmp_path / "out").exists()
