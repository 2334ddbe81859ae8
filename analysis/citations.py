"""Citations of the published methods, one registry for run.json, the reports and the docs.

Each :class:`Citation` is listed under the name an output uses for it; :func:`citations` gives
the ``{name: text}`` of one output (the event report or the collection summary).
``docs/methods.md`` lists every entry (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["REGISTRY", "Citation", "Scope", "citations"]

#: The outputs that cite methods: an event report, the summary of a collection.
Scope = Literal["report", "batch"]


@dataclass(frozen=True)
class Citation:
    """One method and its sources, as ``name: text`` in the output of *scope*.

    Parameters
    ----------
    scope : {"report", "batch"}
        The output that lists it: an event report or the summary of a collection.
    name : str
        The key in that output (``run.json`` ``citations``), unique within the scope.
    text : str
        The method and its references, one line.
    """

    scope: Scope
    name: str
    text: str


REGISTRY: tuple[Citation, ...] = (
    Citation(
        "report",
        "similarity",
        "Calibrated sentence similarity: logistic regression (Cox 1958) over lexical features "
        "(TF-IDF cosine, Salton & Buckley 1988) fitted on MRPC (Dolan & Brockett 2005).",
    ),
    Citation(
        "report",
        "alignment",
        "Margin-based mining of sentence pairs (Artetxe & Schwenk 2019), many-to-many, order-free.",
    ),
    Citation(
        "report",
        "actors",
        "Rule- and gazetteer-based named-entity recognition (Mikheev, Moens & Grover 1999); "
        "evaluated on ECB+ (Cybulska & Vossen 2014).",
    ),
    Citation(
        "report",
        "quotes",
        "Quotation attribution by the cue-source-content model (Pareti 2016, PARC 3.0; "
        "Krestel, Bergler & Witte 2008).",
    ),
    Citation(
        "report",
        "coverage",
        "Omission and source selection as forms of media bias (Entman 2007; Hamborg, Donnay "
        "& Gipp 2019).",
    ),
    Citation(
        "report",
        "distinguishing_terms",
        "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).",
    ),
    Citation(
        "report",
        "word_choice",
        "Equivalence framing (Druckman 2001; Entman 1993): word alignment of equivalent "
        "sentence pairs (SimAlign-style mutual argmax over MiniLM token vectors, Jalili Sabet "
        "et al. 2020), house-style differences kept apart.",
    ),
    Citation(
        "report", "emphasis", "Salience and the inverted pyramid (Entman 1993; Pöttker 2003)."
    ),
    Citation(
        "report",
        "frames",
        "Dictionary frames after the generic news frames of Semetko & Valkenburg (2000) and "
        "the Policy Frames Codebook (Boydstun et al. 2014).",
    ),
    Citation(
        "report",
        "modality",
        "Hedges and boosters (Hyland 1998, 2005); speculation cues (Farkas et al. 2010); "
        "reporting verbs (Bergler 1992).",
    ),
    Citation(
        "report",
        "sentiment",
        "VADER sentence sentiment (Hutto & Gilbert 2014), vaderSentiment's reference "
        "implementation.",
    ),
    Citation(
        "report",
        "actor_tone",
        "Target-dependent tone (Hamborg & Donnay 2021, NewsMTSC, training data): logistic "
        "regressions on lexical features and on all-MiniLM-L6-v2 token vectors (Wang et al. "
        "2020; Reimers & Gurevych 2019) pooled over the target (Gao et al. 2019), fused.",
    ),
    Citation(
        "report",
        "uncertainty",
        "Sentence-level bootstrap confidence intervals, BCa (Efron 1987; Efron & Tibshirani "
        "1993); two-sided permutation tests (Good 2005).",
    ),
    Citation("report", "palette", "Colour-blind-safe palette of Okabe & Ito (2008)."),
    Citation("batch", "alignment", "Ratio-margin sentence alignment (Artetxe & Schwenk 2019)"),
    Citation("batch", "bootstrap", "Percentile bootstrap over events (Efron & Tibshirani 1993)"),
    Citation(
        "batch",
        "log_odds",
        "Log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)",
    ),
    Citation("batch", "tone", "VADER (Hutto & Gilbert 2014)"),
    Citation(
        "batch", "frames", "Generic news frames (Semetko & Valkenburg 2000), dictionary-based"
    ),
)


def citations(scope: Scope) -> dict[str, str]:
    """Return the citations one output lists, in registry order.

    Parameters
    ----------
    scope : {"report", "batch"}
        ``report`` for an event report, ``batch`` for the summary of a collection.

    Returns
    -------
    dict[str, str]
        ``{name: text}``, the form run.json records.
    """
    return {entry.name: entry.text for entry in REGISTRY if entry.scope == scope}
