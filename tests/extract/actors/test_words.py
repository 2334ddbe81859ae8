"""Tests for analysis.extract.actors.words: the rules' word lists."""

from __future__ import annotations

import pytest

from analysis.extract.actors import words

LISTS = list(words.__all__)


@pytest.mark.parametrize("name", LISTS)
def test_lists_are_lower_case_single_words(name):
    values = getattr(words, name)
    assert isinstance(values, frozenset)
    assert values
    assert all(w == w.lower() and not any(c.isspace() for c in w) for w in values)


def test_titles_are_not_role_modifiers_or_connectors():
    assert not words.TITLE_WORDS & (words.ROLE_MODIFIERS | words.CONNECTORS)
