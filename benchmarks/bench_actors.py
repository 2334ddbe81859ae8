"""Benchmark: actor mention detection and cross-document merging against the ECB+ gold.

Data: ``../shared/benchmarks/ecbplus`` (Cybulska & Vossen 2014, LREC; CC BY 3.0). Gold mentions
are the entity mentions tagged HUMAN*, NON_HUMAN* and LOC* in the sentences listed in
``ECBplus_coreference_sentences.csv`` (the sentences annotated in full); gold clusters are the
cross-document chains (CROSS_DOC_COREF, keyed by the target's instance_id), then within-document
chains (INTRA_DOC_COREF), else singletons. One XML sentence is one sentence here; each event is a
topic's ECB or ECB+ half (``36_ecb``, ``36_ecbplus``), as ``analysis.corpus.ecbplus`` defines it.

System: ``analysis.extract.actors.extract_mentions`` on the default path (``method="rules"``),
run on all sentences of the documents with an ``event`` column (alias merging per event), scored
on the annotated sentences only.

Measures:
- mention detection, precision / recall / F1, with exact span match and with head/overlap
  match (spans overlap and one span contains the other's last token; one-to-one, greedy);
- cross-document merging on the mentions matched to gold (head/overlap): B-cubed precision,
  recall and F1 (Bagga & Baldwin 1998, "Algorithms for scoring coreference chains"), and
  pairwise precision / recall / F1 of links between mentions in different documents; with two
  baselines on the same mentions (all singletons; same lower-cased string).

Run: ``python benchmarks/bench_actors.py`` from the project root (or ``nox -s bench``).
"""

from __future__ import annotations

import csv
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.corpus.ecbplus import detokenize
from analysis.extract.actors import extract_mentions

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "benchmarks" / "ecbplus"
ENTITY_PREFIXES = ("HUMAN", "NON_HUMAN", "LOC")


def _token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    """Character span of each token in ``detokenize(tokens)``."""
    spans = []
    for i, token in enumerate(tokens):
        end = len(detokenize(tokens[: i + 1]))
        spans.append((end - len(token), end))
    return spans


def _read_document(path: Path, selected: set[int]):
    """Sentences (number, text) and gold mentions of one ECB+ XML file."""
    root = ET.parse(path).getroot()
    tokens: dict[str, tuple[int, int]] = {}  # t_id -> (sentence, index in sentence)
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        tokens[token.get("t_id", "")] = (sentence, len(by_sentence[sentence]))
        by_sentence[sentence].append(token.text or "")
    if path.name.endswith("ecbplus.xml"):
        by_sentence.pop(0, None)  # the source URL
    offsets = {s: _token_offsets(toks) for s, toks in by_sentence.items()}
    texts = {s: detokenize(toks) for s, toks in by_sentence.items()}
    markables = root.find("Markables")
    mentions: dict[str, dict] = {}
    instances: dict[str, str] = {}
    for element in markables if markables is not None else []:
        m_id = element.get("m_id", "")
        if element.get("instance_id"):
            instances[m_id] = element.get("instance_id", "")
        anchors = [a.get("t_id", "") for a in element.findall("token_anchor")]
        if not anchors or not element.tag.startswith(ENTITY_PREFIXES):
            continue
        places = sorted(tokens[t] for t in anchors if t in tokens)
        sentence = places[0][0]
        if sentence not in selected or sentence not in offsets or places[-1][0] != sentence:
            continue
        first, last = places[0][1], places[-1][1]
        mentions[m_id] = {
            "sentence": sentence,
            "start": offsets[sentence][first][0],
            "end": offsets[sentence][last][1],
            "head_start": offsets[sentence][last][0],
            "named": any(
                by_sentence[sentence][i][:1].isupper() and i > 0 for i in range(first, last + 1)
            ),
        }
    relations = root.find("Relations")
    chains: dict[str, str] = {}
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None:
            continue
        t_id = target.get("m_id", "")
        key = (
            instances.get(t_id, f"{path.stem}:{t_id}")
            if relation.tag == "CROSS_DOC_COREF"
            else f"{path.stem}:{t_id}"
        )
        for source in relation.findall("source"):
            chains.setdefault(source.get("m_id", ""), key)
    for m_id, mention in mentions.items():
        mention["cluster"] = chains.get(m_id, f"{path.stem}:single:{m_id}")
    return texts, list(mentions.values())


def load_gold(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences (article, event, sentence, text, ...) and gold mentions of every ECB+ file."""
    selected: dict[str, set[int]] = defaultdict(set)
    with (data / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    sentence_rows, gold_rows = [], []
    for path in sorted((data / "ECB+").rglob("*.xml")):
        stem = path.stem
        topic, rest = stem.split("_", 1)
        event = f"{topic}_{'ecbplus' if rest.endswith('ecbplus') else 'ecb'}"
        texts, mentions = _read_document(path, selected.get(stem, set()))
        for sentence, text in sorted(texts.items()):
            sentence_rows.append(
                {
                    "article": stem,
                    "event": event,
                    "sentence": sentence,
                    "block_type": "paragraph",
                    "is_body": True,
                    "text": text,
                    "selected": sentence in selected.get(stem, set()),
                }
            )
        for mention in mentions:
            gold_rows.append({"article": stem, "event": event, **mention})
    return pd.DataFrame(sentence_rows), pd.DataFrame(gold_rows)


def _match(system: pd.DataFrame, gold: pd.DataFrame, *, exact: bool) -> list[tuple[int, int]]:
    """One-to-one matches (system index, gold index) within each sentence, greedy by overlap."""
    out = []
    gold_by = defaultdict(list)
    for g in gold.itertuples():
        gold_by[(g.article, g.sentence)].append(g)
    candidates = []
    for s in system.itertuples():
        for g in gold_by.get((s.article, s.sentence), []):
            if exact:
                if (s.start, s.end) == (g.start, g.end):
                    candidates.append((0, s.Index, g.Index))
                continue
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap <= 0:
                continue
            sys_head = s.mention.split()[-1] if s.mention.split() else ""
            head_ok = g.start <= g.head_start < s.end and g.head_start >= s.start
            head_ok = head_ok or (g.start <= s.end - len(sys_head) and s.end <= g.end)
            if head_ok:
                candidates.append((-overlap, s.Index, g.Index))
    used_s, used_g = set(), set()
    for _, si, gi in sorted(candidates):
        if si not in used_s and gi not in used_g:
            used_s.add(si)
            used_g.add(gi)
            out.append((si, gi))
    return out


def _prf(tp_p: float, n_p: int, tp_r: float, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(system: list[str], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (Bagga & Baldwin 1998) of two clusterings of the same items."""
    sys_members: dict[str, set[int]] = defaultdict(set)
    gold_members: dict[str, set[int]] = defaultdict(set)
    for i, (s, g) in enumerate(zip(system, gold, strict=True)):
        sys_members[s].add(i)
        gold_members[g].add(i)
    if not system:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for s, g in zip(system, gold, strict=True):
        common = len(sys_members[s] & gold_members[g])
        p += common / len(sys_members[s])
        r += common / len(gold_members[g])
    p, r = p / len(system), r / len(system)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _merge_scores(keys: Iterable[tuple[str, str, str, str]]) -> dict[str, tuple[float, ...]]:
    """Micro-averaged B-cubed and pairwise scores over events. keys: (event, doc, sys, gold)."""
    by_event: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for event, doc, sys_key, gold_key in keys:
        by_event[event].append((doc, sys_key, gold_key))
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    counts = {"tp": 0, "sys": 0, "gold": 0}
    n = 0
    for rows in by_event.values():
        docs = [r[0] for r in rows]
        sys_keys = [r[1] for r in rows]
        gold_keys = [r[2] for r in rows]
        p, r, _ = b_cubed(sys_keys, gold_keys)
        totals["b3"][0] += p * len(rows)
        totals["b3"][1] += r * len(rows)
        n += len(rows)
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if docs[i] == docs[j]:
                    continue
                in_sys, in_gold = sys_keys[i] == sys_keys[j], gold_keys[i] == gold_keys[j]
                counts["sys"] += in_sys
                counts["gold"] += in_gold
                counts["tp"] += in_sys and in_gold
    bp, br = totals["b3"][0] / n, totals["b3"][1] / n
    return {
        "b3": (bp, br, 2 * bp * br / (bp + br) if bp + br else 0.0),
        "pairwise": _prf(counts["tp"], counts["sys"], counts["tp"], counts["gold"]),
    }


def main() -> int:
    if not (DATA / "ECB+").is_dir():
        print(f"skipped: ECB+ not found at {DATA} (see ../shared/benchmarks/README.md)")
        return 0
    t0 = time.perf_counter()
    sentences, gold = load_gold(DATA)
    t1 = time.perf_counter()
    system = extract_mentions(sentences.drop(columns="selected"))
    t2 = time.perf_counter()
    selected = sentences.loc[sentences["selected"], ["article", "sentence"]]
    system = system.merge(selected, on=["article", "sentence"]).reset_index(drop=True)
    event_of = dict(zip(sentences["article"], sentences["event"], strict=False))
    rows = []
    for label, exact in (("mentions, exact span", True), ("mentions, head/overlap", False)):
        matches = _match(system, gold, exact=exact)
        p, r, f = _prf(len(matches), len(system), len(matches), len(gold))
        rows.append((label, len(system), len(gold), p, r, f))
    matches = _match(system, gold, exact=False)
    named = gold[gold["named"]]
    named_hits = sum(1 for _, gi in matches if gold.loc[gi, "named"])
    rows.append(
        (
            "recall on named gold mentions",
            len(system),
            len(named),
            float("nan"),
            named_hits / len(named),
            float("nan"),
        )
    )
    keys = [
        (
            event_of[system.loc[si, "article"]],
            system.loc[si, "article"],
            system.loc[si, "actor"],
            f"{event_of[system.loc[si, 'article']]}|{gold.loc[gi, 'cluster']}",
        )
        for si, gi in matches
    ]
    variants = {
        "rules (default)": keys,
        "baseline: singletons": [(e, d, f"{d}:{i}", g) for i, (e, d, _, g) in enumerate(keys)],
        "baseline: same string": [
            (e, d, system.loc[si, "mention"].lower(), g)
            for (e, d, _, g), (si, _) in zip(keys, matches, strict=True)
        ],
    }
    merge_rows = []
    for name, variant in variants.items():
        scores = _merge_scores(variant)
        merge_rows.append((f"merging B3, {name}", *scores["b3"]))
        merge_rows.append((f"cross-doc pairs, {name}", *scores["pairwise"]))
    n_docs = sentences["article"].nunique()
    print(
        f"ECB+ entity mentions (HUMAN, NON_HUMAN, LOC) in {len(selected)} annotated sentences of "
        f"{n_docs} documents, {sentences['event'].nunique()} events; method='rules'"
    )
    print(f"{'measure':44} {'n_sys':>6} {'n_gold':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for label, n_sys, n_gold, p, r, f in rows:
        cells = " ".join("     -" if v != v else f"{v:6.3f}" for v in (p, r, f))
        print(f"{label:44} {n_sys:6d} {n_gold:6d} {cells}")
    print(f"(merging measured on the {len(matches)} head/overlap-matched mentions)")
    for label, p, r, f in merge_rows:
        print(f"{label:44} {'':6} {'':6} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"time: read {t1 - t0:.1f} s, extract {t2 - t1:.1f} s ({len(sentences)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
