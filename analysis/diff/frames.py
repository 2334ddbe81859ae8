"""Frame categories: sentence-level frame shares from a user-editable dictionary codebook.

To frame is to select some aspects of a perceived reality and make them more salient (Entman
1993). This module measures frames with a dictionary codebook (``analysis/data/frames.yaml``):
the five generic news frames of Semetko & Valkenburg (2000) (conflict, attribution of
responsibility, economic consequences, human interest, morality) plus security and defence,
diplomacy and negotiation, and domestic politics after the Policy Frames Codebook (Boydstun et
al. 2014). A sentence carries a frame when at least one of the frame's terms occurs in it
(:mod:`analysis.text.lexicon` matching; quanteda YAML dictionaries are accepted too). Dictionary frames
are indicative only (:data:`FRAMES_NOTE`).

:func:`sentence_frames` gives one row per sentence and frame (:data:`SENTENCE_FRAME_COLUMNS`):
``article``, ``sentence``; ``frame``; ``present`` (bool); ``n_matches`` (non-overlapping term
matches); ``terms`` (the matched words, ``"; "``-joined, so every mark can be traced).

:func:`frame_shares` gives ``frames.csv``, one row per frame (:data:`FRAME_COLUMNS`): ``frame``,
``label``; ``a``, ``b`` (the groups); ``a_n``, ``b_n`` (sentences); ``a_share``, ``a_ci_low``,
``a_ci_high`` (share of *a*'s sentences carrying the frame, 0..1, with a sentence-level bootstrap
interval) and the same for ``b``; ``diff`` (``a_share - b_share``); ``p_value`` (two-sided
permutation test of the difference); ``a_terms``, ``b_terms`` (matched terms with counts, most
frequent first); ``confidence_level``, ``n_resamples``, ``seed`` (see :mod:`analysis.diff.resampling`).
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
    """The frame codebook: the shipped ``frames.yaml`` (``None``) or a user YAML file / mapping.

    Either the package layout or a quanteda YAML dictionary; see :mod:`analysis.text.lexicon`.
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
    """One row per sentence and frame: whether the frame is present and which words marked it.

    *sentences* needs ``group_col`` (default ``article``), ``sentence`` and ``text``. Columns
    :data:`SENTENCE_FRAME_COLUMNS` (``article`` holds the ``group_col`` value); rows follow the
    input order, frames the codebook order.
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
    """Share of sentences of groups *a* and *b* carrying each frame, with uncertainty.

    The unit is the sentence: shares get a sentence-level bootstrap interval and the difference
    ``a_share - b_share`` a permutation test (:func:`analysis.diff.resampling.compare_groups`). Pass the
    sentences to count (e.g. body sentences only: ``sentences[sentences.is_body]``); rows of other
    groups are ignored. Returns ``frames.csv`` (:data:`FRAME_COLUMNS`), frames in codebook order.
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
