"""The findings of a report: its main results in plain-word sentences about articles A and B.

Each finder reads the computed tables of one article pair (see ``docs/methods.md``, section 14);
the helpers that name sides and select a pair's rows are shared with the rest of the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.align.scorers import DETAIL_THRESHOLDS
from analysis.corpus.loader import Corpus
from analysis.report.config import ReportConfig

__all__ = ["alignment_rule", "body_ids", "report_findings", "rows_of_pair", "shorten", "side_label"]

#: Word substitutions quoted in the findings have at most this many words on each side (longer
#: ones are usually different content rather than different wording).
_SHORT_PHRASE = 3
#: A tone shift on the same fact is reported from this absolute compound difference on.
_TONE_SHIFT = 0.5

Tables = Mapping[str, pd.DataFrame]


def side_label(index: int) -> str:
    """Name the side of the article at *index*: A, B, C, ... Z, then A27, A28, ...

    Parameters
    ----------
    index : int
        0-based position of the article among the event's sorted article ids.

    Returns
    -------
    str
        ``"A"`` for 0 up to ``"Z"`` for 25, then ``"A27"``, ``"A28"``, ... (1-based numbers).
    """
    return chr(ord("A") + index) if index < 26 else f"A{index + 1}"


def body_ids(corpus: Corpus, article: str) -> set[int]:
    """Collect the sentence numbers of the body sentences of *article*.

    Parameters
    ----------
    corpus : Corpus
        The event's corpus.
    article : str
        An article id of *corpus*.

    Returns
    -------
    set of int
        ``Corpus.sentences.sentence`` of the rows with ``is_body`` true (empty for an unknown id).
    """
    sentences = corpus.sentences
    body = sentences[(sentences["article"] == article) & sentences["is_body"].astype(bool)]
    return set(body["sentence"].astype(int))


def rows_of_pair(table: pd.DataFrame | None, a: str, b: str) -> pd.DataFrame:
    """Select the rows of a stacked pairwise table that belong to pair (a, b).

    Parameters
    ----------
    table : DataFrame or None
        A table with ``a``/``b`` or ``a_article``/``b_article`` columns; a table without them
        belongs to every pair and is returned as it is.
    a, b : str
        Article ids of the pair.

    Returns
    -------
    DataFrame
        The pair's rows, index reset (empty for None).
    """
    if table is None:
        return pd.DataFrame()
    for left, right in (("a", "b"), ("a_article", "b_article")):
        if {left, right} <= set(table.columns):
            keep = (table[left].astype(str) == a) & (table[right].astype(str) == b)
            return table[keep].reset_index(drop=True)
    return table


def shorten(text: str, width: int = 140) -> str:
    """Put *text* on one line, cut at a word boundary to at most *width* characters.

    Parameters
    ----------
    text : str
        Any text; runs of white space become one space.
    width : int
        Maximum length in characters, the ellipsis included.

    Returns
    -------
    str
        *text* when it fits, else its longest word-boundary prefix (trailing ``,;:`` dropped)
        followed by "…".
    """
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def alignment_rule(config: ReportConfig) -> str:
    """Word the acceptance rule of the report's aligned pairs: scorer and cuts.

    Parameters
    ----------
    config : ReportConfig
        ``method``, ``align_partial`` (None: the scorer's calibrated cut) and ``align_margin``.

    Returns
    -------
    str
        E.g. ``"the lexical scorer's cut (similarity >= 0.325, ratio margin >= 1)"``.
    """
    cut = config.align_partial
    if cut is None:
        cut = DETAIL_THRESHOLDS.get(config.method, DETAIL_THRESHOLDS["lexical"])
    return (
        f"the {config.method} scorer's cut (similarity >= {cut:g}, "
        f"ratio margin >= {config.align_margin:g})"
    )


def report_findings(
    tables: Tables,
    corpus: Corpus,
    config: ReportConfig,
    *,
    articles: tuple[str, ...],
    pairs: tuple[tuple[str, str], ...],
) -> list[str]:
    """Write the findings lines of a report, about its first pair.

    Parameters
    ----------
    tables : Mapping[str, DataFrame]
        The report's tables (``summary``, ``coverage_*``, ``number_comparison``, ...).
    corpus : Corpus
        The event's corpus (article metadata, body sentences).
    config : ReportConfig
        ``n_findings_items`` and ``confidence_level`` are read.
    articles : tuple of str
        Article ids in sorted order (sides A, B, ...).
    pairs : tuple of (str, str)
        The compared pairs; the findings describe the first.

    Returns
    -------
    list of str
        One plain-word sentence per line, the articles compared first.
    """
    a, b = pairs[0]
    names = {article: side_label(i) for i, article in enumerate(articles)}
    lines = [
        "Compared: "
        + "; ".join(f"{names[article]} = {_describe(corpus, article)}" for article in articles)
        + "."
    ]
    context = _Context(
        tables,
        corpus,
        config.n_findings_items,
        round(100 * config.confidence_level),
        alignment_rule(config),
    )
    for finder in _FINDERS:
        lines.extend(finder(context, a, b))
    if len(articles) > 2:
        lines.append(
            f"The findings above compare A and B; tables hold all {len(pairs)} pairs of the "
            f"{len(articles)} articles."
        )
    return lines


@dataclass(frozen=True)
class _Context:
    """What every finder reads: the tables, the corpus, items per line, confidence in %."""

    tables: Tables
    corpus: Corpus
    limit: int
    level: int
    rule: str = ""


def _names(items: Iterable[str], limit: int) -> str:
    """'x, y and z' for up to *limit* items, then 'and N more'."""
    items = [str(item) for item in items if str(item)]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) > 1:
        return ", ".join(items[:-1]) + " and " + items[-1]
    return items[0] if items else ""


def _split_list(value: Any) -> list[str]:
    if not isinstance(value, str) or not value:
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


def _describe(corpus: Corpus, article: str) -> str:
    row = corpus.articles.set_index("id").loc[article]
    details = [str(row[key]) for key in ("outlet", "date") if str(row[key])]
    return f"{article} ({', '.join(details)})" if details else article


def _signed(value: float) -> str:
    """``+0.17``, ``-0.32``; a value that rounds to zero is ``0.00`` (never ``-0.00``)."""
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def _finding_alignment(context: _Context, a: str, b: str) -> list[str]:
    summary = rows_of_pair(context.tables["summary"], a, b)
    if not len(summary):
        return []
    row = summary.iloc[0]
    lines = [
        f"{row.a_matched} of {row.a_body_sentences} body sentences in A have a counterpart in B; "
        f"{row.b_matched} of {row.b_body_sentences} body sentences in B have one in A."
    ]
    if row.n_pairs:
        lines.append(
            f"The aligner found {row.n_pairs} sentence pairs ({row.n_equivalent} equivalent, "
            f"{row.n_partial} partial; mean similarity {row.mean_similarity:.2f}); every pair "
            f"passes {context.rule}, and only these pairs feed the findings below."
        )
    return lines


def _finding_people(context: _Context, a: str, b: str) -> list[str]:
    summary = rows_of_pair(context.tables.get("coverage_summary"), a, b)
    if not len(summary) or "article" not in summary.columns:
        return []
    by_article = {str(row["article"]): row for _, row in summary.iterrows()}
    lines = []
    for column, verb in (("speakers_only_here", "quotes"), ("actors_only_here", "names")):
        parts = []
        for side, article in (("A", a), ("B", b)):
            row = by_article.get(article)
            items = _split_list(row[column]) if row is not None and column in row else []
            if items:
                parts.append(f"only {side} {verb} {_names(items, context.limit)}")
        if parts:
            sentence = "; ".join(parts)
            lines.append(sentence[0].upper() + sentence[1:] + ".")
    return lines


def _finding_passages(context: _Context, a: str, b: str) -> list[str]:
    gaps = context.tables.get("coverage_gaps")
    if gaps is None or not len(gaps):
        return []
    gaps = gaps[(gaps["kind"] == "sentence")]
    if {"a", "b"} <= set(gaps.columns):
        gaps = gaps[(gaps["a"] == a) & (gaps["b"] == b)]
    lines = []
    for side, article in (("A", a), ("B", b)):
        top = gaps[gaps["article"] == article].sort_values(["rank", "sentence"]).head(1)
        for _, row in top.iterrows():
            lines.append(
                f"Only {side} reports (sentence {row['sentence']}): {shorten(row['text'])}"
            )
    return lines


def _finding_numbers(context: _Context, a: str, b: str) -> list[str]:
    compared = rows_of_pair(context.tables.get("number_comparison"), a, b)
    if not len(compared) or "status" not in compared.columns:
        return []
    limit = context.limit
    lines = []
    different = compared[compared["status"] == "different"]
    if len(different):
        items = [
            f"{row.a_text} (A) against {row.b_text} (B)"
            + (f" {row.unit}" if isinstance(row.unit, str) and row.unit else "")
            for row in different.itertuples()
        ]
        lines.append(f"Aligned sentences give different figures: {_names(items, limit)}.")
    # A figure repeated by one article (a summary box and the body) is "only here" solely when
    # the other article never gives the same value anywhere.
    values = {
        side: set(zip(compared[f"{side}_low"], compared[f"{side}_high"], strict=True))
        for side in ("a", "b")
    }
    for side, status, column in (("A", "a_only", "a_text"), ("B", "b_only", "b_text")):
        rows = compared[compared["status"] == status]
        other = values["b" if side == "A" else "a"]
        key = side.lower()
        alone = [
            (low, high) not in other
            for low, high in zip(rows[f"{key}_low"], rows[f"{key}_high"], strict=True)
        ]
        items = list(dict.fromkeys(rows.loc[alone, column].astype(str)))
        if items:
            lines.append(f"Figures only {side} gives: {_names(items, limit)}.")
    return lines


def _in_body(pairs: str, body_a: set[int], body_b: set[int]) -> bool:
    """Tell whether a word-choice row's first pair (``"a_sentence-b_sentence"``) is body text."""
    first = pairs.split(";")[0].strip()
    left, _, right = first.partition("-")
    try:
        return int(left) in body_a and int(right) in body_b
    except ValueError:
        return False


def _finding_words(context: _Context, a: str, b: str) -> list[str]:
    lines = []
    limit = context.limit
    choice = rows_of_pair(context.tables.get("word_choice"), a, b)
    if len(choice) and "kind" in choice.columns:
        short = choice["a_phrase"].astype(str).str.split().str.len().le(_SHORT_PHRASE) & choice[
            "b_phrase"
        ].astype(str).str.split().str.len().le(_SHORT_PHRASE)
        body = body_ids(context.corpus, a), body_ids(context.corpus, b)
        in_body = choice["pairs"].astype(str).map(lambda pairs: _in_body(pairs, *body))
        subs = choice[(choice["kind"] == "substitution") & short & in_body].head(limit)
        if len(subs):
            items = [f"“{row.a_phrase}” (A) for “{row.b_phrase}” (B)" for row in subs.itertuples()]
            lines.append(f"Same facts, different words: {_names(items, limit)}.")
    terms = rows_of_pair(context.tables.get("distinguishing_terms"), a, b)
    if len(terms) and "z" in terms.columns:
        ranked = terms.sort_values(["z", "term"], ascending=[False, True])
        top_a = ranked[ranked["z"] > 0]["term"].head(limit).tolist()
        top_b = ranked[ranked["z"] < 0]["term"].iloc[::-1].head(limit).tolist()
        if top_a and top_b:
            lines.append(
                f"Words most typical of A: {_names(top_a, limit)}; of B: {_names(top_b, limit)} "
                "(log-odds z-scores; indicative, not significant)."
            )
    return lines


def _finding_frames(context: _Context, a: str, b: str) -> list[str]:
    frames = rows_of_pair(context.tables.get("frames"), a, b)
    if not len(frames) or "diff" not in frames.columns:
        return []
    order = frames["diff"].abs().sort_values(ascending=False, kind="stable").index
    row = frames.loc[order[0]]
    if not row["diff"]:
        return []
    more, less = ("A", "B") if row["diff"] > 0 else ("B", "A")
    return [
        f"Largest frame difference: {row['label'] or row['frame']} in "
        f"{100 * row['a_share']:.0f}% of A's body sentences and {100 * row['b_share']:.0f}% of "
        f"B's ({more} more than {less}; permutation p = {row['p_value']:.2f}; {context.level}% "
        "intervals in frames.csv)."
    ]


def _finding_tone(context: _Context, a: str, b: str) -> list[str]:
    summary = context.tables.get("sentiment_summary")
    compared = rows_of_pair(context.tables.get("sentiment_comparison"), a, b)
    if summary is None or not len(compared):
        return []
    rows = summary.set_index("article")
    parts = [
        f"{side} {_signed(rows.loc[article, 'mean_compound'])} "
        f"[{_signed(rows.loc[article, 'ci_low'])}, {_signed(rows.loc[article, 'ci_high'])}]"
        for side, article in (("A", a), ("B", b))
        if article in rows.index
    ]
    lines = [
        f"Mean sentence tone (VADER compound, -1..1, {context.level}% CI): {'; '.join(parts)}; "
        f"difference p = {compared['p_value'].iloc[0]:.2f} (permutation test)."
    ]
    shifts = rows_of_pair(context.tables.get("sentiment_pairs"), a, b)
    if len(shifts):
        top = shifts.sort_values("abs_difference", ascending=False, kind="stable").iloc[0]
        if top["abs_difference"] >= _TONE_SHIFT:
            lines.append(
                f"Largest tone shift on the same fact: A sentence {top['a_sentence']} "
                f"({_signed(top['a_compound'])}) against B sentence {top['b_sentence']} "
                f"({_signed(top['b_compound'])})."
            )
    return lines


_FINDERS: tuple[Callable[[_Context, str, str], list[str]], ...] = (
    _finding_alignment,
    _finding_passages,
    _finding_people,
    _finding_numbers,
    _finding_words,
    _finding_frames,
    _finding_tone,
)
