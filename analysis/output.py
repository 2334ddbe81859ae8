"""Output helpers: folders written all at once, figures as reproducible bytes, run metadata.

Folders are written into a temporary folder, then moved into place.

An interrupted run leaves the previous folder intact and never a half-written folder under the
final name: the files are written into a hidden temporary folder beside the target, which then
replaces the target in two renames (old folder aside, new folder in, old folder removed).
"""

from __future__ import annotations

import io
import platform
import secrets
import shutil
import subprocess
from collections.abc import Mapping
from functools import cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from analysis import figures as fig

__all__ = [
    "FIGURE_FORMATS",
    "LIBRARIES",
    "figure_bytes",
    "freeze_figure",
    "git_commit",
    "library_versions",
    "replace_folder",
]


def replace_folder(files: Mapping[str, bytes], out: Path) -> Path:
    """Write ``{relative path: bytes}`` as the folder *out*, replacing it; returns *out*."""
    out.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    staging = out.parent / f".{out.name}.tmp-{token}"
    staging.mkdir()
    try:
        for relative, data in sorted(files.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if out.exists():
            old = out.parent / f".{out.name}.old-{token}"
            out.replace(old)
            staging.replace(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.replace(out)
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
    root = Path(__file__).resolve().parent.parent
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
