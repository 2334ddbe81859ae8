"""Agreement statistics: perfect and chance agreement, kappa, the toolkit against the majority."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis.validate.agreement import (
    SCORE_COLUMNS,
    bootstrap_interval,
    cohen_kappa,
    krippendorff_alpha,
    majority_codes,
    percent_agreement,
    score_measure,
    unit_table,
)
from analysis.validate.measures import get_measure

NAN = np.nan


def _key(toolkit: list[str], weights: list[float] | None = None) -> pd.DataFrame:
    n = len(toolkit)
    return pd.DataFrame(
        {
            "unit": [f"u{i:03d}" for i in range(n)],
            "stratum": toolkit,
            "toolkit": toolkit,
            "weight": weights or [1.0] * n,
        }
    )


def _codes(key: pd.DataFrame, coders: dict[str, list[str | None]]) -> pd.DataFrame:
    return pd.concat(
        [
            pd.DataFrame({"unit": key["unit"], "coder": c, "code": codes})
            for c, codes in coders.items()
        ],
        ignore_index=True,
    )


def _value(scores: pd.DataFrame, comparison: str, statistic: str) -> float:
    hit = scores[(scores["comparison"] == comparison) & (scores["statistic"] == statistic)]
    return float(hit["value"].iloc[0])


@pytest.mark.parametrize("measure", ["gaps", "tone", "actors"])
def test_coders_who_copy_the_key_agree_perfectly(measure: str) -> None:
    spec = get_measure(measure)
    rng = np.random.default_rng(0)
    toolkit = list(rng.choice(spec.allowed, size=40))
    key = _key(toolkit)
    codes = _codes(key, {"c1": toolkit, "c2": toolkit, "c3": toolkit})
    scores = score_measure(codes, key, spec, n_resamples=50, seed=1)
    assert list(scores.columns) == SCORE_COLUMNS
    assert _value(scores, "coders", "alpha") == pytest.approx(1.0)
    assert _value(scores, "coders", "percent_agreement") == pytest.approx(1.0)
    assert _value(scores, "coders_and_toolkit", "alpha") == pytest.approx(1.0)
    assert _value(scores, "toolkit_vs_majority", "accuracy") == pytest.approx(1.0)
    statistic = "f1" if spec.positive else "macro_f1"
    assert _value(scores, "toolkit_vs_majority", statistic) == pytest.approx(1.0)
    assert "cohen_kappa" not in set(scores["statistic"])  # three coders


def test_random_coders_agree_at_chance() -> None:
    spec = get_measure("gaps")
    rng = np.random.default_rng(42)
    n = 600
    key = _key(list(rng.choice(spec.allowed, size=n)))
    coders = {f"c{i}": list(rng.choice(spec.allowed, size=n)) for i in range(3)}
    scores = score_measure(_codes(key, coders), key, spec, n_resamples=50, seed=1)
    alpha = _value(scores, "coders", "alpha")
    assert abs(alpha) < 0.08
    assert abs(_value(scores, "coders_and_toolkit", "alpha")) < 0.08
    assert _value(scores, "coders", "percent_agreement") == pytest.approx(0.5, abs=0.05)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([0, 1, 1, 0, 1, 0, 0, 1], [0, 1, 0, 0, 1, 1, 0, 1]),
        ([0, 1, 2, 2, 1, 0, 2, 1, 0], [0, 2, 2, 2, 1, 0, 1, 1, 1]),
        ([1, 1, 0, 0], [0, 0, 1, 1]),
    ],
)
def test_cohen_kappa_matches_scikit_learn(first: list[int], second: list[int]) -> None:
    matrix = np.array([first, second], dtype=float)
    assert cohen_kappa(matrix) == pytest.approx(cohen_kappa_score(first, second))


def test_kappa_only_for_two_coders_and_alpha_undefined_without_variation() -> None:
    assert np.isnan(cohen_kappa(np.zeros((3, 5))))
    assert np.isnan(krippendorff_alpha(np.zeros((2, 5)), level="nominal", n_codes=2))
    assert np.isnan(percent_agreement(np.array([[0.0, NAN], [NAN, 1.0]])))


def test_percent_agreement_averages_coder_pairs() -> None:
    matrix = np.array([[0, 0, 1], [0, 1, 1], [0, 1, NAN]], dtype=float)
    # unit 1: 3 of 3 pairs agree; unit 2: 1 of 3; unit 3: 1 of 1.
    assert percent_agreement(matrix) == pytest.approx((1 + 1 / 3 + 1) / 3)


def test_majority_is_none_on_ties_and_for_uncoded_units() -> None:
    matrix = np.array([[0, 0, NAN, 1], [0, 1, NAN, 1], [1, NAN, NAN, 1]], dtype=float)
    assert majority_codes(matrix).tolist()[0] == 0
    assert np.isnan(majority_codes(matrix)[1:3]).all()
    assert majority_codes(matrix)[3] == 1


def test_toolkit_scores_use_the_sample_weights() -> None:
    spec = get_measure("gaps")
    # Toolkit "no" on 2 units the coders call "yes"; those units stand for 10 units each.
    toolkit = ["yes", "yes", "no", "no", "no", "no"]
    truth = ["yes", "yes", "yes", "yes", "no", "no"]
    key = _key(toolkit, weights=[1, 1, 10, 10, 10, 10])
    scores = score_measure(_codes(key, {"c1": truth}), key, spec, n_resamples=20, seed=0)
    assert _value(scores, "toolkit_vs_majority", "precision") == pytest.approx(1.0)
    assert _value(scores, "toolkit_vs_majority", "recall") == pytest.approx(2 / 22)
    assert _value(scores, "toolkit_vs_majority", "accuracy") == pytest.approx(22 / 42)
    assert "alpha" not in set(scores.loc[scores["comparison"] == "coders", "statistic"])


def test_bootstrap_interval_brackets_the_mean_and_is_reproducible() -> None:
    values = np.random.default_rng(3).normal(size=80)

    def mean(idx: np.ndarray) -> float:
        return float(values[idx].mean())

    low, high = bootstrap_interval(mean, 80, n_resamples=300, confidence_level=0.95, seed=5)
    assert low < values.mean() < high
    again = bootstrap_interval(mean, 80, n_resamples=300, confidence_level=0.95, seed=5)
    assert (low, high) == again
    assert all(np.isnan(bootstrap_interval(mean, 1, n_resamples=10, confidence_level=0.9, seed=0)))


def test_unit_table_lists_every_coder_and_the_majority() -> None:
    spec = get_measure("tone")
    key = _key(["negative", "neutral", "positive"])
    codes = _codes(key, {"a": ["negative", "positive", None], "b": ["negative", "neutral", None]})
    table = unit_table(codes, key, spec)
    assert table["majority"].iloc[0] == "negative"
    assert table["majority"].isna().tolist() == [False, True, True]
    assert table["agrees"].iloc[0]
    assert table["agrees"].isna().tolist() == [False, True, True]
    assert table["n_codes"].tolist() == [2, 2, 0]
    assert table["code_a"].tolist()[:2] == ["negative", "positive"]
