"""sqlglot building blocks the JSON reader's modules share (`json`, `json_lines`,
`json_numbers`, `json_cased`, the line repairs): DuckDB's two ways of reading a JSON file, a
table's column types and its dropping, and lines replaced by their repaired texts. In one home so none of those modules reaches into another's
privates, and so `json` imports its parts without their importing it back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.shape import RECORD
from datanet_sql.ingest.readers.sql import named


def read_json(path: Path, layout: str, limit: int, columns: dict[str, str] | None = None
              ) -> exp.Select:
    """Every record of the file as a row of columns, typed over the whole file
    (`sample_size=-1`) or of the `columns` given (see `json_parts`), a value that is no
    object failing the read (`records=true`); see the `json` module's docstring."""
    typing = named("sample_size", -1) if columns is None else named("columns", columns)
    call = exp.func("read_json", exp.Literal.string(str(path)),
                    named("format", layout), named("records", True), typing,
                    named("maximum_object_size", limit))
    return exp.select("*").from_(exp.Table(this=call))


def objects(path: Path, layout: str, limit: int) -> exp.Table:
    """The file's objects, one a row, in file order, each as its JSON text (`json`)."""
    return exp.Table(this=exp.func(
        "read_json_objects", exp.Literal.string(str(path)),
        named("format", "newline_delimited" if layout != "auto" else "auto"),
        named("maximum_object_size", limit)))


def described(con: Any, table: str) -> dict[str, str]:
    """The table's columns and DuckDB's spelling of their types."""
    query = exp.Describe(this=exp.to_table(table)).sql("duckdb")
    return {row[0]: row[1] for row in con.execute(query).fetchall()}


def drop(con: Any, table: str) -> None:
    con.execute(exp.Drop(tables=[exp.to_table(table)], kind="TABLE").sql("duckdb"))


def replace_lines(con: Any, table: str, numbers: list[int], texts: list[str]) -> None:
    """`line` of the records `numbers` of `table` set to `texts`, in one UPDATE: how a
    repair made in Python (a dict repr's JSON, a line's escapes undone) reaches the lines
    the JSON reader reads."""
    import pyarrow as pa

    con.register("_dn_repaired", pa.table({RECORD: numbers, "json": texts}))
    try:
        con.execute(
            exp.update(
                table,
                {"line": exp.column("json", "_dn_repaired")},
                from_="_dn_repaired",
                where=exp.column(RECORD, table).eq(exp.column(RECORD, "_dn_repaired")),
            ).sql("duckdb")
        )
    finally:
        con.unregister("_dn_repaired")


def file_objects(path: Path) -> list[Any] | None:
    """The file's JSON values: the array it is, the one value it is, else one a line
    (NDJSON, `dumpdata --format jsonl`); None when a line is no JSON Python reads. Read
    whole in Python: for the small documents of a known shape (Splunk's export, a Django
    fixture) that the readers recognise before DuckDB reads them as rows."""
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    try:
        whole = json.loads(text)
    except ValueError:
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError:
            return None
    return whole if isinstance(whole, list) else [whole]
