"""Benchmark: direct quotations and their speakers against a hand-made gold.

Gold: ``benchmarks/gold/quote_speakers.tsv`` (rule and sources in ``benchmarks/gold/README.md``
and ``docs/methods.md``): every direct quotation of the seed pair and of 23 ECB+ documents
(Cybulska & Vossen 2014; texts read from ``../shared/benchmarks/ecbplus``), with the speaker
the article gives it, split dev/test by topic.

System: ``extract_mentions`` (rules) then ``extract_quotes`` on the sentences of the gold
documents; an ECB+ document is one article, one XML sentence one paragraph, a topic one event.

Measures, per split: quotation recall (a gold quotation is found when a system quotation covers
its first quoted character); speaker accuracy (found quotations with a named gold speaker whose
system speaker names the same person: equal names after folding, or one name a word-suffix of
the other, "Nugroho" = "Sutopo Purwo Nugroho"); end-to-end accuracy (right speaker over all
quotations with a named gold speaker); and ``inside``, wrong speakers whose name occurs in the
quotation itself. The same numbers are printed for the rules of a git revision (``--baseline``,
default the revision before the cue-source-content rules), run from a ``git archive`` of its
package in a subprocess.

Run: ``python benchmarks/bench_quotes.py [--baseline REV]`` (or ``nox -s bench -- bench_quotes``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold" / "quote_speakers.tsv"
ECBPLUS = ROOT.parent / "shared" / "benchmarks" / "ecbplus" / "ECB+"
SEED = ROOT / "corpus" / "ukraine-security-force"
BASELINE = "36b9a40"  # the last revision with the earlier attribution rules


def read_gold(path: Path = GOLD) -> list[dict]:
    """Gold rows: split, source, doc, sentence, start, speaker ("" when the text names none)."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        row["sentence"], row["start"] = int(row["sentence"]), int(row["start"])
        row["speaker"] = row["speaker"] or ""
    return rows


def _sentences(gold: list[dict]) -> pd.DataFrame:
    """Sentence table of the gold documents (seed corpus sentences; ECB+ XML sentences)."""
    from analysis.corpus import load_corpus
    from analysis.corpus.ecbplus import detokenize, read_ecbplus_document

    seed = load_corpus(SEED).sentences.assign(event="seed")
    frames = [seed[["article", "sentence", "block", "block_type", "is_body", "text", "event"]]]
    for doc in dict.fromkeys(r["doc"] for r in gold if r["source"] == "ecbplus"):
        topic = doc.split("_")[0]
        sentences, _ = read_ecbplus_document(ECBPLUS / topic / f"{doc}.xml")
        rows = [
            {
                "article": doc,
                "sentence": number,
                "block": number,
                "block_type": "headline" if number == 1 else "paragraph",
                "is_body": number != 1,
                "text": detokenize(tokens),
                "event": f"{topic}_ecbplus",
            }
            for number, tokens in sorted(sentences.items())
        ]
        frames.append(pd.DataFrame(rows))
    return pd.concat(frames, ignore_index=True)


def predict(gold: list[dict]) -> list[dict]:
    """Run the installed ``analysis`` package; each gold row with ``found`` and ``predicted``."""
    from analysis.extract.actors import extract_mentions
    from analysis.extract.quotes import extract_quotes

    sentences = _sentences(gold)
    quotes = extract_quotes(sentences, extract_mentions(sentences))
    out = []
    for row in gold:
        hits = quotes[quotes["article"] == row["doc"]]
        hit = None
        for q in hits.itertuples():
            after_start = q.sentence < row["sentence"] or (
                q.sentence == row["sentence"] and q.start <= row["start"] + 1
            )
            before_end = q.last_sentence > row["sentence"] or (
                q.last_sentence == row["sentence"] and q.end > row["start"]
            )
            if after_start and before_end:
                hit = q
                break
        out.append(
            {
                **row,
                "found": hit is not None,
                "predicted": "" if hit is None else str(hit.speaker),
                "text": "" if hit is None else str(hit.text),
            }
        )
    return out


def _words(name: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", name.lower()).split()


def same_speaker(predicted: str, gold: str) -> bool:
    """Whether two names name one speaker: equal when folded, or one a word-suffix of the other."""
    p, g = _words(predicted), _words(gold)
    if not p or not g or predicted == "unknown":
        return False
    shorter, longer = (p, g) if len(p) <= len(g) else (g, p)
    return longer[-len(shorter) :] == shorter


def score(results: list[dict]) -> list[dict]:
    """Recall, speaker accuracy, end-to-end accuracy and speakers taken from inside, per split."""
    table = []
    for split in ("dev", "test", "all"):
        rows = [r for r in results if split in {"all", r["split"]}]
        named = [r for r in rows if r["speaker"]]
        found = [r for r in named if r["found"]]
        right = [r for r in found if same_speaker(r["predicted"], r["speaker"])]
        inside = [
            r
            for r in found
            if r not in right
            and r["predicted"] not in {"", "unknown"}
            and _words(r["predicted"])[-1] in _words(r["text"])
        ]
        table.append(
            {
                "split": split,
                "n_quotes": len(rows),
                "n_named": len(named),
                "recall": sum(r["found"] for r in rows) / len(rows),
                "speaker_acc": len(right) / len(found) if found else float("nan"),
                "end_to_end": len(right) / len(named) if named else float("nan"),
                "unknown": sum(r["predicted"] == "unknown" for r in found),
                "inside": len(inside),
            }
        )
    return table


def _baseline(rev: str) -> list[dict]:
    """Scores of the package at git revision *rev*, run in a subprocess."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "analysis"], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        done = subprocess.run(
            [sys.executable, __file__, "--json"],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
        )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the old rules")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--errors", action="store_true", help="list the wrong dev speakers")
    args = parser.parse_args()
    results = predict(read_gold())
    if args.json:
        print(json.dumps(score(results)))
        return
    rows = [{"rules": f"baseline {args.baseline}", **r} for r in _baseline(args.baseline)]
    rows += [{"rules": "current", **r} for r in score(results)]
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.errors:
        for r in results:
            if r["split"] == "dev" and not same_speaker(r["predicted"], r["speaker"] or "-"):
                print(r["doc"], r["sentence"], repr(r["speaker"]), "->", repr(r["predicted"]))


if __name__ == "__main__":
    main()
