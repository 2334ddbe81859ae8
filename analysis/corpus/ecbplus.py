"""Adapter: the ECB+ corpus's token XML (Cybulska & Vossen 2014) as a :class:`Corpus`.

The mapping of topics, documents and sentences is in ``docs/methods.md``, section 0.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from analysis.corpus.loader import ArticleSource, Corpus, _read_bytes, build_corpus, sha256
from analysis.corpus.structure import Block
from analysis.errors import CorpusError

__all__ = ["detokenize", "ecbplus_sources", "load_ecbplus", "read_ecbplus_document"]

_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'|\"?$)", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_SENTENCE_NUMBER = re.compile(r"\d{1,9}")


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


def read_ecbplus_document(
    path: Path, *, root: Path | None = None
) -> tuple[dict[int, list[str]], str]:
    """Read the tokens of one ECB+ XML document.

    Parameters
    ----------
    path : Path
        One ``<topic>_<n>ecb.xml`` or ``<topic>_<n>ecbplus.xml`` file.
    root : Path, optional
        The folder the file (after following symbolic links) must lie in; default its own.

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
        When the file lies outside *root*, is empty, over the loader's size limit or not valid
        XML, or a token's ``sentence`` is not a whole number.
    """
    return _parse_document(_read_bytes(path, root or path.parent), path)


def _parse_document(data: bytes, path: Path) -> tuple[dict[int, list[str]], str]:
    try:
        document = ET.fromstring(data)
    except ET.ParseError as exc:
        raise CorpusError(f"{path} is not valid ECB+ XML: {exc}") from None
    sentences: dict[int, list[str]] = {}
    for i, token in enumerate(document.iter("token")):
        number = token.get("sentence", "0")
        if not _SENTENCE_NUMBER.fullmatch(number):
            shown = number if len(number) <= 20 else number[:17] + "..."
            raise CorpusError(
                f"{path}: token {i + 1} has sentence={shown!r}; ECB+ sentence numbers are whole "
                "numbers from 0"
            )
        sentences.setdefault(int(number), []).append(token.text or "")
    url = ""
    if path.name.endswith("ecbplus.xml") and 0 in sentences:
        url = "".join(sentences.pop(0))
    return sentences, url


def _outlet(url: str) -> str:
    try:
        host = urlparse(url).netloc.lower()
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return ""
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


def ecbplus_sources(path: str | Path, *, root: str | Path | None = None) -> list[ArticleSource]:
    """Read the documents below a folder as unsegmented articles.

    Parameters
    ----------
    path : str or Path
        The ECB+ folder or one topic folder.
    root : str or Path, optional
        The folder no document may lie outside of, after following symbolic links (default
        *path*); for a topic folder, the ECB+ folder.

    Returns
    -------
    list of ArticleSource
        One record per document in path order, with ``url`` and ``outlet`` (the URL's host name
        without ``www.``) metadata and one ``paragraph`` block per XML sentence.

    Raises
    ------
    CorpusError
        When *path* is not a folder, holds no ECB+ documents, or a document cannot be read
        (:func:`read_ecbplus_document`).
    """
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(f"{folder} is not a folder; give the ECB+ folder with the topic folders")
    sources = []
    for event, doc in _documents(folder):
        data = _read_bytes(doc, Path(root or folder))
        sentences, url = _parse_document(data, doc)
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
                path=doc.relative_to(folder).as_posix(),
                sha256=sha256(data),
                format="ecbplus",
            )
        )
    if not sources:
        raise CorpusError(f"{folder} holds no ECB+ documents (<topic>_<n>ecb[plus].xml)")
    return sources
