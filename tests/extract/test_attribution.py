"""Tests for analysis.extract.attribution: the speaker of each quotation, per construction."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.actors import extract_mentions
from analysis.extract.attribution import UNKNOWN, first_name_genders
from analysis.extract.quotes import extract_quotes


def _speakers(texts: list[str], blocks: list[int] | None = None) -> list[str]:
    sents = pd.DataFrame(
        {
            "article": "x",
            "sentence": range(len(texts)),
            "block": blocks if blocks is not None else list(range(len(texts))),
            "block_type": "paragraph",
            "is_body": True,
            "text": texts,
        }
    )
    return extract_quotes(sents, extract_mentions(sents))["speaker"].tolist()


CASES = [
    ("X said", ["Keir Starmer met officials.", "“We will stay,” Starmer said."], ["Keir Starmer"]),
    ("said X", ["“We will stay,” said Keir Starmer."], ["Keir Starmer"]),
    (
        "said X, the ...",
        ["“We have 50 injured,” said Ema Suryani, a doctor at a clinic in the district."],
        ["Ema Suryani"],
    ),
    (
        "X, who ..., said",
        ["Taban Deng, who governs the state, said: “They should be taken to book.”"],
        ["Taban Deng"],
    ),
    (
        "X, a spokesman for Y, told",
        [
            "Jerry Strickland, a spokesman for Attorney General Greg Abbott told TIME:"
            " “We are ready.”"
        ],
        ["Jerry Strickland"],
    ),
    (
        "said Rep. X (D-State)",
        ["“We need answers now,” said Rep. Emanuel Cleaver (D-Mo.) on Tuesday."],
        ["Emanuel Cleaver"],
    ),
    (
        "said Sen. X (R-State)",
        ["“The bill is dead,” said Sen. Susan Collins (R-Maine)."],
        ["Susan Collins"],
    ),
    (
        "according to X",
        ["The appeal is a “big long shot,” according to Clifford Rosky, a law professor."],
        ["Clifford Rosky"],
    ),
    (
        "colon line",
        ["Defense Secretary Pete Hegseth emphasized:", "“Any guarantee must be backed by troops.”"],
        ["Pete Hegseth"],
    ),
    (
        "continued in the next paragraph",
        ["“We have 50 injured,” said Ema Suryani, a doctor.", "“Thirty are badly hurt.”"],
        ["Ema Suryani", "Ema Suryani"],
    ),
    (
        "continued, attributed at its end",
        ['"He is holding up great.', 'He is doing fine," his attorney Walter Bugden said.'],
        ["Walter Bugden", "Walter Bugden"],
    ),
    (
        "pronoun by gender",
        [
            "Lisa Monaco met John Kirby.",
            "Kirby spoke first, then Monaco.",
            "“We are ready,” she said.",
        ],
        ["Lisa Monaco"],
    ),
    ("pronoun he", ["Mark Hurd met Lisa Su.", "“Math wins,” he said."], ["Mark Hurd"]),
    ("never a name inside", ["“Joe Biden is wrong,” Mitt Romney said."], ["Mitt Romney"]),
    (
        "pronoun never resolved inside",
        ["Mitt Romney spoke on Monday.", "“Joe Biden has failed us,” he said."],
        ["Mitt Romney"],
    ),
    (
        "role noun",
        [
            "Ema Suryani, a doctor at a clinic, told AFP that many were hurt.",
            "“We have 50 people,” added the doctor.",
        ],
        ["Ema Suryani"],
    ),
    ("unnamed source", ["“Many houses were damaged,” a village resident told AP."], [UNKNOWN]),
    (
        "unnamed source, then a pronoun",
        ["Three people died, a local official told AFP.", "“We have no power,” he added."],
        [UNKNOWN],
    ),
    ("a vehicle never speaks", ["“We are landing now,” Air Force One said."], [UNKNOWN]),
    (
        "it: an organisation",
        ["The Federal Reserve Board met on Tuesday.", "“Rates will stay where they are,” it said."],
        ["Federal Reserve Board"],
    ),
    (
        "participle",
        ["Warren Jeffs ended his speech by saying, “Amen to all of that.”"],
        ["Warren Jeffs"],
    ),
]


@pytest.mark.parametrize(("construction", "texts", "expected"), CASES, ids=[c[0] for c in CASES])
def test_speaker_per_construction(construction: str, texts: list[str], expected: list[str]) -> None:
    assert _speakers(texts) == expected


def test_speaker_is_never_a_name_only_inside_the_quotation() -> None:
    texts = ["“Romney and Obama will debate,” the moderator told reporters."]
    assert _speakers(texts) == [UNKNOWN]


def test_first_names_carry_gender() -> None:
    names = first_name_genders()
    assert names["lisa"] == "f"
    assert names["mark"] == "m"
    assert set(names.values()) == {"f", "m"}
