"""Folder and file names made from input (event names, article ids) that stay inside their folder.

:func:`safe_name` maps a name to one path component; :class:`FolderNames` hands out such names
for a whole run and refuses two names that would share one folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from analysis.errors import CorpusError

__all__ = ["MAX_NAME_BYTES", "FolderNames", "safe_name"]

#: Longest name in UTF-8 bytes; longer ones are cut and end in a hash of the full name. File
#: systems allow 255 bytes per component; the rest leaves room for temporary names and suffixes.
MAX_NAME_BYTES = 150
_KEPT = frozenset("-_.")
# Device names that Windows refuses as a file or folder name, with any extension.
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)
_HASH_CHARS = 10
# Where the input names an event or an article, for the error messages.
_NAMED_BY = {
    "event": "a manifest's `event`, or the `event` column of a collection file",
    "article": "a manifest's `id`, the file name, or the `id` column of a collection file",
}


def _cut(name: str, original: str) -> str:
    """*name* cut to :data:`MAX_NAME_BYTES` with a hash of *original* at its end."""
    digest = hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    budget = MAX_NAME_BYTES - _HASH_CHARS - 1
    kept = name.encode("utf-8")[:budget].decode("utf-8", "ignore")
    return f"{kept}-{digest}"


def safe_name(name: str, *, what: str = "event") -> str:
    """Map *name* to a folder or file name that cannot leave its parent folder.

    Letters, digits, ``-``, ``_`` and ``.`` are kept (after Unicode NFC normalisation); every
    other character (path separators, white space, NUL and other control characters) becomes
    ``_``. Leading and trailing dots are removed (no ``..``, no hidden names), Windows device
    names (``con``, ``nul``, ``com1``, ...) get a trailing ``_``, and names longer than
    :data:`MAX_NAME_BYTES` are cut and end in a hash of the full name. Names already made of
    kept characters map to themselves.

    Parameters
    ----------
    name : str
        An event name, article id or other name read from input.
    what : str, optional
        What the name names, for the error message.

    Returns
    -------
    str
        One path component: not empty, not ``.`` or ``..``, without separators.

    Raises
    ------
    CorpusError
        When *name* is not a string or has no letter or digit (``""``, ``"..."``, ``"/"``).
    """
    if not isinstance(name, str):
        raise CorpusError(
            f"{what} name {name!r} is a {type(name).__name__}, not text; give the {what} a name"
        )
    normal = unicodedata.normalize("NFC", name)
    mapped = "".join(c if c.isalnum() or c in _KEPT else "_" for c in normal).strip(".")
    if not name:
        raise CorpusError(
            f"an {what} has an empty name (a missing, null or empty value in "
            f"{_NAMED_BY.get(what, 'the input')}); give every {what} a name with letters or digits"
        )
    if not any(c.isalnum() for c in mapped):
        raise CorpusError(
            f"{what} name {name!r} has no letter or digit, so it cannot name a folder; rename the "
            f"{what} ({_NAMED_BY.get(what, 'in the input')})"
        )
    if _RESERVED.fullmatch(mapped):
        stem, dot, rest = mapped.partition(".")
        mapped = f"{stem}_{dot}{rest}"
    if len(mapped.encode("utf-8")) > MAX_NAME_BYTES:
        mapped = _cut(mapped, name)
    return mapped


class FolderNames:
    """The folder names of one run: :func:`safe_name` of each name, never one folder for two.

    Two names whose folders are equal, or differ only in letter case (which some file systems
    ignore), are refused instead of sharing a folder.

    Parameters
    ----------
    what : str, optional
        What the names name (``"event"``, ``"article"``), for error messages.
    """

    def __init__(self, *, what: str = "event") -> None:
        self.what = what
        self._claimed: dict[str, tuple[str, str]] = {}

    def claim(self, name: str) -> str:
        """Return the folder name of *name*, the same one on every call for the same name.

        Parameters
        ----------
        name : str
            An event name or article id read from input.

        Returns
        -------
        str
            :func:`safe_name` of *name*.

        Raises
        ------
        CorpusError
            When *name* cannot name a folder (:func:`safe_name`), or when another name of this
            run was given the same folder.
        """
        folder = safe_name(name, what=self.what)
        first, taken = self._claimed.setdefault(folder.casefold(), (name, folder))
        if first != name:
            raise CorpusError(
                f"{self.what}s {first!r} and {name!r} would share the folder {taken!r} (names "
                f"differing only in letter case or in characters other than letters, digits, "
                f"'-', '_' and '.' map to one folder); rename one of the two {self.what}s"
            )
        return folder

    def folders(self) -> dict[str, str]:
        """Every name claimed so far and its folder name.

        Returns
        -------
        dict of str to str
            Name -> folder name, in the order claimed.
        """
        return dict(self._claimed.values())
