"""A readable text summary of a loaded corpus, for checking the loader before an analysis."""

from __future__ import annotations

import re
import textwrap

from analysis.corpus.loader import Corpus
from analysis.corpus.structure import BLOCK_TYPES

__all__ = ["describe_corpus", "terminal_text"]

# Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal
# shows ("Trojan Source", Boucher & Anderson 2021).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(value: object) -> str:
    r"""Write *value* as one line that a terminal shows as it is.

    Parameters
    ----------
    value : object
        Any value; it is converted with ``str``.

    Returns
    -------
    str
        The text with every control character (ANSI escapes, newlines, tabs, NUL, DEL, C1) and
        bidirectional override escaped as ``\xNN`` or ``\uNNNN``.
    """
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], str(value))


def describe_corpus(corpus: Corpus, *, n_sentences: int = 3, width: int = 100) -> str:
    """Describe a corpus in readable text, for checking the loader before an analysis.

    Parameters
    ----------
    corpus : Corpus
        The corpus to describe.
    n_sentences : int, optional
        First body sentences shown per article.
    width : int, optional
        Longest line, in characters; longer sentences are shortened with `` ...``.

    Returns
    -------
    str
        Per event and article: the metadata, block counts by type and the first body sentences.
    """
    lines: list[str] = []
    for event in corpus.events():
        sub = corpus.event(event)
        lines.append(f"event {terminal_text(event)}: {len(sub.articles)} articles")
        for art in sub.articles.itertuples(index=False):
            where = terminal_text(f"{art.path}, {art.format}")
            lines.append(
                f"\n  article {terminal_text(art.id)}  ({where}, sha256 {art.sha256[:12]})"
            )
            for field in ("outlet", "title", "author", "dateline", "date", "url"):
                value = getattr(art, field) or "-"
                lines.append(f"    {field:<9} {terminal_text(value)}")
            lines.append(f"    sentences {art.n_sentences} body sentences, {art.n_words} words")
            counts = sub.blocks.loc[sub.blocks["article"] == art.id, "block_type"].value_counts()
            shown = ", ".join(f"{t} {counts[t]}" for t in BLOCK_TYPES if t in counts)
            lines.append(f"    blocks    {shown}")
            body = sub.sentences_of(art.id, body_only=True).head(n_sentences)
            for row in body.itertuples(index=False):
                text = terminal_text(" ".join(row.text.split()))
                wrapped = textwrap.shorten(text, width=width - 12, placeholder=" ...")
                lines.append(f"    [{row.sentence:>3}] {wrapped}")
    return "\n".join(lines)
