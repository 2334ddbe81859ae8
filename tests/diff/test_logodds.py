"""Tests for analysis.diff.logodds: Monroe, Colaresi & Quinn (2008) computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.corpus.loader import Corpus
from analysis.diff.logodds import (
    TERM_COLUMNS,
    Z_FLAG,
    brand_terms,
    corpus_prior,
    distinguishing_terms,
    log_odds,
    term_counts,
    uniform_prior,
    wordfreq_prior,
)
from analysis.errors import ConfigError

A_ID, B_ID = "anon-000", "newslooks-001"


def test_log_odds_matches_the_formula_by_hand() -> None:
    counts_a = {"war": 3, "peace": 1}
    counts_b = {"war": 1, "peace": 2, "deal": 1}
    prior = {"war": 2.0, "peace": 1.0, "deal": 1.0}
    # by hand, eqs. 16-22 of Monroe et al. (2008)
    n_a, n_b, alpha0 = 4, 4, 4.0
    # war: y_a=3, y_b=1, alpha=2
    d_war = math.log((3 + 2) / (n_a + alpha0 - 3 - 2)) - math.log((1 + 2) / (n_b + alpha0 - 1 - 2))
    assert d_war == pytest.approx(math.log(5 / 3) - math.log(3 / 5))
    var_war = 1 / (3 + 2) + 1 / (1 + 2)
    z_war = d_war / math.sqrt(var_war)
    # peace: y_a=1, y_b=2, alpha=1
    d_peace = math.log(2 / (8 - 1 - 1)) - math.log(3 / (8 - 2 - 1))
    z_peace = d_peace / math.sqrt(1 / 2 + 1 / 3)
    # deal: y_a=0, y_b=1, alpha=1
    d_deal = math.log(1 / (8 - 0 - 1)) - math.log(2 / (8 - 1 - 1))
    z_deal = d_deal / math.sqrt(1 / 1 + 1 / 2)

    table = log_odds(counts_a, counts_b, prior).set_index("term")
    assert table.loc["war", "delta"] == pytest.approx(d_war)
    assert table.loc["war", "se"] == pytest.approx(math.sqrt(var_war))
    assert table.loc["war", "z"] == pytest.approx(z_war)
    assert table.loc["peace", "z"] == pytest.approx(z_peace)
    assert table.loc["deal", "z"] == pytest.approx(z_deal)
    assert table.loc["deal", "a_count"] == 0
    assert table.loc["deal", "b_count"] == 1
    assert list(table.index) == ["war", "peace", "deal"]  # sorted by z, descending


def test_log_odds_is_antisymmetric() -> None:
    a, b = {"x": 5, "y": 1, "z": 2}, {"x": 1, "y": 4}
    prior = {"x": 0.5, "y": 0.5, "z": 0.5}
    ab = log_odds(a, b, prior).set_index("term")
    ba = log_odds(b, a, prior).set_index("term")
    pd.testing.assert_series_equal(ab["z"], -ba.loc[ab.index, "z"], check_names=False)
    pd.testing.assert_series_equal(ab["delta"], -ba.loc[ab.index, "delta"], check_names=False)


def test_ten_against_zero_stays_below_196_with_a_uniform_prior() -> None:
    # the measured fact the module docstring states: about 0.7 with 0.01 per word
    filler_a = {f"w{i}": 1 for i in range(490)}
    filler_b = {f"w{i}": 1 for i in range(500)}
    counts_a = {**filler_a, "troops": 10}
    prior = uniform_prior(set(counts_a) | set(filler_b))
    table = log_odds(counts_a, filler_b, prior).set_index("term")
    assert table.loc["troops", "z"] == pytest.approx(0.69, abs=0.02)


@pytest.mark.parametrize(
    ("prior", "message"),
    [({"x": 1.0}, "lacks 1 term"), ({"x": 1.0, "y": 0.0}, "zero pseudo-counts")],
)
def test_log_odds_rejects_incomplete_priors(prior: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        log_odds({"x": 1}, {"y": 2}, prior)


def test_priors_sum_to_alpha0() -> None:
    counts = pd.Series({"war": 3, "peace": 1})
    assert corpus_prior(counts).sum() == 4
    assert corpus_prior(counts, alpha0=10).to_dict() == {"war": 7.5, "peace": 2.5}
    assert uniform_prior(["a", "b"], alpha0=1.0).tolist() == [0.5, 0.5]
    wf = wordfreq_prior(["the", "peace", "zzqxjv"], alpha0=100.0)
    assert wf.sum() == pytest.approx(100.0)
    assert wf["the"] > wf["peace"] > wf["zzqxjv"] > 0


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, {"troops": 2, "nato": 1, "30,000": 0}),
        ({"remove_stop_words": False}, {"the": 1, "troops": 2}),
        ({"use_stems": True}, {"troop": 2}),
    ],
)
def test_term_counts(kwargs: dict[str, bool], expected: dict[str, int]) -> None:
    counts = term_counts(["The troops.", "NATO troops, 30,000 strong"], **kwargs)
    for term, n in expected.items():
        assert counts.get(term, 0) == n


def _sentences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article": ["x", "x", "y", "y", "z"],
            "text": [
                "Troops troops troops deploy.",
                "Peace talks.",
                "Peace peace deal.",
                "Troops wait.",
                "Peace deal troops.",
            ],
        }
    )


@pytest.mark.parametrize("prior", ["corpus", "wordfreq", "uniform"])
def test_distinguishing_terms_contract(prior: str) -> None:
    sentences = _sentences()
    before = sentences.copy()
    table = distinguishing_terms(sentences, a="x", b="y", prior=prior)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(table.columns) == TERM_COLUMNS
    assert table["z"].is_monotonic_decreasing
    assert table.iloc[0]["term"] == "troops"
    assert table.iloc[0]["side"] == "a"
    assert (table["flag"] == (table["z"].abs() > Z_FLAG)).all()
    assert table.loc[table["term"] == "troops", "a_per_1000"].item() == pytest.approx(3 / 6 * 1000)


def test_distinguishing_terms_against_the_rest_and_swap() -> None:
    sentences = _sentences()
    rest = distinguishing_terms(sentences, a="x")
    assert set(rest["b"]) == {"rest"}
    assert rest.set_index("term").loc["deal", "b_count"] == 2
    xy = distinguishing_terms(sentences, a="x", b="y").set_index("term")
    yx = distinguishing_terms(sentences, a="y", b="x").set_index("term")
    pd.testing.assert_series_equal(xy["z"], -yx.loc[xy.index, "z"], check_names=False)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"a": "nope"}, "no sentences"), ({"a": "x", "b": "y", "prior": "flat"}, "unknown")],
)
def test_distinguishing_terms_errors(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        distinguishing_terms(_sentences(), **kwargs)


def test_seed_articles_rank_words_but_rarely_pass_196(seed_corpus: Corpus) -> None:
    table = distinguishing_terms(seed_corpus.sentences, a=A_ID, b=B_ID)
    terms = table.set_index("term")
    assert terms.loc["nations", "a_count"] >= 1
    assert terms.loc["force", "z"] < 0  # Newslooks says "force" far more often
    assert table["flag"].mean() < 0.05


def test_abbreviations_count_as_one_term() -> None:
    counts = term_counts(["The F.B.I. and the FBI", "the U.S. and the US"])
    assert counts["fbi"] == 2
    assert counts["u.s."] == 2


def test_single_letters_dropped_unless_kept() -> None:
    assert "j" not in term_counts(["J Mansour wrote"]).index
    assert "j" in term_counts(["J Mansour wrote"], keep_single_letters=True).index


def test_brand_terms() -> None:
    assert brand_terms(["Newslooks", "usatoday30.usatoday.com", ""]) == {
        "newslooks",
        "usatoday30",
        "usatoday",
    }


def test_outlet_names_dropped_by_default() -> None:
    sentences = pd.DataFrame(
        {
            "article": ["a", "a", "b"],
            "outlet": ["Newslooks", "Newslooks", "Reuters"],
            "text": ["Newslooks reports troops", "More troops", "Reuters reports talks"],
        }
    )
    table = distinguishing_terms(sentences, a="Newslooks", b="Reuters", group_col="outlet")
    assert not {"newslooks", "reuters"} & set(table["term"])
    kept = distinguishing_terms(
        sentences, a="Newslooks", b="Reuters", group_col="outlet", keep_self_reference=True
    )
    assert {"newslooks", "reuters"} <= set(kept["term"])
