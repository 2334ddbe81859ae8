"""Tests of analysis.align.alignment: invariances (self, swap, shuffle), split sentences, bad
input."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.align.alignment import (
    DEFAULT_MARGIN,
    EQUIVALENT,
    PAIR_COLUMNS,
    PARTIAL,
    Alignment,
    align_articles,
    align_event,
    align_sentences,
    ratio_margin,
)
from analysis.align.scorers import DETAIL_THRESHOLDS, METHODS
from analysis.corpus.loader import Corpus, load_corpus
from analysis.errors import AlignmentError

A_ID, B_ID = "anon-000", "newslooks-001"
MakeEvent = Callable[..., Path]

TROOPS = [
    "European leaders met in Brussels on Tuesday to discuss a peacekeeping force for Ukraine.",
    "Italy's constitution restricts foreign military deployments.",
    "The Netherlands and Germany require parliamentary approval before sending soldiers.",
    "Poland remains cautious, given historical tensions with Ukraine.",
    "Ukraine wants a force of at least 100,000 troops to ensure long-term security.",
    "Former U.S. Army Europe commander Ben Hodges warned that any force must be strong.",
]
RETOLD = [
    "Kyiv is asking for a force of at least 50,000 troops to ensure its long-term security.",
    "Poland stays cautious because of its historical tensions with Ukraine.",
    "On Tuesday European leaders gathered in Brussels to talk about a peacekeeping force.",
    "Italy's constitution limits military deployments abroad.",
    "Ben Hodges, who once commanded the U.S. Army in Europe, said any force must be strong.",
]
BAKING = [
    "Preheat the oven to 180 degrees and butter a round cake tin.",
    "Whisk the eggs with sugar until the mixture turns pale and fluffy.",
    "Fold in the flour gently with a metal spoon.",
    "Bake for forty minutes until a skewer comes out clean.",
]


def _pairs(alignment: Alignment) -> set[tuple[int, int]]:
    return set(zip(alignment.pairs["a_sentence"], alignment.pairs["b_sentence"], strict=True))


def _corpus(make_event: MakeEvent, files: dict[str, list[str]]) -> Corpus:
    return load_corpus(make_event({f"{n}.txt": "\n\n".join(p) + "\n" for n, p in files.items()}))


@pytest.mark.parametrize("article", [A_ID, B_ID])
def test_self_alignment_pairs_every_sentence_with_itself(seed_corpus: Corpus, article: str) -> None:
    alignment = align_articles(seed_corpus, article, article)
    pairs = alignment.pairs
    diagonal = pairs.loc[pairs["a_sentence"] == pairs["b_sentence"]]
    n = len(seed_corpus.sentences_of(article))
    assert sorted(diagonal["a_sentence"]) == list(range(n))
    assert set(diagonal["relation"]) == {EQUIVALENT}
    assert alignment.unmatched_a.empty
    assert alignment.unmatched_b.empty


def test_pairs_have_the_contract_columns(seed_corpus: Corpus) -> None:
    alignment = align_articles(seed_corpus, A_ID, B_ID)
    assert tuple(alignment.pairs.columns) == PAIR_COLUMNS
    assert set(alignment.pairs["relation"]) <= {EQUIVALENT, PARTIAL}
    assert alignment.similarity.shape == (
        len(seed_corpus.sentences_of(A_ID)),
        len(seed_corpus.sentences_of(B_ID)),
    )
    assert alignment.pairs["similarity"].between(0, 1).all()
    assert (
        len(alignment.unmatched_a) + alignment.pairs["a_sentence"].nunique()
        == (alignment.similarity.shape[0])
    )


def test_swapping_a_and_b_swaps_the_pairs(seed_corpus: Corpus) -> None:
    ab = align_articles(seed_corpus, A_ID, B_ID)
    ba = align_articles(seed_corpus, B_ID, A_ID)
    assert _pairs(ba) == {(j, i) for i, j in _pairs(ab)}
    np.testing.assert_allclose(ba.similarity, ab.similarity.T, atol=1e-12)
    merged = ab.pairs.merge(
        ba.pairs,
        left_on=["a_sentence", "b_sentence"],
        right_on=["b_sentence", "a_sentence"],
        suffixes=("", "_swapped"),
    )
    assert (merged["relation"] == merged["relation_swapped"]).all()


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A small story told twice: reworded, reordered, one fact given with another figure."""
    folder = tmp_path_factory.mktemp("story")
    told = {"a": TROOPS, "b": RETOLD}
    for name, sentences in told.items():
        (folder / f"{name}.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return load_corpus(folder)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "cuts",
    [{}, {"partial": 0.2, "margin": 0.9}, {"partial": 0.45, "margin": 1.1, "merges": True}],
)
def test_no_pair_is_below_the_cuts(story: Corpus, method: str, cuts: dict[str, float]) -> None:
    partial = cuts.get("partial", DETAIL_THRESHOLDS[method])
    margin = cuts.get("margin", DEFAULT_MARGIN)
    for a, b in (("a", "b"), ("b", "a")):
        pairs = align_articles(story, a, b, method=method, **cuts).pairs  # type: ignore[arg-type]
        assert not pairs.empty
        assert (pairs["similarity"] >= partial).all()
        assert (pairs["margin"] >= margin).all()


def test_no_pair_is_below_the_cuts_in_the_seed(seed_corpus: Corpus) -> None:
    for a, b in ((A_ID, B_ID), (B_ID, A_ID)):
        pairs = align_articles(seed_corpus, a, b).pairs
        assert (pairs["similarity"] >= DETAIL_THRESHOLDS["lexical"]).all()
        assert (pairs["margin"] >= DEFAULT_MARGIN).all()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("article", ["a", "b"])
def test_self_alignment_is_all_equivalent(story: Corpus, method: str, article: str) -> None:
    alignment = align_articles(story, article, article, method=method)
    pairs = alignment.pairs
    diagonal = pairs.loc[pairs["a_sentence"] == pairs["b_sentence"]]
    assert sorted(diagonal["a_sentence"]) == list(range(len(story.sentences_of(article))))
    assert set(diagonal["relation"]) == {EQUIVALENT}


@pytest.mark.parametrize("method", METHODS)
def test_swapping_a_and_b_is_symmetric(story: Corpus, method: str) -> None:
    ab = align_articles(story, "a", "b", method=method)
    ba = align_articles(story, "b", "a", method=method)
    columns = ["a_sentence", "b_sentence", "relation", "similarity", "probability", "margin"]
    swapped = ba.pairs[columns].rename(
        columns={"a_sentence": "b_sentence", "b_sentence": "a_sentence"}
    )
    swapped = swapped.sort_values(["a_sentence", "b_sentence"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(ab.pairs[columns], swapped[columns], atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_same_fact_with_different_figures_stays_aligned(story: Corpus, method: str) -> None:
    # TROOPS[4] gives 100,000 troops, RETOLD[0] 50,000.
    assert (4, 0) in _pairs(align_articles(story, "a", "b", method=method))


def test_unrelated_articles_align_nothing(make_event: MakeEvent) -> None:
    corpus = _corpus(make_event, {"troops": TROOPS, "baking": BAKING})
    alignment = align_articles(corpus, "troops", "baking")
    assert alignment.pairs.empty
    assert list(alignment.pairs.columns) == list(PAIR_COLUMNS)
    assert len(alignment.unmatched_a) == len(TROOPS)
    assert len(alignment.unmatched_b) == len(BAKING)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_shuffled_order_still_aligns(make_event: MakeEvent, seed: int) -> None:
    order = list(range(len(TROOPS)))
    random.Random(seed).shuffle(order)
    corpus = _corpus(make_event, {"a": TROOPS, "b": [TROOPS[i] for i in order]})
    alignment = align_articles(corpus, "a", "b")
    expected = {(i, order.index(i)) for i in range(len(TROOPS))}
    equivalent = alignment.pairs.loc[alignment.pairs["relation"] == EQUIVALENT]
    assert set(zip(equivalent["a_sentence"], equivalent["b_sentence"], strict=True)) == expected


def test_sentence_split_in_two_aligns_to_both_halves(make_event: MakeEvent) -> None:
    merged = (
        "Italy's constitution restricts foreign military deployments, while the Netherlands "
        "and Germany require parliamentary approval before sending soldiers."
    )
    a = [TROOPS[0], merged, TROOPS[3], TROOPS[5]]
    b = [TROOPS[5], TROOPS[1], TROOPS[2], TROOPS[0], TROOPS[3]]
    corpus = _corpus(make_event, {"a": a, "b": b})
    alignment = align_articles(corpus, "a", "b")
    halves = alignment.pairs.loc[alignment.pairs["a_sentence"] == 1]
    assert set(halves["b_sentence"]) == {1, 2}
    # The half that keeps less of the merged sentence is only a partial match.
    assert halves.set_index("b_sentence").loc[1, "relation"] == PARTIAL
    assert {(0, 3), (2, 4), (3, 0)} <= _pairs(alignment)


@pytest.mark.parametrize(
    ("merged", "halves"),
    [
        (
            "Italy's constitution restricts foreign military deployments, while the Netherlands "
            "and Germany require parliamentary approval before sending soldiers.",
            (TROOPS[1], TROOPS[2]),
        ),
        (
            "Poland remains cautious given historical tensions with Ukraine, which wants a force "
            "of at least 100,000 troops to ensure long-term security.",
            (TROOPS[3], TROOPS[4]),
        ),
    ],
)
def test_merged_sentence_aligns_to_consecutive_halves_either_side(
    make_event: MakeEvent, merged: str, halves: tuple[str, str]
) -> None:
    a = [TROOPS[0], merged, TROOPS[5]]
    b = [TROOPS[5], halves[0], halves[1], TROOPS[0]]
    corpus = _corpus(make_event, {"a": a, "b": b})
    ab = align_articles(corpus, "a", "b")
    ba = align_articles(corpus, "b", "a")
    assert {(1, 1), (1, 2)} <= _pairs(ab)
    assert _pairs(ba) == {(j, i) for i, j in _pairs(ab)}


def test_identical_articles_align_every_sentence(make_event: MakeEvent) -> None:
    corpus = _corpus(make_event, {"a": TROOPS, "b": TROOPS})
    pairs = align_articles(corpus, "a", "b").pairs
    equivalent = pairs.loc[pairs["relation"] == EQUIVALENT]
    assert set(zip(equivalent["a_sentence"], equivalent["b_sentence"], strict=True)) == {
        (i, i) for i in range(len(TROOPS))
    }


def test_article_without_body_sentences_gives_empty_alignment(make_event: MakeEvent) -> None:
    folder = make_event({"a.txt": "Troops For Ukraine\n", "b.txt": "\n\n".join(TROOPS) + "\n"})
    corpus = load_corpus(folder)
    alignment = align_articles(corpus, "a", "b")
    assert alignment.pairs.empty
    assert len(alignment.unmatched_b) == len(TROOPS)
    assert alignment.similarity.shape == (len(corpus.sentences_of("a")), len(TROOPS))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"a": "nope", "b": B_ID}, "unknown article id 'nope'"),
        ({"a": A_ID, "b": "nope"}, "unknown article id 'nope'"),
        ({"a": A_ID, "b": B_ID, "method": "bert"}, "unknown similarity method 'bert'"),
        ({"a": A_ID, "b": B_ID, "equivalent": 1.5}, "equivalent=1.5"),
        ({"a": A_ID, "b": B_ID, "partial": -0.1}, "partial=-0.1"),
        ({"a": A_ID, "b": B_ID, "margin": -1.0}, "margin=-1.0"),
        ({"a": A_ID, "b": B_ID, "k": 0}, "k=0"),
    ],
)
def test_bad_input_raises(seed_corpus: Corpus, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(AlignmentError, match=match):
        align_articles(seed_corpus, **kwargs)  # type: ignore[arg-type]


def test_inputs_are_not_modified(seed_corpus: Corpus) -> None:
    before = seed_corpus.sentences.copy()
    align_articles(seed_corpus, A_ID, B_ID)
    pd.testing.assert_frame_equal(seed_corpus.sentences, before)


def test_align_sentences_without_corpus(seed_corpus: Corpus) -> None:
    # is_body keeps headings out of merged sentence pairs, as align_articles does.
    a = seed_corpus.sentences_of(A_ID)[["article", "sentence", "text", "is_body"]]
    b = seed_corpus.sentences_of(B_ID)[["article", "sentence", "text", "is_body"]]
    direct = align_sentences(a, b)
    via_corpus = align_articles(seed_corpus, A_ID, B_ID)
    assert _pairs(direct) == _pairs(via_corpus)
    assert set(direct.pairs["a_block_type"]) == {""}


def test_align_sentences_needs_columns() -> None:
    with pytest.raises(AlignmentError, match="lacks column"):
        align_sentences(pd.DataFrame({"text": ["x"]}), pd.DataFrame({"text": ["y"]}))


def test_align_event_covers_every_article_pair(make_event: MakeEvent) -> None:
    corpus = _corpus(make_event, {"a": TROOPS, "b": TROOPS[::-1], "c": BAKING})
    event = corpus.articles["event"].iloc[0]
    alignments = align_event(corpus, event)
    assert set(alignments) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert alignments[("a", "c")].pairs.empty
    with pytest.raises(AlignmentError, match="unknown event"):
        align_event(corpus, "no-such-event")


@pytest.mark.parametrize("k", [1, 3, 10])
def test_ratio_margin_of_mutual_best_pair_is_at_least_one(k: int) -> None:
    rng = np.random.default_rng(0)
    similarity = rng.uniform(0, 0.5, size=(5, 7))
    similarity[2, 4] = 0.9
    margins = ratio_margin(similarity, k=k)
    assert margins.shape == similarity.shape
    assert margins[2, 4] >= 1.0
    assert np.all(margins >= 0)


def test_ratio_margin_of_empty_and_zero_matrices() -> None:
    assert ratio_margin(np.zeros((0, 3))).shape == (0, 3)
    np.testing.assert_array_equal(ratio_margin(np.zeros((2, 2))), np.zeros((2, 2)))
