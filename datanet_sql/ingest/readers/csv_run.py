"""Running a planned CSV scan (`csv.Scan`) on a DuckDB connection: its rows into a temporary
table, and the reads again when DuckDB's guess from its sample misses (a fraction or text in
a column it guessed integer: types from every row; values of more than one shape: text),
with each row's record number in its file where declared numbers are cast later.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import invisible
from datanet_sql.ingest.readers.fill_values import fills_as_null
from datanet_sql.ingest.readers.nans import nans_as_null
from datanet_sql.ingest.readers.shape import Raw, number_records
from datanet_sql.ingest.readers.sql import column, ident, replace_table, temp_table

if TYPE_CHECKING:
    from datanet_sql.ingest.readers.csv import Scan

GUESS_MISSED = "datanet: a value past DuckDB's type sample is not an integer"
# what writes NaN for a missing number in a CSV, as a note names it (see `nans`)
NAN_WRITERS = "as LabVIEW, MATLAB, numpy and C's printf write a missing number"


def guessed_integer(name: str, fraction: str) -> exp.Expression:
    """A column guessed integer, read as text, as an integer; a value with a fraction (or
    not a number) fails the statement with `GUESS_MISSED`, so the scan is read again with
    types from every row (`run`; a warehouse's insert rolls back and reads so)."""
    value = column(name)
    has_fraction = exp.func("contains", value, exp.Literal.string(fraction))
    return exp.case().when(has_fraction, exp.func("error", exp.Literal.string(GUESS_MISSED))) \
        .else_(exp.cast(value, "BIGINT")).as_(ident(name))


def run(con: Any, scan: Scan, strict: bool) -> Raw | None:
    """The scan's rows in a temporary table of `con` (DuckDB's, which spills to disk past
    its memory limit: a large file is never held whole in Python), with its rejects and
    notes; None (when not `strict`) if DuckDB met invalid UTF-8. A type guessed from
    DuckDB's sample that values further on do not fit is guessed again from every row
    (see `Scan.guessed_misfits`); a column those types make BOOLEAN from words such as
    `Yes`/`No` is then read as text, as the sample's are (`Scan.worded_past_sample`).
    Declared integers and decimals are read as `EXACT` (what is no number is DuckDB's
    reject, with its line), since DuckDB's reader rounds `12.5` into an integer silently; `readers.shape` then casts them, a number that does not fit
    being a reject with its record number (see `_numbered`). NaN in a double column is read
    as NULL, noted (`nans`); more rejects than rows are noted (`csv_rejects`)."""
    query = scan.query()
    if scan.exact:
        query = query.select(exp.Window(this=exp.func("row_number")).as_("_dn_pos"))
    try:
        con.execute(temp_table("_dn_scan", query))
    except Exception as error:  # noqa: BLE001 - duckdb raises its own hierarchy
        if scan.guessed_integers and _missed_guess(error):
            return _read_whole(con, scan, strict, scan.guessed_integers)
        if not strict:
            return None
        raise IngestError(f"cannot read as CSV: {str(error).splitlines()[0]}", file=scan.label,
                          hint="set options: encoding, delimiter, quote, header") from None
    if not strict and scan.bad_encoding(con):
        return None
    if scan.whole_file and (worded := scan.worded_past_sample(con)) is not None:
        con.execute(exp.Drop(tables=[exp.to_table("_dn_scan")], kind="TABLE").sql("duckdb"))
        scan.drop_rejects(con)
        return run(con, worded, strict)
    misfits = scan.guessed_misfits(con)
    if misfits:
        con.execute(exp.Drop(tables=[exp.to_table("_dn_scan")], kind="TABLE").sql("duckdb"))
        return _read_as_text(con, scan, strict, misfits) if scan.whole_file else \
            _read_whole(con, scan, strict, misfits)
    rejects = scan.rejects(con)
    if scan.exact:
        _numbered(con, scan, rejects)
    nulled = nans_as_null(con, "_dn_scan", scan.label, NAN_WRITERS)
    nulled += fills_as_null(con, "_dn_scan", scan.label, set(scan.declared))
    if scan.whole_file:   # numbers past the sample with invisible characters (`invisible`)
        nulled += invisible.in_table(con, "_dn_scan", _text_past_sample(con, scan), scan.label)
    return Raw(con, con.table("_dn_scan"), scan.label, rejects, scan.notes() + nulled,
               set(scan.declared) - set(scan.exact), materialized="_dn_scan")


def _missed_guess(error: Exception) -> bool:
    """DuckDB failed a guessed integer column: a fraction (`guessed_integer`) or text in it."""
    text = str(error)
    return GUESS_MISSED in text or "Could not convert string" in text


def _text_past_sample(con: Any, scan: Scan) -> list[str]:
    """The columns DuckDB's sample typed numbers (none declared) that its types from every
    row made text: a value past the sample is no number."""
    sniffed = dict(zip(scan.dialect.names, scan.dialect.types))
    read = con.table("_dn_scan")
    return [n for n, t in zip(read.columns, read.types) if str(t) == "VARCHAR"
            and sniffed.get(n) in ("BIGINT", "DOUBLE") and n not in scan.declared]


def _read_whole(con: Any, scan: Scan, strict: bool, columns: list[str]) -> Raw | None:
    """The scan read again with types from every row, noted."""
    scan.drop_rejects(con)
    again = run(con, replace(scan, whole_file=True), strict)
    if again is not None:
        again.notes.append(f"{scan.label}: column(s) {', '.join(columns)} have values that "
                           f"do not fit the type DuckDB guessed from its sample: types taken "
                           f"from every row")
    return again


def _read_as_text(con: Any, scan: Scan, strict: bool, columns: list[str]) -> Raw | None:
    """The scan read again with `columns` as text: no type of every row's fits them all."""
    scan.drop_rejects(con)
    again = run(con, replace(scan, text=(*scan.text, *columns)), strict)
    if again is not None:
        again.notes.append(f"{scan.label}: column(s) {', '.join(columns)} hold values of more "
                           f"than one shape (no one type fits every row): read as text")
    return again


def _numbered(con: Any, scan: Scan, rejects: list[Any]) -> None:
    """`_dn_scan`'s rows with their record numbers in their file (see `shape.number_records`)."""
    numbered = number_records("_dn_scan", "_dn_pos", scan.filename, rejects, scan.files)
    replace_table(con, "_dn_scan", numbered)
