"""Target-dependent tone: the valence of a sentence toward one mention in it (offline, CPU).

The default model (:class:`EmbeddingToneModel`, method ``classifier`` of
:func:`analysis.diff.tone.score_targets`) fuses two multinomial logistic regressions, both trained
on the training set of NewsMTSC (Hamborg & Donnay 2021, "NewsMTSC: a dataset for
(multi-)target-dependent sentiment classification in political news articles", EACL; MIT licence,
https://github.com/fhamborg/NewsMTSC) by ``benchmarks/train_target_sentiment.py``:

1. a lexical model (:class:`TargetToneModel`, method ``lexical`` on its own) over three kinds of
   features of one ``(sentence, start, end)`` mention, where ``sentence[start:end]`` is the target:

   * context windows: the words left and right of the target (target masked, so the model learns
     how a sentence speaks *about* someone, not who it is), weighted by ``1 / (1 + distance)``,
     the two nearest words on each side by exact position, their Snowball stems up to 8 words
     away;
   * lexicon features: VADER valences (Hutto & Gilbert 2014) of the words near the target in
     distance buckets, flipped by a negator in the three words before (VADER's ``N_SCALAR`` =
     -0.74), VADER compound of the whole sentence, of the text left and right of the target and
     of the clause that holds the target;
   * whole-sentence TF-IDF of word 1-2-grams and character 2-5-grams (``char_wb``) of the
     sentence with the target replaced by a placeholder (sub-linear tf, l2 norm per block);

2. a regression on two MiniLM vectors of the mention (:func:`embed_mentions`): the mean of the
   last-layer token vectors of the sentence and the mean of those of the target's word pieces
   (target-dependent pooling as in TD-BERT, Gao et al. 2019, "Target-dependent sentiment
   classification with BERT", IEEE Access), from all-MiniLM-L6-v2 (Wang et al. 2020, MiniLM;
   Reimers & Gurevych 2019, Sentence-BERT) run by :mod:`analysis.text.minilm` in numpy, without
   torch.

The two class distributions are fused by a weighted geometric mean (late fusion). Both models ship
as plain numpy arrays (``analysis/data/target_sentiment.npz`` and
``target_sentiment_embeddings.npz``, no pickle) with the MiniLM weights
(``analysis/data/minilm_l6_v2.npz``), and load without any download. Measured macro-F1 and speed
are in ``benchmarks/bench_sentiment.py`` and the README.

Classes, in this order everywhere: ``negative``, ``neutral``, ``positive`` (:data:`CLASSES`).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from vaderSentiment.vaderSentiment import N_SCALAR, NEGATE, SentimentIntensityAnalyzer

from analysis.errors import AnalysisError, ConfigError
from analysis.resources import read_arrays
from analysis.text import minilm
from analysis.text.minilm import load_minilm
from analysis.text.normalize import stem, tokenize

__all__ = [
    "CLASSES",
    "EMBEDDING_RESOURCE",
    "EMBEDDING_VIEWS",
    "MODEL_RESOURCE",
    "EmbeddingToneModel",
    "TargetToneModel",
    "embed_mentions",
    "fit_embedding_model",
    "fit_target_model",
    "load_embedding_model",
    "load_target_model",
    "target_features",
]

logger = logging.getLogger(__name__)

#: Class labels in the column order of :meth:`TargetToneModel.predict_proba`.
CLASSES: tuple[str, str, str] = ("negative", "neutral", "positive")
#: File name of the shipped model inside the ``analysis.data`` package folder.
MODEL_RESOURCE = "target_sentiment.npz"
#: File name of the MiniLM part of the default model (fused with :data:`MODEL_RESOURCE`).
EMBEDDING_RESOURCE = "target_sentiment_embeddings.npz"
#: The pooled MiniLM vectors of each mention, in the column order of :func:`embed_mentions`.
EMBEDDING_VIEWS: tuple[str, ...] = ("sentence", "target")

_REBUILD = (
    "reinstall storydiff-news, or rebuild it with python benchmarks/train_target_sentiment.py"
)
_PLACEHOLDER = "xtgtx"
_NEAR_WINDOW = 6
_STEM_WINDOW = 8
_LEX_WINDOW = 12
_NEGATORS = frozenset(NEGATE)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2014\u2013\"\u201c\u201d]|\b(?:but|while|although|though|whereas|because|and)\b"
)
_CHAR_ANALYZER = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4096)
def _polarity(text: str) -> tuple[float, float, float]:
    """VADER ``(compound, pos, neg)`` of *text*; the mentions of one sentence share most texts."""
    scores = _vader().polarity_scores(text)
    return scores["compound"], scores["pos"], scores["neg"]


@lru_cache(maxsize=256)
def _log_tf(count: int) -> float:
    """Sub-linear term frequency ``1 + ln(count)``."""
    return float(1.0 + np.log(count))


def _is_negator(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't")


def _valence(tokens: Sequence[str], i: int, lexicon: dict[str, float]) -> float:
    value = lexicon.get(tokens[i], 0.0)
    if value and any(_is_negator(t) for t in tokens[max(0, i - 3) : i]):
        value *= N_SCALAR
    return value


def _clause(sentence: str, start: int, end: int) -> str:
    cuts = [0, len(sentence), *(m.start() for m in _CLAUSE_BREAK.finditer(sentence))]
    low = max(c for c in cuts if c <= start)
    high = min(c for c in cuts if c >= end)
    return sentence[low:high]


def _add(features: dict[str, float], key: str, value: float) -> None:
    features[key] = features.get(key, 0.0) + value


def _context_features(sentence: str, start: int, end: int) -> dict[str, float]:
    lexicon = _vader().lexicon
    left = tokenize(sentence[:start])
    right = tokenize(sentence[end:])
    feats: dict[str, float] = {}
    for side, tokens, order in (
        ("L", left, range(len(left) - 1, -1, -1)),
        ("R", right, range(len(right))),
    ):
        pos = neg = 0.0
        for distance, i in enumerate(order):
            token = tokens[i]
            weight = 1.0 / (1 + distance)
            if distance < _NEAR_WINDOW:
                _add(feats, f"f:{side}_{token}", weight)
            if distance < 2:
                feats[f"f:{side}{distance}_{token}"] = 1.0
            if distance < _STEM_WINDOW:
                _add(feats, f"f:{side}s_{stem(token)}", weight)
            value = _valence(tokens, i, lexicon)
            if value:
                sign = "p" if value > 0 else "n"
                bucket = 0 if distance < 3 else 1 if distance < 8 else 2
                _add(feats, f"f:{side}{sign}{bucket}", abs(value))
                _add(feats, f"f:near_{sign}", abs(value) * weight)
            if distance < _LEX_WINDOW:
                raw = lexicon.get(token, 0.0)
                if raw > 0:
                    pos += raw * weight
                elif raw < 0:
                    neg += raw * weight
        feats[f"f:lex_{side}_pos"] = pos
        feats[f"f:lex_{side}_neg"] = neg
        near = tokens[-_NEAR_WINDOW:] if side == "L" else tokens[:_NEAR_WINDOW]
        if any(_is_negator(t) for t in near):
            feats[f"f:neg_{side}"] = 1.0
    feats["f:start"] = float(not left)
    feats["f:startish"] = float(len(left) <= 2)
    feats["f:n_left"] = min(len(left), 30) / 30
    feats["f:n_right"] = min(len(right), 30) / 30
    feats["f:v_comp"], feats["f:v_pos"], feats["f:v_neg"] = _polarity(sentence)
    feats["f:v_left"] = _polarity(sentence[:start])[0] if start > 0 else 0.0
    feats["f:v_right"] = _polarity(sentence[end:])[0] if end < len(sentence) else 0.0
    feats["f:cl_comp"], feats["f:cl_pos"], feats["f:cl_neg"] = _polarity(
        _clause(sentence, start, end)
    )
    return {k: v for k, v in feats.items() if v != 0.0}


def _tfidf_terms(sentence: str, start: int, end: int) -> tuple[list[str], list[str]]:
    masked = f"{sentence[:start]} {_PLACEHOLDER} {sentence[end:]}"
    tokens = tokenize(masked)
    words = [f"w:{t}" for t in tokens]
    words += [f"w:{a} {b}" for a, b in itertools.pairwise(tokens)]
    chars = [f"c:{g}" for g in _CHAR_ANALYZER(masked)]
    return words, chars


def _check_offsets(sentence: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(sentence):
        raise ConfigError(
            f"target offsets ({start}, {end}) are outside a sentence of {len(sentence)} characters;"
            " give 0 <= start < end <= len(text)"
        )


def _check_mentions(sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> None:
    """Raise :class:`ConfigError` unless there is one valid ``(start, end)`` per sentence."""
    if not len(sentences) == len(starts) == len(ends):
        raise ConfigError(
            f"got {len(sentences)} sentences, {len(starts)} starts and {len(ends)} ends;"
            " give one start and end per sentence"
        )
    for sentence, start, end in zip(sentences, starts, ends, strict=True):
        _check_offsets(sentence, int(start), int(end))


def target_features(sentence: str, start: int, end: int) -> tuple[dict[str, float], list[str]]:
    """Raw features of the mention ``sentence[start:end]``.

    Returns ``(context, terms)``: the context and lexicon features (name -> value, names start with
    ``f:``) and the list of whole-sentence word (``w:``) and character (``c:``) n-gram occurrences
    of the target-masked sentence. Raises :class:`ConfigError` for offsets outside the sentence.
    """
    _check_offsets(sentence, start, end)
    words, chars = _tfidf_terms(sentence, start, end)
    return _context_features(sentence, start, end), words + chars


def _block_weights(terms: Iterable[str]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return {t: _log_tf(c) for t, c in counts.items()}


class _Classifier:
    """Shared by the tone models: labels from their ``predict_proba``."""

    def predict_proba(
        self, sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
    ) -> np.ndarray:
        raise NotImplementedError

    def predict(
        self, sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
    ) -> list[str]:
        """The most probable class label of each mention."""
        proba = self.predict_proba(sentences, starts, ends)
        return [CLASSES[i] for i in proba.argmax(axis=1)]


@dataclass(frozen=True)
class TargetToneModel(_Classifier):
    """A fitted target-tone classifier: feature vocabulary, IDF weights and a linear model.

    ``vocabulary`` maps feature names to columns; ``idf`` holds the IDF of n-gram columns (1 for
    context features); ``coef`` (3 x n_features, already divided by the training max-abs scale)
    and ``intercept`` (3,) give class scores in the order of :data:`CLASSES`.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray

    def transform(
        self, sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
    ) -> sp.csr_matrix:
        """Feature matrix (n_items x n_features) of the mentions, unscaled."""
        return _vectorize(sentences, starts, ends, self.vocabulary, self.idf)

    def predict_proba(
        self, sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
    ) -> np.ndarray:
        """Class probabilities (n_items x 3, columns as :data:`CLASSES`, rows sum to 1)."""
        if len(sentences) == 0:
            return np.zeros((0, len(CLASSES)))
        scores = np.asarray(self.transform(sentences, starts, ends) @ self.coef.T) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        expd = np.exp(scores)
        return expd / expd.sum(axis=1, keepdims=True)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain numpy arrays (no objects) for ``numpy.savez_compressed``."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "features": np.array(names, dtype=str),
            "idf": self.idf.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float64),
            "classes": np.array(CLASSES, dtype=str),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TargetToneModel:
        """Inverse of :meth:`to_arrays`."""
        if tuple(str(c) for c in arrays["classes"]) != CLASSES:
            raise ConfigError(f"model classes {list(arrays['classes'])} are not {list(CLASSES)}")
        names = [str(n) for n in arrays["features"]]
        return cls(
            vocabulary={n: i for i, n in enumerate(names)},
            idf=np.asarray(arrays["idf"], dtype=np.float64),
            coef=np.asarray(arrays["coef"], dtype=np.float64),
            intercept=np.asarray(arrays["intercept"], dtype=np.float64),
        )


def _vectorize(
    sentences: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    vocabulary: dict[str, int],
    idf: np.ndarray,
) -> sp.csr_matrix:
    _check_mentions(sentences, starts, ends)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    idf_values = idf.tolist()
    for row, (sentence, start, end) in enumerate(zip(sentences, starts, ends, strict=True)):
        context, terms = target_features(sentence, int(start), int(end))
        for name, value in context.items():
            col = vocabulary.get(name)
            if col is not None:
                rows.append(row)
                cols.append(col)
                vals.append(value)
        by_prefix: dict[str, list[str]] = {"w:": [], "c:": []}
        for term in terms:
            by_prefix[term[:2]].append(term)
        for prefix in ("w:", "c:"):
            weights = _block_weights(by_prefix[prefix])
            known = [(vocabulary.get(t), w) for t, w in weights.items()]
            block = [(col, w * idf_values[col]) for col, w in known if col is not None]
            norm = float(np.sqrt(sum(v * v for _, v in block)))
            for col, value in block:
                rows.append(row)
                cols.append(col)
                vals.append(value / norm)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(sentences), len(vocabulary)))


def fit_target_model(
    sentences: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    labels: Sequence[str],
    *,
    C: float = 0.1,
    min_df_words: int = 2,
    min_df_chars: int = 3,
    max_chars: int = 100_000,
    seed: int = 0,
) -> TargetToneModel:
    """Fit the classifier on labelled mentions (labels from :data:`CLASSES`).

    Vocabulary: every context feature seen in training, word n-grams in at least ``min_df_words``
    items, the ``max_chars`` most frequent character n-grams in at least ``min_df_chars`` items.
    IDF is scikit-learn's smoothed ``ln((1 + n) / (1 + df)) + 1``. Features are max-abs scaled and
    fed to a class-balanced multinomial logistic regression with inverse regularisation ``C``.
    Deterministic for fixed inputs and ``seed``.
    """
    unknown = sorted(set(labels) - set(CLASSES))
    if unknown:
        raise ConfigError(f"unknown target labels {unknown}; use {list(CLASSES)}")
    n = len(sentences)
    df: dict[str, int] = {}
    context_names: set[str] = set()
    for sentence, start, end in zip(sentences, starts, ends, strict=True):
        context, terms = target_features(sentence, int(start), int(end))
        context_names.update(context)
        for term in set(terms):
            df[term] = df.get(term, 0) + 1
    words = sorted(t for t, c in df.items() if t.startswith("w:") and c >= min_df_words)
    chars_ranked = sorted(
        (t for t, c in df.items() if t.startswith("c:") and c >= min_df_chars),
        key=lambda t: (-df[t], t),
    )
    chars = sorted(chars_ranked[:max_chars])
    names = sorted(context_names) + words + chars
    vocabulary = {name: i for i, name in enumerate(names)}
    idf = np.ones(len(names))
    for name, col in vocabulary.items():
        if not name.startswith("f:"):
            idf[col] = np.log((1 + n) / (1 + df[name])) + 1.0
    X = _vectorize(sentences, starts, ends, vocabulary, idf)
    scale = np.asarray(abs(X).max(axis=0).todense()).ravel()
    scale[scale == 0] = 1.0
    Xs = X @ sp.diags(1.0 / scale)
    y = np.array([CLASSES.index(label) for label in labels])
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=seed)
    clf.fit(Xs, y)
    logger.info("fitted target tone model: %d items, %d features", n, len(names))
    return TargetToneModel(
        vocabulary=vocabulary,
        idf=idf,
        coef=clf.coef_ / scale,
        intercept=clf.intercept_.copy(),
    )


@lru_cache(maxsize=1)
def load_target_model() -> TargetToneModel:
    """The shipped model (``analysis/data/target_sentiment.npz``), loaded once; no download."""
    arrays, _ = read_arrays(MODEL_RESOURCE, fix=_REBUILD)
    return TargetToneModel.from_arrays(arrays)


# --------------------------------------------------------------------------- MiniLM part


def embed_mentions(
    sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
) -> np.ndarray:
    """MiniLM vectors of each mention, as :data:`EMBEDDING_VIEWS`, concatenated.

    Each distinct sentence goes once through all-MiniLM-L6-v2 (:mod:`analysis.text.minilm`, numpy,
    no torch); ``sentence`` is the mean of all its last-layer token vectors (the encoder's own
    pooling, before normalisation) and ``target`` the mean of the vectors of the word pieces that
    overlap ``sentence[start:end]`` (zeros when none do, e.g. a target past the encoder's
    :data:`~analysis.text.minilm.MAX_SEQ_LENGTH`). Shape ``(n_items, 2 * 384)``.
    """
    _check_mentions(sentences, starts, ends)
    if len(sentences) == 0:
        return np.zeros((0, len(EMBEDDING_VIEWS) * minilm.DIM), dtype=np.float32)
    unique = sorted(set(sentences))
    encoded = dict(zip(unique, load_minilm().token_embeddings(unique), strict=True))
    rows = []
    for sentence, start, end in zip(sentences, starts, ends, strict=True):
        vectors, offsets = encoded[sentence]
        real = offsets[:, 1] > offsets[:, 0]
        inside = real & (offsets[:, 0] < int(end)) & (offsets[:, 1] > int(start))
        target = vectors[inside].mean(axis=0) if inside.any() else np.zeros(vectors.shape[1])
        rows.append(np.concatenate([vectors.mean(axis=0), target]))
    return np.asarray(rows, dtype=np.float32)


def _fingerprint(model: TargetToneModel) -> str:
    """Hash of the lexical model's stored weights (ties a fused model to its lexical model)."""
    digest = hashlib.sha256(model.coef.astype(np.float32).tobytes())
    digest.update(model.intercept.astype(np.float64).tobytes())
    return digest.hexdigest()


def _log_softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class EmbeddingToneModel(_Classifier):
    """The default model: the lexical model fused with a logistic regression on MiniLM vectors.

    ``coef`` (3 x n_dims) and ``intercept`` (3,) score :func:`embed_mentions` output;
    ``embedding_weight`` (0..1) is the weight of that distribution in the weighted geometric mean
    ``p ~ p_lexical ** (1 - w) * p_embedding ** w`` (renormalised); ``lexical`` is the shipped
    :class:`TargetToneModel`; ``encoder_sha256`` the hash of the MiniLM weights file the
    regression was fitted on (:attr:`analysis.text.minilm.MiniLM.sha256`).
    """

    lexical: TargetToneModel
    coef: np.ndarray
    intercept: np.ndarray
    embedding_weight: float
    encoder_sha256: str

    #: The fields :meth:`to_arrays` writes and :meth:`from_arrays` needs.
    _ARRAYS: ClassVar[tuple[str, ...]] = (
        "coef",
        "intercept",
        "embedding_weight",
        "views",
        "max_tokens",
        "classes",
        "lexical_sha256",
        "encoder_sha256",
    )

    def fuse(self, lexical_proba: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
        """Fused class probabilities from the lexical probabilities and the embeddings.

        A mention whose target covers no word piece (past the encoder's token limit, or only
        characters the tokenizer drops) has a zero ``target`` vector, which the regression never
        saw in training: it keeps its lexical probabilities.
        """
        if len(lexical_proba) == 0:
            return np.zeros((0, len(CLASSES)))
        log_emb = _log_softmax(embeddings @ self.coef.T + self.intercept)
        log_lex = np.log(np.clip(lexical_proba, 1e-12, 1.0))
        w = self.embedding_weight
        fused = np.exp(_log_softmax((1 - w) * log_lex + w * log_emb))
        view = EMBEDDING_VIEWS.index("target")
        no_target = ~embeddings[:, view * minilm.DIM : (view + 1) * minilm.DIM].any(axis=1)
        if no_target.any():
            logger.info("%d mentions cover no word piece; lexical tone kept", int(no_target.sum()))
            fused[no_target] = lexical_proba[no_target]
        return fused

    def predict_proba(
        self, sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int]
    ) -> np.ndarray:
        """Class probabilities (n_items x 3, columns as :data:`CLASSES`, rows sum to 1)."""
        if len(sentences) == 0:
            return np.zeros((0, len(CLASSES)))
        embeddings = embed_mentions(sentences, starts, ends)
        return self.fuse(self.lexical.predict_proba(sentences, starts, ends), embeddings)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain numpy arrays for ``numpy.savez_compressed`` (the lexical model is not copied)."""
        return {
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float64),
            "embedding_weight": np.array(self.embedding_weight, dtype=np.float64),
            "views": np.array(EMBEDDING_VIEWS, dtype=str),
            "max_tokens": np.array(minilm.MAX_SEQ_LENGTH),
            "classes": np.array(CLASSES, dtype=str),
            "lexical_sha256": np.array(_fingerprint(self.lexical), dtype=str),
            "encoder_sha256": np.array(self.encoder_sha256, dtype=str),
        }

    @classmethod
    def from_arrays(
        cls, arrays: dict[str, np.ndarray], lexical: TargetToneModel
    ) -> EmbeddingToneModel:
        """Inverse of :meth:`to_arrays`, given the lexical model it was fitted with.

        Raises :class:`AnalysisError` when the arrays lack a field, or were fitted with another
        lexical model or other MiniLM weights than the shipped ones.
        """
        missing = sorted(set(cls._ARRAYS) - set(arrays))
        if missing:
            raise AnalysisError(
                f"{EMBEDDING_RESOURCE} lacks {missing}; it was made by an older version, retrain"
                " it with python benchmarks/train_target_sentiment.py --method minilm"
            )
        if tuple(str(c) for c in arrays["classes"]) != CLASSES:
            raise ConfigError(f"model classes {list(arrays['classes'])} are not {list(CLASSES)}")
        views = tuple(str(v) for v in arrays["views"])
        max_tokens = int(arrays["max_tokens"])
        if views != EMBEDDING_VIEWS or max_tokens != minilm.MAX_SEQ_LENGTH:
            raise ConfigError(
                f"embedding model views {views} ({max_tokens} tokens) do not match"
                f" {EMBEDDING_VIEWS} ({minilm.MAX_SEQ_LENGTH} tokens); retrain it with"
                " python benchmarks/train_target_sentiment.py"
            )
        if str(arrays["lexical_sha256"]) != _fingerprint(lexical):
            raise AnalysisError(
                f"{EMBEDDING_RESOURCE} was fitted with another lexical model than {MODEL_RESOURCE};"
                " retrain both with python benchmarks/train_target_sentiment.py"
            )
        encoder = str(arrays["encoder_sha256"])
        if encoder != load_minilm().sha256:
            raise AnalysisError(
                f"{EMBEDDING_RESOURCE} was fitted on other MiniLM weights than"
                f" {minilm.MODEL_RESOURCE}; retrain it with"
                " python benchmarks/train_target_sentiment.py --method minilm"
            )
        return cls(
            lexical=lexical,
            coef=np.asarray(arrays["coef"], dtype=np.float64),
            intercept=np.asarray(arrays["intercept"], dtype=np.float64),
            embedding_weight=float(arrays["embedding_weight"]),
            encoder_sha256=encoder,
        )


def fit_embedding_model(
    embeddings: np.ndarray,
    labels: Sequence[str],
    lexical: TargetToneModel,
    *,
    C: float = 1.0,
    embedding_weight: float = 0.5,
    seed: int = 0,
) -> EmbeddingToneModel:
    """Fit the embedding part on :func:`embed_mentions` output of labelled mentions.

    A class-balanced multinomial logistic regression with inverse regularisation ``C`` on the
    embeddings; ``embedding_weight`` (0..1) is its share in the fusion with *lexical*.
    Deterministic for fixed inputs and ``seed``.
    """
    unknown = sorted(set(labels) - set(CLASSES))
    if unknown:
        raise ConfigError(f"unknown target labels {unknown}; use {list(CLASSES)}")
    if not 0.0 <= embedding_weight <= 1.0:
        raise ConfigError(f"embedding_weight={embedding_weight} is out of range; use [0, 1]")
    y = np.array([CLASSES.index(label) for label in labels])
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=seed)
    clf.fit(embeddings, y)
    return EmbeddingToneModel(
        lexical=lexical,
        coef=clf.coef_.copy(),
        intercept=clf.intercept_.copy(),
        embedding_weight=embedding_weight,
        encoder_sha256=load_minilm().sha256,
    )


@lru_cache(maxsize=1)
def load_embedding_model() -> EmbeddingToneModel:
    """The shipped embedding model fused with :func:`load_target_model`; no download.

    The MiniLM encoder itself (:func:`analysis.text.minilm.load_minilm`) is loaded on first
    prediction.
    """
    arrays, _ = read_arrays(EMBEDDING_RESOURCE, fix=_REBUILD)
    return EmbeddingToneModel.from_arrays(arrays, load_target_model())
