"""Render a table (a pandas DataFrame) as CSV, LaTeX (booktabs) or Markdown text.

Each renderer returns a string and never changes its input; :func:`analysis.report.build.write_report`
writes the strings to ``tables/<name>.csv|.tex|.md``. The same table always gives the same text
(fixed float formatting, ``\\n`` line ends), so reports are byte-identical across runs.

- :func:`to_csv`: every column and row, floats with :data:`CSV_FLOAT_FORMAT` (up to 6 significant
  digits), NaN as an empty field, booleans as ``True``/``False``; the format readers load back.
- :func:`to_latex`: a booktabs table for papers (``\\toprule``/``\\midrule``/``\\bottomrule``),
  rendered by :meth:`pandas.io.formats.style.Styler.to_latex`. Floats show
  ``float_digits`` decimals; every cell and header is escaped for LaTeX (``& % $ # _ { } ~ ^ \\``)
  and typographic Unicode (curly quotes, dashes, ellipsis, non-breaking space) becomes its LaTeX
  form; other characters outside Latin-1 are transliterated to ASCII where Unicode allows (an
  accent dropped) and replaced by ``?`` otherwise, so the table compiles with pdfLaTeX. Long
  text columns get paragraph (``p{}``) columns; tables longer than :data:`LONGTABLE_ROWS` rows
  use ``longtable`` so they break across pages. Needs ``\\usepackage{booktabs}`` (and
  ``longtable`` for long tables) in the preamble, see :data:`LATEX_PREAMBLE`.
- :func:`to_markdown`: a GitHub pipe table (``|`` in cells escaped, newlines folded), numbers
  right-aligned.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CSV_FLOAT_FORMAT",
    "LATEX_PREAMBLE",
    "LONGTABLE_ROWS",
    "format_number",
    "latex_escape",
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
_LATEX_TABLE = str.maketrans(_LATEX_SPECIAL)


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
    return str(value)


def to_csv(table: pd.DataFrame) -> str:
    """CSV text of *table* (all columns, no index), floats as :data:`CSV_FLOAT_FORMAT`."""
    return table.to_csv(index=False, float_format=CSV_FLOAT_FORMAT, lineterminator="\n")


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _column_format(table: pd.DataFrame, cells: pd.DataFrame, text_width: str) -> str:
    specs = []
    for column in table.columns:
        if _is_numeric(table[column]):
            specs.append("r")
            continue
        longest = int(cells[column].str.len().max()) if len(cells) else 0
        specs.append(f"p{{{text_width}}}" if longest > _WRAP_CHARS else "l")
    return "".join(specs)


def _cell_formatter(digits: int) -> Callable[[Any], str]:
    def cell(value: Any) -> str:
        return latex_escape(format_number(value, digits=digits))

    return cell


def to_latex(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    label: str | None = None,
    float_digits: int = 3,
    text_width: str = "0.3\\linewidth",
) -> str:
    """LaTeX booktabs table of *table* (no index), via pandas Styler (see the module docstring).

    *caption* is escaped like the cells; *label* is used as given (``tab:...``). *text_width* is
    the width of wrapped text columns.
    """
    cell = _cell_formatter(float_digits)
    formatted = table.apply(lambda column: column.map(cell)) if len(table.columns) else table
    data = formatted.copy()
    data.columns = [latex_escape(str(c)) for c in table.columns]
    longtable = len(table) > LONGTABLE_ROWS
    styler = data.style.hide(axis="index")
    latex = styler.to_latex(
        column_format=_column_format(table, formatted, text_width) or "l",
        hrules=True,
        caption=latex_escape(caption) if caption else None,
        label=label,
        position="htbp" if not longtable else None,
        position_float="centering" if not longtable else None,
        environment="longtable" if longtable else None,
    )
    return latex if latex.endswith("\n") else latex + "\n"


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
