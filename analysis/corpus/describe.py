"""A readable text summary of a loaded corpus, for checking the loader before an analysis."""

from __future__ import annotations

import textwrap

from analysis.corpus.loader import Corpus
from analysis.corpus.structure import BLOCK_TYPES

__all__ = ["describe_corpus"]


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
        lines.append(f"event {event}: {len(sub.articles)} articles")
        for art in sub.articles.itertuples(index=False):
            lines.append(
                f"\n  article {art.id}  ({art.path}, {art.format}, sha256 {art.sha256[:12]})"
            )
            for field in ("outlet", "title", "author", "dateline", "date", "url"):
                value = getattr(art, field) or "-"
                lines.append(f"    {field:<9} {value}")
            lines.append(f"    sentences {art.n_sentences} body sentences, {art.n_words} words")
            counts = sub.blocks.loc[sub.blocks["article"] == art.id, "block_type"].value_counts()
            shown = ", ".join(f"{t} {counts[t]}" for t in BLOCK_TYPES if t in counts)
            lines.append(f"    blocks    {shown}")
            body = sub.sentences_of(art.id, body_only=True).head(n_sentences)
            for row in body.itertuples(index=False):
                wrapped = textwrap.shorten(row.text, width=width - 12, placeholder=" ...")
                lines.append(f"    [{row.sentence:>3}] {wrapped}")
    return "\n".join(lines)
