"""Tests for analysis.report.config: defaults, TOML files, validation, parameter groups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.align.alignment import align_articles
from analysis.corpus.loader import Corpus
from analysis.errors import ConfigError
from analysis.report import AlignConfig, ReportConfig, ResamplingConfig
from tests.conftest import A_ID, B_ID, ROOT


def test_config_defaults_and_round_trip() -> None:
    config = ReportConfig()
    assert config.method == "lexical"
    assert config.n_resamples == 9999
    assert ReportConfig.from_mapping(config.to_dict()) == config
    assert config.replace(seed=1).seed == 1
    assert config.seed != 1


def test_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    path.write_text(
        '[report]\nmethod = "lexical"\nseed = 7\nconfidence_level = 0.9\nn_resamples = 199\n'
        'codebook = "codes.csv"\nalign_partial = 0.4\n',
        encoding="utf-8",
    )
    config = ReportConfig.from_toml(path)
    assert (config.seed, config.confidence_level, config.n_resamples) == (7, 0.9, 199)
    assert config.codebook == str(tmp_path / "codes.csv")
    assert config.align_partial == 0.4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sead = 3\n", "unknown parameter 'sead'"),
        ('seed = "three"\n', "seed = 'three' must be of type int"),
        ("n_resamples = 0\n", "n_resamples = 0"),
        ("confidence_level = 95\n", "confidence_level = 95.0"),
        ("align_k = true\n", "align_k = True"),
        ("seed = \n", "not valid TOML"),
        ('actor_tone_method = "embeddings"\n', "the former 'embeddings' is now 'classifier'"),
    ],
)
def test_bad_config_raises_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        ReportConfig.from_toml(path)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ReportConfig.from_toml(tmp_path / "missing.toml")


def test_parameter_groups_take_their_defaults_from_one_place() -> None:
    assert ReportConfig().align == AlignConfig()
    assert ReportConfig().resampling == ResamplingConfig()


def test_parameter_groups_follow_the_flat_parameters() -> None:
    config = ReportConfig(align_partial=0.4, align_k=2, seed=5, n_resamples=19)
    assert config.align == AlignConfig(partial=0.4, k=2)
    assert config.resampling.kwargs() == {
        "seed": 5,
        "n_resamples": 19,
        "confidence_level": 0.95,
    }


def test_align_config_names_the_aligner_keywords(seed_corpus: Corpus) -> None:
    config = AlignConfig(partial=0.5)
    aligned = align_articles(seed_corpus, A_ID, B_ID, **config.kwargs())
    assert (aligned.a, aligned.b) == (A_ID, B_ID)
    assert (aligned.pairs["similarity"] >= 0.5).all()


def test_methods_doc_covers_every_parameter() -> None:
    methods = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    for name in ReportConfig().to_dict():
        assert f"| `{name}` |" in methods, name
