"""Output helpers: folders written all at once, figures as reproducible bytes, run metadata.

Figures are saved with their text as text: SVG text elements, and TrueType (Type 42) fonts
embedded in PDF files, cut down to the glyphs drawn and to the font tables a PDF reader uses.
:func:`render_figures` draws and saves many figures in parallel worker processes.

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
import multiprocessing
import os
import platform
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from fontTools import subset
from matplotlib.backends import _backend_pdf_ps
from matplotlib.figure import Figure

from analysis.report import plots as fig

__all__ = [
    "FIGURE_FORMATS",
    "LIBRARIES",
    "RenderedFigure",
    "figure_bytes",
    "freeze_figure",
    "git_commit",
    "library_versions",
    "render_figures",
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


#: TrueType tables a PDF reader uses (ISO 32000-1, 9.9: glyph outlines, metrics, hinting; and
#: cmap, name, OS/2, post, gasp). OpenType layout tables (GSUB, GPOS, GDEF, kern, ...) serve text
#: shaping, which matplotlib does itself before it writes glyph positions; a PDF never reads them.
_PDF_FONT_TABLES = frozenset(
    {"head", "hhea", "hmtx", "loca", "maxp", "glyf", "cvt ", "fpgm", "prep"}
    | {"cmap", "name", "OS/2", "post", "gasp"}
)


def _pdf_font_subset(fontfile: Any, glyphs: Any) -> Any:
    """matplotlib's TrueType subset for PDF (``get_glyphs_subset``) without the layout tables.

    Reading and subsetting GSUB and GPOS was most of the time of a PDF save.
    """
    options = subset.Options(glyph_names=True, recommended_glyphs=True)
    options.font_number = fontfile.face_index
    font = subset.load_font(fontfile, options)
    for tag in sorted(set(font.keys()) - _PDF_FONT_TABLES - {"GlyphOrder"}):
        del font[tag]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(gids=glyphs)
    subsetter.subset(font)
    return _backend_pdf_ps.SubsetResults(font, subsetter.glyph_index_map)._as_cm()


@contextmanager
def _pdf_fonts() -> Iterator[None]:
    """Scope :func:`_pdf_font_subset` as matplotlib's font subsetter (not thread-safe)."""
    original = _backend_pdf_ps.get_glyphs_subset
    _backend_pdf_ps.get_glyphs_subset = _pdf_font_subset
    try:
        yield
    finally:
        _backend_pdf_ps.get_glyphs_subset = original


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """*figure* rendered as *fmt* (pdf, svg, png) with fixed metadata, in the house style.

    Parameters
    ----------
    figure : Figure
        A figure, its layout frozen (:func:`freeze_figure`).
    fmt : str
        One of :data:`FIGURE_FORMATS`.

    Returns
    -------
    bytes
        The file; the same figure always gives the same bytes.
    """
    buffer = io.BytesIO()
    with fig.figure_style(), _pdf_fonts():
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


@dataclass(frozen=True)
class RenderedFigure:
    """One figure saved in several formats: ``files`` (format -> bytes) and its size in inches."""

    files: Mapping[str, bytes]
    size_inches: tuple[float, float]


# The drawing function of the running render_figures call, inherited by its forked workers.
_DRAW: Callable[[str], Figure] | None = None


def _render(draw: Callable[[str], Figure], name: str, formats: Sequence[str]) -> RenderedFigure:
    figure = draw(name)
    width, height = (float(x) for x in figure.get_size_inches())
    return RenderedFigure({fmt: figure_bytes(figure, fmt) for fmt in formats}, (width, height))


def _render_in_worker(name: str, formats: Sequence[str]) -> tuple[str, RenderedFigure]:
    if _DRAW is None:  # pragma: no cover - only reached in a worker started by render_figures
        raise RuntimeError("render_figures worker started without a drawing function")
    return name, _render(_DRAW, name, formats)


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Let a worker end when the process that started it ends (Linux; elsewhere a no-op).

    A killed report run cannot shut its pool down; without this its workers would wait on their
    queue for ever, holding the run's output pipes open.
    """
    if sys.platform.startswith("linux"):
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the call above took effect
        os._exit(1)


def _n_workers(n_figures: int, processes: int | None) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # workers must inherit the drawing function and its data
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(n_figures, processes or cpus or 1))


def render_figures(
    draw: Callable[[str], Figure],
    names: Sequence[str],
    *,
    formats: Sequence[str] = FIGURE_FORMATS,
    processes: int | None = 1,
) -> dict[str, RenderedFigure]:
    """Draw the figures *names* with *draw* and save each in *formats*, in parallel.

    Each figure is drawn and saved whole in one forked worker process (the workers inherit
    *draw* and the data it reads, nothing is pickled but names and bytes); where the system
    cannot fork, or with one processor, it is done in this process. The bytes are those of
    :func:`figure_bytes` either way.

    Parameters
    ----------
    draw : callable
        ``draw(name)`` returns a new figure with its layout frozen (:func:`freeze_figure`).
    names : sequence of str
        The figures to render.
    formats : sequence of str, default :data:`FIGURE_FORMATS`
        The formats to save each figure in.
    processes : int, optional
        Number of worker processes (default 1: this process; None: one per available processor,
        at most one per figure).

    Returns
    -------
    dict
        Name -> :class:`RenderedFigure`, in the order of *names*.
    """
    global _DRAW
    workers = _n_workers(len(names), processes)
    if workers == 1:
        return {name: _render(draw, name, formats) for name in names}
    _DRAW = draw
    try:
        context = multiprocessing.get_context("fork")
        pool = context.Pool(workers, initializer=_end_with_parent, initargs=(os.getpid(),))
        jobs = [(name, tuple(formats)) for name in names]
        try:
            done = dict(pool.starmap(_render_in_worker, jobs, chunksize=1))
        except BaseException:
            pool.terminate()
            raise
        else:
            pool.close()  # workers finish their queue and exit; no terminate() on a busy lock
        finally:
            pool.join()
    finally:
        _DRAW = None
    return {name: done[name] for name in names}
