"""Stratified random samples of units: equal allocation over strata, reproducible from a seed."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import ConfigError
from analysis.validate.source import Source
from analysis.validate.units import STRATUM, build_units

__all__ = [
    "DEFAULT_SEED",
    "N_SAMPLED",
    "STRATUM_SIZE",
    "UNIT",
    "WEIGHT",
    "allocate",
    "draw_sample",
    "measure_rng",
    "sample_measures",
]

#: Seed of a sample when none is given (recorded in run.json either way).
DEFAULT_SEED = 20250201
#: Column: the unit's id on the coding sheets (``<measure>-<nnn>``, in sheet order).
UNIT = "unit"
#: Column: units of the unit's stratum in the toolkit's output.
STRATUM_SIZE = "stratum_size"
#: Column: units sampled from the unit's stratum.
N_SAMPLED = "n_sampled"
#: Column: inverse inclusion probability, ``stratum_size / n_sampled`` (>= 1).
WEIGHT = "weight"


def measure_rng(seed: int, measure: str) -> np.random.Generator:
    """The random generator of *measure* in a sample drawn with *seed*.

    Each measure has its own stream (seeded with *seed* and a hash of the name), so adding a
    measure to a sample leaves the others unchanged.
    """
    return np.random.default_rng([int(seed), zlib.crc32(measure.encode("utf-8"))])


def allocate(sizes: pd.Series, n: int) -> pd.Series:
    """Split *n* units over strata as evenly as their sizes allow (equal allocation).

    Every stratum gets ``n // k`` units (k strata); a stratum smaller than its share gives all
    its units and the rest goes, again evenly, to the larger strata; the remainder goes to the
    strata first in name order.

    Parameters
    ----------
    sizes : pandas.Series
        Units per stratum, indexed by stratum name.
    n : int
        Units wanted in all (at least 1); capped at the number of units.

    Returns
    -------
    pandas.Series
        Units to draw per stratum (index sorted), summing to ``min(n, sizes.sum())``.
    """
    sizes = sizes.sort_index().astype(int)
    take = pd.Series(0, index=sizes.index, dtype=int)
    left = min(int(n), int(sizes.sum()))
    while left > 0:
        open_ = sizes.index[take < sizes]
        share, extra = divmod(left, len(open_))
        for i, stratum in enumerate(open_):
            room = int(sizes[stratum] - take[stratum])
            add = min(room, share + (1 if i < extra else 0))
            take[stratum] += add
            left -= add
    return take


def draw_sample(units: pd.DataFrame, *, n: int, seed: int, measure: str) -> pd.DataFrame:
    """A stratified random sample of *units*, in random order, with ids and weights.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per unit with a :data:`~analysis.validate.units.STRATUM` column
        (:func:`analysis.validate.units.build_units`).
    n : int
        Units wanted (at least 1); strata get equal shares (:func:`allocate`).
    seed : int
        Seed of the draw; the same units, seed and *measure* give the same sample.
    measure : str
        Name of the measure (prefix of the unit ids; selects the random stream).

    Returns
    -------
    pandas.DataFrame
        The sampled rows of *units* (index reset), shuffled, with :data:`UNIT` first and
        :data:`STRATUM_SIZE`, :data:`N_SAMPLED`, :data:`WEIGHT` added.

    Raises
    ------
    ConfigError
        When *n* is below 1 or *units* is empty.
    """
    if n < 1:
        raise ConfigError(f"n={n} units is too few; sample at least 1")
    if units.empty:
        raise ConfigError(f"no {measure} units to sample; choose another measure")
    rng = measure_rng(seed, measure)
    sizes = units[STRATUM].value_counts()
    take = allocate(sizes, n)
    parts = []
    for stratum, k in take.items():
        if k == 0:
            continue
        rows = np.flatnonzero(units[STRATUM].to_numpy() == stratum)
        chosen = np.sort(rng.choice(rows, size=int(k), replace=False))
        part = units.iloc[chosen].copy()
        part[STRATUM_SIZE] = int(sizes[stratum])
        part[N_SAMPLED] = int(k)
        part[WEIGHT] = sizes[stratum] / k
        parts.append(part)
    sample = pd.concat(parts).iloc[rng.permutation(int(take.sum()))].reset_index(drop=True)
    width = max(3, len(str(len(sample))))
    sample.insert(0, UNIT, [f"{measure}-{i + 1:0{width}d}" for i in range(len(sample))])
    return sample


def sample_measures(
    source: Source, measures: Sequence[str], *, n: int, seed: int
) -> dict[str, pd.DataFrame]:
    """Draw the sample of every measure in *measures* from *source*.

    Parameters
    ----------
    source : Source
        The report or batch (:func:`analysis.validate.source.read_source`).
    measures : sequence of str
        Measure names (:data:`analysis.validate.measures.MEASURES`), each once.
    n : int
        Units per measure.
    seed : int
        Seed of every draw (each measure has its own stream, :func:`measure_rng`).

    Returns
    -------
    dict of str to pandas.DataFrame
        Per measure, :func:`draw_sample` of :func:`analysis.validate.units.build_units`.

    Raises
    ------
    ConfigError
        When a measure is named twice or cannot be drawn from *source*.
    """
    if len(set(measures)) != len(measures):
        raise ConfigError(f"measures {list(measures)} name one measure twice; name each once")
    return {
        m: draw_sample(build_units(source, m, seed=seed), n=n, seed=seed, measure=m)
        for m in measures
    }
