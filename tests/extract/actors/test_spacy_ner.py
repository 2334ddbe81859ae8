"""Tests for analysis.extract.actors.spacy_ner: the method="spacy" path without spaCy."""

from __future__ import annotations

import pytest

from analysis.errors import AnalysisError
from analysis.extract.actors import extract_mentions
from tests.extract.actors.conftest import sentences_of


def test_spacy_method_without_spacy_names_the_fix():
    try:
        import spacy  # noqa: F401
    except ImportError:
        with pytest.raises(AnalysisError, match="pip install"):
            extract_mentions(sentences_of("Keir Starmer spoke."), method="spacy")
    else:  # pragma: no cover - spaCy installed
        pytest.skip("spaCy is installed")
