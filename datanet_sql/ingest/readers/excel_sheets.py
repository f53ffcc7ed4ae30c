"""Which sheet of a workbook is the table, when `sheet:` does not say: the first one a user
sees, past hidden sheets, empty ones and a contents sheet, each skipped with a note; and a
note naming the sheets after it that hold values, which are not loaded.
"""

from __future__ import annotations

import zipfile
import zlib
from contextlib import ExitStack
from itertools import takewhile
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import excel_strict
from datanet_sql.ingest.readers.excel_contents import is_contents
from datanet_sql.ingest.readers.markup import refuse_markup

# what a damaged workbook makes openpyxl raise while a sheet's rows are read: XML cut short
# or malformed (xml.etree's and lxml's errors are SyntaxErrors), a compressed part corrupt
DAMAGED = (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError)


def worksheet_of(stack: ExitStack, path: Path, sheet: str | None
               ) -> tuple[Any, list[str], Path]:
    """The sheet named, else the first one a user sees: a hidden sheet (a lookup list, a
    sheet of formulas' inputs) is not the table, so it is skipped, with a note naming it;
    so are empty sheets before the data (a header alone is a table) and a first sheet
    listing the others (see `excel_contents`). With the notes and the
    workbook file read (a Strict workbook's transitional copy, see `excel_strict`)."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise IngestError("reading .xlsx needs openpyxl", file=path,
                          hint="pip install openpyxl") from None
    if not zipfile.is_zipfile(path):
        refuse_markup(path, "xlsx")   # an HTML table an app's "Export to Excel" wrote
        raise IngestError("not an .xlsx workbook: every .xlsx is a zip archive, and this file "
                          "is not one (an old binary .xls, a password-protected workbook, or "
                          "text named .xlsx)", file=path,
                          hint="save it from Excel as \"Excel Workbook (.xlsx)\" without a "
                               "password, or name its format (format: csv)")
    notes: list[str] = []
    read = path
    if excel_strict.is_strict(path):
        read = excel_strict.transitional_copy(stack, path)
        notes.append(f"{path.name}: {excel_strict.NOTE}")
    try:
        book = load_workbook(read, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises zipfile/KeyError/ValueError
        raise IngestError(f"cannot open the workbook: {error}", file=path,
                          hint="save it from Excel as \"Excel Workbook (.xlsx)\"") from None
    stack.callback(book.close)
    if not book.worksheets:
        raise IngestError("the workbook holds no worksheet openpyxl can read (none listed, "
                          "its part missing, or chart sheets only)", file=path,
                          hint="save it from Excel as \"Excel Workbook (.xlsx)\" with the "
                               "table on a worksheet")
    if sheet is not None and sheet not in book.sheetnames:
        raise IngestError(f"no sheet '{sheet}'", file=path,
                          hint=f"sheets are: {', '.join(book.sheetnames)}")
    if sheet is not None:
        return book[sheet], notes, read
    # Excel and openpyxl never save a workbook without a visible sheet
    shown = [w for w in book.worksheets if w.sheet_state == "visible"] or book.worksheets[:1]
    shown = _past_empty(shown, path.name, notes)
    if len(shown) > 1 and is_contents(shown[0], set(book.sheetnames) - {shown[0].title}):
        notes.append(f"{path.name}: sheet '{shown[1].title}' read, sheet '{shown[0].title}' "
                     f"before it skipped: it lists the workbook's sheets (an export's summary, "
                     f"as Apple Numbers writes), not data (name another with sheet:)")
        shown = shown[1:]
    first = shown[0]
    hidden = [w.title for w in book.worksheets[:book.worksheets.index(first)]
              if w.sheet_state != "visible"]
    if hidden:
        notes.append(f"{path.name}: sheet '{first.title}' read, hidden sheet(s) before it "
                     f"skipped: {', '.join(hidden)} (name another with sheet:)")
    notes += _others_note(path.name, first, shown[1:])
    return first, notes, read


def _others_note(name: str, read: Any, others: list[Any]) -> list[str]:
    """A note naming the visible sheets after the one read that hold values, which are not
    loaded: a workbook of one sheet per experiment, region or month is one table split in
    sheets, and loading the first alone in silence would lose the rest. Those whose first
    filled row is the read sheet's are said to share its header. The note is advice: a
    later sheet that cannot be looked at (its XML damaged) is named as such, and the
    sheet asked for is still read."""
    kept, damaged = [], []
    for worksheet in others:
        try:
            if _has_values(worksheet):
                kept.append((worksheet.title, _first_filled(worksheet)))
        except DAMAGED:
            damaged.append(worksheet.title)
    if not kept and not damaged:
        return []
    header = _first_filled(read)
    alike = [title for title, first in kept if first == header]
    same = (f"; {', '.join(alike)} {'has' if len(alike) == 1 else 'have'} the same header "
            f"as '{read.title}', so the table may be split across sheets" if alike else "")
    unseen = (f"; sheet(s) after it that could not be looked at (damaged: open the workbook "
              f"in Excel, which offers to repair it): {', '.join(damaged)}" if damaged else "")
    listed = (f"; sheet(s) after it holding values are not loaded: "
              f"{', '.join(title for title, _ in kept)}{same}" if kept else "")
    note = (f"{name}: sheet '{read.title}' read{listed}{unseen} (load each as a table of its "
            f"own with sheet:)")
    return [note]


def _first_filled(worksheet: Any) -> tuple[Any, ...] | None:
    """The sheet's first row holding a value, its trailing empty cells dropped."""
    worksheet.reset_dimensions()
    row = next((r for r in worksheet.iter_rows(values_only=True) if filled(r)), None)
    if row is None:
        return None
    values = list(row)
    while values and values[-1] in (None, ""):
        values.pop()
    return tuple(values)


def _past_empty(shown: list[Any], name: str, notes: list[str]) -> list[Any]:
    """The sheets `shown` from the first holding a value on, the empty ones before it named
    in `notes`; all of them when none holds a value (the first is read, an empty table, as
    an empty file is: said in `notes`)."""
    empty = list(takewhile(lambda w: not _has_values(w), shown))
    if len(empty) == len(shown):
        if len(shown) > 1:
            notes.append(f"{name}: every sheet is empty (no cell with a value: "
                         f"{', '.join(w.title for w in shown)}): nothing to load")
        return shown
    if empty:
        notes.append(f"{name}: sheet '{shown[len(empty)].title}' read, empty sheet(s) before "
                     f"it skipped (no cell with a value): {', '.join(w.title for w in empty)} "
                     f"(name another with sheet:)")
    return shown[len(empty):]


def _has_values(worksheet: Any) -> bool:
    """Whether any cell of the sheet holds a value (read up to the first that does): a
    sheet left blank (Excel's untouched `Sheet1` before the data's sheet) is no table."""
    worksheet.reset_dimensions()
    return any(filled(row) for row in worksheet.iter_rows(values_only=True))


def filled(row: tuple[Any, ...] | list[Any]) -> bool:
    """Whether a row holds a value (openpyxl gives an empty cell as None, a cleared one
    as '')."""
    return any(v not in (None, "") for v in row)
