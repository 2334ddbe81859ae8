"""Adapter: the ECB+ corpus's token XML (Cybulska & Vossen 2014) as a :class:`Corpus`.

The mapping of topics, documents and sentences is in ``docs/methods.md``, section 0.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from analysis.corpus.loader import ArticleSource, Corpus, build_corpus, sha256
from analysis.corpus.structure import Block
from analysis.errors import CorpusError

__all__ = ["detokenize", "ecbplus_sources", "load_ecbplus", "read_ecbplus_document"]

_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'|\"?$)", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


def detokenize(tokens: list[str]) -> str:
    """Join word tokens into text.

    Parameters
    ----------
    tokens : list of str
        Word tokens in order.

    Returns
    -------
    str
        The tokens with a space between them, except before closing punctuation and clitics
        (``.``, ``)``, ``'s``, ``n't``) and after opening brackets and ``$``.
    """
    out: list[str] = []
    for token in tokens:
        if out and not _NO_SPACE_BEFORE.match(token) and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(token)
    return "".join(out)


def read_ecbplus_document(path: Path) -> tuple[dict[int, list[str]], str]:
    """Read the tokens of one ECB+ XML document.

    Parameters
    ----------
    path : Path
        One ``<topic>_<n>ecb.xml`` or ``<topic>_<n>ecbplus.xml`` file.

    Returns
    -------
    sentences : dict of int to list of str
        Tokens grouped by the document's sentence number.
    url : str
        The source URL (sentence 0 of an ``ecbplus`` document, removed from *sentences*), or
        ``""``.

    Raises
    ------
    CorpusError
        When the file is not valid XML.
    """
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
    """Read every ``<topic>_<n>ecb[plus].xml`` document below a folder into a corpus.

    Parameters
    ----------
    path : str or Path
        The ECB+ folder (for example ``../shared/benchmarks/ecbplus/ECB+``).

    Returns
    -------
    Corpus
        One event per topic and sub-event (``36_ecb``, ``36_ecbplus``), one article per
        document, one paragraph per XML sentence.

    Raises
    ------
    CorpusError
        When *path* is not a folder, holds no ECB+ documents, or a document is not valid XML.
    """
    return build_corpus(ecbplus_sources(path), min_articles=1)


def ecbplus_sources(path: str | Path) -> list[ArticleSource]:
    """Read the documents below a folder as unsegmented articles.

    Parameters
    ----------
    path : str or Path
        The ECB+ folder or one topic folder.

    Returns
    -------
    list of ArticleSource
        One record per document in path order, with ``url`` and ``outlet`` (the URL's host name
        without ``www.``) metadata and one ``paragraph`` block per XML sentence.

    Raises
    ------
    CorpusError
        When *path* is not a folder, holds no ECB+ documents, or a document is not valid XML.
    """
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
                sha256=sha256(doc.read_bytes()),
                format="ecbplus",
            )
        )
    if not sources:
        raise CorpusError(f"{root} holds no ECB+ documents (<topic>_<n>ecb[plus].xml)")
    return sources
