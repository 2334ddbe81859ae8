"""Output helpers: folders written all at once, figures as reproducible bytes, run metadata.

Folders are written into a temporary folder, then moved into place.

An interrupted run leaves the previous folder intact and never a half-written folder under the
final name: the files are written into a hidden temporary folder ``.<name>.tmp-<token>`` beside
the target, which then takes the target's place in one atomic exchange where the system offers
one (Linux ``renameat2(RENAME_EXCHANGE)``), so that the final name always holds a complete
folder, the old one or the new one. Elsewhere the exchange is two renames (old folder aside as
``.<name>.old-<token>``, new folder in); a run killed between them leaves the previous folder
under that hidden name. A run killed before it finishes may leave a hidden ``.<name>.tmp-*`` or
``.<name>.old-*`` folder beside the target; nothing reads them and they can be deleted.
"""

from __future__ import annotations

import ctypes
import errno
import io
import os
import platform
import secrets
import shutil
import subprocess
import sys
from collections.abc import Mapping
from functools import cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from analysis.report import plots as fig

__all__ = [
    "FIGURE_FORMATS",
    "LIBRARIES",
    "figure_bytes",
    "freeze_figure",
    "git_commit",
    "library_versions",
    "replace_folder",
]


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# errno values meaning "this file system or kernel cannot exchange": fall back to two renames.
_NO_EXCHANGE = frozenset({errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV})


def _exchange(a: Path, b: Path) -> bool:
    """Swap the paths *a* and *b* in one atomic step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - glibc < 2.28 or another libc
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:  # pragma: no cover - depends on the file system
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def replace_folder(files: Mapping[str, bytes], out: Path) -> Path:
    """Write ``{relative path: bytes}`` as the folder *out*, replacing it; returns *out*.

    The final name always holds a complete folder (module docstring).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    staging = out.parent / f".{out.name}.tmp-{token}"
    staging.mkdir()
    try:
        for relative, data in sorted(files.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if not out.exists():
            staging.replace(out)
        elif _exchange(staging, out):
            shutil.rmtree(staging, ignore_errors=True)  # the staging name now holds the old folder
        else:
            old = out.parent / f".{out.name}.old-{token}"
            out.replace(old)
            try:
                staging.replace(out)
            except BaseException:
                old.replace(out)  # put the previous folder back
                raise
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


LIBRARIES = (
    "pandas",
    "numpy",
    "scipy",
    "scikit-learn",
    "nltk",
    "matplotlib",
    "seaborn",
    "vaderSentiment",
    "jinja2",
    "wordfreq",
)


@cache
def git_commit() -> tuple[str | None, bool | None]:
    """Commit and dirty flag of the source tree this package runs from (None outside git)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None, None
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None, None
    return head or None, bool(dirty)


def library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = None
    return versions


FIGURE_FORMATS = ("pdf", "svg", "png")
SAVE_METADATA: Mapping[str, Mapping[str, Any]] = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """*figure* rendered as *fmt* (pdf, svg, png) with fixed metadata, in the house style."""
    buffer = io.BytesIO()
    with fig.figure_style():
        figure.savefig(buffer, format=fmt, dpi=300, metadata=dict(SAVE_METADATA[fmt]))
    return buffer.getvalue()


def freeze_figure(figure: Figure) -> Figure:
    """Fix the layout of *figure* so that every later save gives the same bytes.

    Constrained layout moves the axes a little on every draw until it settles; two draws settle
    it, and switching the layout engine off afterwards keeps it there.
    """
    figure.draw_without_rendering()
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure
