"""Rebuild the target tone models in analysis/data from the NewsMTSC training set.

NewsMTSC (Hamborg & Donnay 2021, MIT licence) is read from ../shared/benchmarks/newsmtsc relative
to the project root. Hyper-parameters are chosen on the paper's dev splits (macro-F1 averaged over
dev-rw and dev-mt; the test splits are never read); the final models are fitted on train only.
Deterministic (seed 0).

* ``target_sentiment.npz``: the lexical model (inverse regularisation C);
* ``target_sentiment_embeddings.npz``: the MiniLM part of the default model (C of its regression
  and its weight in the fusion with the lexical model). It is tied to the lexical model and to
  the MiniLM weights, so ``--method all`` (the default) rebuilds both; ``--method minilm``
  rebuilds only this part, on the shipped lexical model (after new MiniLM weights).

Files are written with deterministic bytes (``write_npz`` of ``export_minilm.py``).

    python benchmarks/train_target_sentiment.py [--method all|minilm] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from export_minilm import write_npz
from sklearn.metrics import f1_score

from analysis.diff.target_tone import (
    CLASSES,
    EMBEDDING_RESOURCE,
    MODEL_RESOURCE,
    TargetToneModel,
    embed_mentions,
    fit_embedding_model,
    fit_target_model,
    load_target_model,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "newsmtsc"
SPLIT = DATA / "paper_split_30dev_70test"
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
C_GRID = (0.03, 0.05, 0.1, 0.2, 0.3)
EMBEDDING_C_GRID = (0.03, 0.1, 0.3, 1.0)
EMBEDDING_WEIGHT_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
SEED = 0
Split = tuple[list[str], list[int], list[int], list[str]]


def load_newsmtsc(path: Path) -> tuple[list[str], list[int], list[int], list[str]]:
    """One NewsMTSC jsonl file as (sentences, starts, ends, labels), one row per target."""
    sentences, starts, ends, labels = [], [], [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            for target in item["targets"]:
                sentences.append(item["sentence_normalized"])
                starts.append(int(target["from"]))
                ends.append(int(target["to"]))
                labels.append(POLARITY[float(target["polarity"])])
    return sentences, starts, ends, labels


def macro_f1(labels: list[str], predicted: list[str]) -> float:
    return float(f1_score(labels, predicted, average="macro", labels=list(CLASSES)))


def train_classifier(train: Split, devs: dict[str, Split]) -> TargetToneModel:
    """Tune C of the lexical model on dev and refit it on train."""
    best: tuple[float, float] | None = None
    for c in C_GRID:
        t0 = time.perf_counter()
        model = fit_target_model(*train[:3], train[3], C=c, seed=SEED)
        scores = {name: macro_f1(dev[3], model.predict(*dev[:3])) for name, dev in devs.items()}
        mean = float(np.mean(list(scores.values())))
        print(
            f"C={c:<5} dev-rw {scores['rw']:.3f}  dev-mt {scores['mt']:.3f}  mean {mean:.3f}"
            f"  ({time.perf_counter() - t0:.0f} s)"
        )
        if best is None or mean > best[1]:
            best = (c, mean)
    assert best is not None
    print(f"chosen C={best[0]} (mean dev macro-F1 {best[1]:.3f})")
    return fit_target_model(*train[:3], train[3], C=best[0], seed=SEED)


def train_embeddings(
    train: Split, devs: dict[str, Split], lexical: TargetToneModel
) -> dict[str, np.ndarray]:
    """Tune C and the fusion weight of the embedding model on dev; arrays of the chosen model."""
    t0 = time.perf_counter()
    x_train = embed_mentions(*train[:3])
    dev_inputs = {
        name: (embed_mentions(*dev[:3]), lexical.predict_proba(*dev[:3]))
        for name, dev in devs.items()
    }
    print(f"embedded {len(train[0])} train mentions ({time.perf_counter() - t0:.0f} s)")
    best: tuple[float, float, float] | None = None
    for c in EMBEDDING_C_GRID:
        for weight in EMBEDDING_WEIGHT_GRID:
            model = fit_embedding_model(
                x_train, train[3], lexical, C=c, embedding_weight=weight, seed=SEED
            )
            scores = {}
            for name, (x_dev, p_lex) in dev_inputs.items():
                predicted = [CLASSES[i] for i in model.fuse(p_lex, x_dev).argmax(axis=1)]
                scores[name] = macro_f1(devs[name][3], predicted)
            mean = float(np.mean(list(scores.values())))
            print(
                f"C={c:<4} weight={weight:<4} dev-rw {scores['rw']:.3f}  dev-mt {scores['mt']:.3f}"
                f"  mean {mean:.3f}"
            )
            if best is None or mean > best[2]:
                best = (c, weight, mean)
    assert best is not None
    print(f"chosen C={best[0]} weight={best[1]} (mean dev macro-F1 {best[2]:.3f})")
    model = fit_embedding_model(
        x_train, train[3], lexical, C=best[0], embedding_weight=best[1], seed=SEED
    )
    return model.to_arrays()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--method",
        choices=("all", "minilm"),
        default="all",
        help="all: both models; minilm: only the MiniLM part, on the shipped lexical model",
    )
    parser.add_argument("--dry-run", action="store_true", help="tune and report, do not write")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skip: {DATA} not found (NewsMTSC is needed to train)")
        return 0
    train = load_newsmtsc(DATA / "train.jsonl")
    devs = {name: load_newsmtsc(SPLIT / f"newsmtsc-{name}" / "dev.jsonl") for name in ("rw", "mt")}
    out_dir = ROOT / "analysis" / "data"
    if args.method == "all":
        lexical = train_classifier(train, devs)
        if not args.dry_run:
            out = out_dir / MODEL_RESOURCE
            write_npz(out, lexical.to_arrays())
            print(
                f"wrote {out.relative_to(ROOT)} ({out.stat().st_size / 1e6:.1f} MB, "
                f"{len(lexical.vocabulary)} features)"
            )
    else:
        lexical = load_target_model()
    arrays = train_embeddings(train, devs, lexical)
    if not args.dry_run:
        out = out_dir / EMBEDDING_RESOURCE
        write_npz(out, arrays)
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
