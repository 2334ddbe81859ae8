"""Citations of the published methods, one registry for run.json, the reports and the docs.

Each :class:`Citation` is listed under the name an output uses for it; :func:`citations` gives
the ``{name: text}`` of one output (the event report or the collection summary).
``docs/methods.md`` lists every entry (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "NOT_MEASURES",
    "REGISTRY",
    "VALIDATIONS",
    "Citation",
    "Scope",
    "Validation",
    "citations",
    "validations",
]

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


@dataclass(frozen=True)
class Validation:
    """How well one measure of the event report agrees with people, as the project measured it.

    Parameters
    ----------
    name : str
        The measure's citation name in the ``report`` scope.
    reference : str
        The human annotation it was compared with (data, split).
    agreement : str
        The measured agreement, with the method it holds for.
    command : str
        The command that measures it.
    """

    name: str
    reference: str
    agreement: str
    command: str


#: Report citations that name no measure (statistics, colours): nothing to validate.
NOT_MEASURES = frozenset({"uncertainty", "palette"})

#: The project's validation numbers, one place for the reports, run.json and docs/methods.md.
#: Measures without an entry have not been validated against human annotation.
VALIDATIONS: tuple[Validation, ...] = (
    Validation(
        "similarity",
        "MRPC test; STS-B test",
        "accuracy 74.4, F1 82.1; Spearman x100 71.2 (lexical)",
        "python benchmarks/bench_align.py",
    ),
    Validation(
        "alignment",
        "ECB+ test gold (topics 41-45, 11 pairs); seed gold",
        "F1 0.622 (P 0.747, sure R 0.533) against char 3-5-gram TF-IDF 0.676; seed F1 0.828",
        "python benchmarks/bench_align.py --gold-only",
    ),
    Validation(
        "actors",
        "ECB+ mentions; cross-document merging",
        "mention precision 0.878, recall 0.401; B-cubed F1 0.823",
        "python benchmarks/bench_actors.py",
    ),
    Validation(
        "quotes",
        "speaker gold, test documents (46 quotations)",
        "speaker right end to end for 0.848 of quotations",
        "python benchmarks/bench_quotes.py",
    ),
    Validation(
        "coverage",
        "one coder, 30 gap and shared sentences of the seed event",
        "gap precision 0.60, recall 1.00",
        "python -m analysis validate score",
    ),
    Validation(
        "word_choice",
        "substitution gold, ECB+ test pairs",
        "precision 0.39, recall 0.31, F1 0.34",
        "python benchmarks/bench_wordchoice.py",
    ),
    Validation(
        "sentiment",
        "NYT editorial snippets, mean of 20 raters",
        "Pearson r 0.503 (VADER)",
        "python benchmarks/bench_sentiment.py",
    ),
    Validation(
        "actor_tone",
        "NewsMTSC test-rw / test-mt",
        "macro-F1 0.722 / 0.686 (classifier)",
        "python benchmarks/bench_sentiment.py",
    ),
)


def validations() -> dict[str, dict[str, str]]:
    """Return the validation of every report measure that has one, by citation name.

    Returns
    -------
    dict[str, dict[str, str]]
        ``{name: {"reference", "agreement", "command"}}``, the form run.json records.
    """
    return {
        v.name: {"reference": v.reference, "agreement": v.agreement, "command": v.command}
        for v in VALIDATIONS
    }
