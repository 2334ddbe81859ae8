"""Tests of analysis.align.scorers: shapes, ranges, symmetry and the scorer registry."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.align.scorers import (
    LEXICAL_FEATURES,
    METHODS,
    LexicalScorer,
    Scorer,
    Scores,
    canonical_names,
    get_scorer,
    lexical_features,
)
from analysis.errors import AlignmentError

A = [
    "Italy's constitution restricts foreign military deployments.",
    "Britain and France lead talks on sending 30,000 troops to Ukraine.",
    "The weather in Rome was sunny on Monday.",
]
B = [
    "Britain and France are leading the talks on sending 30,000 troops into Ukraine.",
    "Italy's constitution limits its ability to send troops abroad.",
    "A recipe for lemon cake needs flour, sugar and eggs.",
    "Poland remains cautious.",
]


@pytest.mark.parametrize("method", ["lexical"])
def test_scores_have_shape_and_range(method: str) -> None:
    scores = get_scorer(method).score(A, B)
    assert isinstance(scores, Scores)
    for values in (scores.similarity, scores.probability):
        assert values.shape == (len(A), len(B))
        assert np.all((values >= 0) & (values <= 1))


def test_lexical_is_symmetric() -> None:
    scorer = LexicalScorer()
    ab, ba = scorer.score(A, B), scorer.score(B, A)
    np.testing.assert_allclose(ab.similarity, ba.similarity.T, atol=1e-12)
    np.testing.assert_allclose(ab.probability, ba.probability.T, atol=1e-12)


def test_lexical_ranks_paraphrases_first() -> None:
    sim = LexicalScorer().similarity(A, B)
    assert sim[0].argmax() == 1
    assert sim[1].argmax() == 0
    assert sim[2].max() < 0.3


def test_identical_sentence_is_equivalent() -> None:
    scores = LexicalScorer().score(A, A)
    np.testing.assert_allclose(np.diag(scores.similarity), 1.0)
    assert np.all(np.diag(scores.probability) > 0.9)


def test_paired_equals_diagonal_of_full_matrix() -> None:
    scorer = LexicalScorer()
    full = scorer.score(A, B[: len(A)])
    paired = scorer.score(A, B[: len(A)], paired=True)
    np.testing.assert_allclose(paired.similarity, np.diag(full.similarity))
    np.testing.assert_allclose(paired.probability, np.diag(full.probability))


def test_number_conflict_lowers_probability() -> None:
    a = ["The force would have 30,000 troops."]
    same = LexicalScorer().score(a, ["The force would have 30,000 troops in all."], paired=True)
    other = LexicalScorer().score(a, ["The force would have 90,000 troops in all."], paired=True)
    assert same.probability[0] > other.probability[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("led by the United Kingdom and France", "led by the UnitedKingdom and France"),
        ("the U.K. will play its part", "the UnitedKingdom will play its part"),
        ("Britain and France", "UnitedKingdom and France"),
        ("British Prime Minister", "UnitedKingdom Prime Minister"),
        ("the Dutch and German governments", "the Netherlands and Germany governments"),
        ("U.S. and US troops", "UnitedStates and UnitedStates troops"),
        ("tell us more", "tell us more"),
        ("Britainia is no country", "Britainia is no country"),
    ],
)
def test_canonical_names(text: str, expected: str) -> None:
    assert canonical_names(text) == expected


def test_aliases_count_as_the_same_word() -> None:
    a = ["Britain sends troops to the Baltic."]
    alias = LexicalScorer().score(a, ["U.K. sends troops to the Baltic."])
    other = LexicalScorer().score(a, ["Finland sends troops to the Baltic."])
    assert alias.similarity[0, 0] > other.similarity[0, 0]
    np.testing.assert_allclose(alias.similarity[0, 0], 1.0)


@pytest.mark.parametrize(
    ("a", "b", "name", "expected"),
    [
        ("Troops reach the border.", "Troops reach the border.", "log_unmatched", 0.0),
        ("Troops reach the border.", "Troops leave the border.", "log_unmatched", np.log(3)),
        ("Troops reach the border.", "Troops reach the border.", "bigram_cover", 1.0),
        ("Troops reach the border.", "The border stops troops.", "bigram_cover", 0.0),
        ("The force has 30,000 troops.", "The force has 90,000 troops.", "bigram_cover", 1.0),
    ],
)
def test_overlap_features(a: str, b: str, name: str, expected: float) -> None:
    features = dict(lexical_features([a], [b], paired=True))
    assert features[name][0] == pytest.approx(expected)


def test_lexical_features_are_named_in_order() -> None:
    names = [name for name, _ in lexical_features(A, B)]
    assert tuple(names) == LEXICAL_FEATURES


@pytest.mark.parametrize(
    ("a", "b", "shape"),
    [([], B, (0, len(B))), (A, [], (len(A), 0)), ([], [], (0, 0))],
)
def test_empty_input_gives_empty_matrix(a: list[str], b: list[str], shape: tuple[int, int]) -> None:
    scores = LexicalScorer().score(a, b)
    assert scores.similarity.shape == shape
    assert scores.probability.shape == shape


def test_inputs_are_not_modified() -> None:
    a, b = list(A), list(B)
    LexicalScorer().score(a, b)
    assert a == A
    assert b == B


@pytest.mark.parametrize("method", ["nope", "LEXICAL", ""])
def test_unknown_method_raises(method: str) -> None:
    with pytest.raises(AlignmentError, match="unknown similarity method"):
        get_scorer(method)


def test_non_scorer_object_raises() -> None:
    with pytest.raises(AlignmentError, match="must be a name"):
        get_scorer(42)  # type: ignore[arg-type]


def test_scorer_object_passes_through() -> None:
    scorer = LexicalScorer(word_share=0.0)
    assert get_scorer(scorer) is scorer
    assert isinstance(scorer, Scorer)


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_word_share_out_of_range_raises(share: float) -> None:
    with pytest.raises(AlignmentError, match="word_share"):
        LexicalScorer(word_share=share)


def test_paired_lengths_must_match() -> None:
    with pytest.raises(AlignmentError, match="equal length"):
        LexicalScorer().score(A, B, paired=True)


def test_methods_are_registered() -> None:
    assert METHODS[0] == "lexical"
    for method in METHODS:
        assert get_scorer(method).name == method


@pytest.mark.parametrize("method", ["embeddings", "hybrid"])
def test_embedding_scorers(method: str) -> None:
    scorer = get_scorer(method)
    scores = scorer.score(A, B)
    assert scores.similarity.shape == (len(A), len(B))
    assert np.all((scores.similarity >= 0) & (scores.similarity <= 1))
    assert np.all((scores.probability >= 0) & (scores.probability <= 1))
    assert scores.similarity[0].argmax() == 1
    assert scores.similarity[1].argmax() == 0
    np.testing.assert_allclose(scorer.score(B, A).similarity, scores.similarity.T, atol=1e-6)
