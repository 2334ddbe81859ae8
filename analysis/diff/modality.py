"""Modality and attribution: rates of hedges, certainty markers and reporting verbs per article.

How firmly an article states things, and how much it attributes to sources, is part of its
framing. Three marker categories are counted per sentence:

``hedge``
    Hedges and speculation (may, could, might, potentially, reportedly, ...) after Hyland's
    hedging lexicon (Hyland 1998; 2005, Appendix 1) with news speculation cues (Farkas et al.
    2010; Rubin 2007); ``analysis/data/modality.yaml``.
``certainty``
    Certainty markers / boosters (clearly, certainly, must, will, ...), Hyland (1998; 2005);
    same file.
``reporting``
    Reporting verbs (said, warned, insisted, claimed, ...): the lemmas of the shared list
    ``analysis/data/reporting_verbs.txt`` (Bergler 1992; Krestel et al. 2008; PARC 3.0, Pareti
    2016) in all inflected forms, as :func:`analysis.extract.quotes.reporting_verb_forms` gives them.

Word lists cannot separate epistemic from root modality, or verbs from nouns ("reports"); every
count is traceable through the ``terms`` columns. :func:`sentence_modality` gives one row per
sentence and category (:data:`SENTENCE_MODALITY_COLUMNS`): ``article``, ``sentence``,
``category``, ``n_words``, ``count`` (non-overlapping matches), ``terms``.

:func:`modality_rates` gives ``modality.csv``, one row per category (:data:`MODALITY_COLUMNS`):
``category``, ``label``; ``a``, ``b``; ``a_n``, ``b_n`` (sentences); ``a_words``, ``b_words``;
``a_count``, ``b_count`` (markers); ``a_per_100_words``, ``b_per_100_words`` (markers per 100
words, point estimates); ``a_per_sentence``, ``a_ci_low``, ``a_ci_high`` (mean markers per
sentence with a sentence-level bootstrap interval) and the same for ``b``; ``diff``
(``a_per_sentence - b_per_sentence``); ``p_value`` (permutation test); ``a_terms``, ``b_terms``;
``confidence_level``, ``n_resamples``, ``seed``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.diff.resampling import (
    DEFAULT_N_RESAMPLES,
    DEFAULT_SEED,
    compare_groups,
    select_groups,
)
from analysis.extract.quotes import reporting_verb_forms
from analysis.text.lexicon import (
    Lexicon,
    format_terms,
    load_lexicon,
    merge_terms,
    read_packaged_lexicon,
    sentence_terms,
)
from analysis.text.normalize import word_count

__all__ = [
    "DEFAULT_MODALITY_FILE",
    "MODALITY_COLUMNS",
    "MODALITY_NOTE",
    "SENTENCE_MODALITY_COLUMNS",
    "load_modality_lexicon",
    "modality_rates",
    "sentence_modality",
]

logger = logging.getLogger(__name__)

DEFAULT_MODALITY_FILE = "modality.yaml"
MODALITY_NOTE = (
    "Hedges and certainty markers after Hyland (1998, 2005), reporting verbs from the shared "
    "list in analysis/data/reporting_verbs.txt. Word lists cannot separate epistemic from "
    "root modality or verbs from nouns; read the matched terms."
)
SENTENCE_MODALITY_COLUMNS = ["article", "sentence", "category", "n_words", "count", "terms"]
MODALITY_COLUMNS = [
    "category",
    "label",
    "a",
    "b",
    "a_n",
    "b_n",
    "a_words",
    "b_words",
    "a_count",
    "b_count",
    "a_per_100_words",
    "b_per_100_words",
    "a_per_sentence",
    "a_ci_low",
    "a_ci_high",
    "b_per_sentence",
    "b_ci_low",
    "b_ci_high",
    "diff",
    "p_value",
    "a_terms",
    "b_terms",
    "confidence_level",
    "n_resamples",
    "seed",
]


def load_modality_lexicon(source: str | Path | dict[str, Any] | None = None) -> Lexicon:
    """Hedge and certainty lists (shipped ``modality.yaml`` or a user YAML file / mapping) plus a
    ``reporting`` category of inflected reporting verbs, unless the source defines ``reporting``.
    """
    base = read_packaged_lexicon(DEFAULT_MODALITY_FILE) if source is None else load_lexicon(source)
    if "reporting" in base.patterns:
        return base
    forms = tuple(sorted(reporting_verb_forms()))
    metadata = dict(base.metadata)
    metadata["reporting"] = {
        "label": "Reporting verbs",
        "source": "analysis/data/reporting_verbs.txt (Bergler 1992; Krestel et al. 2008; "
        "Pareti 2016)",
        "description": "Verbs that attribute a statement to a source, in all inflected forms.",
    }
    return Lexicon(
        name=base.name,
        patterns={**base.patterns, "reporting": forms},
        metadata=metadata,
        description=base.description,
    )


def sentence_modality(
    sentences: pd.DataFrame,
    *,
    lexicon: Lexicon | None = None,
    group_col: str = "article",
) -> pd.DataFrame:
    """One row per sentence and marker category with the marker count and the matched terms.

    *sentences* needs ``group_col``, ``sentence`` and ``text``; ``n_words`` is taken from the
    table when present, else counted. Columns :data:`SENTENCE_MODALITY_COLUMNS`.
    """
    lex = lexicon if lexicon is not None else load_modality_lexicon()
    matched = sentence_terms(sentences, lex, group_col=group_col)
    n_words = (
        sentences["n_words"].to_numpy()
        if "n_words" in sentences.columns
        else sentences["text"].astype(str).map(word_count).to_numpy()
    )
    rows = [
        (article, sentence, category, int(n_words[row]), len(terms), format_terms(terms))
        for row, article, sentence, category, terms in matched
    ]
    return pd.DataFrame(rows, columns=SENTENCE_MODALITY_COLUMNS)


def modality_rates(
    sentences: pd.DataFrame,
    *,
    a: str,
    b: str,
    group_col: str = "article",
    lexicon: Lexicon | None = None,
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Hedge, certainty and reporting-verb rates of groups *a* and *b*, with uncertainty.

    Per category: markers per 100 words (point estimate) and mean markers per sentence with a
    sentence-level bootstrap interval; the difference of the per-sentence means gets a
    permutation test (:func:`analysis.diff.resampling.compare_groups`). Pass the sentences to count (e.g.
    body sentences). Returns ``modality.csv`` (:data:`MODALITY_COLUMNS`).
    """
    lex = lexicon if lexicon is not None else load_modality_lexicon()
    chosen = select_groups(sentences, a=a, b=b, group_col=group_col)
    marks = sentence_modality(chosen, lexicon=lex, group_col=group_col)
    values = marks.assign(value=marks["count"].astype(float))
    table = compare_groups(
        values, a=a, b=b, confidence_level=confidence_level, n_resamples=n_resamples, seed=seed
    )
    table = table.rename(columns={"a_mean": "a_per_sentence", "b_mean": "b_per_sentence"})
    sums = marks.groupby(["category", "article"])[["count", "n_words"]].sum()
    terms = marks[marks["count"] > 0].groupby(["category", "article"])["terms"].agg(merge_terms)
    for side, name in (("a", a), ("b", b)):
        count = [int(sums.loc[(c, name), "count"]) for c in table["category"]]
        words = [int(sums.loc[(c, name), "n_words"]) for c in table["category"]]
        table[f"{side}_count"] = count
        table[f"{side}_words"] = words
        table[f"{side}_per_100_words"] = [
            100.0 * n / w if w else float("nan") for n, w in zip(count, words, strict=True)
        ]
        table[f"{side}_terms"] = [terms.get((c, name), "") for c in table["category"]]
    table["label"] = [lex.metadata.get(c, {}).get("label", c) for c in table["category"]]
    return table[MODALITY_COLUMNS]
