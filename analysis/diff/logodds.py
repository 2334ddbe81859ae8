"""Distinguishing vocabulary: log-odds ratios with an informative Dirichlet prior and z-scores.

The "Fightin' Words" estimator of Monroe, Colaresi & Quinn (2008); equations, priors and limits
are in ``docs/methods.md``, section 7.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis.errors import ConfigError
from analysis.text.normalize import STOP_WORDS, stem, tokenize
from analysis.text.style import normalize_abbreviations

__all__ = [
    "LOG_ODDS_NOTE",
    "PRIORS",
    "TERM_COLUMNS",
    "UNIFORM_ALPHA",
    "WORDFREQ_FLOOR",
    "Z_FLAG",
    "brand_terms",
    "corpus_prior",
    "distinguishing_terms",
    "log_odds",
    "term_counts",
    "uniform_prior",
    "wordfreq_prior",
]

logger = logging.getLogger(__name__)

PRIORS = ("corpus", "wordfreq", "uniform")
TERM_COLUMNS = [
    "a",
    "b",
    "term",
    "a_count",
    "b_count",
    "a_per_1000",
    "b_per_1000",
    "prior",
    "delta",
    "se",
    "z",
    "flag",
    "side",
]
#: Pseudo-count per term of the uniform prior.
UNIFORM_ALPHA = 0.01
#: Frequency given to terms unknown to wordfreq (about its smallest reported frequency).
WORDFREQ_FLOOR = 1e-9
#: |z| above which a term is flagged.
Z_FLAG = 1.96
#: Printed with the table in reports.
LOG_ODDS_NOTE = (
    "Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). "
    "With two article-sized texts few words reach |z| > 1.96 (a word used 10 times in one "
    "article and never in the other reaches z of about 0.7 under a uniform prior); `flag` marks "
    "|z| > 1.96 but is not a significance test corrected for the thousands of words compared. "
    "Read the ranking, not the stars, and lean on the aggregated frame and modality measures."
)

_LOG_CLIP = 1e-12


def brand_terms(outlets: Iterable[str]) -> frozenset[str]:
    """List the words that name the outlets themselves ("Newslooks", "reuters.com" -> ``reuters``).

    Parameters
    ----------
    outlets : iterable of str
        Outlet names or host names (the articles table's ``outlet`` column); "" is skipped.

    Returns
    -------
    frozenset of str
        Lower-case tokens of each name that are not stop words, and for a host name its labels
        other than ``www`` and the top-level domain (``usatoday30.usatoday.com`` ->
        ``usatoday30``, ``usatoday``).
    """
    terms: set[str] = set()
    for outlet in outlets:
        name = str(outlet).strip()
        if "." in name and " " not in name:
            labels = name.lower().split(".")
            terms.update(label for label in labels[:-1] if label != "www")
        else:
            terms.update(t for t in tokenize(name) if t not in STOP_WORDS)
    return frozenset(terms)


def term_counts(
    texts: Iterable[str],
    *,
    remove_stop_words: bool = True,
    use_stems: bool = False,
    exclude: Iterable[str] = (),
    keep_single_letters: bool = False,
) -> pd.Series:
    """Count the tokens of texts (lower-cased :func:`analysis.text.normalize.tokenize` tokens).

    Abbreviations are written one way first (:func:`analysis.text.style.normalize_abbreviations`),
    so "F.B.I." and "FBI" are one term.

    Parameters
    ----------
    texts : iterable of str
        The texts, e.g. the sentences of one side.
    remove_stop_words : bool, optional
        Drop :data:`analysis.text.normalize.STOP_WORDS`.
    use_stems : bool, optional
        Count Snowball stems instead of tokens.
    exclude : iterable of str, optional
        Tokens not counted (e.g. :func:`brand_terms` of the outlets compared).
    keep_single_letters : bool, optional
        Count one-letter tokens ("s", "j") too.

    Returns
    -------
    pandas.Series
        int64 counts indexed by term (named ``term``), sorted by term; tokens without a letter
        (pure numbers) are dropped.
    """
    counter: Counter[str] = Counter()
    dropped = frozenset(exclude)
    for text in texts:
        for token in tokenize(normalize_abbreviations(str(text))):
            if not any(ch.isalpha() for ch in token) or token in dropped:
                continue
            if not keep_single_letters and len(token) == 1:
                continue
            if remove_stop_words and token in STOP_WORDS:
                continue
            counter[stem(token) if use_stems else token] += 1
    series = pd.Series(dict(sorted(counter.items())), dtype="int64")
    series.index.name = "term"
    return series


def _as_counts(counts: Mapping[str, float] | pd.Series, name: str) -> pd.Series:
    series = pd.Series(counts, dtype=float)
    if (series < 0).any() or series.isna().any():
        raise ConfigError(f"{name} has negative or missing counts; pass non-negative term counts")
    return series


def log_odds(
    counts_a: Mapping[str, float] | pd.Series,
    counts_b: Mapping[str, float] | pd.Series,
    prior: Mapping[str, float] | pd.Series,
) -> pd.DataFrame:
    """Compute log-odds ratios with an informative Dirichlet prior, eqs. 16-22 of Monroe et al.

    ``alpha_0`` is the sum of *prior* (terms of the prior that neither side uses count toward
    it); ``n_a``, ``n_b`` are the sums of the counts. Antisymmetric: swapping the sides negates
    ``delta`` and ``z``.

    Parameters
    ----------
    counts_a, counts_b : Mapping of str to float or pandas.Series
        Term counts of the two sides, non-negative.
    prior : Mapping of str to float or pandas.Series
        Pseudo-counts ``alpha_w > 0``, covering every term of either side.

    Returns
    -------
    pandas.DataFrame
        One row per term of either side: ``term``, ``a_count``, ``b_count`` (int), ``prior``
        (``alpha_w``), ``delta`` (log-odds ratio, natural log), ``se`` (its standard error),
        ``z`` (``delta / se``); sorted by ``z`` descending, then term.

    Raises
    ------
    ConfigError
        For negative or missing counts, or a prior that lacks a term or has a zero pseudo-count.
    """
    ya = _as_counts(counts_a, "counts_a")
    yb = _as_counts(counts_b, "counts_b")
    alpha = _as_counts(prior, "prior")
    terms = ya.index.union(yb.index)
    missing = terms.difference(alpha.index)
    if len(missing):
        raise ConfigError(
            f"the prior lacks {len(missing)} term(s) such as {missing[0]!r}; "
            "give every term a pseudo-count"
        )
    alpha_w = alpha.reindex(terms).to_numpy()
    if (alpha_w <= 0).any():
        raise ConfigError("the prior has zero pseudo-counts; every alpha_w must be > 0")
    alpha0 = float(alpha.sum())
    y_a = ya.reindex(terms, fill_value=0.0).to_numpy()
    y_b = yb.reindex(terms, fill_value=0.0).to_numpy()
    n_a, n_b = float(ya.sum()), float(yb.sum())
    odds_a = (y_a + alpha_w) / np.maximum(n_a + alpha0 - y_a - alpha_w, _LOG_CLIP)
    odds_b = (y_b + alpha_w) / np.maximum(n_b + alpha0 - y_b - alpha_w, _LOG_CLIP)
    delta = np.log(odds_a) - np.log(odds_b)
    se = np.sqrt(1.0 / (y_a + alpha_w) + 1.0 / (y_b + alpha_w))
    table = pd.DataFrame(
        {
            "term": terms.astype(str),
            "a_count": y_a.astype("int64"),
            "b_count": y_b.astype("int64"),
            "prior": alpha_w,
            "delta": delta,
            "se": se,
            "z": delta / se,
        }
    )
    return table.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def corpus_prior(counts: pd.Series, *, alpha0: float | None = None) -> pd.Series:
    """Build prior pseudo-counts proportional to pooled term counts.

    Parameters
    ----------
    counts : pandas.Series
        Pooled term counts (both sides, or the whole collection).
    alpha0 : float, optional
        Sum of the pseudo-counts, > 0; None keeps the counts themselves.

    Returns
    -------
    pandas.Series
        Float pseudo-counts indexed by term.

    Raises
    ------
    ConfigError
        When the counts sum to zero or *alpha0* is not positive.
    """
    total = float(counts.sum())
    if total <= 0:
        raise ConfigError("the corpus prior has no tokens; pass sentences with words")
    scale = 1.0 if alpha0 is None else _positive(alpha0) / total
    return counts.astype(float) * scale


def wordfreq_prior(terms: Iterable[str], *, alpha0: float, language: str = "en") -> pd.Series:
    """Build prior pseudo-counts from general-language word frequencies (wordfreq, Speer 2022).

    ``alpha_w = alpha0 * f_w / sum(f)`` over *terms*, with ``f_w`` =
    ``wordfreq.word_frequency(term, language)`` floored at :data:`WORDFREQ_FLOOR`. Stems are
    looked up as they are, so use it with whole tokens.

    Parameters
    ----------
    terms : iterable of str
        The vocabulary.
    alpha0 : float
        Sum of the pseudo-counts, > 0.
    language : str, optional
        wordfreq language code.

    Returns
    -------
    pandas.Series
        Float pseudo-counts indexed by term, sorted by term.

    Raises
    ------
    ConfigError
        When there are no terms or *alpha0* is not positive.
    """
    from wordfreq import word_frequency

    names = sorted(set(terms))
    if not names:
        raise ConfigError("no terms to build a wordfreq prior for; pass sentences with words")
    freq = pd.Series(
        [max(word_frequency(term, language), WORDFREQ_FLOOR) for term in names], index=names
    )
    return freq / freq.sum() * _positive(alpha0)


def uniform_prior(terms: Iterable[str], *, alpha0: float | None = None) -> pd.Series:
    """Build a prior with the same pseudo-count for every term.

    Parameters
    ----------
    terms : iterable of str
        The vocabulary ``V``.
    alpha0 : float, optional
        Sum of the pseudo-counts, > 0; None gives :data:`UNIFORM_ALPHA` per term.

    Returns
    -------
    pandas.Series
        ``alpha0 / |V|`` for every term, indexed by term, sorted.

    Raises
    ------
    ConfigError
        When there are no terms or *alpha0* is not positive.
    """
    names = sorted(set(terms))
    if not names:
        raise ConfigError("no terms to build a uniform prior for; pass sentences with words")
    each = UNIFORM_ALPHA if alpha0 is None else _positive(alpha0) / len(names)
    return pd.Series(each, index=names, dtype=float)


def _positive(alpha0: float) -> float:
    if not alpha0 > 0:
        raise ConfigError(f"alpha0={alpha0} must be positive")
    return float(alpha0)


def distinguishing_terms(
    sentences: pd.DataFrame,
    *,
    a: str,
    b: str | None = None,
    group_col: str = "article",
    text_col: str = "text",
    prior: str | pd.Series = "corpus",
    alpha0: float | None = None,
    remove_stop_words: bool = True,
    use_stems: bool = False,
    min_count: int = 1,
    outlets: Iterable[str] | None = None,
    keep_self_reference: bool = False,
    keep_single_letters: bool = False,
) -> pd.DataFrame:
    """Find the terms that distinguish group *a* from group *b* (Monroe, Colaresi & Quinn 2008).

    Parameters
    ----------
    sentences : pandas.DataFrame
        A sentence table (e.g. ``Corpus.sentences``, joined with ``articles.outlet`` to compare
        outlets) with *group_col* and *text_col*.
    a : str
        The group whose rows form side A.
    b : str, optional
        The group of side B; None compares *a* with all other rows (``"rest"``).
    group_col, text_col : str, optional
        Columns holding the group and the text.
    prior : str or pandas.Series, optional
        ``"corpus"`` (from all rows of *sentences*), ``"wordfreq"``, ``"uniform"``
        (:data:`PRIORS`) or a Series of pseudo-counts.
    alpha0 : float, optional
        Sum of the prior's pseudo-counts; None takes the prior's default (corpus: the pooled
        counts; wordfreq: ``n_a + n_b``; uniform: :data:`UNIFORM_ALPHA` per term).
    remove_stop_words, use_stems : bool, optional
        As in :func:`term_counts`.
    min_count : int, optional
        Terms with ``a_count + b_count < min_count`` are left out of the table (not of the
        estimate).
    outlets : iterable of str, optional
        Names of the outlets compared (the articles table's ``outlet`` column); None takes the
        values of an ``outlet`` column of *sentences* when there is one. Their
        :func:`brand_terms` are not counted unless *keep_self_reference*.
    keep_self_reference : bool, optional
        Count the outlets' own names and brand words.
    keep_single_letters : bool, optional
        Count one-letter tokens.

    Returns
    -------
    pandas.DataFrame
        One row per term, columns :data:`TERM_COLUMNS`, sorted by ``z`` descending (the top rows
        are typical of *a*, the bottom rows of *b*): ``a``, ``b`` (the sides; ``b`` is
        ``"rest"`` for one-against-the-rest); ``term`` (lower-cased token or stem);
        ``a_count``, ``b_count`` (occurrences); ``a_per_1000``, ``b_per_1000`` (per 1000 tokens
        of the side); ``prior`` (``alpha_w``); ``delta`` (log-odds ratio, natural log); ``se``;
        ``z``; ``flag`` (bool, ``|z| > 1.96``); ``side`` (``a`` when ``z > 0``, else ``b``).
        Empty when neither side has a countable word.

    Raises
    ------
    ConfigError
        For a missing column, a group without sentences, an unknown prior or bad counts.
    """
    for col in (group_col, text_col):
        if col not in sentences.columns:
            raise ConfigError(f"sentences lack the column {col!r}; pass a sentence table with it")
    groups = sentences[group_col].astype(str)
    if not (groups == a).any():
        raise ConfigError(
            f"{group_col}={a!r} has no sentences; use one of {sorted(groups.unique())}"
        )
    side_b = groups != a if b is None else groups == b
    if b is not None and not side_b.any():
        raise ConfigError(
            f"{group_col}={b!r} has no sentences; use one of {sorted(groups.unique())}"
        )

    if outlets is None and "outlet" in sentences.columns:
        outlets = sentences["outlet"].dropna().astype(str).unique()
    exclude = () if keep_self_reference or outlets is None else brand_terms(outlets)

    def count(mask: pd.Series) -> pd.Series:
        return term_counts(
            sentences.loc[mask, text_col],
            remove_stop_words=remove_stop_words,
            use_stems=use_stems,
            exclude=exclude,
            keep_single_letters=keep_single_letters,
        )

    counts_a, counts_b = count(groups == a), count(side_b)
    vocabulary = counts_a.index.union(counts_b.index)
    if vocabulary.empty:  # no countable word on either side (e.g. stop words only)
        return pd.DataFrame(columns=TERM_COLUMNS)
    alpha: pd.Series
    if isinstance(prior, pd.Series):
        alpha = prior.astype(float)
    elif prior == "corpus":
        alpha = corpus_prior(count(pd.Series(True, index=sentences.index)), alpha0=alpha0)
    elif prior == "wordfreq":
        default = float(counts_a.sum() + counts_b.sum())
        alpha = wordfreq_prior(vocabulary, alpha0=default if alpha0 is None else alpha0)
    elif prior == "uniform":
        alpha = uniform_prior(vocabulary, alpha0=alpha0)
    else:
        raise ConfigError(f"prior={prior!r} is unknown; use one of {', '.join(PRIORS)} or a Series")
    table = log_odds(counts_a, counts_b, alpha)
    n_a, n_b = max(int(counts_a.sum()), 1), max(int(counts_b.sum()), 1)
    table.insert(0, "a", a)
    table.insert(1, "b", "rest" if b is None else b)
    table.insert(5, "a_per_1000", table["a_count"] / n_a * 1000.0)
    table.insert(6, "b_per_1000", table["b_count"] / n_b * 1000.0)
    table["flag"] = table["z"].abs() > Z_FLAG
    table["side"] = np.where(table["z"] > 0, "a", "b")
    keep = (table["a_count"] + table["b_count"]) >= min_count
    logger.debug("log-odds %s vs %s: %d terms, %d flagged", a, b, len(table), table["flag"].sum())
    return table.loc[keep, TERM_COLUMNS].reset_index(drop=True)
