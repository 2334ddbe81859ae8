"""Frame categories: sentence-level frame shares from a user-editable dictionary codebook.

The codebook, its sources and its limits (dictionary frames are indicative only) are in
``docs/methods.md``, section 10.
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
from analysis.text.lexicon import (
    Lexicon,
    format_terms,
    load_lexicon,
    merge_terms,
    read_packaged_lexicon,
    sentence_terms,
)

__all__ = [
    "DEFAULT_FRAMES_FILE",
    "FRAMES_NOTE",
    "FRAME_COLUMNS",
    "SENTENCE_FRAME_COLUMNS",
    "frame_shares",
    "load_frame_dictionary",
    "sentence_frames",
]

logger = logging.getLogger(__name__)

#: The codebook shipped in ``analysis/data``.
DEFAULT_FRAMES_FILE = "frames.yaml"
#: Printed with the frames table in reports.
FRAMES_NOTE = (
    "Frame shares come from a dictionary codebook (generic frames after Semetko & Valkenburg "
    "2000; security, diplomacy and domestic politics after Boydstun et al. 2014). Dictionary "
    "frames are indicative: they need validation against human coding before they are cited. "
    "Every match is listed with the words that triggered it."
)
SENTENCE_FRAME_COLUMNS = ["article", "sentence", "frame", "present", "n_matches", "terms"]
FRAME_COLUMNS = [
    "frame",
    "label",
    "a",
    "b",
    "a_n",
    "b_n",
    "a_share",
    "a_ci_low",
    "a_ci_high",
    "b_share",
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


def load_frame_dictionary(source: str | Path | dict[str, Any] | None = None) -> Lexicon:
    """Load the frame codebook.

    Parameters
    ----------
    source : str, Path, dict or None, optional
        None for the shipped ``frames.yaml``, else a YAML file or mapping in the package layout
        or the quanteda YAML dictionary layout (see :func:`analysis.text.lexicon.load_lexicon`).

    Returns
    -------
    Lexicon
        One category per frame.

    Raises
    ------
    ConfigError
        When the file cannot be read or parsed, or a frame has no terms.
    """
    if source is None:
        return read_packaged_lexicon(DEFAULT_FRAMES_FILE)
    return load_lexicon(source)


def sentence_frames(
    sentences: pd.DataFrame,
    *,
    dictionary: Lexicon | None = None,
    group_col: str = "article",
) -> pd.DataFrame:
    """Mark every sentence with the frames whose terms occur in it.

    A sentence carries a frame when at least one of the frame's terms occurs in it.

    Parameters
    ----------
    sentences : pandas.DataFrame
        One row per sentence, with ``group_col``, ``sentence`` and ``text``.
    dictionary : Lexicon, optional
        The codebook; None loads the shipped one.
    group_col : str, optional
        Column naming each sentence's group.

    Returns
    -------
    pandas.DataFrame
        One row per sentence and frame, columns :data:`SENTENCE_FRAME_COLUMNS`: ``article`` (the
        ``group_col`` value), ``sentence``, ``frame``, ``present`` (bool), ``n_matches``
        (non-overlapping term matches), ``terms`` (the matched words with counts,
        ``"; "``-joined). Rows follow the input order, frames the codebook order.

    Raises
    ------
    ConfigError
        When *sentences* lacks one of the three columns.
    """
    lexicon = dictionary if dictionary is not None else load_frame_dictionary()
    rows = [
        (article, sentence, frame, bool(terms), len(terms), format_terms(terms))
        for _, article, sentence, frame, terms in sentence_terms(
            sentences, lexicon, group_col=group_col
        )
    ]
    return pd.DataFrame(rows, columns=SENTENCE_FRAME_COLUMNS)


def frame_shares(
    sentences: pd.DataFrame,
    *,
    a: str,
    b: str,
    group_col: str = "article",
    dictionary: Lexicon | None = None,
    confidence_level: float = 0.95,
    n_resamples: int = DEFAULT_N_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Compute the share of sentences of groups *a* and *b* carrying each frame, with uncertainty.

    The unit is the sentence: shares get a sentence-level bootstrap interval and the difference
    a permutation test (:func:`analysis.diff.resampling.compare_groups`).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences to count (e.g. body sentences only: ``sentences[sentences.is_body]``), with
        ``group_col``, ``sentence`` and ``text``; rows of other groups are ignored.
    a, b : str
        The two groups compared.
    group_col : str, optional
        Column naming each sentence's group.
    dictionary : Lexicon, optional
        The codebook; None loads the shipped one.
    confidence_level, n_resamples, seed : optional
        Resampling settings, as in :func:`~analysis.diff.resampling.compare_groups`.

    Returns
    -------
    pandas.DataFrame
        ``frames.csv``, one row per frame in codebook order, columns :data:`FRAME_COLUMNS`:
        ``frame``, ``label``; ``a``, ``b``; ``a_n``, ``b_n`` (sentences); ``a_share``,
        ``a_ci_low``, ``a_ci_high`` (share of *a*'s sentences carrying the frame, 0..1, with its
        bootstrap interval) and the same for ``b``; ``diff`` (``a_share - b_share``);
        ``p_value`` (two-sided permutation test); ``a_terms``, ``b_terms`` (matched terms with
        counts, most frequent first); ``confidence_level``, ``n_resamples``, ``seed``.

    Raises
    ------
    ConfigError
        For a missing column, a group without sentences or invalid resampling settings.
    """
    lexicon = dictionary if dictionary is not None else load_frame_dictionary()
    chosen = select_groups(sentences, a=a, b=b, group_col=group_col)
    marks = sentence_frames(chosen, dictionary=lexicon, group_col=group_col)
    values = marks.assign(value=marks["present"].astype(float)).rename(
        columns={"frame": "category"}
    )
    table = compare_groups(
        values,
        a=a,
        b=b,
        confidence_level=confidence_level,
        n_resamples=n_resamples,
        seed=seed,
    )
    table = table.rename(columns={"category": "frame", "a_mean": "a_share", "b_mean": "b_share"})
    terms = marks[marks["present"]].groupby(["frame", "article"])["terms"].agg(merge_terms)
    table["label"] = [lexicon.metadata.get(f, {}).get("label", f) for f in table["frame"]]
    table["a_terms"] = [terms.get((f, a), "") for f in table["frame"]]
    table["b_terms"] = [terms.get((f, b), "") for f in table["frame"]]
    logger.debug("frame shares %s vs %s over %d frames", a, b, len(table))
    return table[FRAME_COLUMNS]
