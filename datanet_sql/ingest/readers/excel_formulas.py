"""A column of formulas stored without their values: read as the formulas' text, noted.

A workbook a script writes (openpyxl, xlsxwriter, a hobbyist's export) holds each formula
(`=D2*0.0283168`) with no computed value: only a spreadsheet program calculates it when it
opens and saves the file. Read for values (openpyxl's `data_only`), such a column is empty:
a column of NULLs that looks like missing data, with nothing of what the sheet said. datanet
does not evaluate formulas (a guess at Excel's functions and their order), so a column
with no value at all whose cells are such formulas (`excel_totals.uncached_formulas`) is
read as the formulas' text, a note naming the column and saying how to get their values.
Only such a column costs a second read of the sheet, for its formulas alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import append_arrow, ident, replace_table

_FORMULAS = "_dn_formulas"   # the reader's temporary table of the formulas read


def as_text(con: Any, table: str, path: Path, title: str, columns: dict[str, int],
            header_row: int) -> dict[str, str | None]:
    """The staged `table`'s `columns` ({name: 1-based sheet column}) replaced by the text
    of their formulas in the workbook at `path`, sheet `title`, whose header is on
    `header_row` (record n is on row header_row + n); {name: its first formula}."""
    import pyarrow as pa
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book[title]
        sheet.reset_dimensions()
        found: dict[str, list[Any]] = {name: [] for name in columns}
        records = []
        for number, row in enumerate(sheet.iter_rows(min_row=header_row + 1,
                                                     values_only=True), start=1):
            cells = {name: row[i - 1] if i <= len(row) else None for name, i in columns.items()}
            if any(isinstance(v, str) and v.startswith("=") for v in cells.values()):
                records.append(number)
                for name, value in cells.items():
                    found[name].append(value if isinstance(value, str) else None)
    finally:
        book.close()
    append_arrow(con, _FORMULAS, pa.table({RECORD: pa.array(records, pa.int64()), **{
        name: pa.array(values, pa.string()) for name, values in found.items()}}), True)
    staged = exp.Star(replace=[exp.column(ident(n), _FORMULAS).as_(ident(n)) for n in columns])
    replace_table(con, table, exp.select(exp.Column(this=staged, table=ident(table)))
                  .from_(table).join(exp.to_table(_FORMULAS), join_type="left", on=exp.EQ(
                      this=exp.column(ident(RECORD), table), expression=exp.column(
                          ident(RECORD), _FORMULAS)))
                  .order_by(exp.column(ident(RECORD), table)))
    con.execute(exp.Drop(tables=[exp.to_table(_FORMULAS)], kind="TABLE").sql("duckdb"))
    return {name: next((v for v in values if v), None) for name, values in found.items()}


def note(sheet: str, name: str, example: str | None) -> str:
    """The note on the column `name` read as its formulas' text (`example`: its first)."""
    shown = f" (e.g. `{example}`)" if example else ""
    return (f"{sheet}: column {name}: formulas stored without their values (the workbook was "
            f"written by a program that does not calculate them): read as the formulas' "
            f"text{shown}; open and save it in Excel or LibreOffice to compute them, or "
            f"compute the column in a model")
