"""User actor codebooks: canonical names, types and aliases that override automatic merging."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import ConfigError

__all__ = ["ACTOR_TYPES", "CODEBOOK_COLUMNS", "load_codebook", "make_codebook"]

#: Types an actor can have (the ``type`` column of mentions, actors and codebooks).
ACTOR_TYPES = ("person", "organisation", "place", "other")
#: Columns of a codebook table: a written form, its canonical actor name, the actor's type.
CODEBOOK_COLUMNS = ["alias", "actor", "type"]


def make_codebook(entries: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Codebook table from records.

    Parameters
    ----------
    entries : iterable of mapping
        Each record has ``name`` (canonical), ``type`` (one of ACTOR_TYPES, default ``person``;
        ``organization`` is read as ``organisation``) and optional ``aliases`` (list of written
        forms).

    Returns
    -------
    pandas.DataFrame
        CODEBOOK_COLUMNS, one row per alias; the canonical name is also an alias.

    Raises
    ------
    ConfigError
        When a record has no name, an unknown type or aliases that are not a list of strings.
    """
    rows = []
    for i, entry in enumerate(entries):
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"codebook entry {i} has no name; give each actor a 'name' string")
        kind = entry.get("type", "person")
        if kind == "organization":
            kind = "organisation"
        if kind not in ACTOR_TYPES:
            raise ConfigError(
                f"codebook entry {name!r} has type {kind!r}; use one of {', '.join(ACTOR_TYPES)}"
            )
        aliases = entry.get("aliases", [])
        if isinstance(aliases, str) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"codebook entry {name!r}: 'aliases' must be a list of strings")
        for alias in dict.fromkeys([name, *aliases]):
            rows.append({"alias": alias.strip(), "actor": name.strip(), "type": kind})
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)


def load_codebook(path: str | Path) -> pd.DataFrame:
    """Read a user actor codebook (TOML or YAML) into a codebook table.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.toml`` file of ``[[actor]]`` tables with ``name``, ``type``, ``aliases``, or a
        ``.yaml``/``.yml`` file holding a list of such mappings or a mapping with an ``actors``
        (or ``actor``) list.

    Returns
    -------
    pandas.DataFrame
        CODEBOOK_COLUMNS (see :func:`make_codebook`).

    Raises
    ------
    ConfigError
        When the file cannot be read or parsed, has another suffix, or holds no actor list.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read codebook {path}: {exc.strerror}; check the path") from None
    data: Any
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"codebook {path} is not valid TOML: {exc}") from None
    elif path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            msg = str(exc).splitlines()[0]
            raise ConfigError(f"codebook {path} is not valid YAML: {msg}") from None
    else:
        raise ConfigError(f"codebook {path} has suffix {path.suffix!r}; use .toml, .yaml or .yml")
    if isinstance(data, Mapping):
        data = data.get("actor", data.get("actors"))
    if not isinstance(data, list):
        raise ConfigError(f"codebook {path} holds no actor list; add [[actor]] entries")
    return make_codebook(data)
