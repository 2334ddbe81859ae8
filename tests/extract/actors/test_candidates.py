"""Tests for analysis.extract.actors.candidates: reported speakers and overlapping candidates."""

from __future__ import annotations

import pytest

from analysis.extract.actors.candidates import Candidate, mark_reported, resolve_overlaps


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Hodges said so.", "reported"),
        ("Hodges quickly added more.", "reported"),
        ("Hodges went home.", "name"),
    ],
)
def test_lone_word_before_reporting_verb_is_reported(text, source):
    (cand,) = mark_reported([Candidate(0, 0, 6, "single", "", "name")], [text])
    assert cand.source == source


def test_only_lone_words_are_marked():
    cand = Candidate(0, 0, 6, "person", "", "name")
    assert mark_reported([cand], ["Hodges said so."]) == [cand]


def test_longest_candidate_wins_then_source():
    long = Candidate(0, 0, 10, "organisation", "", "name")
    inner = Candidate(0, 0, 4, "place", "", "gazetteer", "X")
    tie_name = Candidate(0, 12, 16, "person", "", "name")
    tie_known = Candidate(0, 12, 16, "person", "", "known")
    other_row = Candidate(1, 0, 4, "place", "", "gazetteer", "X")
    kept = resolve_overlaps([other_row, inner, tie_known, long, tie_name])
    assert kept == [long, tie_name, other_row]


def test_no_candidates():
    assert resolve_overlaps([]) == []
    assert mark_reported([], []) == []
