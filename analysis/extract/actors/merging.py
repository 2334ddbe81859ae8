"""Alias merging within an event, and the actor table (``actors.csv``).

Merging: a codebook form wins; gazetteer aliases map to one canonical name (Britain = UK =
United Kingdom); a surname or shorter form links to the one full person name in the event that
ends with it (Zelenskyy = Volodymyr Zelenskyy); "Long Name (ACR)" links the acronym.

:func:`actor_table` gives ACTOR_COLUMNS, one row per actor and article: ``article``, ``actor``,
``type``, ``n_mentions`` (int >= 1), ``role`` (first non-empty role in reading order, "" if none),
``first_sentence`` (int).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from analysis.extract.actors.candidates import Candidate
from analysis.extract.actors.words import ORG_KEYWORDS

__all__ = ["ACTOR_COLUMNS", "actor_table", "known_forms", "merge_candidates"]

ACTOR_COLUMNS = ["article", "actor", "type", "n_mentions", "role", "first_sentence"]


def _fold(text: str) -> str:
    """Comparison key of a name: no accents, straight apostrophes, lower case, no leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text[4:] if text.startswith("the ") else text


def _person_key(name: str) -> list[str]:
    return [w for w in _fold(name).replace(".", ". ").split() if w]


def _canonical_people(names: Counter[str]) -> dict[str, str]:
    """Map each person surface name to its canonical full name (see module docstring)."""
    full = [n for n in names if len(_person_key(n)) >= 2]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_surname[_person_key(name)[-1]].append(name)
    mapping: dict[str, str] = {}
    for group in by_surname.values():
        firsts = {_person_key(n)[0].rstrip(".") for n in group}
        initials = {f[0] for f in firsts}
        full_firsts = {f for f in firsts if len(f) > 1}
        if len(full_firsts) > 1 or len(initials) > 1:
            for name in group:
                mapping[name] = name
            continue
        best = max(group, key=lambda n: (names[n], len(n), n))
        for name in group:
            mapping[name] = best
        mapping[f"__surname__{_person_key(best)[-1]}"] = best
    for name in names:
        if name in mapping:
            continue
        key = _person_key(name)
        mapping[name] = mapping.get(f"__surname__{key[-1]}", name) if len(key) == 1 else name
    return {k: v for k, v in mapping.items() if not k.startswith("__surname__")}


def _acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Acronyms introduced as "Long Name (ACR)" -> long name."""
    out: dict[str, str] = {}
    pattern = re.compile(r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and|the)\s+)*){1,8})\(([A-Z]{2,8})\)")
    for text in texts:
        for match in pattern.finditer(text):
            words = match.group(1).split()
            acronym = match.group(2)
            caps = [w for w in words if w[0].isupper()]
            for k in range(len(caps), 0, -1):
                if "".join(w[0] for w in caps[-k:]) == acronym:
                    idx = len(words) - words[::-1].index(caps[-k]) - 1
                    out[acronym] = " ".join(words[idx:])
                    break
    return out


def _short_forms(names: Iterable[str]) -> dict[str, str]:
    """Folded short form -> long form of organisations named "X News", "X Inc" ("ABC News").

    Only when one long form in the event starts with that short form.
    """
    longs: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) > 1 and all(w.lower().rstrip(".") in ORG_KEYWORDS for w in words[1:]):
            longs[_fold(words[0])].add(name)
    return {short: next(iter(found)) for short, found in longs.items() if len(found) == 1}


def merge_candidates(
    cands: list[Candidate], sentences: pd.DataFrame, codebook: pd.DataFrame | None
) -> list[tuple[Candidate, str, str]]:
    """Canonical actor and type for each candidate of one event.

    Parameters
    ----------
    cands : list of Candidate
        Non-overlapping candidates of the event's sentences.
    sentences : pandas.DataFrame
        The input sentences (``text`` column), indexed by :attr:`Candidate.row`.
    codebook : pandas.DataFrame or None
        CODEBOOK_COLUMNS; a form it names takes its actor and type.

    Returns
    -------
    list of (Candidate, str, str)
        Each kept candidate with its actor and type, in the order of *cands*; a lone
        capitalised word that is no known surname, acronym or reported speaker is dropped.
    """
    texts = sentences["text"].tolist()
    surface = [texts[c.row][c.start : c.end] for c in cands]
    book: dict[str, tuple[str, str]] = {}
    if codebook is not None:
        for alias, actor, kind in zip(
            codebook["alias"], codebook["actor"], codebook["type"], strict=True
        ):
            book[_fold(alias)] = (actor, kind)
    people: Counter[str] = Counter()
    for cand, text in zip(cands, surface, strict=True):
        if cand.type == "person" and _fold(text) not in book:
            people[text] += 1
    person_map = _canonical_people(people)
    surnames = {
        _person_key(full)[-1]: full
        for full in set(person_map.values())
        if len(_person_key(full)) >= 2 and person_map.get(full) == full
    }
    # surnames of ambiguous groups must not link
    ambiguous = Counter(
        _person_key(f)[-1] for f in set(person_map.values()) if len(_person_key(f)) >= 2
    )
    acronyms = _acronyms(texts)
    orgs = {_fold(t): t for c, t in zip(cands, surface, strict=True) if c.type == "organisation"}
    orgs.update(_short_forms(orgs.values()))
    out = []
    for cand, text in zip(cands, surface, strict=True):
        key = _fold(text)
        if key in book:
            actor, kind = book[key]
        elif cand.source == "gazetteer":
            actor, kind = cand.canonical, cand.type
        elif cand.type == "person":
            actor, kind = person_map.get(text, text), "person"
        elif cand.type == "single":
            folded = _person_key(text)
            last = folded[-1] if folded else ""
            if last in surnames and ambiguous[last] == 1:
                actor, kind = surnames[last], "person"
            elif text in acronyms:
                actor, kind = acronyms[text], "organisation"
            elif cand.source == "reported":
                actor, kind = text, "person"
            else:
                continue
        elif cand.type == "organisation":
            actor = acronyms.get(text, orgs.get(key, text))
            kind = "organisation"
        else:
            actor, kind = text, cand.type
        out.append((cand, actor, kind))
    return out


def known_forms(
    resolved: list[tuple[Candidate, str, str]], texts: list[str]
) -> dict[str, tuple[str, str]]:
    """Written forms of the people and organisations found by the rules, with their actor.

    Parameters
    ----------
    resolved : list of (Candidate, str, str)
        Merged candidates (:func:`merge_candidates`).
    texts : list of str
        Sentence texts, indexed by :attr:`Candidate.row`.

    Returns
    -------
    dict of str to (str, str)
        Form -> (actor, type) for forms longer than two characters; a person's full name and
        surname are forms too, unless two people share the surname.
    """
    forms: dict[str, tuple[str, str]] = {}
    surnames: dict[str, set[str]] = defaultdict(set)
    for cand, actor, kind in resolved:
        if kind not in {"person", "organisation"} or cand.source == "gazetteer":
            continue
        forms.setdefault(texts[cand.row][cand.start : cand.end], (actor, kind))
        if kind == "person":
            forms.setdefault(actor, (actor, kind))
            surnames[actor.split()[-1]].add(actor)
    for surname, actors in surnames.items():
        if len(actors) == 1:
            forms.setdefault(surname, (next(iter(actors)), "person"))
    return {k: v for k, v in forms.items() if len(k) > 2}


def actor_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor and article: counts, first role and first sentence.

    Parameters
    ----------
    mentions : pandas.DataFrame
        MENTION_COLUMNS (:func:`analysis.extract.actors.extract_mentions`).

    Returns
    -------
    pandas.DataFrame
        ACTOR_COLUMNS. Rows keep the articles' order of appearance in *mentions*; within an
        article, actors are sorted by number of mentions (descending), then first sentence.
    """
    if mentions.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    article_order = {a: i for i, a in enumerate(dict.fromkeys(mentions["article"]))}
    rows = []
    for (article, actor), group in mentions.groupby(["article", "actor"], sort=False):
        roles = [r for r in group["role"] if r]
        rows.append(
            {
                "article": article,
                "actor": actor,
                "type": Counter(group["type"]).most_common(1)[0][0],
                "n_mentions": len(group),
                "role": roles[0] if roles else "",
                "first_sentence": int(group["sentence"].min()),
            }
        )
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    table = table.assign(_order=table["article"].map(article_order))
    table = table.sort_values(
        ["_order", "n_mentions", "first_sentence", "actor"],
        ascending=[True, False, True, True],
        kind="stable",
    )
    return table.drop(columns="_order").reset_index(drop=True)
