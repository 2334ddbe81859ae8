"""Sentence alignment between two articles: scorers, the alignment itself, evaluation on a gold."""

from analysis.align.alignment import Alignment, align_articles, align_event

__all__ = ["Alignment", "align_articles", "align_event"]
