"""Adapter: the ECB+ corpus's token XML (Cybulska & Vossen 2014) as a :class:`Corpus`.

One event per topic and sub-event (``36_ecb``: the ECB documents of topic 36, ``36_ecbplus``:
its ECB+ documents), one article per document. Sentence 0 of an ``*ecbplus.xml`` document is its
source URL and becomes the ``url`` metadata; its host name (without ``www.``) is the ``outlet``.
Each remaining XML sentence becomes one paragraph; tokens are joined with spaces, without a
space before closing punctuation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from analysis.corpus.loader import ArticleSource, Corpus, _sha256, build_corpus
from analysis.corpus.structure import Block
from analysis.errors import CorpusError

__all__ = ["detokenize", "ecbplus_sources", "load_ecbplus", "read_ecbplus_document"]

_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'|\"?$)", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


def detokenize(tokens: list[str]) -> str:
    """Join word tokens into text: a space between tokens except before closing punctuation."""
    out: list[str] = []
    for token in tokens:
        if out and not _NO_SPACE_BEFORE.match(token) and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(token)
    return "".join(out)


def read_ecbplus_document(path: Path) -> tuple[dict[int, list[str]], str]:
    """Tokens of one ECB+ XML file grouped by sentence number, and its source URL ("" if none)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise CorpusError(f"{path} is not valid ECB+ XML: {exc}") from None
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    url = ""
    if path.name.endswith("ecbplus.xml") and 0 in sentences:
        url = "".join(sentences.pop(0))
    return sentences, url


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.")


def _documents(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*.xml")):
        match = _DOC_NAME.match(path.name)
        if match:
            topic, _, kind = match.groups()
            yield f"{topic}_{kind}", path


def load_ecbplus(path: str | Path) -> Corpus:
    """Read every ``<topic>_<n>ecb[plus].xml`` document below *path* into a Corpus.

    *path* is the ECB+ folder (for example ``../shared/benchmarks/ecbplus/ECB+``).
    """
    return build_corpus(ecbplus_sources(path), min_articles=1)


def ecbplus_sources(path: str | Path) -> list[ArticleSource]:
    """The documents below *path* as unsegmented :class:`ArticleSource` records."""
    root = Path(path)
    if not root.is_dir():
        raise CorpusError(f"{root} is not a folder; give the ECB+ folder with the topic folders")
    sources = []
    for event, doc in _documents(root):
        sentences, url = read_ecbplus_document(doc)
        lines = [detokenize(tokens) for _, tokens in sorted(sentences.items())]
        blocks, pos = [], 0
        for line in lines:
            blocks.append(Block("paragraph", pos, pos + len(line)))
            pos += len(line) + 1
        sources.append(
            ArticleSource(
                id=doc.stem,
                event=event,
                text="\n".join(lines),
                blocks=tuple(b for b in blocks if b.end > b.start),
                meta={"url": url, "outlet": _outlet(url)},
                path=doc.relative_to(root).as_posix(),
                sha256=_sha256(doc.read_bytes()),
                format="ecbplus",
            )
        )
    if not sources:
        raise CorpusError(f"{root} holds no ECB+ documents (<topic>_<n>ecb[plus].xml)")
    return sources
