"""Agreement between coders and accuracy of the toolkit against them, with bootstrap intervals.

Krippendorff's alpha (Krippendorff 2004, 2011; the ``krippendorff`` package), percent agreement,
Cohen's kappa for two coders (Cohen 1960), and the toolkit against the coders'
majority (precision, recall, F1, accuracy, macro-F1, weighted by the inverse inclusion
probabilities of the stratified sample). The statistics are described in ``docs/methods.md``,
"Validation workbench".
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from functools import partial

import krippendorff
import numpy as np
import pandas as pd
from scipy import stats

from analysis.validate.measures import Level, Measure, get_measure
from analysis.validate.sample import UNIT, WEIGHT
from analysis.validate.units import STRATUM, TOOLKIT

__all__ = [
    "SCORE_COLUMNS",
    "UNIT_COLUMNS",
    "bootstrap_interval",
    "cohen_kappa",
    "confusion",
    "krippendorff_alpha",
    "majority_codes",
    "percent_agreement",
    "reliability_matrix",
    "score_coding",
    "score_measure",
    "unit_agreement",
    "unit_table",
]

#: Columns of the score table: ``measure``; ``comparison`` (``coders``: agreement among the
#: coders; ``toolkit_vs_majority``: the toolkit against the coders' majority code;
#: ``coders_and_toolkit``: alpha with the toolkit as one more coder); ``statistic``; ``value``
#: with ``ci_low``/``ci_high`` (bootstrap percentile interval over units, NaN where undefined);
#: ``n_units`` (units entering the statistic); ``n_coders``.
SCORE_COLUMNS = [
    "measure",
    "comparison",
    "statistic",
    "value",
    "ci_low",
    "ci_high",
    "n_units",
    "n_coders",
]
#: Columns of the unit table: one row per sampled unit with every coder's code, the majority
#: (None on a tie or when nobody coded the unit) and whether the toolkit agrees with it.
UNIT_COLUMNS = ["measure", "unit", "stratum", "toolkit", "majority", "n_codes", "agrees"]

Statistic = Callable[[np.ndarray], float]


def _wide(codes: pd.DataFrame, index: str, columns: str) -> pd.DataFrame:
    """*codes* with one row per *index* value and one column per *columns* value (all kept)."""
    table = codes.pivot_table(index=index, columns=columns, values="code", aggfunc="first")
    return table.reindex(
        index=sorted(codes[index].unique()), columns=sorted(codes[columns].unique())
    )


def reliability_matrix(codes: pd.DataFrame, measure: Measure, units: pd.Series) -> np.ndarray:
    """Coders x units matrix of code indices (position in ``measure.codes``), NaN where empty.

    Parameters
    ----------
    codes : pandas.DataFrame
        ``unit, coder, code`` rows of one measure.
    measure : Measure
        Gives the order of the codes (the ordinal scale for ordinal measures).
    units : pandas.Series
        The units, in the column order wanted.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_coders, n_units)``, coders in sorted order.
    """
    index = {code: float(i) for i, code in enumerate(measure.allowed)}
    wide = _wide(codes, "coder", "unit").reindex(columns=units)
    return wide.apply(lambda column: column.map(index)).to_numpy(dtype=float)


def krippendorff_alpha(matrix: np.ndarray, *, level: Level, n_codes: int) -> float:
    """Krippendorff's alpha of a reliability matrix (Krippendorff 2004, 2011).

    Parameters
    ----------
    matrix : numpy.ndarray
        Coders x units code indices, NaN where missing.
    level : {"nominal", "ordinal"}
        Level of measurement.
    n_codes : int
        Number of allowed codes (the value domain ``0 .. n_codes - 1``).

    Returns
    -------
    float
        Alpha in ``[-1, 1]`` (1 perfect agreement, 0 chance); NaN when fewer than two
        pairable values exist or all values are the same (no variation to agree on).
    """
    pairable = np.sum(~np.isnan(matrix), axis=0) >= 2
    values = matrix[:, pairable]
    if not pairable.any() or len(np.unique(values[~np.isnan(values)])) < 2:
        return float("nan")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(
            krippendorff.alpha(
                reliability_data=values,
                level_of_measurement=level,
                value_domain=list(range(n_codes)),
            )
        )


def unit_agreement(matrix: np.ndarray) -> np.ndarray:
    """Share of agreeing coder pairs on every unit (0..1); NaN for units coded fewer than twice.

    Parameters
    ----------
    matrix : numpy.ndarray
        Coders x units code indices, NaN where missing.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_units,)``.
    """
    n_codes = int(np.nanmax(matrix)) + 1 if np.isfinite(matrix).any() else 1
    counts = (matrix[:, :, None] == np.arange(n_codes)).sum(axis=0)
    m = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (counts * (counts - 1)).sum(axis=1) / (m * (m - 1))
    return np.where(m >= 2, share, np.nan)


def percent_agreement(matrix: np.ndarray) -> float:
    """Share of agreeing coder pairs, averaged over units coded at least twice (0..1; NaN if
    none)."""
    return _nanmean(unit_agreement(matrix))


def cohen_kappa(matrix: np.ndarray) -> float:
    """Cohen's kappa (Cohen 1960) of two coders on the units both coded; NaN for another number
    of coders, no common unit or a single code throughout.

    Computed from the confusion table, the same value as
    :func:`sklearn.metrics.cohen_kappa_score` (tested) at a fraction of its cost per bootstrap
    resample."""
    if matrix.shape[0] != 2:
        return float("nan")
    both = ~np.isnan(matrix).any(axis=0)
    n_codes = int(np.nanmax(matrix)) + 1 if both.any() else 0
    return _kappa(confusion(matrix[0, both], matrix[1, both], n_codes)) if n_codes else float("nan")


def bootstrap_interval(
    statistic: Statistic,
    n_units: int,
    *,
    n_resamples: int,
    confidence_level: float,
    seed: int,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``statistic(unit indices)`` over resampled units.

    Units are resampled with replacement (:func:`scipy.stats.bootstrap`); resamples on which
    the statistic is undefined (NaN) are left out of the percentiles.

    Parameters
    ----------
    statistic : callable
        Maps an integer array of unit indices to a float.
    n_units : int
        Number of units.
    n_resamples : int
        Bootstrap resamples.
    confidence_level : float
        Coverage of the interval (0..1).
    seed : int
        Seed of the resampling.

    Returns
    -------
    tuple of float
        ``(low, high)``; NaN when fewer than two units or no resample gives a value.
    """
    if n_units < 2 or n_resamples < 1:
        return float("nan"), float("nan")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        result = stats.bootstrap(
            (np.arange(n_units),),
            statistic,
            vectorized=False,
            n_resamples=n_resamples,
            confidence_level=confidence_level,
            method="percentile",
            rng=np.random.default_rng(seed),
        )
    values = np.asarray(result.bootstrap_distribution, dtype=float)
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    tail = (1 - confidence_level) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)


def majority_codes(matrix: np.ndarray) -> np.ndarray:
    """The most frequent code index of every unit; NaN on a tie or when no coder coded it."""
    out = np.full(matrix.shape[1], np.nan)
    for j, column in enumerate(matrix.T):
        values, counts = np.unique(column[~np.isnan(column)], return_counts=True)
        if len(counts) and np.sum(counts == counts.max()) == 1:
            out[j] = values[np.argmax(counts)]
    return out


def confusion(
    truth: np.ndarray, predicted: np.ndarray, n_codes: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Weighted confusion table of code indices: rows *truth*, columns *predicted*.

    Parameters
    ----------
    truth, predicted : numpy.ndarray
        Code indices ``0 .. n_codes - 1`` (no NaN), one per unit.
    n_codes : int
        Number of codes.
    weights : numpy.ndarray, optional
        Weight of every unit (default 1).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_codes, n_codes)``, summed weights.
    """
    cells = truth.astype(int) * n_codes + predicted.astype(int)
    counts = np.bincount(cells, weights=weights, minlength=n_codes * n_codes)
    return counts.reshape(n_codes, n_codes)


def _nanmean(values: np.ndarray) -> float:
    return float(np.nanmean(values)) if np.isfinite(values).any() else float("nan")


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den > 0 else float("nan")


def _kappa(table: np.ndarray) -> float:
    """Cohen's kappa of a confusion table; NaN when chance agreement is 1 or the table empty."""
    total = table.sum()
    if total <= 0:
        return float("nan")
    observed = np.trace(table) / total
    expected = float(table.sum(axis=0) @ table.sum(axis=1)) / total**2
    return _ratio(observed - expected, 1 - expected)


def _f1(table: np.ndarray, code: int) -> float:
    tp = table[code, code]
    return _ratio(2 * tp, table[code, :].sum() + table[:, code].sum())


def _accuracy(table: np.ndarray) -> float:
    return _ratio(np.trace(table), table.sum())


def _macro_f1(table: np.ndarray) -> float:
    seen = np.flatnonzero(table.sum(axis=0) + table.sum(axis=1))
    return float(np.mean([_f1(table, int(c)) for c in seen])) if len(seen) else float("nan")


def _toolkit_statistics(measure: Measure) -> dict[str, Callable[[np.ndarray], float]]:
    """Statistic name -> f(confusion table) for the toolkit (columns) against the majority."""
    if measure.positive is None:
        return {"accuracy": _accuracy, "macro_f1": _macro_f1}
    pos = measure.allowed.index(measure.positive)
    return {
        "precision": lambda t: _ratio(t[pos, pos], t[:, pos].sum()),
        "recall": lambda t: _ratio(t[pos, pos], t[pos, :].sum()),
        "f1": lambda t: _f1(t, pos),
        "accuracy": _accuracy,
    }


def _row(
    measure: str,
    comparison: str,
    statistic: str,
    value: float,
    interval: tuple[float, float],
    n_units: int,
    n_coders: int,
) -> dict[str, object]:
    return {
        "measure": measure,
        "comparison": comparison,
        "statistic": statistic,
        "value": value,
        "ci_low": interval[0],
        "ci_high": interval[1],
        "n_units": n_units,
        "n_coders": n_coders,
    }


def score_measure(
    codes: pd.DataFrame,
    key: pd.DataFrame,
    measure: Measure,
    *,
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Agreement of the coders and accuracy of the toolkit on one measure.

    Parameters
    ----------
    codes : pandas.DataFrame
        ``unit, coder, code`` rows of this measure (code None where empty).
    key : pandas.DataFrame
        The sample's key (``unit``, ``toolkit``, ``weight``).
    measure : Measure
        The measure.
    n_resamples : int, optional
        Bootstrap resamples of every interval.
    confidence_level : float, optional
        Coverage of the intervals.
    seed : int, optional
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        :data:`SCORE_COLUMNS`. Agreement among coders needs at least two coders (alpha and
        percent agreement; kappa with exactly two); the toolkit is scored on the units with a
        majority code.
    """
    matrix = reliability_matrix(codes, measure, key[UNIT])
    n_coders = matrix.shape[0]
    level, n_codes = measure.level, len(measure.allowed)
    name = measure.name
    boot = partial(
        bootstrap_interval, n_resamples=n_resamples, confidence_level=confidence_level, seed=seed
    )

    def alpha_of(m: np.ndarray) -> Statistic:
        return lambda idx: krippendorff_alpha(m[:, idx], level=level, n_codes=n_codes)

    rows = []
    coded = int(np.sum(np.sum(~np.isnan(matrix), axis=0) >= 2))
    shares = unit_agreement(matrix)
    if n_coders >= 2:
        for statistic, func in (
            ("alpha", alpha_of(matrix)),
            ("percent_agreement", lambda idx: _nanmean(shares[idx])),
            ("cohen_kappa", lambda idx: cohen_kappa(matrix[:, idx])),
        ):
            if statistic == "cohen_kappa" and n_coders != 2:
                continue
            value = func(np.arange(matrix.shape[1]))
            interval = boot(func, matrix.shape[1])
            rows.append(_row(name, "coders", statistic, value, interval, coded, n_coders))
    index = {code: float(i) for i, code in enumerate(measure.allowed)}
    toolkit = key[TOOLKIT].map(index).to_numpy(dtype=float)
    majority = majority_codes(matrix)
    keep = ~np.isnan(majority)
    truth, predicted = majority[keep], toolkit[keep]
    weights = key[WEIGHT].to_numpy(dtype=float)[keep]
    for statistic, func in _toolkit_statistics(measure).items():

        def on(idx: np.ndarray, func: Callable[[np.ndarray], float] = func) -> float:
            return func(confusion(truth[idx], predicted[idx], n_codes, weights[idx]))

        value = on(np.arange(len(truth))) if len(truth) else float("nan")
        interval = boot(on, len(truth))
        rows.append(
            _row(name, "toolkit_vs_majority", statistic, value, interval, len(truth), n_coders)
        )
    with_toolkit = np.vstack([matrix, toolkit])
    func = alpha_of(with_toolkit)
    value = func(np.arange(with_toolkit.shape[1]))
    interval = boot(func, with_toolkit.shape[1])
    n_pairable = int(np.sum(np.sum(~np.isnan(with_toolkit), axis=0) >= 2))
    rows.append(
        _row(name, "coders_and_toolkit", "alpha", value, interval, n_pairable, n_coders + 1)
    )
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def unit_table(codes: pd.DataFrame, key: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """One row per sampled unit: stratum, toolkit code, majority code, every coder's code.

    Returns
    -------
    pandas.DataFrame
        :data:`UNIT_COLUMNS`, then one column per coder (``code_<coder>``), in sheet order.
    """
    matrix = reliability_matrix(codes, measure, key[UNIT])
    majority = majority_codes(matrix)
    allowed = np.array(measure.allowed, dtype=object)
    labels = [None if np.isnan(m) else str(allowed[int(m)]) for m in majority]
    table = pd.DataFrame(
        {
            "measure": measure.name,
            "unit": key[UNIT].to_numpy(),
            "stratum": key[STRATUM].to_numpy(),
            "toolkit": key[TOOLKIT].to_numpy(),
            "majority": labels,
            "n_codes": np.sum(~np.isnan(matrix), axis=0).astype(int),
        }
    )
    table["agrees"] = pd.array(
        [None if m is None else m == t for m, t in zip(labels, key[TOOLKIT], strict=True)],
        dtype="boolean",
    )
    wide = _wide(codes, "unit", "coder").reindex(key[UNIT])
    for coder in wide.columns:
        table[f"code_{coder}"] = wide[coder].to_numpy()
    return table


def score_coding(
    codes: pd.DataFrame,
    keys: Mapping[str, pd.DataFrame],
    *,
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score every measure of a coding round.

    Parameters
    ----------
    codes : pandas.DataFrame
        ``measure, unit, coder, code`` (:attr:`analysis.validate.sheets.Coding.codes`).
    keys : Mapping of str to pandas.DataFrame
        The key of every measure.
    n_resamples, confidence_level, seed
        As in :func:`score_measure`.

    Returns
    -------
    tuple of pandas.DataFrame
        The score table (:data:`SCORE_COLUMNS`, measures in key order) and the unit table
        (:func:`unit_table` of every measure, stacked).
    """
    scores, units = [], []
    for name, key in keys.items():
        measure = get_measure(name)
        mine = codes.loc[codes["measure"] == name, ["unit", "coder", "code"]]
        scores.append(
            score_measure(
                mine,
                key,
                measure,
                n_resamples=n_resamples,
                confidence_level=confidence_level,
                seed=seed,
            )
        )
        units.append(unit_table(mine, key, measure))
    return pd.concat(scores, ignore_index=True), pd.concat(units, ignore_index=True)
