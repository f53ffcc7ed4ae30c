"""What the JSON reader does to the numbers DuckDB read: integers past BIGINT kept whole,
and NaN read as NULL. Both files (read whole) and lines (read line by line, `json_lines`)
go through it after DuckDB's read; the warehouse's own NDJSON read (`json.stage`) hands a
file with either to the Arrow path (`wide_integers`, `nan_columns` tell it).

An integer past BIGINT (a 64-bit unsigned hash, a 20-digit id) makes DuckDB type its column
DOUBLE, which rounds it (`18446744073709551716` -> `1.8446744073709552e19`). Such a column
is read again as the numbers' own text, taken from each object by the column's own key:
all integers of up to 38 digits, it is DECIMAL(38,0), every digit kept; longer integers
stay text; otherwise (fractions, exponents) it was a double column, and stays one. Noted
either way. `NaN` (not JSON, but what Python's `json.dumps` writes for a missing float) is
no number past BIGINT: it is read as NULL, noted (see `nans_as_null`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers import nans
from datanet_sql.ingest.readers.json_sql import described, drop, objects
from datanet_sql.ingest.readers.sql import column, ident, replace_table, temp_table

_BIGINT_PAST = 2.0 ** 63   # a DOUBLE this large in magnitude may be an integer DuckDB rounded
_WIDEST = 38               # digits DECIMAL(38,0) holds


def wide_integers(con: Any, table: str) -> list[str]:
    """Top-level DOUBLE columns of `table` with a value past BIGINT's range: integers
    DuckDB may have rounded (see the module docstring)."""
    doubles = [n for n, t in described(con, table).items() if t == "DOUBLE"]
    if not doubles:
        return []
    past = [exp.func("count_if", exp.and_(  # NaN sorts above every number in DuckDB
        exp.func("isfinite", column(n)),
        exp.func("abs", column(n)) >= exp.Literal.number(_BIGINT_PAST))) for n in doubles]
    counts = con.execute(exp.select(*past).from_(table).sql("duckdb")).fetchall()[0]
    return [n for n, count in zip(doubles, counts) if count]


def nans_as_null(con: Any, table: str, name: str) -> list[str]:
    """NaN values of `table`'s top-level columns made NULL, noted (`nans`). JSON has no NaN;
    the token is Python's `json.dumps` writing a missing float (pandas' NaN)."""
    return nans.nans_as_null(con, table, name, "what Python's json.dumps writes for a "
                             "missing float; JSON has no NaN")


def keep_wide_integers(con: Any, path: Path, layout: str, limit: int, name: str,
                        keys: dict[str, str]) -> list[str]:
    """`_dn_json`'s `wide_integers` columns retyped from their own text, each taken from
    its object by its own key (`keys`: the file's keys of the columns DuckDB named
    otherwise, see `json_cased.own_keys`), so keys that differ only by case keep their own
    values (DuckDB's reader, told the columns, matches keys case-blind). The texts must be
    the numbers DuckDB read, row for row (`_dn_json` is in file order), else the column
    stays double, noted."""
    wide = wide_integers(con, "_dn_json")
    if not wide:
        return []
    texts = [exp.func("json_extract_string", column("json"), exp.Literal.string(
        "$." + json.dumps(keys.get(n, n), ensure_ascii=False))).as_(ident(f"_dn_text_{i}"))
        for i, n in enumerate(wide)]
    con.execute(temp_table("_dn_raw", exp.select(*texts).from_(objects(path, layout, limit))))
    checks: list[exp.Expression] = []
    for i, n in enumerate(wide):   # the texts are its numbers; all integers; their digits
        text = column(f"_dn_text_{i}")
        checks += [exp.func("bool_and", exp.NullSafeEQ(this=exp.TryCast(
                       this=text, to=exp.DataType.build("DOUBLE")), expression=column(n))),
                   exp.func("bool_and", exp.func("regexp_full_match", text,
                                                 exp.Literal.string("-?[0-9]+"))),
                   exp.func("max", exp.func("length", exp.func("ltrim", text,
                                                               exp.Literal.string("-"))))]
    side_by_side = exp.select("*").from_("_dn_json").join(exp.Join(this=exp.to_table("_dn_raw"),
                                                                   method="POSITIONAL"))
    found = con.execute(exp.select(*checks).from_(side_by_side.subquery("_dn_both"))
                        .sql("duckdb")).fetchall()[0]
    kinds, notes = {}, []
    for i, n in enumerate(wide):
        same, integers, digits = found[3 * i:3 * i + 3]
        about = f"{name}: column {keys.get(n, n)} holds numbers past BIGINT"
        if not same:
            notes.append(f"{about}, whose text could not be read again: read as double "
                         "(rounded)")
            continue
        kinds[n] = "DOUBLE" if not integers else \
            "DECIMAL(38,0)" if digits <= _WIDEST else "VARCHAR"
        notes.append(f"{about}: " + (
            "they have fractions or exponents, read as double" if not integers else
            f"integers kept whole as {'decimal(38,0)' if digits <= _WIDEST else 'text'}"))
    number = {n: i for i, n in enumerate(wide)}
    retyped = exp.select(*[exp.cast(column(f"_dn_text_{number[n]}"), kinds[n]).as_(ident(n))
                           if n in kinds else column(n) for n in described(con, "_dn_json")])
    replace_table(con, "_dn_json", retyped.from_(side_by_side.subquery("_dn_both")))
    drop(con, "_dn_raw")
    return notes

