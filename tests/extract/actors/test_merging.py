"""Tests for analysis.extract.actors.merging: aliases merged within an event, the actor table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.actors import ACTOR_COLUMNS, actor_table, extract_mentions
from tests.extract.actors.conftest import sentences_of


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        ("Zelenskyy", "Volodymyr Zelenskyy"),
        ("Starmer", "Keir Starmer"),
        ("Hegseth", "Pete Hegseth"),
        ("Putin", "Vladimir Putin"),  # full name only in the other article
        ("Trump", "Donald Trump"),
        ("Britain", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("United Kingdom", "United Kingdom"),
        ("EU", "European Union"),
    ],
)
def test_seed_alias_merging(seed_mentions, mention, actor):
    rows = seed_mentions[seed_mentions["mention"] == mention]
    assert len(rows) >= 1
    assert set(rows["actor"]) == {actor}


def test_dotted_alias_merges_with_the_gazetteer_name():
    # "U.K." occurs in the seed only inside Starmer's quotation
    found = extract_mentions(sentences_of("The U.K. will play its part, Starmer said."))
    assert list(found["actor"]) == ["United Kingdom", "Starmer"]


def test_surname_links_to_full_name_in_event():
    found = extract_mentions(
        sentences_of("Senator Jane Doe arrived.", "Doe said little.", "Later, Doe left.")
    )
    assert set(found["actor"]) == {"Jane Doe"}
    assert list(found["role"]) == ["Senator", "", ""]


def test_ambiguous_surname_is_not_merged():
    found = extract_mentions(
        sentences_of("George Bush and Laura Bush arrived.", "Later, Bush spoke to Smith.")
    )
    assert {"George Bush", "Laura Bush"} <= set(found["actor"])
    assert "George Bush" not in set(found.loc[found["sentence"] == 1, "actor"])


def test_acronym_links_to_the_long_name():
    found = extract_mentions(
        sentences_of("The European Defence Agency (EDA) met.", "Officials of the EDA agreed.")
    )
    assert set(found.loc[found["mention"] == "EDA", "actor"]) == {"European Defence Agency"}


def test_actor_table(seed_mentions):
    table = actor_table(seed_mentions)
    assert list(table.columns) == ACTOR_COLUMNS
    assert (table["n_mentions"] >= 1).all()
    assert table["n_mentions"].sum() == len(seed_mentions)
    assert not table.duplicated(["article", "actor"]).any()
    assert list(actor_table(seed_mentions.iloc[:0]).columns) == ACTOR_COLUMNS


def test_actor_table_orders_by_mentions_within_article():
    found = extract_mentions(
        sentences_of("Officials in Kyiv met.", "Moscow said no.", "Moscow said yes.", article="z")
    )
    table = actor_table(found)
    assert list(table["actor"]) == ["Moscow", "Kyiv"]
    assert list(table["n_mentions"]) == [2, 1]
    assert list(table["first_sentence"]) == [1, 0]


_EVENT = [
    "Republican Mitt Romney spoke on Monday.",
    "Mitt Romney said the U.S. Embassy and the U.S. Consulate were closed.",
    "Romney flew on Air Force One with a can of Red Bull.",
    "Mr. Romney told ABC News that ABC would air it.",
]


@pytest.mark.parametrize(
    ("mention", "actor", "kind"),
    [
        ("Mitt Romney", "Mitt Romney", "person"),  # "Republican" is no part of the name
        ("Romney", "Mitt Romney", "person"),
        ("U.S. Embassy", "U.S. Embassy", "organisation"),
        ("U.S. Consulate", "U.S. Consulate", "organisation"),
        ("Air Force One", "Air Force One", "other"),
        ("Red Bull", "Red Bull", "other"),
        ("ABC", "ABC News", "organisation"),
    ],
)
def test_merging_and_typing_in_one_event(mention: str, actor: str, kind: str) -> None:
    sents = pd.DataFrame({"article": "x", "sentence": range(len(_EVENT)), "text": _EVENT})
    found = extract_mentions(sents)
    rows = found[found["mention"] == mention]
    assert not rows.empty
    assert set(rows["actor"]) == {actor}
    assert set(rows["type"]) == {kind}
