"""Speakers of quotations: the source of the reporting cue outside each quotation.

The cue-source-content model of reported speech (Pareti 2016) and the constructions read are in
``docs/methods.md``, section 4.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis.resources import read_text

__all__ = ["UNKNOWN", "Attributor", "Speaker", "first_name_genders"]

UNKNOWN = "unknown"

_SPEAKER_TYPES = frozenset({"person", "organisation"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PRONOUNS = {"he": "m", "she": "f", "they": "plural", "it": "plural"}
_PRONOUN = re.compile(r"\b(?:he|she|they|it|He|She|They|It)\b")


def _split(words: str) -> list[str]:
    return words.split()


# Roles that tell a person's gender when the first name does not.
_ROLE_GENDER = {
    **dict.fromkeys(
        _split(
            "mr mr. sir lord king prince spokesman chairman congressman councilman father son "
            "brother husband actor"
        ),
        "m",
    ),
    **dict.fromkeys(
        _split(
            "mrs mrs. ms ms. lady dame queen princess spokeswoman chairwoman congresswoman mother "
            "daughter sister wife actress"
        ),
        "f",
    ),
}
# Forms of reporting verbs that are more often nouns ("the states", "a counter"): cues only
# right after their source ("Kyiv counters").
_NOUN_FORMS = frozenset(
    _split(
        "states counter counters claims comments answers reports report claim comment answer "
        "estimates notes warns"
    )
)
_LINK = (
    r"(?:also|has|have|had|later|then|again|once|previously|just|further|recently|publicly|"
    r"repeatedly|reportedly|now|would|will|could|did|does|is|was|were|are|[a-z]+ly)"
)
# Between a source and its verb: an "of Place" part of the name and auxiliaries or adverbs.
_PLAIN = re.compile(
    r"(?:['’]s?)?(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"
    rf"\s*(?:{_LINK}\s+){{0,3}}"
)
# An apposition or relative clause: "X, a spokesman for Y, said", "X, who ..., said".
_APPOSITION = re.compile(
    rf"(?:['’]s?)?\s*,\s+(?!(?:about|as|after|before|when|while|if|because|but|and|so)\b)"
    rf"(?:[^\"“”;!?\s]+\s+){{1,16}}?(?:,\s*)?(?:{_LINK}\s+){{0,2}}"
)
_ROLE_NP = re.compile(
    r"(?P<det>the|a|an|The|A|An)\s+(?:[\w'’-]+\s+){0,4}?(?P<noun>[a-z][\w-]*)"
    r"(?=\s*(?:,|\s+who\b|\s+[a-z]+ly\b|$))"
)


@cache
def _role_near(noun: str) -> re.Pattern[str]:
    """Match an apposition after a name that gives its role (", a doctor at ...")."""
    return re.compile(rf"(?:['’]s?)?\s*,\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){{0,4}}?{noun}\b")


@dataclass(frozen=True)
class Speaker:
    """The source of one reporting cue.

    Parameters
    ----------
    name : str
        Canonical actor name, or :data:`UNKNOWN`.
    mention : str
        The source as written ("Starmer", "he", "the doctor"), "" when there is none.
    sentence : int
        Sentence number of the source, -1 when unknown.
    verb, lemma : str
        The reporting verb as written (with a preceding -ly adverb) and its lemma, "" if none.
    """

    name: str
    mention: str
    sentence: int
    verb: str
    lemma: str

    @property
    def named(self) -> bool:
        """Whether the source is a known actor."""
        return self.name != UNKNOWN


@cache
def first_name_genders() -> dict[str, str]:
    """Read the shipped first-name list ``analysis/data/first_names.tsv``.

    Returns
    -------
    dict of str to str
        Lower-case first name -> ``"f"`` or ``"m"`` (names given to at least 95% one sex in US
        Social Security card applications, 1880-2015; the file header names the source).
    """
    text = read_text("first_names.tsv", fix="reinstall storydiff-news")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {pair[0]: pair[1] for pair in pairs}


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in word if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: str
    kind: str
    role: str


def _find_verbs(
    text: str, lo: int, hi: int, forms: dict[str, str]
) -> list[tuple[int, int, str, str]]:
    """Find reporting verbs in text[lo:hi]: (start, end, as written with an -ly adverb, lemma)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, lo, hi)]
    out = []
    for k, (s, e, w) in enumerate(words):
        lower = w.lower()
        lemma = forms.get(lower)
        if lemma is None and lower == "according" and text[e : e + 3] == " to":
            out.append((s, e + 3, "according to", "according to"))
            continue
        if lemma is None or (w[0].isupper() and k > 0):
            continue
        start = s
        if k > 0 and words[k - 1][2].lower().endswith("ly") and words[k - 1][1] >= s - 1:
            prev = words[k - 1]
            if prev[2][0].islower():
                start = prev[0]
        out.append((start, e, text[start:e], lemma))
    return out


class Attributor:
    """Finds the sources of reporting cues in one article's sentences.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The article's sentences in reading order (``sentence``, ``text``; ``block`` optional).
    mentions : pandas.DataFrame
        Actor mentions (MENTION_COLUMNS) of these sentences; only people and organisations speak.
    forms : dict of str to str
        Reporting-verb form -> lemma (:func:`analysis.extract.quotes.reporting_verb_forms`).
    """

    def __init__(
        self, sentences: pd.DataFrame, mentions: pd.DataFrame, forms: dict[str, str]
    ) -> None:
        self.texts = sentences["text"].astype(str).tolist()
        self.numbers = [int(s) for s in sentences["sentence"]]
        self.forms = forms
        row_of = {n: i for i, n in enumerate(self.numbers)}
        self._row_of = row_of
        self.mentions: list[list[_Mention]] = [[] for _ in self.texts]
        roles = mentions["role"] if "role" in mentions.columns else [""] * len(mentions)
        for sentence, start, end, actor, kind, role in zip(
            mentions.get("sentence", []),
            mentions.get("start", []),
            mentions.get("end", []),
            mentions.get("actor", []),
            mentions.get("type", []),
            roles,
            strict=True,
        ):
            row = row_of.get(int(sentence))
            if row is not None and kind in _SPEAKER_TYPES:
                mention = _Mention(int(start), int(end), str(actor), str(kind), str(role or ""))
                self.mentions[row].append(mention)
        self.inside: list[list[tuple[int, int]]] = [[] for _ in self.texts]
        self._sources: dict[int, list[tuple[int, Speaker]]] = {}
        self._gender: dict[str, str] = {}
        for row_mentions in self.mentions:
            for m in row_mentions:
                self._gender.setdefault(m.actor, self._gender_of(m))

    # ------------------------------------------------------------------ helpers

    def mark_inside(self, row: int, lo: int, hi: int) -> None:
        """Mark text[lo:hi] of sentence *row* as quoted: no source or cue is read there."""
        self.inside[row].append((lo, hi))

    def _outside(self, row: int, s: int, e: int) -> bool:
        return all(e <= lo or s >= hi for lo, hi in self.inside[row])

    def _gender_of(self, m: _Mention) -> str:
        if m.kind != "person":
            return "plural"
        words = m.actor.split()
        if len(words) > 1:
            gender = first_name_genders().get(_fold(words[0].rstrip(".")))
            if gender:
                return gender
        for word in m.role.lower().split():
            if word in _ROLE_GENDER:
                return _ROLE_GENDER[word]
        return ""

    def _agrees(self, actor: str, pronoun: str) -> bool:
        want = _PRONOUNS[pronoun.lower()]
        have = self._gender.get(actor, "")
        if want == "plural":
            return have == "plural"
        return have in {"", want}

    def _speaker(self, row: int, m: _Mention, verb: tuple[int, int, str, str]) -> Speaker:
        return Speaker(m.actor, self.texts[row][m.start : m.end], self.numbers[row], *verb[2:])

    # ------------------------------------------------------------------ resolution

    def _resolve_pronoun(self, row: int, pos: int, pronoun: str) -> tuple[str, int]:
        """Antecedent of a pronoun at (row, pos): cue sources first, then subjects, nearest first.

        Same sentence before the pronoun, then up to eight sentences back; gender and number
        must agree (first-name list, gendered roles; "they"/"it" take organisations).
        """
        before = [
            m for m in self.mentions[row] if m.end <= pos and self._outside(row, m.start, m.end)
        ]
        for m in before:
            if self._agrees(m.actor, pronoun):
                return m.actor, row
        for r in range(row - 1, max(row - 9, -1), -1):
            for _, source in self.sources(r):
                if not source.named:  # "a local official told AFP ... he added"
                    return UNKNOWN, -1
                if self._agrees(source.name, pronoun):
                    return source.name, self._row_of[source.sentence]
            for m in self.mentions[r]:
                if self._outside(r, m.start, m.end) and self._agrees(m.actor, pronoun):
                    return m.actor, r
        return UNKNOWN, -1

    def _resolve_role(self, row: int, pos: int, noun: str) -> tuple[str, int]:
        """Antecedent of "the doctor": the nearest person given that role or apposition."""
        for r in range(row, max(row - 9, -1), -1):
            text = self.texts[r]
            for m in self.mentions[r]:
                if m.kind != "person" or (r == row and m.start >= pos):
                    continue
                if noun in m.role.lower().split() or _role_near(noun).match(text[m.end :]):
                    return m.actor, r
        return UNKNOWN, -1

    # ------------------------------------------------------------------ cues

    def _verbs(self, row: int, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        found = _find_verbs(self.texts[row], lo, hi, self.forms)
        return [v for v in found if self._outside(row, v[0], v[1])]

    def _after_verb(self, row: int, verb: tuple[int, int, str, str], hi: int) -> Speaker | None:
        """Source written after the verb: '"...," said X', 'according to X', 'added the doctor'."""
        text = self.texts[row]
        stop = re.search(r"[,;:!?\"“”]|\.(?=\s*$)|\bthat\b", text[verb[1] : hi])
        end = verb[1] + stop.start() if stop else hi
        window = [
            m
            for m in self.mentions[row]
            if verb[1] <= m.start and m.end <= end and self._outside(row, m.start, m.end)
        ]
        if window:
            people = [m for m in window if m.kind == "person"]
            return self._speaker(row, (people or window)[0], verb)
        rest = text[verb[1] : end]
        pron = re.match(r"\s+(he|she|they|it)\b", rest)
        if pron:
            actor, _ = self._resolve_pronoun(row, verb[0], pron.group(1))
            return self._sourced(actor, pron.group(1), row, verb)
        role = _ROLE_NP.match(rest.strip()) if rest.strip() else None
        if role:
            return self._role_source(row, verb, role)
        return None

    def _sourced(self, actor: str, written: str, row: int, verb: tuple) -> Speaker:
        """Make the resolved source of a pronoun or role written in sentence *row*."""
        if actor == UNKNOWN:
            return Speaker(UNKNOWN, written, -1, verb[2], verb[3])
        return Speaker(actor, written, self.numbers[row], verb[2], verb[3])

    def _role_source(self, row: int, verb: tuple, role: re.Match[str]) -> Speaker:
        if role.group("det").lower() != "the":
            return Speaker(UNKNOWN, role.group(), -1, verb[2], verb[3])  # "a resident told AP"
        actor, _ = self._resolve_role(row, verb[0], role.group("noun").lower())
        return self._sourced(actor, role.group(), row, verb)

    def _before_verb(self, row: int, verb: tuple[int, int, str, str], lo: int) -> Speaker | None:
        """Source written before the verb: "X said", "X, the ..., said", "he said"."""
        text = self.texts[row]
        participle = verb[3] != "according to" and text[verb[0] : verb[1]].endswith("ing")
        cands = [
            m
            for m in self.mentions[row]
            if lo <= m.start and m.end <= verb[0] and self._outside(row, m.start, m.end)
        ]
        for m in cands:  # leftmost first: the head of "X, a spokesman for Y, said"
            between = text[m.end : verb[0]]
            if '"' in between or "“" in between or "”" in between:
                continue
            plain = _PLAIN.fullmatch(between)
            if plain or _APPOSITION.fullmatch(between) or participle:
                if not plain and text[verb[0] : verb[1]].lower() in _NOUN_FORMS:
                    continue
                return self._speaker(row, m, verb)
        head = text[lo : verb[0]]
        for pron in reversed(list(_PRONOUN.finditer(head))):
            between = head[pron.end() :]
            if _PLAIN.fullmatch(between) or (participle and not re.search(r"[\"“”]", between)):
                s = lo + pron.start()
                if self._outside(row, s, s + len(pron.group())):
                    actor, _ = self._resolve_pronoun(row, s, pron.group())
                    return self._sourced(actor, pron.group(), row, verb)
        for role in _ROLE_NP.finditer(head):
            if _PLAIN.fullmatch(head[role.end() :]) and self._outside(
                row, lo + role.start(), verb[0]
            ):
                return self._role_source(row, verb, role)
        return None

    def cue(self, row: int, lo: int, hi: int, *, after_quote: bool) -> Speaker | None:
        """Speaker and verb of the reporting cue in text[lo:hi] of sentence *row*.

        Parameters
        ----------
        row : int
            Position of the sentence in the article.
        lo, hi : int
            The region, outside quotations.
        after_quote : bool
            True for the region after a quotation (the verb nearest its start is read first),
            False for the region before one (the verb nearest its end first).

        Returns
        -------
        Speaker or None
            None when the region holds no reporting verb; a Speaker with name
            :data:`UNKNOWN` when a verb has no named source ("a resident said").
        """
        text = self.texts[row]
        verbs = self._verbs(row, lo, hi)
        if not after_quote:
            verbs = verbs[::-1]
        # finite verbs first, then participles ("..., saying")
        verbs.sort(key=lambda v: text[v[0] : v[1]].endswith("ing") and v[3] != "according to")
        for verb in verbs:
            inverted = verb[3] == "according to" or (
                verb[3] != "tell" and re.fullmatch(r"[\s,\"“”'’]*", text[lo : verb[0]]) is not None
            )
            speaker = (
                self._after_verb(row, verb, hi)
                if inverted
                else self._before_verb(row, verb, lo) or None
            )
            if speaker is None and not inverted and re.search(r",\s*$", text[lo : verb[0]]):
                speaker = self._after_verb(row, verb, hi)
            if speaker is not None:
                return speaker
        if verbs:
            return Speaker(UNKNOWN, "", -1, verbs[0][2], verbs[0][3])
        return None

    def sources(self, row: int) -> list[tuple[int, Speaker]]:
        """Find the sources of the reporting cues of sentence *row* outside quotations, cached.

        Parameters
        ----------
        row : int
            Position of the sentence in the article.

        Returns
        -------
        list of (int, Speaker)
            Offset of each cue's verb and its source, in reading order.
        """
        if row not in self._sources:
            self._sources[row] = []  # no cycles through pronouns
            out = []
            text = self.texts[row]
            for verb in self._verbs(row, 0, len(text)):
                speaker = (
                    self._after_verb(row, verb, len(text)) if verb[3] == "according to" else None
                )
                speaker = speaker or self._before_verb(row, verb, 0)
                if speaker is None and re.search(r",\s*$", text[: verb[0]]):
                    speaker = self._after_verb(row, verb, len(text))
                if speaker is not None:
                    out.append((verb[0], speaker))
            self._sources[row] = out
        return self._sources[row]
