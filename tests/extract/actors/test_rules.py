"""Tests for analysis.extract.actors.rules: names, types and roles found by the rules."""

from __future__ import annotations

import pytest

from analysis.extract.actors import actor_table, extract_mentions
from analysis.extract.actors.rules import SentenceRules
from analysis.text.gazetteer import alias_lookup
from tests.conftest import A_ID, B_ID
from tests.extract.actors.conftest import sentences_of


@pytest.mark.parametrize(
    ("actor", "article", "role"),
    [
        ("Hanno Pevkur", A_ID, "Estonia’s Defense Minister"),
        ("Ben Hodges", B_ID, "Former U.S. Army Europe commander"),
        ("Volodymyr Zelenskyy", A_ID, "Ukrainian President"),
        ("Keir Starmer", B_ID, "British Prime Minister"),
        ("Pete Hegseth", B_ID, "U.S. Defense Secretary"),
        ("Andriy Sybiha", B_ID, "Ukrainian Foreign Minister"),
        ("Mark Rutte", A_ID, "NATO Secretary-General"),
        ("Vladimir Putin", A_ID, "Russian President"),
    ],
)
def test_seed_roles(seed_mentions, actor, article, role):
    table = actor_table(seed_mentions)
    row = table[(table["actor"] == actor) & (table["article"] == article)]
    assert len(row) == 1
    assert row["role"].iloc[0] == role
    assert row["type"].iloc[0] == "person"


def test_pevkur_only_in_anon(seed_mentions):
    articles = set(seed_mentions.loc[seed_mentions["actor"] == "Hanno Pevkur", "article"])
    assert articles == {A_ID}


@pytest.mark.parametrize(
    "word",
    ["Attendees", "Concerned", "However", "Instead", "Despite", "Thursday", "December", "Quick"],
)
def test_capitalised_common_words_are_not_names(seed_mentions, word):
    assert not seed_mentions["mention"].str.contains(rf"\b{word}\b").any()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chancellor Olaf Scholz met reporters.", [("Olaf Scholz", "person", "Chancellor")]),
        ("Lindsay Lohan checked into rehab.", [("Lindsay Lohan", "person", "")]),
        (
            "Ben Hodges, a former commander of U.S. Army Europe, said so.",
            [
                ("Ben Hodges", "person", "former commander of U.S. Army Europe"),
                ("U.S. Army Europe", "organisation", ""),
            ],
        ),
        (
            "They met at the Munich Security Conference.",
            [("Munich Security Conference", "organisation", "")],
        ),
        ("The Dutch and German governments agreed.", []),
        (
            "Officials in Kyiv and Moscow disagreed.",
            [("Kyiv", "place", ""), ("Moscow", "place", "")],
        ),
        ("Reports suggest a smaller force.", []),
        ("the F-16 and Patriot systems", []),
    ],
)
def test_rules_table(text, expected):
    found = extract_mentions(sentences_of(text))
    got = [(r.actor, r.type, r.role) for r in found.itertuples(index=False)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "heading_like", "expected"),
    [
        ("Chancellor Olaf Scholz met Britain’s envoy.", False, {"Olaf Scholz", "Britain"}),
        ("Chancellor Olaf Scholz Meets Britain", True, {"Britain"}),
        ("OFFICIALS IN BRITAIN AND FRANCE AGREED ON IT", True, set()),  # capitals: no forms
    ],
)
def test_headings_get_only_gazetteer_forms(text, heading_like, expected):
    rules = SentenceRules(alias_lookup(), frozenset(), frozenset())
    cands = rules.candidates(0, text, heading_like)
    assert {text[c.start : c.end] for c in cands} == expected
    assert all(c.row == 0 for c in cands)
