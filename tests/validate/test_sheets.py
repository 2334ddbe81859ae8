"""Coding sheets: nothing of the toolkit's answer on them; broken or bad sheets refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.errors import ValidationError
from analysis.validate.measures import get_measure
from analysis.validate.sheets import read_coding, sheet_columns
from tests.validate.conftest import CODERS, MEASURES, fill, fill_all

HIDDEN = {"toolkit", "stratum", "stratum_size", "n_sampled", "weight", "similarity", "compound"}


def _sheet(folder: Path, stem: str) -> pd.DataFrame:
    path = folder / "sheets" / f"{stem}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _save(folder: Path, stem: str, sheet: pd.DataFrame) -> None:
    (folder / "sheets" / f"{stem}.csv").write_bytes(sheet.to_csv(index=False).encode("utf-8-sig"))


@pytest.mark.parametrize("measure", MEASURES)
def test_sheets_show_no_answer_and_offer_the_allowed_codes(
    pristine_sample: Path, measure: str
) -> None:
    spec = get_measure(measure)
    sheet = _sheet(pristine_sample, f"coder1_{measure}")
    assert list(sheet.columns) == sheet_columns(spec)
    assert not HIDDEN & set(sheet.columns)
    assert (sheet["code"] == "").all()
    assert set(sheet["allowed"]) == {" | ".join(spec.allowed)}
    book = load_workbook(pristine_sample / "sheets" / f"coder1_{measure}.xlsx")
    rows = list(book["codes"].iter_rows(values_only=True))
    assert list(rows[0]) == sheet_columns(spec)
    assert len(rows) == len(sheet) + 1
    (rule,) = book["codes"].data_validations.dataValidation
    assert rule.formula1 == '"' + ",".join(spec.allowed) + '"'


def test_filled_sheets_are_read_back(sample_dir: Path) -> None:
    fill_all(sample_dir)
    coding = read_coding(sample_dir)
    assert set(coding.keys) == set(MEASURES)
    assert set(coding.codes["coder"]) == set(CODERS)
    key = coding.keys["gaps"]
    mine = coding.codes[(coding.codes["measure"] == "gaps") & (coding.codes["coder"] == "coder2")]
    assert mine["code"].tolist() == key["toolkit"].tolist()


def test_an_xlsx_sheet_is_read_and_codes_are_case_insensitive(sample_dir: Path) -> None:
    fill_all(sample_dir)
    (sample_dir / "sheets" / "coder1_tone.csv").unlink()
    path = sample_dir / "sheets" / "coder1_tone.xlsx"
    key = pd.read_csv(sample_dir / "key" / "tone.csv", dtype=str)
    book = load_workbook(path)
    codes = book["codes"]
    column = [c.value for c in codes[1]].index("code") + 1
    for row, code in enumerate(key["toolkit"], start=2):
        codes.cell(row=row, column=column, value=f" {code.upper()} ")
    book.save(path)
    coding = read_coding(sample_dir)
    mine = coding.codes[(coding.codes["measure"] == "tone") & (coding.codes["coder"] == "coder1")]
    assert mine["code"].tolist() == key["toolkit"].tolist()


def _edit_text(sheet: pd.DataFrame) -> pd.DataFrame:
    sheet.loc[1, "text"] = sheet.loc[1, "text"] + " (edited)"
    return sheet


def _drop_row(sheet: pd.DataFrame) -> pd.DataFrame:
    return sheet.drop(index=2)


def _swap_rows(sheet: pd.DataFrame) -> pd.DataFrame:
    return sheet.iloc[[1, 0, *range(2, len(sheet))]]


def _drop_column(sheet: pd.DataFrame) -> pd.DataFrame:
    return sheet.drop(columns=["note"])


def _bad_code(sheet: pd.DataFrame) -> pd.DataFrame:
    sheet.loc[3, "code"] = "maybe"
    return sheet


def _two_names(sheet: pd.DataFrame) -> pd.DataFrame:
    sheet.loc[0, "coder"] = "someone else"
    return sheet


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_edit_text, r"row 2 \(unit gaps-\d+\) was changed"),
        (_drop_row, r"has \d+ rows, the sample \d+"),
        (_swap_rows, r"row 1 \(unit gaps-001\) was changed or moved"),
        (_drop_column, "has the columns"),
        (_bad_code, r"row 4 has the code 'maybe', not one of \['yes', 'no'\]"),
        (_two_names, "names 2 coders"),
    ],
)
def test_a_broken_sheet_is_refused(sample_dir: Path, edit, message: str) -> None:
    fill_all(sample_dir)
    _save(sample_dir, "coder2_gaps", edit(_sheet(sample_dir, "coder2_gaps")))
    with pytest.raises(ValidationError, match=message):
        read_coding(sample_dir)


def test_a_missing_sheet_is_refused(sample_dir: Path) -> None:
    fill_all(sample_dir)
    for suffix in (".csv", ".xlsx"):
        (sample_dir / "sheets" / f"coder2_alignment{suffix}").unlink()
    with pytest.raises(ValidationError, match=r"coder2_alignment .* is missing"):
        read_coding(sample_dir)


def test_an_empty_sheet_is_refused(sample_dir: Path) -> None:
    fill_all(sample_dir)
    fill(sample_dir, "coder1", "actors", lambda key: [""] * len(key))
    with pytest.raises(ValidationError, match="coder1_actors holds no codes"):
        read_coding(sample_dir)


def test_duplicate_coders_are_refused(sample_dir: Path) -> None:
    fill_all(sample_dir)
    sheets = sample_dir / "sheets"
    shutil.copy(sheets / "coder1_quotes.csv", sheets / "coder2_quotes.csv")
    with pytest.raises(ValidationError, match="name the same coder 'coder1'"):
        read_coding(sample_dir)


def test_a_copied_sheet_file_is_refused(sample_dir: Path) -> None:
    fill_all(sample_dir)
    sheets = sample_dir / "sheets"
    shutil.copy(sheets / "coder1_quotes.csv", sheets / "coder1_quotes (copy).csv")
    with pytest.raises(ValidationError, match="is not a sheet of this sample"):
        read_coding(sample_dir)


def test_csv_and_xlsx_with_different_codes_are_refused(sample_dir: Path) -> None:
    fill_all(sample_dir)
    path = sample_dir / "sheets" / "coder1_gaps.xlsx"
    book = load_workbook(path)
    column = [c.value for c in book["codes"][1]].index("code") + 1
    book["codes"].cell(row=2, column=column, value="yes")
    book["codes"].cell(row=3, column=column, value="no")
    book.save(path)
    fill(sample_dir, "coder1", "gaps", lambda key: ["no"] + ["yes"] * (len(key) - 1))
    with pytest.raises(ValidationError, match="both hold codes and differ"):
        read_coding(sample_dir)


def test_a_folder_without_a_sample_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"not the run\.json of a validation sample"):
        read_coding(tmp_path)


def test_xlsx_cells_that_look_like_formulas_stay_text() -> None:
    """Article text starting with '=' must not become a spreadsheet formula (CSV/XLSX injection)."""
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from analysis.validate.measures import get_measure
    from analysis.validate.sheets import sheet_xlsx

    payload = '=HYPERLINK("http://example.invalid","open")'
    sheet = pd.DataFrame({"row": ["1"], "text": [payload], "code": [""]})
    book = load_workbook(io.BytesIO(sheet_xlsx(sheet, get_measure("gaps"))))
    cell = book.worksheets[0]["B2"]
    assert cell.value == payload
    assert cell.data_type == "s"
