"""Workbooks openpyxl cannot read as they are: one saved as "Strict Open XML Spreadsheet"
(read from a copy in the transitional namespaces, noted), and damaged ones (refused with
an error naming the file and the fix, never a traceback). On real files written here."""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import rezip
from openpyxl import Workbook

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

URL = "http://purl.oclc.org/ooxml/spreadsheetml/main"  # a cell's text, not a namespace
STRICT_NOTE = (
    'saved as "Strict Open XML Spreadsheet", whose namespaces openpyxl does not know: read '
    'with them named as an "Excel Workbook" names them (save it as "Excel Workbook" to read '
    "it directly)"
)


def admissions(path: Path) -> Path:
    """A plain (transitional) workbook: text, integers, a date, and a cell holding the text
    of a Strict namespace."""
    book = Workbook()
    sheet = book.active
    sheet.append(["admit", "dept", "freq", "day", "source"])
    sheet.append(["Admitted", "A", 512, datetime.datetime(1973, 9, 1), URL])
    sheet.append(["Rejected", "A", 313, datetime.datetime(1973, 9, 2), f'ns="{URL}"'])
    book.save(path)
    return path


def _strict_names(data: bytes) -> bytes:
    """A part's transitional names as Excel's Strict format writes them (the package's own
    OPC names stay)."""

    def strict(match: re.Match[bytes]) -> bytes:
        area, name = match[1], match[2].replace(b"extended-properties", b"extendedProperties")
        return b"http://purl.oclc.org/ooxml/" + area + b"/" + name

    return re.sub(
        rb"http://schemas\.openxmlformats\.org/(?!package/)(\w+)/2006/([\w/-]+)", strict, data
    )


def strict(plain: Path, target: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")):
            return data
        data = _strict_names(data)
        if name == "xl/workbook.xml":
            data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
        return data

    return rezip(plain, target, change)


def test_a_strict_open_xml_workbook_is_read_as_excel_workbook(tmp_path: Path) -> None:
    path = strict(admissions(tmp_path / "plain.xlsx"), tmp_path / "admissions.xlsx")
    with zipfile.ZipFile(path) as book:  # the file is Strict: openpyxl alone lists no sheet
        assert b"purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" in book.read(
            "_rels/.rels"
        )
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {
            "admit": "Admitted",
            "dept": "A",
            "freq": 512,
            "day": datetime.datetime(1973, 9, 1),
            "source": URL,
        },
        {
            "admit": "Rejected",
            "dept": "A",
            "freq": 313,
            "day": datetime.datetime(1973, 9, 2),
            "source": f'ns="{URL}"',
        },
    ]
    assert result.schema_notes[0] == f"admissions.xlsx: {STRICT_NOTE}"


def test_a_transitional_workbook_is_read_as_it_is(tmp_path: Path) -> None:
    """The near miss: a cell holding a Strict namespace's text makes no workbook Strict."""
    result = read_source(admissions(tmp_path / "plain.xlsx"), None, {}, {})
    assert result.table.column("source").to_pylist() == [URL, f'ns="{URL}"']
    assert not any("Strict" in n for n in result.schema_notes)


def _damaged(plain: Path, tmp_path: Path, kind: str) -> Path:
    target = tmp_path / f"{kind}.xlsx"
    sheet = "xl/worksheets/sheet1.xml"
    if kind == "text":
        target.write_text("admit,freq\nAdmitted,512\n")
        return target
    if kind == "csvs_zipped":
        with zipfile.ZipFile(target, "w") as book:
            book.writestr("admissions.csv", "admit,freq\nAdmitted,512\n")
        return target
    changes: dict[str, Callable[[str, bytes], bytes | None]] = {
        "sheet_missing": lambda name, data: None if name == sheet else data,
        "sheet_cut": lambda name, data: data[: len(data) // 2] if name == sheet else data,
    }
    return rezip(plain, target, changes[kind])


@pytest.mark.parametrize(
    "kind, message, hint",
    [
        ("text", "not an .xlsx workbook: every .xlsx is a zip archive", "format: csv"),
        (
            "csvs_zipped",
            "cannot open the workbook: \"There is no item named '[Content_Types].xml'",
            'save it from Excel as "Excel Workbook (.xlsx)"',
        ),
        (
            "sheet_missing",
            "the workbook holds no worksheet openpyxl can read",
            'save it from Excel as "Excel Workbook (.xlsx)"',
        ),
        ("sheet_cut", "the workbook is damaged: ParseError", "which offers to repair it"),
    ],
)
def test_a_damaged_workbook_is_refused_naming_the_file_and_the_fix(
    tmp_path: Path, kind: str, message: str, hint: str
) -> None:
    path = _damaged(admissions(tmp_path / "plain.xlsx"), tmp_path, kind)
    with pytest.raises(IngestError) as error:
        read_source(path, "xlsx", {}, {})
    assert str(error.value).startswith(f"{path}: {message}")
    assert hint in str(error.value)
