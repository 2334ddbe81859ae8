"""The measures a human can validate: the question a coder answers and the codes allowed.

The coding rules and the sampling design of each measure are in ``docs/methods.md``,
"Validation workbench".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from analysis.errors import ConfigError

__all__ = ["MEASURES", "Level", "Measure", "get_measure"]

#: Level of measurement of a measure's codes.
Level = Literal["nominal", "ordinal"]


@dataclass(frozen=True)
class Measure:
    """One validated measure: its question, its codes and the columns a coder sees.

    Parameters
    ----------
    name : str
        The measure's name on the command line (``--measure``).
    question : str
        The question every row of the coding sheet asks.
    codes : Mapping of str to str
        The allowed codes (in order; for an ordinal measure from low to high) and what each means.
    shows : tuple of str
        The columns of the coding sheet that hold what the coder reads (never the toolkit's
        answer).
    level : {"nominal", "ordinal"}
        Level of measurement of the codes (Krippendorff's alpha uses the matching distance).
    positive : str or None
        For a yes/no measure the code counted as a positive (precision, recall, F1); None for a
        measure scored by accuracy and macro-F1.
    guidance : str
        Further coding rules for the codebook.
    tables : tuple of str
        Report tables the units are drawn from.
    """

    name: str
    question: str
    codes: Mapping[str, str]
    shows: tuple[str, ...]
    level: Level = "nominal"
    positive: str | None = None
    guidance: str = ""
    tables: tuple[str, ...] = field(default=())

    @property
    def allowed(self) -> tuple[str, ...]:
        """The allowed codes, in order."""
        return tuple(self.codes)


_TONE = {
    "negative": "presented unfavourably: bad news, criticism, threat, failure",
    "neutral": "neither, or both in balance",
    "positive": "presented favourably: good news, praise, success, agreement",
}

MEASURES: Mapping[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            "alignment",
            "Do the two sentences report the same information, fully or in part?",
            {
                "yes": "they share at least one fact or statement (the same event, claim, "
                "quotation or figure)",
                "no": "they share only the topic or some words",
            },
            ("a_article", "a_text", "b_article", "b_text"),
            positive="yes",
            guidance="Code `yes` for a partial match too: one sentence may say more.",
            tables=("alignment", "sentences"),
        ),
        Measure(
            "gaps",
            "Is the information of this sentence missing from the other article?",
            {
                "yes": "the other article does not report it anywhere",
                "no": "the other article reports it, fully or in part, in any of its sentences",
            },
            ("article", "sentence", "text", "other_article"),
            positive="yes",
            guidance="Read the other article in `texts/<other_article>.txt` before coding. A "
            "sentence is not missing when the other article states its main fact in other words.",
            tables=("coverage_gaps", "sentences"),
        ),
        Measure(
            "word_choice",
            "Do the two phrases, in their sentences, describe the same thing in different words?",
            {"yes": "same referent or event, worded differently", "no": "different things"},
            ("a_phrase", "b_phrase", "a_sentence_text", "b_sentence_text"),
            positive="yes",
            tables=("word_choice", "sentences"),
        ),
        Measure(
            "quotes",
            "Does the passage report words said or written by the candidate?",
            {
                "yes": "the passage quotes or closely paraphrases the candidate",
                "no": "someone else speaks, or the passage is not a quotation",
            },
            ("article", "passage", "sentence_text", "candidate"),
            positive="yes",
            guidance="A partial quotation (a few quoted words) counts as words of its speaker.",
            tables=("quotes", "actors", "sentences"),
        ),
        Measure(
            "actors",
            "What kind of actor is the name, as used in this sentence?",
            {
                "person": "a named human being",
                "organisation": "a government, party, company, alliance, army or other body",
                "place": "a country, city or region (also when it stands for its government)",
                "other": "a named thing that is none of these (an event, a law, a weapon)",
                "not_an_actor": "not a name, or a fragment of one",
            },
            ("article", "name", "sentence_text"),
            tables=("actors", "sentences"),
        ),
        Measure(
            "frames",
            "Does this sentence use the frame described in `definition`?",
            {"yes": "the sentence presents the issue in that frame", "no": "it does not"},
            ("article", "text", "frame", "definition"),
            positive="yes",
            guidance="Judge the sentence's meaning, not whether a particular word occurs in it.",
            tables=("sentences",),
        ),
        Measure(
            "modality",
            "Does this sentence contain the kind of marker described in `definition`?",
            {"yes": "it does", "no": "it does not"},
            ("article", "text", "category", "definition"),
            positive="yes",
            tables=("sentences",),
        ),
        Measure(
            "tone",
            "What is the tone of this sentence?",
            _TONE,
            ("article", "text"),
            level="ordinal",
            guidance="Code the tone of what is reported, not your view of it.",
            tables=("sentiment_sentences",),
        ),
        Measure(
            "actor_tone",
            "How does the article present the actor in these sentences?",
            _TONE,
            ("article", "actor", "sentences"),
            level="ordinal",
            guidance="Code how the actor comes across, not the tone of the sentences as a whole.",
            tables=("actor_tone", "sentences"),
        ),
    )
}


def get_measure(name: str) -> Measure:
    """The measure called *name*.

    Parameters
    ----------
    name : str
        One of :data:`MEASURES`.

    Returns
    -------
    Measure

    Raises
    ------
    ConfigError
        When no measure has that name.
    """
    try:
        return MEASURES[name]
    except KeyError:
        raise ConfigError(
            f"unknown measure {name!r}; choose one of {', '.join(MEASURES)}"
        ) from None
