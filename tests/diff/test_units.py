"""Information units by complete linkage, omission counts and the length adjustment."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from analysis.diff.units import (
    MEMBER_COLUMNS,
    OMISSION_COUNT_COLUMNS,
    UNIT_COLUMNS,
    default_k,
    information_units,
    length_adjusted,
    omission_counts,
)
from analysis.errors import AnalysisError


def _sentences(counts: dict[str, int]) -> pd.DataFrame:
    rows = [
        {"article": a, "sentence": s, "text": f"{a} {s}", "is_body": True}
        for a, n in counts.items()
        for s in range(n)
    ]
    return pd.DataFrame(rows)


def _pairs(links: list[tuple[str, int, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        links, columns=["a_article", "a_sentence", "b_article", "b_sentence", "probability"]
    )


def _member_sets(members: pd.DataFrame) -> set[frozenset[tuple[str, int]]]:
    return {
        frozenset(zip(g["article"], g["sentence"].astype(int), strict=True))
        for _, g in members.groupby("unit")
    }


CHAIN = _pairs([("a", 0, "b", 0, 0.9), ("b", 0, "c", 0, 0.8)])  # A~B, B~C, A!~C


def test_units_never_chain() -> None:
    units = information_units(CHAIN, _sentences({"a": 1, "b": 1, "c": 1}))
    assert _member_sets(units.members) == {
        frozenset({("a", 0), ("b", 0)}),  # the stronger pair wins
        frozenset({("c", 0)}),
    }
    assert list(units.units.columns) == UNIT_COLUMNS
    assert list(units.members.columns) == MEMBER_COLUMNS


def test_triangle_is_one_unit() -> None:
    pairs = pd.concat([CHAIN, _pairs([("a", 0, "c", 0, 0.7)])], ignore_index=True)
    units = information_units(pairs, _sentences({"a": 1, "b": 1, "c": 1}))
    assert len(units.units) == 1
    row = units.units.iloc[0]
    assert (row["n_sentences"], row["articles"], row["members"]) == (3, "a;b;c", "a:0;b:0;c:0")
    assert row["link"] == pytest.approx(0.7)


def _random_event(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    counts = {"a": 6, "b": 5, "c": 7, "d": 4}
    links = [
        (x, i, y, j, float(rng.uniform(0.1, 1.0)))
        for x, y in itertools.combinations(counts, 2)
        for i in range(counts[x])
        for j in range(counts[y])
        if rng.random() < 0.3
    ]
    return _pairs(links), _sentences(counts)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_member_pair_matches_and_size_is_bounded(seed: int) -> None:
    pairs, sentences = _random_event(seed)
    matched = {frozenset({(x, i), (y, j)}) for x, i, y, j, _ in pairs.itertuples(index=False)}
    units = information_units(pairs, sentences)
    assert len(units.members) == len(sentences)  # every sentence in exactly one unit
    assert units.members.set_index(["article", "sentence"]).index.is_unique
    for members in _member_sets(units.members):
        assert len(members) <= sentences["article"].nunique()
        assert len({a for a, _ in members}) == len(members)  # one sentence per article
        for one, two in itertools.combinations(members, 2):
            assert frozenset({one, two}) in matched
    bounded = information_units(pairs, sentences, max_size=2)
    assert bounded.units["n_sentences"].max() <= 2


@pytest.mark.parametrize("seed", [0, 1])
def test_invariant_to_article_order(seed: int) -> None:
    pairs, sentences = _random_event(seed)
    units = information_units(pairs, sentences)
    # swap the sides of every pair, reverse the rows and the article order of the sentences
    swapped = pairs.rename(
        columns={
            "a_article": "b_article",
            "b_article": "a_article",
            "a_sentence": "b_sentence",
            "b_sentence": "a_sentence",
        }
    ).iloc[::-1]
    shuffled = sentences.sort_values(["article", "sentence"], ascending=False)
    again = information_units(swapped, shuffled)
    pd.testing.assert_frame_equal(units.units, again.units)
    pd.testing.assert_frame_equal(units.members, again.members)


def test_min_probability_drops_weak_pairs_and_inputs_unchanged() -> None:
    sentences = _sentences({"a": 1, "b": 1, "c": 1})
    before = CHAIN.copy()
    units = information_units(CHAIN, sentences, min_probability=0.85)
    assert _member_sets(units.members) == {
        frozenset({("a", 0), ("b", 0)}),
        frozenset({("c", 0)}),
    }
    assert len(information_units(CHAIN, sentences, min_probability=0.95).units) == 3
    pd.testing.assert_frame_equal(CHAIN, before)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"min_probability": 1.5}, "min_probability"), ({"max_size": 0}, "max_size")],
)
def test_bad_parameters(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        information_units(CHAIN, _sentences({"a": 1, "b": 1, "c": 1}), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("n", "k"), [(2, 1), (3, 2), (4, 2), (10, 2)])
def test_default_k(n: int, k: int) -> None:
    assert default_k(n) == k


def test_omission_counts_three_articles() -> None:
    # units: {a0, b0, c0} all; {a1, b1} two; {c1} c only; {a2} a only
    members = pd.DataFrame(
        [(0, "a", 0), (0, "b", 0), (0, "c", 0), (1, "a", 1), (1, "b", 1), (2, "c", 1), (3, "a", 2)],
        columns=["unit", "article", "sentence"],
    )
    counts = omission_counts(members, ["a", "b", "c"]).set_index("article")
    assert list(counts.reset_index().columns) == OMISSION_COUNT_COLUMNS
    assert (counts["k"] == 2).all()
    # c: unit 1 is reported by both others (a, b) and omitted by c
    assert counts.loc["c", ["n_shared", "n_shared_omitted", "n_exclusive"]].tolist() == [2, 1, 1]
    # a and b: only unit 0 has both of their others; neither omits it
    assert counts.loc["a", ["n_shared", "n_shared_omitted", "n_exclusive"]].tolist() == [1, 0, 1]
    assert counts.loc["b", ["n_shared", "n_shared_omitted", "n_exclusive"]].tolist() == [1, 0, 0]
    assert counts.loc["c", "shared_omission_rate"] == pytest.approx(0.5)
    assert counts.loc["a", "unit_coverage_share"] == pytest.approx(3 / 4)
    # k=1: any unit another article reports counts
    loose = omission_counts(members, ["a", "b", "c"], k=1).set_index("article")
    assert loose.loc["b", ["n_shared", "n_shared_omitted"]].tolist() == [4, 2]


def test_length_adjusted_removes_log_length() -> None:
    n = pd.Series([2, 4, 8, 16, 32, 5], dtype=float)
    share = n / n.sum()
    values = 0.1 + 0.2 * np.log(n) + pd.Series([0.01, -0.02, 0.0, 0.02, -0.01, 0.0])
    values[5] = np.nan
    lengths = pd.DataFrame({"n": n, "share": share})
    adjusted = length_adjusted(values, lengths)
    assert np.isnan(adjusted[5])
    ok = adjusted.notna()
    assert adjusted[ok].mean() == pytest.approx(0.0, abs=1e-12)
    assert np.corrcoef(adjusted[ok], np.log(n[ok]))[0, 1] == pytest.approx(0.0, abs=1e-9)
    same = length_adjusted(pd.Series([0.2, 0.4]), pd.DataFrame({"n": [3.0, 3.0]}))
    assert same.tolist() == pytest.approx([-0.1, 0.1])
