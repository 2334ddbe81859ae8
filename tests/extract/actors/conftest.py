"""Fixtures for the actor tests: the seed corpus's mentions and small sentence tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.actors import extract_mentions


def sentences_of(*texts: str, article: str = "x", block_type: str = "paragraph") -> pd.DataFrame:
    """A sentences table of one article, one row per text."""
    return pd.DataFrame(
        {
            "article": article,
            "sentence": range(len(texts)),
            "block_type": block_type,
            "is_body": block_type in {"paragraph", "list_item"},
            "text": list(texts),
        }
    )


@pytest.fixture(scope="session")
def seed_mentions(seed_corpus) -> pd.DataFrame:
    return extract_mentions(seed_corpus.sentences)
