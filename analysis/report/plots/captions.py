"""Caption of each figure: what it shows, the method and its citation."""

from __future__ import annotations

from collections.abc import Mapping

from analysis.errors import ConfigError

__all__ = ["FIGURE_CAPTIONS", "FIGURE_NAMES", "figure_caption"]

#: Names of the figures, in report order; keys of :data:`FIGURE_CAPTIONS`.
FIGURE_NAMES: tuple[str, ...] = (
    "alignment",
    "similarity",
    "coverage",
    "distinguishing_terms",
    "frames",
    "modality",
    "tone",
    "tone_arc",
    "tone_shifts",
    "outlet_coverage",
    "outlet_tone",
)

#: Caption of each figure: what it shows, the method and its citation. ``{method}`` in the
#: alignment captions is the similarity scorer's name (see :func:`figure_caption`).
FIGURE_CAPTIONS: Mapping[str, str] = {
    "alignment": (
        "Sentence alignment of articles A and B. Each bar is one sentence in reading order "
        "(height proportional to its words; every fifth sentence numbered); hatched bars are "
        "headlines, headings and summary items. Lines join aligned sentences (solid: "
        "equivalent, dashed: partial; width: similarity); coloured bars have no counterpart "
        "in the other article. Alignment: {method} sentence similarity, order-free and "
        "many-to-many; a pair is kept when its graded similarity reaches the cut calibrated "
        "on the STS Benchmark (Cer et al. 2017) and its ratio margin over both sentences' "
        "nearest neighbours is at least 1 (Artetxe & Schwenk 2019); it is equivalent when "
        "the probability of the same statement, calibrated by logistic regression on MRPC "
        "(Dolan & Brockett 2005), is at least 0.5."
    ),
    "similarity": (
        "Graded similarity ({method} scorer, 0-1) of every sentence of A (rows) with every "
        "sentence of B (columns), sentences numbered in reading order. Squares mark pairs the "
        "aligner labels equivalent, crosses partial pairs (ratio margin, Artetxe & Schwenk "
        "2019; probabilities calibrated on MRPC, Dolan & Brockett 2005)."
    ),
    "coverage": (
        "Coverage: actors (people, organisations, places), quoted speakers and numbers found "
        "in both articles, in A only and in B only. Actors are found by rules and a gazetteer "
        "and merged across articles by alias; numbers are compared by value and unit. "
        "Omission and source selection as forms of media bias: Entman 2007; Hamborg et al. "
        "2019."
    ),
    "distinguishing_terms": (
        "Distinguishing terms: z-score of the log-odds ratio with an informative Dirichlet "
        "prior (Monroe, Colaresi & Quinn 2008) against each term's total frequency (log "
        "scale). Positive z: more typical of A; negative: of B. Dashed lines mark |z| = 1.96; "
        "with two article-sized texts few words pass it, so labelled terms are indicative, "
        "not significant."
    ),
    "frames": (
        "Frame shares: the share of each article's sentences matching a frame of the "
        "dictionary codebook (generic news frames after Semetko & Valkenburg 2000, plus "
        "security, diplomacy and domestic politics), with 95% sentence-level bootstrap "
        "confidence intervals (BCa; Efron 1987). Dictionary frames are indicative and need "
        "validation against human coding."
    ),
    "modality": (
        "Modality and attribution: rates of hedges, certainty markers and reporting verbs per "
        "article from the shipped lexicons (hedging after Hyland 2005), with 95% "
        "sentence-level bootstrap confidence intervals (BCa; Efron 1987)."
    ),
    "tone": (
        "Sentence tone per article: VADER compound score of each sentence (Hutto & Gilbert "
        "2014), with box plots (median, quartiles, whiskers to 1.5 IQR) and the mean "
        "(diamond). The shaded band is "
        "VADER's neutral range, |compound| < 0.05. An article's tone is the mean of its "
        "sentence scores, never a whole-article score."
    ),
    "tone_arc": (
        "Tone arc: mean VADER compound score (Hutto & Gilbert 2014) of the sentences by "
        "relative position in each article's body (0 = lead, 1 = end), with 95% bootstrap "
        "confidence intervals where given (Efron 1987)."
    ),
    "tone_shifts": (
        "Tone on the same facts: VADER compound score (Hutto & Gilbert 2014) of the A and B "
        "sentence of each aligned pair, largest shift first. Same fact, different valence is "
        "a framing signal (Entman 1993)."
    ),
    "outlet_coverage": (
        "Coverage by outlet across events: mean share of each event's information units "
        "(clusters of aligned sentences, sentence alignment with ratio margin, Artetxe & "
        "Schwenk 2019) that the outlet reports, with a percentile bootstrap interval from "
        "resampling events (Efron & Tibshirani 1993). Outlets in the most events are shown."
    ),
    "outlet_tone": (
        "Tone by outlet across events: mean of each article's mean VADER compound score "
        "(Hutto & Gilbert 2014) over body sentences, with a percentile bootstrap interval from "
        "resampling events (Efron & Tibshirani 1993)."
    ),
}


def figure_caption(name: str, *, method: str = "lexical") -> str:
    """Caption of a figure, naming the method and its citation.

    Parameters
    ----------
    name : str
        One of :data:`FIGURE_NAMES`.
    method : str, default "lexical"
        The alignment scorer's name, filled into the alignment and similarity captions.

    Returns
    -------
    str
        The caption, one paragraph.

    Raises
    ------
    ConfigError
        If *name* is not a known figure.
    """
    if name not in FIGURE_CAPTIONS:
        raise ConfigError(f"figure {name!r} is unknown; use one of {', '.join(FIGURE_NAMES)}")
    return FIGURE_CAPTIONS[name].format(method=method)
