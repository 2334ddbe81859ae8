"""Stream the events of a collection one at a time, so that memory stays bounded.

A collection is a folder of event folders, one JSONL/JSON/CSV/Parquet file with an ``event``
column, or the ECB+ folder. :func:`iter_event_sources` yields each event's unsegmented articles
(cheap: files are read and typed, not split into sentences), :func:`iter_events` the segmented
:class:`Corpus` of each event, both in sorted event order. A collection file is parsed once,
then split by event.
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
    """True for a folder holding ECB+ topic folders (``<topic>/<topic>_<n>ecb[plus].xml``)."""
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
            yield from _grouped(ecbplus_sources(topic))
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
    """Yield ``(event, articles)`` for every event of a collection, in sorted order.

    Events with fewer than *min_articles* articles are skipped with a logged warning, so one
    stray single-article event does not stop a run over thousands.
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
    """Yield ``(event, Corpus)`` for every event of a collection, in sorted order."""
    for event, sources in iter_event_sources(path, min_articles=min_articles):
        yield event, build_corpus(sources, min_articles=min_articles)


def list_events(path: str | Path) -> list[str]:
    """Names of the events of a collection (single-article events included)."""
    root = Path(path)
    if root.is_dir() and not is_ecbplus_folder(root):
        return [folder.name for folder in _event_folders(root)]
    return [event for event, _ in iter_event_sources(root, min_articles=1)]


def event_fingerprint(sources: Sequence[ArticleSource], parameters: str) -> str:
    """A cache key for one event: its article ids, content hashes and outlets, and *parameters*."""
    digest = hashlib.sha256(parameters.encode())
    for source in sorted(sources, key=lambda s: s.id):
        digest.update(f"\0{source.id}\0{source.sha256}\0{source.meta.get('outlet', '')}".encode())
    return digest.hexdigest()
