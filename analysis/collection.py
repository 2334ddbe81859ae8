"""Stream the events of a collection one at a time, so that memory stays bounded.

A collection is a folder of event folders, one JSONL/JSON/CSV/Parquet file with an ``event``
column, or the ECB+ folder. :func:`iter_events` yields ``(event, Corpus)`` pairs in sorted event
order; only one event's articles are segmented at a time (a collection file is parsed once, then
split by event).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from analysis.corpus import (
    COLLECTION_SUFFIXES,
    MANIFEST,
    Corpus,
    _article_files,
    _collection_file_sources,
    _event_sources,
    build_corpus,
    load_corpus,
)
from analysis.errors import CorpusError

__all__ = ["event_fingerprint", "is_ecbplus_folder", "iter_events", "list_events"]


def is_ecbplus_folder(path: Path) -> bool:
    """True for a folder holding ECB+ topic folders (``<topic>/<topic>_<n>ecb[plus].xml``)."""
    return path.is_dir() and any(path.glob("*/*_*ecb*.xml"))


def _event_folders(root: Path) -> list[Path]:
    if (root / MANIFEST).exists() or _article_files(root):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def list_events(path: str | Path) -> list[str]:
    """Names of the events of a collection, without reading any article."""
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"{root} does not exist; give a collection folder or file")
    if root.is_file() or is_ecbplus_folder(root):
        return [name for name, _ in iter_events(root, min_articles=1)]
    return [folder.name for folder in _event_folders(root)]


def iter_events(path: str | Path, *, min_articles: int = 2) -> Iterator[tuple[str, Corpus]]:
    """Yield ``(event, Corpus)`` for every event of a collection, in sorted order.

    Events with fewer than *min_articles* articles are skipped (a warning is logged), so one
    stray single-article event does not stop a run over thousands.
    """
    import logging

    logger = logging.getLogger(__name__)
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"{root} does not exist; give a collection folder or file")
    if root.is_file():
        if root.suffix.lower() not in COLLECTION_SUFFIXES:
            raise CorpusError(f"{root} is not a collection file (.jsonl, .json, .csv, .parquet)")
        sources = _collection_file_sources(root)
        by_event: dict[str, list] = {}
        for source in sources:
            by_event.setdefault(source.event, []).append(source)
        groups = sorted(by_event.items())
    elif is_ecbplus_folder(root):
        from analysis.ecbplus import load_ecbplus

        for topic in sorted(p for p in root.iterdir() if p.is_dir()):
            corpus = load_ecbplus(topic)
            for event in corpus.events():
                yield event, corpus.event(event)
        return
    else:
        folders = _event_folders(root)
        if not folders:
            raise CorpusError(f"{root} holds no articles and no event folders")
        if folders == [root]:
            corpus = load_corpus(root, min_articles=min_articles)
            yield corpus.events()[0], corpus
            return
        groups = [(f.name, _event_sources(f, root=root)) for f in folders]
    for event, event_sources in groups:
        if len(event_sources) < min_articles:
            logger.warning("event %s has %d article(s); skipped", event, len(event_sources))
            continue
        yield event, build_corpus(event_sources, min_articles=min_articles)


def event_fingerprint(corpus: Corpus, parameters: str) -> str:
    """A cache key for one event: the article ids and file hashes, and the parameters (a string)."""
    digest = hashlib.sha256(parameters.encode())
    for row in corpus.articles.sort_values("id").itertuples(index=False):
        digest.update(f"\0{row.id}\0{row.sha256}\0{row.outlet}".encode())
    return digest.hexdigest()
