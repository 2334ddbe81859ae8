"""House style: spellings that differ between outlets without a difference in meaning.

Honorifics and titles, abbreviation spellings (F.B.I./FBI), US state abbreviations, numerals and
spelled numbers, British and American spelling; the rules are in ``docs/methods.md``, section 8.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.normalize import STOP_WORDS, tokenize

__all__ = [
    "HONORIFICS",
    "STYLE_RULES",
    "TITLES",
    "US_STATES",
    "is_style_only",
    "normalize_abbreviations",
    "style_key",
    "style_rule",
]

#: Labels of :func:`style_rule`, in the order they are tried.
STYLE_RULES = ("abbreviation", "honorific", "title", "state", "number", "spelling")
#: Forms of address that carry no meaning of their own (lower case, no dot).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam"})
#: Title abbreviations and their full form.
TITLES = {
    "rep": "representative",
    "reps": "representatives",
    "sen": "senator",
    "sens": "senators",
    "gov": "governor",
    "pres": "president",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "maj": "major",
    "prof": "professor",
    "atty": "attorney",
    "supt": "superintendent",
    "rev": "reverend",
    "ceo": "chief executive",
}
_TITLE_WORDS = frozenset(TITLES.values()) | {
    "prime",
    "minister",
    "secretary",
    "chancellor",
    "mayor",
    "judge",
    "justice",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
}
#: AP style abbreviations and postal codes of US states (lower case, no dots) to their name.
US_STATES = {
    **dict.fromkeys(["ala", "al"], "alabama"),
    **dict.fromkeys(["ariz", "az"], "arizona"),
    **dict.fromkeys(["ark", "ar"], "arkansas"),
    **dict.fromkeys(["calif", "cal", "ca"], "california"),
    **dict.fromkeys(["colo", "co"], "colorado"),
    **dict.fromkeys(["conn", "ct"], "connecticut"),
    **dict.fromkeys(["del", "de"], "delaware"),
    **dict.fromkeys(["fla", "fl"], "florida"),
    **dict.fromkeys(["ga"], "georgia"),
    **dict.fromkeys(["ill", "il"], "illinois"),
    **dict.fromkeys(["ind"], "indiana"),
    **dict.fromkeys(["kan", "kans", "ks"], "kansas"),
    **dict.fromkeys(["ky"], "kentucky"),
    **dict.fromkeys(["la"], "louisiana"),
    **dict.fromkeys(["md"], "maryland"),
    **dict.fromkeys(["mass"], "massachusetts"),
    **dict.fromkeys(["mich", "mi"], "michigan"),
    **dict.fromkeys(["minn", "mn"], "minnesota"),
    **dict.fromkeys(["mo"], "missouri"),
    **dict.fromkeys(["mont", "mt"], "montana"),
    **dict.fromkeys(["neb", "nebr", "ne"], "nebraska"),
    **dict.fromkeys(["nev", "nv"], "nevada"),
    **dict.fromkeys(["nh"], "new hampshire"),
    **dict.fromkeys(["nj"], "new jersey"),
    **dict.fromkeys(["nm"], "new mexico"),
    **dict.fromkeys(["ny"], "new york"),
    **dict.fromkeys(["nc"], "north carolina"),
    **dict.fromkeys(["nd"], "north dakota"),
    **dict.fromkeys(["okla"], "oklahoma"),
    **dict.fromkeys(["ore", "oreg"], "oregon"),
    **dict.fromkeys(["pa"], "pennsylvania"),
    **dict.fromkeys(["ri"], "rhode island"),
    **dict.fromkeys(["sc"], "south carolina"),
    **dict.fromkeys(["sd"], "south dakota"),
    **dict.fromkeys(["tenn", "tn"], "tennessee"),
    **dict.fromkeys(["tex", "tx"], "texas"),
    **dict.fromkeys(["vt"], "vermont"),
    **dict.fromkeys(["va"], "virginia"),
    **dict.fromkeys(["wash", "wa"], "washington"),
    **dict.fromkeys(["wva"], "west virginia"),
    **dict.fromkeys(["wis", "wisc", "wi"], "wisconsin"),
    **dict.fromkeys(["wyo", "wy"], "wyoming"),
}
_ABBREVIATIONS = {
    "gop": "republican",
    "dem": "democrat",
    "dems": "democrats",
    "govt": "government",
    "dept": "department",
    "intl": "international",
    "nov": "november",
    "dec": "december",
    "jan": "january",
    "feb": "february",
    "aug": "august",
    "sept": "september",
    "oct": "october",
}
_NUMBERS = {
    word: str(i)
    for i, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBERS |= {
    w: str(10 * i)
    for i, w in enumerate(
        ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=3
    )
}
_NUMBERS |= {"dozen": "12", "hundred": "100", "thousand": "1000", "million": "1000000"}
_ORDINALS = {
    w: f"{i}th"
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        ],
        start=1,
    )
}
_BRITISH = {
    "grey": "gray",
    "programme": "program",
    "programmes": "programs",
    "aluminium": "aluminum",
    "jewellery": "jewelry",
    "manoeuvre": "maneuver",
    "sceptical": "skeptical",
    "catalogue": "catalog",
    "ageing": "aging",
    "judgement": "judgment",
    "tyre": "tire",
    "kerb": "curb",
    "plough": "plow",
    "mould": "mold",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "foetus": "fetus",
}
_OUR_WORDS = frozenset({"hour", "four", "your", "tour", "pour", "flour", "sour", "dour", "our"})
_SPELLING_RULES = (
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2}[bt])re(s)?$"), r"er\1"),
    (re.compile(r"(?<=[a-z]{2})ence(s)?$"), r"ense\1"),
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ae(?=[a-z]{3})"), "e"),
    (re.compile(r"oe(?=s[a-z]{3})"), "e"),
)
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})")
_US_UPPER = re.compile(r"(?<![\w.])US(?!\w|\.\w)")


def _bare(token: str) -> str:
    return token.lower().replace(".", "").replace("\u2019", "'")


def _american(word: str) -> str:
    if word in _BRITISH:
        return _BRITISH[word]
    if word in _OUR_WORDS:
        return word
    for pattern, repl in _SPELLING_RULES:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def style_key(token: str) -> str:
    """Give the house-style form of one word: two words with the same key say the same thing.

    Parameters
    ----------
    token : str
        One word as written ("F.B.I.", "Calif.", "Rep.", "seven", "colour"), any case.

    Returns
    -------
    str
        Lower case without dots; title abbreviations spelled out (``rep`` -> ``representative``),
        state abbreviations to the state name, abbreviations such as ``gop`` and month names to
        their full word, spelled numbers to digits (``seven`` -> ``7``, ``first`` -> ``1th``),
        separators dropped from numerals (``100,000`` -> ``100000``), British spelling to
        American (``colour`` -> ``color``); honorifics (``Mr.``) give ``""``.
    """
    bare = _bare(token)
    if bare in HONORIFICS:
        return ""
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", bare):
        return bare.replace(",", "")
    for table in (TITLES, US_STATES, _ABBREVIATIONS, _NUMBERS, _ORDINALS):
        if bare in table:
            return table[bare]
    if re.fullmatch(r"\d+(st|nd|rd|th)", bare):
        return re.sub(r"(st|nd|rd)$", "th", bare)
    return _american(bare)


def _rule_of(a: str, b: str) -> str:
    bare_a, bare_b = _bare(a), _bare(b)
    if bare_a == bare_b:
        return "abbreviation"
    for rule, tables in (
        ("title", (TITLES,)),
        ("state", (US_STATES,)),
        ("abbreviation", (_ABBREVIATIONS,)),
        ("number", (_NUMBERS, _ORDINALS)),
    ):
        if any(bare_a in t or bare_b in t for t in tables):
            return rule
    if bare_a.replace(",", "") == bare_b.replace(",", ""):
        return "number"
    return "spelling"


def _words(phrase: str) -> list[str]:
    return [w for w in tokenize(phrase) if w not in {"the", "a", "an"}]


def style_rule(a_phrase: str, b_phrase: str) -> str | None:
    """Tell whether two phrases differ only in house style, and by which rule.

    Parameters
    ----------
    a_phrase, b_phrase : str
        The two phrases as written.

    Returns
    -------
    str or None
        One of :data:`STYLE_RULES` when the phrases have the same :func:`style_key` words
        (honorifics dropped; the rule of the first differing word, ``honorific`` when only
        honorifics differ) or differ only by titles (``title``); None when they differ in
        wording or only in letter case.
    """
    a_words, b_words = _words(a_phrase), _words(b_phrase)
    if a_words == b_words:
        return None
    a_keys = " ".join(style_key(w) for w in a_words if style_key(w)).split()
    b_keys = " ".join(style_key(w) for w in b_words if style_key(w)).split()
    if a_keys and a_keys == b_keys:
        if any(not style_key(w) for w in [*a_words, *b_words]):
            return "honorific"
        if len(a_words) != len(b_words):
            return "abbreviation"
        wa, wb = next((x, y) for x, y in zip(a_words, b_words, strict=True) if x != y)
        return _rule_of(wa, wb)
    a_rest = [k for k in a_keys if k not in _TITLE_WORDS]
    if a_rest and a_rest == [k for k in b_keys if k not in _TITLE_WORDS]:
        return "title"
    return None


def is_style_only(phrase: str) -> bool:
    """Tell whether a phrase holds only honorifics and titles ("Mr.", "President", "Sen.").

    Parameters
    ----------
    phrase : str
        A phrase one side has and the other lacks.

    Returns
    -------
    bool
        True when every word is an honorific, a title (abbreviated or not) or a stop word, and
        there is at least one honorific or title.
    """
    words = tokenize(phrase)
    marked = [w for w in words if _bare(w) in HONORIFICS or style_key(w) in _TITLE_WORDS]
    return bool(marked) and all(w in STOP_WORDS or w in marked for w in words)


def normalize_abbreviations(text: str) -> str:
    """Write abbreviations one way, so that "F.B.I." and "FBI" count as one word.

    Dotted abbreviations lose their dots (``F.B.I.`` -> ``FBI``, ``G.O.P.`` -> ``GOP``) unless
    the letters spell an English stop word (``U.S.`` stays, and ``US`` in capitals becomes
    ``U.S.``, so it is not read as the pronoun).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with abbreviations rewritten; other characters unchanged.
    """

    def undot(match: re.Match[str]) -> str:
        letters = match.group(1).replace(".", "")
        return match.group(1) if letters.lower() in STOP_WORDS else letters.upper()

    return _US_UPPER.sub("U.S.", _DOTTED.sub(undot, text))
