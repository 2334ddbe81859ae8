"""Benchmark of word-choice substitutions against a hand-made gold; prints one table.

- Gold: ``benchmarks/gold/wordchoice.tsv`` and ``wordchoice_pairs.tsv`` (rule in
  ``benchmarks/gold/README.md`` and ``docs/methods.md``, section 8): the substitutions a careful
  reader finds in the seed pair's aligned sentence pairs (dev) and in the ``sure`` sentence pairs
  of the ECB+ sentence-alignment gold (topics 36-40 dev, 41-45 test). Offsets only; the texts are
  read from ``corpus/ukraine-security-force`` and ``../shared/benchmarks/ecbplus``.
- Input pairs: for the seed, the report's own alignment (``align_articles`` with its defaults,
  relations as it gives them); for ECB+, the gold ``sure`` pairs, labelled ``equivalent``.
- Methods: ``old`` is the token-difference method of commit 4fd56e1 (difflib over content-word
  stems; its ``substitution`` rows), loaded from git history; ``new`` is
  :func:`analysis.diff.wordchoice.word_choice` as it is now (its ``substitution`` rows).
- Scores: a predicted row matches a gold substitution of the same sentence pair when its two
  spans overlap the gold spans (one of the gold's alternatives) on both sides. ``P`` = matched
  rows / rows, ``R`` = matched gold substitutions / gold substitutions, pooled over the split;
  ``P@10`` = mean over document pairs of the precision of its 10 first-ranked rows.
- ``--tune`` prints the dev grid the defaults were chosen from (never test).

Usage: ``python benchmarks/bench_wordchoice.py [--tune]`` from the project root (or ``nox -s
bench -- bench_wordchoice``).
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks" / "ecbplus" / "ECB+"
GOLD_DIR = ROOT / "benchmarks" / "gold"
SEED = ROOT / "corpus" / "ukraine-security-force"
OLD_COMMIT = "4fd56e1"
KEY = ["a_article", "b_article", "a_sentence", "b_sentence"]


def read_gold() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The annotated sentence pairs and the gold substitutions (offsets, one row per
    alternative; ``unit`` numbers a substitution)."""
    pairs = pd.read_csv(GOLD_DIR / "wordchoice_pairs.tsv", sep="\t")
    gold = pd.read_csv(GOLD_DIR / "wordchoice.tsv", sep="\t")
    return pairs, gold


def input_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """The sentence pairs handed to a method, with texts, ``relation`` and ``pair_id``."""
    from analysis.align.alignment import align_articles
    from analysis.corpus.ecbplus import detokenize, read_ecbplus_document
    from analysis.corpus.loader import load_corpus

    corpus = load_corpus(SEED)
    seed = align_articles(corpus, "anon-000", "newslooks-001").pairs
    seed = seed.assign(pair_id="seed", split="dev")[
        [*KEY, "a_text", "b_text", "relation", "pair_id", "split"]
    ]
    docs: dict[str, dict[int, list[str]]] = {}

    def text(doc: str, number: int) -> str:
        if doc not in docs:
            docs[doc], _ = read_ecbplus_document(DATA / doc.split("_")[0] / f"{doc}.xml")
        return detokenize(docs[doc][number])

    ecb = pairs[pairs["pair_id"] != "seed"]
    rows = [
        {
            "a_article": r.a_doc,
            "b_article": r.b_doc,
            "a_sentence": r.a_sentence,
            "b_sentence": r.b_sentence,
            "a_text": text(r.a_doc, r.a_sentence),
            "b_text": text(r.b_doc, r.b_sentence),
            "relation": "equivalent",
            "pair_id": r.pair_id,
            "split": r.split,
        }
        for r in ecb.itertuples()
    ]
    annotated = set(
        map(tuple, pairs.loc[pairs["pair_id"] == "seed", ["a_sentence", "b_sentence"]].to_numpy())
    )
    seed = seed[
        [(a, b) in annotated for a, b in zip(seed["a_sentence"], seed["b_sentence"], strict=True)]
    ]
    return pd.concat([seed, pd.DataFrame(rows)], ignore_index=True)


def old_module() -> types.ModuleType | None:
    """The word-choice module of :data:`OLD_COMMIT`, or None without git history."""
    try:
        source = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:analysis/diff/wordchoice.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("old_wordchoice")
    sys.modules["old_wordchoice"] = module
    exec(compile(source, "old_wordchoice.py", "exec"), module.__dict__)
    return module


def _locate(text: str, phrase: str) -> tuple[int, int]:
    from analysis.text.normalize import normalize

    for haystack in (text, normalize(text)):
        start = haystack.find(phrase)
        if start >= 0:
            return start, start + len(phrase)
    return -1, -1


def predict_old(module: types.ModuleType, inputs: pd.DataFrame) -> pd.DataFrame:
    """Substitution rows of the old method, one per sentence pair of its ``pairs`` cell, with
    character offsets found by search."""
    rows = []
    for pair_id, group in inputs.groupby("pair_id", sort=False):
        texts = {(r.a_sentence, r.b_sentence): (r.a_text, r.b_text) for r in group.itertuples()}
        table = module.word_choice(group.drop(columns=["pair_id", "split"]))
        for r in table[table["kind"] == "substitution"].itertuples():
            for cell in str(r.pairs).split(";"):
                a_s, b_s = map(int, cell.split("-"))
                a_text, b_text = texts[(a_s, b_s)]
                spans = (*_locate(a_text, r.a_phrase), *_locate(b_text, r.b_phrase))
                rows.append((pair_id, r.a_article, r.b_article, a_s, b_s, r.rank, *spans))
    columns = ["pair_id", *KEY, "rank", "a_start", "a_end", "b_start", "b_end"]
    return pd.DataFrame(rows, columns=columns)


def predict_new(inputs: pd.DataFrame, **settings: object) -> pd.DataFrame:
    """Substitution rows of :func:`analysis.diff.wordchoice.word_choice`, ranked per doc pair."""
    from analysis.diff.wordchoice import word_choice

    parts = []
    for pair_id, group in inputs.groupby("pair_id", sort=False):
        table = word_choice(group.drop(columns=["pair_id", "split"]), **settings)  # type: ignore[arg-type]
        parts.append(table[table["kind"] == "substitution"].assign(pair_id=pair_id))
    return pd.concat(parts, ignore_index=True)[
        ["pair_id", *KEY, "rank", "a_start", "a_end", "b_start", "b_end"]
    ]


def _overlaps(lo: int, hi: int, glo: int, ghi: int) -> bool:
    return lo < ghi and glo < hi


def score(
    predicted: pd.DataFrame, gold: pd.DataFrame, pairs: pd.DataFrame, split: str
) -> dict[str, float]:
    """P, R, F1 and P@10 of *predicted* on one split (module docstring)."""
    gold = gold[gold["split"] == split].rename(columns={"a_doc": "a_article", "b_doc": "b_article"})
    ids = set(pairs.loc[pairs["split"] == split, "pair_id"])
    predicted = predicted[predicted["pair_id"].isin(ids)]
    by_pair = dict(list(gold.groupby(KEY)))
    hits, found = [], set()
    for r in predicted.itertuples():
        g = by_pair.get((r.a_article, r.b_article, r.a_sentence, r.b_sentence))
        units = set()
        if g is not None:
            units = {
                u.unit
                for u in g.itertuples()
                if _overlaps(r.a_start, r.a_end, u.a_start, u.a_end)
                and _overlaps(r.b_start, r.b_end, u.b_start, u.b_end)
            }
        hits.append(bool(units))
        found |= units
    predicted = predicted.assign(hit=hits)
    n_units = gold["unit"].nunique()
    p = float(predicted["hit"].mean()) if len(predicted) else 0.0
    r = len(found) / n_units if n_units else 0.0
    at10 = [g.sort_values("rank").head(10)["hit"].mean() for _, g in predicted.groupby("pair_id")]
    return {
        "P": p,
        "R": r,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "P@10": float(pd.Series(at10).mean()) if at10 else 0.0,
        "n pred": len(predicted),
        "n gold": n_units,
    }


def tune(inputs: pd.DataFrame, gold: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """The dev grid of the new method's settings (sentence vectors computed once)."""
    from analysis.diff import wordchoice

    encode, cache = wordchoice._encode, {}

    def cached(texts: list[str], model: object) -> dict:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        cache.update(encode(missing, model))  # type: ignore[arg-type]
        return {t: cache[t] for t in texts}

    wordchoice._encode = cached  # type: ignore[assignment]
    rows = []
    grid = itertools.product(
        (0.45, 0.5, 0.55, 0.6),
        (0.3, 0.35, 0.4, 0.45, 0.5),
        (0.5, 0.6),
        (("equivalent", "partial"), ("equivalent",)),
    )
    for threshold, slot, span, relations in grid:
        settings = {"threshold": threshold, "slot_threshold": slot, "span_threshold": span}
        predicted = predict_new(inputs, relations=relations, **settings)
        scores = score(predicted, gold, pairs, "dev")
        rows.append({**settings, "relations": "+".join(relations), **scores})
    wordchoice._encode = encode  # type: ignore[assignment]
    return pd.DataFrame(rows).sort_values("F1", ascending=False, kind="mergesort")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="print the dev grid of settings")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found")
        return 0
    pairs, gold = read_gold()
    inputs = input_pairs(pairs)
    if args.tune:
        print(tune(inputs, gold, pairs).round(3).to_string())
        return 0
    methods = {"new": predict_new(inputs)}
    old = old_module()
    if old is None:
        print(f"note: git history with commit {OLD_COMMIT} not found; old method skipped")
    else:
        methods = {"old": predict_old(old, inputs), **methods}
    rows = [
        {"method": name, "split": split, **score(predicted, gold, pairs, split)}
        for name, predicted in methods.items()
        for split in ("dev", "test")
    ]
    print(
        "Word-choice substitutions against the hand-made gold "
        "(dev: seed + ECB+ 36-40; test: ECB+ 41-45)"
    )
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
