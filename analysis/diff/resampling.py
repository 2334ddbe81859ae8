"""Resampling statistics for per-sentence measures: bootstrap intervals and permutation tests.

Both wrap scipy with an explicit seed, so identical inputs give identical numbers; the method
and its caveats are in ``docs/methods.md``, section 12.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import ConfigError

__all__ = [
    "BOOTSTRAP_METHODS",
    "COMPARISON_COLUMNS",
    "DEFAULT_N_RESAMPLES",
    "DEFAULT_SEED",
    "MeanCI",
    "bootstrap_mean_ci",
    "compare_groups",
    "permutation_pvalue",
    "select_groups",
]

logger = logging.getLogger(__name__)

#: Resamples used by default for both the bootstrap and the permutation test.
DEFAULT_N_RESAMPLES = 9999
#: Seed used by default; tables that use these helpers record the seed they were given.
DEFAULT_SEED = 20250201
#: Interval methods accepted by :func:`bootstrap_mean_ci` (scipy's names).
BOOTSTRAP_METHODS = ("BCa", "percentile", "basic")
COMPARISON_COLUMNS = [
    "category",
    "a",
    "b",
    "a_n",
    "b_n",
    "a_mean",
    "a_ci_low",
    "a_ci_high",
    "b_mean",
    "b_ci_low",
    "b_ci_high",
    "diff",
    "p_value",
    "confidence_level",
    "n_resamples",
    "seed",
]


class MeanCI(NamedTuple):
    """A sample mean with the bounds of its confidence interval.

    Parameters
    ----------
    mean : float
        Sample mean (NaN for an empty sample).
    low, high : float
        Bounds of the confidence interval, in the unit of the values.
    """

    mean: float
    low: float
    high: float


def _as_array(values: Sequence[float] | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float).ravel()
    if np.isnan(array).any():
        raise ConfigError(f"{name} contains NaN; drop missing values before resampling")
    return array


def _check(n_resamples: int, confidence_level: float = 0.95) -> None:
    if n_resamples < 1:
        raise ConfigError(f"n_resamples={n_resamples} must be a positive integer")
    if not 0.0 < confidence_level < 1.0:
        raise ConfigError(f"confidence_level={confidence_level} must lie strictly between 0 and 1")


def _degenerate(array: np.ndarray) -> bool:
    return array.size < 2 or bool(np.all(array == array[0]))


def bootstrap_mean_ci(
    values: Sequence[float] | np.ndarray,
    *,
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
    method: str = "BCa",
) -> MeanCI:
    """Compute the mean of values with a bootstrap confidence interval (Efron 1987).

    Sentences are resampled with replacement (:func:`scipy.stats.bootstrap`). If scipy cannot
    compute a BCa interval for a skewed sample it warns; this function then falls back to the
    percentile interval and logs that.

    Parameters
    ----------
    values : sequence of float or numpy.ndarray
        Per-sentence measurements (e.g. 0/1 "the sentence carries the frame", or counts); no NaN.
    confidence_level : float, optional
        Level of the interval, strictly between 0 and 1.
    n_resamples : int, optional
        Bootstrap resamples, >= 1.
    seed : int, optional
        Seed of the resampling.
    method : str, optional
        ``"BCa"``, ``"percentile"`` or ``"basic"`` (:data:`BOOTSTRAP_METHODS`).

    Returns
    -------
    MeanCI
        ``(mean, low, high)``; for fewer than two values or all-equal values the interval is
        ``(mean, mean)``, for an empty sample all three are NaN.

    Raises
    ------
    ConfigError
        For NaN values, an unknown method, ``n_resamples < 1`` or a level outside ``(0, 1)``.
    """
    _check(n_resamples, confidence_level)
    if method not in BOOTSTRAP_METHODS:
        raise ConfigError(
            f"method={method!r} is unknown; use one of {', '.join(BOOTSTRAP_METHODS)}"
        )
    array = _as_array(values, "values")
    if array.size == 0:
        return MeanCI(float("nan"), float("nan"), float("nan"))
    mean = float(array.mean())
    if _degenerate(array):
        return MeanCI(mean, mean, mean)

    def run(how: str) -> tuple[float, float]:
        result = stats.bootstrap(
            (array,),
            np.mean,
            confidence_level=confidence_level,
            n_resamples=n_resamples,
            method=how,
            vectorized=True,
            rng=np.random.default_rng(seed),
        )
        interval = result.confidence_interval
        return float(interval.low), float(interval.high)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        low, high = run(method)
    if caught or not (np.isfinite(low) and np.isfinite(high)):
        logger.info(
            "bootstrap %s interval degenerate for n=%d; using percentile", method, array.size
        )
        low, high = run("percentile")
    return MeanCI(mean, low, high)


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int) -> np.ndarray:
    return np.asarray(np.mean(x, axis=axis) - np.mean(y, axis=axis))


def permutation_pvalue(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    *,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> float:
    """Test ``mean(x) - mean(y)`` by permutation and return the two-sided p-value.

    The values of both samples are pooled and randomly re-split into samples of the original
    sizes (:func:`scipy.stats.permutation_test`, independent samples; exact when there are at
    most *n_resamples* distinct splits). Symmetric: ``permutation_pvalue(x, y) ==
    permutation_pvalue(y, x)``.

    Parameters
    ----------
    x, y : sequence of float or numpy.ndarray
        Per-sentence values of the two samples; no NaN.
    n_resamples : int, optional
        Permutations, >= 1.
    seed : int, optional
        Seed of the permutations.

    Returns
    -------
    float
        p-value in ``(0, 1]``; 1.0 when either sample has fewer than two values or all pooled
        values are equal (no evidence of a difference).

    Raises
    ------
    ConfigError
        For NaN values or ``n_resamples < 1``.
    """
    _check(n_resamples)
    a = _as_array(x, "x")
    b = _as_array(y, "y")
    if a.size < 2 or b.size < 2 or _degenerate(np.concatenate([a, b])):
        return 1.0
    if (b.size, tuple(b)) < (a.size, tuple(a)):  # a canonical order makes the test symmetric
        a, b = b, a
    result = stats.permutation_test(
        (a, b),
        _mean_difference,
        permutation_type="independent",
        vectorized=True,
        n_resamples=n_resamples,
        alternative="two-sided",
        rng=np.random.default_rng(seed),
    )
    return float(min(1.0, result.pvalue))


def select_groups(
    sentences: pd.DataFrame, *, a: str, b: str, group_col: str = "article"
) -> pd.DataFrame:
    """Select the rows of two groups.

    Parameters
    ----------
    sentences : pandas.DataFrame
        One row per sentence, with *group_col*.
    a, b : str
        The two groups (article ids).
    group_col : str, optional
        Column naming each row's group.

    Returns
    -------
    pandas.DataFrame
        The rows whose *group_col* is *a* or *b*, in input order.

    Raises
    ------
    ConfigError
        When *group_col* is missing or either group has no rows.
    """
    if group_col not in sentences.columns:
        raise ConfigError(f"sentences lack the column {group_col!r}; pass a Corpus.sentences table")
    groups = sentences[group_col].astype(str)
    for side in (a, b):
        if not (groups == side).any():
            raise ConfigError(
                f"{group_col}={side!r} has no sentences; use one of {sorted(groups.unique())}"
            )
    return sentences[groups.isin([a, b])]


def compare_groups(
    values: pd.DataFrame,
    *,
    a: str,
    b: str,
    value_col: str = "value",
    group_col: str = "article",
    category_col: str = "category",
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Compare two groups per category: means with bootstrap intervals and a permutation test.

    The input is not modified.

    Parameters
    ----------
    values : pandas.DataFrame
        One row per sentence and category; every sentence of a group must appear in every
        category, with 0 where the measure is absent.
    a, b : str
        The two groups compared.
    value_col, group_col, category_col : str, optional
        Columns holding the value, the group and the category.
    confidence_level : float, optional
        Level of the intervals, strictly between 0 and 1.
    n_resamples : int, optional
        Resamples of the bootstrap and of the permutation test.
    seed : int, optional
        Seed of both.

    Returns
    -------
    pandas.DataFrame
        One row per category, in order of first appearance, columns :data:`COMPARISON_COLUMNS`:
        ``category``; ``a``, ``b`` (the groups); ``a_n``, ``b_n`` (sentences); ``a_mean``,
        ``a_ci_low``, ``a_ci_high`` and the same for ``b`` (per-sentence mean and its BCa
        bootstrap interval); ``diff`` (``a_mean - b_mean``); ``p_value`` (two-sided
        permutation test, ``(0, 1]``); ``confidence_level``, ``n_resamples``, ``seed``.

    Raises
    ------
    ConfigError
        For a missing column, NaN values or invalid resampling settings.
    """
    missing = [c for c in (value_col, group_col, category_col) if c not in values.columns]
    if missing:
        raise ConfigError(
            f"values lack the column(s) {missing}; pass one row per sentence and category"
        )
    rows = []
    groups = values[group_col].astype(str)
    for category in pd.unique(values[category_col]):
        in_category = values[category_col] == category
        x = values.loc[in_category & (groups == a), value_col].to_numpy(dtype=float)
        y = values.loc[in_category & (groups == b), value_col].to_numpy(dtype=float)
        ci_a = bootstrap_mean_ci(
            x, confidence_level=confidence_level, n_resamples=n_resamples, seed=seed
        )
        ci_b = bootstrap_mean_ci(
            y, confidence_level=confidence_level, n_resamples=n_resamples, seed=seed
        )
        p_value = permutation_pvalue(x, y, n_resamples=n_resamples, seed=seed)
        rows.append(
            (
                category,
                a,
                b,
                x.size,
                y.size,
                *ci_a,
                *ci_b,
                ci_a.mean - ci_b.mean,
                p_value,
                confidence_level,
                n_resamples,
                seed,
            )
        )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
