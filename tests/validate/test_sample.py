"""Stratified sampling: equal allocation, reproducible from the seed, one stream per measure."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.validate.sample import (
    N_SAMPLED,
    STRATUM_SIZE,
    UNIT,
    WEIGHT,
    allocate,
    draw_sample,
    measure_rng,
)
from analysis.validate.units import STRATUM


def _units(sizes: dict[str, int]) -> pd.DataFrame:
    rows = [(f"{s}{i}", s) for s, k in sizes.items() for i in range(k)]
    return pd.DataFrame(rows, columns=["ref", STRATUM])


@pytest.mark.parametrize(
    ("sizes", "n", "expected"),
    [
        ({"a": 10, "b": 10}, 6, {"a": 3, "b": 3}),
        ({"a": 10, "b": 10}, 7, {"a": 4, "b": 3}),
        ({"a": 2, "b": 50, "c": 50}, 12, {"a": 2, "b": 5, "c": 5}),
        ({"a": 1, "b": 2}, 10, {"a": 1, "b": 2}),
        ({"x": 100}, 5, {"x": 5}),
    ],
)
def test_allocate_is_equal_and_capped(sizes: dict[str, int], n: int, expected: dict) -> None:
    take = allocate(pd.Series(sizes), n)
    assert take.to_dict() == expected
    assert take.sum() == min(n, sum(sizes.values()))


def test_sample_is_reproducible_with_the_seed() -> None:
    units = _units({"gap": 40, "shared": 25})
    first = draw_sample(units, n=20, seed=3, measure="gaps")
    again = draw_sample(units, n=20, seed=3, measure="gaps")
    other = draw_sample(units, n=20, seed=4, measure="gaps")
    pd.testing.assert_frame_equal(first, again)
    assert set(first["ref"]) != set(other["ref"])


def test_sample_is_stratified_with_weights() -> None:
    units = _units({"equivalent": 3, "partial": 30, "near_cut": 200})
    sample = draw_sample(units, n=21, seed=1, measure="alignment")
    counts = sample[STRATUM].value_counts().to_dict()
    assert counts == {"equivalent": 3, "near_cut": 9, "partial": 9}
    assert not sample["ref"].duplicated().any()
    row = sample.loc[sample[STRATUM] == "near_cut"].iloc[0]
    assert (row[STRATUM_SIZE], row[N_SAMPLED]) == (200, 9)
    assert row[WEIGHT] == pytest.approx(200 / 9)
    # Weighted counts give the stratum sizes back.
    assert sample.groupby(STRATUM)[WEIGHT].sum().to_dict() == pytest.approx(
        {"equivalent": 3, "near_cut": 200, "partial": 30}
    )


def test_sample_order_hides_the_strata_and_ids_are_opaque() -> None:
    units = _units({"gap": 50, "shared": 50})
    sample = draw_sample(units, n=40, seed=2, measure="gaps")
    assert sample[UNIT].tolist() == [f"gaps-{i:03d}" for i in range(1, 41)]
    assert sample[STRATUM].iloc[:20].nunique() == 2  # shuffled, not stratum by stratum


def test_each_measure_has_its_own_stream() -> None:
    assert measure_rng(5, "tone").random() == measure_rng(5, "tone").random()
    assert measure_rng(5, "tone").random() != measure_rng(5, "gaps").random()


@pytest.mark.parametrize(("units", "n"), [(_units({"a": 3}), 0), (_units({}), 3)])
def test_bad_requests_are_refused(units: pd.DataFrame, n: int) -> None:
    with pytest.raises(ConfigError):
        draw_sample(units, n=n, seed=0, measure="tone")
