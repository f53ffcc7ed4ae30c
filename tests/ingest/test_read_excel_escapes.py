"""OOXML's `_xHHHH_` escapes in an xlsx's text (Excel writes each CR of a CRLF break in a
cell as `_x000D_`): undone as Excel reads them, in inline strings and in shared strings,
where an escaped underscore (`_x005F_x000D_`, the text `_x000D_`) keeps its text; and a
near miss: text with underscores and `_x` that is no escape, read as written. On real
workbooks openpyxl writes (it writes text into the XML as given, escapes included), the
shared-strings one moved into a shared-strings part as Excel stores text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ingest_helpers import workbook

from datanet_sql.ingest.reading import read_source

_NOTES = [["code", "includes"],
          ["01", "This division includes:_x000D_\n- growing of crops_x000D_\n- farming"],
          ["02", "Tab_x0009_separated, a _x005F_x000D_ escape shown as written"],
          ["03", "plain text"]]
_READ = [{"code": "01", "includes": "This division includes:\r\n- growing of crops\r\n- farming"},
         {"code": "02", "includes": "Tab\tseparated, a _x000D_ escape shown as written"},
         {"code": "03", "includes": "plain text"}]
_INLINE = re.compile(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>',
                     re.DOTALL)


def shared_strings(path: Path) -> None:
    """The workbook's inline strings moved into `xl/sharedStrings.xml`, as Excel stores
    text: each cell `t="s"` with the index of its string."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name).decode() for name in book.namelist()}
    strings: list[str] = []

    def shared(cell: re.Match[str]) -> str:
        strings.append(cell[2])
        return f'<c r="{cell[1]}" t="s"><v>{len(strings) - 1}</v></c>'

    parts["xl/worksheets/sheet1.xml"] = _INLINE.sub(shared, parts["xl/worksheets/sheet1.xml"])
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings) + "</sst>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)


def test_escapes_in_inline_strings_are_undone(tmp_path: Path) -> None:
    workbook(tmp_path / "nace.xlsx", {"NACE": _NOTES[:2] + _NOTES[3:]})
    result = read_source(tmp_path / "nace.xlsx", None, {}, {})
    assert result.table.to_pylist() == [_READ[0], _READ[2]]


def test_escapes_in_shared_strings_are_undone_an_escaped_underscore_kept(tmp_path: Path) -> None:
    """openpyxl drops `x005F_` from shared strings: `_x005F_x000D_` would read as a CR."""
    workbook(tmp_path / "nace.xlsx", {"NACE": _NOTES})
    shared_strings(tmp_path / "nace.xlsx")
    with zipfile.ZipFile(tmp_path / "nace.xlsx") as book:
        assert "_x005F_x000D_" in book.read("xl/sharedStrings.xml").decode()
    result = read_source(tmp_path / "nace.xlsx", None, {}, {})
    assert result.table.to_pylist() == _READ


def test_text_with_underscores_that_is_no_escape_is_read_as_written(tmp_path: Path) -> None:
    """A near miss: names and codes with `_x`, three hex digits, a letter past F."""
    written = ["tax_x_rate", "file_x00D_.csv", "_x000G_ marker", "A_x1_B_x2_"]
    workbook(tmp_path / "codes.xlsx", {"Codes": [["name"], *([w] for w in written)]})
    shared = tmp_path / "shared.xlsx"
    workbook(shared, {"Codes": [["name"], *([w] for w in written)]})
    shared_strings(shared)
    for path in (tmp_path / "codes.xlsx", shared):
        result = read_source(path, None, {}, {})
        assert result.table.column("name").to_pylist() == written
