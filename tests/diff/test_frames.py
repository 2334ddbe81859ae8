"""Tests for analysis.diff.frames: traceable dictionary frames with uncertainty."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.loader import Corpus
from analysis.diff.frames import (
    FRAME_COLUMNS,
    FRAMES_NOTE,
    SENTENCE_FRAME_COLUMNS,
    frame_shares,
    load_frame_dictionary,
    sentence_frames,
)
from analysis.errors import ConfigError

A_ID, B_ID = "anon-000", "newslooks-001"
FAST = {"n_resamples": 499, "seed": 3}
REQUIRED = {
    "conflict",
    "responsibility",
    "economic",
    "human_interest",
    "morality",
    "security_defence",
    "diplomacy",
    "domestic_politics",
}


def _sentences() -> pd.DataFrame:
    texts = {
        "x": ["Troops clash at the border.", "The talks failed.", "Nothing here."],
        "y": ["Peace talks resumed.", "Sanctions cost billions.", "A quiet day.", "Calm."],
    }
    return pd.DataFrame(
        [
            {"article": art, "sentence": i, "text": text}
            for art, lines in texts.items()
            for i, text in enumerate(lines)
        ]
    )


def test_shipped_codebook_covers_the_required_frames() -> None:
    codebook = load_frame_dictionary()
    assert set(codebook.categories) >= REQUIRED
    for frame in codebook.categories:
        assert codebook.metadata[frame]["label"]
        assert codebook.metadata[frame]["source"]


@pytest.mark.parametrize(
    ("text", "frame", "terms"),
    [
        ("Troops clash at the border.", "conflict", "clash (1)"),
        ("Troops clash at the border.", "security_defence", "troops (1)"),
        ("Sanctions cost billions.", "economic", "billions (1); cost (1); sanctions (1)"),
        ("Peace talks resumed.", "diplomacy", "peace talks (1)"),
        (
            "Parliamentary approval is needed.",
            "domestic_politics",
            "approval (1); parliamentary (1)",
        ),
        ("Civilians suffered.", "human_interest", "civilians (1); suffered (1)"),
        ("A question of human rights.", "morality", "human rights (1)"),
        ("Leaders must take responsibility.", "responsibility", "responsibility (1)"),
    ],
)
def test_each_mark_is_traceable_to_its_words(text: str, frame: str, terms: str) -> None:
    rows = sentence_frames(pd.DataFrame({"article": ["x"], "sentence": [0], "text": [text]}))
    row = rows.set_index("frame").loc[frame]
    assert row["present"]
    assert row["terms"] == terms


def test_sentence_frames_shape() -> None:
    sentences = _sentences()
    marks = sentence_frames(sentences)
    assert list(marks.columns) == SENTENCE_FRAME_COLUMNS
    assert len(marks) == len(sentences) * len(load_frame_dictionary().categories)
    assert (marks["present"] == (marks["n_matches"] > 0)).all()


def test_frame_shares_contract() -> None:
    sentences = _sentences()
    before = sentences.copy()
    table = frame_shares(sentences, a="x", b="y", **FAST)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(table.columns) == FRAME_COLUMNS
    conflict = table.set_index("frame").loc["conflict"]
    assert conflict["a_share"] == pytest.approx(1 / 3)
    assert conflict["b_share"] == 0.0
    assert conflict["a_terms"] == "clash (1)"
    assert conflict["a_ci_low"] <= conflict["a_share"] <= conflict["a_ci_high"]
    assert table["p_value"].between(0, 1).all()
    assert (table["seed"] == 3).all()


def test_frame_shares_swap_flips_the_difference() -> None:
    ab = frame_shares(_sentences(), a="x", b="y", **FAST).set_index("frame")
    ba = frame_shares(_sentences(), a="y", b="x", **FAST).set_index("frame")
    pd.testing.assert_series_equal(ab["diff"], -ba["diff"], check_names=False)
    pd.testing.assert_series_equal(ab["p_value"], ba["p_value"], check_names=False)


def test_user_quanteda_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "mine.yml"
    path.write_text("politics:\n  talks:\n    - talk*\n  money: [cost*]\n", encoding="utf-8")
    table = frame_shares(_sentences(), a="x", b="y", dictionary=load_frame_dictionary(path), **FAST)
    assert table["frame"].tolist() == ["politics.talks", "politics.money"]
    assert table["label"].tolist() == ["politics.talks", "politics.money"]


def test_unknown_article_raises() -> None:
    with pytest.raises(ConfigError, match="no sentences"):
        frame_shares(_sentences(), a="x", b="nope", **FAST)


def test_seed_frames_carry_intervals_and_p_values(seed_corpus: Corpus) -> None:
    body = seed_corpus.sentences[seed_corpus.sentences["is_body"]]
    table = frame_shares(body, a=A_ID, b=B_ID, **FAST).set_index("frame")
    assert table.loc["security_defence", "a_share"] > 0.5
    assert "troops" in table.loc["security_defence", "b_terms"]
    assert table[["a_ci_low", "a_ci_high", "b_ci_low", "b_ci_high", "p_value"]].notna().all().all()
    assert "validation against human coding" in FRAMES_NOTE
