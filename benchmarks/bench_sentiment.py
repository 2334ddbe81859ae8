"""Benchmark of sentence and target-dependent tone against human ratings; prints one table.

* NYT editorial snippets (``../shared/benchmarks/vader_nyt``): Pearson r between the VADER
  compound of each sentence and the mean of 20 human ratings (reference: 0.50).
* NewsMTSC (Hamborg & Donnay 2021), the paper's split ``paper_split_30dev_70test``: macro-F1 on
  test-rw and test-mt of the target tone for VADER on the whole sentence (reference 0.51 / 0.48)
  and the shipped classifier (:mod:`analysis.target_sentiment`).

Each row gives the speed in items per second (one process, this machine).

    python benchmarks/bench_sentiment.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from scipy import stats
from sklearn.metrics import f1_score

from analysis.sentiment import score_sentences, score_targets
from analysis.target_sentiment import CLASSES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_target_sentiment import load_newsmtsc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
NYT = SHARED / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt"
SPLIT = SHARED / "newsmtsc" / "paper_split_30dev_70test"


def bench_nyt() -> list[dict[str, object]]:
    if not NYT.is_file():
        print(f"skip NYT: {NYT} not found")
        return []
    rows = []
    with NYT.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append({"text": "\t".join(parts[2:]), "rating": float(parts[1])})
    table = pd.DataFrame(rows)
    t0 = time.perf_counter()
    scored = score_sentences(table)
    seconds = time.perf_counter() - t0
    r = stats.pearsonr(scored["compound"], table["rating"]).statistic
    return [
        {
            "dataset": "NYT editorial snippets",
            "method": "VADER sentence",
            "metric": "Pearson r",
            "value": r,
            "n": len(table),
            "items_per_s": len(table) / seconds,
        }
    ]


def bench_newsmtsc() -> list[dict[str, object]]:
    if not SPLIT.is_dir():
        print(f"skip NewsMTSC: {SPLIT} not found")
        return []
    rows = []
    for name in ("rw", "mt"):
        texts, starts, ends, labels = load_newsmtsc(SPLIT / f"newsmtsc-{name}" / "test.jsonl")
        keys = [(f"s{i}", i) for i in range(len(texts))]
        sentences = pd.DataFrame(
            {"article": [k[0] for k in keys], "sentence": [k[1] for k in keys], "text": texts}
        )
        mentions = sentences[["article", "sentence"]].assign(start=starts, end=ends)
        for method in ("vader", "classifier"):
            if method == "classifier":
                score_targets(sentences.head(1), mentions.head(1), method=method)  # load model
            t0 = time.perf_counter()
            predicted = score_targets(sentences, mentions, method=method)["label"]
            seconds = time.perf_counter() - t0
            rows.append(
                {
                    "dataset": f"NewsMTSC test-{name}",
                    "method": "VADER whole sentence" if method == "vader" else "target classifier",
                    "metric": "macro-F1",
                    "value": f1_score(labels, predicted, average="macro", labels=list(CLASSES)),
                    "n": len(labels),
                    "items_per_s": len(labels) / seconds,
                }
            )
    return rows


def main() -> int:
    rows = bench_nyt() + bench_newsmtsc()
    if not rows:
        return 0
    table = pd.DataFrame(rows)
    print(
        table.to_string(
            index=False,
            formatters={"value": "{:.3f}".format, "items_per_s": "{:,.0f}".format},
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
