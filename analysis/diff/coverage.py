"""Coverage: what each article reports that the other leaves out, built on the sentence alignment.

Omission and source selection (Hamborg, Donnay & Gipp 2019), with pointers back to the exact
sentences; the ranking heuristic is in ``docs/methods.md``, section 6.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import AnalysisError
from analysis.extract.quantities import compare_numbers
from analysis.extract.quotes import UNKNOWN, match_quotes

__all__ = [
    "DEFAULT_WEIGHTS",
    "GAP_COLUMNS",
    "OMISSION_COLUMNS",
    "PRESENCE_COLUMNS",
    "SUMMARY_COLUMNS",
    "UNIT_COLUMNS",
    "CoverageMatrix",
    "compare_presence",
    "coverage_gaps",
    "coverage_matrix",
    "coverage_summary",
]

logger = logging.getLogger(__name__)

GAP_COLUMNS = ["article", "sentence", "text", "kind", "rank", "score", "passage", "reasons"]
SUMMARY_COLUMNS = [
    "article",
    "other",
    "n_body_sentences",
    "n_matched",
    "share_matched",
    "n_actors",
    "n_actors_only_here",
    "actors_only_here",
    "n_speakers",
    "n_speakers_only_here",
    "speakers_only_here",
    "n_numbers",
    "n_numbers_only_here",
]
PRESENCE_COLUMNS = ["item_kind", "item", "status", "n_a", "n_b"]
UNIT_COLUMNS = ["unit", "n_articles", "articles", "n_sentences", "article", "sentence", "text"]
OMISSION_COLUMNS = ["article", "unit", "n_reporting", "reported_by", "text"]
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "actor": 1.0,
    "quote": 1.0,
    "number": 0.75,
    "position": 0.5,
    "length": 0.5,
}
_KIND_ORDER = {"sentence": 0, "entity": 1, "quote": 2, "number": 3}


def _pairs(alignment: Any) -> pd.DataFrame:
    pairs = getattr(alignment, "pairs", alignment)
    if not isinstance(pairs, pd.DataFrame):
        raise AnalysisError("alignment must be an Alignment or its pairs DataFrame")
    return pairs


def _sides(alignment: Any, a: str | None, b: str | None) -> tuple[str, str]:
    if a is not None and b is not None:
        return a, b
    for attr_a, attr_b in (("a", "b"), ("a_article", "b_article")):
        va, vb = getattr(alignment, attr_a, None), getattr(alignment, attr_b, None)
        if isinstance(va, str) and isinstance(vb, str):
            return a or va, b or vb
    pairs = _pairs(alignment)
    if not pairs.empty:
        return a or str(pairs["a_article"].iloc[0]), b or str(pairs["b_article"].iloc[0])
    ua, ub = getattr(alignment, "unmatched_a", None), getattr(alignment, "unmatched_b", None)
    if isinstance(ua, pd.DataFrame) and isinstance(ub, pd.DataFrame) and len(ua) and len(ub):
        return a or str(ua["article"].iloc[0]), b or str(ub["article"].iloc[0])
    raise AnalysisError("cannot tell which two articles the alignment compares; pass a= and b=")


def _body(sentences: pd.DataFrame, article: str, body_only: bool) -> pd.DataFrame:
    rows = sentences[sentences["article"] == article]
    if body_only and "is_body" in rows.columns:
        rows = rows[rows["is_body"].astype(bool)]
    return rows.sort_values("sentence", kind="stable")


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=columns)


def _actors(mentions: pd.DataFrame | None, article: str) -> pd.DataFrame:
    if mentions is None or mentions.empty:
        return _empty(["article", "sentence", "actor", "type", "role"])
    return mentions[mentions["article"] == article]


def _speakers(quotes: pd.DataFrame | None, article: str) -> set[str]:
    if quotes is None or quotes.empty:
        return set()
    rows = quotes[(quotes["article"] == article) & (quotes["speaker"] != UNKNOWN)]
    return set(rows["speaker"])


@dataclass(frozen=True)
class _Facts:
    """What one side of the comparison alone reports."""

    article: str
    other: str
    matched: set[int]
    actors_only: set[str]
    speakers_only: set[str]
    quotes_only: pd.DataFrame  # rows of the quotes table
    numbers_only: pd.DataFrame  # rows of the numbers table


def _facts(
    alignment: Any,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None,
    quotes: pd.DataFrame | None,
    numbers: pd.DataFrame | None,
    a: str,
    b: str,
    quote_matches: pd.DataFrame | None = None,
    number_comparison: pd.DataFrame | None = None,
) -> tuple[_Facts, _Facts]:
    pairs = _pairs(alignment)
    matched_a = {int(s) for s in pairs["a_sentence"]} if len(pairs) else set()
    matched_b = {int(s) for s in pairs["b_sentence"]} if len(pairs) else set()
    actors_a = set(_actors(mentions, a)["actor"])
    actors_b = set(_actors(mentions, b)["actor"])
    speakers_a, speakers_b = _speakers(quotes, a), _speakers(quotes, b)
    q_empty = _empty(["article", "quote", "sentence", "last_sentence", "text", "speaker"])
    qa_only = qb_only = q_empty
    if quotes is not None and len(quotes):
        matched = (
            quote_matches if quote_matches is not None else match_quotes(quotes, pairs, a=a, b=b)
        )
        qa_ids = set(matched.loc[matched["status"] == "a_only", "a_quote"])
        qb_ids = set(matched.loc[matched["status"] == "b_only", "b_quote"])
        qa_only = quotes[(quotes["article"] == a) & quotes["quote"].isin(qa_ids)]
        qb_only = quotes[(quotes["article"] == b) & quotes["quote"].isin(qb_ids)]
    n_cols = ["article", "sentence", "text", "unit", "context"]
    na_only = nb_only = _empty(n_cols)
    if numbers is not None and len(numbers):
        compared = _compared(numbers, pairs, a, b, number_comparison)
        a_only = compared[compared["status"] == "a_only"]
        b_only = compared[compared["status"] == "b_only"]
        na = numbers[numbers["article"] == a]
        nb = numbers[numbers["article"] == b]
        keys_a = set(zip(a_only["a_sentence"], a_only["a_text"], strict=True))
        keys_b = set(zip(b_only["b_sentence"], b_only["b_text"], strict=True))
        na_only = na.loc[[k in keys_a for k in zip(na["sentence"], na["text"], strict=True)]]
        nb_only = nb.loc[[k in keys_b for k in zip(nb["sentence"], nb["text"], strict=True)]]
    return (
        _Facts(a, b, matched_a, actors_a - actors_b, speakers_a - speakers_b, qa_only, na_only),
        _Facts(b, a, matched_b, actors_b - actors_a, speakers_b - speakers_a, qb_only, nb_only),
    )


def _compared(
    numbers: pd.DataFrame, pairs: pd.DataFrame, a: str, b: str, given: pd.DataFrame | None
) -> pd.DataFrame:
    return given if given is not None else compare_numbers(numbers, pairs, a=a, b=b)


def _passages(rows: pd.DataFrame, all_rows: pd.DataFrame, matched: set[int]) -> dict[int, int]:
    """Assign a passage number to each unmatched body sentence.

    A passage is a run with no matched body sentence and no heading between its sentences.
    """
    out: dict[int, int] = {}
    passage = -1
    previous_unmatched = False
    unmatched = set(rows["sentence"].astype(int))
    for sentence, block_type in zip(
        all_rows["sentence"].astype(int),
        all_rows.get("block_type", pd.Series(["paragraph"] * len(all_rows))),
        strict=True,
    ):
        if block_type in {"heading", "headline"}:
            previous_unmatched = False
            continue
        if sentence in unmatched:
            if not previous_unmatched:
                passage += 1
            out[sentence] = passage
            previous_unmatched = True
        elif sentence in matched or block_type in {"paragraph", "list_item"}:
            previous_unmatched = False
    return out


def _sentence_gaps(
    facts: _Facts,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None,
    body_only: bool,
    weights: Mapping[str, float],
) -> list[dict[str, Any]]:
    body = _body(sentences, facts.article, body_only)
    unmatched = body[~body["sentence"].astype(int).isin(facts.matched)]
    everything = sentences[sentences["article"] == facts.article].sort_values("sentence")
    passages = _passages(unmatched, everything, facts.matched)
    ments = _actors(mentions, facts.article)
    actors_by_sentence: dict[int, list[str]] = {}
    for sentence, actor in zip(ments["sentence"], ments["actor"], strict=True):
        if actor in facts.actors_only:
            actors_by_sentence.setdefault(int(sentence), [])
            if actor not in actors_by_sentence[int(sentence)]:
                actors_by_sentence[int(sentence)].append(actor)
    quote_sentences: dict[int, str] = {}
    for first, last, speaker in zip(
        facts.quotes_only["sentence"],
        facts.quotes_only["last_sentence"],
        facts.quotes_only["speaker"],
        strict=True,
    ):
        for s in range(int(first), int(last) + 1):
            quote_sentences[s] = str(speaker)
    numbers_by_sentence: dict[int, list[str]] = {}
    for sentence, text in zip(
        facts.numbers_only["sentence"], facts.numbers_only["text"], strict=True
    ):
        numbers_by_sentence.setdefault(int(sentence), []).append(str(text))
    rows = []
    for row in unmatched.itertuples(index=False):
        s = int(row.sentence)
        new_actors = actors_by_sentence.get(s, [])
        figures = numbers_by_sentence.get(s, [])
        position = float(getattr(row, "position", 0.5))
        n_words = int(getattr(row, "n_words", len(str(row.text).split())))
        reasons = []
        score = weights["actor"] * min(len(new_actors), 3)
        if new_actors:
            reasons.append("actors only here: " + ", ".join(new_actors))
        if s in quote_sentences:
            score += weights["quote"]
            reasons.append(f"quotation only here ({quote_sentences[s]})")
        if figures:
            score += weights["number"] * min(len(figures), 3)
            reasons.append("figures only here: " + ", ".join(figures))
        score += weights["position"] * (1.0 - position) + weights["length"] * min(n_words / 30, 1)
        if position <= 0.2:
            reasons.append("near the top")
        rows.append(
            {
                "article": facts.article,
                "sentence": s,
                "text": str(row.text),
                "kind": "sentence",
                "score": round(score, 6),
                "passage": passages.get(s, -1),
                "reasons": "; ".join(reasons) or "no counterpart",
            }
        )
    return rows


def _item_gaps(facts: _Facts, mentions: pd.DataFrame | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    ments = _actors(mentions, facts.article)
    by_actor = dict(list(ments[ments["actor"].isin(facts.actors_only)].groupby("actor")))
    for actor in sorted(facts.actors_only):
        own = by_actor[actor]
        roles = [r for r in own["role"] if r]
        n = len(own)
        quoted = actor in facts.speakers_only
        kind = str(own["type"].iloc[0])
        reasons = [kind, f"{n} mention{'s' if n != 1 else ''}"]
        if roles:
            reasons.append(f"role: {roles[0]}")
        if quoted:
            reasons.append("quoted")
        rows.append(
            {
                "article": facts.article,
                "sentence": int(own["sentence"].min()),
                "text": actor,
                "kind": "entity",
                "score": float(n + quoted),
                "passage": -1,
                "reasons": "; ".join(reasons),
            }
        )
    for quote in facts.quotes_only.itertuples(index=False):
        rows.append(
            {
                "article": facts.article,
                "sentence": int(quote.sentence),
                "text": str(quote.text),
                "kind": "quote",
                "score": round(1 + int(getattr(quote, "n_words", 0)) / 20, 6),
                "passage": -1,
                "reasons": f"speaker: {quote.speaker}; {getattr(quote, 'kind', 'direct')}",
            }
        )
    for number in facts.numbers_only.itertuples(index=False):
        unit = str(number.unit)
        rows.append(
            {
                "article": facts.article,
                "sentence": int(number.sentence),
                "text": str(number.text),
                "kind": "number",
                "score": 1.0 + bool(unit),
                "passage": -1,
                "reasons": f"unit: {unit or 'none'}; {number.context}",
            }
        )
    return rows


def coverage_gaps(
    alignment: Any,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    numbers: pd.DataFrame | None = None,
    *,
    a: str | None = None,
    b: str | None = None,
    body_only: bool = True,
    weights: Mapping[str, float] | None = None,
    quote_matches: pd.DataFrame | None = None,
    number_comparison: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """List the content reported by one article only, ranked.

    Parameters
    ----------
    alignment : Alignment or pandas.DataFrame
        An :class:`analysis.align.alignment.Alignment` of articles *a* and *b*, or its pairs.
    sentences : pandas.DataFrame
        ``Corpus.sentences`` (at least those two articles).
    mentions, quotes, numbers : pandas.DataFrame, optional
        The tables of :mod:`analysis.extract.actors`, :mod:`analysis.extract.quotes` and
        :mod:`analysis.extract.quantities`; None skips that kind of item.
    a, b : str, optional
        The two article ids; None takes the alignment's two articles.
    body_only : bool, optional
        Headings, headlines and summary boxes are not sentence gaps.
    weights : Mapping of str to float, optional
        Weights of the sentence score (``actor``, ``quote``, ``number``, ``position``,
        ``length``) overriding :data:`DEFAULT_WEIGHTS`.
    quote_matches, number_comparison : pandas.DataFrame, optional
        :func:`~analysis.extract.quotes.match_quotes` and
        :func:`~analysis.extract.quantities.compare_numbers` of the pair, when already computed;
        None computes them.

    Returns
    -------
    pandas.DataFrame
        ``coverage_gaps.csv``, one row per item reported by one article only, *a*'s first,
        columns :data:`GAP_COLUMNS`: ``article``, ``sentence`` (where the item is; for entities
        the first mention); ``text`` (the sentence, actor name, quotation or figure); ``kind``
        (``sentence``, ``entity``, ``quote`` or ``number``); ``rank`` (int >= 1 within article
        and kind, 1 matters most); ``score`` (float >= 0); ``passage`` (neighbouring unmatched
        body sentences of one section share a 0-based number; -1 for other kinds);
        ``reasons`` (why the item ranks where it does, ``"; "``-separated).

    Raises
    ------
    AnalysisError
        When *a* and *b* are not given and cannot be told from the alignment.
    """
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    a, b = _sides(alignment, a, b)
    rows: list[dict[str, Any]] = []
    facts_ab = _facts(
        alignment, sentences, mentions, quotes, numbers, a, b, quote_matches, number_comparison
    )
    for facts in facts_ab:
        rows.extend(_sentence_gaps(facts, sentences, mentions, body_only, weights))
        rows.extend(_item_gaps(facts, mentions))
    out = pd.DataFrame(rows, columns=[c for c in GAP_COLUMNS if c != "rank"])
    if out.empty:
        return _empty(GAP_COLUMNS).astype({"sentence": "int64", "rank": "int64"})
    out = out.sort_values(
        ["article", "kind", "score", "sentence"],
        ascending=[True, True, False, True],
        key=lambda col: col.map(_KIND_ORDER) if col.name == "kind" else col,
        kind="stable",
    )
    out["rank"] = out.groupby(["article", "kind"]).cumcount() + 1
    order = {a: 0, b: 1}
    out = out.assign(_a=out["article"].map(order), _k=out["kind"].map(_KIND_ORDER))
    out = out.sort_values(["_a", "_k", "rank"], kind="stable").drop(columns=["_a", "_k"])
    out = out[GAP_COLUMNS].reset_index(drop=True)
    return out.astype(
        {"sentence": "int64", "rank": "int64", "passage": "int64", "score": "float64"}
    )


def coverage_summary(
    alignment: Any,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    numbers: pd.DataFrame | None = None,
    *,
    a: str | None = None,
    b: str | None = None,
    quote_matches: pd.DataFrame | None = None,
    number_comparison: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Summarise each article's coverage against the other.

    Parameters
    ----------
    alignment, sentences, mentions, quotes, numbers, a, b : optional
        As in :func:`coverage_gaps`.
    quote_matches, number_comparison : pandas.DataFrame, optional
        As in :func:`coverage_gaps`.

    Returns
    -------
    pandas.DataFrame
        ``coverage_summary.csv``, one row per article of the pair, columns
        :data:`SUMMARY_COLUMNS`: ``article``, ``other``; ``n_body_sentences``, ``n_matched``,
        ``share_matched`` (body sentences with a counterpart, 0..1, NaN without body);
        ``n_actors``, ``n_actors_only_here``, ``actors_only_here``; ``n_speakers``,
        ``n_speakers_only_here``, ``speakers_only_here``; ``n_numbers``,
        ``n_numbers_only_here`` (names joined by ``"; "``).

    Raises
    ------
    AnalysisError
        As :func:`coverage_gaps`.
    """
    a, b = _sides(alignment, a, b)
    rows = []
    facts_ab = _facts(
        alignment, sentences, mentions, quotes, numbers, a, b, quote_matches, number_comparison
    )
    for facts in facts_ab:
        body = _body(sentences, facts.article, True)
        n_body = len(body)
        n_matched = int(body["sentence"].astype(int).isin(facts.matched).sum())
        actors = set(_actors(mentions, facts.article)["actor"])
        n_numbers = 0 if numbers is None else int((numbers["article"] == facts.article).sum())
        rows.append(
            {
                "article": facts.article,
                "other": facts.other,
                "n_body_sentences": n_body,
                "n_matched": n_matched,
                "share_matched": n_matched / n_body if n_body else float("nan"),
                "n_actors": len(actors),
                "n_actors_only_here": len(facts.actors_only),
                "actors_only_here": "; ".join(sorted(facts.actors_only)),
                "n_speakers": len(_speakers(quotes, facts.article)),
                "n_speakers_only_here": len(facts.speakers_only),
                "speakers_only_here": "; ".join(sorted(facts.speakers_only)),
                "n_numbers": n_numbers,
                "n_numbers_only_here": len(facts.numbers_only),
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def compare_presence(
    alignment: Any,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    numbers: pd.DataFrame | None = None,
    *,
    a: str | None = None,
    b: str | None = None,
    number_comparison: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """List the actors, speakers and figures of articles *a* and *b* as in both or one only.

    Parameters
    ----------
    alignment, sentences, mentions, quotes, numbers, a, b : optional
        As in :func:`coverage_gaps` (*sentences* is not used).
    number_comparison : pandas.DataFrame, optional
        :func:`~analysis.extract.quantities.compare_numbers` of the pair; None computes it.

    Returns
    -------
    pandas.DataFrame
        ``coverage_presence.csv``, columns :data:`PRESENCE_COLUMNS`: ``item_kind`` (``actor``,
        ``speaker`` or ``number``); ``item`` (for figures ``"A text / B text"``, with
        ``" (different)"`` when the bounds differ); ``status`` (``both``, ``a_only`` or
        ``b_only``); ``n_a``, ``n_b`` (mentions, quotations or figures on each side).

    Raises
    ------
    AnalysisError
        As :func:`coverage_gaps`.
    """
    del sentences  # the same signature as the other coverage tables
    a, b = _sides(alignment, a, b)
    rows: list[list[Any]] = []

    def add(kind: str, counts_a: pd.Series, counts_b: pd.Series) -> None:
        for item in sorted(set(counts_a.index) | set(counts_b.index)):
            n_a, n_b = int(counts_a.get(item, 0)), int(counts_b.get(item, 0))
            status = "both" if n_a and n_b else ("a_only" if n_a else "b_only")
            rows.append([kind, item, status, n_a, n_b])

    if mentions is not None:
        add(
            "actor",
            _actors(mentions, a)["actor"].value_counts(),
            _actors(mentions, b)["actor"].value_counts(),
        )
    if quotes is not None:
        known = quotes[quotes["speaker"] != UNKNOWN]
        add(
            "speaker",
            known.loc[known["article"] == a, "speaker"].value_counts(),
            known.loc[known["article"] == b, "speaker"].value_counts(),
        )
    if numbers is not None and len(numbers):
        compared = _compared(numbers, _pairs(alignment), a, b, number_comparison)
        for row in compared.itertuples(index=False):
            status = {"same": "both", "different": "both"}.get(row.status, row.status)
            item = " / ".join(t for t in (row.a_text, row.b_text) if t)
            if row.status == "different":
                item += " (different)"
            rows.append(["number", item, status, int(bool(row.a_text)), int(bool(row.b_text))])
    return pd.DataFrame(rows, columns=PRESENCE_COLUMNS)


# --------------------------------------------------------------------------- many articles


@dataclass(frozen=True)
class CoverageMatrix:
    """Information units of an event by articles.

    Parameters
    ----------
    matrix : pandas.DataFrame
        One row per unit (index ``unit``), one int column per article: the number of that
        article's sentences in the unit (0 = the article omits it).
    units : pandas.DataFrame
        :data:`UNIT_COLUMNS`, one row per unit with a representative sentence (the first in
        corpus order).
    omissions : pandas.DataFrame
        :data:`OMISSION_COLUMNS`, the units each article lacks, most widely reported first.
    """

    matrix: pd.DataFrame
    units: pd.DataFrame
    omissions: pd.DataFrame


def coverage_matrix(
    corpus_event: Any,
    alignments: Mapping[tuple[str, str], Any],
    *,
    body_only: bool = True,
) -> CoverageMatrix:
    """Build the coverage matrix of information units x articles for one event.

    An information unit is a connected component of the graph whose nodes are the sentences of
    all articles and whose edges are the aligned pairs of every article pair; a sentence with no
    counterpart is a unit reported by one article.

    Parameters
    ----------
    corpus_event : Corpus or pandas.DataFrame
        The event's corpus (its sentences are used) or its sentences table.
    alignments : Mapping of (str, str) to Alignment or pandas.DataFrame
        :func:`~analysis.align.alignment.align_event` output (Alignments or pairs tables).
    body_only : bool, optional
        Only body sentences are nodes.

    Returns
    -------
    CoverageMatrix
        The matrix, the units and each article's omissions (``coverage_matrix.csv``,
        ``coverage_omissions.csv``).

    Raises
    ------
    AnalysisError
        When *corpus_event* is neither a Corpus nor a DataFrame.
    """
    sentences = getattr(corpus_event, "sentences", corpus_event)
    if not isinstance(sentences, pd.DataFrame):
        raise AnalysisError("corpus_event must be a Corpus or a sentences DataFrame")
    nodes = sentences
    if body_only and "is_body" in nodes.columns:
        nodes = nodes[nodes["is_body"].astype(bool)]
    articles = list(dict.fromkeys(sentences["article"]))
    keys = list(zip(nodes["article"], nodes["sentence"].astype(int), strict=True))
    index = {k: i for i, k in enumerate(keys)}
    parent = np.arange(len(keys))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for alignment in alignments.values():
        pairs = _pairs(alignment)
        for aa, ba, sa, sb in zip(
            pairs["a_article"],
            pairs["b_article"],
            pairs["a_sentence"],
            pairs["b_sentence"],
            strict=True,
        ):
            i, j = index.get((aa, int(sa))), index.get((ba, int(sb)))
            if i is not None and j is not None:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    roots = [find(i) for i in range(len(keys))]
    unit_of_root = {r: u for u, r in enumerate(dict.fromkeys(roots))}
    units = np.array([unit_of_root[r] for r in roots], dtype=np.int64)
    column = {article: k for k, article in enumerate(articles)}
    cells = np.zeros((len(unit_of_root), len(articles)), dtype=np.int64)
    np.add.at(cells, (units, np.array([column[art] for art, _ in keys], dtype=np.int64)), 1)
    counts = pd.DataFrame(
        cells, index=pd.RangeIndex(len(unit_of_root), name="unit"), columns=articles
    )
    _, first_node = np.unique(units, return_index=True)  # units are numbered 0, 1, ... in order
    names = np.array(articles, dtype=object)
    texts = nodes["text"].astype(str).tolist()
    unit_rows = []
    for unit, node in enumerate(first_node.tolist()):
        present = names[cells[unit] > 0].tolist()
        row = [unit, len(present), ";".join(present), int(cells[unit].sum()), *keys[node]]
        unit_rows.append([*row, texts[node]])
    unit_table = pd.DataFrame(unit_rows, columns=UNIT_COLUMNS)
    omissions = [
        [article, unit, unit_rows[unit][1], unit_rows[unit][2], unit_rows[unit][6]]
        for k, article in enumerate(articles)
        for unit in np.flatnonzero(cells[:, k] == 0).tolist()
    ]
    omission_table = pd.DataFrame(omissions, columns=OMISSION_COLUMNS)
    omission_table = omission_table.sort_values(
        ["article", "n_reporting", "unit"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    return CoverageMatrix(counts.astype("int64"), unit_table, omission_table)
