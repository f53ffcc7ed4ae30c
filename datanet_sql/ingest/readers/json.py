"""JSON and NDJSON files, read by DuckDB's read_json over the whole file's schema.

`sample_size=-1` makes DuckDB look at every record, so a key that first appears on the last
line is still a column, and `records=true` makes a line that is valid JSON but not an object
(`[1, 2]`, `7`) fail the read (DuckDB's default then reads the whole file as one JSON
column, silently). A file with bad lines fails DuckDB's reader as a whole; then the
file is split into lines by DuckDB, the lines that are not JSON objects become rejects with
their line number, and the good lines are written to a temporary file that read_json reads
with the same type detection, so one bad line does not change the types of the others.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.encoding import detect_encoding, normalize_encoding, utf8_file
from datanet_sql.ingest.readers.shape import RECORD, Query, Raw, shaped
from datanet_sql.ingest.readers.sql import (
    JSON_OBJECT_BYTES,
    column,
    connect,
    named,
    temp_table,
)

if TYPE_CHECKING:
    from datanet_sql.ingest.reading import ReadResult

OPTIONS = ("encoding", "nested")
_ENCODING_SAMPLE = 1 << 20  # bytes decoded before DuckDB reads the rest (which checks UTF-8)
_LINE_SPLIT = "\x01"  # a delimiter no JSON text holds unescaped: each line is one field


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    import duckdb

    con = connect()
    stack.callback(con.close)
    label = str(path)
    if path.stat().st_size == 0:
        return Raw(con, None, label, notes=[f"{path.name}: empty file (0 bytes)"])
    encoding = normalize_encoding(options["encoding"]) if "encoding" in options \
        else detect_encoding(path)
    utf8 = stack.enter_context(utf8_file(path, encoding))
    layout = "newline_delimited" if fmt == "ndjson" else "auto"
    try:
        con.execute(temp_table("_dn_json", _read_json(utf8, layout)))
    except duckdb.Error as error:
        if fmt != "ndjson" and _is_array(utf8):
            raise IngestError(f"not valid JSON: {str(error).splitlines()[0]}", file=label,
                              hint="a JSON array file must parse as a whole; use NDJSON "
                                   "(one record a line) to load the good records") from None
        return _by_lines(stack, con, utf8, label)
    return Raw(con, con.table("_dn_json"), label, materialized="_dn_json")


def stage(con: Any, path: Path, label: str, options: dict[str, Any], columns: dict[str, str],
          parent_key: list[str] | None, table: str, first_record: int) -> ReadResult | None:
    """An NDJSON file read on a DuckDB warehouse's own connection `con` into its temporary
    table `table`, the parent and child rows as queries over it (`shape.shaped`): the
    loader inserts from them in its transaction, so the rows are read once and never copied
    into Arrow and back (profiled on 200k nested lines: the Arrow steps and pyarrow's import
    were a third of the load). Record numbers start at `first_record` (a tailed chunk's
    first line); `label` is the file as messages name it.

    None when the file is to be read into Arrow instead (`read`), which tells what it met:
    options or declared columns given, a first MB that is not plain UTF-8, a read DuckDB
    refuses (a line that is not a JSON object, a byte that is not UTF-8 further on: the
    rejects need the line-by-line read), no rows, or a key `rowid` (which would hide the
    temporary table's row numbers). The caller drops `table`."""
    import duckdb

    from datanet_sql.ingest.reading import ReadResult

    if options or columns or detect_encoding(path, _ENCODING_SAMPLE) != "utf-8":
        return None
    try:
        con.execute(temp_table(table, _read_json(path, "newline_delimited")))
    except duckdb.Error:
        return None
    relation = con.table(table)
    if "rowid" in (c.lower() for c in relation.columns):
        return None
    record = exp.Add(this=exp.column("rowid"), expression=exp.Literal.number(first_record))
    parent, children, notes = shaped(relation, exp.to_table(table), parent_key, label, record)
    counts = [exp.func("count", exp.Star())] + [
        exp.func("coalesce", exp.func("sum", exp.func("len", expr)), exp.Literal.number(0))
        for _, expr in children.values()]
    rows, *elements = con.execute(exp.select(*counts).from_(table).sql("duckdb")).fetchone()
    if not rows:
        return None
    return ReadResult(Query(parent, rows), [], {name: Query(query, int(n)) for (name, (
        query, _)), n in zip(children.items(), elements)}, notes)


def _read_json(path: Path, layout: str) -> exp.Select:
    call = exp.func("read_json", exp.Literal.string(str(path)),
                    named("format", layout), named("records", True),
                    named("sample_size", -1),
                    named("maximum_object_size", JSON_OBJECT_BYTES))
    return exp.select("*").from_(exp.Table(this=call))


def _by_lines(stack: ExitStack, con: Any, path: Path, label: str) -> Raw:
    """Lines that are not JSON objects as rejects; the others read as one NDJSON file."""
    from datanet_sql.ingest.reading import Reject

    lines = exp.func("read_csv", exp.Literal.string(str(path)),
                     named("columns", {"line": "VARCHAR"}),
                     named("header", False), named("delim", _LINE_SPLIT),
                     named("quote", ""), named("escape", ""),
                     named("auto_detect", False), named("strict_mode", False),
                     named("max_line_size", 1 << 30))
    numbered = exp.select("line", exp.Window(this=exp.func("row_number")).as_(RECORD)) \
        .from_(exp.Table(this=lines))
    con.execute(temp_table("_dn_lines", numbered))
    is_object = exp.func("coalesce", exp.EQ(
        this=exp.Case(ifs=[exp.If(this=exp.func("json_valid", column("line")),
                                  true=exp.func("json_type", column("line")))]),
        expression=exp.Literal.string("OBJECT")), exp.false())
    blank = exp.func("trim", exp.func("coalesce", column("line"), exp.Literal.string(""))) \
        .eq(exp.Literal.string(""))
    bad = con.sql(exp.select(RECORD, "line").from_("_dn_lines")
                  .where(exp.and_(exp.not_(blank), exp.not_(is_object)))
                  .order_by(RECORD).sql("duckdb")).fetchall()
    rejects = [Reject(label, str(n), "not a JSON object (invalid JSON)", line) for n, line in bad]
    notes = [f"{path.name}: {len(rejects)} line(s) are not JSON objects"]
    if not con.sql(exp.select("1").from_("_dn_lines").where(is_object).limit(1)
                   .sql("duckdb")).fetchall():  # blank or bad lines only: no columns
        return Raw(con, None, label, rejects, notes)
    good = stack.enter_context(_good_lines(con, is_object))
    numbers = exp.select(RECORD, exp.Window(this=exp.func("row_number"), order=exp.Order(
        expressions=[exp.Ordered(this=column(RECORD))])).as_("_dn_pos")) \
        .from_("_dn_lines").where(is_object)
    rows = exp.select("*", exp.Window(this=exp.func("row_number")).as_("_dn_pos")) \
        .from_(_read_json(good, "newline_delimited").subquery("_dn_json"))
    joined = exp.select(exp.Star(except_=[column("_dn_pos")])).from_(rows.subquery("r")) \
        .join(numbers.subquery("n"), using=["_dn_pos"]).order_by(RECORD)
    con.execute(temp_table("_dn_json", joined))
    return Raw(con, con.table("_dn_json"), label, rejects, notes, materialized="_dn_json")


@contextmanager
def _good_lines(con: Any, is_object: exp.Expression) -> Iterator[Path]:
    """The JSON-object lines, in order, in a temporary NDJSON file removed on exit."""
    handle, name = tempfile.mkstemp(suffix=".ndjson", prefix="datanet_json_")
    os.close(handle)
    query = exp.select("line").from_("_dn_lines").where(is_object).order_by(RECORD)
    params = {"FORMAT": exp.var("csv"), "HEADER": exp.false(), "QUOTE": exp.Literal.string(""),
              "ESCAPE": exp.Literal.string(""), "DELIMITER": exp.Literal.string(_LINE_SPLIT)}
    copy = exp.Copy(this=query.subquery(), kind=False, files=[exp.Literal.string(name)],
                    params=[exp.CopyParameter(this=exp.var(k), expression=v)
                            for k, v in params.items()])
    try:
        con.execute(copy.sql("duckdb"))
        yield Path(name)
    finally:
        os.unlink(name)


def _is_array(path: Path) -> bool:
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read(4096).lstrip().startswith("[")
