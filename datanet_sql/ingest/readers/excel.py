"""Excel workbooks (.xlsx), read with openpyxl in read-only mode, a chunk of rows at a time.

Exports from people put a title, a subtitle and a blank row above the header; the header
row is `header_row` (1-based, as Excel numbers rows) when given, else the first row that is
as wide as the table below it and holds only text. Cells keep their Excel types (numbers,
dates, text); a column is typed from all its cells, whatever their order: one kind of value
(integers and decimals together count as decimals), else text, and a declared type then
turns the cells that do not fit into rejects. Text cells that spell plain numbers (`'465'`,
what Excel flags with its green triangle as "Number Stored as Text", left by a paste or an
import) in a column of number cells are numbers mistyped: the column is read as numbers,
with a note counting them. A column of such text cells only (codes, `'007'`) stays text.
A text cell of only spaces is blank (NULL), as a CSV field of spaces is: a number "cleared"
by typing a space leaves the column numbers, noted with the count. A text cell holding only
a word exports write for a missing value (`null`, as a JSON-to-Excel connector writes
JavaScript's `String(null)`; `NA`, `N/A`, `NULL`, `None`, `\\N`, `.`: `missing_words`) among
cells of one other kind (numbers, dates) is NULL too, noted naming the words and the count;
among text it stays text (`NA` a country code). Totals rows under the table (formulas that
aggregate the column above, or a label with the sums of the columns above as values, see
`excel_totals`) are not data: they are left out, noted, and so are the subtotal rows
Excel's Data > Subtotal puts between groups; the header row repeated among the rows (a
paged report's, `excel_repeated`) is left out, noted, and so is a group's name alone on
the row above it (a Monday.com board's groups); an ABS time series sheet's series
lines under the names (`Unit` ... `Series ID`, `excel_series`) are left out, noted; a
second table under the data after empty rows ends the table, noted (`excel_stacked`);
merged cells below the header are named (see `excel_merged`).

The rows stream from openpyxl into the reader's DuckDB (which spills to disk past its
memory budget) `CHUNK_ROWS` at a time, so a sheet of any length is read in bounded memory
(held whole, a sheet's cells as Python objects took about ten times their Arrow size). A
column whose kind widens in a later chunk is altered in place when the rows already staged
keep their values (no value yet, or integers becoming decimals); one that turns to text
after values of another kind were staged makes the sheet read a second time with its
final types (the text of a value is Python's, not the warehouse's cast of it).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import chain, islice, takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    excel_escapes,
    excel_formulas,
    excel_repeated,
    excel_series,
    few_others,
    generic_header,
)
from datanet_sql.ingest.readers.excel_merged import merged_notes
from datanet_sql.ingest.readers.excel_sheets import DAMAGED, filled, worksheet_of
from datanet_sql.ingest.readers.excel_stacked import first_table
from datanet_sql.ingest.readers.excel_stacked import note as stacked_note
from datanet_sql.ingest.readers.excel_totals import (
    held_totals,
    outline_subtotals,
    sheet_tail,
    subtotals_note,
    totals_rows,
    uncached_formulas,
)
from datanet_sql.ingest.readers.missing_words import MISSING_WORDS
from datanet_sql.ingest.readers.names import renamed, unique_names
from datanet_sql.ingest.readers.shape import RECORD, Raw
from datanet_sql.ingest.readers.sql import (
    append_arrow,
    column,
    connect,
    ident,
    replace_table,
)
from datanet_sql.ingest.readers.totals import note as totals_note

if TYPE_CHECKING:
    import pyarrow

OPTIONS = ("sheet", "header_row")
CHUNK_ROWS = 10_000   # rows held as Python objects at once
_HEADER_SEARCH = 30   # rows looked at to find the header
_TABLE = "_dn_sheet"  # the reader's temporary table of the sheet's rows
# each kind of cell openpyxl gives, as Arrow types it (and DuckDB's name for it)
_KINDS = {int: ("int64", "BIGINT"), float: ("float64", "DOUBLE"), bool: ("bool_", "BOOLEAN"),
          str: ("string", "VARCHAR"), dt.datetime: ("timestamp", "TIMESTAMP"),
          dt.date: ("date32", "DATE"), dt.time: ("time64", "TIME"),
          dt.timedelta: ("duration", "INTERVAL")}
_NUMBER_TEXT = re.compile(r"\s*-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?\s*")  # no leading zeros


class _IntegerText:
    """The kind of a text cell spelling an integer (`'465'`), counted apart from text."""


class _DecimalText:
    """The kind of a text cell spelling a decimal (`'1.35'`, `'2e3'`)."""


_SPELLED = {_IntegerText: int, _DecimalText: float}


class _SpacesCell:
    """The kind of a text cell of only spaces (a number "cleared" by typing a space): a
    blank cell, so NULL, and no evidence of the column's type; counted for the note."""


class _ErrorCell:
    """The kind of an error cell (`#DIV/0!`, `#N/A`: a formula that failed): no value, so
    NULL, and no evidence of the column's type; counted for the note."""


_NO_VALUE = frozenset({_SpacesCell, _ErrorCell})  # kinds of cell read as NULL


class _MissingWord:
    """The kind of a text cell holding only a missing-value word (`null`, `NA`): NULL in a
    column whose other cells are of one kind other than text, text otherwise. One subclass
    per word (`_MISSING`), so that the note names the words the column holds."""

    word = ""


_MISSING = {w: type("_MissingWord", (_MissingWord,), {"word": w}) for w in MISSING_WORDS}
_MISSING_KINDS = frozenset(_MISSING.values())


@functools.cache
def _errors() -> frozenset[str]:
    """openpyxl's error codes (imported when a sheet is read: openpyxl is an extra)."""
    from openpyxl.cell.cell import ERROR_CODES

    return frozenset(ERROR_CODES)


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    try:
        return _read(stack, path, options)
    except DAMAGED as error:
        raise IngestError(f"the workbook is damaged: {type(error).__name__}: {error}",
                          file=path, hint="open it in Excel (which offers to repair it) and "
                                          "save it again as \"Excel Workbook (.xlsx)\"") from None


def _read(stack: ExitStack, path: Path, options: dict[str, Any]) -> Raw:
    """The workbook's sheet as `read` returns it."""
    worksheet, skipped, book = worksheet_of(stack, path, options.get("sheet"))
    # read-only openpyxl reads only the rows and columns the sheet's `<dimension>` declares,
    # which some writers leave stale (`A1` over a whole table: one column, no rows); without
    # it every row is read as stored, each as wide as its last cell (`_columns` pads them)
    worksheet.reset_dimensions()
    con = connect()
    stack.callback(con.close)
    given = options.get("header_row")
    rows = excel_escapes.rows(worksheet)  # OOXML escapes (`_x000D_`) undone
    head = list(islice(rows, max(_HEADER_SEARCH, given if isinstance(given, int) else 0)))
    if not any(filled(r) for r in head) and not any(filled(r) for r in rows):
        return Raw(con, None, str(path), notes=[f"{path.name}: empty sheet", *skipped])
    if given is not None and not (isinstance(given, int) and 1 <= given <= len(head)):
        raise IngestError(f"header_row is {given!r}; the sheet has {len(head)} rows", file=path,
                          hint="header_row is the 1-based Excel row number of the header")
    index = given - 1 if given else find_header(head)
    index, generic = (index, []) if given else _promoted(head, index, path.name)
    index = index if given else excel_series.header(head, index)
    header = list(head[index])
    if not filled(header):
        raise IngestError(f"the header row {index + 1} is blank", file=path,
                          hint="set header_row: to the 1-based Excel row number of the header")
    width = max(i + 1 for i, v in enumerate(header) if v not in (None, ""))
    names = unique_names([str(h) if h is not None else "" for h in header[:width]])
    kinds: list[Counter[type]] = [Counter() for _ in range(width)]
    # openpyxl yields the sheet's rows from row 1, blank ones included: record n is on
    # Excel row index + 1 + n
    tail = sheet_tail(book, worksheet._worksheet_path)  # its XML part's end
    totals = {row - index - 1: formula for row, formula in totals_rows(tail).items()}
    series = excel_series.lines(head[index + 1 :])  # records 1..series: no rows
    totals_or_series = totals | dict.fromkeys(range(1, series + 1), "")
    subtotals: dict[int, str] = {}
    stacked: list[int] = []  # the record number of a second table's header, blank rows
    repeats: list[int] = []  # the record numbers of the header's repeats
    groups: list[tuple[int, str]] = []  # the group titles above them (record number, name)
    below = excel_repeated.left_out(_records(chain(head[index + 1 :], rows), totals_or_series),
                                    header[:width], repeats, groups)
    staged = first_table(below, width, stacked)
    records = held_totals(outline_subtotals(staged, width, subtotals), width, totals)
    if not _stage(con, records, names, kinds):
        again = islice(excel_escapes.rows(worksheet), index + 1, None)
        end = stacked[0] if stacked else None
        kept = _records(again, totals_or_series | subtotals | dict.fromkeys(repeats, "")
                        | dict.fromkeys((n for n, _ in groups), ""))
        first_rows = takewhile(lambda record: end is None or record[0] < end, kept)
        _stage(con, first_rows, names, kinds, fixed=True)
    above = "title" if any(filled(r) for r in head[:index]) else "blank"
    notes = [*skipped, f"{path.name}: header on row {index + 1}"
             + (f", {index} {above} row(s) above it skipped" if index else ""), *generic]
    if series:
        notes.append(excel_series.note(path.name, index + 2, series))
    notes += [totals_note(path.name, f"row {n + index + 1}", formula)
              for n, formula in sorted(totals.items())]
    if groups:
        first_group = [(index, head[index - 1][0])] if index and excel_repeated.lone_text(
            head[index - 1]) else []
        notes.append(excel_repeated.groups_note(
            path.name, first_group + [(n + index + 1, name) for n, name in groups]))
    elif repeats:
        notes.append(excel_repeated.note(path.name, [n + index + 1 for n in repeats]))
    if subtotals:
        notes.append(subtotals_note(path.name, subtotals, min(subtotals) + index + 1))
    if stacked:
        notes.append(stacked_note(path.name, stacked[0] + index + 1, stacked[1]))
    first, side = _table_columns(header[:width], kinds)
    if first or side is not None:
        _keep(con, names[first:side])
    if first:
        notes.append(_margin_note(first, index + 1, path.name))
    if side is not None:
        notes.append(_side_note(side, header[:width], path.name))
        names, width = names[:side], side
    notes += _numbers_as_text(names, kinds[:width], path.name)
    notes += _error_cells(names, kinds[:width], path.name)
    notes += _spaces_cells(names, kinds[:width], path.name)
    notes += _missing_words(names, kinds[:width], path.name)
    notes += few_others.in_table(con, _TABLE, {n: column(n) for n in _numbers_but_few(
        names, kinds[:width])}, path.name)
    uncached = _uncached(names, kinds[:width], tail, first)
    if uncached:
        formulas = excel_formulas.computed(con, _TABLE, book, worksheet.title, uncached,
                                           index + 1)
        notes += [excel_formulas.note(path.name, n, shown) for n, shown in formulas.items()]
    notes += merged_notes(tail, index + 1, names[:width], path.name)
    notes += renamed(["" if h is None else str(h) for h in header[first:width]], names[first:])
    return Raw(con, con.table(_TABLE), str(path), notes=notes, materialized=_TABLE)


def _numbers_as_text(names: list[str], kinds: list[Counter[type]], sheet: str) -> list[str]:
    """A note for each column read as numbers though some of its cells are text."""
    notes = []
    for name, seen in zip(names, kinds):
        count = sum(seen[k] for k in _SPELLED)
        if count and _column_type(seen)[1] in ("BIGINT", "DOUBLE"):
            notes.append(f"{sheet}: column {name}: {count} text cell(s) spell numbers (Excel's "
                         f"\"Number Stored as Text\"), among number cells: read as numbers; "
                         f"declare the column varchar to keep every cell as text")
    return notes


def _numbers_but_few(names: list[str], kinds: list[Counter[type]]) -> list[str]:
    """Columns read as text whose cells are numbers but for a few text cells (see
    `few_others`): counted here, the few named from the staged table."""
    numbers = {int, float, *_SPELLED}
    texts = {str, *_MISSING_KINDS}
    return [name for name, seen in zip(names, kinds)
            if set(seen) - _NO_VALUE <= numbers | texts and few_others.few(
                text := sum(seen[k] for k in texts), text + sum(seen[k] for k in numbers))]


def _table_columns(header: list[Any], kinds: list[Counter[type]]) -> tuple[int, int | None]:
    """Where the table's columns begin, and where a second table beside it begins.

    A column with neither a header nor a value is no column: those left of the first
    filled one are the sheet's margin (a report laid out from C2); the first one after it,
    when a header follows to its right, ends the table (a legend or lookup placed beside
    the data after a blank column; None when the header row is one table)."""
    empty = [h in (None, "") and not seen for h, seen in zip(header, kinds)]
    first = empty.index(False)  # the header row has a filled cell
    gaps = [i for i in range(first, len(header)) if empty[i]]
    return first, gaps[0] if gaps and any(h not in (None, "") for h in header[gaps[0]:]) \
        else None


def _keep(con: Any, names: list[str]) -> None:
    """`_TABLE` cut to the columns `names`, without the rows none of them fills (rows only
    a table beside the data filled)."""
    filled = exp.or_(*[column(n).is_(exp.null()).not_() for n in names])
    rows = exp.select(*[column(n) for n in (*names, RECORD)]).from_(_TABLE).where(filled)
    replace_table(con, _TABLE, rows)


def _margin_note(first: int, header_row: int, sheet: str) -> str:
    """The note naming the empty columns left of the table."""
    from openpyxl.utils import get_column_letter

    margin = "A" if first == 1 else f"A-{get_column_letter(first)}"
    return (f"{sheet}: the table starts in {get_column_letter(first + 1)}{header_row}: "
            f"column(s) {margin}, empty, are not columns")


def _side_note(side: int, header: list[Any], sheet: str) -> str:
    """The note naming the table right of the empty column `side`, not loaded."""
    from openpyxl.utils import get_column_letter

    start = next(i for i in range(side, len(header)) if header[i] not in (None, ""))
    right = [str(h) for h in header[start:] if h not in (None, "")]
    return (f"{sheet}: columns {get_column_letter(start + 1)}-{get_column_letter(len(header))} "
            f"({', '.join(right)}), right of the empty column {get_column_letter(side + 1)}, "
            f"are another table: not loaded (move it to a sheet of its own to load it)")


def _promoted(head: list[tuple[Any, ...]], index: int, sheet: str) -> tuple[int, list[str]]:
    """The header row and its note when the header found is Power Query's generic
    `Column1` ... over the real names (`generic_header`): the row under it, noted; the same
    row, noted, when the row under it could be names or a record; else the same row."""
    header = list(head[index])
    if not generic_header.generic(header):
        return index, []
    found = generic_header.names_row(header, head[index + 1 :])
    if found:
        return index + 1, [f"{sheet}: " + generic_header.note(header, f"row {index + 1}",
                                                              f"row {index + 2}")]
    if found is None:
        return index, [f"{sheet}: " + generic_header.doubt(f"row {index + 1}",
                                                           f"header_row: {index + 2}")]
    return index, []


def find_header(rows: list[tuple[Any, ...]]) -> int:
    """The first row, among the first ones, filled as wide as the widest row and all text."""
    head = rows[:_HEADER_SEARCH]
    widest = max(sum(v not in (None, "") for v in r) for r in head)
    for index, row in enumerate(head):
        cells = [v for v in row if v not in (None, "")]
        if len(cells) >= widest and all(isinstance(v, str) for v in cells):
            return index
    return next(i for i, r in enumerate(head) if filled(r))


def _records(rows: Iterable[tuple[Any, ...]], totals: dict[int, str]
             ) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The filled rows below the header with their record number (rows below it, 1-based,
    blank ones counted), but the `totals` rows."""
    return ((n, r) for n, r in enumerate(rows, start=1) if filled(r) and n not in totals)


def _stage(con: Any, records: Iterator[tuple[int, tuple[Any, ...]]], names: list[str],
           kinds: list[Counter[type]], fixed: bool = False) -> bool:
    """The records into the temporary table `_TABLE`, `CHUNK_ROWS` at a time, each column
    typed from the kinds of value met so far (`kinds`, updated; with `fixed`, already
    complete). False when a column turned to text after values of another kind were
    staged: the table is dropped and the remaining records only add to `kinds`."""
    import pyarrow as pa

    staged: list[tuple[pyarrow.DataType, str]] | None = None
    for chunk in iter(lambda: list(islice(records, CHUNK_ROWS)), []):
        columns = _columns(chunk, len(names))
        if not fixed:
            _add_kinds(kinds, columns)
        types = [_column_type(k) for k in kinds]
        if staged is not None and not _widen(con, names, staged, types):
            con.execute(exp.Drop(tables=[exp.to_table(_TABLE)], kind="TABLE").sql("duckdb"))
            for rest in iter(lambda: list(islice(records, CHUNK_ROWS)), []):
                _add_kinds(kinds, _columns(rest, len(names)))
            return False
        arrays = [_array(values, kind) for values, (kind, _) in zip(columns, types)]
        numbers = pa.array([n for n, _ in chunk], pa.int64())
        append_arrow(con, _TABLE, pa.table([*arrays, numbers], names=[*names, RECORD]),
                     staged is None)
        staged = types
    if staged is None:  # a header and no rows
        types = [_column_type(k) for k in kinds]
        append_arrow(con, _TABLE, pa.table([pa.array([], kind) for kind, _ in types] + [
            pa.array([], pa.int64())], names=[*names, RECORD]), True)
    return True


def _columns(chunk: list[tuple[int, tuple[Any, ...]]], width: int) -> list[tuple[Any, ...]]:
    """The chunk's cells column by column, rows cut or padded to the header's width."""
    rows = [r[:width] if len(r) >= width else r + (None,) * (width - len(r)) for _, r in chunk]
    return list(zip(*rows))


def _add_kinds(kinds: list[Counter[type]], columns: list[tuple[Any, ...]]) -> None:
    for seen, values in zip(kinds, columns):
        seen.update(map(_kind, values))
        seen.pop(type(None), None)


def _kind(value: Any) -> type:
    """The value's type, or a text cell's that spells a number (see `_SPELLED`), or an
    error cell's, or a blank one's (only spaces), or a missing-value word's."""
    if isinstance(value, str) and value and not value.strip():
        return _SpacesCell
    if isinstance(value, str) and (spelled := _NUMBER_TEXT.fullmatch(value)):
        return _DecimalText if spelled[2] or spelled[3] else _IntegerText
    if isinstance(value, str) and value in _errors():
        return _ErrorCell
    if isinstance(value, str) and value in _MISSING:
        return _MISSING[value]
    return type(value)


def _uncached(names: list[str], kinds: list[Counter[type]], tail: Any, first: int
              ) -> dict[str, int]:
    """{name: its 1-based sheet column} of the table's columns (from the `first`) with no
    value at all whose cells are formulas stored without their results (see
    `excel_totals.uncached_formulas`), computed or refused (`excel_formulas`)."""
    from openpyxl.utils import get_column_letter

    letters = uncached_formulas(tail)
    return {name: index + 1 for index, (name, counted) in enumerate(zip(names, kinds))
            if index >= first and get_column_letter(index + 1) in letters
            and not set(counted) - _NO_VALUE}


def _error_cells(names: list[str], kinds: list[Counter[type]], sheet: str) -> list[str]:
    """A note per column holding error cells, read as NULL."""
    return [f"{sheet}: column {name}: {counted[_ErrorCell]} error cell(s) (#DIV/0!, #N/A, ...: "
            f"formulas that failed) read as NULL"
            for name, counted in zip(names, kinds) if counted[_ErrorCell]]


def _spaces_cells(names: list[str], kinds: list[Counter[type]], sheet: str) -> list[str]:
    """A note per column of values other than text holding text cells of only spaces: read
    as blank (NULL), they would have made the column text."""
    return [f"{sheet}: column {name}: {counted[_SpacesCell]} text cell(s) of only spaces (a "
            f"value cleared by typing a space) read as blank (NULL), the column as "
            f"{_column_type(counted)[1]}"
            for name, counted in zip(names, kinds)
            if counted[_SpacesCell] and _column_type(counted)[1] not in ("VARCHAR", "NULL")]


def _missing_words(names: list[str], kinds: list[Counter[type]], sheet: str) -> list[str]:
    """A note per column of values other than text holding text cells of a missing-value
    word, read as NULL: they would have made the column text."""
    notes = []
    for name, counted in zip(names, kinds):
        words = {k.word: n for k, n in counted.items() if k in _MISSING_KINDS}
        duck = _column_type(counted)[1]
        if words and duck not in ("VARCHAR", "NULL"):
            spelled = ", ".join(f"{w!r}" for w in words)
            notes.append(f"{sheet}: column {name}: {sum(words.values())} text cell(s) "
                         f"{spelled} (a word for a missing value) read as NULL, the column as "
                         f"{duck}; declare it varchar to keep every cell as text")
    return notes


def _column_type(counted: Counter[type]) -> tuple[pyarrow.DataType, str]:
    """The Arrow and DuckDB types of a column holding these kinds of value: text cells
    spelling numbers count as numbers beside number cells, as text otherwise; missing-value
    words are no value beside cells of one kind other than text, text otherwise."""
    import pyarrow as pa

    kinds = set(counted) - _NO_VALUE - _MISSING_KINDS
    if set(counted) & _MISSING_KINDS and (not kinds or _kinds_type(kinds)[1] == "VARCHAR"):
        kinds.add(str)  # the words among text (or alone) are text
    if not kinds:
        return pa.null(), "NULL"
    return _kinds_type(kinds)


def _kinds_type(kinds: set[type]) -> tuple[pyarrow.DataType, str]:
    """The Arrow and DuckDB types of a column holding values of `kinds` (no blank kind)."""
    import pyarrow as pa

    numbers = kinds & {int, float} and kinds <= {int, float, *_SPELLED}
    kinds = {_SPELLED[k] if numbers else str for k in kinds & set(_SPELLED)} | \
        (kinds - set(_SPELLED))
    if kinds <= {int, float}:
        kinds = {float} if float in kinds else {int}
    kind = next(iter(kinds))
    if len(kinds) > 1 or kind not in _KINDS:
        return pa.string(), "VARCHAR"
    name, duck = _KINDS[kind]
    unit = ("us",) if name in ("timestamp", "time64", "duration") else ()
    return getattr(pa, name)(*unit), duck


def _widen(con: Any, names: list[str], staged: list[tuple[pyarrow.DataType, str]],
           types: list[tuple[pyarrow.DataType, str]]) -> bool:
    """The staged columns altered to `types` where their values stay what they are (no
    value yet, or integers becoming decimals); False when another change is needed."""
    changed = [(name, old, new) for name, (_, old), (_, new) in zip(names, staged, types)
               if old != new]
    if any(old != "NULL" and (old, new) != ("BIGINT", "DOUBLE") for _, old, new in changed):
        return False
    for name, _, duck in changed:
        con.execute(exp.Alter(this=exp.to_table(_TABLE), kind="TABLE", actions=[
            exp.AlterColumn(this=ident(name), dtype=exp.DataType.build(duck))]).sql("duckdb"))
    return True


def _array(values: tuple[Any, ...], kind: pyarrow.DataType) -> pyarrow.Array:
    """A column's cells as `kind`; for text, a cell of another kind as Python writes it."""
    import pyarrow as pa

    if any(isinstance(v, str) for v in values):
        blank = _NO_VALUE if kind == pa.string() else _NO_VALUE | _MISSING_KINDS
        values = tuple(None if isinstance(v, str) and _kind(v) in blank else v
                       for v in values)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):  # text spelling numbers
        number = int if pa.types.is_integer(kind) else float
        return pa.array([number(v) if isinstance(v, str) else v for v in values], kind)
    if kind != pa.string():
        return pa.array(values, kind)
    try:
        return pa.array(values, kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([v if v is None or isinstance(v, str) else str(v) for v in values],
                        kind)
