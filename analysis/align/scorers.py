"""Sentence similarity scorers: every sentence of one list against every sentence of another.

Each scorer gives a graded similarity and an MRPC-calibrated probability per pair (``lexical``,
``embeddings``, ``hybrid``); the features and their fit are in ``docs/methods.md``, section 1.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar, runtime_checkable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from analysis.errors import AlignmentError, AnalysisError
from analysis.text.gazetteer import load_gazetteer
from analysis.text.minilm import load_minilm
from analysis.text.normalize import STOP_WORDS, normalize, stem, tokenize

__all__ = [
    "BACKGROUND_ZIPF",
    "DETAIL_THRESHOLDS",
    "EMBEDDING_FEATURES",
    "EMBEDDING_SHARE",
    "HYBRID_FEATURES",
    "LEXICAL_FEATURES",
    "METHODS",
    "NAME_WEIGHT",
    "WORD_SHARE",
    "EmbeddingScorer",
    "HybridScorer",
    "LexicalScorer",
    "Scorer",
    "Scores",
    "canonical_names",
    "get_scorer",
    "lexical_features",
]

logger = logging.getLogger(__name__)

#: Names accepted by :func:`get_scorer` (and by ``method=`` in :mod:`analysis.align.alignment`).
METHODS: tuple[str, ...] = ("lexical", "embeddings", "hybrid")

#: Factor applied to the TF-IDF weight of number tokens and capitalised names (before the
#: vectors are length-normalised): a shared figure or name is stronger evidence of a shared
#: statement than a shared common word.
NAME_WEIGHT = 2.0

#: Background weight of a word: ``max(BACKGROUND_ZIPF - zipf, 1)``, where ``zipf`` is the word's
#: Zipf frequency in general English (wordfreq; log10 of occurrences per billion words). With
#: 8.0 this is ``-log10(p) - 1`` for a word of relative frequency ``p``: its information content
#: in general English (Shannon 1948), the quantity IDF estimates (Robertson 2004), from a
#: background far larger than the two documents. Words wordfreq does not know weigh 8.
BACKGROUND_ZIPF = 8.0

#: Lexical features, in the order of the fitted weights:
#: ``word_cos`` cosine of stem TF-IDF vectors (0..1); ``char_cos`` cosine of character
#: 3-5-gram TF-IDF vectors (0..1); ``cover_short`` / ``cover_long`` shared content stems over
#: the number of distinct content stems of the shorter / longer sentence (0..1);
#: ``log_unmatched`` ``log(1 + n)`` for the n distinct content stems only one sentence has
#: (>= 0); ``bigram_cover`` shared content-stem bigrams (numbers as one placeholder) over the
#: bigrams of the sentence with fewer (0..1); ``num_overlap`` shared numbers over the numbers
#: either gives (0..1, 0 when neither gives one); ``num_conflict`` 1 when both give numbers and
#: they differ, else 0; ``len_ratio`` shorter over longer word count (0..1). The weights are
#: unconstrained, so some are negative (word_cos, bigram_cover): MRPC's candidate pairs were
#: pre-selected for high word overlap, and given the character cosine, exact shared phrasing
#: marks its near-copies that add or drop a clause. Only ``probability`` uses the weights.
LEXICAL_FEATURES: tuple[str, ...] = (
    "word_cos",
    "char_cos",
    "cover_short",
    "cover_long",
    "log_unmatched",
    "bigram_cover",
    "num_overlap",
    "num_conflict",
    "len_ratio",
)
#: Share of the word-stem cosine in the lexical ``similarity`` (the rest is the character
#: n-gram cosine); chosen for the best Spearman correlation on STS Benchmark train.
WORD_SHARE = 0.5
#: Share of the embedding cosine in the hybrid ``similarity``; chosen for the best Spearman
#: correlation on STS Benchmark dev.
EMBEDDING_SHARE = 0.8
#: Per scorer, the ``similarity`` above which two sentences "share some details" rather than
#: only the topic: the cut that best separates STS Benchmark pairs scored >= 1.5 from the rest
#: (STS grades 2 "share some details" vs 1 "same topic"; lexical on train, others on dev;
#: ``python benchmarks/bench_align.py --fit`` prints them).
DETAIL_THRESHOLDS: dict[str, float] = {"lexical": 0.325, "embeddings": 0.43, "hybrid": 0.40}

#: Feature of the embedding scorer: cosine of the two sentence embeddings (-1..1).
EMBEDDING_FEATURES: tuple[str, ...] = ("emb_cos",)
#: Features of the hybrid scorer.
HYBRID_FEATURES: tuple[str, ...] = LEXICAL_FEATURES + EMBEDDING_FEATURES

# Logistic-regression weights fitted on MRPC train (4,076 pairs) by
# `python benchmarks/bench_align.py --fit`; keys are feature names plus "intercept".
_WEIGHTS: dict[str, dict[str, float]] = {
    "lexical": {
        "word_cos": -1.9048,
        "char_cos": 5.056,
        "cover_short": 2.083,
        "cover_long": 1.5624,
        "log_unmatched": -0.6954,
        "bigram_cover": -2.0672,
        "num_overlap": 0.2086,
        "num_conflict": -0.3344,
        "len_ratio": 3.4635,
        "intercept": -4.0402,
    },
    "embeddings": {"emb_cos": 6.4142, "intercept": -4.2619},
    "hybrid": {
        "word_cos": -2.2781,
        "char_cos": 4.0343,
        "cover_short": 1.6001,
        "cover_long": 0.7877,
        "log_unmatched": -0.7335,
        "bigram_cover": -1.8573,
        "num_overlap": 0.2161,
        "num_conflict": -0.5741,
        "len_ratio": 3.4655,
        "emb_cos": 3.9621,
        "intercept": -5.4045,
    },
}

_T = TypeVar("_T", bound=Hashable)
_NUMBER = re.compile(r"\d")
_CAPITALISED = re.compile(r"(?<![\w'])[A-Z][\w'.-]*")
_SENTENCE_START = re.compile(r"^\W*\w+")


@runtime_checkable
class Scorer(Protocol):
    """What the aligner needs from a scorer.

    ``score(a_texts, b_texts)`` returns :class:`Scores` with arrays of shape
    ``(len(a_texts), len(b_texts))``; with ``paired=True`` it scores only the pairs
    ``(a_texts[i], b_texts[i])`` and the arrays have shape ``(len(a_texts),)``. A scorer keeps
    no state between calls: anything fitted (TF-IDF weights) is fitted on the texts of the call.
    """

    @property
    def name(self) -> str:
        """The method name (one of :data:`METHODS` for the built-in scorers)."""

    def score(
        self, a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool = False
    ) -> Scores:
        """Score every sentence of *a_texts* against every sentence of *b_texts*.

        Parameters
        ----------
        a_texts, b_texts : sequence of str
            The sentences of the two sides.
        paired : bool, optional
            Score only the pairs ``(a_texts[i], b_texts[i])``; both lists must then have the
            same length.

        Returns
        -------
        Scores
            Arrays of shape ``(len(a_texts), len(b_texts))``, or ``(len(a_texts),)`` when
            *paired*.
        """


# --------------------------------------------------------------------------- lexical features


def _number_key(token: str) -> str:
    """Drop separators and a trailing ``+`` from a number token (``100,000+`` -> ``100000``)."""
    return token.replace(",", "").rstrip("+")


def _name_stems(text: str) -> set[str]:
    """Stems of capitalised words of *text* that do not open it (a cheap proper-name guess)."""
    text = normalize(text)
    first = _SENTENCE_START.match(text)
    skip = first.end() if first else 0
    stems = set()
    for match in _CAPITALISED.finditer(text):
        if match.start() < skip:
            continue
        for token in tokenize(match.group()):
            if token not in STOP_WORDS:
                stems.add(stem(token))
    return stems


@dataclass(frozen=True)
class _Analysed:
    """Per-sentence token views shared by the lexical features."""

    stems: list[list[str]]
    numbers: list[set[str]]
    names: set[str]
    n_words: np.ndarray
    clean: list[str]
    #: Per content stem, the highest Zipf frequency of a surface word that gave it.
    zipf: dict[str, float]


@lru_cache(maxsize=1)
def _aliases() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Build a regex matching every gazetteer alias and demonym, and each one's canonical token.

    The gazetteer is the one :mod:`analysis.extract.actors` ships
    (:func:`analysis.extract.actors.load_gazetteer`); a canonical token is the canonical name
    without spaces or punctuation (``UnitedKingdom``). Aliases match case-sensitively as whole
    words, as in :mod:`analysis.extract.actors`.
    """
    table = load_gazetteer()
    canon: dict[str, str] = {}
    for alias, actor in zip(table["alias"], table["actor"], strict=True):
        canon.setdefault(normalize(alias), re.sub(r"\W+", "", actor))
    if not canon:  # pragma: no cover - the shipped gazetteer is not empty
        return None, canon
    body = "|".join(re.escape(form) for form in sorted(canon, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])"), canon


def canonical_names(text: str) -> str:
    """Replace every gazetteer alias and demonym in a text by its canonical token.

    So the lexical features see one token for the different written forms of a country or
    organisation.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        *text* normalised, aliases replaced as whole, case-sensitive words: ``"the U.K. and
        Britain"`` -> ``"the UnitedKingdom and UnitedKingdom"``; ``"Dutch and German
        governments"`` -> ``"Netherlands and Germany governments"``.
    """
    pattern, canon = _aliases()
    text = normalize(text)
    if pattern is None:  # pragma: no cover - the shipped gazetteer is not empty
        return text
    return pattern.sub(lambda match: canon[match.group()], text)


@lru_cache(maxsize=65536)
def _zipf(token: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(token, "en"))


def _analyse(texts: Sequence[str]) -> _Analysed:
    stems, numbers, clean = [], [], []
    names: set[str] = set()
    zipf: dict[str, float] = {}
    n_words = np.empty(len(texts), dtype=np.float64)
    for i, raw in enumerate(texts):
        text = canonical_names(raw)
        tokens = tokenize(text)
        n_words[i] = len(tokens)
        content = [t for t in tokens if t not in STOP_WORDS]
        stems.append([stem(t) for t in content])
        for token, term in zip(content, stems[-1], strict=True):
            zipf[term] = max(zipf.get(term, 0.0), _zipf(token))
        numbers.append({_number_key(t) for t in tokens if _NUMBER.search(t)})
        names |= _name_stems(text)
        clean.append(text.lower())
    return _Analysed(
        stems=stems, numbers=numbers, names=names, n_words=n_words, clean=clean, zipf=zipf
    )


def _bigrams(stems: list[list[str]]) -> list[list[tuple[str, str]]]:
    """Consecutive content-stem pairs of each sentence, every number written as ``#``.

    Numbers stand as one placeholder so that a differing figure counts once, in the number
    features, and not again as unshared phrasing.
    """
    out = []
    for terms in stems:
        terms = ["#" if _NUMBER.search(t) else t for t in terms]
        out.append(list(itertools.pairwise(terms)))
    return out


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _binary(sets: Sequence[Collection[_T]], vocab: Mapping[_T, int]) -> sp.csr_matrix:
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in set(items):
            j = vocab.get(item)
            if j is not None:
                rows.append(i)
                cols.append(j)
    data = np.ones(len(rows), dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(sets), len(vocab)))


def _product(a: sp.csr_matrix, b: sp.csr_matrix, *, paired: bool) -> np.ndarray:
    """Compute ``a @ b.T`` as a dense array, or only its diagonal when *paired*."""
    if paired:
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return np.asarray((a @ b.T).toarray())


def _outer(x: np.ndarray, y: np.ndarray, func: Any, *, paired: bool) -> np.ndarray:
    if paired:
        return func(x, y)
    return func(x[:, None], y[None, :])


def _safe_divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def lexical_features(
    a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool = False
) -> Iterator[tuple[str, np.ndarray]]:
    """Compute the lexical features of sentence pairs, one feature at a time.

    The TF-IDF weights are fitted on ``a_texts + b_texts``. Features are produced one at a time
    so that a caller combining them never holds them all in memory.

    Parameters
    ----------
    a_texts, b_texts : sequence of str
        The sentences of the two sides.
    paired : bool, optional
        Compute only the pairs ``(a_texts[i], b_texts[i])``; both lists must then have the same
        length.

    Yields
    ------
    tuple of (str, numpy.ndarray)
        ``(name, values)`` for each of :data:`LEXICAL_FEATURES`, in that order; *values* has
        shape ``(len(a_texts), len(b_texts))``, or ``(len(a_texts),)`` when *paired*; ranges as
        listed at :data:`LEXICAL_FEATURES`.

    Raises
    ------
    AlignmentError
        When *paired* and the lists differ in length.
    """
    if paired and len(a_texts) != len(b_texts):
        raise AlignmentError(
            f"paired scoring needs lists of equal length, got {len(a_texts)} and {len(b_texts)}"
        )
    a, b = _analyse(a_texts), _analyse(b_texts)
    n_a = len(a_texts)

    # Texts with no content word (stop words only) or no character at all share nothing.
    zeros = np.zeros(n_a if paired else (n_a, len(b_texts)))
    vocab: dict[str, int] = {}
    if any(a.stems) or any(b.stems):
        # Word-stem TF-IDF with numbers and names up-weighted.
        words = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, norm=None, dtype=np.float64
        ).fit(a.stems + b.stems)
        vocab = words.vocabulary_
        boost = np.ones(len(vocab))
        names = a.names | b.names
        for term, j in vocab.items():
            if term in names or _NUMBER.search(term):
                boost[j] = NAME_WEIGHT
        # Geometric mean of the local IDF and the background information content.
        background = np.ones(len(vocab))
        for term, j in vocab.items():
            zipf = max(a.zipf.get(term, 0.0), b.zipf.get(term, 0.0))
            background[j] = max(BACKGROUND_ZIPF - zipf, 1.0)
        boost *= np.sqrt(background / words.idf_)
        matrix = words.transform(a.stems + b.stems) @ sp.diags(boost)
        matrix = l2_normalize(sp.csr_matrix(matrix))
        yield "word_cos", _product(matrix[:n_a], matrix[n_a:], paired=paired)
        del matrix
    else:
        yield "word_cos", zeros

    if any(t.strip() for t in (*a.clean, *b.clean)):
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float64
        )
        matrix = chars.fit_transform(a.clean + b.clean)
        yield "char_cos", _product(matrix[:n_a], matrix[n_a:], paired=paired)
        del matrix
    else:
        yield "char_cos", zeros

    bin_a, bin_b = _binary(a.stems, vocab), _binary(b.stems, vocab)
    shared = _product(bin_a, bin_b, paired=paired)
    size_a = np.asarray(bin_a.sum(axis=1)).ravel()
    size_b = np.asarray(bin_b.sum(axis=1)).ravel()
    yield "cover_short", _safe_divide(shared, _outer(size_a, size_b, np.minimum, paired=paired))
    yield "cover_long", _safe_divide(shared, _outer(size_a, size_b, np.maximum, paired=paired))
    unmatched = _outer(size_a, size_b, np.add, paired=paired) - 2.0 * shared
    yield "log_unmatched", np.log1p(np.maximum(unmatched, 0.0))
    del shared, unmatched

    bigrams_a, bigrams_b = _bigrams(a.stems), _bigrams(b.stems)
    bigram_vocab = {g: i for i, g in enumerate(sorted(set().union(*bigrams_a, *bigrams_b)))}
    bi_a, bi_b = _binary(bigrams_a, bigram_vocab), _binary(bigrams_b, bigram_vocab)
    shared = _product(bi_a, bi_b, paired=paired)
    fewer = _outer(
        np.asarray(bi_a.sum(axis=1)).ravel(),
        np.asarray(bi_b.sum(axis=1)).ravel(),
        np.minimum,
        paired=paired,
    )
    yield "bigram_cover", _safe_divide(shared, fewer)
    del shared, fewer

    num_vocab = {n: i for i, n in enumerate(sorted(set().union(*a.numbers, *b.numbers)))}
    num_a, num_b = _binary(a.numbers, num_vocab), _binary(b.numbers, num_vocab)
    shared = _product(num_a, num_b, paired=paired)
    count_a = np.asarray(num_a.sum(axis=1)).ravel()
    count_b = np.asarray(num_b.sum(axis=1)).ravel()
    union = _outer(count_a, count_b, np.add, paired=paired) - shared
    yield "num_overlap", _safe_divide(shared, union)
    both = _outer(count_a > 0, count_b > 0, np.logical_and, paired=paired)
    yield "num_conflict", (both & (union > shared)).astype(np.float64)
    del shared, union, both

    longer = _outer(a.n_words, b.n_words, np.maximum, paired=paired)
    yield "len_ratio", _safe_divide(_outer(a.n_words, b.n_words, np.minimum, paired=paired), longer)


def _sigmoid(logit: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logit))


@dataclass(frozen=True)
class Scores:
    """The two scores of every sentence pair, arrays of the same shape.

    Parameters
    ----------
    similarity : numpy.ndarray
        Graded similarity in ``[0, 1]``: how much content the two sentences share (ranks pairs,
        used for partial matches and margins).
    probability : numpy.ndarray
        Calibrated probability in ``[0, 1]`` that the two sentences state the same content
        (MRPC-fitted; ``>= 0.5`` means equivalent).
    """

    similarity: np.ndarray
    probability: np.ndarray


def _combine(
    features: Iterator[tuple[str, np.ndarray]],
    weights: dict[str, float],
    mix: dict[str, float],
) -> Scores:
    """Accumulate ``sigmoid(intercept + sum(w_f * f))`` and ``sum(mix_f * f)``, one f at a time."""
    logit: np.ndarray | None = None
    similarity: np.ndarray | None = None
    for name, values in features:
        term = weights[name] * values
        logit = term if logit is None else logit + term
        if name in mix:
            part = mix[name] * np.clip(values, 0.0, 1.0)
            similarity = part if similarity is None else similarity + part
    if logit is None or similarity is None:  # pragma: no cover - every scorer has features
        raise AnalysisError("no features to combine; this is a bug in analysis.align.scorers")
    return Scores(
        similarity=np.clip(similarity, 0.0, 1.0), probability=_sigmoid(logit + weights["intercept"])
    )


def _empty(n_a: int, n_b: int, *, paired: bool) -> Scores:
    shape = (n_a,) if paired else (n_a, n_b)
    return Scores(similarity=np.zeros(shape), probability=np.zeros(shape))


def _check_lengths(a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool) -> None:
    if paired and len(a_texts) != len(b_texts):
        raise AlignmentError(
            f"paired scoring needs lists of equal length, got {len(a_texts)} and {len(b_texts)}"
        )


# --------------------------------------------------------------------------- scorers


class _BaseScorer:
    """Shared ``score``/``similarity`` plumbing; subclasses define ``_features``."""

    name: str
    weights: dict[str, float]
    mix: dict[str, float]

    def _features(
        self, a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool
    ) -> Iterator[tuple[str, np.ndarray]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def score(
        self, a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool = False
    ) -> Scores:
        """Score every sentence of *a_texts* against every sentence of *b_texts*.

        Parameters
        ----------
        a_texts, b_texts : sequence of str
            The sentences of the two sides.
        paired : bool, optional
            Score only the pairs ``(a_texts[i], b_texts[i])``; both lists must then have the
            same length.

        Returns
        -------
        Scores
            Arrays of shape ``(len(a_texts), len(b_texts))``, or ``(len(a_texts),)`` when
            *paired*; all zeros when either list is empty.

        Raises
        ------
        AlignmentError
            When *paired* and the lists differ in length.
        """
        _check_lengths(a_texts, b_texts, paired=paired)
        if not len(a_texts) or not len(b_texts):
            return _empty(len(a_texts), len(b_texts), paired=paired)
        return _combine(self._features(a_texts, b_texts, paired=paired), self.weights, self.mix)

    def similarity(self, a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
        """Compute the graded similarity of every pair of sentences.

        Parameters
        ----------
        a_texts, b_texts : sequence of str
            The sentences of the two sides.

        Returns
        -------
        numpy.ndarray
            Similarity in ``[0, 1]``, shape ``(len(a_texts), len(b_texts))``.
        """
        return self.score(a_texts, b_texts).similarity


@dataclass(frozen=True)
class LexicalScorer(_BaseScorer):
    """The default scorer: TF-IDF cosines over word stems and character n-grams.

    ``similarity`` is ``word_share * word_cos + (1 - word_share) * char_cos`` (the cosine of
    the two length-normalised TF-IDF vectors concatenated with those weights);
    ``probability`` the logistic combination of :data:`LEXICAL_FEATURES`.

    Parameters
    ----------
    name : str, optional
        Method name.
    word_share : float, optional
        Share of the word-stem cosine in ``similarity``, in ``[0, 1]`` (default
        :data:`WORD_SHARE`).
    weights : dict of str to float, optional
        Logistic-regression weights per feature plus ``"intercept"`` (default: fitted on MRPC).

    Raises
    ------
    AlignmentError
        When *word_share* is outside ``[0, 1]``.
    """

    name: str = "lexical"
    word_share: float = WORD_SHARE
    weights: dict[str, float] = field(default_factory=lambda: dict(_WEIGHTS["lexical"]))

    def __post_init__(self) -> None:
        if not 0.0 <= self.word_share <= 1.0:
            raise AlignmentError(f"word_share={self.word_share} is out of range; use [0, 1]")

    @property
    def mix(self) -> dict[str, float]:  # type: ignore[override]
        """Weights of the features in ``similarity``."""
        return {"word_cos": self.word_share, "char_cos": 1.0 - self.word_share}

    def _features(
        self, a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool
    ) -> Iterator[tuple[str, np.ndarray]]:
        return lexical_features(a_texts, b_texts, paired=paired)


def _embed(texts: Sequence[str]) -> np.ndarray:
    """Embed normalised texts with all-MiniLM-L6-v2 (:mod:`analysis.text.minilm`), unit length."""
    return load_minilm().encode([normalize(t) for t in texts]).astype(np.float64)


def _embedding_feature(
    a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool
) -> Iterator[tuple[str, np.ndarray]]:
    emb_a, emb_b = _embed(a_texts), _embed(b_texts)
    values = np.sum(emb_a * emb_b, axis=1) if paired else emb_a @ emb_b.T
    yield "emb_cos", np.clip(values, -1.0, 1.0)


@dataclass(frozen=True)
class EmbeddingScorer(_BaseScorer):
    """Cosine of all-MiniLM-L6-v2 embeddings (:mod:`analysis.text.minilm`).

    ``similarity`` is the cosine clipped to ``[0, 1]``; ``probability`` its MRPC calibration.

    Parameters
    ----------
    name : str, optional
        Method name.
    weights : dict of str to float, optional
        Weight of ``emb_cos`` and ``"intercept"`` of the calibration (default: fitted on MRPC).
    mix : dict of str to float, optional
        Weights of the features in ``similarity``.
    """

    name: str = "embeddings"
    weights: dict[str, float] = field(default_factory=lambda: dict(_WEIGHTS["embeddings"]))
    mix: dict[str, float] = field(default_factory=lambda: {"emb_cos": 1.0})

    def _features(
        self, a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool
    ) -> Iterator[tuple[str, np.ndarray]]:
        return _embedding_feature(a_texts, b_texts, paired=paired)


@dataclass(frozen=True)
class HybridScorer(_BaseScorer):
    """Lexical features and the embedding cosine together.

    ``similarity`` is ``(1 - EMBEDDING_SHARE) * lexical similarity + EMBEDDING_SHARE * cosine``;
    ``probability`` one logistic regression over :data:`HYBRID_FEATURES`.

    Parameters
    ----------
    name : str, optional
        Method name.
    weights : dict of str to float, optional
        Logistic-regression weights per feature plus ``"intercept"`` (default: fitted on MRPC).
    mix : dict of str to float, optional
        Weights of the features in ``similarity``.
    """

    name: str = "hybrid"
    weights: dict[str, float] = field(default_factory=lambda: dict(_WEIGHTS["hybrid"]))
    mix: dict[str, float] = field(
        default_factory=lambda: {
            "word_cos": (1.0 - EMBEDDING_SHARE) * WORD_SHARE,
            "char_cos": (1.0 - EMBEDDING_SHARE) * (1.0 - WORD_SHARE),
            "emb_cos": EMBEDDING_SHARE,
        }
    )

    def _features(
        self, a_texts: Sequence[str], b_texts: Sequence[str], *, paired: bool
    ) -> Iterator[tuple[str, np.ndarray]]:
        yield from _embedding_feature(a_texts, b_texts, paired=paired)
        yield from lexical_features(a_texts, b_texts, paired=paired)


_SCORERS: dict[str, type[LexicalScorer] | type[EmbeddingScorer] | type[HybridScorer]] = {
    "lexical": LexicalScorer,
    "embeddings": EmbeddingScorer,
    "hybrid": HybridScorer,
}


def get_scorer(method: str | Scorer) -> Scorer:
    """Return the scorer named *method*, or *method* itself if it is a scorer.

    The embedding model is loaded on first use, not here.

    Parameters
    ----------
    method : str or Scorer
        One of :data:`METHODS`, or an object with ``name`` and ``score``.

    Returns
    -------
    Scorer
        A new built-in scorer, or *method* unchanged.

    Raises
    ------
    AlignmentError
        For an unknown name or an object that is not a scorer.
    """
    if isinstance(method, str):
        try:
            return _SCORERS[method]()
        except KeyError:
            raise AlignmentError(
                f"unknown similarity method {method!r}; use one of {', '.join(METHODS)}"
            ) from None
    if isinstance(method, Scorer):
        return method
    raise AlignmentError(
        f"method must be a name ({', '.join(METHODS)}) or a Scorer, got {type(method).__name__}"
    )
