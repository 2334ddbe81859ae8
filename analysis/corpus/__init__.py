"""Reading articles into a :class:`Corpus`: plain text, Markdown, HTML, JSON, collections, ECB+."""

from analysis.corpus.loader import Corpus, load_corpus

__all__ = ["Corpus", "load_corpus"]
