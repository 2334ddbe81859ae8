"""Term dictionaries (frame codebooks, modality lexicons): loading them and finding their matches.

Patterns, YAML layouts and the matching rule are in ``docs/methods.md``, section 10.
"""

from __future__ import annotations

import fnmatch
import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.errors import ConfigError
from analysis.resources import read_text
from analysis.text.normalize import normalize, tokenize

__all__ = [
    "MATCH_COLUMNS",
    "Lexicon",
    "format_terms",
    "load_lexicon",
    "match_lexicon",
    "merge_terms",
    "read_packaged_lexicon",
    "sentence_terms",
]

logger = logging.getLogger(__name__)

# Columns of match_lexicon: the sentence keys (id_cols), the category matched, the matched text
# (lower-cased tokens joined by a space), the pattern that matched it, and the 0-based index of
# the first matched token in the sentence.
MATCH_COLUMNS = ["article", "sentence", "category", "term", "pattern", "token"]
_METADATA_KEYS = ("label", "description", "source")


@dataclass(frozen=True)
class Lexicon:
    """Categories of patterns, with optional per-category metadata (label, description, source).

    A pattern is one or more white-space separated parts, each matched against one lower-cased
    token; a part may use the glob wildcards ``*`` and ``?`` (``negotiat*``, ``peace talks``).

    Parameters
    ----------
    name : str
        Name of the lexicon (the file stem when read from a file).
    patterns : Mapping of str to tuple of str
        Each category's patterns, lower case, in file order.
    metadata : Mapping of str to Mapping of str to str, optional
        Per category, the ``label``, ``description`` and ``source`` strings the file gave.
    description : str, optional
        Description of the whole lexicon.

    Raises
    ------
    ConfigError
        When a category has no patterns.
    """

    name: str
    patterns: Mapping[str, tuple[str, ...]]
    metadata: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    description: str = ""

    @property
    def categories(self) -> list[str]:
        """Category names in file order."""
        return list(self.patterns)

    def __post_init__(self) -> None:
        for category, patterns in self.patterns.items():
            if not patterns:
                raise ConfigError(f"category {category!r} of lexicon {self.name!r} has no terms")


def _clean_pattern(raw: Any, where: str) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise ConfigError(f"{where}: term {raw!r} is not a string; list terms as plain strings")
    text = normalize(str(raw)).lower()
    if not text:
        raise ConfigError(f"{where}: empty term; remove it or give a word or glob pattern")
    return text


def _terms(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected a list of terms, got {type(value).__name__}")
    return tuple(dict.fromkeys(_clean_pattern(item, where) for item in value))


def _flatten_quanteda(
    mapping: Mapping[str, Any], prefix: str, out: dict[str, tuple[str, ...]]
) -> None:
    for key, value in mapping.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            _flatten_quanteda(value, name, out)
        else:
            out[name] = _terms(value, f"category {name!r}")


def _from_mapping(data: Mapping[str, Any], name: str) -> Lexicon:
    categories = data.get("categories")
    if isinstance(categories, Mapping):
        patterns: dict[str, tuple[str, ...]] = {}
        metadata: dict[str, dict[str, str]] = {}
        for category, spec in categories.items():
            where = f"category {category!r}"
            if isinstance(spec, Mapping):
                if "terms" not in spec:
                    raise ConfigError(f"{where} has no 'terms' list; add terms: [word, glob*, ...]")
                patterns[str(category)] = _terms(spec["terms"], where)
                metadata[str(category)] = {
                    key: str(spec[key]).strip() for key in _METADATA_KEYS if key in spec
                }
            else:
                patterns[str(category)] = _terms(spec, where)
        return Lexicon(
            name=str(data.get("name", name)),
            patterns=patterns,
            metadata=metadata,
            description=str(data.get("description", "")).strip(),
        )
    flat: dict[str, tuple[str, ...]] = {}
    _flatten_quanteda(data, "", flat)
    return Lexicon(name=name, patterns=flat)


def load_lexicon(source: str | Path | Mapping[str, Any]) -> Lexicon:
    """Read a lexicon from a YAML file or from the mapping such a file parses to.

    Parameters
    ----------
    source : str, Path or Mapping
        A YAML file in the package's layout (``categories`` of ``{label, description, source,
        terms}``) or the quanteda dictionary layout (nested keys, joined with ``.``), or the
        parsed mapping itself (named ``"custom"``).

    Returns
    -------
    Lexicon
        The categories and their patterns in file order.

    Raises
    ------
    ConfigError
        When the file is missing, is not YAML, holds no categories, or a category has no terms.
    """
    if isinstance(source, Mapping):
        return _from_mapping(source, "custom")
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(
            f"{path}: cannot read the dictionary ({err.strerror}); check the path"
        ) from err
    return _parse_yaml(text, path.stem, str(path))


def _parse_yaml(text: str, name: str, where: str) -> Lexicon:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ConfigError(
            f"{where} is not valid YAML ({err.__class__.__name__}); fix its syntax"
        ) from err
    if not isinstance(data, Mapping) or not data:
        raise ConfigError(f"{where} holds no categories; give a mapping of category -> terms")
    return _from_mapping(data, name)


@functools.lru_cache(maxsize=16)
def read_packaged_lexicon(file_name: str) -> Lexicon:
    """Load a lexicon shipped in ``analysis/data``, cached.

    Parameters
    ----------
    file_name : str
        File name inside ``analysis/data``, e.g. ``"frames.yaml"``.

    Returns
    -------
    Lexicon
        The parsed lexicon, named after the file stem.

    Raises
    ------
    ConfigError
        When the file is not shipped or does not parse.
    """
    text = read_text(file_name, fix="reinstall storydiff-news")
    return _parse_yaml(text, Path(file_name).stem, file_name)


@dataclass(frozen=True)
class _Part:
    exact: str | None
    regex: re.Pattern[str] | None

    def matches(self, token: str) -> bool:
        if self.exact is not None:
            return token == self.exact
        assert self.regex is not None
        return self.regex.fullmatch(token) is not None


def _compile(pattern: str) -> tuple[_Part, ...]:
    parts = []
    for piece in pattern.split():
        if any(ch in piece for ch in "*?["):
            parts.append(_Part(None, re.compile(fnmatch.translate(piece))))
        else:
            # a literal part goes through the same tokenizer as the text ("ukraine's" -> "ukraine")
            tokens = tokenize(piece)
            parts.extend(_Part(tok, None) for tok in tokens)
    return tuple(parts)


class _Matcher:
    """Patterns of one lexicon compiled once; finds non-overlapping matches per category."""

    def __init__(self, lexicon: Lexicon) -> None:
        # per category: literal first token -> entries, and entries whose first part is a glob
        self.exact: dict[str, dict[str, list[tuple[str, tuple[_Part, ...]]]]] = {}
        self.globs: dict[str, list[tuple[str, tuple[_Part, ...]]]] = {}
        for category, patterns in lexicon.patterns.items():
            exact: dict[str, list[tuple[str, tuple[_Part, ...]]]] = {}
            globs = []
            for pattern in patterns:
                parts = _compile(pattern)
                if not parts:
                    continue
                if parts[0].exact is not None:
                    exact.setdefault(parts[0].exact, []).append((pattern, parts))
                else:
                    globs.append((pattern, parts))
            self.exact[category] = exact
            self.globs[category] = globs
        # Texts repeat their tokens: remember which patterns each token can start.
        self._memo: dict[tuple[str, str], list[tuple[str, tuple[_Part, ...]]]] = {}

    def _candidates(self, category: str, token: str) -> list[tuple[str, tuple[_Part, ...]]]:
        key = (category, token)
        found = self._memo.get(key)
        if found is None:
            found = list(self.exact[category].get(token, ()))
            found.extend(entry for entry in self.globs[category] if entry[1][0].matches(token))
            self._memo[key] = found
        return found

    def find(self, tokens: Sequence[str]) -> list[tuple[str, str, str, int]]:
        found = []
        for category in self.exact:
            i = 0
            while i < len(tokens):
                best: tuple[int, str] | None = None
                for pattern, parts in self._candidates(category, tokens[i]):
                    n = len(parts)
                    if i + n > len(tokens) or (best is not None and n <= best[0]):
                        continue
                    window = tokens[i : i + n]
                    if all(part.matches(tok) for part, tok in zip(parts, window, strict=True)):
                        best = (n, pattern)
                if best is None:
                    i += 1
                    continue
                n, pattern = best
                found.append((category, " ".join(tokens[i : i + n]), pattern, i))
                i += n
        return found


def match_lexicon(
    sentences: pd.DataFrame,
    lexicon: Lexicon,
    *,
    text_col: str = "text",
    id_cols: Sequence[str] = ("article", "sentence"),
) -> pd.DataFrame:
    """Find every match of a lexicon in a table of sentences.

    Within one category matches do not overlap (the longest pattern at a token wins); different
    categories may match the same tokens. The input is not modified.

    Parameters
    ----------
    sentences : pandas.DataFrame
        One row per sentence, with ``text_col`` and the *id_cols*.
    lexicon : Lexicon
        The patterns to look for.
    text_col : str, optional
        Column holding the text.
    id_cols : sequence of str, optional
        Key columns copied to every match row.

    Returns
    -------
    pandas.DataFrame
        One row per match, columns :data:`MATCH_COLUMNS` with the first two replaced by
        *id_cols*: ``category``, ``term`` (matched tokens joined by a space), ``pattern`` and
        ``token`` (0-based index of the first matched token). Rows follow the input order, then
        category order, then token order.

    Raises
    ------
    ConfigError
        When *sentences* lacks ``text_col`` or one of *id_cols*.
    """
    missing = [col for col in (text_col, *id_cols) if col not in sentences.columns]
    if missing:
        raise ConfigError(f"sentences lack the column(s) {missing}; pass a Corpus.sentences table")
    matcher = _Matcher(lexicon)
    rows = []
    for values in sentences[[*id_cols, text_col]].itertuples(index=False, name=None):
        keys, text = values[:-1], values[-1]
        for category, term, pattern, token in matcher.find(tokenize(str(text))):
            rows.append((*keys, category, term, pattern, token))
    columns = [*id_cols, *MATCH_COLUMNS[2:]]
    table = pd.DataFrame(rows, columns=columns)
    logger.debug("lexicon %s: %d matches in %d sentences", lexicon.name, len(table), len(sentences))
    return table


def sentence_terms(
    sentences: pd.DataFrame, lexicon: Lexicon, *, group_col: str = "article"
) -> list[tuple[int, str, Any, str, list[str]]]:
    """List the matched terms of every sentence and category.

    Parameters
    ----------
    sentences : pandas.DataFrame
        One row per sentence, with ``group_col``, ``sentence`` and ``text``.
    lexicon : Lexicon
        The patterns to look for.
    group_col : str, optional
        Column naming the group of each sentence (usually the article).

    Returns
    -------
    list of tuple
        ``(row, group, sentence, category, terms)`` for every sentence and category: the 0-based
        row position, the group as str, the sentence number, and the list of matched terms
        (empty when the category has no match). Rows follow the input order, categories the
        lexicon's order.

    Raises
    ------
    ConfigError
        When *sentences* lacks one of the three columns.
    """
    for col in (group_col, "sentence", "text"):
        if col not in sentences.columns:
            raise ConfigError(f"sentences lack the column {col!r}; pass a Corpus.sentences table")
    keyed = pd.DataFrame(
        {"row": range(len(sentences)), "text": sentences["text"].astype(str).to_numpy()}
    )
    matches = match_lexicon(keyed, lexicon, id_cols=("row",))
    grouped = matches.groupby(["row", "category"], sort=False)["term"].agg(list)
    keys = zip(sentences[group_col].astype(str), sentences["sentence"], strict=True)
    return [
        (row, group, sentence, category, grouped.get((row, category), []))
        for row, (group, sentence) in enumerate(keys)
        for category in lexicon.categories
    ]


def format_terms(terms: Iterable[str]) -> str:
    """Format terms as one table cell with their counts.

    Parameters
    ----------
    terms : iterable of str
        Terms, repeated as often as they occur.

    Returns
    -------
    str
        Distinct terms with counts, most frequent first, then A-Z: ``"troops (3); nato (2)"``;
        ``""`` for no terms.
    """
    counts = Counter(terms)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "; ".join(f"{term} ({n})" for term, n in ordered)


def merge_terms(cells: Iterable[str]) -> str:
    """Merge cells written by :func:`format_terms` into one such cell.

    Parameters
    ----------
    cells : iterable of str
        Cells such as ``"troops (3); nato (2)"``; empty cells are skipped.

    Returns
    -------
    str
        One cell with the counts of each term added up, in :func:`format_terms` order.
    """
    counts: Counter[str] = Counter()
    for cell in cells:
        for item in filter(None, str(cell).split("; ")):
            term, _, n = item.rpartition(" (")
            counts[term] += int(n.rstrip(")"))
    return format_terms(counts.elements())
