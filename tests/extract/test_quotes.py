"""Tests for analysis.extract.quotes: quotation spans, speakers, reporting verbs and quote
matching."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.errors import AnalysisError
from analysis.extract.actors import extract_mentions
from analysis.extract.quotes import (
    MATCH_COLUMNS,
    QUOTE_COLUMNS,
    REPORTING_VERBS,
    UNKNOWN,
    _jaccard,
    _similar_pairs,
    extract_quotes,
    match_quotes,
    reporting_verb_forms,
)
from analysis.text.normalize import content_tokens
from tests.conftest import A_ID, B_ID


def _sentences(*texts: str, blocks: list[int] | None = None, article: str = "x") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article": article,
            "sentence": range(len(texts)),
            "block": blocks if blocks is not None else list(range(len(texts))),
            "block_type": "paragraph",
            "is_body": True,
            "text": list(texts),
        }
    )


def _quotes(*texts: str, blocks: list[int] | None = None) -> pd.DataFrame:
    sents = _sentences(*texts, blocks=blocks)
    return extract_quotes(sents, extract_mentions(sents))


@pytest.fixture(scope="module")
def seed_tables(seed_corpus):
    mentions = extract_mentions(seed_corpus.sentences)
    return mentions, extract_quotes(seed_corpus.sentences, mentions)


def test_reporting_verbs_lexicon():
    assert {"say", "warn", "insist", "question", "state", "acknowledge"} <= REPORTING_VERBS
    forms = reporting_verb_forms()
    assert forms["said"] == "say"
    assert forms["emphasized"] == "emphasize"
    assert forms["questioned"] == "question"
    assert forms["stating"] == "state"
    assert forms["testified"] == "testify"


def test_seed_columns(seed_tables):
    _, quotes = seed_tables
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert quotes["balanced"].all()


@pytest.mark.parametrize("speaker", ["Ben Hodges", "Pete Hegseth", "Andriy Sybiha"])
def test_quoted_only_in_newslooks(seed_tables, speaker):
    _, quotes = seed_tables
    assert set(quotes.loc[quotes["speaker"] == speaker, "article"]) == {B_ID}


def test_zelenskyy_quoted_only_in_anon(seed_tables):
    _, quotes = seed_tables
    rows = quotes[quotes["speaker"] == "Volodymyr Zelenskyy"]
    assert set(rows["article"]) == {A_ID}
    assert {"stated", "questioned"} <= set(rows["verb"])
    # the pronoun "he" of "he questioned" resolves to the nearest preceding person
    assert "he" in set(rows["speaker_mention"])


def test_starmer_quoted_in_both(seed_tables):
    _, quotes = seed_tables
    rows = quotes[quotes["speaker"] == "Keir Starmer"]
    assert set(rows["article"]) == {A_ID, B_ID}
    verbs = dict(zip(rows["article"], rows["verb"], strict=True))
    assert verbs == {A_ID: "said", B_ID: "cautiously acknowledged"}


@pytest.mark.parametrize(
    ("speaker", "verb", "first", "last"),
    [
        ("Ben Hodges", "warned", 32, 33),  # two sentences, speaker line ending in a colon
        ("Pete Hegseth", "emphasized", 45, 46),
        ("Andriy Sybiha", "warned", 49, 49),
    ],
)
def test_colon_speaker_lines(seed_tables, speaker, verb, first, last):
    _, quotes = seed_tables
    row = quotes[quotes["speaker"] == speaker].iloc[0]
    assert (row["verb"], row["sentence"], row["last_sentence"]) == (verb, first, last)
    assert row["kind"] == "direct"


def test_partial_quote(seed_tables):
    _, quotes = seed_tables
    row = quotes[quotes["text"] == "Armed Forces of Europe"].iloc[0]
    assert row["kind"] == "partial"
    assert row["speaker"] == "Volodymyr Zelenskyy"


@pytest.mark.parametrize(
    ("texts", "speaker", "verb", "kind"),
    [
        (['"We will stay," Jane Doe said.'], "Jane Doe", "said", "direct"),
        (["“We will stay,” said Jane Doe."], "Jane Doe", "said", "direct"),
        (['Jane Doe insisted: "We will stay."'], "Jane Doe", "insisted", "direct"),
        (['"We will stay," according to Jane Doe.'], "Jane Doe", "according to", "direct"),
        (['"We will stay," the minister said.'], "unknown", "said", "direct"),
        (['"We will stay."'], "unknown", "", "direct"),
        (["Nobody spoke. “We will stay,” he said."], "unknown", "said", "direct"),
        (["Critics called the plan “a disaster” on Monday."], "unknown", "called", "partial"),
        (["The plan was “a disaster” for the region."], "unknown", "", "partial"),
    ],
)
def test_attribution_table(texts, speaker, verb, kind):
    quotes = _quotes(*texts)
    assert len(quotes) == 1
    row = quotes.iloc[0]
    assert (row["speaker"], row["verb"], row["kind"]) == (speaker, verb, kind)
    if speaker == "unknown":
        assert row["speaker_sentence"] == -1


def test_pronoun_resolves_to_nearest_person():
    quotes = _quotes("Senator Jane Doe arrived.", "“We will stay,” she said.")
    assert quotes.iloc[0]["speaker"] == "Jane Doe"
    assert quotes.iloc[0]["speaker_mention"] == "she"


@pytest.mark.parametrize(
    "texts",
    [
        ['He said "we will stay.'],  # odd count of straight marks
        ["“We will stay, she said."],  # unclosed curly mark
        ["We will stay,” she said."],  # closing mark only
        ['"', '"'],
        ["“”"],
    ],
)
def test_unbalanced_marks_do_not_raise(texts):
    quotes = _quotes(*texts)
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert not quotes.empty or texts in (['"', '"'], ["“”"])
    assert set(quotes["speaker"]) <= {"unknown"}  # no person is named: never a guess


def test_unclosed_quote_ends_with_its_paragraph():
    quotes = _quotes("“We will stay.", "Jane Doe said nothing.", blocks=[0, 1])
    assert len(quotes) == 1
    assert quotes.iloc[0]["last_sentence"] == 0
    assert not quotes.iloc[0]["balanced"]


def test_continued_quotation_keeps_its_speaker():
    quotes = _quotes(
        "“We will stay here,” Jane Doe said. “And we will fight.",
        "“Nobody will move us.”",
        blocks=[0, 1],
    )
    assert list(quotes["speaker"]) == ["Jane Doe", "Jane Doe", "Jane Doe"]


def test_bad_input():
    with pytest.raises(AnalysisError, match="column"):
        extract_quotes(pd.DataFrame({"text": ["x"]}), pd.DataFrame())
    empty = extract_quotes(_sentences(), pd.DataFrame())
    assert list(empty.columns) == QUOTE_COLUMNS


def test_match_quotes_by_text():
    quotes = pd.concat(
        [
            extract_quotes(s, extract_mentions(s))
            for s in (
                _sentences('"We will defend every inch," Jane Doe said.', article="a"),
                _sentences('Jane Doe said: "We will defend every inch of it."', article="b"),
            )
        ],
        ignore_index=True,
    )
    pairs = pd.DataFrame(columns=["a_article", "b_article", "a_sentence", "b_sentence"])
    matched = match_quotes(quotes, pairs, a="a", b="b")
    assert list(matched.columns) == MATCH_COLUMNS
    assert list(matched["status"]) == ["both"]
    assert matched.iloc[0]["matched_by"] == "text"


def test_match_quotes_needs_articles():
    with pytest.raises(AnalysisError, match="a= and b="):
        match_quotes(
            pd.DataFrame(columns=QUOTE_COLUMNS),
            pd.DataFrame(columns=["a_article", "b_article", "a_sentence", "b_sentence"]),
        )


# --------------------------------------------------------------------------- fast path = reference

_WORDS = ["troops", "peace", "deal", "border", "talks", "army", "the", "of", "will", "Russia"]


def _reference_matches(quotes, pairs, a, b, min_similarity):
    """(a_quote, b_quote, similarity, matched_by) of match_quotes, every quotation against every
    other: the definition that the indexed search keeps."""
    linked = set(zip(pairs["a_sentence"], pairs["b_sentence"], strict=True))
    qa = quotes[quotes["article"] == a].reset_index(drop=True)
    qb = quotes[quotes["article"] == b].reset_index(drop=True)
    candidates = []
    for i, ra in qa.iterrows():
        for j, rb in qb.iterrows():
            if ra["speaker"] != rb["speaker"]:
                continue
            sa, sb = set(content_tokens(ra["text"])), set(content_tokens(rb["text"]))
            sim = len(sa & sb) / len(sa | sb) if sa | sb else 0.0
            aligned = ra["speaker"] != UNKNOWN and any(
                (x, y) in linked
                for x in range(ra["sentence"], ra["last_sentence"] + 1)
                for y in range(rb["sentence"], rb["last_sentence"] + 1)
            )
            threshold = 0.5 if ra["speaker"] == UNKNOWN else min_similarity
            if aligned or sim >= threshold:
                candidates.append((not aligned, -sim, i, j, "alignment" if aligned else "text"))
    used_a, used_b, out = set(), set(), []
    for _, minus_sim, i, j, how in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append(
                (int(qa.loc[i, "quote"]), int(qb.loc[j, "quote"]), round(-minus_sim, 6), how)
            )
    return out


def _random_quotes(rng: random.Random, article: str) -> list[dict[str, object]]:
    rows = []
    for k in range(rng.randint(0, 7)):
        first = rng.randrange(6)
        rows.append(
            {
                "article": article,
                "quote": k,
                "sentence": first,
                "last_sentence": first + rng.choice([0, 0, 1]),
                "text": " ".join(rng.choices(_WORDS, k=rng.randint(0, 5))),
                "speaker": rng.choice(["Jane Doe", "Jane Doe", "John Roe", UNKNOWN]),
            }
        )
    return rows


@pytest.mark.parametrize("seed", range(200))
def test_match_quotes_matches_reference(seed):
    rng = random.Random(seed)
    quotes = pd.DataFrame(
        _random_quotes(rng, "a") + _random_quotes(rng, "b"),
        columns=["article", "quote", "sentence", "last_sentence", "text", "speaker"],
    )
    links = [(rng.randrange(7), rng.randrange(7)) for _ in range(rng.randint(0, 6))]
    pairs = pd.DataFrame(links, columns=["a_sentence", "b_sentence"], dtype="int64")
    min_similarity = rng.choice([0.0, 0.2, 0.25, 0.3, 1 / 3, 0.5, 0.6, 1.0])
    matched = match_quotes(quotes, pairs, a="a", b="b", min_similarity=min_similarity)
    both = matched[matched["status"] == "both"]
    columns = ["a_quote", "b_quote", "similarity", "matched_by"]
    fast = [tuple(row) for row in both[columns].itertuples(index=False)]
    assert fast == _reference_matches(quotes, pairs, "a", "b", min_similarity)
    n_a, n_b = (int((quotes["article"] == side).sum()) for side in ("a", "b"))
    assert (matched["status"] != "b_only").sum() == n_a
    assert (matched["status"] != "a_only").sum() == n_b


@pytest.mark.parametrize("seed", range(50))
def test_similar_pairs_keeps_every_pair_over_the_threshold(seed):
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(rng.randint(1, 12))]

    def sets():
        return [
            frozenset(rng.sample(vocabulary, rng.randint(0, len(vocabulary)))) for _ in range(8)
        ]

    sets_a, sets_b = sets(), sets()
    for threshold in (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0):
        found = _similar_pairs(sets_a, sets_b, threshold)
        for i, x in enumerate(sets_a):
            for j, y in enumerate(sets_b):
                if _jaccard(x, y) >= threshold:
                    assert (i, j) in found, (threshold, x, y)
