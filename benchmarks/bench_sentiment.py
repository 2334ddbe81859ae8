"""Benchmark of sentence and target-dependent tone against human ratings; prints one table.

* NYT editorial snippets (``../shared/benchmarks/vader_nyt``): Pearson r between the VADER
  compound of each sentence and the mean of 20 human ratings (reference: 0.50).
* NewsMTSC (Hamborg & Donnay 2021), the paper's split ``paper_split_30dev_70test``: macro-F1 on
  test-rw and test-mt of the tone toward each target, for every method of
  :func:`analysis.diff.tone.score_targets`: ``vader`` (the whole sentence's label; reference
  0.51 / 0.48), ``lexical`` (the lexical classifier alone) and ``classifier`` (the default: the
  lexical classifier fused with one on MiniLM vectors of the sentence and the target).

One row per method; ``items_per_s`` is the speed on the NewsMTSC test items (both splits, one
process, this machine, model already loaded).

    python benchmarks/bench_sentiment.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from scipy import stats
from sklearn.metrics import f1_score

from analysis.diff.target_tone import CLASSES
from analysis.diff.tone import TARGET_METHODS, score_sentences, score_targets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_target_sentiment import load_newsmtsc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
NYT = SHARED / "vader_nyt" / "nytEditorialSnippets_GroundTruth.txt"
SPLIT = SHARED / "newsmtsc" / "paper_split_30dev_70test"
LABELS = {
    "vader": "VADER (sentence label)",
    "lexical": "lexical classifier",
    "classifier": "lexical + MiniLM classifier (default)",
}
REFERENCES = (
    "references (issue 6, macro-F1 test-rw / test-mt): TF-IDF logistic regression 0.60 / 0.56;"
    " logistic regression on all-MiniLM-L6-v2 embeddings 0.68 / 0.61; NewsMTSC RoBERTa (GPU)"
    " 0.83 / 0.83"
)


def bench_nyt() -> dict[str, float]:
    """Pearson r of the VADER sentence compound against the human mean (method ``vader``)."""
    if not NYT.is_file():
        print(f"skip NYT: {NYT} not found")
        return {}
    rows = []
    with NYT.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append({"text": "\t".join(parts[2:]), "rating": float(parts[1])})
    table = pd.DataFrame(rows)
    scored = score_sentences(table)
    return {"vader": float(stats.pearsonr(scored["compound"], table["rating"]).statistic)}


def newsmtsc_tables(name: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    texts, starts, ends, labels = load_newsmtsc(SPLIT / f"newsmtsc-{name}" / "test.jsonl")
    sentences = pd.DataFrame(
        {"article": [f"s{i}" for i in range(len(texts))], "sentence": 0, "text": texts}
    )
    mentions = sentences[["article", "sentence"]].assign(start=starts, end=ends)
    return sentences, mentions, labels


def bench_newsmtsc(methods: list[str]) -> dict[str, dict[str, float]]:
    """Per method: macro-F1 on test-rw and test-mt, and items per second over both."""
    if not SPLIT.is_dir():
        print(f"skip NewsMTSC: {SPLIT} not found")
        return {}
    data = {name: newsmtsc_tables(name) for name in ("rw", "mt")}
    out: dict[str, dict[str, float]] = {}
    for method in methods:
        sentences, mentions, _ = data["rw"]
        score_targets(sentences.head(1), mentions.head(1), method=method)  # load the model
        seconds, n_items, row = 0.0, 0, {}
        for name, (sentences, mentions, labels) in data.items():
            t0 = time.perf_counter()
            predicted = score_targets(sentences, mentions, method=method)["label"]
            seconds += time.perf_counter() - t0
            n_items += len(labels)
            row[f"test-{name} F1"] = f1_score(
                labels, predicted, average="macro", labels=list(CLASSES)
            )
        row["items_per_s"] = n_items / seconds
        out[method] = row
    return out


def main() -> int:
    methods = sorted(TARGET_METHODS, key=list(LABELS).index)
    nyt = bench_nyt()
    newsmtsc = bench_newsmtsc(methods)
    if not nyt and not newsmtsc:
        return 0
    rows = []
    for method in methods:
        row: dict[str, object] = {"method": LABELS[method], "NYT r": nyt.get(method, float("nan"))}
        row.update(newsmtsc.get(method, {}))
        rows.append(row)
    table = pd.DataFrame(rows)
    print(
        table.to_string(
            index=False,
            na_rep="-",
            float_format="{:.3f}".format,
            formatters={"items_per_s": "{:,.0f}".format},
        )
    )
    print(REFERENCES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
