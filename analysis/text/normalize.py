"""Text utilities shared by every module: normalisation, tokens, stems and stop words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "STOP_WORDS",
    "content_tokens",
    "normalize",
    "stem",
    "tokenize",
    "word_count",
]

#: English stop words (scikit-learn's list, Glasgow IR group), lower case.
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_SPACE = re.compile(r"\s+")

# A token is a number (30,000 / 2.5 / 100,000+), an abbreviation with inner dots (U.S., U.K.),
# or a word possibly joined by hyphens or apostrophes (F-16, non-NATO, won't).
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*\+?"
    r"|(?:[^\W\d_]\.){2,}"
    r"|[^\W_]+(?:['-][^\W_]+)*",
)
_STEMMER = SnowballStemmer("english")


def normalize(text: str) -> str:
    """Return *text* in NFKC form with straight quotes, ASCII hyphens and folded white space.

    The result is meant for comparison, never for offsets: its length may differ from the input.
    """
    folded = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
    return _SPACE.sub(" ", folded).strip()


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens of *text*, after :func:`normalize`.

    Numbers keep their separators (``30,000``), abbreviations their dots (``u.s.``) and
    hyphenated words stay whole (``f-16``); em dashes separate words. Possessive ``'s`` is dropped.
    """
    tokens = []
    # An em dash or bar separates words even without spaces ("created—potentially").
    spaced = text.replace("\u2014", " ").replace("\u2015", " ")
    for match in _TOKEN.finditer(normalize(spaced).lower()):
        token = match.group()
        if token.endswith("'s"):
            token = token[:-2]
        tokens.append(token)
    return tokens


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Snowball (Porter 2) English stem of a lower-case token; dots are dropped (u.s. -> us)."""
    return _STEMMER.stem(token.replace(".", ""))


def content_tokens(text: str) -> list[str]:
    """Stems of the tokens of *text* that are not stop words, in order."""
    return [stem(tok) for tok in tokenize(text) if tok not in STOP_WORDS]


def word_count(text: str) -> int:
    """Number of word tokens in *text* (numbers count as words)."""
    return len(tokenize(text))
