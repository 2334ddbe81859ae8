"""Main text of an HTML news page as typed blocks, extracted with BeautifulSoup (lxml parser).

Which elements are kept and how they are typed is in ``docs/methods.md``, section 0. Nothing in
the page is executed.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from analysis.corpus.structure import Block

__all__ = ["html_to_blocks"]

_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "form",
    "nav",
    "footer",
    "aside",
    "button",
    "select",
    "input",
    "head",
)
_BLOCK_TYPES = {
    "h1": "headline",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "p": "paragraph",
    "blockquote": "paragraph",
    "li": "list_item",
    "figcaption": "caption",
    "img": "image",
}
_SPACE = re.compile(r"\s+")


def _text_of(tag: Tag) -> str:
    if tag.name == "img":
        return _SPACE.sub(" ", str(tag.get("alt") or "")).strip()
    return _SPACE.sub(" ", tag.get_text()).strip()


def html_to_blocks(html: str) -> tuple[str, list[Block]]:
    """Extract the main text of an HTML page as typed blocks.

    A block element nested inside another (a ``p`` inside an ``li``) is read once, as the outer
    one. A page with no block element gives one paragraph of its whole text.

    Parameters
    ----------
    html : str
        The page source.

    Returns
    -------
    text : str
        The blocks' texts joined by blank lines.
    blocks : list of Block
        Typed blocks in reading order; their offsets index into *text*.
    """
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(" ")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    pieces: list[tuple[str, str]] = []
    seen_headline = False
    for tag in root.find_all(list(_BLOCK_TYPES)):
        if tag.find_parent(list(_BLOCK_TYPES)) is not None:
            continue
        text = _text_of(tag)
        if not text:
            continue
        kind = _BLOCK_TYPES[tag.name]
        if kind == "headline":
            kind = "heading" if seen_headline else "headline"
            seen_headline = True
        pieces.append((kind, text))
    if not pieces:
        text = _text_of(root) if isinstance(root, Tag) else ""
        pieces = [("paragraph", text)] if text else []
    out, blocks, pos = [], [], 0
    for kind, text in pieces:
        blocks.append(Block(kind, pos, pos + len(text)))
        out.append(text)
        pos += len(text) + 2
    return "\n\n".join(out), blocks
