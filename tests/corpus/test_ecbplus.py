"""Tests for analysis.corpus.ecbplus (skipped when the shared ECB+ data is absent)."""

from __future__ import annotations

import pytest

from analysis.corpus.ecbplus import detokenize, load_ecbplus
from analysis.errors import CorpusError
from tests.conftest import SHARED

ECB = SHARED / "benchmarks" / "ecbplus" / "ECB+"


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Hello", ",", "world", "."], "Hello, world."),
        (["He", "said", "(", "loudly", ")", "."], "He said (loudly)."),
        (["Jeffs", "'s", "trial"], "Jeffs's trial"),
        (["It", "was", "n't"], "It wasn't"),
        ([], ""),
    ],
)
def test_detokenize(tokens: list[str], text: str) -> None:
    assert detokenize(tokens) == text


@pytest.mark.skipif(not ECB.is_dir(), reason="../shared/benchmarks/ecbplus is absent")
def test_load_one_topic() -> None:
    corpus = load_ecbplus(ECB / "36")
    assert corpus.events() == ["36_ecb", "36_ecbplus"]
    plus = corpus.articles[corpus.articles["event"] == "36_ecbplus"]
    assert plus["url"].str.startswith("http").all()
    first = corpus.article("36_1ecbplus")
    assert "ibtimes" in first["url"]
    for row in corpus.sentences.itertuples():
        text = corpus.article(row.article)["text"]
        assert text[row.start : row.end] == row.text


def test_not_a_folder(tmp_path) -> None:
    with pytest.raises(CorpusError, match="not a folder"):
        load_ecbplus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no ECB"):
        load_ecbplus(tmp_path)
