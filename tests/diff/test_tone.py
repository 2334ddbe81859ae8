"""Tests for analysis.diff.tone and analysis.diff.target_tone (hand-built DataFrames only)."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.diff.target_tone import (
    CLASSES,
    EMBEDDING_VIEWS,
    EmbeddingToneModel,
    TargetToneModel,
    embed_mentions,
    load_embedding_model,
    load_target_model,
)
from analysis.diff.tone import (
    ACTOR_TONE_COLUMNS,
    ARC_COLUMNS,
    SUMMARY_COLUMNS,
    actor_tone,
    compare_tone,
    score_sentences,
    score_targets,
    summarize_tone,
    tone_arc,
    tone_label,
    tone_pairs,
)
from analysis.errors import AnalysisError, ConfigError
from analysis.text.minilm import load_minilm

SAMPLES = [
    "The summit was a great success and leaders praised the deal.",
    "Officials warned the plan is dangerous and could fail badly.",
    "The meeting took place in Paris on Tuesday.",
    "This is NOT a good idea!!!",
    "The troops are not unwelcome, but the cost is terrible :(",
    "",
]

A_TEXTS = [
    "Leaders praised the historic peace agreement.",
    "The deal was signed in Paris.",
    "Critics warned of a dangerous escalation.",
    "Troops will arrive next month.",
]
B_TEXTS = [
    "Leaders attacked the disastrous agreement.",
    "The deal was signed in Paris.",
    "Supporters welcomed a hopeful step.",
]


def sentences_table(texts_by_article: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for article, texts in texts_by_article.items():
        n = len(texts)
        for i, text in enumerate(texts):
            rows.append(
                {
                    "id": f"{article}:{i}",
                    "article": article,
                    "sentence": i,
                    "block": i,
                    "block_type": "headline" if i == 0 else "paragraph",
                    "is_body": i != 0,
                    "paragraph": i - 1,
                    "position": 0.0 if n < 2 else max(i - 1, 0) / max(n - 2, 1),
                    "start": 0,
                    "end": len(text),
                    "text": text,
                    "n_words": len(text.split()),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture
def sentences() -> pd.DataFrame:
    return sentences_table({"a": A_TEXTS, "b": B_TEXTS})


@pytest.fixture
def scored(sentences: pd.DataFrame) -> pd.DataFrame:
    return score_sentences(sentences)


@pytest.mark.parametrize("text", SAMPLES)
def test_score_sentences_agrees_exactly_with_vader(text: str) -> None:
    expected = SentimentIntensityAnalyzer().polarity_scores(text)
    out = score_sentences(sentences_table({"x": [text]}))
    for column in ("neg", "neu", "pos", "compound"):
        assert out.loc[0, column] == expected[column]
    assert out.loc[0, "label"] == tone_label(expected["compound"])


@pytest.mark.parametrize(
    ("compound", "label"),
    [
        (0.05, "positive"),
        (0.0499, "neutral"),
        (-0.0499, "neutral"),
        (-0.05, "negative"),
        (1, "positive"),
    ],
)
def test_tone_label_neutral_band(compound: float, label: str) -> None:
    assert tone_label(compound) == label


def test_score_sentences_keeps_rows_and_columns(sentences: pd.DataFrame) -> None:
    out = score_sentences(sentences)
    assert len(out) == len(sentences)
    assert list(out.columns[: len(sentences.columns)]) == list(sentences.columns)
    assert out["compound"].between(-1, 1).all()


def test_missing_text_column_raises() -> None:
    with pytest.raises(ConfigError, match="text"):
        score_sentences(pd.DataFrame({"article": ["a"]}))


def test_summary_ci_is_ordered(scored: pd.DataFrame) -> None:
    summary = summarize_tone(scored, n_resamples=999)
    assert tuple(summary.columns) == SUMMARY_COLUMNS
    assert list(summary["article"]) == ["a", "b"]
    assert (summary["ci_low"] <= summary["mean_compound"]).all()
    assert (summary["mean_compound"] <= summary["ci_high"]).all()
    shares = summary[["share_positive", "share_neutral", "share_negative"]].sum(axis=1)
    np.testing.assert_allclose(shares, 1.0)
    body_a = scored[(scored["article"] == "a") & scored["is_body"]]
    assert summary.loc[0, "n_sentences"] == len(body_a)
    assert summary.loc[0, "mean_compound"] == pytest.approx(body_a["compound"].mean())


def test_summary_is_reproducible_for_a_seed(scored: pd.DataFrame) -> None:
    one = summarize_tone(scored, n_resamples=999, seed=3)
    two = summarize_tone(scored, n_resamples=999, seed=3)
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize("body_only", [True, False])
def test_identical_articles_give_zero_difference(body_only: bool) -> None:
    scored = score_sentences(sentences_table({"a": A_TEXTS, "a2": A_TEXTS}))
    row = compare_tone(scored, "a", "a2", n_resamples=999, body_only=body_only).iloc[0]
    assert row["difference"] == 0.0
    assert row["p_value"] == 1.0
    assert row["seed"] == 0


def test_compare_swaps_sign(scored: pd.DataFrame) -> None:
    ab = compare_tone(scored, "a", "b", n_resamples=999).iloc[0]
    ba = compare_tone(scored, "b", "a", n_resamples=999).iloc[0]
    assert ab["difference"] == pytest.approx(-ba["difference"])
    assert ab["difference"] == pytest.approx(ab["a_mean"] - ab["b_mean"])
    assert 0 < ab["p_value"] <= 1


def test_compare_unknown_article_raises(scored: pd.DataFrame) -> None:
    with pytest.raises(AnalysisError, match="nope"):
        compare_tone(scored, "a", "nope")


def test_tone_pairs_sorted_by_shift(scored: pd.DataFrame) -> None:
    pairs = pd.DataFrame(
        {
            "a_article": ["a", "a"],
            "b_article": ["b", "b"],
            "a_sentence": [1, 0],
            "b_sentence": [1, 0],
            "a_text": [A_TEXTS[1], A_TEXTS[0]],
            "b_text": [B_TEXTS[1], B_TEXTS[0]],
            "similarity": [1.0, 0.6],
            "relation": ["equivalent", "partial"],
        }
    )
    before = pairs.copy()
    out = tone_pairs(pairs, scored)
    pd.testing.assert_frame_equal(pairs, before)
    assert list(out["a_sentence"]) == [0, 1]
    assert out["abs_difference"].is_monotonic_decreasing
    assert out.loc[0, "difference"] > 0  # praised vs attacked
    assert out.loc[1, "difference"] == 0.0  # same sentence


def test_tone_pairs_unknown_sentence_raises(scored: pd.DataFrame) -> None:
    pairs = pd.DataFrame(
        {"a_article": ["a"], "b_article": ["b"], "a_sentence": [99], "b_sentence": [0]}
    )
    with pytest.raises(AnalysisError, match="a:99"):
        tone_pairs(pairs, scored)


def test_tone_arc_bins(scored: pd.DataFrame) -> None:
    arc = tone_arc(scored, n_bins=4)
    assert tuple(arc.columns) == ARC_COLUMNS
    assert len(arc) == 2 * 4
    assert arc.groupby("article")["n_sentences"].sum().to_dict() == {"a": 3, "b": 2}
    assert arc["bin_start"].min() == 0.0
    assert arc["bin_end"].max() == 1.0
    assert arc.loc[arc["n_sentences"] == 0, "mean_compound"].isna().all()


def test_target_model_loads_without_download() -> None:
    model = load_target_model()
    assert isinstance(model, TargetToneModel)
    assert model.coef.shape == (len(CLASSES), len(model.vocabulary))


@pytest.mark.parametrize(
    ("sentence", "target", "label"),
    [
        (
            "Critics slammed Smith as a corrupt, incompetent liar who failed the city.",
            "Smith",
            "negative",
        ),
        ("Jones was praised as a brilliant, honest and inspiring leader.", "Jones", "positive"),
        ("Brown said the meeting would take place in Berlin on Tuesday.", "Brown", "neutral"),
    ],
)
@pytest.mark.parametrize("loader", [load_target_model, load_embedding_model])
def test_models_on_obvious_examples(
    loader: Callable[[], TargetToneModel | EmbeddingToneModel],
    sentence: str,
    target: str,
    label: str,
) -> None:
    start = sentence.index(target)
    assert loader().predict([sentence], [start], [start + len(target)]) == [label]


def mentions_table() -> tuple[pd.DataFrame, pd.DataFrame]:
    texts = [
        "Critics slammed Smith as a corrupt, incompetent liar who failed the city.",
        "Jones was praised as a brilliant, honest and inspiring leader.",
        "Smith met Jones in Berlin.",
    ]
    sentences = sentences_table({"a": texts})
    rows = []
    for i, text in enumerate(texts):
        for actor in ("Smith", "Jones"):
            if actor in text:
                start = text.index(actor)
                rows.append(
                    {
                        "article": "a",
                        "sentence": i,
                        "actor": actor,
                        "start": start,
                        "end": start + len(actor),
                    }
                )
    return sentences, pd.DataFrame(rows)


@pytest.mark.parametrize("method", ["classifier", "lexical", "vader"])
def test_score_targets_and_actor_tone(method: str) -> None:
    sentences, mentions = mentions_table()
    before_s, before_m = sentences.copy(), mentions.copy()
    targets = score_targets(sentences, mentions, method=method)
    np.testing.assert_allclose(targets[["p_negative", "p_neutral", "p_positive"]].sum(axis=1), 1)
    assert targets["tone"].between(-1, 1).all()
    table = actor_tone(sentences, mentions, method=method)
    pd.testing.assert_frame_equal(sentences, before_s)
    pd.testing.assert_frame_equal(mentions, before_m)
    assert tuple(table.columns) == ACTOR_TONE_COLUMNS
    assert list(table["actor"]) == ["Jones", "Smith"]
    assert (
        table[["n_negative", "n_neutral", "n_positive"]].sum(axis=1) == table["n_mentions"]
    ).all()
    assert (table["method"] == method).all()
    if method != "vader":
        tone = table.set_index("actor")["mean_tone"]
        assert tone["Jones"] > tone["Smith"]


def test_score_targets_errors() -> None:
    sentences, mentions = mentions_table()
    with pytest.raises(ConfigError, match="bert"):
        score_targets(sentences, mentions, method="bert")
    bad = mentions.assign(end=1000)
    with pytest.raises(ConfigError, match="outside"):
        score_targets(sentences, bad)
    with pytest.raises(AnalysisError, match="a:7"):
        score_targets(sentences, mentions.assign(sentence=7))


def test_inputs_unchanged(sentences: pd.DataFrame) -> None:
    before = sentences.copy()
    scored = score_sentences(sentences)
    after_scored = scored.copy()
    summarize_tone(scored, n_resamples=99)
    compare_tone(scored, "a", "b", n_resamples=99)
    tone_arc(scored)
    pd.testing.assert_frame_equal(sentences, before)
    pd.testing.assert_frame_equal(scored, after_scored)


def test_embed_mentions_pools_the_target_pieces() -> None:
    sentence = "Critics slammed Smith-Jones today."
    start = sentence.index("Smith")
    ends = [start + len("Smith"), start + len("Smith-Jones"), len(sentence)]
    vectors = embed_mentions([sentence] * 3, [start] * 3, ends)
    assert vectors.shape == (3, len(EMBEDDING_VIEWS) * 384)
    assert vectors.dtype == np.float32
    sentence_part, target_part = vectors[:, :384], vectors[:, 384:]
    np.testing.assert_array_equal(sentence_part[0], sentence_part[1])  # same sentence
    assert not np.array_equal(target_part[0], target_part[1])  # "Smith" vs "Smith-Jones"
    alone = embed_mentions([sentence], [start], [ends[1]])
    np.testing.assert_array_equal(alone[0], vectors[1])  # independent of the other mentions
    assert embed_mentions([], [], []).shape == (0, len(EMBEDDING_VIEWS) * 384)
    with pytest.raises(ConfigError, match="outside"):
        embed_mentions([sentence], [0], [999])
    with pytest.raises(ConfigError, match="one start and end"):
        embed_mentions([sentence], [0, 1], [2])


def test_models_load_and_predict_with_the_network_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    caches = (load_minilm, load_target_model, load_embedding_model)
    for loader in caches:
        loader.cache_clear()
    try:
        sentences, mentions = mentions_table()
        for method in ("classifier", "lexical"):
            targets = score_targets(sentences, mentions, method=method)
            assert len(targets) == len(mentions)
    finally:
        for loader in caches:
            loader.cache_clear()


def test_default_model_loads_without_download() -> None:
    model = load_embedding_model()
    assert isinstance(model, EmbeddingToneModel)
    assert model.lexical is load_target_model()
    assert model.coef.shape[0] == len(CLASSES)
    assert 0 <= model.embedding_weight <= 1


@pytest.mark.parametrize("weight", [0.0, 0.3, 1.0])
def test_fusion_is_a_weighted_geometric_mean(weight: float) -> None:
    model = dataclasses.replace(load_embedding_model(), embedding_weight=weight)
    rng = np.random.default_rng(0)
    embeddings = rng.normal(size=(4, model.coef.shape[1]))
    lexical = rng.dirichlet(np.ones(len(CLASSES)), size=4)
    fused = model.fuse(lexical, embeddings)
    np.testing.assert_allclose(fused.sum(axis=1), 1.0)
    scores = embeddings @ model.coef.T + model.intercept
    emb = np.exp(scores - scores.max(axis=1, keepdims=True))
    emb /= emb.sum(axis=1, keepdims=True)
    expected = lexical ** (1 - weight) * emb**weight
    np.testing.assert_allclose(fused, expected / expected.sum(axis=1, keepdims=True))


def test_embedding_model_refuses_another_lexical_model() -> None:
    model = load_embedding_model()
    other = dataclasses.replace(model.lexical, intercept=model.lexical.intercept + 1.0)
    with pytest.raises(AnalysisError, match="another lexical model"):
        EmbeddingToneModel.from_arrays(model.to_arrays(), other)


def test_embedding_model_refuses_other_or_incomplete_arrays() -> None:
    model = load_embedding_model()
    arrays = model.to_arrays()
    with pytest.raises(AnalysisError, match="other MiniLM weights"):
        EmbeddingToneModel.from_arrays(
            {**arrays, "encoder_sha256": np.array("0" * 64)}, model.lexical
        )
    with pytest.raises(AnalysisError, match=r"lacks \['encoder_sha256'\].*--method minilm"):
        EmbeddingToneModel.from_arrays(
            {k: v for k, v in arrays.items() if k != "encoder_sha256"}, model.lexical
        )


def test_target_past_the_token_limit_keeps_its_lexical_tone() -> None:
    sentence = " ".join(["word"] * 300) + " and critics slammed Smith."
    start = sentence.index("Smith")
    args = ([sentence, "Critics slammed Smith."], [start, 16], [start + 5, 21])
    model = load_embedding_model()
    fused, lexical = model.predict_proba(*args), model.lexical.predict_proba(*args)
    np.testing.assert_array_equal(fused[0], lexical[0])
    assert not np.allclose(fused[1], lexical[1])


def test_default_model_tells_two_targets_apart() -> None:
    sentence = "Voters adored Jones, while critics called Smith a corrupt and dishonest fraud."
    starts = [sentence.index("Jones"), sentence.index("Smith")]
    proba = load_embedding_model().predict_proba([sentence] * 2, starts, [s + 5 for s in starts])
    tone = proba[:, 2] - proba[:, 0]
    assert tone[0] > tone[1]
