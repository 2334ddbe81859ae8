"""Modality and attribution: rates of hedges, certainty markers and reporting verbs per article.

The word lists, their sources and their limits are in ``docs/methods.md``, section 11.
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
    """Load the hedge and certainty lists, plus a category of reporting verbs.

    Parameters
    ----------
    source : str, Path, dict or None, optional
        None for the shipped ``modality.yaml``, else a YAML file or mapping as for
        :func:`analysis.text.lexicon.load_lexicon`.

    Returns
    -------
    Lexicon
        The source's categories and, unless the source defines ``reporting``, a ``reporting``
        category with every inflected form of the shared reporting-verb list
        (:func:`analysis.extract.quotes.reporting_verb_forms`).

    Raises
    ------
    ConfigError
        When the file cannot be read or parsed, or a category has no terms.
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
    """Count the markers of every category in every sentence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        One row per sentence, with ``group_col``, ``sentence`` and ``text``; ``n_words`` is
        taken from the table when present, else counted.
    lexicon : Lexicon, optional
        The marker lists; None loads the shipped ones (:func:`load_modality_lexicon`).
    group_col : str, optional
        Column naming each sentence's group.

    Returns
    -------
    pandas.DataFrame
        One row per sentence and category, columns :data:`SENTENCE_MODALITY_COLUMNS`:
        ``article`` (the ``group_col`` value), ``sentence``, ``category``, ``n_words``,
        ``count`` (non-overlapping matches), ``terms`` (matched words with counts).

    Raises
    ------
    ConfigError
        When *sentences* lacks one of the needed columns.
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
    """Compute hedge, certainty and reporting-verb rates of groups *a* and *b*, with uncertainty.

    Per category: markers per 100 words (point estimate) and mean markers per sentence with a
    sentence-level bootstrap interval; the difference of the per-sentence means gets a
    permutation test (:func:`analysis.diff.resampling.compare_groups`).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences to count (e.g. body sentences), with ``group_col``, ``sentence`` and
        ``text``; rows of other groups are ignored.
    a, b : str
        The two groups compared.
    group_col : str, optional
        Column naming each sentence's group.
    lexicon : Lexicon, optional
        The marker lists; None loads the shipped ones.
    confidence_level, n_resamples, seed : optional
        Resampling settings, as in :func:`~analysis.diff.resampling.compare_groups`.

    Returns
    -------
    pandas.DataFrame
        ``modality.csv``, one row per category, columns :data:`MODALITY_COLUMNS`: ``category``,
        ``label``; ``a``, ``b``; ``a_n``, ``b_n`` (sentences); ``a_words``, ``b_words``;
        ``a_count``, ``b_count`` (markers); ``a_per_100_words``, ``b_per_100_words`` (point
        estimates, NaN without words); ``a_per_sentence``, ``a_ci_low``, ``a_ci_high`` (mean
        markers per sentence with its bootstrap interval) and the same for ``b``; ``diff``
        (``a_per_sentence - b_per_sentence``); ``p_value`` (permutation test); ``a_terms``,
        ``b_terms``; ``confidence_level``, ``n_resamples``, ``seed``.

    Raises
    ------
    ConfigError
        For a missing column, a group without sentences or invalid resampling settings.
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
