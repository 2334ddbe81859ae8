"""Benchmark of the aligner and its scorers on human gold alignments; prints two tables.

Alignment table, one row per method and gold, all scored in the same run on the same gold:

- Golds: ECB+ dev (topics 36-40) and ECB+ test (topics 41-45) of ``benchmarks/gold``
  (``benchmarks/ecbplus_gold.py``; ECB+ sentence numbers, mapped from the corpus sentences by
  :func:`ecb_corpus`), and the seed gold (``tests/data/seed_alignment_gold.tsv``). Only dev is
  used to choose anything; test and seed are reported, never tuned on.
- Methods: ``align_articles`` with its defaults (lexical scorer), with the ``embeddings`` and the
  ``hybrid`` scorer; and two baselines that predict every sentence pair whose cosine reaches a
  threshold: character 3-5-gram TF-IDF (sklearn ``TfidfVectorizer(analyzer="char_wb",
  ngram_range=(3, 5))`` fitted on the two articles' sentences) and MiniLM
  (:mod:`analysis.text.minilm`). Each baseline's threshold is the one of the grid 0.05, 0.06, ...,
  0.95 with the best pooled F1 on ECB+ dev (the lowest such threshold on a tie).
- Columns: ``P``, ``R``, ``F1`` as :mod:`analysis.align.evaluation` defines them (Och & Ney
  2003: precision against sure+possible pairs, recall of sure pairs); ``R all`` recall of all
  gold pairs (sure+possible); ``eq P`` precision of the pairs labelled ``equivalent`` (against
  sure+possible; the baselines label none); ``n pred`` predicted pairs; ``sent/s`` sentences of
  all gold article pairs (dev, test, seed) over the wall time of predicting them (model loading
  excluded: the MiniLM model is loaded before). On ECB+ a gold pair counts as predicted when any
  pair of corpus sentences inside it is (the segmenter may split one ECB+ sentence in two).

Scorer table, one row per scorer (lexical, embeddings, hybrid):

- MRPC test (Dolan & Brockett 2005): accuracy and F1 of the "same content" decision
  (``probability >= 0.5``; the logistic weights in ``analysis.align.scorers`` were fitted on MRPC
  train only, ``--fit`` refits and prints them).
- STS Benchmark test (Cer et al. 2017): Spearman correlation x100 of ``similarity`` with the
  human scores.
- Speed and memory, each in a fresh process: the seed pair (``load_corpus`` and
  ``align_articles`` after import, model loading included), and two documents of 2,000 sentences
  each (ECB+ and MRPC sentences; document b holds the MRPC partners of a's sentences and other
  ECB+ sentences, shuffled): wall time of ``align_sentences`` (model loading excluded),
  sentences per second (4,000 / that time) and the peak resident memory of the process
  (``resource.getrusage``).

Usage: ``python benchmarks/bench_align.py [--fit] [--quick]`` from the project root (or ``nox -s
bench -- bench_align``); data are read from ``../shared/benchmarks``. ``--quick`` skips the
MiniLM methods. ``--fit`` refits the logistic weights on MRPC train and the
``DETAIL_THRESHOLDS`` on STSb train/dev and prints them (the constants of
``analysis.align.scorers``). ``--gold-only`` prints the alignment table only.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

if TYPE_CHECKING:
    from analysis.corpus.loader import Corpus

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks"
GOLD = ROOT / "tests" / "data" / "seed_alignment_gold.tsv"
N_SENTENCES = 2000
#: Thresholds tried for the cosine baselines (chosen on ECB+ dev).
GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)
KEY = ["a_article", "b_article", "a_sentence", "b_sentence"]


def read_mrpc(split: str) -> tuple[np.ndarray, list[str], list[str]]:
    """Labels and the two sentences of MRPC *split* (plain split on tabs: quotes are raw)."""
    lines = (DATA / "mrpc" / f"msr_paraphrase_{split}.txt").read_text(encoding="utf-8-sig")
    labels, first, second = [], [], []
    for line in lines.splitlines()[1:]:
        fields = line.split("\t")
        labels.append(int(fields[0]))
        first.append(fields[3])
        second.append(fields[4])
    return np.array(labels), first, second


def read_stsb(split: str) -> tuple[np.ndarray, list[str], list[str]]:
    scores, first, second = [], [], []
    for line in (DATA / "stsb" / f"sts-{split}.csv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        scores.append(float(fields[4]))
        first.append(fields[5])
        second.append(fields[6])
    return np.array(scores), first, second


def ecb_sentences() -> list[str]:
    """All sentences of the ECB+ test topics (URL sentences dropped), in file order."""
    from analysis.corpus.ecbplus import detokenize, read_ecbplus_document

    sentences = []
    for path in sorted((DATA / "ecbplus" / "ECB+").glob("*/*.xml")):
        by_sentence, _url = read_ecbplus_document(path)
        for number, tokens in sorted(by_sentence.items()):
            if path.name.endswith("ecbplus.xml") and number == 0:
                continue
            sentences.append(detokenize(tokens))
    return sentences


def fit_weights() -> None:
    """Refit the logistic weights of every scorer on MRPC train and print them."""
    from analysis.align.scorers import HYBRID_FEATURES, _embedding_feature, lexical_features

    labels, first, second = read_mrpc("train")
    features = dict(lexical_features(first, second, paired=True))
    features.update(_embedding_feature(first, second, paired=True))
    for name, columns in (
        ("lexical", HYBRID_FEATURES[:-1]),
        ("embeddings", HYBRID_FEATURES[-1:]),
        ("hybrid", HYBRID_FEATURES),
    ):
        x = np.column_stack([features[c] for c in columns])
        model = LogisticRegression(max_iter=2000).fit(x, labels)
        weights = {c: round(float(w), 4) for c, w in zip(columns, model.coef_[0], strict=True)}
        weights["intercept"] = round(float(model.intercept_[0]), 4)
        print(f"{name!r}: {weights},")
    print(f"DETAIL_THRESHOLDS: {detail_thresholds()}")


def detail_thresholds() -> dict[str, float]:
    """Per scorer, the similarity cut that best separates STSb pairs >= 1.5 from the rest.

    Lexical on STSb train; the embedding scorers on STSb dev (their mix was chosen on dev).
    """
    from analysis.align.scorers import get_scorer

    grid = np.round(np.arange(0.05, 0.8, 0.005), 3)
    cuts = {}
    for name in ("lexical", "embeddings", "hybrid"):
        scores, first, second = read_stsb("train" if name == "lexical" else "dev")
        similarity = get_scorer(name).score(first, second, paired=True).similarity
        accuracy = [np.mean((similarity >= t) == (scores >= 1.5)) for t in grid]
        cuts[name] = float(grid[int(np.argmax(accuracy))])
    return cuts


def read_ecb_gold() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ECB+ gold in the layout of :func:`analysis.align.evaluation.read_gold`, and its pairs.

    Sentence numbers stay ECB+'s (the ``sentence`` attribute of the XML tokens); a ``split``
    column says ``dev`` or ``test``.
    """
    sys.path.insert(0, str(ROOT))
    from benchmarks.ecbplus_gold import (
        ALIGNMENT_TSV,
        PAIRS_TSV,
        read_ecbplus_gold,
        read_ecbplus_pairs,
    )

    gold = read_ecbplus_gold(ALIGNMENT_TSV, PAIRS_TSV).reset_index()
    gold = gold.rename(columns={"a_doc": "a_article", "b_doc": "b_article"})
    return gold, read_ecbplus_pairs(PAIRS_TSV)


def ecb_corpus(docs: set[str]) -> tuple[Corpus, dict[tuple[str, int], int]]:
    """The ECB+ documents *docs* as a Corpus, and each corpus sentence's ECB+ sentence number.

    :mod:`analysis.corpus.ecbplus` writes the text sentences of a document (sentence 0, the
    URL, dropped) one per line, in ECB+ order, and segments each line again, so one ECB+
    sentence may give several corpus sentences (never the reverse: a line is a block). The
    mapping ``(article, corpus sentence) -> ECB+ sentence`` is rebuilt from the same line
    offsets and checked: every corpus sentence must lie inside one line.
    """
    from analysis.corpus.ecbplus import detokenize, ecbplus_sources, read_ecbplus_document
    from analysis.corpus.loader import build_corpus

    root = DATA / "ecbplus" / "ECB+"
    sources = [s for s in ecbplus_sources(root) if s.id in docs]
    corpus = build_corpus(sources, min_articles=1)
    number: dict[tuple[str, int], int] = {}
    for source in sources:
        by_sentence, _url = read_ecbplus_document(root / source.path)
        starts, ends, numbers, pos = [], [], [], 0
        for n, tokens in sorted(by_sentence.items()):
            line = detokenize(tokens)
            starts.append(pos)
            ends.append(pos + len(line))
            numbers.append(n)
            pos += len(line) + 1
        rows = corpus.sentences.loc[corpus.sentences["article"] == source.id]
        for sentence, start, end in zip(rows["sentence"], rows["start"], rows["end"], strict=True):
            i = bisect.bisect_right(starts, int(start)) - 1
            if i < 0 or int(end) > ends[i]:
                raise SystemExit(f"{source.id} sentence {sentence} spans two ECB+ sentences")
            number[(source.id, int(sentence))] = numbers[i]
    return corpus, number


@dataclass(frozen=True)
class GoldSet:
    """Article pairs of one gold, its pairs (``read_gold`` layout) and the sentence mapping.

    ``number`` maps ``(article, corpus sentence)`` to the gold's sentence numbering (identity
    when None).
    """

    name: str
    corpus: Corpus
    article_pairs: list[tuple[str, str]]
    gold: pd.DataFrame
    number: dict[tuple[str, int], int] | None


def gold_sets() -> list[GoldSet]:
    """ECB+ dev, ECB+ test and the seed gold."""
    from analysis.align.evaluation import read_gold
    from analysis.corpus.loader import load_corpus

    gold, pairs = read_ecb_gold()
    corpus, number = ecb_corpus(set(pairs["a_doc"]) | set(pairs["b_doc"]))
    sets = []
    for split in ("dev", "test"):
        part = pairs.loc[pairs["split"] == split]
        article_pairs = list(zip(part["a_doc"], part["b_doc"], strict=True))
        sets.append(
            GoldSet(
                f"ECB+ {split}", corpus, article_pairs, gold.loc[gold["split"] == split], number
            )
        )
    seed = read_gold(GOLD)
    seed_pairs = list(dict.fromkeys(zip(seed["a_article"], seed["b_article"], strict=True)))
    sets.append(
        GoldSet(
            "seed", load_corpus(ROOT / "corpus" / "ukraine-security-force"), seed_pairs, seed, None
        )
    )
    return sets


def to_gold_numbers(pairs: pd.DataFrame, number: dict[tuple[str, int], int] | None) -> pd.DataFrame:
    """Predicted pairs in the gold's sentence numbering, one row per distinct pair.

    A gold sentence pair counts as predicted when any pair of corpus sentences inside it is;
    it is ``equivalent`` when any of those is.
    """
    out = pairs[["a_article", "b_article", "a_sentence", "b_sentence"]].copy()
    out["equivalent"] = pairs["relation"].eq("equivalent") if "relation" in pairs else False
    if number is not None:
        for side in ("a", "b"):
            keys = zip(out[f"{side}_article"], out[f"{side}_sentence"], strict=True)
            out[f"{side}_sentence"] = [number[(str(a), int(s))] for a, s in keys]
    key = ["a_article", "b_article", "a_sentence", "b_sentence"]
    return out.groupby(key, as_index=False)["equivalent"].any()


def score_set(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """P, R, F1 (``score_alignment``: P against sure+possible, R of sure pairs), R of all gold
    pairs, and the precision of the pairs predicted ``equivalent`` (NaN when there are none)."""
    from analysis.align.evaluation import score_alignment

    scores = score_alignment(predicted, gold).iloc[0]
    all_gold = set(
        gold[["a_article", "b_article", "a_sentence", "b_sentence"]].itertuples(False, None)
    )
    equivalent = predicted.loc[predicted["equivalent"]]
    hits = [tuple(row) in all_gold for row in equivalent.iloc[:, :4].itertuples(False, None)]
    return {
        "P": scores["precision"],
        "R": scores["recall"],
        "F1": scores["f1"],
        "R all": scores["n_correct"] / scores["n_possible"] if scores["n_possible"] else 0.0,
        "eq P": float(np.mean(hits)) if hits else float("nan"),
        "n pred": float(scores["n_predicted"]),
    }


def predict_aligner(method: str) -> Callable[[Corpus, str, str], pd.DataFrame]:
    """Pairs of ``align_articles`` with its defaults and scorer *method*."""
    from analysis.align.alignment import align_articles

    def predict(corpus: Corpus, a: str, b: str) -> pd.DataFrame:
        return align_articles(corpus, a, b, method=method).pairs

    return predict


def char_cosine(a_texts: list[str], b_texts: list[str]) -> np.ndarray:
    """Cosine of character 3-5-gram TF-IDF vectors fitted on both lists (the baseline)."""
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(
        a_texts + b_texts
    )
    return np.asarray((vectors[: len(a_texts)] @ vectors[len(a_texts) :].T).toarray())


def minilm_cosine(a_texts: list[str], b_texts: list[str]) -> np.ndarray:
    """Cosine of all-MiniLM-L6-v2 embeddings (unit length) of the two lists."""
    from analysis.text.minilm import load_minilm

    model = load_minilm()
    return model.encode(a_texts) @ model.encode(b_texts).T


def cosines(
    sets: list[GoldSet], cosine: Callable[[list[str], list[str]], np.ndarray]
) -> tuple[list[list[tuple[pd.DataFrame, pd.DataFrame, np.ndarray]]], float]:
    """Per gold set and article pair, the two sentence tables and their cosine matrix; seconds."""
    out, seconds = [], 0.0
    for gold_set in sets:
        part = []
        for a, b in gold_set.article_pairs:
            a_rows, b_rows = gold_set.corpus.sentences_of(a), gold_set.corpus.sentences_of(b)
            start = time.perf_counter()
            matrix = cosine(a_rows["text"].tolist(), b_rows["text"].tolist())
            seconds += time.perf_counter() - start
            part.append((a_rows, b_rows, matrix))
        out.append(part)
    return out, seconds


def threshold_pairs(
    tables: list[tuple[pd.DataFrame, pd.DataFrame, np.ndarray]], threshold: float
) -> pd.DataFrame:
    """Every sentence pair whose cosine is at least *threshold*, as alignment pairs."""
    frames = []
    for a_rows, b_rows, matrix in tables:
        rows, cols = np.nonzero(matrix >= threshold)
        frames.append(
            pd.DataFrame(
                {
                    "a_article": a_rows["article"].to_numpy()[rows],
                    "b_article": b_rows["article"].to_numpy()[cols],
                    "a_sentence": a_rows["sentence"].to_numpy()[rows],
                    "b_sentence": b_rows["sentence"].to_numpy()[cols],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def alignment_rows(sets: list[GoldSet], *, quick: bool) -> pd.DataFrame:
    """The alignment table: one row per method and gold set (module docstring)."""
    n_sentences = sum(
        len(s.corpus.sentences_of(a)) + len(s.corpus.sentences_of(b))
        for s in sets
        for a, b in s.article_pairs
    )
    rows = []

    def add(method: str, predicted: list[pd.DataFrame], seconds: float) -> None:
        for gold_set, pairs in zip(sets, predicted, strict=True):
            scores = score_set(to_gold_numbers(pairs, gold_set.number), gold_set.gold)
            rows.append(
                {"method": method, "gold": gold_set.name, **scores, "sent/s": n_sentences / seconds}
            )

    baselines = [("char 3-5-gram TF-IDF", char_cosine)]
    aligners = ["lexical"]
    if not quick:
        from analysis.text.minilm import load_minilm

        load_minilm().encode(["warm up the model"])
        baselines.append(("MiniLM cosine", minilm_cosine))
        aligners += ["embeddings", "hybrid"]
    for name in aligners:
        predict = predict_aligner(name)
        start = time.perf_counter()
        predicted = [
            pd.concat([predict(s.corpus, a, b) for a, b in s.article_pairs], ignore_index=True)
            for s in sets
        ]
        label = "default (lexical)" if name == "lexical" else f"aligner, {name}"
        add(label, predicted, time.perf_counter() - start)
    for name, cosine in baselines:
        tables, seconds = cosines(sets, cosine)
        dev = sets[0]
        f1 = [
            score_set(to_gold_numbers(threshold_pairs(tables[0], t), dev.number), dev.gold)["F1"]
            for t in GRID
        ]
        threshold = float(GRID[int(np.argmax(f1))])
        add(f"{name} >= {threshold:.2f}", [threshold_pairs(t, threshold) for t in tables], seconds)
    return pd.DataFrame(rows).set_index(["method", "gold"])


def speed_documents() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two 2,000-sentence documents from ECB+ and MRPC sentences (fixed seed)."""
    rng = random.Random(0)
    ecb = ecb_sentences()
    rng.shuffle(ecb)
    _, first, second = read_mrpc("train")
    half = N_SENTENCES // 2
    a_texts = ecb[:half] + first[:half]
    b_texts = ecb[half : 2 * half] + second[:half]
    rng.shuffle(b_texts)

    def table(article: str, texts: list[str]) -> pd.DataFrame:
        return pd.DataFrame({"article": article, "sentence": range(len(texts)), "text": texts})

    return table("a", a_texts), table("b", b_texts)


def speed_one(method: str) -> dict[str, float]:
    """Time ``align_sentences`` on the two speed documents (run in a fresh process)."""
    from analysis.align.alignment import align_articles, align_sentences
    from analysis.align.scorers import get_scorer
    from analysis.corpus.loader import load_corpus

    start = time.perf_counter()
    seed = load_corpus(ROOT / "corpus" / "ukraine-security-force")
    align_articles(seed, "anon-000", "newslooks-001", method=method)
    seed_seconds = time.perf_counter() - start
    a, b = speed_documents()
    scorer = get_scorer(method)
    scorer.score(["warm up the model"], ["warm up"])  # loads the embedding model
    start = time.perf_counter()
    alignment = align_sentences(a, b, method=scorer)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seed_seconds": seed_seconds,
        "seconds": seconds,
        "sentences_per_s": (len(a) + len(b)) / seconds,
        "peak_mb": peak_mb,
        "n_pairs": float(len(alignment.pairs)),
    }


def run_speed(method: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--speed-one", method],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fit", action="store_true", help="refit weights (MRPC train) and cuts (STSb train/dev)"
    )
    parser.add_argument("--quick", action="store_true", help="no MiniLM methods")
    parser.add_argument("--gold-only", action="store_true", help="the alignment table only")
    parser.add_argument("--speed-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_one:
        print(json.dumps(speed_one(args.speed_one)))
        return 0
    missing = [d for d in ("mrpc", "stsb", "ecbplus") if not (DATA / d).is_dir()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found under {DATA}")
        return 0
    if args.fit:
        fit_weights()
        return 0

    table = alignment_rows(gold_sets(), quick=args.quick)
    print("Alignment against human gold (P vs sure+possible, R of sure pairs; Och & Ney 2003)")
    print(table.round(3).to_string())
    if not args.gold_only:
        print()
        print(scorer_rows(quick=args.quick).round(3).to_string())
        print(
            "references (this machine): MRPC char 3-5-gram TF-IDF acc 71.5 / F1 80.0, "
            "MiniLM cosine 71.9 / 80.7; STSb char TF-IDF 71.3, MiniLM 82.0"
        )
    return 0


def scorer_rows(*, quick: bool) -> pd.DataFrame:
    """The scorer table: MRPC, STSb, and speed and memory in fresh processes (module docstring)."""
    from analysis.align.scorers import get_scorer

    methods = ["lexical"] if quick else ["lexical", "embeddings", "hybrid"]
    mrpc_y, mrpc_a, mrpc_b = read_mrpc("test")
    sts_y, sts_a, sts_b = read_stsb("test")
    rows = []
    for method in methods:
        scorer = get_scorer(method)
        mrpc = scorer.score(mrpc_a, mrpc_b, paired=True)
        decision = mrpc.probability >= 0.5
        sts = scorer.score(sts_a, sts_b, paired=True)
        speed = run_speed(method)
        rows.append(
            {
                "scorer": method,
                "MRPC acc": 100 * accuracy_score(mrpc_y, decision),
                "MRPC F1": 100 * f1_score(mrpc_y, decision),
                "STSb rho": 100 * spearmanr(sts.similarity, sts_y).statistic,
                "seed pair s": speed["seed_seconds"],
                "2x2000 s": speed["seconds"],
                "sent/s": speed["sentences_per_s"],
                "peak MB": speed["peak_mb"],
            }
        )
    table = pd.DataFrame(rows).set_index("scorer")
    if "embeddings" in table.index:
        table["x emb speed"] = table["sent/s"] / table.loc["embeddings", "sent/s"]
    return table


if __name__ == "__main__":
    raise SystemExit(main())
