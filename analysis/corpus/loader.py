"""Read news articles from files into a frozen :class:`Corpus` of tidy tables.

Input formats and manifests are in ``corpus/README.md``, column meanings in
``docs/architecture.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.corpus.structure import (
    BODY_TYPES,
    NO_SENTENCE_TYPES,
    Block,
    parse_blocks,
    split_dateline,
)
from analysis.corpus.webpage import html_to_blocks
from analysis.errors import CorpusError
from analysis.text.normalize import normalize, word_count
from analysis.text.segment import split_sentences

__all__ = [
    "ARTICLE_COLUMNS",
    "BLOCK_COLUMNS",
    "MAX_FILE_BYTES",
    "SENTENCE_COLUMNS",
    "ArticleSource",
    "Corpus",
    "blank_controls",
    "build_corpus",
    "decode_bytes",
    "load_corpus",
    "sha256",
]

logger = logging.getLogger(__name__)

# Corpus.articles: one row per article; text is the decoded source text that every offset
# indexes into (for .txt and .md the whole decoded file). Corpus.blocks: the typed structure of
# each article in reading order. Corpus.sentences: text is always article_text[start:end].
ARTICLE_COLUMNS = [
    "id",
    "event",
    "outlet",
    "title",
    "author",
    "dateline",
    "date",
    "url",
    "path",
    "sha256",
    "format",
    "text",
    "n_sentences",
    "n_words",
]
BLOCK_COLUMNS = ["article", "block", "block_type", "paragraph", "start", "end", "text"]
SENTENCE_COLUMNS = [
    "id",
    "article",
    "sentence",
    "block",
    "block_type",
    "is_body",
    "paragraph",
    "position",
    "start",
    "end",
    "text",
    "n_words",
]
META_FIELDS = ("outlet", "title", "author", "dateline", "date", "url")
#: Largest article file read, in bytes; larger files are refused with a clear message.
MAX_FILE_BYTES = 16 * 1024 * 1024

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
RECORD_SUFFIXES = {".json": "json", ".jsonl": "jsonl"}
COLLECTION_SUFFIXES = {".jsonl", ".json", ".csv", ".parquet"}
MANIFEST = "manifest.toml"
# A folder's notes about itself, not articles: the stem README, LICENSE, LICENCE or COPYING in
# any case (README.md, license.txt), or in capitals followed by "-", "_" or "." (LICENSE-MIT.txt,
# README_de.md). Other names that start with these words (license-fee-row.txt) are articles.
_NOTES = re.compile(r"(?i:readme|licen[cs]e|copying)|(?:README|LICEN[CS]E|COPYING)[-_.].*")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ArticleSource:
    """One article before segmentation: its text, typed blocks and metadata.

    Parameters
    ----------
    id : str
        Article id, unique in the corpus.
    event : str
        Event the article belongs to.
    text : str
        Decoded source text; every offset indexes into it.
    blocks : tuple of Block
        Typed blocks in reading order.
    meta : Mapping of str to str
        Metadata (``outlet``, ``title``, ``author``, ``dateline``, ``date``, ``url``; missing
        keys are unknown).
    path : str, optional
        File path relative to the corpus root.
    sha256 : str, optional
        Hex SHA-256 of the file bytes.
    format : str, optional
        ``txt``, ``md``, ``html``, ``json``, ``jsonl`` or ``ecbplus``.
    """

    id: str
    event: str
    text: str
    blocks: tuple[Block, ...]
    meta: Mapping[str, str]
    path: str = ""
    sha256: str = ""
    format: str = "txt"


@dataclass(frozen=True)
class Corpus:
    """Articles, blocks and sentences of one or more events, as read-only tidy tables.

    Parameters
    ----------
    articles : pandas.DataFrame
        One row per article, columns :data:`ARTICLE_COLUMNS`.
    blocks : pandas.DataFrame
        One row per block in reading order, columns :data:`BLOCK_COLUMNS`.
    sentences : pandas.DataFrame
        One row per sentence in reading order, columns :data:`SENTENCE_COLUMNS`.
    """

    articles: pd.DataFrame
    blocks: pd.DataFrame
    sentences: pd.DataFrame

    def events(self) -> list[str]:
        """List the event names.

        Returns
        -------
        list of str
            Event names in sorted order.
        """
        return sorted(self.articles["event"].unique().tolist())

    def event(self, name: str) -> Corpus:
        """Select the sub-corpus of one event.

        Parameters
        ----------
        name : str
            Event name.

        Returns
        -------
        Corpus
            The articles, blocks and sentences of that event, with a fresh index.

        Raises
        ------
        CorpusError
            When the corpus has no such event.
        """
        if name not in set(self.articles["event"]):
            raise CorpusError(f"no event {name!r} in the corpus; known events: {self.events()}")
        ids = set(self.articles.loc[self.articles["event"] == name, "id"])
        return Corpus(
            articles=self.articles[self.articles["id"].isin(ids)].reset_index(drop=True),
            blocks=self.blocks[self.blocks["article"].isin(ids)].reset_index(drop=True),
            sentences=self.sentences[self.sentences["article"].isin(ids)].reset_index(drop=True),
        )

    def article(self, article_id: str) -> pd.Series:
        """Look up one article.

        Parameters
        ----------
        article_id : str
            Article id.

        Returns
        -------
        pandas.Series
            The article's row of ``articles``.

        Raises
        ------
        CorpusError
            When the corpus has no such article.
        """
        rows = self.articles[self.articles["id"] == article_id]
        if rows.empty:
            known = ", ".join(self.articles["id"])
            raise CorpusError(f"no article {article_id!r} in the corpus; known ids: {known}")
        return rows.iloc[0]

    def sentences_of(self, article_id: str, *, body_only: bool = False) -> pd.DataFrame:
        """Select the sentences of one article.

        Parameters
        ----------
        article_id : str
            Article id.
        body_only : bool, optional
            Keep only body sentences (``is_body``).

        Returns
        -------
        pandas.DataFrame
            Rows of ``sentences`` in reading order, with a fresh index.

        Raises
        ------
        CorpusError
            When the corpus has no such article.
        """
        self.article(article_id)
        rows = self.sentences[self.sentences["article"] == article_id]
        if body_only:
            rows = rows[rows["is_body"]]
        return rows.reset_index(drop=True)


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode the bytes of a text file.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such, anything else in the
    encoding charset-normalizer detects. A UTF-8 file cut inside its last character loses only
    that character (with a logged warning).

    Parameters
    ----------
    data : bytes
        The file contents.
    name : str
        File name used in messages.

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    CorpusError
        For binary data, invalid UTF-16, or an encoding that cannot be detected.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{name} starts with a UTF-16 mark but is not valid UTF-16") from exc
    if b"\x00" in data[:8192]:
        raise CorpusError(
            f"{name} is a binary file, not text; give a .txt, .md, .html or .json file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A file cut inside its last character: keep the text, drop the broken tail.
            logger.warning("%s ends inside a UTF-8 character; the last bytes were dropped", name)
            return data[: exc.start].decode("utf-8-sig")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CorpusError(
            f"{name} is not UTF-8 and its encoding could not be detected; save it as UTF-8"
        )
    logger.info("%s decoded as %s", name, best.encoding)
    return str(best)


def _read_bytes(path: Path, root: Path) -> bytes:
    _check_inside(path, root)
    if not path.is_file():
        raise CorpusError(f"{path} does not exist or is not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CorpusError(
            f"{path} is {size / 2**20:.0f} MiB; articles over {MAX_FILE_BYTES // 2**20} MiB are "
            "refused: split the file or remove what is not article text"
        )
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(f"{path} is empty; an article needs text")
    return data


def _check_inside(path: Path, root: Path) -> None:
    """Refuse paths (including symbolic links) that lead outside the corpus folder, or in a loop."""
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        raise CorpusError(
            f"{path} is a symbolic link loop; remove the link or point it at a file"
        ) from None
    try:
        resolved.relative_to(root.resolve())
    except ValueError:
        raise CorpusError(
            f"{path} points outside the corpus folder {root}; copy the file into the folder"
        ) from None


def sha256(data: bytes) -> str:
    """Hex sha256 digest of *data*, as in the ``sha256`` column of the articles table.

    Parameters
    ----------
    data : bytes
        File contents, or any bytes to fingerprint.

    Returns
    -------
    str
        64 lower-case hex digits.
    """
    return hashlib.sha256(data).hexdigest()


def _meta_from_blocks(text: str, blocks: Iterable[Block]) -> dict[str, str]:
    """Read title, dateline, outlet and author from the typed blocks.

    The title is the headline block, the dateline the dateline block; a packed byline gives
    outlet, dateline and author, in that order.
    """
    meta: dict[str, str] = {}
    bylines = []
    for block in blocks:
        piece = text[block.start : block.end]
        field = {"headline": "title", "dateline": "dateline"}.get(block.block_type)
        if field and field not in meta:
            meta[field] = piece
        elif block.block_type == "byline":
            bylines.append(piece)
    if len(bylines) >= 3:
        meta.update(outlet=bylines[0], dateline=bylines[1], author=bylines[2])
    elif bylines:
        meta["author"] = bylines[0].removeprefix("By ").removeprefix("by ")
    return meta


def _field_text(value: Any, *, field: str, where: str) -> str:
    """Read one metadata value of a manifest, JSON record or collection row as text.

    Parameters
    ----------
    value : Any
        The value as parsed: text, a number or a date are written as text; None and NaN are
        missing.
    field : str
        The field's name, for messages.
    where : str
        The file (and record) it comes from, for messages.

    Returns
    -------
    str
        The text, ``""`` when missing.

    Raises
    ------
    CorpusError
        For a list, table, bytes or boolean value, or text with a lone surrogate escape (a
        JSON escape of half a character, which no file can store as UTF-8).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date | dt.time):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        kind = type(value).__name__
        kind = {"tuple": "list", "ndarray": "list", "dict": "table", "bytearray": "bytes"}.get(
            kind, kind
        )
        raise CorpusError(
            f"{where}: {field} is {'' if kind == 'bytes' else 'a '}{kind} ({shown}), not text; "
            f"give {field} as one string"
        )
    text = str(value)
    match = _SURROGATE.search(text)
    if match:
        raise CorpusError(
            f"{where}: {field} holds the lone surrogate escape {match.group()!a}, which is "
            "not a character; remove it or write the character it stands for"
        )
    return _blanked(text, f"{where}: {field}")


def _text_source(data: bytes, *, path: Path, root: Path, fmt: str) -> tuple[str, list[Block]]:
    text = _blanked(decode_bytes(data, name=str(path)), str(path))
    if not text.strip():
        raise CorpusError(f"{path} holds only white space; an article needs text")
    if fmt == "html":
        text, blocks = html_to_blocks(text)
        return text, split_dateline(text, blocks)
    return text, parse_blocks(text, markdown=fmt == "md")


def _titled(text: str, title: str) -> tuple[str, list[Block]]:
    """Give the text of a record and its blocks, the record's title as the headline block.

    A text that opens with its title keeps it; otherwise the title (its white space folded) is
    put before the text with a blank line between, and every offset indexes into the result.
    """
    title = " ".join(title.split())
    blocks = parse_blocks(text, markdown=True, title=title)
    if not title or _opens_with(text, blocks, title):
        return text, blocks
    text = f"{title}\n\n{text}"
    return text, parse_blocks(text, markdown=True, title=title)


def _opens_with(text: str, blocks: list[Block], title: str) -> bool:
    """Tell whether the first block is a headline that repeats *title*."""
    if not blocks or blocks[0].block_type != "headline":
        return False
    first = text[blocks[0].start : blocks[0].end]
    return normalize(first).lower() == normalize(title).lower()


def _record_sources(
    records: list[Any], *, event: str, name: str, stem: str, sha: str, fmt: str
) -> list[ArticleSource]:
    sources = []
    for i, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise CorpusError(
                f"{name}: record {i + 1} has no 'text' field with a string; "
                "each JSON record needs at least 'title' and 'text'"
            )
        where = f"{name}: record {i + 1}"
        text = _field_text(record["text"], field="text", where=where)
        if not text.strip():
            raise CorpusError(f"{where} has an empty 'text'; an article needs text")
        fields = {k: _field_text(record.get(k), field=k, where=where) for k in (*META_FIELDS, "id")}
        text, blocks = _titled(text, fields["title"])
        # As for a file with a manifest: what the text shows, unless the record gives it.
        auto = {k: v for k, v in _meta_from_blocks(text, blocks).items() if v}
        meta = {**auto, **{k: fields[k] for k in META_FIELDS if fields[k]}}
        article_id = fields["id"] or (stem if len(records) == 1 else f"{stem}-{i + 1}")
        sources.append(
            ArticleSource(
                id=article_id,
                event=_field_text(record.get("event"), field="event", where=where) or event,
                text=text,
                blocks=tuple(blocks),
                meta=meta,
                path=name,
                sha256=sha,
                format=fmt,
            )
        )
    return sources


def _parse_json(text: str, *, name: str, line: int = 1) -> Any:
    """One JSON document; *line* is where it starts in the file, for messages."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"{name} is not valid JSON ({exc.msg}, line {exc.lineno + line - 1})"
        ) from None
    except RecursionError:
        raise CorpusError(
            f"{name} nests JSON arrays or objects too deeply (line {line}); "
            "give flat records with title and text"
        ) from None
    except ValueError:  # an integer of more digits than Python converts
        raise CorpusError(
            f"{name} holds a number of over {sys.get_int_max_str_digits()} digits (line {line}); "
            "write it as a string"
        ) from None


def _parse_records(data: bytes, *, name: str, fmt: str) -> list[Any]:
    text = decode_bytes(data, name=name)
    if fmt == "jsonl":
        lines = enumerate(text.splitlines(), start=1)
        return [_parse_json(line, name=name, line=n) for n, line in lines if line.strip()]
    parsed = _parse_json(text, name=name)
    return parsed if isinstance(parsed, list) else [parsed]


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        return tomllib.loads(decode_bytes(_read_bytes(path, folder), name=str(path)))
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path} is not valid TOML: {exc}") from None
    except (RecursionError, ValueError):  # nesting or integers beyond Python's limits
        raise CorpusError(
            f"{path} nests too deeply or holds a too long number; see corpus/README.md"
        ) from None


def _is_notes(path: Path) -> bool:
    """Tell whether a file is the folder's README, licence or copying notice (see _NOTES)."""
    return bool(_NOTES.fullmatch(path.stem))


def _candidate_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in {**ARTICLE_SUFFIXES, **RECORD_SUFFIXES}
        and not p.name.startswith(".")
    )


def _article_files(folder: Path) -> list[Path]:
    return [p for p in _candidate_files(folder) if not _is_notes(p)]


def _read_file_sources(path: Path, *, root: Path, event: str, rel: str) -> list[ArticleSource]:
    data = _read_bytes(path, root)
    suffix = path.suffix.lower()
    sha = sha256(data)
    if suffix in RECORD_SUFFIXES:
        fmt = RECORD_SUFFIXES[suffix]
        records = _parse_records(data, name=str(path), fmt=fmt)
        return _record_sources(records, event=event, name=rel, stem=path.stem, sha=sha, fmt=fmt)
    if suffix not in ARTICLE_SUFFIXES:
        raise CorpusError(
            f"{path} has an unsupported type {suffix!r}; use .txt, .md, .html, .json or .jsonl"
        )
    fmt = ARTICLE_SUFFIXES[suffix]
    text, blocks = _text_source(data, path=path, root=root, fmt=fmt)
    return [
        ArticleSource(
            id=path.stem,
            event=event,
            text=text,
            blocks=tuple(blocks),
            meta=_meta_from_blocks(text, blocks),
            path=rel,
            sha256=sha,
            format=fmt,
        )
    ]


def _event_sources(folder: Path, *, root: Path) -> list[ArticleSource]:
    manifest = _read_manifest(folder)
    where = str(folder / MANIFEST)
    event = _field_text((manifest or {}).get("event"), field="event", where=where) or folder.name
    rel_base = folder.relative_to(root).as_posix() if folder != root else ""

    def rel(name: str) -> str:
        return f"{rel_base}/{name}" if rel_base else name

    if manifest is None:
        for notes in sorted(set(_candidate_files(folder)) - set(_article_files(folder))):
            logger.warning(
                "%s is taken for the folder's notes (README, LICENSE, COPYING) and not read as "
                "an article; list it in a %s to read it",
                notes,
                MANIFEST,
            )
        files = _article_files(folder)
        if not files:
            raise CorpusError(
                f"{folder} holds no article files; add .txt, .md, .html or .json articles"
            )
        return [
            s for f in files for s in _read_file_sources(f, root=root, event=event, rel=rel(f.name))
        ]
    entries = manifest.get("articles")
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{folder / MANIFEST} has no [[articles]] entries; see corpus/README.md")
    listed = {
        os.path.normpath(folder / e["file"])
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("file"), str)
    }
    for unlisted in _article_files(folder):
        if os.path.normpath(unlisted) not in listed:
            logger.warning("%s is not listed in %s and is not read", unlisted, folder / MANIFEST)
    sources = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise CorpusError(f"{folder / MANIFEST}: article {i + 1} needs a 'file' string")
        file = folder / entry["file"]
        if not file.exists():
            raise CorpusError(
                f"{folder / MANIFEST} names {entry['file']!r}, which does not exist in {folder}"
            )
        found = _read_file_sources(file, root=folder, event=event, rel=rel(entry["file"]))
        if len(found) != 1:
            raise CorpusError(f"{file}: a manifest entry must name a file with one article")
        source = found[0]
        auto = {k: v for k, v in source.meta.items() if v}
        fields = {
            k: _field_text(entry.get(k), field=k, where=f"{folder / MANIFEST}: article {i + 1}")
            for k in (*META_FIELDS, "id")
        }
        given = {k: fields[k] for k in META_FIELDS if fields[k]}
        sources.append(
            ArticleSource(
                id=fields["id"] or source.id,
                event=event,
                text=source.text,
                blocks=source.blocks,
                meta={**auto, **given},
                path=source.path,
                sha256=source.sha256,
                format=source.format,
            )
        )
    return sources


def _text_columns(frame: pd.DataFrame, *, name: str) -> pd.DataFrame:
    """Every column of a Parquet table as text: numbers and dates written out, nulls ``""``.

    Columns of objects must hold text: a list, struct (dict) or bytes cell raises a
    :class:`CorpusError` naming the column and the row.
    """
    columns = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object:
            columns[column] = [
                _field_text(v, field=str(column), where=f"{name}: row {i + 1}")
                for i, v in enumerate(values.tolist())
            ]
        else:
            columns[column] = values.astype(str).where(values.notna(), "").tolist()
    return pd.DataFrame(columns, columns=frame.columns)


def _collection_file_sources(path: Path) -> list[ArticleSource]:
    """Articles from one JSONL/JSON/CSV/Parquet file with columns event, outlet, title, text."""
    suffix = path.suffix.lower()
    data = _read_bytes(path, path.parent)
    sha = sha256(data)
    if suffix in {".csv", ".parquet"}:
        import io

        try:
            frame = (
                pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
                if suffix == ".csv"
                else _text_columns(pd.read_parquet(io.BytesIO(data)), name=path.name)
            )
        except (ValueError, pd.errors.ParserError) as exc:
            raise CorpusError(f"{path} cannot be read as {suffix[1:]}: {exc}") from None
        records: list[Any] = frame.to_dict("records")
    else:
        records = _parse_records(data, name=str(path), fmt=RECORD_SUFFIXES[suffix])
    missing = [i for i, r in enumerate(records) if not isinstance(r, dict) or "event" not in r]
    if missing:
        raise CorpusError(
            f"{path}: record {missing[0] + 1} has no 'event' field; a collection file needs "
            "event, outlet, title and text"
        )
    sources = _record_sources(
        records, event="", name=path.name, stem=path.stem, sha=sha, fmt=suffix[1:]
    )
    # Records without ids get one from their event and outlet, unique within the event.
    counts: dict[str, int] = {}
    renamed = []
    for record, source in zip(records, sources, strict=True):
        if record.get("id"):
            renamed.append(source)
            continue
        base = f"{record['event']}-{record.get('outlet') or 'article'}"
        counts[base] = counts.get(base, 0) + 1
        new_id = base if counts[base] == 1 else f"{base}-{counts[base]}"
        renamed.append(ArticleSource(**{**source.__dict__, "id": new_id}))
    # Each record gets the hash of its own content, so that editing one event of a collection
    # file changes only that event's fingerprint.
    return [
        ArticleSource(
            **{
                **source.__dict__,
                "sha256": sha256(json.dumps(record, sort_keys=True, default=str).encode()),
            }
        )
        for record, source in zip(records, renamed, strict=True)
    ]


def build_corpus(sources: Iterable[ArticleSource], *, min_articles: int = 2) -> Corpus:
    """Segment typed blocks into sentences and assemble the three tables.

    Parameters
    ----------
    sources : iterable of ArticleSource
        Unsegmented articles of one or more events.
    min_articles : int, optional
        Fewest articles an event may have.

    Returns
    -------
    Corpus
        ``articles`` sorted by event and id; ``blocks`` and ``sentences`` in input and reading
        order.

    Raises
    ------
    CorpusError
        For a repeated article id or an event with fewer than *min_articles* articles.
    """
    sources = list(sources)
    ids = [s.id for s in sources]
    repeated = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) < len(ids) else []
    if repeated:
        raise CorpusError(
            f"article id {repeated[0]!r} is used twice; give every article its own id"
        )
    per_event: dict[str, list[str]] = {}
    for s in sources:
        per_event.setdefault(s.event, []).append(s.path or s.id)
    for event, paths in sorted(per_event.items()):
        if len(paths) < min_articles:
            raise CorpusError(
                f"event {event!r} has {len(paths)} article(s) ({', '.join(paths)}); "
                f"a comparison needs at least {min_articles}: add articles to the event"
            )
    article_rows: list[dict[str, Any]] = []
    block_rows: list[dict[str, Any]] = []
    sentence_rows: list[dict[str, Any]] = []
    for source in sources:
        source = _without_controls(source)
        sentences = _segment(source)
        block_rows.extend(
            {
                "article": source.id,
                "block": i,
                "block_type": b.block_type,
                "paragraph": p,
                "start": b.start,
                "end": b.end,
                "text": source.text[b.start : b.end],
            }
            for i, (b, p) in enumerate(
                zip(source.blocks, _paragraph_indices(source.blocks), strict=True)
            )
        )
        sentence_rows.extend(sentences)
        body = [s for s in sentences if s["is_body"]]
        article_rows.append(
            {
                "id": source.id,
                "event": source.event,
                **{k: str(source.meta.get(k, "")) for k in META_FIELDS},
                "path": source.path,
                "sha256": source.sha256,
                "format": source.format,
                "text": source.text,
                "n_sentences": len(body),
                "n_words": sum(s["n_words"] for s in body),
            }
        )
    articles = pd.DataFrame(article_rows, columns=ARTICLE_COLUMNS)
    articles = articles.sort_values(["event", "id"], kind="stable").reset_index(drop=True)
    blocks = pd.DataFrame(block_rows, columns=BLOCK_COLUMNS)
    sentences_df = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS)
    return Corpus(
        articles=articles,
        blocks=blocks.astype({"block": int, "paragraph": int, "start": int, "end": int}),
        sentences=sentences_df.astype(
            {"sentence": int, "block": int, "paragraph": int, "start": int, "end": int}
        ),
    )


#: C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
_CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)], " ")


def blank_controls(text: str) -> str:
    """Replace each control character of *text* by a space (tab and line ends are kept).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with C0 controls (but tab, LF, CR), DEL and the C1 controls as spaces; same
        length, so offsets into it stay valid.
    """
    return text.translate(_CONTROLS)


def _blanked(text: str, where: str) -> str:
    """*text* with its control characters as spaces, and a warning that counts them."""
    blanked = blank_controls(text)
    if blanked != text:
        n = sum(a != b for a, b in zip(text, blanked, strict=True))
        logger.warning("%s: %d control characters replaced by spaces", where, n)
    return blanked


def _without_controls(source: ArticleSource) -> ArticleSource:
    """*source* with each control character of its text and metadata replaced by a space.

    The replacement keeps every offset valid; control characters would otherwise reach figure
    labels, terminals and typeset tables. A warning says how many were replaced.
    """
    text = _blanked(source.text, source.id)
    meta = {k: blank_controls(v) if isinstance(v, str) else v for k, v in source.meta.items()}
    if text == source.text and meta == dict(source.meta):
        return source
    return dataclasses.replace(source, text=text, meta=meta)


def _paragraph_indices(blocks: Iterable[Block]) -> list[int]:
    out, n = [], 0
    for block in blocks:
        if block.block_type in BODY_TYPES:
            out.append(n)
            n += 1
        else:
            out.append(-1)
    return out


def _segment(source: ArticleSource) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    paragraphs = _paragraph_indices(source.blocks)
    for block_index, (block, paragraph) in enumerate(zip(source.blocks, paragraphs, strict=True)):
        if block.block_type in NO_SENTENCE_TYPES:
            continue
        block_text = source.text[block.start : block.end]
        for start, end in split_sentences(block_text):
            text = block_text[start:end]
            rows.append(
                {
                    "id": f"{source.id}:{len(rows)}",
                    "article": source.id,
                    "sentence": len(rows),
                    "block": block_index,
                    "block_type": block.block_type,
                    "is_body": block.block_type in BODY_TYPES,
                    "paragraph": paragraph,
                    "position": 0.0,
                    "start": block.start + start,
                    "end": block.start + end,
                    "text": text,
                    "n_words": word_count(text),
                }
            )
    n_body = sum(r["is_body"] for r in rows)
    # Body sentences spread evenly over 0..1; others take the position of the next body sentence.
    rank, position = n_body, 1.0
    for row in reversed(rows):
        if row["is_body"]:
            rank -= 1
            position = rank / (n_body - 1) if n_body > 1 else 0.0
        row["position"] = position
    return rows


def _is_collection_folder(folder: Path) -> bool:
    has_manifest = (folder / MANIFEST).exists()
    return not has_manifest and not _article_files(folder)


def load_corpus(path: str | Path, *, min_articles: int = 2) -> Corpus:
    """Read an event folder, a folder of event folders, or a collection file into a Corpus.

    Without a manifest, ids come from the file names and metadata from the texts.

    Parameters
    ----------
    path : str or Path
        An event folder (article files and an optional ``manifest.toml``), a folder whose
        sub-folders are events, or one ``.jsonl``/``.json``/``.csv``/``.parquet`` file with
        columns ``event, outlet, title, text`` (optional ``id, author, date, url``).
    min_articles : int, optional
        Fewest articles an event may have (default 2, since a comparison needs two).

    Returns
    -------
    Corpus
        The ``articles``, ``blocks`` and ``sentences`` tables of every event.

    Raises
    ------
    CorpusError
        For a missing path, an empty folder or file, a binary or undecodable file, a manifest that
        names a missing file or repeats an id, a metadata value that is not text, JSON or TOML
        beyond Python's limits (nesting, integer digits), a path leading outside the folder or
        in a symbolic link loop, or an event with fewer than *min_articles* articles. Notes files
        (README, LICENSE, COPYING; see ``corpus/README.md``) are skipped with a warning.
    """
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"{root} does not exist; give an event folder or a collection file")
    if root.is_file():
        if root.suffix.lower() not in COLLECTION_SUFFIXES:
            raise CorpusError(
                f"{root} is a single file; give its event folder, or a .jsonl/.csv/.parquet "
                "collection with event, outlet, title and text columns"
            )
        return build_corpus(_collection_file_sources(root), min_articles=min_articles)
    if _is_collection_folder(root):
        events = sorted(
            p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
        )
        if not events:
            raise CorpusError(
                f"{root} holds no articles and no event folders; add article files to it"
            )
        sources = [s for folder in events for s in _event_sources(folder, root=root)]
    else:
        sources = _event_sources(root, root=root)
    return build_corpus(sources, min_articles=min_articles)
