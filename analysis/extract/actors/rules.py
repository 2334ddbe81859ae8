"""The rule-based mention finder: capitalised runs, the titles and roles before them, appositions.

Kept as names: words capitalised mid-sentence somewhere in the input, gazetteer forms, and words
after a title ("Estonia's Defense Minister Hanno Pevkur"). Dropped: sentence-initial common
words ("Attendees included ...") and calendar words. Types come from keywords (``Council``,
``River``, ``War``) and the gazetteer.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from analysis.extract.actors.candidates import Candidate
from analysis.extract.actors.tokens import Token, initial_positions, label_end, split_tokens
from analysis.extract.actors.words import (
    CONNECTORS,
    FUNCTION_WORDS,
    NEVER_NAMES,
    OPENERS,
    ORG_KEYWORDS,
    OTHER_KEYWORDS,
    PARTY_WORDS,
    PLACE_KEYWORDS,
    ROLE_MODIFIERS,
    TITLE_WORDS,
)
from analysis.extract.attribution import first_name_genders
from analysis.text.gazetteer import AliasLookup
from analysis.text.normalize import STOP_WORDS

__all__ = ["SentenceRules"]


def _is_title(tok: Token) -> bool:
    return tok.lower in TITLE_WORDS


def _run_ok(tok: Token) -> bool:
    """Token that can be part of a capitalised run."""
    if not tok.is_word or not tok.is_cap:
        return False
    return not any(ch.isdigit() for ch in tok.text)


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal runs [i, j) of capitalised tokens joined by connectors; a possessive ends a run."""
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        if not _run_ok(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n and not tokens[j - 1].possessive:
            if _run_ok(tokens[j]) and tokens[j].start - tokens[j - 1].end <= 1:
                j += 1
                continue
            if (
                tokens[j].lower in CONNECTORS
                and j + 1 < n
                and tokens[j].text.islower()
                and tokens[j].start - tokens[j - 1].end <= 1
            ):
                k = j + 1
                if tokens[k].lower == "the" and k + 1 < n:
                    k += 1
                if _run_ok(tokens[k]) and not _is_title(tokens[k]):
                    j = k + 1
                    continue
            break
        runs.append((i, j))
        i = j
    return runs


_APPOSITION_TITLES = "|".join(
    re.escape(t) for t in sorted(TITLE_WORDS, key=len, reverse=True) if not t.endswith(".")
)
_APPOSITION = re.compile(
    r"^,\s+(?:(?:the|a|an|his|her|its|their)\s+)?"
    r"(?P<role>(?:[\w.'’-]+\s+){0,4}?(?i:" + _APPOSITION_TITLES + r")"
    r"(?:\s+(?:of|for|at|in|to)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,4})?)"
    r"\s*(?=[,.;])"
)


_NUMBER_WORDS = frozenset({"one", "two", "three"})


def _common_first_word(tok: Token) -> bool:
    """Whether a name's first word is a common English word and no first name ("Red Bull")."""
    word = tok.lower.rstrip(".")
    return word not in first_name_genders() and zipf_frequency(word, "en") >= 4.5


_PLACE_AFTER = re.compile(
    r"\s+(?:" + "|".join(sorted(PLACE_KEYWORDS | {"state", "country", "capital"})) + r")\b"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|near|at)\s+(?:the\s+)?$")


def _place_context(text: str, start: int, end: int) -> bool:
    """Whether a name reads as a place: "Suka Makmur village", "in Bener Meriah"."""
    if text[end : end + 1] in {"'", "’"}:
        return False
    return bool(_PLACE_AFTER.match(text, end) or _PLACE_BEFORE.search(text[:start]))


class SentenceRules:
    """Rule-based candidate mentions of the sentences of one event.

    Parameters
    ----------
    gazetteer : AliasLookup
        Gazetteer and codebook forms (:func:`analysis.text.gazetteer.alias_lookup`).
    known, lower : frozenset of str
        Words seen capitalised mid-sentence and words seen in lower case in the event's body
        text (:func:`analysis.extract.actors.tokens.known_words`).
    """

    def __init__(
        self, gazetteer: AliasLookup, known: frozenset[str], lower: frozenset[str]
    ) -> None:
        self.gaz = gazetteer
        self.known = known
        self.lower = lower

    def _keep_initial(self, tok: Token, *, in_run: bool = False) -> bool:
        """Whether a sentence-initial capitalised token is a name rather than a capitalised word.

        Kept: words capitalised elsewhere, gazetteer forms, titles, demonyms. Dropped: stop words,
        calendar words, common sentence openers, -ly/-ing/-ed words and words written in lower
        case elsewhere. Otherwise a word followed by another capitalised word ("Lindsay Lohan")
        is kept, and a word on its own only if it is rare in English (wordfreq Zipf < 3).
        """
        if tok.text in self.known or tok.text in self.gaz.aliases or tok.text in self.gaz.demonyms:
            return True
        if _is_title(tok) or tok.lower in ROLE_MODIFIERS:
            return True
        if tok.lower in STOP_WORDS or tok.lower in NEVER_NAMES or tok.lower in OPENERS:
            return False
        if tok.lower in self.lower:
            return False
        if in_run:
            return True
        if re.search(r"(?:ly|ing|ed)$", tok.lower) and len(tok.text) > 4:
            return False
        return zipf_frequency(tok.lower, "en") < 3.0

    def _role_before(self, text: str, tokens: list[Token], k: int, initial: set[int]) -> str | None:
        """Role ending right before token *k* (a title and its modifiers), or None."""
        j = k - 1
        if j < 0 or not _is_title(tokens[j]) or tokens[j].possessive:
            return None
        first = j
        i = j - 1
        while i >= 0:
            tok = tokens[i]
            if tokens[i + 1].start - tok.end > 1 and not tok.possessive:
                break
            if not tok.is_word:
                break
            if tok.possessive:
                if tok.is_cap and (i not in initial or self._keep_initial(tok)):
                    first = i
                break
            if tok.lower in STOP_WORDS and tok.lower not in {"former"}:
                break
            if tok.lower in NEVER_NAMES:
                break
            ok = (
                _is_title(tok)
                or tok.lower in ROLE_MODIFIERS
                or (tok.is_cap and (i not in initial or self._keep_initial(tok)))
            )
            if not ok:
                break
            first = i
            i -= 1
        return text[tokens[first].start : tokens[j].end]

    def candidates(self, row: int, text: str, heading_like: bool) -> list[Candidate]:
        """Candidate mentions of one sentence.

        Parameters
        ----------
        row : int
            Position of the sentence in the input frame (kept in each candidate).
        text : str
            The sentence.
        heading_like : bool
            Whether it is a heading or title-case sentence: then only gazetteer forms are found.

        Returns
        -------
        list of Candidate
            Gazetteer matches first, then names found by the rules; they may overlap.
        """
        out = self._gazetteer_matches(row, text)
        if heading_like:
            return out
        return out + self._names(row, text)

    def _gazetteer_matches(self, row: int, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        letters = [c for c in text if c.isalpha()]
        all_caps = len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8
        if self.gaz.pattern is not None and not all_caps:
            for match in self.gaz.pattern.finditer(text):
                entry = self.gaz.aliases[match.group()]
                out.append(
                    Candidate(
                        row,
                        match.start(),
                        match.end(),
                        entry.type,
                        "",
                        "gazetteer",
                        entry.canonical,
                    )
                )
        return out

    def _names(self, row: int, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        tokens = split_tokens(text)
        initial = initial_positions(tokens)
        label_stop = label_end(text)
        for i, j in _runs(tokens):
            if tokens[i].start < label_stop:
                continue
            # strip leading words that are not part of a name
            while i < j:
                tok = tokens[i]
                if (
                    tok.lower in STOP_WORDS
                    or tok.lower in NEVER_NAMES
                    or tok.lower in CONNECTORS
                    or (i in initial and not self._keep_initial(tok, in_run=j - i > 1))
                ):
                    i += 1
                else:
                    break
            if i >= j:
                continue
            # split at the last title: the role comes before, the name after
            last_title = max((t for t in range(i, j) if _is_title(tokens[t])), default=-1)
            role = ""
            if last_title >= 0:
                if last_title == j - 1 or tokens[last_title].possessive:
                    continue  # a title with no name: "the Prime Minister"
                name_start = last_title + 1
                role = self._role_before(text, tokens, name_start, initial) or ""
            else:
                name_start = i
                while name_start < j - 1 and (
                    tokens[name_start].text in self.gaz.demonyms
                    or tokens[name_start].lower in ROLE_MODIFIERS
                    or tokens[name_start].lower in PARTY_WORDS
                ):
                    name_start += 1
                role_guess = self._role_before(text, tokens, name_start, initial)
                if role_guess:
                    role = role_guess
            while name_start < j and tokens[name_start].lower in CONNECTORS:
                name_start += 1
            while j > name_start and (
                tokens[j - 1].lower in CONNECTORS or tokens[j - 1].lower in NEVER_NAMES
            ):
                j -= 1
            if name_start >= j:
                continue
            name_tokens = tokens[name_start:j]
            if all(t.lower in FUNCTION_WORDS for t in name_tokens):
                if name_start > i:  # "Doctor Who": a title, not a person
                    s0, e0 = tokens[i].start, name_tokens[-1].end
                    out.append(Candidate(row, s0, e0, "other", "", "name"))
                continue
            start, end = name_tokens[0].start, name_tokens[-1].end
            surface = text[start:end]
            if surface in self.gaz.aliases:
                continue  # the gazetteer candidate covers it
            if all(t.text in self.gaz.demonyms or t.lower in NEVER_NAMES for t in name_tokens):
                continue
            kind = self._type_of(name_tokens, bool(role))
            if kind == "person" and "of" in [t.lower for t in name_tokens[1:]]:
                # "Christopher Simpson of Fort Coffee": the person ends before "of"
                cut = [t.lower for t in name_tokens].index("of", 1)
                rest = name_tokens[cut + 1 :]
                name_tokens = name_tokens[:cut]
                if rest and text[rest[0].start : rest[-1].end] not in self.gaz.aliases:
                    rest_kind = self._type_of(rest, False)
                    if rest_kind not in {"", "single"}:
                        out.append(
                            Candidate(row, rest[0].start, rest[-1].end, rest_kind, "", "name")
                        )
                start, end = name_tokens[0].start, name_tokens[-1].end
                if len(name_tokens) == 1 and not role:
                    kind = "single"
            if kind == "":
                continue
            if kind == "person" and not role and _place_context(text, start, end):
                kind = "place"
            if not role and kind == "person":
                apposition = _APPOSITION.match(text[end:])
                if apposition:
                    role = apposition.group("role")
            out.append(Candidate(row, start, end, kind, role if kind == "person" else "", "name"))
        return out

    def _type_of(self, name: list[Token], has_role: bool) -> str:
        lowers = [t.lower for t in name]
        if has_role:
            return "person"
        if len(name) > 1 and lowers[-1] in _NUMBER_WORDS:
            return "other"  # vehicles and series: "Air Force One", "Formula One"
        if any(w in ORG_KEYWORDS for w in lowers[1:]) or (
            len(lowers) > 1 and lowers[0] in ORG_KEYWORDS and "of" in lowers
        ):
            return "organisation"
        if len(name) > 1 and lowers[-1] in PLACE_KEYWORDS:
            return "place"
        if any(w in OTHER_KEYWORDS for w in lowers) or any(
            re.fullmatch(r"[IVX]+", t.text) for t in name[1:]
        ):
            return "other"
        if len(name) == 1:
            tok = name[0]
            letters = [c for c in tok.text if c.isalpha()]
            if len(letters) >= 2 and all(c.isupper() for c in letters):
                return "organisation"
            return "single"  # decided later: a surname of a known person, or dropped
        if len(name) > 4:
            return "other"
        if all(t.lower in self.lower or t.lower in CONNECTORS for t in name):
            return "other"  # ordinary words in title case ("Stock Picks")
        if len(name) > 1 and _common_first_word(name[0]):
            return "other"  # "Red Bull": no person's name
        if all(t.text[:1].isupper() or t.lower in CONNECTORS for t in name):
            return "person"
        return "other"
