"""Render a table (a pandas DataFrame) as CSV, LaTeX (booktabs) or Markdown text.

Each renderer returns a string and never changes its input; :func:`analysis.report.write_report`
writes the strings to ``tables/<name>.csv|.tex|.md``. The same table always gives the same text
(fixed float formatting, ``\\n`` line ends), so reports are byte-identical across runs.

- :func:`to_csv`: every column and row, floats with :data:`CSV_FLOAT_FORMAT` (up to 6 significant
  digits), NaN as an empty field, booleans as ``True``/``False``; the format readers load back.
  Text cells that a spreadsheet would evaluate as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return, and not a plain number) get a leading apostrophe
  (:func:`csv_cell`, after OWASP's CSV-injection guidance).
- :func:`to_latex`: a booktabs table for papers (``\\toprule``/``\\midrule``/``\\bottomrule``),
  in the layout of :meth:`pandas.io.formats.style.Styler.to_latex` (written directly, character
  for character the same, several times faster). Floats show
  ``float_digits`` decimals; every cell and header is escaped for LaTeX (``& % $ # _ { } ~ ^ \\``)
  and typographic Unicode (curly quotes, dashes, ellipsis, non-breaking space) becomes its LaTeX
  form; other characters outside Latin-1 are transliterated to ASCII where Unicode allows (an
  accent dropped) and replaced by ``?`` otherwise, so the table compiles with pdfLaTeX. Long
  text columns get paragraph (``p{}``) columns; tables longer than :data:`LONGTABLE_ROWS` rows
  use ``longtable`` so they break across pages. Needs ``\\usepackage{booktabs}`` (and
  ``longtable`` for long tables) in the preamble, see :data:`LATEX_PREAMBLE`.
- :func:`to_markdown`: a GitHub pipe table (``|`` in cells escaped, newlines folded), numbers
  right-aligned.

Control characters (NUL, DEL, the other C0 and the C1 controls) never reach a LaTeX, Markdown or
HTML cell: :func:`strip_control` turns the whitespace ones (form feed, vertical tab, the
separators, NEL) into spaces and drops the rest; :func:`format_number` applies it to every text
cell and :func:`latex_escape` to every text it escapes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CSV_FLOAT_FORMAT",
    "LATEX_PREAMBLE",
    "LONGTABLE_ROWS",
    "csv_cell",
    "format_number",
    "latex_escape",
    "strip_control",
    "to_csv",
    "to_latex",
    "to_markdown",
]

#: printf format of floats in CSV files: 6 significant digits, stable across runs.
CSV_FLOAT_FORMAT = "%.6g"
#: Tables with more rows than this are rendered as ``longtable`` in LaTeX.
LONGTABLE_ROWS = 40
#: Text columns whose longest cell exceeds this many characters become ``p{}`` columns.
_WRAP_CHARS = 32
#: Preamble lines a document needs to include the ``.tex`` tables.
LATEX_PREAMBLE = (
    "\\usepackage[T1]{fontenc}\n"
    "\\usepackage[utf8]{inputenc}\n"
    "\\usepackage{booktabs}\n"
    "\\usepackage{longtable}\n"
    "\\usepackage{array}\n"
)

_LATEX_SPECIAL = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    # Typographic characters: the LaTeX forms, independent of the input encoding.
    "\u2018": "`",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": "``",
    "\u201d": "''",
    "\u201e": ",,",
    "\u00ab": r"\guillemotleft{}",
    "\u00bb": r"\guillemotright{}",
    "\u2013": "--",
    "\u2014": "---",
    "\u2012": "--",
    "\u2212": "--",
    "\u2026": r"\ldots{}",
    "\u00a0": "~",
    "\u2009": r"\,",
    "\u202f": r"\,",
    "\u2022": r"\textbullet{}",
    "\u20ac": "EUR",
    "\u00b0": r"\textdegree{}",
    "\u2032": "'",
    "\u2033": "''",
    "\u00ad": "",
    "\u200b": "",
    "\ufeff": "",
    "\t": " ",
    "\r": " ",
    "\n": " ",
}
#: Control characters: the whitespace ones become a space, the others are dropped.
_CONTROL_SPACES = "\x0b\x0c\x1c\x1d\x1e\x1f\x85"
_CONTROLS: dict[int, str | None] = {
    c: (" " if chr(c) in _CONTROL_SPACES else None)
    for c in (*range(0x20), *range(0x7F, 0xA0))
    if chr(c) not in "\t\n\r"
}
_LATEX_TABLE = {**_CONTROLS, **{ord(k): v for k, v in _LATEX_SPECIAL.items()}}


def strip_control(text: str) -> str:
    """Remove control characters from *text* (see the module docstring); tab, CR, LF are kept.

    Parameters
    ----------
    text : str
        Any text, e.g. a sentence of an article.

    Returns
    -------
    str
        The text without NUL, DEL, C0 and C1 controls; form feed, vertical tab, the information
        separators and NEL become a space.
    """
    return text.translate(_CONTROLS)


def _latex_char(char: str) -> str:
    """LaTeX for one character outside Latin-1: its ASCII transliteration, else ``?``."""
    folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return latex_escape(folded) if folded else "?"


def latex_escape(text: str) -> str:
    """Escape *text* for a LaTeX table cell typeset by pdfLaTeX (see the module docstring)."""
    out = str(text).translate(_LATEX_TABLE)
    if out.isascii():
        return out
    # Latin-1 letters (accents) work with fontenc T1 + inputenc utf8; others are transliterated.
    return "".join(c if ord(c) < 0x100 else _latex_char(c) for c in out)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_number(value: Any, *, digits: int = 3) -> str:
    """Format one cell for LaTeX/Markdown: floats with *digits* decimals, ints plainly, NaN empty.

    Very small or very large floats (absolute value below ``10**-digits`` but non-zero, or at
    least 1e7) use scientific notation so p-values such as 1e-5 do not print as 0.000.
    """
    if _is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if number != 0 and (abs(number) < 10**-digits or abs(number) >= 1e7):
            return f"{number:.{max(digits - 1, 1)}e}"
        text = f"{number:.{digits}f}"
        return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text
    return strip_control(str(value))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def csv_cell(value: Any) -> Any:
    """Make one CSV cell safe to open in a spreadsheet (OWASP CSV injection).

    Parameters
    ----------
    value : Any
        A cell of a table.

    Returns
    -------
    Any
        A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return, and not a
        plain number such as ``-0.5`` or ``+3%``, with a leading apostrophe (which spreadsheets
        show as text); carriage returns in text become newlines (Python's CSV writer quotes a
        cell with a newline, not one with a lone carriage return, which readers take for a new
        row); every other value unchanged.
    """
    if not isinstance(value, str):
        return value
    cell = value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + cell
    return cell


def _csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """*table* with :func:`csv_cell` applied to its header and text columns (a copy if needed)."""
    safe = table
    for i in range(table.shape[1]):
        column = table.iloc[:, i]
        if column.dtype != object and not pd.api.types.is_string_dtype(column):
            continue
        cells = column.map(csv_cell)
        if not cells.equals(column):
            safe = safe.copy() if safe is table else safe
            safe.isetitem(i, cells)
    header = [csv_cell(c) for c in table.columns]
    if header != list(table.columns):
        safe = safe.copy() if safe is table else safe
        safe.columns = pd.Index(header)
    return safe


def to_csv(table: pd.DataFrame) -> str:
    """CSV text of *table* (all columns, no index), floats as :data:`CSV_FLOAT_FORMAT`.

    Parameters
    ----------
    table : pandas.DataFrame
        The table; not changed.

    Returns
    -------
    str
        The CSV text, text cells made safe for spreadsheets by :func:`csv_cell`.
    """
    return _csv_safe(table).to_csv(index=False, float_format=CSV_FLOAT_FORMAT, lineterminator="\n")


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _column_format(table: pd.DataFrame, cells: list[list[str]], text_width: str) -> str:
    specs = []
    for i, texts in enumerate(cells):
        if _is_numeric(table.iloc[:, i]):
            specs.append("r")
            continue
        longest = max(map(len, texts), default=0)
        specs.append(f"p{{{text_width}}}" if longest > _WRAP_CHARS else "l")
    return "".join(specs)


def _latex_row(cells: Iterable[str]) -> str:
    return " & ".join(cells) + " \\\\"


def _latex_environment(
    header: list[str],
    rows: list[str],
    *,
    column_format: str,
    caption: str | None,
    label: str | None,
) -> list[str]:
    """Lines of a floating ``table`` with a booktabs ``tabular`` (Styler's layout)."""
    lines = ["\\begin{table}[htbp]", "\\centering"]
    if caption:
        lines.append(f"\\caption{{{caption}}}")
    if label:
        lines.append(f"\\label{{{label}}}")
    lines += [f"\\begin{{tabular}}{{{column_format}}}", "\\toprule", *header, "\\midrule"]
    return [*lines, *rows, "\\bottomrule", "\\end{tabular}", "\\end{table}"]


def _latex_longtable(
    header: list[str],
    rows: list[str],
    *,
    column_format: str,
    caption: str | None,
    label: str | None,
    n_columns: int,
) -> list[str]:
    """Lines of a booktabs ``longtable``: head repeated on every page, a note at page ends."""
    lines = [f"\\begin{{longtable}}{{{column_format}}}"]
    tag = f" \\label{{{label}}}" if label else ""
    if caption:
        lines.append(f"\\caption{{{caption}}}{tag} \\\\")
    elif label:
        lines.append(f"\\label{{{label}}} \\\\")
    lines += ["\\toprule", *header, "\\midrule", "\\endfirsthead"]
    if caption:
        lines.append(f"\\caption[]{{{caption}}} \\\\")
    lines += ["\\toprule", *header, "\\midrule", "\\endhead", "\\midrule"]
    lines.append(f"\\multicolumn{{{n_columns}}}{{r}}{{Continued on next page}} \\\\")
    lines += ["\\midrule", "\\endfoot", "\\bottomrule", "\\endlastfoot"]
    return [*lines, *rows, "\\end{longtable}"]


def to_latex(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    label: str | None = None,
    float_digits: int = 3,
    text_width: str = "0.3\\linewidth",
) -> str:
    """LaTeX booktabs table of *table* (no index), see the module docstring.

    Parameters
    ----------
    table : pandas.DataFrame
        The table; not changed.
    caption : str, optional
        Escaped like the cells.
    label : str, optional
        Used as given (``tab:...``).
    float_digits : int, default 3
        Decimals of floats (:func:`format_number`).
    text_width : str, default ``"0.3\\linewidth"``
        Width of wrapped text columns.

    Returns
    -------
    str
        The table, ending with a newline.
    """
    columns = [
        [latex_escape(format_number(v, digits=float_digits)) for v in table.iloc[:, i].tolist()]
        for i in range(table.shape[1])
    ]
    column_format = _column_format(table, columns, text_width) or "l"
    # A table without columns has no header row and an empty row per index entry.
    header = [_latex_row(latex_escape(str(c)) for c in table.columns)] if columns else []
    rows = [_latex_row(cells) for cells in zip(*columns, strict=True)] or [_latex_row([])] * len(
        table
    )
    escaped = latex_escape(caption) if caption else None
    if len(table) > LONGTABLE_ROWS:
        lines = _latex_longtable(
            header,
            rows,
            column_format=column_format,
            caption=escaped,
            label=label,
            n_columns=len(table.columns),
        )
    else:
        lines = _latex_environment(
            header, rows, column_format=column_format, caption=escaped, label=label
        )
    return "\n".join(lines) + "\n"


_MD_ESCAPE = re.compile(r"([|\\`*_\[\]<>])")


def _md_cell(value: Any, digits: int) -> str:
    text = format_number(value, digits=digits)
    text = " ".join(text.split())
    return _MD_ESCAPE.sub(r"\\\1", text)


def to_markdown(table: pd.DataFrame, *, float_digits: int = 3) -> str:
    """GitHub-flavoured Markdown pipe table of *table* (no index); numbers right-aligned."""
    if not len(table.columns):
        return ""
    header = [_md_cell(str(c), float_digits) for c in table.columns]
    align = ["---:" if _is_numeric(table[c]) else ":---" for c in table.columns]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    for row in table.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_md_cell(v, float_digits) for v in row) + " |")
    return "\n".join(lines) + "\n"
