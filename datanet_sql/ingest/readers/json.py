"""JSON and NDJSON files, read by DuckDB's read_json over the whole file's schema.

`sample_size=-1` makes DuckDB look at every record, so a key that first appears on the last
line is still a column, and `records=true` makes a line that is valid JSON but not an object
(`[1, 2]`, `7`) fail the read (DuckDB's default then reads the whole file as one JSON
column, silently). A file with bad lines fails DuckDB's reader as a whole; then the
file is split into lines by DuckDB, the lines that are not JSON objects become rejects with
their line number, and the good lines are written to a temporary file that read_json reads
with the same type detection, so one bad line does not change the types of the others.

DuckDB's reader refuses a file holding an object larger than its `maximum_object_size`
(`options: {max_object_size: 256MB}`, default 64 MB; DuckDB takes objects up to about
twice that, and never limits below 16 MB). Read line by line, an NDJSON line longer than
the limit is a reject that gives its size and that option, not a JSON error; in a JSON
array the read is refused saying so.
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
from datanet_sql.ingest.readers import staged_json
from datanet_sql.ingest.readers.encoding import detect_encoding, normalize_encoding, utf8_file
from datanet_sql.ingest.readers.shape import RECORD, Query, Raw, shaped
from datanet_sql.ingest.readers.sql import column, connect, named, temp_table
from datanet_sql.ingest.readers.staged_json import TABLE, object_limit, stageable

if TYPE_CHECKING:
    from datanet_sql.ingest.reading import ReadResult

OPTIONS = ("encoding", "nested", "max_object_size")
_LINE_SPLIT = "\x01"  # a delimiter no JSON text holds unescaped: each line is one field
_RAW_CHARS = 1000  # what a reject keeps of a line over the size limit


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    import duckdb

    label = str(path)
    limit = object_limit(options, label)
    con = connect(limit)
    stack.callback(con.close)
    if path.stat().st_size == 0:
        return Raw(con, None, label, notes=[f"{path.name}: empty file (0 bytes)"])
    encoding = normalize_encoding(options["encoding"]) if "encoding" in options \
        else detect_encoding(path)
    utf8 = stack.enter_context(utf8_file(path, encoding))
    layout = "newline_delimited" if fmt == "ndjson" else "auto"
    try:
        con.execute(temp_table("_dn_json", _read_json(utf8, layout, limit)))
    except duckdb.Error as error:
        if fmt != "ndjson" and _is_array(utf8) and '"maximum_object_size"' in str(error):
            raise IngestError(f"an object in the array is larger than max_object_size "
                              f"({_megabytes(limit)}) allows", file=label,
                              hint=f"raise it, e.g. options: {{max_object_size: "
                                   f"{4 * limit >> 20}MB}}, or write the records as NDJSON, "
                                   f"one a line") from None
        if fmt != "ndjson" and _is_array(utf8):
            raise IngestError(f"not valid JSON: {str(error).splitlines()[0]}", file=label,
                              hint="a JSON array file must parse as a whole; use NDJSON "
                                   "(one record a line) to load the good records") from None
        return _by_lines(stack, con, utf8, label, limit)
    return Raw(con, con.table("_dn_json"), label, materialized="_dn_json")


def stage(con: Any, path: Path, label: str, options: dict[str, Any], columns: dict[str, str],
          parent_key: list[str] | None, first_record: int,
          read_already: bool = False) -> ReadResult | None:
    """An NDJSON file read on a DuckDB warehouse's own connection `con` into its temporary
    table (`staged_json.TABLE`), the parent and child rows as queries over it
    (`shape.shaped`): the
    loader inserts from them in its transaction, so the rows are read once and never copied
    into Arrow and back (profiled on 200k nested lines: the Arrow steps and pyarrow's import
    were a third of the load). Record numbers start at `first_record` (a tailed chunk's
    first line); `label` is the file as messages name it.

    None when the file is to be read into Arrow instead (`read`), which tells what it met:
    options other than max_object_size or declared columns given, a first MB that is not
    plain UTF-8, a read DuckDB refuses (a line that is not a JSON object or is too large, a
    byte that is not UTF-8 further on: the rejects need the line-by-line read), no rows, or
    a key `rowid` (which would hide the temporary table's row numbers). With `read_already`
    the table already holds the file (see ingest.early_read). The caller drops the table."""
    import duckdb

    from datanet_sql.ingest.reading import ReadResult

    if not read_already:
        if not stageable(path, options, columns):
            return None
        try:
            staged_json.read(con, path, label, options)
        except duckdb.Error:
            return None
    relation = con.table(TABLE)
    if "rowid" in (c.lower() for c in relation.columns):
        return None
    record = exp.Add(this=exp.column("rowid"), expression=exp.Literal.number(first_record))
    parent, children, notes = shaped(relation, exp.to_table(TABLE), parent_key, label, record)
    counts = [exp.func("count", exp.Star())] + [
        exp.func("coalesce", exp.func("sum", exp.func("len", expr)), exp.Literal.number(0))
        for _, expr in children.values()]
    rows, *elements = con.execute(exp.select(*counts).from_(TABLE).sql("duckdb")).fetchone()
    if not rows:
        return None
    return ReadResult(Query(parent, rows), [], {name: Query(query, int(n)) for (name, (
        query, _)), n in zip(children.items(), elements)}, notes)


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.3g} MB"


def _read_json(path: Path, layout: str, limit: int) -> exp.Select:
    call = exp.func("read_json", exp.Literal.string(str(path)),
                    named("format", layout), named("records", True),
                    named("sample_size", -1),
                    named("maximum_object_size", limit))
    return exp.select("*").from_(exp.Table(this=call))


def _by_lines(stack: ExitStack, con: Any, path: Path, label: str, limit: int) -> Raw:
    """Lines that are not JSON objects, or longer than `limit` bytes, as rejects; the
    others read as one NDJSON file."""
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
    size = exp.func("strlen", column("line"))
    oversize = exp.GT(this=size, expression=exp.Literal.number(limit))
    is_object = _unless(oversize, exp.func("coalesce", exp.EQ(
        this=exp.Case(ifs=[exp.If(this=exp.func("json_valid", column("line")),
                                  true=exp.func("json_type", column("line")))]),
        expression=exp.Literal.string("OBJECT")), exp.false()))
    blank = _unless(oversize, exp.func("trim", exp.func(
        "coalesce", column("line"), exp.Literal.string(""))).eq(exp.Literal.string("")))
    raw = exp.Case(ifs=[exp.If(this=oversize, true=exp.func(
        "left", column("line"), exp.Literal.number(_RAW_CHARS)))], default=column("line"))
    bad = con.sql(exp.select(RECORD, raw, size).from_("_dn_lines")
                  .where(exp.and_(exp.not_(blank), exp.not_(is_object)))
                  .order_by(RECORD).sql("duckdb")).fetchall()
    rejects = [Reject(label, str(n), _reason(length, limit), line) for n, line, length in bad]
    over = sum(length > limit for _, _, length in bad)
    notes = [f"{path.name}: {len(rejects) - over} line(s) are not JSON objects"
             + (f", {over} longer than max_object_size ({_megabytes(limit)})" if over else "")]
    if not con.sql(exp.select("1").from_("_dn_lines").where(is_object).limit(1)
                   .sql("duckdb")).fetchall():  # blank or bad lines only: no columns
        return Raw(con, None, label, rejects, notes)
    good = stack.enter_context(_good_lines(con, is_object))
    numbers = exp.select(RECORD, exp.Window(this=exp.func("row_number"), order=exp.Order(
        expressions=[exp.Ordered(this=column(RECORD))])).as_("_dn_pos")) \
        .from_("_dn_lines").where(is_object)
    rows = exp.select("*", exp.Window(this=exp.func("row_number")).as_("_dn_pos")) \
        .from_(_read_json(good, "newline_delimited", limit).subquery("_dn_json"))
    joined = exp.select(exp.Star(except_=[column("_dn_pos")])).from_(rows.subquery("r")) \
        .join(numbers.subquery("n"), using=["_dn_pos"]).order_by(RECORD)
    con.execute(temp_table("_dn_json", joined))
    return Raw(con, con.table("_dn_json"), label, rejects, notes, materialized="_dn_json")


def _unless(skip: exp.Expression, test: exp.Expression) -> exp.Expression:
    """`test`, false where `skip` holds: a CASE, so DuckDB does not evaluate `test` there
    (trimming or parsing a line over the size limit took more than the reader's memory)."""
    return exp.Case(ifs=[exp.If(this=skip, true=exp.false())], default=test)


def _reason(length: int, limit: int) -> str:
    """Why a line is a reject: its size when over the limit (the raw keeps its start)."""
    if length <= limit:
        return "not a JSON object (invalid JSON)"
    return (f"a line of {_megabytes(length)}, longer than max_object_size ({_megabytes(limit)}); "
            f"raise it with options: {{max_object_size: {-(-length // (1 << 20))}MB}} (the raw "
            f"holds its first {_RAW_CHARS} characters)")


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
