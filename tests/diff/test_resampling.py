"""Tests for analysis.diff.resampling."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.diff.resampling import (
    COMPARISON_COLUMNS,
    MeanCI,
    bootstrap_mean_ci,
    compare_groups,
    permutation_pvalue,
)
from analysis.errors import ConfigError

FAST = {"n_resamples": 999, "seed": 7}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], MeanCI(math.nan, math.nan, math.nan)),
        ([0.4], MeanCI(0.4, 0.4, 0.4)),
        ([1.0, 1.0, 1.0], MeanCI(1.0, 1.0, 1.0)),
        ([0, 0, 0, 0], MeanCI(0.0, 0.0, 0.0)),
    ],
)
def test_bootstrap_degenerate_samples_collapse_to_the_mean(
    values: list[float], expected: MeanCI
) -> None:
    result = bootstrap_mean_ci(values, **FAST)
    for got, want in zip(result, expected, strict=True):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


@pytest.mark.parametrize(
    "values",
    [
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0],
        [0.1, 0.5, 0.9, 0.3, 0.7, 0.2],
        [3, 0, 0, 1, 2, 0, 0, 0, 5, 1],
    ],
)
@pytest.mark.parametrize("method", ["BCa", "percentile", "basic"])
def test_bootstrap_interval_contains_mean_and_is_deterministic(
    values: list[float], method: str
) -> None:
    first = bootstrap_mean_ci(values, method=method, **FAST)
    again = bootstrap_mean_ci(values, method=method, **FAST)
    assert first == again
    assert first.mean == pytest.approx(np.mean(values))
    assert first.low <= first.mean + 1e-12 <= first.high + 2e-12
    if method != "basic":  # the basic interval may leave the range of the data
        assert min(values) - 1e-9 <= first.low
        assert first.high <= max(values) + 1e-9


def test_bootstrap_does_not_modify_input() -> None:
    values = np.array([1.0, 0.0, 2.0, 0.0])
    bootstrap_mean_ci(values, **FAST)
    assert values.tolist() == [1.0, 0.0, 2.0, 0.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_resamples": 0}, "n_resamples"),
        ({"confidence_level": 1.0}, "confidence_level"),
        ({"method": "bogus"}, "method"),
    ],
)
def test_bootstrap_rejects_bad_options(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        bootstrap_mean_ci([1.0, 2.0], **kwargs)  # type: ignore[arg-type]


def test_bootstrap_rejects_nan() -> None:
    with pytest.raises(ConfigError, match="NaN"):
        bootstrap_mean_ci([1.0, math.nan])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([1.0], [0.0, 1.0, 0.0]),  # n < 2
        ([], [1.0, 2.0]),
        ([2.0, 2.0], [2.0, 2.0, 2.0]),  # all equal
    ],
)
def test_permutation_degenerate_is_one(x: list[float], y: list[float]) -> None:
    assert permutation_pvalue(x, y, **FAST) == 1.0


def test_permutation_exact_small_sample() -> None:
    # 6 values split 3/3: 20 splits; only the observed split and its mirror are as extreme
    assert permutation_pvalue([1, 2, 3], [4, 5, 6], **FAST) == pytest.approx(2 / 20)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([1, 0, 1, 1, 0, 1, 1, 1], [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]),
        ([0.2, 0.5, 0.1], [0.9, 0.4, 0.7, 0.8]),
    ],
)
def test_permutation_is_symmetric_deterministic_and_in_range(
    x: list[float], y: list[float]
) -> None:
    p = permutation_pvalue(x, y, **FAST)
    assert 0.0 < p <= 1.0
    assert p == permutation_pvalue(y, x, **FAST)
    assert p == permutation_pvalue(x, y, **FAST)


def test_permutation_detects_a_clear_difference() -> None:
    assert permutation_pvalue([0.0] * 30, [1.0] * 30, **FAST) < 0.01


def test_compare_groups_columns_and_values() -> None:
    values = pd.DataFrame(
        {
            "article": ["a"] * 4 + ["b"] * 4 + ["a"] * 4 + ["b"] * 4,
            "category": ["x"] * 8 + ["y"] * 8,
            "value": [1, 1, 0, 1, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2],
        }
    )
    before = values.copy()
    table = compare_groups(values, a="a", b="b", **FAST)
    pd.testing.assert_frame_equal(values, before)
    assert list(table.columns) == COMPARISON_COLUMNS
    assert table["category"].tolist() == ["x", "y"]
    x, y = table.iloc[0], table.iloc[1]
    assert (x["a_mean"], x["b_mean"], x["diff"]) == (0.75, 0.25, 0.5)
    assert y["p_value"] == 1.0
    assert y["a_ci_low"] == y["a_ci_high"] == 2.0
    assert (table["seed"] == 7).all()
    assert (table["n_resamples"] == 999).all()
