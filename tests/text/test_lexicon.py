"""Tests for analysis.text.lexicon: dictionary layouts, glob and phrase matching."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.text.lexicon import (
    MATCH_COLUMNS,
    format_terms,
    load_lexicon,
    match_lexicon,
    merge_terms,
    read_packaged_lexicon,
)

QUANTEDA_YAML = """\
conflict:
  - clash*
  - "at odds"
economy:
  cost:
    - cost*
  trade: [trade, "tariff?"]
"""


def _sentences(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article": "x", "sentence": range(len(texts)), "text": list(texts)})


def test_quanteda_yaml_nested_keys_become_dotted_categories(tmp_path: Path) -> None:
    path = tmp_path / "dict.yml"
    path.write_text(QUANTEDA_YAML, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.categories == ["conflict", "economy.cost", "economy.trade"]
    assert lexicon.patterns["economy.trade"] == ("trade", "tariff?")
    assert lexicon.name == "dict"


def test_package_layout_keeps_metadata() -> None:
    lexicon = load_lexicon(
        {
            "name": "mine",
            "categories": {
                "war": {"label": "War", "source": "me", "terms": ["War", "battl*"]},
                "plain": ["peace"],
            },
        }
    )
    assert lexicon.name == "mine"
    assert lexicon.patterns["war"] == ("war", "battl*")  # lower-cased
    assert lexicon.metadata["war"] == {"label": "War", "source": "me"}


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("Negotiations resumed", "negotiat*", ["negotiations"]),
        ("the peace talks began", "peace talks", ["peace talks"]),
        ("peace and talks", "peace talks", []),
        ("Ukraine's army", "ukraine's", ["ukraine"]),
        ("a non-NATO force", "non-nato", ["non-nato"]),
        ("U.S. troops", "u.s.", ["u.s."]),
        ("tariffs and tariff", "tariff?", ["tariffs"]),
        ("CLASHES", "clash*", ["clashes"]),
    ],
)
def test_matching(text: str, pattern: str, expected: list[str]) -> None:
    lexicon = load_lexicon({"c": [pattern]})
    matches = match_lexicon(_sentences(text), lexicon)
    assert matches["term"].tolist() == expected


def test_longest_match_wins_and_matches_do_not_overlap_within_a_category() -> None:
    lexicon = load_lexicon({"c": ["peace", "peace talks"], "d": ["talks"]})
    matches = match_lexicon(_sentences("peace talks and peace"), lexicon)
    assert list(matches.columns) == MATCH_COLUMNS
    rows = matches[["category", "term", "pattern", "token"]].values.tolist()
    assert rows == [
        ["c", "peace talks", "peace talks", 0],
        ["c", "peace", "peace", 3],
        ["d", "talks", "talks", 1],
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"c": []}, "has no terms"),
        ({"c": [["nested"]]}, "not a string"),
        ({"categories": {"c": {"label": "x"}}}, "no 'terms'"),
        ({"c": 3}, "expected a list"),
    ],
)
def test_bad_dictionaries_raise(source: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_lexicon(source)


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_lexicon(tmp_path / "absent.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_lexicon(broken)


@pytest.mark.parametrize("name", ["frames.yaml", "modality.yaml"])
def test_packaged_lexicons_load(name: str) -> None:
    lexicon = read_packaged_lexicon(name)
    assert lexicon.categories
    assert all(lexicon.metadata[c].get("source") for c in lexicon.categories)


def test_format_and_merge_terms() -> None:
    assert format_terms(["b", "a", "b"]) == "b (2); a (1)"
    assert merge_terms(["b (2); a (1)", "a (2)", ""]) == "a (3); b (2)"
