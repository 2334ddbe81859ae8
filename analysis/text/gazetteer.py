"""The shipped gazetteer of countries, places and organisations, and lookups of its aliases.

The data file is ``analysis/data/gazetteer.toml`` (sources in its header).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.resources import read_text

__all__ = [
    "GAZETTEER_COLUMNS",
    "AliasLookup",
    "GazetteerEntry",
    "alias_lookup",
    "alias_pattern",
    "load_gazetteer",
]

#: Columns of :func:`load_gazetteer`: a written form, its canonical name, ``place`` or
#: ``organisation`` ("" for demonyms), and whether the form is a demonym ("Ukrainian").
GAZETTEER_COLUMNS = ["alias", "actor", "type", "demonym"]

_SECTIONS = (("countries", "place"), ("places", "place"), ("organisations", "organisation"))


@lru_cache(maxsize=1)
def load_gazetteer() -> pd.DataFrame:
    """Read the shipped gazetteer, one row per written form (cached).

    Returns
    -------
    pandas.DataFrame
        GAZETTEER_COLUMNS: ``alias``, ``actor`` (canonical name, itself also an alias), ``type``
        (``place`` or ``organisation``) and ``demonym`` (bool; demonym rows have type "").
        Rows by section (countries, places, organisations), then file order.

    Raises
    ------
    AnalysisError
        When ``gazetteer.toml`` is not shipped (reinstall the package).
    """
    data = tomllib.loads(read_text("gazetteer.toml", fix="reinstall storydiff-news"))
    rows = []
    for section, kind in _SECTIONS:
        for entry in data.get(section, []):
            name = entry["name"]
            for alias in [name, *entry.get("aliases", [])]:
                rows.append({"alias": alias, "actor": name, "type": kind, "demonym": False})
            for demonym in entry.get("demonyms", []):
                rows.append({"alias": demonym, "actor": name, "type": "", "demonym": True})
    return pd.DataFrame(rows, columns=GAZETTEER_COLUMNS)


def alias_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """Compile a regex matching any of *forms* case-sensitively as a whole word, longest first.

    Parameters
    ----------
    forms : iterable of str
        Written forms ("U.K.", "United Kingdom").

    Returns
    -------
    re.Pattern or None
        The pattern (a form never starts right after a letter, digit or dot, nor ends before a
        letter or digit), or None when *forms* is empty.
    """
    ordered = sorted(set(forms), key=lambda s: (-len(s), s))
    if not ordered:
        return None
    body = "|".join(re.escape(form) for form in ordered)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


@dataclass(frozen=True)
class GazetteerEntry:
    """What a written form stands for: its canonical name and type.

    Parameters
    ----------
    canonical : str
        The canonical name ("United Kingdom").
    type : str
        ``place`` or ``organisation`` (gazetteer), or the codebook's actor type.
    """

    canonical: str
    type: str


@dataclass(frozen=True)
class AliasLookup:
    """Written forms to their entry, the demonyms, and a pattern matching every form.

    Parameters
    ----------
    aliases : Mapping of str to GazetteerEntry
        Each written form (canonical names included) to what it stands for.
    demonyms : frozenset of str
        Demonyms ("Ukrainian", "British"), which are not aliases.
    pattern : re.Pattern or None
        :func:`alias_pattern` of the *aliases*, None when there are none.
    """

    aliases: Mapping[str, GazetteerEntry]
    demonyms: frozenset[str]
    pattern: re.Pattern[str] | None


def alias_lookup(extra: pd.DataFrame | None = None) -> AliasLookup:
    """Build the gazetteer's names and demonyms into a lookup, *extra* aliases taking precedence.

    Parameters
    ----------
    extra : pandas.DataFrame, optional
        Rows of ``alias, actor, type`` (a user codebook) that add forms or override the
        gazetteer's entry for a form.

    Returns
    -------
    AliasLookup
        The first gazetteer entry of each form unless *extra* names the form; demonyms are not
        aliases.
    """
    table = load_gazetteer()
    aliases: dict[str, GazetteerEntry] = {}
    names = table[~table["demonym"]]
    for alias, actor, kind in zip(names["alias"], names["actor"], names["type"], strict=True):
        aliases.setdefault(alias, GazetteerEntry(actor, kind))
    demonyms = frozenset(table.loc[table["demonym"], "alias"])
    if extra is not None:
        for alias, actor, kind in zip(extra["alias"], extra["actor"], extra["type"], strict=True):
            aliases[alias] = GazetteerEntry(actor, kind)
    return AliasLookup(aliases, demonyms, alias_pattern(aliases))
