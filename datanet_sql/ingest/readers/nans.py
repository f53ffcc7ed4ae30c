"""NaN in a double column read as NULL, shared by the readers whose files write NaN for a
missing number: JSON (Python's `json.dumps` writes `NaN` for a missing float, though JSON
has none) and CSV (LabVIEW, MATLAB's `writetable`, `numpy.savetxt` and C's `printf` write
`NaN` or `nan`, DuckDB's CSV reader reads it as the double NaN). NaN kept would turn every
sum and average over the column into NaN in DuckDB and Postgres alike, and sort above every
number; no export means by it a value the column measured. Each column is named in a note
with how many values it held so.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

_DOUBLES = ("DOUBLE", "FLOAT")


def nan_columns(con: Any, table: str) -> list[str]:
    """Top-level DOUBLE columns of `table` holding NaN (see `nans_as_null`)."""
    read = con.table(table)
    doubles = [n for n, t in zip(read.columns, read.types) if str(t) in _DOUBLES]
    if not doubles:
        return []
    found = [exp.func("count_if", exp.func("isnan", column(n))) for n in doubles]
    counts = con.execute(exp.select(*found).from_(table).sql("duckdb")).fetchall()[0]
    return [n for n, count in zip(doubles, counts) if count]


def nans_as_null(con: Any, table: str, label: str, written: str) -> list[str]:
    """NaN values of `table`'s top-level columns made NULL, each column noted with the
    count, `label` (the file) first and `written` saying what writes NaN so."""
    notes = []
    for n in nan_columns(con, table):
        update = exp.update(table, {n: exp.null()}, where=exp.func("isnan", column(n)))
        count = con.execute(update.sql("duckdb")).fetchall()[0][0]
        notes.append(f"{label}: column {n} holds {count} NaN value(s) ({written}): read as "
                     f"NULL")
    return notes
