"""Tests for analysis.text.gazetteer: the shipped gazetteer and its alias lookup."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.text.gazetteer import (
    GAZETTEER_COLUMNS,
    GazetteerEntry,
    alias_lookup,
    alias_pattern,
    load_gazetteer,
)


def test_gazetteer_has_countries_and_organisations():
    table = load_gazetteer()
    assert list(table.columns) == GAZETTEER_COLUMNS
    assert {"United Kingdom", "NATO", "Ukraine"} <= set(table["actor"])
    assert table["alias"].is_unique or table.duplicated(["alias", "actor"]).sum() == 0
    assert set(table.loc[table["demonym"], "type"]) == {""}
    assert set(table.loc[~table["demonym"], "type"]) == {"place", "organisation"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the U.K. and the UK", ["U.K.", "UK"]),
        ("UKIP and XUK", []),
        ("United Kingdom", ["United Kingdom"]),
    ],
)
def test_alias_pattern_matches_whole_forms_longest_first(text, found):
    pattern = alias_pattern(["UK", "U.K.", "United Kingdom", "United"])
    assert pattern is not None
    assert [m.group() for m in pattern.finditer(text)] == found


def test_alias_pattern_of_no_forms_is_none():
    assert alias_pattern([]) is None


def test_alias_lookup_maps_forms_and_keeps_demonyms_apart():
    lookup = alias_lookup()
    assert lookup.aliases["Britain"] == GazetteerEntry("United Kingdom", "place")
    assert "Ukrainian" in lookup.demonyms
    assert "Ukrainian" not in lookup.aliases
    assert lookup.pattern is not None


def test_extra_aliases_override_the_gazetteer():
    extra = pd.DataFrame(
        {
            "alias": ["Britain", "Downing Street"],
            "actor": ["UK government"] * 2,
            "type": "organisation",
        }
    )
    lookup = alias_lookup(extra)
    assert lookup.aliases["Britain"] == GazetteerEntry("UK government", "organisation")
    assert lookup.pattern is not None
    assert lookup.pattern.search("at Downing Street today")
    assert alias_lookup().aliases["Britain"].canonical == "United Kingdom"
