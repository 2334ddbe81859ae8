"""Actors: people, organisations and places mentioned, with aliases merged across articles.

The default path (``method="rules"``) needs no model: capitalisation, titles and roles, and the
shipped gazetteer (rule-based NER after Mikheev, Moens & Grover 1999); see ``docs/methods.md``.
"""

from analysis.extract.actors.codebook import (
    ACTOR_TYPES,
    CODEBOOK_COLUMNS,
    load_codebook,
    make_codebook,
)
from analysis.extract.actors.mentions import MENTION_COLUMNS, extract_mentions
from analysis.extract.actors.merging import ACTOR_COLUMNS, actor_table
from analysis.extract.actors.words import TITLE_WORDS
from analysis.text.gazetteer import load_gazetteer

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "CODEBOOK_COLUMNS",
    "MENTION_COLUMNS",
    "TITLE_WORDS",
    "actor_table",
    "extract_mentions",
    "load_codebook",
    "load_gazetteer",
    "make_codebook",
]
