"""Rebuild analysis/data/target_sentiment.npz from the NewsMTSC training set.

NewsMTSC (Hamborg & Donnay 2021, MIT licence) is read from ../shared/benchmarks/newsmtsc relative
to the project root. The inverse regularisation C is chosen on the paper's dev splits (macro-F1
averaged over dev-rw and dev-mt); the final model is fitted on train only. Deterministic (seed 0).

    python benchmarks/train_target_sentiment.py [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from analysis.target_sentiment import CLASSES, MODEL_RESOURCE, fit_target_model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "newsmtsc"
SPLIT = DATA / "paper_split_30dev_70test"
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
C_GRID = (0.03, 0.05, 0.1, 0.2, 0.3)
SEED = 0


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="tune and report, do not write")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skip: {DATA} not found (NewsMTSC is needed to train)")
        return 0
    train = load_newsmtsc(DATA / "train.jsonl")
    devs = {name: load_newsmtsc(SPLIT / f"newsmtsc-{name}" / "dev.jsonl") for name in ("rw", "mt")}
    best: tuple[float, float] | None = None
    for c in C_GRID:
        t0 = time.perf_counter()
        model = fit_target_model(*train[:3], train[3], C=c, seed=SEED)
        scores = {
            name: f1_score(dev[3], model.predict(*dev[:3]), average="macro", labels=list(CLASSES))
            for name, dev in devs.items()
        }
        mean = float(np.mean(list(scores.values())))
        print(
            f"C={c:<5} dev-rw {scores['rw']:.3f}  dev-mt {scores['mt']:.3f}  mean {mean:.3f}"
            f"  ({time.perf_counter() - t0:.0f} s)"
        )
        if best is None or mean > best[1]:
            best = (c, mean)
    assert best is not None
    print(f"chosen C={best[0]} (mean dev macro-F1 {best[1]:.3f})")
    model = fit_target_model(*train[:3], train[3], C=best[0], seed=SEED)
    if args.dry_run:
        return 0
    out = ROOT / "analysis" / "data" / MODEL_RESOURCE
    np.savez_compressed(out, **model.to_arrays())
    print(
        f"wrote {out.relative_to(ROOT)} ({out.stat().st_size / 1e6:.1f} MB, "
        f"{len(model.vocabulary)} features)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
