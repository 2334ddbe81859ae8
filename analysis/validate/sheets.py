"""Coding sheets (CSV and XLSX), key files and the codebook of a sample; filled sheets read back.

A sample folder holds ``run.json`` (the sample's manifest), ``codebook.md``,
``key/<measure>.csv`` (sheet rows linked to the toolkit's output and answer) and
``sheets/<coder>_<measure>.csv|.xlsx`` (what the coders fill); ``texts/<article>.txt`` hold the
articles with numbered sentences. :func:`read_coding` is the only function here that reads files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.functions import tostring

from analysis.errors import ValidationError
from analysis.validate.measures import Measure, get_measure
from analysis.validate.sample import N_SAMPLED, STRATUM_SIZE, UNIT, WEIGHT
from analysis.validate.units import STRATUM, TOOLKIT

__all__ = [
    "ALLOWED",
    "CODE",
    "CODEBOOK",
    "CODER",
    "FINGERPRINT",
    "KEY_DIR",
    "NOTE",
    "ROW",
    "RUN_JSON",
    "SAMPLE_KIND",
    "SHEETS_DIR",
    "TEXTS_DIR",
    "Coding",
    "codebook_markdown",
    "coding_sheet",
    "key_table",
    "read_coding",
    "sheet_columns",
    "sheet_csv",
    "sheet_name",
    "sheet_xlsx",
    "texts_file",
]

SHEETS_DIR = "sheets"
KEY_DIR = "key"
TEXTS_DIR = "texts"
CODEBOOK = "codebook.md"
RUN_JSON = "run.json"
#: ``kind`` of a sample folder's run.json.
SAMPLE_KIND = "validation-sample"
#: Sheet columns around the measure's shown columns.
ROW, ALLOWED, CODE, NOTE, CODER = "row", "allowed", "code", "note", "coder"
#: Key column: hash of the unit id and the shown text, to detect edited sheet rows.
FINGERPRINT = "fingerprint"
_XLSX_TITLE = "codes"
_FIXED_TIME = datetime(2000, 1, 1)
_CORE = "docProps/core.xml"
_WIDE = 60


def sheet_name(coder: str, measure: str) -> str:
    """File stem of the sheet of *coder* for *measure* (``<coder>_<measure>``)."""
    return f"{coder}_{measure}"


def _fingerprint(values: Sequence[str]) -> str:
    return hashlib.sha256("\x1f".join(v.strip() for v in values).encode("utf-8")).hexdigest()[:16]


def sheet_columns(measure: Measure) -> list[str]:
    """The columns of a coding sheet of *measure*, in order."""
    return [ROW, UNIT, *measure.shows, ALLOWED, CODE, NOTE, CODER]


def coding_sheet(sample: pd.DataFrame, measure: Measure, coder: str) -> pd.DataFrame:
    """The empty coding sheet of *coder*: the shown columns of *sample*, nothing of the answer.

    Parameters
    ----------
    sample : pandas.DataFrame
        :func:`analysis.validate.sample.draw_sample` output.
    measure : Measure
        The measure sampled.
    coder : str
        The coder's id, prefilled in the ``coder`` column.

    Returns
    -------
    pandas.DataFrame
        :func:`sheet_columns`, all text: ``row`` (1..n), ``unit``, the shown columns,
        ``allowed`` (the codes, ``" | "``-joined), empty ``code`` and ``note``, ``coder``.
    """
    sheet = pd.DataFrame({ROW: [str(i + 1) for i in range(len(sample))], UNIT: sample[UNIT]})
    for column in measure.shows:
        sheet[column] = sample[column].astype(str).to_numpy()
    sheet[ALLOWED] = " | ".join(measure.allowed)
    sheet[CODE] = ""
    sheet[NOTE] = ""
    sheet[CODER] = coder
    return sheet


def key_table(sample: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """The key of a sample: sheet rows linked to the toolkit's output and answer.

    Returns
    -------
    pandas.DataFrame
        ``unit, row, stratum, toolkit, stratum_size, n_sampled, weight, fingerprint`` and the
        reference columns of the units (everything not shown on the sheet).
    """
    shown = sample[list(measure.shows)].astype(str)
    fingerprints = [
        _fingerprint([u, *vals])
        for u, vals in zip(sample[UNIT], shown.itertuples(index=False), strict=True)
    ]
    lead = [UNIT, STRATUM, TOOLKIT, STRATUM_SIZE, N_SAMPLED, WEIGHT]
    refs = [c for c in sample.columns if c not in (*lead, *measure.shows)]
    key = sample[lead].copy()
    key.insert(1, ROW, range(1, len(sample) + 1))
    key[FINGERPRINT] = fingerprints
    for column in refs:
        key[column] = sample[column].to_numpy()
    return key


def sheet_csv(sheet: pd.DataFrame) -> bytes:
    """*sheet* as UTF-8 CSV with a byte-order mark (so spreadsheet programs read the accents)."""
    return sheet.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).encode(
        "utf-8-sig"
    )


def sheet_xlsx(sheet: pd.DataFrame, measure: Measure) -> bytes:
    """*sheet* as an XLSX workbook: a ``codes`` worksheet whose ``code`` cells offer the allowed
    codes in a drop-down list, and a ``codebook`` worksheet with the question and the codes."""
    book = Workbook()
    book.properties.creator = "storydiff-news"
    book.properties.created = book.properties.modified = _FIXED_TIME
    codes = book.active
    codes.title = _XLSX_TITLE
    codes.append(list(sheet.columns))
    for row in sheet.itertuples(index=False):
        codes.append([str(v) for v in row])
    for line in codes.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula: article text may start with "="
    for cell in codes[1]:
        cell.font = Font(bold=True)
    codes.freeze_panes = "A2"
    for i, column in enumerate(sheet.columns, start=1):
        longest = max([len(column), *(len(str(v)) for v in sheet[column])])
        letter = get_column_letter(i)
        codes.column_dimensions[letter].width = min(longest + 2, _WIDE)
        if longest > _WIDE:
            for (cell,) in codes.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    code_col = get_column_letter(list(sheet.columns).index(CODE) + 1)
    choice = DataValidation(
        type="list", formula1='"' + ",".join(measure.allowed) + '"', allow_blank=True
    )
    choice.error = f"Allowed codes: {', '.join(measure.allowed)}"
    codes.add_data_validation(choice)
    choice.add(f"{code_col}2:{code_col}{len(sheet) + 1}")
    about = book.create_sheet("codebook")
    about.append(["question", measure.question])
    for code, meaning in measure.codes.items():
        about.append([code, meaning])
    if measure.guidance:
        about.append(["rule", measure.guidance])
    about.column_dimensions["B"].width = _WIDE
    buffer = io.BytesIO()
    book.save(buffer)
    book.properties.modified = _FIXED_TIME  # saving stamps the current time
    return _fixed_zip(buffer.getvalue(), {_CORE: tostring(book.properties.to_tree())})


def _fixed_zip(data: bytes, replace: Mapping[str, bytes]) -> bytes:
    """The zip archive *data* with the entries *replace* swapped in and every entry dated
    1980-01-01, so that equal sheets give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, replace.get(info.filename) or source.read(info.filename))
    return out.getvalue()


def texts_file(sentences: pd.DataFrame, article: str) -> str:
    """The text of *article* with numbered sentences (``[n] (block type) text``), one a line."""
    rows = sentences.loc[sentences["article"] == article]
    lines = [f"# {article}", ""]
    for sentence, block, text in rows[["sentence", "block_type", "text"]].itertuples(index=False):
        tag = "" if block == "paragraph" else f"({block}) "
        lines.append(f"[{int(sentence)}] {tag}{text}")
    return "\n".join(lines) + "\n"


def codebook_markdown(measures: Sequence[Measure], *, coders: Sequence[str]) -> str:
    """The codebook of a sample (Markdown): how to fill a sheet, then each measure's question,
    codes and rules."""
    sheets = ", ".join(f"`{sheet_name(c, '<measure>')}`" for c in coders)
    lines = [
        "# Codebook",
        "",
        f"Each coder fills their own sheets in `{SHEETS_DIR}/` ({sheets}), either the `.csv` or "
        "the `.xlsx` file, not both. Write one of the allowed codes in the `code` column of "
        "each row; leave it empty when you cannot decide, and add a `note` if you wish. You may "
        "replace the id in the `coder` column by your initials (the same on every row). Do not "
        "change, add, remove or reorder rows or other columns: `score` refuses a changed sheet. "
        "Code each row on its own, without looking at the toolkit's report or other coders' "
        f"sheets. The articles with numbered sentences are in `{TEXTS_DIR}/`.",
        "",
    ]
    for measure in measures:
        lines += [f"## {measure.name}", "", f"**Question.** {measure.question}", ""]
        lines += [f"- `{code}`: {meaning}" for code, meaning in measure.codes.items()]
        lines += ["", f"Columns to read: {', '.join(f'`{c}`' for c in measure.shows)}.", ""]
        if measure.guidance:
            lines += [measure.guidance, ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- reading back


@dataclass(frozen=True)
class Coding:
    """A sample folder with its filled sheets.

    Parameters
    ----------
    manifest : Mapping
        The sample's run.json.
    keys : Mapping of str to pandas.DataFrame
        The key of every measure (:func:`key_table`), in sheet order.
    codes : pandas.DataFrame
        One row per measure, unit and coder: ``measure, unit, coder, code`` (``code`` is None
        where the coder left the row empty).
    coders : Mapping of str to str
        Per sheet stem, the name in its ``coder`` column.
    files : Mapping of str to str
        SHA-256 of every sheet file read, by path relative to the folder.
    """

    manifest: Mapping[str, Any]
    keys: Mapping[str, pd.DataFrame]
    codes: pd.DataFrame
    coders: Mapping[str, str]
    files: Mapping[str, str]


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / RUN_JSON
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("kind") != SAMPLE_KIND:
        raise ValidationError(
            f"{path} is not the run.json of a validation sample; pass the --out folder of "
            "`python -m analysis validate sample`"
        )
    return manifest


def _read_key(folder: Path, measure: str) -> pd.DataFrame:
    path = folder / KEY_DIR / f"{measure}.csv"
    if not path.is_file():
        raise ValidationError(f"{path} is missing; restore the key file written with the sample")
    return pd.read_csv(path, dtype={UNIT: str, FINGERPRINT: str, TOOLKIT: str, STRATUM: str})


def _table_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _table_xlsx(path: Path) -> pd.DataFrame:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise ValidationError(f"{path} cannot be read as XLSX ({exc}); restore the sheet") from None
    if _XLSX_TITLE not in book.sheetnames:
        raise ValidationError(f"{path} has no worksheet {_XLSX_TITLE!r}; restore the sheet")
    rows = [
        ["" if v is None else str(v) for v in r]
        for r in book[_XLSX_TITLE].iter_rows(values_only=True)
    ]
    book.close()
    rows = [r for r in rows if any(v.strip() for v in r)]
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows[1:], columns=rows[0])


def _check_sheet(table: pd.DataFrame, key: pd.DataFrame, measure: Measure, where: str) -> pd.Series:
    """The codes of one sheet (None where empty) after checking its rows against the key."""
    expected = sheet_columns(measure)
    if list(table.columns) != expected:
        raise ValidationError(
            f"{where} has the columns {list(table.columns)}, expected {expected}; restore the "
            "sheet's columns"
        )
    if len(table) != len(key):
        raise ValidationError(
            f"{where} has {len(table)} rows, the sample {len(key)}; do not add or remove rows"
        )
    shown = table[[UNIT, *measure.shows]].astype(str).itertuples(index=False)
    checks = zip(shown, key[UNIT], key[FINGERPRINT], strict=True)
    for i, (values, unit, fingerprint) in enumerate(checks):
        if values[0] != unit or _fingerprint(values) != fingerprint:
            raise ValidationError(
                f"{where} row {i + 1} (unit {unit}) was changed or moved: its unit or text no "
                "longer matches the key; restore the row from the original sheet"
            )
    codes = table[CODE].str.strip().str.lower()
    bad = sorted(set(codes[(codes != "") & ~codes.isin(measure.allowed)]))
    if bad:
        first = int(codes.isin(bad).to_numpy().nonzero()[0][0]) + 1
        raise ValidationError(
            f"{where} row {first} has the code {bad[0]!r}, not one of {list(measure.allowed)} "
            f"({len(bad)} such value(s)); use an allowed code or leave the cell empty"
        )
    return codes.where(codes != "", None)


def _coder_name(table: pd.DataFrame, where: str) -> str:
    names = sorted({n.strip() for n in table[CODER]} - {""})
    if len(names) != 1:
        raise ValidationError(
            f"{where} names {len(names)} coders in its coder column ({names}); write one name on "
            "every row"
        )
    return names[0]


def _read_sheet(
    folder: Path, stem: str, key: pd.DataFrame, measure: Measure, files: dict[str, str]
) -> tuple[pd.Series, str]:
    """The codes and coder name of one sheet, from whichever of its CSV or XLSX holds codes."""
    filled = []
    for suffix, reader in ((".csv", _table_csv), (".xlsx", _table_xlsx)):
        path = folder / SHEETS_DIR / f"{stem}{suffix}"
        if not path.is_file():
            continue
        where = f"{SHEETS_DIR}/{stem}{suffix}"
        files[where] = hashlib.sha256(path.read_bytes()).hexdigest()
        table = reader(path)
        codes = _check_sheet(table, key, measure, where)
        if codes.notna().any():
            filled.append((where, codes, _coder_name(table, where)))
    present = [s for s in (".csv", ".xlsx") if (folder / SHEETS_DIR / f"{stem}{s}").is_file()]
    if not present:
        raise ValidationError(
            f"the sheet {SHEETS_DIR}/{stem} (.csv or .xlsx) is missing; restore it or draw a "
            "sample with fewer coders"
        )
    if not filled:
        raise ValidationError(f"{SHEETS_DIR}/{stem} holds no codes; fill it before scoring")
    if len(filled) == 2 and not filled[0][1].equals(filled[1][1]):
        raise ValidationError(
            f"{filled[0][0]} and {filled[1][0]} both hold codes and differ; keep the codes in "
            "one of them and empty the other"
        )
    return filled[0][1], filled[0][2]


def _check_files(folder: Path, expected: set[str]) -> None:
    sheets = folder / SHEETS_DIR
    found = sorted(
        p.name
        for p in (sheets.iterdir() if sheets.is_dir() else [])
        if p.is_file() and not p.name.startswith((".", "~$"))
    )
    extra = [name for name in found if name not in expected]
    if extra:
        raise ValidationError(
            f"{SHEETS_DIR}/{extra[0]} is not a sheet of this sample; a copied sheet would count a "
            "coder twice: move it out of the folder"
        )


def read_coding(folder: str | Path) -> Coding:
    """Read a sample folder and its filled sheets, refusing anything that does not fit.

    Parameters
    ----------
    folder : str or Path
        The ``--out`` folder of ``validate sample``.

    Returns
    -------
    Coding

    Raises
    ------
    ValidationError
        With one line naming the problem and the fix: no sample manifest, a missing key or
        sheet, an extra file in ``sheets/``, a sheet with changed columns or rows, a code
        outside the allowed values, a sheet without codes, one coder name on two sheets of a
        measure, CSV and XLSX of one sheet with different codes.
    """
    root = Path(folder)
    manifest = _read_manifest(root)
    coders = [str(c) for c in manifest["coders"]]
    measures = [get_measure(str(m)) for m in manifest["measures"]]
    expected = {
        f"{sheet_name(c, m.name)}{s}" for c in coders for m in measures for s in (".csv", ".xlsx")
    }
    _check_files(root, expected)
    keys: dict[str, pd.DataFrame] = {}
    parts: list[pd.DataFrame] = []
    names: dict[str, str] = {}
    files: dict[str, str] = {}
    for measure in measures:
        key = _read_key(root, measure.name)
        keys[measure.name] = key
        seen: dict[str, str] = {}
        for coder in coders:
            stem = sheet_name(coder, measure.name)
            codes, name = _read_sheet(root, stem, key, measure, files)
            if name in seen:
                raise ValidationError(
                    f"{SHEETS_DIR}/{seen[name]} and {SHEETS_DIR}/{stem} name the same coder "
                    f"{name!r}; each coder fills one sheet per measure"
                )
            seen[name] = stem
            names[stem] = name
            parts.append(
                pd.DataFrame(
                    {"measure": measure.name, "unit": key[UNIT], "coder": coder, "code": codes}
                )
            )
    codes = pd.concat(parts, ignore_index=True)
    return Coding(manifest=manifest, keys=keys, codes=codes, coders=names, files=files)
