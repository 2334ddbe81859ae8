"""Tokens of a sentence and its shape: headings, labels, sentence-initial words, known words.

Headings and title-case sentences receive only gazetteer matches and names already known, since
their capitals say nothing about names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.text.normalize import STOP_WORDS

__all__ = [
    "Token",
    "initial_positions",
    "is_heading_like",
    "known_words",
    "label_end",
    "split_tokens",
]

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
class Token:
    """One token of a sentence: its text and character span, a possessive ``'s`` cut off.

    Parameters
    ----------
    text : str
        The token as written, without a possessive suffix.
    start, end : int
        Character offsets within the sentence; *end* is the end of the word without the suffix.
    possessive : bool
        True when a possessive ``'s`` (or ``'``) followed the word.
    """

    text: str
    start: int
    end: int  # end of the word without a possessive suffix
    possessive: bool

    @property
    def is_word(self) -> bool:
        """Whether the token starts with a letter."""
        return self.text[:1].isalpha()

    @property
    def is_cap(self) -> bool:
        """Whether the token starts with a capital letter."""
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        """The token in lower case."""
        return self.text.lower()


def split_tokens(text: str) -> list[Token]:
    """Split *text* into words, abbreviations ("U.S.", "Mr."), initials and punctuation marks.

    Parameters
    ----------
    text : str
        One sentence.

    Returns
    -------
    list of Token
        In reading order; a capitalised word's possessive ``'s`` is not part of its text or span.
    """
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
        out.append(Token(word, match.start(), end, possessive))
    return out


def is_heading_like(text: str, block_type: str) -> bool:
    """Tell whether a sentence is a headline or heading, or written in capitals or title case.

    Parameters
    ----------
    text : str
        The sentence.
    block_type : str
        Its block type (``headline`` and ``heading`` always count).

    Returns
    -------
    bool
        True for headings, sentences over 80% capital letters, and sentences of three or more
        words whose content words all start with a capital.
    """
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


def label_end(text: str) -> int:
    """Find the end of a title-case label before a colon ("Military Force Size: ...").

    Parameters
    ----------
    text : str
        The sentence.

    Returns
    -------
    int
        Offset of the colon that ends a label of at most eight title-case words, else 0.
    """
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


def initial_positions(tokens: list[Token]) -> set[int]:
    """Find the indices of the sentence-initial words among *tokens*.

    Parameters
    ----------
    tokens : list of Token
        One sentence's tokens (:func:`split_tokens`).

    Returns
    -------
    set of int
        The first word, and the first word after a colon, bullet, bracket or dash, or after an
        opening quotation mark that starts a clause ('He said: "We ...', '"We ...').
    """
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


def known_words(sentences: pd.DataFrame, body: pd.Series) -> tuple[frozenset[str], frozenset[str]]:
    """Collect the words seen capitalised mid-sentence, and those seen in lower case, in body text.

    Parameters
    ----------
    sentences : pandas.DataFrame
        Sentences with ``text`` and ``block_type`` columns.
    body : pandas.Series of bool
        Aligned with *sentences*: which sentences are body text (heading-like ones never count).

    Returns
    -------
    known : frozenset of str
        Words written capitalised somewhere other than sentence-initially.
    lower : frozenset of str
        Words written in lower case anywhere.
    """
    known: set[str] = set()
    lower: set[str] = set()
    for text, is_body, block_type in zip(
        sentences["text"], body, sentences["block_type"], strict=True
    ):
        if not is_body or is_heading_like(text, block_type):
            continue
        tokens = split_tokens(text)
        initial = initial_positions(tokens)
        for i, tok in enumerate(tokens):
            if tok.is_word and tok.is_cap and i not in initial:
                known.add(tok.text)
            elif tok.is_word and tok.text.islower():
                lower.add(tok.text)
    return frozenset(known), frozenset(lower)
