"""Tests for analysis.extract.actors: mentions, roles, alias merging, codebooks and the actor table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import AnalysisError, ConfigError
from analysis.extract.actors import (
    ACTOR_COLUMNS,
    MENTION_COLUMNS,
    actor_table,
    extract_mentions,
    load_codebook,
    load_gazetteer,
    make_codebook,
)
from tests.conftest import A_ID, B_ID


def _sentences(*texts: str, article: str = "x", block_type: str = "paragraph") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article": article,
            "sentence": range(len(texts)),
            "block_type": block_type,
            "is_body": block_type in {"paragraph", "list_item"},
            "text": list(texts),
        }
    )


@pytest.fixture(scope="module")
def seed_mentions(seed_corpus) -> pd.DataFrame:
    return extract_mentions(seed_corpus.sentences)


def test_columns_and_offsets(seed_corpus, seed_mentions):
    assert list(seed_mentions.columns) == MENTION_COLUMNS
    texts = seed_corpus.sentences.set_index(["article", "sentence"])["text"]
    for row in seed_mentions.itertuples(index=False):
        assert texts[(row.article, row.sentence)][row.start : row.end] == row.mention
    assert set(seed_mentions["type"]) <= {"person", "organisation", "place", "other"}


def test_input_not_mutated(seed_corpus):
    before = seed_corpus.sentences.copy()
    extract_mentions(seed_corpus.sentences)
    pd.testing.assert_frame_equal(seed_corpus.sentences, before)


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
    ("mention", "actor"),
    [
        ("Zelenskyy", "Volodymyr Zelenskyy"),
        ("Starmer", "Keir Starmer"),
        ("Hegseth", "Pete Hegseth"),
        ("Putin", "Vladimir Putin"),  # full name only in the other article
        ("Trump", "Donald Trump"),
        ("Britain", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("United Kingdom", "United Kingdom"),
        ("EU", "European Union"),
    ],
)
def test_seed_alias_merging(seed_mentions, mention, actor):
    rows = seed_mentions[seed_mentions["mention"] == mention]
    if mention == "U.K.":  # only inside Starmer's quotation in 001
        rows = extract_mentions(_sentences("The U.K. will play its part, Starmer said."))
        rows = rows[rows["mention"] == mention]
    assert len(rows) >= 1
    assert set(rows["actor"]) == {actor}


@pytest.mark.parametrize(
    "word",
    ["Attendees", "Concerned", "However", "Instead", "Despite", "Thursday", "December", "Quick"],
)
def test_capitalised_common_words_are_not_names(seed_mentions, word):
    assert not seed_mentions["mention"].str.contains(rf"\b{word}\b").any()


def test_headings_only_get_known_names(seed_mentions):
    heading = seed_mentions[(seed_mentions["article"] == A_ID) & (seed_mentions["sentence"] == 19)]
    assert list(heading["actor"]) == ["Ukraine"]  # "Ukraine’s Position and Future Alliances"
    headline = seed_mentions[(seed_mentions["article"] == B_ID) & (seed_mentions["sentence"] == 0)]
    assert set(headline["actor"]) == {"Europe", "Ukraine"}


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
    found = extract_mentions(_sentences(text))
    got = [(r.actor, r.type, r.role) for r in found.itertuples(index=False)]
    assert got == expected


def test_surname_links_to_full_name_in_event():
    found = extract_mentions(
        _sentences("Senator Jane Doe arrived.", "Doe said little.", "Later, Doe left.")
    )
    assert set(found["actor"]) == {"Jane Doe"}
    assert list(found["role"]) == ["Senator", "", ""]


def test_ambiguous_surname_is_not_merged():
    found = extract_mentions(
        _sentences("George Bush and Laura Bush arrived.", "Later, Bush spoke to Smith.")
    )
    assert {"George Bush", "Laura Bush"} <= set(found["actor"])
    assert "Bush" not in set(found.loc[found["sentence"] == 1, "actor"]) - {"Bush"}
    assert "George Bush" not in set(found.loc[found["sentence"] == 1, "actor"])


def test_event_column_keeps_merging_per_event():
    frame = pd.concat(
        [
            _sentences("President John Smith spoke.", article="e1").assign(event="one"),
            _sentences("Mary Smith arrived.", "Smith said no.", article="e2").assign(event="two"),
        ],
        ignore_index=True,
    )
    found = extract_mentions(frame)
    assert set(found.loc[found["article"] == "e2", "actor"]) == {"Mary Smith"}


def test_codebook_overrides_merging(tmp_path: Path):
    path = tmp_path / "book.toml"
    path.write_text(
        '[[actor]]\nname = "UK government"\ntype = "organisation"\n'
        'aliases = ["Britain", "UK", "Downing Street"]\n',
        encoding="utf-8",
    )
    book = load_codebook(path)
    found = extract_mentions(_sentences("Britain and the UK agreed with France."), codebook=book)
    assert list(found["actor"]) == ["UK government", "UK government", "France"]
    assert list(found["type"])[:2] == ["organisation", "organisation"]


def test_codebook_yaml(tmp_path: Path):
    path = tmp_path / "book.yaml"
    path.write_text(
        "actors:\n  - name: Volodymyr Zelenskyy\n    type: person\n    aliases: [Zelensky]\n",
        encoding="utf-8",
    )
    found = extract_mentions(_sentences("Zelensky spoke in Kyiv."), codebook=load_codebook(path))
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


def test_bad_codebook_file(tmp_path: Path):
    path = tmp_path / "book.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="suffix"):
        load_codebook(path)


def test_bad_method_and_columns():
    with pytest.raises(ConfigError, match="method"):
        extract_mentions(_sentences("x"), method="crf")
    with pytest.raises(AnalysisError, match="column"):
        extract_mentions(pd.DataFrame({"text": ["x"]}))


def test_spacy_method_without_spacy_names_the_fix():
    pytest.importorskip("pytest")
    try:
        import spacy  # noqa: F401
    except ImportError:
        with pytest.raises(AnalysisError, match="pip install"):
            extract_mentions(_sentences("Keir Starmer spoke."), method="spacy")
    else:  # pragma: no cover - spaCy installed
        pytest.skip("spaCy is installed")


def test_gazetteer_has_countries_and_organisations():
    table = load_gazetteer()
    assert {"United Kingdom", "NATO", "Ukraine"} <= set(table["actor"])
    assert table["alias"].is_unique or table.duplicated(["alias", "actor"]).sum() == 0


def test_actor_table(seed_mentions):
    table = actor_table(seed_mentions)
    assert list(table.columns) == ACTOR_COLUMNS
    assert (table["n_mentions"] >= 1).all()
    assert table["n_mentions"].sum() == len(seed_mentions)
    assert not table.duplicated(["article", "actor"]).any()
    assert list(actor_table(seed_mentions.iloc[:0]).columns) == ACTOR_COLUMNS


def test_empty_input():
    assert extract_mentions(_sentences()).empty
