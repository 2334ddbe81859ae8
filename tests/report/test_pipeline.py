"""Tests for analysis.report.pipeline: the tables of a report, its metadata, figure inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.citations import citations
from analysis.corpus.loader import Corpus
from analysis.errors import ConfigError
from analysis.extract.quotes import match_quotes
from analysis.report import Report, ReportConfig, build_report
from analysis.report.pipeline import STEPS
from tests.conftest import A_ID, B_ID
from tests.report.conftest import FAST, BuildLog, build_event
from tests.report_data import THREE_ARTICLES

CONTRACT_TABLES = (
    "alignment",
    "coverage_gaps",
    "sentences",
    "summary",
    "actors",
    "quotes",
    "numbers",
    "coverage_summary",
    "coverage_matrix",
    "distinguishing_terms",
    "word_choice",
    "frames",
    "emphasis",
    "modality",
    "sentiment_sentences",
    "sentiment_summary",
    "sentiment_pairs",
    "actor_tone",
)
FIGURES = (
    "alignment",
    "similarity",
    "coverage",
    "distinguishing_terms",
    "frames",
    "modality",
    "tone",
    "tone_arc",
    "tone_shifts",
)
ALIGNMENT_COLUMNS = [
    "a_article",
    "b_article",
    "a_sentence",
    "b_sentence",
    "a_text",
    "b_text",
    "similarity",
    "relation",
]
#: The same speaker quoted in words that overlap by two thirds (Jaccard), in sentences too unlike
#: to align at the strict alignment threshold used with them.
PARAPHRASED_QUOTES = {
    "alpha.txt": (
        "Council Backs New Bridge\n"
        "The city council approved a new bridge across the river on Tuesday evening.\n"
        'Mayor Ana Ruiz said: "The bridge will connect our neighbourhoods and bring jobs."\n'
        "Construction is planned to start in the spring.\n"
    ),
    "beta.txt": (
        "Bridge Plan Approved\n"
        "Councillors voted for a crossing over the water after a long debate.\n"
        '"This bridge will connect our neighbourhoods and bring work," Mayor Ana Ruiz told '
        "reporters.\n"
        "Some residents worry about noise from the building site.\n"
    ),
}


def test_build_computes_contract_tables_and_figure_inputs(seed_report: Report) -> None:
    assert seed_report.articles == (A_ID, B_ID)
    assert seed_report.pairs == ((A_ID, B_ID),)
    assert (seed_report.a, seed_report.b) == (A_ID, B_ID)
    for name in CONTRACT_TABLES:
        assert name in seed_report.tables, name
    assert list(seed_report.tables["alignment"].columns[:8]) == ALIGNMENT_COLUMNS
    assert set(seed_report.tables["alignment"]["relation"]) <= {"equivalent", "partial"}
    assert seed_report.figure_names == FIGURES
    for name in FIGURES:
        assert "(" in seed_report.captions[name]  # names its citation, e.g. (Cox 1958)


def test_build_draws_nothing(seed_report: Report) -> None:
    """The report keeps tables and arrays for its figures, never a drawn Figure or Axes."""
    for name, given in seed_report.figure_inputs.items():
        for item in (*given.args, *given.options.values()):
            assert type(item).__module__.split(".")[0] in ("pandas", "numpy", "builtins"), name


def test_sentences_table_has_every_sentence_and_tone(
    seed_report: Report, seed_corpus: Corpus
) -> None:
    sentences = seed_report.tables["sentences"]
    assert len(sentences) == len(seed_corpus.sentences)
    assert sentences["compound"].between(-1, 1).all()
    pairs = seed_report.tables["alignment"]
    a_matched = sentences[(sentences["article"] == A_ID) & (sentences["n_counterparts"] > 0)]
    assert set(a_matched["sentence"]) == set(pairs["a_sentence"])


def test_build_leaves_the_corpus_unchanged_and_reports_progress(seed_report: Report) -> None:
    assert BuildLog.steps == STEPS
    assert BuildLog.unchanged


def test_metadata_has_versions_hashes_and_no_timestamps(
    seed_report: Report, seed_corpus: Corpus
) -> None:
    meta = seed_report.metadata
    assert meta["parameters"] == FAST.to_dict()
    hashes = {item["id"]: item["sha256"] for item in meta["articles"]}
    expected = seed_corpus.articles.set_index("id")["sha256"].to_dict()
    assert hashes == expected
    for library in ("pandas", "numpy", "scipy", "scikit-learn", "nltk", "matplotlib"):
        assert meta["libraries"][library]
    assert meta["citations"] == citations("report")
    assert meta["figures"] == list(FIGURES)
    text = json.dumps(dict(meta))
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text)


def test_unknown_event_is_refused(seed_corpus: Corpus) -> None:
    with pytest.raises(ConfigError, match="'nope' is not in the corpus"):
        build_report(seed_corpus, "nope", FAST)


def test_three_articles_compare_every_pair(tmp_path: Path) -> None:
    report = build_event(tmp_path / "flood", THREE_ARTICLES)
    pairs = {("alpha", "beta"), ("alpha", "gamma"), ("beta", "gamma")}
    assert set(report.pairs) == pairs
    alignment = report.tables["alignment"]
    assert set(alignment[["a_article", "b_article"]].itertuples(index=False)) <= pairs
    assert len(report.tables["summary"]) == 3
    assert set(report.tables["frames"][["a", "b"]].itertuples(index=False)) == pairs
    matrix = report.tables["coverage_matrix"]
    assert {"alpha", "beta", "gamma"} <= set(matrix.columns)
    assert 'id="pair-select"' in report.as_html()


def _one_sided_quotes(matches: pd.DataFrame) -> set[tuple[str, int]]:
    return {
        (str(row[f"{side}_article"]), int(row[f"{side}_sentence"]))
        for side in ("a", "b")
        for _, row in matches[matches["status"] == f"{side}_only"].iterrows()
    }


def test_quote_gaps_follow_the_configured_quote_similarity(tmp_path: Path) -> None:
    """coverage_gaps.csv and quote_matches.csv agree with a non-default quote_min_similarity."""
    config = FAST.replace(quote_min_similarity=1.0, align_partial=0.99)
    report = build_event(tmp_path / "bridge", PARAPHRASED_QUOTES, config)
    matches = report.tables["quote_matches"]
    assert set(matches["status"]) == {"a_only", "b_only"}
    default = match_quotes(report.tables["quotes"], report.tables["alignment"], a="alpha", b="beta")
    assert set(default["status"]) == {"both"}  # the default similarity would pair them
    gaps = report.tables["coverage_gaps"]
    quote_gaps = gaps[gaps["kind"] == "quote"]
    assert set(zip(quote_gaps["article"], quote_gaps["sentence"], strict=True)) == (
        _one_sided_quotes(matches)
    )
    assert ReportConfig().quote_min_similarity != config.quote_min_similarity
