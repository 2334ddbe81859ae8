"""Mentions of people, organisations and places in sentences, with aliases merged per event.

:func:`extract_mentions` gives MENTION_COLUMNS; the method is in ``docs/methods.md``, section 3.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

from analysis.errors import AnalysisError, ConfigError
from analysis.extract.actors.candidates import Candidate, mark_reported, resolve_overlaps
from analysis.extract.actors.codebook import CODEBOOK_COLUMNS
from analysis.extract.actors.merging import known_forms, merge_candidates
from analysis.extract.actors.rules import SentenceRules
from analysis.extract.actors.spacy_ner import spacy_candidates
from analysis.extract.actors.tokens import is_heading_like, known_words
from analysis.text.gazetteer import alias_lookup, alias_pattern

__all__ = ["MENTION_COLUMNS", "extract_mentions"]

MENTION_COLUMNS = ["article", "sentence", "start", "end", "mention", "actor", "type", "role"]

_METHODS = ("rules", "spacy")


def extract_mentions(
    sentences: pd.DataFrame,
    *,
    codebook: pd.DataFrame | None = None,
    method: str = "rules",
    spacy_model: str = "en_core_web_sm",
) -> pd.DataFrame:
    """Find the mentions of people, organisations and places in *sentences*.

    Parameters
    ----------
    sentences : pandas.DataFrame
        Needs ``article``, ``sentence`` and ``text`` columns; ``block_type`` and ``is_body`` are
        used when present (Corpus.sentences has them), and an ``event`` column makes alias
        merging run per event (else the whole input is one event).
    codebook : pandas.DataFrame, optional
        CODEBOOK_COLUMNS (:func:`load_codebook` or :func:`make_codebook`): adds aliases and
        overrides automatic merging.
    method : {"rules", "spacy"}
        ``"rules"`` (no model) or ``"spacy"`` (needs spaCy and *spacy_model*; roles and merging
        are the same).
    spacy_model : str
        Name of the installed spaCy pipeline used by ``method="spacy"``.

    Returns
    -------
    pandas.DataFrame
        MENTION_COLUMNS, one row per mention, in input sentence order, then by offset:

        - ``article`` (str), ``sentence`` (int): the sentence the mention is in.
        - ``start``, ``end`` (int): character offsets within that sentence's text; a
          possessive ``'s`` and a leading "the" are not part of the mention.
        - ``mention`` (str): the text as written, ``text[start:end]``.
        - ``actor`` (str): canonical name after alias merging.
        - ``type`` (str): one of ACTOR_TYPES (``other``: named events, laws, wars).
        - ``role`` (str): the title or role the mention is introduced with ("Ukrainian
          President"), "" if none.

    Raises
    ------
    ConfigError
        For an unknown *method* or a codebook without its columns.
    AnalysisError
        When *sentences* lacks a needed column, or spaCy or its model is missing.
    """
    _check_input(sentences, codebook, method)
    frame = sentences.reset_index(drop=True)
    if "block_type" not in frame.columns:
        frame = frame.assign(block_type="paragraph")
    frame = frame.assign(block_type=frame["block_type"].fillna("paragraph").astype(str))
    body = (
        frame["is_body"].astype(bool)
        if "is_body" in frame.columns
        else frame["block_type"].isin(["paragraph", "list_item"])
    )
    lookup = alias_lookup(codebook)
    groups = (
        [idx.tolist() for _, idx in frame.groupby("event", sort=False).groups.items()]
        if "event" in frame.columns
        else [list(range(len(frame)))]
    )
    rows_out: list[dict[str, Any]] = []
    texts = frame["text"].astype(str).tolist()
    articles = frame["article"].tolist()
    numbers = [int(n) for n in frame["sentence"]]
    block_types = frame["block_type"].tolist()
    for group in groups:
        known, lower = known_words(frame.iloc[group], body.iloc[group])
        rules = SentenceRules(lookup, known, lower)
        cands: list[Candidate] = []
        if method == "spacy":
            cands = spacy_candidates(frame, group, spacy_model)
            for r in group:
                cands.extend(
                    c for c in rules.candidates(r, texts[r], True) if c.source == "gazetteer"
                )
        else:
            for r in group:
                cands.extend(
                    rules.candidates(r, texts[r], is_heading_like(texts[r], block_types[r]))
                )
        cands = resolve_overlaps(mark_reported(cands, texts))
        resolved = merge_candidates(cands, frame, codebook)
        resolved += _known_mentions(resolved, texts, group)
        for cand, actor, kind in resolved:
            rows_out.append(
                {
                    "article": articles[cand.row],
                    "sentence": numbers[cand.row],
                    "start": cand.start,
                    "end": cand.end,
                    "mention": texts[cand.row][cand.start : cand.end],
                    "actor": actor,
                    "type": kind,
                    "role": cand.role,
                    "_row": cand.row,
                }
            )
    out = pd.DataFrame(rows_out, columns=[*MENTION_COLUMNS, "_row"])
    out = out.sort_values(["_row", "start"], kind="stable").drop(columns="_row")
    out = out.astype({"sentence": "int64", "start": "int64", "end": "int64"})
    return out.reset_index(drop=True)


def _check_input(sentences: pd.DataFrame, codebook: pd.DataFrame | None, method: str) -> None:
    if method not in _METHODS:
        raise ConfigError(f"unknown actor method {method!r}; use 'rules' or 'spacy'")
    missing = {"article", "sentence", "text"} - set(sentences.columns)
    if missing:
        raise AnalysisError(
            f"sentences table lacks column(s) {sorted(missing)}; pass Corpus.sentences"
        )
    if codebook is not None and set(CODEBOOK_COLUMNS) - set(codebook.columns):
        raise ConfigError("codebook lacks alias/actor/type columns; build it with make_codebook")


def _known_mentions(
    resolved: list[tuple[Candidate, str, str]], texts: list[str], group: list[int]
) -> list[tuple[Candidate, str, str]]:
    """Find again the forms of names already found, outside the spans already taken.

    A second pass: names the rules found also count where they recur in headings and at
    sentence starts.
    """
    forms = known_forms(resolved, texts)
    pattern = alias_pattern(forms)
    if pattern is None:
        return []
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for cand, _, _ in resolved:
        taken[cand.row].append((cand.start, cand.end))
    out = []
    for r in group:
        for match in pattern.finditer(texts[r]):
            s, e = match.span()
            if all(e <= a or s >= b for a, b in taken[r]):
                actor, kind = forms[match.group()]
                out.append((Candidate(r, s, e, kind, "", "known"), actor, kind))
                taken[r].append((s, e))
    return out
