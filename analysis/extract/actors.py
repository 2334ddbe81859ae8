"""Actors: people, organisations and places mentioned, with aliases merged across articles.

The default path (``method="rules"``) needs no model: it reads capitalised word sequences, the
titles and roles that introduce people ("Estonia's Defense Minister Hanno Pevkur", "Former U.S.
Army Europe commander Ben Hodges", appositions such as "Ben Hodges, a former commander, said"),
and a gazetteer of countries, places and organisations shipped in ``analysis/data/gazetteer.toml``.
It is a rule-based named-entity recogniser in the tradition of gazetteer-plus-capitalisation
systems (Mikheev, Moens & Grover 1999, "Named entity recognition without gazetteers", EACL);
``benchmarks/bench_actors.py`` measures it on ECB+ (Cybulska & Vossen 2014).

Not names: sentence-initial capitalised common words ("Attendees included ...") unless the word
is capitalised elsewhere in the input or in the gazetteer, and the title case of headlines and
headings (such sentences only receive gazetteer matches and names already found in body text).

Alias merging, per event (the whole input, or per value of an ``event`` column when present):
gazetteer aliases map to one canonical name (Britain = UK = U.K. = United Kingdom); a surname or
shorter form links to the one full person name in the event that ends with it (Zelenskyy =
Volodymyr Zelenskyy); an organisation introduced as "Long Name (ACR)" links the acronym. A user
codebook (:func:`load_codebook`, :func:`make_codebook`) overrides all automatic merging.

``extract_mentions`` returns one row per mention (MENTION_COLUMNS):

- ``article`` (str), ``sentence`` (int): the sentence the mention is in.
- ``start``, ``end`` (int): character offsets within that sentence's text; a possessive ``'s`` and
  a leading "the" are not part of the mention.
- ``mention`` (str): the text as written, ``text[start:end]``.
- ``actor`` (str): canonical name after alias merging.
- ``type`` (str): ``person``, ``organisation``, ``place`` or ``other`` (named events, laws, wars).
- ``role`` (str): the title or role the mention is introduced with ("Ukrainian President"), ""
  if none.

``actor_table`` returns ACTOR_COLUMNS, one row per actor and article (``actors.csv``):
``article``, ``actor``, ``type``, ``n_mentions`` (int >= 1), ``role`` (first non-empty role in
reading order, "" if none), ``first_sentence`` (int).
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from wordfreq import zipf_frequency

from analysis.errors import AnalysisError, ConfigError
from analysis.text.normalize import STOP_WORDS

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "CODEBOOK_COLUMNS",
    "MENTION_COLUMNS",
    "TITLE_WORDS",
    "actor_table",
    "extract_mentions",
    "load_codebook",
    "load_gazetteer",
    "make_codebook",
]

logger = logging.getLogger(__name__)

MENTION_COLUMNS = ["article", "sentence", "start", "end", "mention", "actor", "type", "role"]
ACTOR_COLUMNS = ["article", "actor", "type", "n_mentions", "role", "first_sentence"]
CODEBOOK_COLUMNS = ["alias", "actor", "type"]
ACTOR_TYPES = ("person", "organisation", "place", "other")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that introduce a person (matched case-insensitively); a name right after one is a person.
TITLE_WORDS: frozenset[str] = _words(
    """
    president president-elect vice-president premier minister secretary secretary-general
    chancellor commander general gen. admiral adm. colonel col. lieutenant lt. captain capt.
    major maj. sergeant sgt. officer chief director ambassador envoy spokesman spokeswoman
    spokesperson senator sen. representative rep. congressman congresswoman lawmaker legislator
    mp governor gov. mayor judge justice king queen prince princess pope cardinal archbishop
    bishop rev. reverend dr. doctor mr. mrs. ms. prof. professor chairman chairwoman chairperson
    ceo founder co-founder leader speaker diplomat analyst expert coach actor actress singer
    rapper star sheriff detective lawyer attorney prosecutor inspector superintendent lord lady
    sir dame sheikh ayatollah emir manager economist author writer journalist reporter
    correspondent editor researcher scientist investigator commissioner councillor councilman
    official adviser advisor aide counsel player striker quarterback goalkeeper activist
    candidate nominee filmmaker producer comedian host anchor boss owner tycoon billionaire
    magnate
    """
)
# Lower-case words that may start or sit inside a role ("former U.S. Army Europe commander").
_ROLE_MODIFIERS = _words(
    """
    former then acting deputy vice interim retired late outgoing incoming top senior assistant
    associate executive new ex-
    """
)
_ORG_KEYWORDS = _words(
    """
    agency alliance army assembly association authority bank board brigade bureau cabinet center
    centre church club coalition college command commission committee company conference
    congress corp corp. corporation council court department directorate division federation
    force forces foundation front fund government group guard guards inc inc. institute league
    ltd ltd. media ministry movement navy network news office organization organisation
    parliament party police press regiment school service services society times union
    university journal herald tribune airlines airways motors studios records hospital team
    """
)
_PLACE_KEYWORDS = _words(
    """
    city county province street avenue road river lake mountain mountains island islands valley
    bay sea ocean park square airport bridge beach hills region district village town peninsula
    coast gulf strait stadium arena
    """
)
_OTHER_KEYWORDS = _words(
    """
    war act treaty agreement accord accords olympics games awards award prize cup festival day
    week summit
    """
)
# Capitalised words that are never names on their own (calendar words and the like).
_NEVER_NAMES = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan. feb. mar. apr. aug. sep. sept.
    oct. nov. dec. i god internet
    """
)
# Capitalised sentence openers that are not stop words.
_OPENERS = _words(
    """
    despite during following according amid instead meanwhile however although though while
    yesterday today tomorrow earlier later now still yet also many several most both each every
    such no not some other others another this that these those why what how who where when
    which whether if unless until because since after before
    """
)
_CONNECTORS = _words(
    """
    of de da del della van von der den du la le al bin ibn y for
    """
)
_FUNCTION_WORDS = _words(
    """
    i he she we they it you me him her them who what which there here this that
    """
)

_SINGLE_DOT = (
    r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Sen|Rep|Gov|Prof|Rev|St|Jr|Sr|Capt|Maj|Adm|Cmdr|Det|Supt|"
    r"Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec)\."
)
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.K.
    rf"|{_SINGLE_DOT}"
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: George W. Bush
    r"|[^\W_](?:\w|[-'’&](?=\w))*"  # words, possibly hyphenated or with apostrophes
    r"|\S"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_QUOTE_CHARS = frozenset("\"“”‘'«»„")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int  # end of the word without a possessive suffix
    possessive: bool

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class _Entry:
    canonical: str
    type: str


@dataclass(frozen=True)
class _Gazetteer:
    aliases: Mapping[str, _Entry]  # surface form -> entry
    demonyms: frozenset[str]
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class _Candidate:
    row: int  # position of the sentence in the input frame
    start: int
    end: int
    type: str
    role: str
    source: str  # codebook, gazetteer, name, known
    canonical: str = ""


def _tokens(text: str) -> list[_Token]:
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        end = match.end()
        possessive = False
        if len(word) > 2 and word[0].isupper() and _POSSESSIVE.search(word) and word != "'" + "s":
            stripped = _POSSESSIVE.sub("", word)
            if stripped and stripped != word:
                end = match.start() + len(stripped)
                word, possessive = stripped, True
        out.append(_Token(word, match.start(), end, possessive))
    return out


def _fold(text: str) -> str:
    """Comparison key of a name: no accents, straight apostrophes, lower case, no leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text[4:] if text.startswith("the ") else text


# --------------------------------------------------------------------------- gazetteer / codebook


def _alias_pattern(aliases: Iterable[str]) -> re.Pattern[str] | None:
    forms = sorted(set(aliases), key=lambda s: (-len(s), s))
    if not forms:
        return None
    body = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


@lru_cache(maxsize=1)
def load_gazetteer() -> pd.DataFrame:
    """The shipped gazetteer: ``alias, actor, type, demonym`` (demonym rows have type "").

    Read from the package data file ``analysis/data/gazetteer.toml`` (sources in its header).
    """
    text = resources.files("analysis").joinpath("data/gazetteer.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    rows = []
    for section, kind in (
        ("countries", "place"),
        ("places", "place"),
        ("organisations", "organisation"),
    ):
        for entry in data.get(section, []):
            name = entry["name"]
            for alias in [name, *entry.get("aliases", [])]:
                rows.append({"alias": alias, "actor": name, "type": kind, "demonym": False})
            for demonym in entry.get("demonyms", []):
                rows.append({"alias": demonym, "actor": name, "type": "", "demonym": True})
    return pd.DataFrame(rows, columns=["alias", "actor", "type", "demonym"])


def _build_gazetteer(codebook: pd.DataFrame | None) -> _Gazetteer:
    table = load_gazetteer()
    aliases: dict[str, _Entry] = {}
    names = table[~table["demonym"]]
    for alias, actor, kind in zip(names["alias"], names["actor"], names["type"], strict=True):
        aliases.setdefault(alias, _Entry(actor, kind))
    demonyms = frozenset(table.loc[table["demonym"], "alias"])
    if codebook is not None:
        for alias, actor, kind in zip(
            codebook["alias"], codebook["actor"], codebook["type"], strict=True
        ):
            aliases[alias] = _Entry(actor, kind)
    return _Gazetteer(aliases, demonyms, _alias_pattern(aliases))


def make_codebook(entries: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Codebook table (CODEBOOK_COLUMNS: alias, actor, type) from records.

    Each record has ``name`` (canonical), ``type`` (one of ACTOR_TYPES, default ``person``) and
    optional ``aliases`` (list of written forms). The canonical name is also an alias.
    """
    rows = []
    for i, entry in enumerate(entries):
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"codebook entry {i} has no name; give each actor a 'name' string")
        kind = entry.get("type", "person")
        if kind == "organization":
            kind = "organisation"
        if kind not in ACTOR_TYPES:
            raise ConfigError(
                f"codebook entry {name!r} has type {kind!r}; use one of {', '.join(ACTOR_TYPES)}"
            )
        aliases = entry.get("aliases", [])
        if isinstance(aliases, str) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"codebook entry {name!r}: 'aliases' must be a list of strings")
        for alias in dict.fromkeys([name, *aliases]):
            rows.append({"alias": alias.strip(), "actor": name.strip(), "type": kind})
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)


def load_codebook(path: str | Path) -> pd.DataFrame:
    """Read a user actor codebook (TOML or YAML) into a codebook table (see :func:`make_codebook`).

    TOML: ``[[actor]]`` tables with ``name``, ``type``, ``aliases``. YAML: a list of such mappings,
    or a mapping with an ``actors`` (or ``actor``) list.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read codebook {path}: {exc.strerror}; check the path") from None
    data: Any
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"codebook {path} is not valid TOML: {exc}") from None
    elif path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            msg = str(exc).splitlines()[0]
            raise ConfigError(f"codebook {path} is not valid YAML: {msg}") from None
    else:
        raise ConfigError(f"codebook {path} has suffix {path.suffix!r}; use .toml, .yaml or .yml")
    if isinstance(data, Mapping):
        data = data.get("actor", data.get("actors"))
    if not isinstance(data, list):
        raise ConfigError(f"codebook {path} holds no actor list; add [[actor]] entries")
    return make_codebook(data)


# --------------------------------------------------------------------------- sentence shape


def _is_heading_like(text: str, block_type: str) -> bool:
    if block_type in {"headline", "heading"}:
        return True
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 3:
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    content = [w for w in words if len(w) >= 3 and w.lower() not in STOP_WORDS]
    return len(content) >= 3 and all(w[0].isupper() for w in content)


def _label_end(text: str) -> int:
    """End of a title-case label before a colon ("Military Force Size: ..."), 0 if none."""
    colon = text.find(":")
    if colon <= 0:
        return 0
    words = re.findall(r"[^\W\d_][\w'’.-]*", text[:colon])
    if not words or len(words) > 8:
        return 0
    content = [w for w in words if w.lower() not in STOP_WORDS]
    if content and all(w[0].isupper() for w in content) and len(content) >= 1:
        return colon
    return 0


def _initial_positions(tokens: list[_Token]) -> set[int]:
    """Indices of sentence-initial words: the first word, and the first after a colon or after
    an opening quotation mark that starts a clause ('He said: "We ...', '"We ...')."""
    out: set[int] = set()
    expect = True
    for i, tok in enumerate(tokens):
        if tok.is_word or tok.text[:1].isdigit():
            if expect:
                out.add(i)
            expect = False
        elif tok.text in {":", "•", "(", "—"} or (
            tok.text in _QUOTE_CHARS and (i == 0 or tokens[i - 1].text in {":", ",", "(", "—"})
        ):
            expect = True
    return out


def _known_words(sentences: pd.DataFrame, body: pd.Series) -> tuple[frozenset[str], frozenset[str]]:
    """Words written capitalised somewhere other than sentence-initially in body text, and
    words written in lower case anywhere in body text."""
    known: set[str] = set()
    lower: set[str] = set()
    for text, is_body, block_type in zip(
        sentences["text"], body, sentences["block_type"], strict=True
    ):
        if not is_body or _is_heading_like(text, block_type):
            continue
        tokens = _tokens(text)
        initial = _initial_positions(tokens)
        for i, tok in enumerate(tokens):
            if tok.is_word and tok.is_cap and i not in initial:
                known.add(tok.text)
            elif tok.is_word and tok.text.islower():
                lower.add(tok.text)
    return frozenset(known), frozenset(lower)


# --------------------------------------------------------------------------- rule candidates


def _is_title(tok: _Token) -> bool:
    return tok.lower in TITLE_WORDS


def _run_ok(tok: _Token) -> bool:
    """Token that can be part of a capitalised run."""
    if not tok.is_word or not tok.is_cap:
        return False
    return not any(ch.isdigit() for ch in tok.text)


def _runs(tokens: list[_Token]) -> list[tuple[int, int]]:
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
                tokens[j].lower in _CONNECTORS
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


class _SentenceRules:
    """Rule-based candidate mentions of one sentence."""

    def __init__(self, gazetteer: _Gazetteer, known: frozenset[str], lower: frozenset[str]) -> None:
        self.gaz = gazetteer
        self.known = known
        self.lower = lower

    def _keep_initial(self, tok: _Token, *, in_run: bool = False) -> bool:
        """Whether a sentence-initial capitalised token is a name rather than a capitalised word.

        Kept: words capitalised elsewhere, gazetteer forms, titles, demonyms. Dropped: stop words,
        calendar words, common sentence openers, -ly/-ing/-ed words and words written in lower
        case elsewhere. Otherwise a word followed by another capitalised word ("Lindsay Lohan")
        is kept, and a word on its own only if it is rare in English (wordfreq Zipf < 3).
        """
        if tok.text in self.known or tok.text in self.gaz.aliases or tok.text in self.gaz.demonyms:
            return True
        if _is_title(tok) or tok.lower in _ROLE_MODIFIERS:
            return True
        if tok.lower in STOP_WORDS or tok.lower in _NEVER_NAMES or tok.lower in _OPENERS:
            return False
        if tok.lower in self.lower:
            return False
        if in_run:
            return True
        if re.search(r"(?:ly|ing|ed)$", tok.lower) and len(tok.text) > 4:
            return False
        return zipf_frequency(tok.lower, "en") < 3.0

    def _role_before(self, tokens: list[_Token], k: int, initial: set[int]) -> str | None:
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
            if tok.lower in _NEVER_NAMES:
                break
            ok = (
                _is_title(tok)
                or tok.lower in _ROLE_MODIFIERS
                or (tok.is_cap and (i not in initial or self._keep_initial(tok)))
            )
            if not ok:
                break
            first = i
            i -= 1
        return self.text[tokens[first].start : tokens[j].end]

    def candidates(self, row: int, text: str, heading_like: bool) -> list[_Candidate]:
        self.text = text
        out: list[_Candidate] = []
        letters = [c for c in text if c.isalpha()]
        all_caps = len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8
        if self.gaz.pattern is not None and not all_caps:
            for match in self.gaz.pattern.finditer(text):
                entry = self.gaz.aliases[match.group()]
                out.append(
                    _Candidate(
                        row,
                        match.start(),
                        match.end(),
                        entry.type,
                        "",
                        "gazetteer",
                        entry.canonical,
                    )
                )
        if heading_like:
            return out
        tokens = _tokens(text)
        initial = _initial_positions(tokens)
        label_end = _label_end(text)
        for i, j in _runs(tokens):
            if tokens[i].start < label_end:
                continue
            # strip leading words that are not part of a name
            while i < j:
                tok = tokens[i]
                if (
                    tok.lower in STOP_WORDS
                    or tok.lower in _NEVER_NAMES
                    or tok.lower in _CONNECTORS
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
                role = self._role_before(tokens, name_start, initial) or ""
            else:
                name_start = i
                while name_start < j and (
                    tokens[name_start].text in self.gaz.demonyms
                    or tokens[name_start].lower in _ROLE_MODIFIERS
                ):
                    name_start += 1
                role_guess = self._role_before(tokens, name_start, initial)
                if role_guess:
                    role = role_guess
            while name_start < j and tokens[name_start].lower in _CONNECTORS:
                name_start += 1
            while j > name_start and (
                tokens[j - 1].lower in _CONNECTORS or tokens[j - 1].lower in _NEVER_NAMES
            ):
                j -= 1
            if name_start >= j:
                continue
            name_tokens = tokens[name_start:j]
            if all(t.lower in _FUNCTION_WORDS for t in name_tokens):
                if name_start > i:  # "Doctor Who": a title, not a person
                    s0, e0 = tokens[i].start, name_tokens[-1].end
                    out.append(_Candidate(row, s0, e0, "other", "", "name"))
                continue
            start, end = name_tokens[0].start, name_tokens[-1].end
            surface = text[start:end]
            if surface in self.gaz.aliases:
                continue  # the gazetteer candidate covers it
            if all(t.text in self.gaz.demonyms or t.lower in _NEVER_NAMES for t in name_tokens):
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
                            _Candidate(row, rest[0].start, rest[-1].end, rest_kind, "", "name")
                        )
                start, end = name_tokens[0].start, name_tokens[-1].end
                if len(name_tokens) == 1 and not role:
                    kind = "single"
            if kind == "":
                continue
            if not role and kind == "person":
                apposition = _APPOSITION.match(text[end:])
                if apposition:
                    role = apposition.group("role")
            out.append(_Candidate(row, start, end, kind, role if kind == "person" else "", "name"))
        return out

    def _type_of(self, name: list[_Token], has_role: bool) -> str:
        lowers = [t.lower for t in name]
        if has_role:
            return "person"
        if any(w in _ORG_KEYWORDS for w in lowers[1:]) or (
            len(lowers) > 1 and lowers[0] in _ORG_KEYWORDS and "of" in lowers
        ):
            return "organisation"
        if len(name) > 1 and lowers[-1] in _PLACE_KEYWORDS:
            return "place"
        if any(w in _OTHER_KEYWORDS for w in lowers) or any(
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
        if all(t.lower in self.lower or t.lower in _CONNECTORS for t in name):
            return "other"  # ordinary words in title case ("Stock Picks")
        if all(t.text[:1].isupper() or t.lower in _CONNECTORS for t in name):
            return "person"
        return "other"


# --------------------------------------------------------------------------- merging


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


def _merge(
    cands: list[_Candidate], sentences: pd.DataFrame, codebook: pd.DataFrame | None
) -> list[tuple[_Candidate, str, str]]:
    """Canonical actor and type for each candidate of one event."""
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


_REPORTED = re.compile(
    r"^\s+(?:\w+ly\s+)?(?:said|says|told|added|warned|argued|stated|insisted|noted|explained|"
    r"wrote|emphasized|emphasised|stressed|announced|confirmed|claimed|asked|replied|urged)\b"
)


def _resolve_overlaps(cands: list[_Candidate]) -> list[_Candidate]:
    priority = {"codebook": 0, "name": 1, "reported": 1, "gazetteer": 2, "known": 3}
    kept: list[_Candidate] = []
    by_row: dict[int, list[_Candidate]] = defaultdict(list)
    for cand in cands:
        by_row[cand.row].append(cand)
    for row in sorted(by_row):
        chosen: list[_Candidate] = []
        order = sorted(by_row[row], key=lambda c: (-(c.end - c.start), priority[c.source], c.start))
        for cand in order:
            if all(cand.end <= o.start or cand.start >= o.end for o in chosen):
                chosen.append(cand)
        kept.extend(sorted(chosen, key=lambda c: c.start))
    return kept


def _known_forms(
    resolved: list[tuple[_Candidate, str, str]], texts: list[str]
) -> dict[str, tuple[str, str]]:
    """Written forms of the people and organisations found by the rules -> (actor, type).

    A person's surname is a form of its own unless two people share it.
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


def _spacy_candidates(
    sentences: pd.DataFrame, rows: list[int], model: str
) -> list[_Candidate]:  # pragma: no cover - needs spaCy and a model
    try:
        import spacy
    except ImportError:
        raise AnalysisError(
            "method='spacy' needs spaCy: pip install 'storydiff-news[spacy]' and an English model "
            "(python -m spacy download en_core_web_sm), or use method='rules'"
        ) from None
    try:
        nlp = spacy.load(model)
    except OSError:
        raise AnalysisError(
            f"spaCy model {model!r} is not installed; install it (python -m spacy download {model})"
            " or use method='rules'"
        ) from None
    labels = {
        "PERSON": "person",
        "ORG": "organisation",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
        "EVENT": "other",
        "LAW": "other",
    }
    texts = sentences["text"].tolist()
    out = []
    for row, doc in zip(rows, nlp.pipe(texts[r] for r in rows), strict=True):
        for ent in doc.ents:
            kind = labels.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            span = texts[row][start:end]
            if span.lower().startswith("the "):
                start += 4
            if span.endswith(("'s", "’s")):
                end -= 2
            out.append(_Candidate(row, start, end, kind, "", "name"))
    return out


# --------------------------------------------------------------------------- public API


def extract_mentions(
    sentences: pd.DataFrame,
    *,
    codebook: pd.DataFrame | None = None,
    method: str = "rules",
    spacy_model: str = "en_core_web_sm",
) -> pd.DataFrame:
    """Mentions of people, organisations and places in *sentences* (MENTION_COLUMNS).

    *sentences* needs ``article``, ``sentence`` and ``text`` columns; ``block_type`` and
    ``is_body`` are used when present (Corpus.sentences has them), and an ``event`` column makes
    alias merging run per event. *codebook* (from :func:`load_codebook` or :func:`make_codebook`)
    adds aliases and overrides automatic merging. *method* is ``"rules"`` (default, no model) or
    ``"spacy"`` (needs spaCy and *spacy_model*; roles and merging are the same).
    """
    if method not in {"rules", "spacy"}:
        raise ConfigError(f"unknown actor method {method!r}; use 'rules' or 'spacy'")
    missing = {"article", "sentence", "text"} - set(sentences.columns)
    if missing:
        raise AnalysisError(
            f"sentences table lacks column(s) {sorted(missing)}; pass Corpus.sentences"
        )
    if codebook is not None and set(CODEBOOK_COLUMNS) - set(codebook.columns):
        raise ConfigError("codebook lacks alias/actor/type columns; build it with make_codebook")
    frame = sentences.reset_index(drop=True)
    if "block_type" not in frame.columns:
        frame = frame.assign(block_type="paragraph")
    frame = frame.assign(block_type=frame["block_type"].fillna("paragraph").astype(str))
    body = (
        frame["is_body"].astype(bool)
        if "is_body" in frame.columns
        else frame["block_type"].isin(["paragraph", "list_item"])
    )
    gazetteer = _build_gazetteer(codebook)
    groups = (
        [idx.tolist() for _, idx in frame.groupby("event", sort=False).groups.items()]
        if "event" in frame.columns
        else [list(range(len(frame)))]
    )
    rows_out: list[dict[str, Any]] = []
    texts = frame["text"].astype(str).tolist()
    articles = frame["article"].tolist()
    numbers = [int(n) for n in frame["sentence"]]
    block_types = frame["block_type"].tolist()
    for group in groups:
        sub = frame.iloc[group]
        known, lower = _known_words(sub, body.iloc[group])
        rules = _SentenceRules(gazetteer, known, lower)
        heading = {r: _is_heading_like(texts[r], block_types[r]) for r in group}
        cands: list[_Candidate] = []
        if method == "spacy":
            cands = _spacy_candidates(frame, group, spacy_model)
            for r in group:
                cands.extend(
                    c for c in rules.candidates(r, texts[r], True) if c.source == "gazetteer"
                )
        else:
            for r in group:
                cands.extend(rules.candidates(r, texts[r], heading[r]))
        # a lone capitalised word right before a reporting verb is a person ("Hodges said")
        cands = [
            _Candidate(c.row, c.start, c.end, c.type, c.role, "reported")
            if c.type == "single" and _REPORTED.match(texts[c.row][c.end :])
            else c
            for c in cands
        ]
        cands = _resolve_overlaps(cands)
        resolved = _merge(cands, frame, codebook)
        # second pass: names found in body text, in headings and at sentence starts
        known_forms = _known_forms(resolved, texts)
        pattern = _alias_pattern(known_forms)
        if pattern is not None:
            taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for cand, _, _ in resolved:
                taken[cand.row].append((cand.start, cand.end))
            for r in group:
                for match in pattern.finditer(texts[r]):
                    s, e = match.span()
                    if all(e <= a or s >= b for a, b in taken[r]):
                        actor, kind = known_forms[match.group()]
                        resolved.append((_Candidate(r, s, e, kind, "", "known"), actor, kind))
                        taken[r].append((s, e))
        for cand, actor, kind in resolved:
            rows_out.append(
                {
                    "article": articles[cand.row],
                    "sentence": numbers[cand.row],
                    "start": cand.start,
                    "end": cand.end,
                    "mention": texts[cand.row][cand.start : cand.end],
                    "actor": actor,
                    "type": kind,
                    "role": cand.role,
                    "_row": cand.row,
                }
            )
    out = pd.DataFrame(rows_out, columns=[*MENTION_COLUMNS, "_row"])
    out = out.sort_values(["_row", "start"], kind="stable").drop(columns="_row")
    out = out.astype({"sentence": "int64", "start": "int64", "end": "int64"})
    return out.reset_index(drop=True)


def actor_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor and article (ACTOR_COLUMNS): counts, first role and first sentence.

    Rows keep the articles' order of appearance in *mentions*; within an article, actors are
    sorted by number of mentions (descending), then first sentence.
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
