"""A column of formulas stored without their values: computed where it is plain arithmetic
on the row's own numbers, refused otherwise.

A workbook a script writes (openpyxl, xlsxwriter, a hobbyist's export) holds each formula
(`=D2*0.0283168`) with no computed value: only a spreadsheet program calculates it when it
opens and saves the file. Read for values (openpyxl's `data_only`), such a column was empty:
a column of NULLs that looks like missing data. Its formulas' text is no value either (a
`weight_lb` of `=C2*2.20462` strings). A column with no value at all whose cells are such
formulas (`excel_totals.uncached_formulas`) is computed where every formula is arithmetic
(`+ - * /`, parentheses, numbers) on cells of its own row that hold numbers, as Excel
computes it in doubles, noted naming the column and a formula. Any other formula (a
function, another row's cell, a text cell, a division by zero) refuses the read, naming
the column and the cell: datanet does not guess at Excel's functions. Only such a column
costs a second read of the sheet, for its formulas and their rows.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import append_arrow, ident, replace_table

_FORMULAS = "_dn_formulas"   # the reader's temporary table of the values computed
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_OPERATORS: dict[type, Callable[..., float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.USub: operator.neg, ast.UAdd: operator.pos}


class _NotPlain(Exception):
    """A formula that is not arithmetic on its row's numbers: why."""


def computed(con: Any, table: str, path: Path, title: str, columns: dict[str, int],
             header_row: int) -> dict[str, str]:
    """The staged `table`'s `columns` ({name: 1-based sheet column}) replaced by their
    formulas' values, computed from the workbook at `path`, sheet `title`, whose header is
    on `header_row` (record n is on row header_row + n); {name: a formula shown}."""
    import pyarrow as pa
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book[title]
        sheet.reset_dimensions()
        found: dict[str, list[float | None]] = {name: [] for name in columns}
        shown: dict[str, str] = {}
        records = []
        for number, row in enumerate(sheet.iter_rows(min_row=header_row + 1,
                                                     values_only=True), start=1):
            cells = {name: row[i - 1] if i <= len(row) else None for name, i in columns.items()}
            if not any(_is_formula(v) for v in cells.values()):
                continue
            records.append(number)
            for name, value in cells.items():
                where = f"{get_column_letter(columns[name])}{header_row + number}"
                if not _is_formula(value):
                    found[name].append(None)
                    continue
                try:
                    found[name].append(_value(value, header_row + number, row))
                except _NotPlain as why:
                    raise IngestError(
                        f"column {name}: cell {where} holds the formula {value} stored without "
                        f"its value (a workbook written by a program that does not calculate), "
                        f"which datanet does not compute: {why}", file=path,
                        hint="open and save the workbook in Excel or LibreOffice to store "
                             "the values, or compute the column in a model") from None
                shown.setdefault(name, f"{where} {value}")
    finally:
        book.close()
    append_arrow(con, _FORMULAS, pa.table({RECORD: pa.array(records, pa.int64()), **{
        name: pa.array(values, pa.float64()) for name, values in found.items()}}), True)
    staged = exp.Star(replace=[exp.column(ident(n), _FORMULAS).as_(ident(n)) for n in columns])
    replace_table(con, table, exp.select(exp.Column(this=staged, table=ident(table)))
                  .from_(table).join(exp.to_table(_FORMULAS), join_type="left", on=exp.EQ(
                      this=exp.column(ident(RECORD), table), expression=exp.column(
                          ident(RECORD), _FORMULAS)))
                  .order_by(exp.column(ident(RECORD), table)))
    con.execute(exp.Drop(tables=[exp.to_table(_FORMULAS)], kind="TABLE").sql("duckdb"))
    return shown


def note(sheet: str, name: str, shown: str) -> str:
    """The note on the column `name` computed from its formulas (`shown`: one of them)."""
    return (f"{sheet}: column {name}: formulas stored without their values (the workbook was "
            f"written by a program that does not calculate them, e.g. {shown}): computed "
            f"from the numbers of each formula's row, as Excel computes them; open and save "
            f"it in Excel or LibreOffice to store Excel's own values")


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _value(formula: str, row: int, cells: tuple[Any, ...]) -> float:
    """The formula's value: arithmetic on numbers and on cells of sheet row `row` (`cells`:
    its values, from column A)."""
    from openpyxl.utils import column_index_from_string

    names: dict[str, str] = {}

    def cell(letters: str) -> Any:
        index = column_index_from_string(letters) - 1
        return cells[index] if index < len(cells) else None

    def named(match: re.Match[str]) -> str:
        if int(match[2]) != row:
            raise _NotPlain(f"{match[0]} is a cell of another row")
        names[f"_{match[1]}"] = match[1]
        return f"_{match[1]}"
    try:
        tree = ast.parse(_CELL.sub(named, formula[1:]).strip(), mode="eval")
    except SyntaxError:
        raise _NotPlain("it is no arithmetic of + - * / on numbers and cells") from None

    def evaluate(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return evaluate(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in names:
            value = cell(names[node.id])
            if type(value) not in (int, float):
                raise _NotPlain(f"{names[node.id]}{row} holds {value!r}, not a number")
            return float(value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            left, right = evaluate(node.left), evaluate(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise _NotPlain("it divides by zero (#DIV/0! in Excel)")
            return _OPERATORS[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](evaluate(node.operand))
        raise _NotPlain("it is no arithmetic of + - * / on numbers and cells")
    return evaluate(tree)
