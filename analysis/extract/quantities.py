"""Numbers: quantities with their unit, bounds and context, and their comparison across articles.

What is read as a figure and how figures are matched is in ``docs/methods.md``, section 5.
"""

from __future__ import annotations

import logging
import math
import re
from collections import deque
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.errors import AnalysisError
from analysis.text.normalize import STOP_WORDS

__all__ = [
    "COMPARE_COLUMNS",
    "NUMBER_COLUMNS",
    "UNIT_LEXICON",
    "compare_numbers",
    "extract_numbers",
]

logger = logging.getLogger(__name__)

NUMBER_COLUMNS = [
    "article",
    "sentence",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "kind",
    "qualifier",
    "unit",
    "noun",
    "context",
]
COMPARE_COLUMNS = [
    "a_article",
    "b_article",
    "a_sentence",
    "b_sentence",
    "a_text",
    "b_text",
    "unit",
    "a_low",
    "a_high",
    "b_low",
    "b_high",
    "status",
    "matched_by",
]

#: Word (lower case) -> normalised unit. Checked from the last word of the noun phrase backwards.
UNIT_LEXICON: dict[str, str] = {
    **dict.fromkeys(
        [
            "troop",
            "troops",
            "soldier",
            "soldiers",
            "personnel",
            "servicemen",
            "peacekeepers",
            "strong",
            "contingent",
            "contingents",
            "force",
            "forces",
        ],
        "troops",
    ),
    **dict.fromkeys(
        [
            "jet",
            "jets",
            "fighter",
            "fighters",
            "aircraft",
            "planes",
            "warplanes",
            "f-16",
            "f-16s",
            "f-35",
            "f-35s",
        ],
        "fighter jets",
    ),
    **dict.fromkeys(["missile", "missiles"], "missile systems"),
    **dict.fromkeys(["tank", "tanks"], "tanks"),
    **dict.fromkeys(["drone", "drones"], "drones"),
    **dict.fromkeys(
        ["people", "persons", "civilians", "residents", "refugees", "migrants"], "people"
    ),
    **dict.fromkeys(["dead", "deaths", "killed", "fatalities", "casualties"], "deaths"),
    **dict.fromkeys(["injured", "wounded"], "injured"),
    **dict.fromkeys(["countries", "nations", "states"], "countries"),
    **dict.fromkeys(["year", "years"], "years"),
    **dict.fromkeys(["month", "months"], "months"),
    **dict.fromkeys(["week", "weeks"], "weeks"),
    **dict.fromkeys(["day", "days"], "days"),
    **dict.fromkeys(["hour", "hours"], "hours"),
    **dict.fromkeys(["percent", "per-cent", "%"], "percent"),
    **dict.fromkeys(
        [
            "dollars",
            "dollar",
            "euros",
            "euro",
            "pounds",
            "sterling",
            "yen",
            "rubles",
            "roubles",
            "hryvnias",
        ],
        "money",
    ),
    **dict.fromkeys(["km", "kilometres", "kilometers", "miles"], "distance"),
}

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
_SPELLED = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_MULT = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_CURRENCY = r"(?:US\$|[$€£¥₴])"

_ATOM = re.compile(
    rf"(?P<cur>{_CURRENCY})?"
    r"(?<![\w.,])(?<![A-Za-z]-)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?i:{'|'.join(sorted(_SPELLED, key=len, reverse=True))})(?![\w-]))"
    r"(?:(?<=\d)(?P<short>k|m|mn|bn|b|tn)\b)?"
    r"(?:\s+(?P<mult>thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?"
    r"(?P<plus>\+)?"
    r"(?![A-Za-z\d])"
)
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<m3>{_MONTHS})\s+(?P<y3>\d{{4}}))(?!\d)"
)
_QUALIFIERS = {
    "at least": "at_least",
    "more than": "at_least",
    "over": "at_least",
    "above": "at_least",
    "upwards of": "at_least",
    "in excess of": "at_least",
    "up to": "at_most",
    "fewer than": "at_most",
    "less than": "at_most",
    "under": "at_most",
    "below": "at_most",
    "no more than": "at_most",
    "as many as": "at_most",
    "nearly": "approximate",
    "almost": "approximate",
    "about": "approximate",
    "around": "approximate",
    "approximately": "approximate",
    "roughly": "approximate",
    "some": "approximate",
    "an estimated": "approximate",
    "estimated": "approximate",
    "potentially": "approximate",
    "close to": "approximate",
    "just over": "at_least",
    "just under": "at_most",
}
_QUALIFIER = re.compile(
    r"(?i:\b(?P<q>" + "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True)) + r"))"
    r"\s+$"
)
# Ages: "11-year-old", "12 - year - old", "42 years old", "aged 42".
_AGE_AFTER = re.compile(r"\s*-?\s*(?:year|month)s?\s*-?\s*old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\baged\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^(?:\s*[-–—]\s*|-?\s+(?:to|and|or)\s+)$")
_NOUN_WORD = re.compile(r"\s*(?P<w>%|[^\W_][\w'’]*(?:-[\w]+)*)")


def _number(atom: re.Match[str]) -> float:
    raw = atom.group("num")
    spelled = _SPELLED.get(raw.lower())
    value = float(spelled) if spelled is not None else float(raw.replace(",", ""))
    if atom.group("short"):
        value *= _SHORT_MULT[atom.group("short").lower()]
    if atom.group("mult"):
        value *= _MULTIPLIERS[atom.group("mult")]
    return value


def _noun_phrase(text: str, pos: int) -> tuple[str, int]:
    """Up to four words after *pos* naming what is counted, and the end offset of that phrase."""
    words: list[tuple[str, int]] = []
    cursor = pos
    skipped_of = False
    while len(words) < 4:
        match = _NOUN_WORD.match(text, cursor)
        if not match or (words and text[cursor : match.start("w")].strip()):
            break
        word = match.group("w")
        lower = word.lower()
        if lower == "of" and not words and not skipped_of:
            skipped_of = True
            cursor = match.end()
            continue
        if lower in STOP_WORDS or (
            any(ch.isdigit() for ch in word) and not re.search(r"[a-z]", lower)
        ):
            break
        words.append((word, match.end()))
        cursor = match.end()
    if not words:
        return "", pos
    lowers = [w.lower() for w, _ in words]
    cut = None
    for k in range(len(lowers) - 1, -1, -1):
        if lowers[k] in UNIT_LEXICON:
            cut = k
            break
    if cut is None:
        plural = [k for k, w in enumerate(lowers) if w.endswith("s") and len(w) > 3]
        cut = plural[0] if plural else min(len(words), 2) - 1
    return " ".join(w for w, _ in words[: cut + 1]), words[cut][1]


def _unit_of(noun: str) -> str:
    words = noun.lower().split()
    for word in reversed(words):
        if word in UNIT_LEXICON:
            unit = UNIT_LEXICON[word]
            if unit == "troops" and word in {"force", "forces"} and len(words) == 1:
                return "troops"
            return unit
    return words[-1] if words else ""


def _context(text: str, start: int, end: int, n: int = 8) -> str:
    """Up to *n* words either side of text[start:end], as written."""
    left = [m.start() for m in re.finditer(r"\S+", text[:start])]
    right = [m.end() for m in re.finditer(r"\S+", text[end:])]
    lo = left[-n] if len(left) >= n else 0
    hi = end + right[n - 1] if len(right) >= n else len(text)
    return " ".join(text[lo:hi].split())


def _sentence_numbers(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        year = match.group("y1") or match.group("y2") or match.group("y3")
        value = float(year) if year else math.nan
        out.append(
            {
                "start": match.start(),
                "end": match.end(),
                "value": value,
                "low": math.nan,
                "high": math.nan,
                "kind": "date",
                "qualifier": "",
                "unit": "date",
                "noun": "",
            }
        )
        taken.append(match.span())
    atoms = [
        a
        for a in _ATOM.finditer(text)
        if all(a.end() <= s or a.start() >= e for s, e in taken) and a.group("num")
    ]
    i = 0
    while i < len(atoms):
        first = atoms[i]
        last = first
        low = high = _number(first)
        kind = "exact"
        # a range: "30,000-40,000", "100,000 to 150,000", "30,000- to 40,000-strong"
        if i + 1 < len(atoms) and not first.group("plus"):
            nxt = atoms[i + 1]
            join = text[first.end() : nxt.start()]
            before = text[: first.start()].rstrip().lower()
            if _RANGE_JOIN.match(join) and not before.endswith("from"):
                if " and " in join and not before.endswith("between"):
                    pass
                else:
                    high = _number(nxt)
                    if nxt.group("mult") and not first.group("mult") and low <= high:
                        low *= _MULTIPLIERS[nxt.group("mult")]
                    if high >= low:
                        last = nxt
                        kind = "range"
                        i += 1
                    else:
                        high = low
        i += 1
        start, end = first.start(), last.end()
        qualifier = ""
        qmatch = _QUALIFIER.search(text[max(0, start - 25) : start])
        if qmatch:
            qualifier = qmatch.group("q")
            if kind == "exact":
                kind = _QUALIFIERS[qualifier.lower()]
        if last.group("plus"):
            kind = "at_least"
        # unit
        noun_pos = end
        noun = ""
        unit = ""
        if last.group("pct"):
            unit, noun = "percent", "percent"
        elif first.group("cur") or last.group("cur"):
            unit, noun = "money", (first.group("cur") or last.group("cur"))
        else:
            suffix = re.match(r"-(?P<w>[A-Za-z]+(?:-[A-Za-z]+)*)", text[end:])
            if suffix:
                noun = suffix.group("w")
                noun_pos = end + suffix.end()
                end = noun_pos
                unit = _unit_of(noun.replace("-", " "))
                more, _ = _noun_phrase(text, noun_pos)
                if more and unit not in UNIT_LEXICON.values():
                    noun, unit = f"{noun} {more}", _unit_of(more)
            else:
                noun, _ = _noun_phrase(text, end)
                unit = _unit_of(noun)
        is_digits = first.group("num").replace(",", "").isdigit()
        # years: 1800-2100, written without a separator, not counting anything
        if (
            kind in {"exact", "range"}
            and is_digits
            and len(first.group("num")) == 4
            and 1800 <= low <= 2100
            and (kind == "exact" or 1800 <= high <= 2100)
            and unit not in set(UNIT_LEXICON.values()) - {"years"}
            and not first.group("cur")
        ):
            kind, unit, noun = "year", "year", ""
        age = _AGE_AFTER.match(text, first.end())
        if kind == "exact" and (age or _AGE_BEFORE.search(text[: first.start()])):
            # "11-year-old", "42 years old", "aged 42": an age, not a count
            kind, unit = "age", "months" if age and "month" in age.group().lower() else "years"
        if kind == "at_least":
            high = math.inf
        elif kind == "at_most":
            high, low = low, 0.0
        value = {"range": math.nan, "at_most": high}.get(kind, low)
        out.append(
            {
                "start": start,
                "end": end,
                "value": value,
                "low": low,
                "high": high,
                "kind": kind,
                "qualifier": qualifier,
                "unit": unit,
                "noun": noun,
            }
        )
    return sorted(out, key=lambda r: r["start"])


def extract_numbers(sentences: pd.DataFrame) -> pd.DataFrame:
    """Find the figures in a sentence table, with their unit, bounds and context.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``article``, ``sentence`` and ``text``.

    Returns
    -------
    pandas.DataFrame
        ``numbers.csv``, one row per figure, columns :data:`NUMBER_COLUMNS`: ``article``,
        ``sentence``; ``start``, ``end`` (offsets in the sentence text); ``text`` (as written,
        "30,000- to 40,000-strong"); ``value`` (float: a point figure's value, an open
        figure's bound, the year of a year or dated month; NaN for ranges and dates without a
        year); ``low``, ``high`` (bounds, equal for a point figure; ``high`` is inf for "at
        least", ``low`` 0 for "up to"; NaN for dates); ``kind`` (``exact``, ``approximate``,
        ``range``, ``at_least``, ``at_most``, ``year``, ``date`` or ``age``: "11-year-old",
        "aged 42", never listed as a figure one article gives); ``qualifier`` (the hedge as
        written, ``""`` if none); ``unit`` (normalised unit, else the head noun in lower case,
        else ``""``); ``noun`` (the words the unit was read from); ``context`` (up to eight
        words either side).

    Raises
    ------
    AnalysisError
        When *sentences* lacks ``article``, ``sentence`` or ``text``.
    """
    missing = {"article", "sentence", "text"} - set(sentences.columns)
    if missing:
        raise AnalysisError(
            f"sentences table lacks column(s) {sorted(missing)}; pass Corpus.sentences"
        )
    rows = []
    for article, sentence, text in zip(
        sentences["article"], sentences["sentence"], sentences["text"].astype(str), strict=True
    ):
        for found in _sentence_numbers(text):
            found.update(
                article=article,
                sentence=int(sentence),
                text=text[found["start"] : found["end"]],
                context=_context(text, found["start"], found["end"]),
            )
            rows.append(found)
    out = pd.DataFrame(rows, columns=NUMBER_COLUMNS)
    return out.astype(
        {
            "sentence": "int64",
            "start": "int64",
            "end": "int64",
            "value": "float64",
            "low": "float64",
            "high": "float64",
        }
    )


# --------------------------------------------------------------------------- comparison


def _equal(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or x == y


def _same(ra: Mapping[str, Any], rb: Mapping[str, Any]) -> bool:
    if (ra["kind"] == "date") != (rb["kind"] == "date"):
        return False
    if (ra["kind"] == "year") != (rb["kind"] == "year"):
        return False
    if ra["kind"] == "date":
        return str(ra["text"]).lower() == str(rb["text"]).lower()
    units_ok = ra["unit"] == rb["unit"] or not ra["unit"] or not rb["unit"]
    return units_ok and _equal(ra["low"], rb["low"]) and _equal(ra["high"], rb["high"])


def _comparable(ra: Mapping[str, Any], rb: Mapping[str, Any]) -> bool:
    if ra["kind"] == "year" and rb["kind"] == "year":
        return True
    return bool(ra["unit"]) and ra["unit"] == rb["unit"] and "date" not in {ra["kind"], rb["kind"]}


def _informative(row: Mapping[str, Any]) -> bool:
    """Worth matching by value alone across the article: a unit and a non-trivial figure."""
    if row["kind"] in {"year", "date"}:
        return False
    return bool(row["unit"]) and (
        row["kind"] == "range" or abs(row["low"]) >= 10 or row["unit"] == "percent"
    )


def _value_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Equal for two informative figures exactly when they match by value (NaN equals NaN)."""
    low, high = (None if math.isnan(x) else x for x in (row["low"], row["high"]))
    return low, high, row["unit"]


def _pair_by_value(
    na: list[dict[str, Any]], nb: list[dict[str, Any]], rest_a: list[int], rest_b: list[int]
) -> list[tuple[int, int]]:
    """Pair each of *rest_a* in order with the first unpaired of *rest_b* of equal value key.

    The same pairs as trying every figure of *rest_b* in order, found through an index of the
    figures by :func:`_value_key` in time linear in the figures.
    """
    queues: dict[tuple[Any, ...], deque[int]] = {}
    for j in rest_b:
        queues.setdefault(_value_key(nb[j]), deque()).append(j)
    pairs = []
    for i in rest_a:
        queue = queues.get(_value_key(na[i]))
        if queue:
            pairs.append((i, queue.popleft()))
    return pairs


def _compare_row(
    a: str,
    b: str,
    ra: Mapping[str, Any] | None,
    rb: Mapping[str, Any] | None,
    status: str,
    how: str,
) -> list[Any]:
    """One row of :data:`COMPARE_COLUMNS` for a pair of figures or one figure (other None)."""
    given = [r for r in (ra, rb) if r is not None]
    unit = given[0]["unit"] or given[-1]["unit"]  # A's unit, else B's
    bounds = [math.nan if r is None else r[k] for r in (ra, rb) for k in ("low", "high")]
    return [
        a,
        b,
        -1 if ra is None else int(ra["sentence"]),
        -1 if rb is None else int(rb["sentence"]),
        "" if ra is None else ra["text"],
        "" if rb is None else rb["text"],
        unit,
        *bounds,
        status,
        how,
    ]


def compare_numbers(
    numbers: pd.DataFrame, alignment: Any, *, a: str | None = None, b: str | None = None
) -> pd.DataFrame:
    """Compare the figures of articles *a* and *b*.

    Parameters
    ----------
    numbers : pandas.DataFrame
        :func:`extract_numbers` output for (at least) the two articles.
    alignment : Alignment or pandas.DataFrame
        An :class:`analysis.align.alignment.Alignment` of the two articles, or its pairs.
    a, b : str, optional
        The two article ids; None takes the alignment's two articles.

    Returns
    -------
    pandas.DataFrame
        ``number_comparison.csv``, columns :data:`COMPARE_COLUMNS`: ``a_article``,
        ``b_article``, ``a_sentence``, ``b_sentence``, ``a_text``, ``b_text``; ``unit`` (of the
        A figure, or of the B figure when A's is empty or missing); ``a_low``, ``a_high``,
        ``b_low``, ``b_high``; ``status`` (``same``, ``different``, ``a_only`` or ``b_only``);
        ``matched_by`` (``alignment``, ``value`` or ``""``).

    Raises
    ------
    AnalysisError
        When *alignment* is neither an Alignment nor a pairs table, or has no pairs and *a*,
        *b* are not given.
    """
    pairs = getattr(alignment, "pairs", alignment)
    if not isinstance(pairs, pd.DataFrame):
        raise AnalysisError("alignment must be an Alignment or its pairs DataFrame")
    if a is None or b is None:
        if pairs.empty:
            raise AnalysisError("the alignment has no pairs; pass a= and b= article ids")
        a = a or str(pairs["a_article"].iloc[0])
        b = b or str(pairs["b_article"].iloc[0])
    na = numbers[numbers["article"] == a].to_dict("records")
    nb = numbers[numbers["article"] == b].to_dict("records")
    by_sent_a: dict[int, list[int]] = {}
    by_sent_b: dict[int, list[int]] = {}
    for k, row in enumerate(na):
        by_sent_a.setdefault(int(row["sentence"]), []).append(k)
    for k, row in enumerate(nb):
        by_sent_b.setdefault(int(row["sentence"]), []).append(k)
    order = pairs
    if "similarity" in pairs.columns:
        order = pairs.sort_values("similarity", ascending=False, kind="stable")
    sentence_pairs = [
        (by_sent_a.get(int(sa), []), by_sent_b.get(int(sb), []))
        for sa, sb in zip(order["a_sentence"], order["b_sentence"], strict=True)
    ]
    matches: list[tuple[int, int, str, str]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for test, status in ((_same, "same"), (_comparable, "different")):
        for cands_a, cands_b in sentence_pairs:
            for i in cands_a:
                if i in used_a:
                    continue
                for j in cands_b:
                    if j not in used_b and test(na[i], nb[j]):
                        matches.append((i, j, status, "alignment"))
                        used_a.add(i)
                        used_b.add(j)
                        break
    rest_a = [i for i in range(len(na)) if i not in used_a and _informative(na[i])]
    rest_b = [j for j in range(len(nb)) if j not in used_b and _informative(nb[j])]
    for i, j in _pair_by_value(na, nb, rest_a, rest_b):
        matches.append((i, j, "same", "value"))
        used_a.add(i)
        used_b.add(j)
    rows = [_compare_row(a, b, na[i], nb[j], status, how) for i, j, status, how in matches]
    rows += [
        _compare_row(a, b, ra, None, "a_only", "") for i, ra in enumerate(na) if i not in used_a
    ]
    rows += [
        _compare_row(a, b, None, rb, "b_only", "") for j, rb in enumerate(nb) if j not in used_b
    ]
    out = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    return out.astype(
        {
            "a_sentence": "int64",
            "b_sentence": "int64",
            "a_low": "float64",
            "a_high": "float64",
            "b_low": "float64",
            "b_high": "float64",
        }
    )
