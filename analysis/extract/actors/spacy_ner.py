"""The ``method="spacy"`` mention finder: spaCy's named entities as candidate mentions.

Needs spaCy and an English model installed by the user (the ``spacy`` extra); roles and alias
merging are the same as on the rule-based path.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import AnalysisError
from analysis.extract.actors.candidates import Candidate

__all__ = ["spacy_candidates"]

# spaCy entity labels that name actors, and the actor type of each.
_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "other",
    "LAW": "other",
}


def spacy_candidates(
    sentences: pd.DataFrame, rows: list[int], model: str
) -> list[Candidate]:  # pragma: no cover - needs spaCy and a model
    """Named entities that spaCy's *model* finds in the sentences at *rows*.

    Parameters
    ----------
    sentences : pandas.DataFrame
        Sentences with a ``text`` column, indexed by position.
    rows : list of int
        Positions of the sentences to read (one event).
    model : str
        Name of an installed spaCy pipeline (``"en_core_web_sm"``).

    Returns
    -------
    list of Candidate
        One candidate (source ``name``, no role) per entity of a type in the label map; a
        leading "the" and a possessive ``'s`` are cut off.

    Raises
    ------
    AnalysisError
        When spaCy or the model is not installed, naming how to install it.
    """
    try:
        import spacy
    except ImportError:
        raise AnalysisError(
            "method='spacy' needs spaCy: pip install 'storydiff-news[spacy]' and an English model "
            "(python -m spacy download en_core_web_sm), or use method='rules'"
        ) from None
    try:
        nlp = spacy.load(model)
    except OSError:
        raise AnalysisError(
            f"spaCy model {model!r} is not installed; install it (python -m spacy download {model})"
            " or use method='rules'"
        ) from None
    texts = sentences["text"].tolist()
    out = []
    for row, doc in zip(rows, nlp.pipe(texts[r] for r in rows), strict=True):
        for ent in doc.ents:
            kind = _LABELS.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            span = texts[row][start:end]
            if span.lower().startswith("the "):
                start += 4
            if span.endswith(("'s", "’s")):
                end -= 2
            out.append(Candidate(row, start, end, kind, "", "name"))
    return out
