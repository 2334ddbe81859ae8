"""Framing: how the same event is worded, emphasised and sourced differently by two articles.

A thin facade over :mod:`~analysis.diff.logodds`, :mod:`~analysis.diff.wordchoice`,
:mod:`~analysis.diff.emphasis`, :mod:`~analysis.diff.frames` and :mod:`~analysis.diff.modality`
(``docs/methods.md``, sections 7-11); :data:`NOTES` holds the caveats printed with each table.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.diff.emphasis import emphasis, information_units
from analysis.diff.frames import FRAMES_NOTE, frame_shares, load_frame_dictionary
from analysis.diff.logodds import LOG_ODDS_NOTE, distinguishing_terms
from analysis.diff.modality import MODALITY_NOTE, load_modality_lexicon, modality_rates
from analysis.diff.resampling import DEFAULT_N_RESAMPLES, DEFAULT_SEED
from analysis.diff.wordchoice import word_choice
from analysis.errors import ConfigError
from analysis.text.lexicon import Lexicon

__all__ = [
    "NOTES",
    "TABLES",
    "distinguishing_terms",
    "emphasis",
    "frame_shares",
    "framing_tables",
    "information_units",
    "modality_rates",
    "word_choice",
]

logger = logging.getLogger(__name__)

#: Table names returned by :func:`framing_tables` (the report's CSV names without ``.csv``).
TABLES = (
    "distinguishing_terms",
    "word_choice",
    "emphasis",
    "emphasis_units",
    "frames",
    "modality",
)
#: Caveats to print with the tables.
NOTES = {
    "distinguishing_terms": LOG_ODDS_NOTE,
    "word_choice": (
        "Word alignment of equivalent sentence pairs (exact, stem, alias and MiniLM token "
        "matches); 'style' rows differ only in house style and are not framing."
    ),
    "frames": FRAMES_NOTE,
    "modality": MODALITY_NOTE,
}


def framing_tables(
    sentences: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    a: str,
    b: str,
    prior: str = "corpus",
    frame_dictionary: Lexicon | None = None,
    modality_lexicon: Lexicon | None = None,
    relations: Sequence[str] = ("equivalent", "partial"),
    n_lead: int = 3,
    outlets: Iterable[str] | None = None,
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[str, pd.DataFrame]:
    """Compute all framing tables for articles *a* and *b*.

    Distinguishing terms use every sentence of the two articles (headline and summary items
    included); frame and modality rates use body sentences (``is_body``), so a share is "of the
    article's body sentences".

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``Corpus.sentences``.
    pairs : pandas.DataFrame
        ``align_articles(corpus, a, b).pairs``.
    a, b : str
        The two article ids.
    prior : str, optional
        Prior of the distinguishing terms (:data:`analysis.diff.logodds.PRIORS`).
    frame_dictionary, modality_lexicon : Lexicon, optional
        Codebooks; None loads the shipped ones.
    relations : sequence of str, optional
        Relations of the pairs compared for word choice.
    n_lead : int, optional
        Body sentences counted as the lead.
    outlets : iterable of str, optional
        Outlets of the event, whose own names and brand words distinguishing terms leave out
        (:func:`analysis.diff.logodds.brand_terms`).
    confidence_level, n_resamples, seed : optional
        Resampling settings of every interval and test.

    Returns
    -------
    dict of str to pandas.DataFrame
        The tables keyed by :data:`TABLES` names: ``distinguishing_terms``, ``word_choice``,
        ``emphasis``, ``emphasis_units``, ``frames``, ``modality`` (columns as documented by
        the function producing each).

    Raises
    ------
    ConfigError
        When either article has no sentences, or a table's inputs or settings are invalid.
    """
    for article in (a, b):
        if not (sentences["article"].astype(str) == article).any():
            raise ConfigError(f"article {article!r} has no sentences; pick one of the corpus ids")
    both = sentences[sentences["article"].astype(str).isin([a, b])]
    body = both[both["is_body"].astype(bool)]
    frames_lex = frame_dictionary if frame_dictionary is not None else load_frame_dictionary()
    modality_lex = modality_lexicon if modality_lexicon is not None else load_modality_lexicon()
    tables = {
        "distinguishing_terms": distinguishing_terms(both, a=a, b=b, prior=prior, outlets=outlets),
        "word_choice": word_choice(pairs, relations=relations, lexicon=modality_lex),
        "emphasis": emphasis(
            sentences,
            pairs,
            a=a,
            b=b,
            n_lead=n_lead,
            confidence_level=confidence_level,
            n_resamples=n_resamples,
            seed=seed,
        ),
        "emphasis_units": information_units(pairs, sentences, a=a, b=b, n_lead=n_lead),
        "frames": frame_shares(
            body,
            a=a,
            b=b,
            dictionary=frames_lex,
            confidence_level=confidence_level,
            n_resamples=n_resamples,
            seed=seed,
        ),
        "modality": modality_rates(
            body,
            a=a,
            b=b,
            lexicon=modality_lex,
            confidence_level=confidence_level,
            n_resamples=n_resamples,
            seed=seed,
        ),
    }
    logger.info("framing tables for %s vs %s: %s", a, b, {k: len(v) for k, v in tables.items()})
    return tables
