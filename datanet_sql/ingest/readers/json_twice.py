"""NDJSON whose every line is a JSON string holding an object's JSON: the record serialized
twice (`"{\\"area\\": \\"Alabama\\", ...}"`), as a pipeline writes it when it calls
`json.dumps` on text that already is JSON. DuckDB's reader refuses such lines (they are no
objects), so every line was a reject and the table empty.

When every line that is valid JSON is such a string (lines that are no JSON at all, or
strings holding no object, stay rejects), each line is replaced by the object it holds, in
DuckDB (`json_extract_string` of the line, whose text is then read as any NDJSON line is),
and a note says so. A file with a line that is an object itself is left as it is: it mixes
two shapes, and its strings stay rejects naming their lines.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

NOTE = "every line is a JSON string holding an object (serialized twice): read the objects"


def unwrapped(con: Any, table: str, valid: exp.Expression, name: str) -> list[str]:
    """The lines (column `line`) of `table` that are JSON strings holding an object replaced
    by that object's text when no line is an object itself; the note (with file `name`),
    or none when the file is not of this shape. `valid` holds for the lines that are JSON
    within the size limit (the others are never parsed here)."""
    line = column("line")
    inner = exp.func("json_extract_string", line, exp.Literal.string("$"))
    holds = only_if(
        valid,
        only_if(_is(line, "VARCHAR"), only_if(exp.func("json_valid", inner), _is(inner, "OBJECT"))),
    )
    counts = exp.select(
        exp.func("count_if", holds), exp.func("count_if", only_if(valid, _is(line, "OBJECT")))
    )
    twice, objects = con.execute(counts.from_(table).sql("duckdb")).fetchall()[0]
    if not twice or objects:
        return []
    con.execute(exp.update(table, {"line": inner}, where=holds).sql("duckdb"))
    return [f"{name}: {NOTE}"]


def _is(text: exp.Expression, kind: str) -> exp.Expression:
    """The JSON `text` is a value of `kind` (DuckDB's name: OBJECT, VARCHAR for a string)."""
    return exp.func("json_type", text).eq(exp.Literal.string(kind))


def only_if(test: exp.Expression, then: exp.Expression) -> exp.Expression:
    """`then` where `test` holds, else false: a CASE, so DuckDB evaluates `then` only there
    (`json_type` fails on text that is no JSON)."""
    return exp.Case(ifs=[exp.If(this=test, true=then)], default=exp.false())
