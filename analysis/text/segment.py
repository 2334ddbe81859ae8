"""Rule-based sentence segmentation of one block of news text into character spans.

The rules (Punkt-like, with a fixed abbreviation list) are in ``docs/methods.md``, section 0.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_sentences"]

_TITLES = (
    "Mr. Mrs. Ms. Messrs. Mmes. Mme. Mlle. Dr. Drs. Prof. Rev. Fr. Sr. Jr. Hon. Gen. Lt. Col. "
    "Maj. Capt. Cmdr. Cmdt. Adm. Sgt. Cpl. Pvt. Brig. Lieut. Sen. Sens. Rep. Reps. Gov. Govs. "
    "Pres. Supt. Det. Insp. Amb. Atty. Sec. Secs. Gens. Mt. Ft. St. Ste. Ave. Blvd. Rd. Hwy. "
    "Inc. Corp. Co. Cos. Ltd. Bros. Plc. Llc. Dept. Univ. Assn. Govt. Intl. Natl. Jan. Feb. Mar. "
    "Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. "
    "Sat. Sun. Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md. "
    "Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Vt. Va. Wash. Wis. "
    "Wyo. Ph.D. U.S. U.K. U.N. E.U. U.S.A. U.S.S.R. D.C. N.Y. L.A. N.J. No. Nos. "
    "Art. Vol. Vols. Fig. Figs. Ch. Para. Approx. Est. Vs. Etc."
)
_LOWER = "etc. vs. v. a.m. p.m. e.g. i.e. cf. al. ca. approx. est. pp. viz. incl. max. min."

#: Abbreviations (with their final period) after which a period does not end a sentence unless
#: the next word is a common sentence opener. Dotted acronyms (``X.Y.``) and single-letter
#: initials are recognised by pattern in addition to this list.
ABBREVIATIONS: frozenset[str] = frozenset(_TITLES.split()) | frozenset(_LOWER.split())

# Abbreviations that only abbreviate before a figure ("No. 10", "Art. 5"); otherwise the word.
_NUMBER_ABBREVIATIONS = frozenset({"No", "Nos", "Art", "Vol", "Vols", "Fig", "Figs", "pp"})


def _lookup_keys() -> frozenset[str]:
    keys: set[str] = set()
    for abbreviation in ABBREVIATIONS:
        key = abbreviation[:-1]
        keys.update({key, key.upper()})
        if key.islower():
            keys.add(key[0].upper() + key[1:])
    return frozenset(keys)


_ABBREVIATION_KEYS = _lookup_keys()

#: Words that commonly open a sentence in news text; after an abbreviation they signal a boundary.
_OPENER_WORDS = """
    The A An This That These Those There Here It Its He His Him She Her They Their Them We Our
    I My You Your Who What When Where Why How Which Whose But And Or So Yet Nor However
    Meanwhile Still Also Now Then Instead Although Though Because Since While If As At In On
    For From With Without By To Of After Before During Despite Under Over Into Many Most Some
    Several Both All Each Every Other Another Such Few No Not Yes One Two Three Four Five
    Earlier Later Last Next Today Yesterday Tomorrow According Asked Officials Among
    Nevertheless Moreover Furthermore Indeed Thus Therefore Even Only Just Until Unless
"""
_OPENERS = frozenset(_OPENER_WORDS.split())

_SPEECH_VERB_WORDS = """
    said says say asked asks stated states questioned questions added adds told tells wrote
    writes replied replies noted notes argued argues warned warns insisted insists explained
    explains declared declares continued continues responded responds recalled recalls
    claimed claims emphasized emphasised stressed stresses acknowledged acknowledges
    admitted admits cautioned cautions conceded concedes concluded urged urges
"""
_SPEECH_VERBS = frozenset(_SPEECH_VERB_WORDS.split())

# Line boundaries as recognised by str.splitlines: a sentence never spans one.
_LINE_BREAK = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RE = re.compile(f"[{_LINE_BREAK}]")

_CLOSERS = "\"'”’»›)\\]}」』）"
_OPENERS_PUNCT = "\"'“‘„‟«‹(\\[{¿¡*•"
_TERM = ".?!…‽⁇⁈⁉"
_CANDIDATE = re.compile(
    rf"(?P<term>[{_TERM}](?:[ \u00a0]?[{_TERM}])*)(?P<close>[{_CLOSERS}]*)(?=\s|\Z)"
    rf"|(?P<cjk>[。！？]+)(?P<cjkclose>[{_CLOSERS}]*)"
)
_QUOTE_OR_BREAK = re.compile(f'[“”„‟"«»{_LINE_BREAK}]')
_TOKEN_BEFORE = re.compile(r"[^\s\"'“”‘’„«»‹›()\[\]{}\-—–/]*\Z")
_NEXT = re.compile(rf"\s*[{_OPENERS_PUNCT}]*(?P<word>[^\W\d_]*)(?P<after>.?)", re.DOTALL)
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ATTRIBUTION = re.compile(
    r"[ \t\u00a0]*(?:[^\W\d_][\w’'.-]*[ \t\u00a0]+){1,3}(?P<verb>[^\W\d_]+)(?:[.,;:!?]|\s*\Z)"
)
_CONTINUATION = ",;:)]}—–-"
_WINDOW = 80


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split one block of text into sentences, as character spans.

    Runs in time linear in the length of the text and never raises on any ``str``.

    Parameters
    ----------
    text : str
        One block: a paragraph, a list item or a heading. A line break always ends a sentence.

    Returns
    -------
    list of tuple of (int, int)
        ``(start, end)`` offsets into *text*: ``text[start:end]`` is the sentence, with no
        leading or trailing white space. Spans are in reading order, do not overlap and together
        cover every non-space character; white-space-only text gives ``[]``.
    """
    if not text or text.isspace():
        return []
    cuts = [m.start() for m in _LINE_BREAK_RE.finditer(text)]
    cuts.extend(_sentence_ends(text))
    cuts.append(len(text))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in cuts:
        start, end = begin, cut
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
        begin = max(begin, cut)
    return spans


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each accepted end-of-sentence mark (closing quotes included)."""
    quotes = _attributed_quotes(text)
    q = 0
    ends = []
    for match in _CANDIDATE.finditer(text):
        if match.group("cjk"):
            ends.append(match.end())
            continue
        start, end = match.start(), match.end()
        while q < len(quotes) and quotes[q][1] < end:
            q += 1
        if q < len(quotes) and quotes[q][0] < start:
            continue  # inside a quotation followed by its attribution
        if _is_boundary(text, start, end, match.group("term"), match.group("close")):
            ends.append(end)
    return ends


def _attributed_quotes(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of double-quoted passages followed by an attribution.

    Quotes pair within one line; straight quotes open after white space or an opening bracket.
    A passage counts as attributed when its last mark before the closing quote is a comma, or
    a ``?``/``!``/``.``/dash followed by an attribution (lower-case word or ``Name said``).
    """
    regions = []
    opened = -1
    for match in _QUOTE_OR_BREAK.finditer(text):
        char, pos = match.group(), match.start()
        if char in _LINE_BREAK:
            opened = -1
        elif char in "“„‟«" or (char == '"' and opened < 0):
            if (
                char == '"'
                and pos > 0
                and not (text[pos - 1].isspace() or text[pos - 1] in "([{—–-/")
            ):
                continue
            opened = pos
        elif opened >= 0:
            before = pos
            while before > opened + 1 and text[before - 1].isspace():
                before -= 1
            last = text[before - 1] if before > opened + 1 else ""
            if last == "," or (
                last and last in _TERM + "—–-" and _attribution_follows(text, pos + 1)
            ):
                regions.append((opened, pos))
            opened = -1
    return regions


def _attribution_follows(text: str, pos: int) -> bool:
    """Whether the text after a closing quote at *pos* reads as a speech attribution."""
    window = text[pos : pos + _WINDOW]
    nxt = _NEXT.match(window)
    if nxt is None or not nxt.group("word"):
        return False
    if nxt.group("word")[0].islower():
        return True
    attribution = _ATTRIBUTION.match(window)
    return attribution is not None and attribution.group("verb") in _SPEECH_VERBS


def _is_boundary(text: str, start: int, end: int, term: str, close: str) -> bool:
    """Decide whether the candidate mark ``text[start:end]`` ends a sentence."""
    window = text[end : end + _WINDOW]
    nxt = _NEXT.match(window)
    if nxt is None:  # pragma: no cover - the pattern matches every string
        return True
    rest = window[nxt.start("word") :]
    if not rest or any(c in _LINE_BREAK for c in window[: nxt.start("word")]):
        return True
    first = rest[0]
    if first.islower() or first in _CONTINUATION:
        return False
    if close and any(c in '”"»' for c in close) and _attribution_follows(text, end):
        return False  # "Why now?" Trump asked.
    if term != ".":
        return True
    token = _TOKEN_BEFORE.search(text[max(0, start - _WINDOW) : start])
    word = token.group() if token else ""
    if word in _NUMBER_ABBREVIATIONS:
        return not first.isdigit()
    is_initial = len(word) == 1 and word.isalpha()
    if word in _ABBREVIATION_KEYS or is_initial or _DOTTED.fullmatch(word):
        if first.isdigit():
            return False
        following = nxt.group("word")
        if len(following) == 1 and nxt.group("after") == ".":
            return False  # another initial: "J. A. Smith"
        return following in _OPENERS
    return True
