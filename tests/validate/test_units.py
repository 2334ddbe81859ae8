"""Units per measure from a report: strata, toolkit codes, and what the toolkit reported."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import ConfigError
from analysis.validate.measures import MEASURES, get_measure
from analysis.validate.source import Source, read_source
from analysis.validate.units import NEAR_CUT, STRATUM, TOOLKIT, build_units

STRATA = {
    "alignment": {"equivalent", "partial", "near_cut"},
    "gaps": {"gap", "shared"},
    "word_choice": {"substitution", "rewrite", "variant"},
    "quotes": {"toolkit_speaker", "other_person"},
    "actors": {"person", "organisation", "place", "other"},
    "frames": {"match", "no_match"},
    "modality": {"match", "no_match"},
    "tone": {"negative", "neutral", "positive"},
    "actor_tone": {"negative", "neutral", "positive"},
}


@pytest.fixture(scope="module")
def source(report_dir: Path) -> Source:
    return read_source(report_dir)


@pytest.mark.parametrize("measure", list(MEASURES))
def test_units_have_strata_codes_and_shown_text(source: Source, measure: str) -> None:
    spec = get_measure(measure)
    units = build_units(source, measure, seed=0)
    assert len(units)
    assert set(units[STRATUM]) <= STRATA[measure]
    assert set(units[TOOLKIT]) <= set(spec.allowed)
    for column in spec.shows:
        assert units[column].map(type).eq(str).all()


def test_alignment_units_hold_every_aligned_pair_and_pairs_near_the_cut(source: Source) -> None:
    units = build_units(source, "alignment")
    aligned = source.tables["alignment"]
    kept = units[units[STRATUM] != "near_cut"]
    assert len(kept) == len(aligned)
    merged = kept.merge(aligned, on=["a_article", "b_article", "a_sentence", "b_sentence"])
    assert merged["similarity_x"].to_numpy() == pytest.approx(
        merged["similarity_y"].to_numpy(), abs=1e-5
    )
    near = units[units[STRATUM] == "near_cut"]
    cut = source.parameters["align_partial"]
    assert (near["similarity"] >= NEAR_CUT * cut).all()
    assert set(near[TOOLKIT]) == {"no"}
    assert set(kept[TOOLKIT]) == {"yes"}


def test_gap_units_are_every_body_sentence_of_each_side(source: Source) -> None:
    units = build_units(source, "gaps")
    sentences = source.tables["sentences"]
    assert len(units) == int(sentences["is_body"].sum())
    gaps = source.tables["coverage_gaps"]
    assert (units[STRATUM] == "gap").sum() == (gaps["kind"] == "sentence").sum()


def test_quotes_pair_the_toolkit_speaker_with_another_person(source: Source) -> None:
    units = build_units(source, "quotes", seed=3)
    mine = units[units[STRATUM] == "toolkit_speaker"]
    other = units[units[STRATUM] == "other_person"]
    quotes = source.tables["quotes"]
    assert set(mine["candidate"]) == set(quotes.loc[quotes["speaker"] != "unknown", "speaker"])
    merged = other.merge(mine, on=["article", "quote"], suffixes=("_other", "_mine"))
    assert (merged["candidate_other"] != merged["candidate_mine"]).all()
    pd.testing.assert_frame_equal(units, build_units(source, "quotes", seed=3))


def test_a_batch_has_no_sentence_tables() -> None:
    batch = Source("out/batch", "batch", {"pairs": pd.DataFrame()})
    with pytest.raises(ConfigError, match="batch folder stores only alignment pairs and quotes"):
        build_units(batch, "gaps")
