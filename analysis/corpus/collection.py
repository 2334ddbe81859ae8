"""Stream the events of a collection one at a time, so that memory stays bounded.

A collection is a folder of event folders, one JSONL/JSON/CSV/Parquet file with an ``event``
column, or the ECB+ folder; a collection file is parsed once, then split by event.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from analysis.corpus.loader import (
    COLLECTION_SUFFIXES,
    MANIFEST,
    ArticleSource,
    Corpus,
    _article_files,
    _collection_file_sources,
    _event_sources,
    build_corpus,
)
from analysis.errors import CorpusError

__all__ = [
    "event_fingerprint",
    "is_ecbplus_folder",
    "iter_event_sources",
    "iter_events",
    "list_events",
]

logger = logging.getLogger(__name__)


def is_ecbplus_folder(path: Path) -> bool:
    """Tell whether a path is an ECB+ folder.

    Parameters
    ----------
    path : Path
        Any path.

    Returns
    -------
    bool
        True for a folder holding ECB+ topic folders (``<topic>/<topic>_<n>ecb[plus].xml``).
    """
    return path.is_dir() and any(path.glob("*/*_*ecb*.xml"))


def _event_folders(root: Path) -> list[Path]:
    if (root / MANIFEST).exists() or _article_files(root):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _grouped(sources: Sequence[ArticleSource]) -> list[tuple[str, list[ArticleSource]]]:
    by_event: dict[str, list[ArticleSource]] = {}
    for source in sources:
        by_event.setdefault(source.event, []).append(source)
    return sorted(by_event.items())


def _all_groups(root: Path) -> Iterator[tuple[str, list[ArticleSource]]]:
    if root.is_file():
        if root.suffix.lower() not in COLLECTION_SUFFIXES:
            raise CorpusError(f"{root} is not a collection file (.jsonl, .json, .csv, .parquet)")
        yield from _grouped(_collection_file_sources(root))
    elif is_ecbplus_folder(root):
        from analysis.corpus.ecbplus import ecbplus_sources

        for topic in sorted(p for p in root.iterdir() if p.is_dir()):
            yield from _grouped(ecbplus_sources(topic, root=root))
    else:
        folders = _event_folders(root)
        if not folders:
            raise CorpusError(f"{root} holds no articles and no event folders")
        for folder in folders:
            sources = _event_sources(folder, root=root)
            yield (sources[0].event if folder == root else folder.name), sources


def iter_event_sources(
    path: str | Path, *, min_articles: int = 2
) -> Iterator[tuple[str, list[ArticleSource]]]:
    """Yield the unsegmented articles of every event of a collection, in sorted event order.

    Files are read and typed into blocks but not split into sentences, so this is cheap. Events
    with fewer than *min_articles* articles are skipped with a logged warning, so one stray
    single-article event does not stop a run over thousands.

    Parameters
    ----------
    path : str or Path
        A folder of event folders, one event folder, a collection file (``.jsonl``, ``.json``,
        ``.csv``, ``.parquet``) or the ECB+ folder.
    min_articles : int, optional
        Fewest articles an event needs to be yielded.

    Yields
    ------
    tuple of (str, list of ArticleSource)
        The event name and its articles.

    Raises
    ------
    CorpusError
        When *path* does not exist, is a file of another kind, or holds no articles.
    """
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"{root} does not exist; give a collection folder or file")
    for event, sources in _all_groups(root):
        if len(sources) < min_articles:
            logger.warning("event %s has %d article(s); skipped", event, len(sources))
            continue
        yield event, sources


def iter_events(path: str | Path, *, min_articles: int = 2) -> Iterator[tuple[str, Corpus]]:
    """Yield the segmented corpus of every event of a collection, in sorted event order.

    Parameters
    ----------
    path : str or Path
        A collection, as for :func:`iter_event_sources`.
    min_articles : int, optional
        Fewest articles an event needs; smaller events are skipped with a warning.

    Yields
    ------
    tuple of (str, Corpus)
        The event name and the corpus of that event alone.

    Raises
    ------
    CorpusError
        As :func:`iter_event_sources`, or when an event's articles cannot be assembled.
    """
    for event, sources in iter_event_sources(path, min_articles=min_articles):
        yield event, build_corpus(sources, min_articles=min_articles)


def list_events(path: str | Path) -> list[str]:
    """List the events of a collection.

    Parameters
    ----------
    path : str or Path
        A collection, as for :func:`iter_event_sources`.

    Returns
    -------
    list of str
        Event names in sorted order, single-article events included.

    Raises
    ------
    CorpusError
        When *path* does not exist or is not a collection.
    """
    root = Path(path)
    if root.is_dir() and not is_ecbplus_folder(root):
        return [folder.name for folder in _event_folders(root)]
    return [event for event, _ in iter_event_sources(root, min_articles=1)]


def event_fingerprint(sources: Sequence[ArticleSource], parameters: str) -> str:
    """Compute a cache key for one event.

    Parameters
    ----------
    sources : sequence of ArticleSource
        The event's articles, in any order.
    parameters : str
        A canonical text of every parameter the result depends on.

    Returns
    -------
    str
        Hex SHA-256 of the parameters and of each article's id, content hash and outlet.
    """
    digest = hashlib.sha256(parameters.encode())
    for source in sorted(sources, key=lambda s: s.id):
        digest.update(f"\0{source.id}\0{source.sha256}\0{source.meta.get('outlet', '')}".encode())
    return digest.hexdigest()
