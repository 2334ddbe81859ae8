"""Tests for analysis.extract.actors.codebook: reading and checking user codebooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import ConfigError
from analysis.extract.actors import CODEBOOK_COLUMNS, extract_mentions, load_codebook, make_codebook
from tests.extract.actors.conftest import sentences_of


def test_make_codebook_lists_every_alias_with_the_name():
    book = make_codebook(
        [{"name": "NATO", "type": "organization", "aliases": ["Nato", "NATO"]}, {"name": "Kim"}]
    )
    assert list(book.columns) == CODEBOOK_COLUMNS
    assert book.to_dict("records") == [
        {"alias": "NATO", "actor": "NATO", "type": "organisation"},
        {"alias": "Nato", "actor": "NATO", "type": "organisation"},
        {"alias": "Kim", "actor": "Kim", "type": "person"},
    ]


def test_codebook_overrides_merging(tmp_path: Path):
    path = tmp_path / "book.toml"
    path.write_text(
        '[[actor]]\nname = "UK government"\ntype = "organisation"\n'
        'aliases = ["Britain", "UK", "Downing Street"]\n',
        encoding="utf-8",
    )
    book = load_codebook(path)
    found = extract_mentions(sentences_of("Britain and the UK agreed with France."), codebook=book)
    assert list(found["actor"]) == ["UK government", "UK government", "France"]
    assert list(found["type"])[:2] == ["organisation", "organisation"]


def test_codebook_yaml(tmp_path: Path):
    path = tmp_path / "book.yaml"
    path.write_text(
        "actors:\n  - name: Volodymyr Zelenskyy\n    type: person\n    aliases: [Zelensky]\n",
        encoding="utf-8",
    )
    found = extract_mentions(sentences_of("Zelensky spoke in Kyiv."), codebook=load_codebook(path))
    assert list(found["actor"]) == ["Volodymyr Zelenskyy", "Kyiv"]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"type": "person"}], "no name"),
        ([{"name": "X", "type": "animal"}], "type"),
        ([{"name": "X", "aliases": "Y"}], "aliases"),
    ],
)
def test_bad_codebook(entries, message):
    with pytest.raises(ConfigError, match=message):
        make_codebook(entries)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("book.json", "{}", "suffix"),
        ("book.toml", "[[actor]\n", "not valid TOML"),
        ("book.yaml", "a: [", "not valid YAML"),
        ("book.yaml", "a: 1\n", "no actor list"),
    ],
)
def test_bad_codebook_file(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_codebook(path)


def test_missing_codebook_file_names_the_path(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read codebook"):
        load_codebook(tmp_path / "absent.toml")
