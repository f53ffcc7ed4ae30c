"""A column of formulas a script saved without their values (openpyxl, xlsxwriter): read
as the formulas' text, each on its own row (title rows above the header and blank rows
among the data counted), with a note naming the column; never a column of NULLs. Near
misses: the same formulas with values a spreadsheet program computed and cached (read as
those values, no note), and an empty column with no formula (NULL, no note). On workbooks
openpyxl writes, the cached values put into their XML as Excel stores them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_DIARY = [["Orchard diary"], [], ["tree", "volume", "volume m3", "remark"],
          [1, 10.3, "=B4*0.0283168", None], [], [2, 10.2, "=B6*0.0283168", None],
          [3, 16.4, "=B7*0.0283168", None]]
_NOTE = ("diary.xlsx: column volume_m3: formulas stored without their values (the workbook "
         "was written by a program that does not calculate them): read as the formulas' text "
         "(e.g. `=B4*0.0283168`); open and save it in Excel or LibreOffice to compute them, "
         "or compute the column in a model")


def cached(path: Path) -> None:
    """Each formula's value put into the sheet's XML, as Excel saves it after computing."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}

    def computed(cell: re.Match[bytes]) -> bytes:
        row = int(cell[2])
        volume = {4: 10.3, 6: 10.2, 7: 16.4}[row]
        return cell[1] + b"<v>" + repr(volume * 0.0283168).encode() + b"</v>"

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"(<f>B(\d+)\*0\.0283168</f>)<v\s*/>", computed, parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_formulas_without_values_are_read_as_their_text_noted(tmp_path: Path) -> None:
    workbook(tmp_path / "diary.xlsx", {"Trees": _DIARY})
    result = read_source(tmp_path / "diary.xlsx", None, {}, {})
    assert result.table.to_pydict() == {
        "tree": [1, 2, 3], "volume": [10.3, 10.2, 16.4],
        "volume_m3": ["=B4*0.0283168", "=B6*0.0283168", "=B7*0.0283168"],
        "remark": [None, None, None]}
    assert str(result.table.schema.field("volume_m3").type) == "string"
    assert _NOTE in result.schema_notes
    assert not [n for n in result.schema_notes if "column remark:" in n]


def test_formulas_with_cached_values_are_read_as_the_values(tmp_path: Path) -> None:
    workbook(tmp_path / "diary.xlsx", {"Trees": _DIARY})
    cached(tmp_path / "diary.xlsx")
    result = read_source(tmp_path / "diary.xlsx", None, {}, {})
    assert result.table.column("volume_m3").to_pylist() == [
        v * 0.0283168 for v in (10.3, 10.2, 16.4)]
    assert not [n for n in result.schema_notes if "formulas" in n]


def test_an_empty_column_without_formulas_stays_null_unnoted(tmp_path: Path) -> None:
    rows = [r[:2] + r[3:] if len(r) > 2 else r for r in _DIARY]
    rows[2] = ["tree", "volume", "remark"]
    workbook(tmp_path / "diary.xlsx", {"Trees": rows})
    result = read_source(tmp_path / "diary.xlsx", None, {}, {})
    assert result.table.column("remark").to_pylist() == [None, None, None]
    assert not [n for n in result.schema_notes if "formulas" in n]
