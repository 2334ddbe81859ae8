"""Tests for analysis.diff.coverage: gaps, summary, presence table and the coverage matrix."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.align.alignment import align_articles
from analysis.diff.coverage import (
    GAP_COLUMNS,
    OMISSION_COLUMNS,
    PRESENCE_COLUMNS,
    SUMMARY_COLUMNS,
    UNIT_COLUMNS,
    compare_presence,
    coverage_gaps,
    coverage_matrix,
    coverage_summary,
)
from analysis.errors import AnalysisError
from analysis.extract.actors import extract_mentions
from analysis.extract.quantities import compare_numbers, extract_numbers
from analysis.extract.quotes import extract_quotes, match_quotes
from tests.conftest import A_ID, B_ID


@pytest.fixture(scope="module")
def seed(seed_corpus):
    sentences = seed_corpus.sentences
    mentions = extract_mentions(sentences)
    quotes = extract_quotes(sentences, mentions)
    numbers = extract_numbers(sentences)
    alignment = align_articles(seed_corpus, A_ID, B_ID)
    return alignment, sentences, mentions, quotes, numbers


# --------------------------------------------------------------------------- seed requirements


@pytest.mark.parametrize("speaker", ["Ben Hodges", "Pete Hegseth", "Andriy Sybiha"])
def test_seed_quoted_only_in_newslooks(seed, speaker):
    presence = compare_presence(*seed)
    row = presence[(presence["item_kind"] == "speaker") & (presence["item"] == speaker)]
    assert list(row["status"]) == ["b_only"]


def test_seed_pevkur_only_in_anon(seed):
    presence = compare_presence(*seed)
    row = presence[(presence["item_kind"] == "actor") & (presence["item"] == "Hanno Pevkur")]
    assert list(row["status"]) == ["a_only"]
    gaps = coverage_gaps(*seed)
    entity = gaps[(gaps["kind"] == "entity") & (gaps["text"] == "Hanno Pevkur")]
    assert list(entity["article"]) == [A_ID]


def test_seed_zelenskyy_quotes_only_in_anon(seed):
    alignment, _, _, quotes, _ = seed
    matched = match_quotes(quotes, alignment)
    rows = matched[matched["speaker"] == "Volodymyr Zelenskyy"]
    assert len(rows) == 3
    assert set(rows["status"]) == {"a_only"}


def test_seed_starmer_quotes_matched(seed):
    alignment, _, _, quotes, _ = seed
    matched = match_quotes(quotes, alignment)
    rows = matched[matched["speaker"] == "Keir Starmer"]
    assert list(rows["status"]) == ["both"]
    assert rows.iloc[0]["matched_by"] == "alignment"
    assert (rows.iloc[0]["a_sentence"], rows.iloc[0]["b_sentence"]) == (4, 20)


@pytest.mark.parametrize(("low", "high"), [(100000, 150000), (30000, 40000)])
def test_seed_force_sizes_matched(seed, low, high):
    alignment, _, _, _, numbers = seed
    compared = compare_numbers(numbers, alignment)
    rows = compared[(compared["a_low"] == low) & (compared["a_high"] == high)]
    assert list(rows["status"]) == ["same"]
    assert rows.iloc[0]["b_low"] == low
    assert rows.iloc[0]["b_high"] == high


def test_seed_summary(seed):
    summary = coverage_summary(*seed)
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert list(summary["article"]) == [A_ID, B_ID]
    assert summary["share_matched"].between(0, 1).all()
    b_row = summary.set_index("article").loc[B_ID]
    assert b_row["speakers_only_here"] == "Andriy Sybiha; Ben Hodges; Pete Hegseth"
    assert "Hanno Pevkur" in summary.set_index("article").loc[A_ID, "actors_only_here"]


def test_seed_gaps(seed):
    alignment, sentences, *_ = seed
    gaps = coverage_gaps(*seed)
    assert list(gaps.columns) == GAP_COLUMNS
    assert set(gaps["kind"]) == {"sentence", "entity", "quote", "number"}
    for (_, _), group in gaps.groupby(["article", "kind"]):
        assert sorted(group["rank"]) == list(range(1, len(group) + 1))
        assert group.sort_values("rank")["score"].is_monotonic_decreasing
    sent = gaps[gaps["kind"] == "sentence"]
    matched_a = set(alignment.pairs["a_sentence"])
    assert not set(sent.loc[sent["article"] == A_ID, "sentence"]) & matched_a
    body = sentences.set_index(["article", "sentence"])["is_body"]
    assert all(body[(r.article, r.sentence)] for r in sent.itertuples())
    # the Pevkur sentence is ranked high among A's gaps: a new actor
    pevkur = sent[(sent["article"] == A_ID) & (sent["sentence"] == 16)]
    assert pevkur.iloc[0]["rank"] <= 3


def test_inputs_unchanged(seed):
    copies = [s.copy() for s in seed[1:]]
    coverage_gaps(*seed)
    coverage_summary(*seed)
    for before, after in zip(copies, seed[1:], strict=True):
        pd.testing.assert_frame_equal(before, after)


# --------------------------------------------------------------------------- hand-built pairs


def _sentences(article: str, *texts: str) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "article": article,
            "sentence": range(n),
            "block": range(n),
            "block_type": "paragraph",
            "is_body": True,
            "position": [i / max(n - 1, 1) for i in range(n)],
            "text": list(texts),
            "n_words": [len(t.split()) for t in texts],
        }
    )


def _pairs(a: str, b: str, *pairs: tuple[int, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a_article": a,
            "b_article": b,
            "a_sentence": [p[0] for p in pairs],
            "b_sentence": [p[1] for p in pairs],
            "similarity": 0.6,
            "relation": "equivalent",
        }
    )


def test_passages_group_neighbours():
    sentences = pd.concat(
        [
            _sentences(
                "a", "Same start.", "Extra one.", "Extra two.", "Same middle.", "Extra three."
            ),
            _sentences("b", "Same start.", "Same middle."),
        ],
        ignore_index=True,
    )
    gaps = coverage_gaps(_pairs("a", "b", (0, 0), (3, 1)), sentences)
    passage = dict(zip(gaps["sentence"], gaps["passage"], strict=True))
    assert passage[1] == passage[2] != passage[4]


def test_self_alignment_has_no_gaps():
    sentences = _sentences("a", "One thing.", "Another thing.")
    both = pd.concat([sentences, sentences.assign(article="b")], ignore_index=True)
    gaps = coverage_gaps(_pairs("a", "b", (0, 0), (1, 1)), both)
    assert gaps.empty
    assert list(gaps.columns) == GAP_COLUMNS


def test_swapping_sides_swaps_statuses(seed):
    alignment, sentences, mentions, quotes, numbers = seed
    pairs = alignment.pairs
    swapped = pairs.rename(
        columns={
            "a_article": "b_article",
            "b_article": "a_article",
            "a_sentence": "b_sentence",
            "b_sentence": "a_sentence",
        }
    )
    ab = compare_presence(pairs, sentences, mentions, quotes, numbers)
    ba = compare_presence(swapped, sentences, mentions, quotes, numbers)
    flip = {"a_only": "b_only", "b_only": "a_only", "both": "both"}
    ab_actors = ab[ab["item_kind"] != "number"].set_index(["item_kind", "item"])["status"]
    ba_actors = ba[ba["item_kind"] != "number"].set_index(["item_kind", "item"])["status"]
    assert ab_actors.map(flip).sort_index().equals(ba_actors.sort_index())
    assert list(ab.columns) == PRESENCE_COLUMNS


def test_needs_articles_when_alignment_is_empty():
    with pytest.raises(AnalysisError, match="a= and b="):
        coverage_gaps(_pairs("a", "b"), _sentences("a", "x"))
    gaps = coverage_gaps(_pairs("a", "b"), _sentences("a", "One."), a="a", b="b")
    assert list(gaps["text"]) == ["One."]


def test_coverage_matrix_three_articles():
    sentences = pd.concat(
        [
            _sentences("a", "Fact one.", "Fact two.", "Only in a."),
            _sentences("b", "Fact one.", "Fact two."),
            _sentences("c", "Fact one.", "Only in c."),
        ],
        ignore_index=True,
    )
    alignments = {
        ("a", "b"): _pairs("a", "b", (0, 0), (1, 1)),
        ("a", "c"): _pairs("a", "c", (0, 0)),
        ("b", "c"): _pairs("b", "c", (0, 0)),
    }
    result = coverage_matrix(sentences, alignments)
    assert list(result.matrix.columns) == ["a", "b", "c"]
    assert result.matrix.shape == (4, 3)
    assert result.matrix.loc[0].tolist() == [1, 1, 1]
    assert list(result.units["n_articles"]) == [3, 2, 1, 1]
    assert list(result.omissions.columns) == OMISSION_COLUMNS
    omitted = result.omissions.groupby("article")["unit"].apply(list).to_dict()
    assert omitted == {"a": [3], "b": [2, 3], "c": [1, 2]}
    # the most widely reported omission comes first
    assert result.omissions[result.omissions["article"] == "c"].iloc[0]["n_reporting"] == 2


def test_coverage_matrix_seed(seed_corpus):
    from analysis.align.alignment import align_event

    alignments = align_event(seed_corpus, "ukraine-security-force")
    result = coverage_matrix(seed_corpus, alignments)
    n_body = int(seed_corpus.sentences["is_body"].sum())
    assert int(result.matrix.to_numpy().sum()) == n_body
    assert (result.units["n_articles"].between(1, 2)).all()


# --------------------------------------------------------------------------- fast path = reference


def _reference_matrix(sentences: pd.DataFrame, alignments) -> tuple[pd.DataFrame, ...]:
    """coverage_matrix as a cell-by-cell count: units are the connected components of the
    aligned pairs, numbered in order of their first body sentence."""
    nodes = sentences[sentences["is_body"]]
    articles = list(dict.fromkeys(sentences["article"]))
    keys = list(zip(nodes["article"], nodes["sentence"], strict=True))
    component = {key: {key} for key in keys}
    for pairs in alignments.values():
        for row in pairs.itertuples(index=False):
            x, y = (row.a_article, row.a_sentence), (row.b_article, row.b_sentence)
            if x in component and y in component and component[x] is not component[y]:
                merged = component[x] | component[y]
                for key in merged:
                    component[key] = merged
    unit_of: dict[tuple, int] = {}
    for key in keys:
        unit_of.setdefault(min(component[key], key=keys.index), len(unit_of))
    units = [unit_of[min(component[key], key=keys.index)] for key in keys]
    counts = pd.DataFrame(0, index=pd.RangeIndex(len(unit_of), name="unit"), columns=articles)
    for (article, _), unit in zip(keys, units, strict=True):
        counts.loc[unit, article] += 1
    rows, omissions = [], []
    texts = list(nodes["text"])
    for unit in range(len(unit_of)):
        node = units.index(unit)
        present = [art for art in articles if counts.loc[unit, art] > 0]
        n = int(counts.loc[unit].sum())
        rows.append([unit, len(present), ";".join(present), n, *keys[node], texts[node]])
    for article in articles:
        for unit, n_articles, names, *_, text in rows:
            if counts.loc[unit, article] == 0:
                omissions.append([article, unit, n_articles, names, text])
    omission_table = pd.DataFrame(omissions, columns=OMISSION_COLUMNS).sort_values(
        ["article", "n_reporting", "unit"], ascending=[True, False, True], kind="stable"
    )
    return (
        counts.astype("int64"),
        pd.DataFrame(rows, columns=UNIT_COLUMNS),
        omission_table.reset_index(drop=True),
    )


@pytest.mark.parametrize("seed", range(100))
def test_coverage_matrix_matches_reference(seed):
    rng = random.Random(seed)
    articles = ["a", "b", "c", "d"][: rng.randint(2, 4)]
    sentences = pd.concat(
        [_sentences(art, *(f"{art} {k}." for k in range(rng.randint(1, 6)))) for art in articles],
        ignore_index=True,
    )
    sentences["is_body"] = [rng.random() < 0.8 for _ in range(len(sentences))]
    n = sentences.groupby("article")["sentence"].count().to_dict()
    alignments = {
        (x, y): _pairs(
            x, y, *((rng.randrange(n[x]), rng.randrange(n[y])) for _ in range(rng.randint(0, 4)))
        )
        for i, x in enumerate(articles)
        for y in articles[i + 1 :]
    }
    result = coverage_matrix(sentences, alignments)
    matrix, units, omissions = _reference_matrix(sentences, alignments)
    pd.testing.assert_frame_equal(result.matrix, matrix)
    pd.testing.assert_frame_equal(result.units, units)
    pd.testing.assert_frame_equal(result.omissions, omissions)


def test_entity_gap_reads_the_first_mention():
    sentences = pd.concat(
        [_sentences("a", "One.", "Two.", "Three."), _sentences("b", "One.")], ignore_index=True
    )
    mentions = pd.DataFrame(
        {
            "article": ["a", "a", "a", "a", "b"],
            "sentence": [2, 1, 2, 0, 0],
            "actor": ["Jane Doe", "Jane Doe", "Kyiv", "Jane Doe", "Kyiv"],
            "type": ["person", "organisation", "place", "person", "place"],
            "role": ["", "minister", "", "envoy", ""],
        }
    )
    gaps = coverage_gaps(_pairs("a", "b", (0, 0)), sentences, mentions, a="a", b="b")
    entities = gaps[gaps["kind"] == "entity"]
    assert entities[["sentence", "text", "reasons"]].to_numpy().tolist() == [
        [0, "Jane Doe", "person; 3 mentions; role: minister"]
    ]
