"""A JSON file DuckDB's reader refused as a whole, read line by line (or object by object)
so that one bad record is a reject instead of the whole file's failure.

A file with bad lines fails DuckDB's reader as a whole; then the file is split into lines
by DuckDB, the lines that are not JSON objects become rejects with their line number, and
the good lines are written to a temporary file that read_json reads with the same type
detection, so one bad line does not change the types of the others. A JSON array cannot be
read so: it is refused saying why, unless an object writes a key twice, when it is read
object by object (`json_duplicates`).

An NDJSON line longer than `max_object_size` is a reject that gives its size and that
option, not a JSON error; in a JSON array the read is refused saying so. Lines that are an
object and one comma (a JSON array's items without its brackets) lose the comma, noted.
Lines of other shapes are read from what they hold: JSON strings holding objects
(`json_twice`), Python dict reprs (`json_python`), arrays of records (`json_batched`).
Lines damaged on the way are repaired first: a file in Postgres COPY's text format (every
backslash doubled) undone (`json_copied`), a lone UTF-16 surrogate escape (half an emoji)
replaced by U+FFFD (`json_surrogates`), each noted.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    json_batched,
    json_bulk,
    json_copied,
    json_duplicates,
    json_python,
    json_surrogates,
    json_twice,
)
from datanet_sql.ingest.readers.json_sql import objects, read_json
from datanet_sql.ingest.readers.json_tidy import tidied
from datanet_sql.ingest.readers.shape import RECORD, Raw
from datanet_sql.ingest.readers.sql import column, lines_of, temp_table, write_lines

_RAW_CHARS = 1000  # what a reject keeps of a line over the size limit


def refused_or_by_lines(stack: ExitStack, con: Any, utf8: Path, fmt: str, label: str,
                        limit: int, error: Exception) -> Raw:
    """A file DuckDB's reader refused as a whole: a JSON array is refused saying why, or
    read object by object when an object writes a key twice (`_by_objects`); NDJSON (or
    JSON lines) is read line by line, the bad lines rejects (`_by_lines`)."""
    if fmt != "ndjson" and _is_array(utf8) and '"maximum_object_size"' in str(error):
        raise IngestError(f"an object in the array is larger than max_object_size "
                          f"({_megabytes(limit)}) allows", file=label,
                          hint=f"raise it, e.g. options: {{max_object_size: "
                               f"{4 * limit >> 20}MB}}, or write the records as NDJSON, "
                               f"one a line") from None
    if fmt != "ndjson" and _is_array(utf8) and "non-record JSON" in str(error):
        raise IngestError("the file holds JSON values that are not records (objects with "
                          "named fields), such as an array of arrays: there are no column "
                          "names to read", file=label,
                          hint="write each row as an object ({\"name\": value, ...}), one "
                               "a line (NDJSON), or export the table as CSV") from None
    if fmt != "ndjson" and _is_array(utf8) and json_duplicates.is_duplicate_key(error):
        return _by_objects(stack, con, utf8, label, limit)
    if fmt != "ndjson" and _is_array(utf8):
        raise IngestError(f"not valid JSON: {str(error).splitlines()[0]}", file=label,
                          hint="a JSON array file must parse as a whole; use NDJSON "
                               "(one record a line) to load the good records") from None
    return _by_lines(stack, con, utf8, label, limit)


def _by_lines(stack: ExitStack, con: Any, path: Path, label: str, limit: int) -> Raw:
    """The file's lines, numbered, read by `_from_lines`."""
    numbered = exp.select("line", exp.Window(this=exp.func("row_number")).as_(RECORD)) \
        .from_(lines_of(path))
    con.execute(temp_table("_dn_lines", numbered))
    return _from_lines(stack, con, path, label, limit, "line")


def _by_objects(stack: ExitStack, con: Any, path: Path, label: str, limit: int) -> Raw:
    """A JSON array DuckDB's reader refused for its objects' keys (one written twice): its
    objects, one a row in file order, read as `_by_lines` reads an NDJSON file's lines."""
    items = exp.select(column("json").as_("line"), exp.Window(
        this=exp.func("row_number")).as_(RECORD)).from_(objects(path, "auto", limit))
    con.execute(temp_table("_dn_lines", items))
    return _from_lines(stack, con, path, label, limit, "item")


def _from_lines(stack: ExitStack, con: Any, path: Path, label: str, limit: int,
                unit: str) -> Raw:
    """`_dn_lines`' texts (each numbered, as `unit` says) that are not JSON objects, or
    longer than `limit` bytes, as rejects; the others read as one NDJSON file, each
    top-level key written twice in an object kept once with its last value (noted). `path`
    may be a copy (UTF-8, unframed, unprefixed): the notes name `label`, the user's file."""
    import duckdb

    from datanet_sql.ingest.reading import Reject

    name = Path(label).name
    size = exp.func("strlen", column("line"))
    oversize = exp.GT(this=size, expression=exp.Literal.number(limit))
    repaired = json_copied.undone(con, "_dn_lines", exp.not_(oversize), name) + \
        json_surrogates.replaced(con, "_dn_lines", exp.not_(oversize), name) \
        if unit == "line" else []
    separated = _drop_separating_commas(con, oversize)
    twice = json_twice.unwrapped(con, "_dn_lines", _unless(oversize, exp.func(
        "json_valid", column("line"))), name) if unit == "line" else []
    python = json_python.converted(con, "_dn_lines", exp.not_(oversize), path, label) \
        if unit == "line" and not twice else []
    batched = json_batched.unbatched(con, "_dn_lines", _unless(oversize, exp.func(
        "json_valid", column("line"))), label) if unit == "line" else []
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
    notes = repaired + twice + python + batched + (
        [f"{name}: {len(rejects) - over} {unit}(s) are not JSON objects"
         + (f", {over} longer than max_object_size ({_megabytes(limit)})" if over else "")]
        if rejects else [])
    if separated:
        notes.append(f"{name}: {separated} line(s) are an object followed by a comma (a "
                     f"JSON array's items without its brackets): read without the comma")
    if not con.sql(exp.select("1").from_("_dn_lines").where(is_object).limit(1)
                   .sql("duckdb")).fetchall():  # blank or bad lines only: no columns
        return Raw(con, None, label, rejects, notes)
    notes += json_duplicates.last_values_kept(con, "_dn_lines", "line", RECORD, is_object,
                                              name, unit)
    good = stack.enter_context(_good_lines(con, is_object))
    # in `_dn_lines`' order (rowid): the records of an array line share its number
    numbers = exp.select(RECORD, exp.Window(this=exp.func("row_number"), order=exp.Order(
        expressions=[exp.Ordered(this=column("rowid"))])).as_("_dn_pos")) \
        .from_("_dn_lines").where(is_object)
    rows = exp.select("*", exp.Window(this=exp.func("row_number")).as_("_dn_pos")) \
        .from_(read_json(good, "newline_delimited", limit).subquery("_dn_json"))
    joined = exp.select(exp.Star(except_=[column("_dn_pos")])).from_(rows.subquery("r")) \
        .join(numbers.subquery("n"), using=["_dn_pos"]).order_by("_dn_pos")
    try:
        con.execute(temp_table("_dn_json", joined))
    except duckdb.Error as error:
        if not json_duplicates.is_duplicate_key(error):
            raise
        raise json_duplicates.refused(error, label, lambda n: _record_of(con, is_object, n)
                                      ) from None
    tidy, written, cased = tidied(con, good, "newline_delimited", limit, name)
    notes += tidy
    if json_bulk.looks_bulk(con, "_dn_json") and json_bulk.starts_bulk(path):
        json_bulk.refuse_unpaired(label, [r.record_no for r in rejects])
    return Raw(con, con.table("_dn_json"), label, rejects, notes + cased,
               materialized="_dn_json", written=written)


def _record_of(con: Any, is_object: exp.Expression, line: int) -> int:
    """The number in `_dn_lines` of the `line`-th object written to the good lines' file."""
    query = exp.select(RECORD).from_("_dn_lines").where(is_object).order_by("rowid") \
        .limit(1).offset(line - 1)
    return int(con.execute(query.sql("duckdb")).fetchall()[0][0])


def _drop_separating_commas(con: Any, oversize: exp.Expression) -> int:
    """Lines of `_dn_lines` that are a JSON object and one comma after it (a JSON array's
    items one a line, its brackets cut off) lose the comma; how many did. Two commas, or
    anything else after the object, leave the line a reject."""
    line, separator = column("line"), exp.Literal.string(r"\}\s*,\s*$")
    bare = exp.func("regexp_replace", line, separator, exp.Literal.string("}"))
    ends_in_comma = exp.func("regexp_matches", line, separator)
    is_object = exp.Case(ifs=[exp.If(this=exp.func("json_valid", bare), true=exp.EQ(
        this=exp.func("json_type", bare), expression=exp.Literal.string("OBJECT")))],
                         default=exp.false())
    update = exp.update("_dn_lines", {"line": bare},
                        where=_unless(oversize, exp.Case(ifs=[exp.If(
                            this=ends_in_comma, true=is_object)], default=exp.false())))
    return int(con.execute(update.sql("duckdb")).fetchall()[0][0])


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


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.3g} MB"


@contextmanager
def _good_lines(con: Any, is_object: exp.Expression) -> Iterator[Path]:
    """The JSON-object lines, in order, in a temporary NDJSON file removed on exit."""
    handle, name = tempfile.mkstemp(suffix=".ndjson", prefix="datanet_json_")
    os.close(handle)
    query = exp.select("line").from_("_dn_lines").where(is_object).order_by("rowid")
    try:
        write_lines(con, query, name)
        yield Path(name)
    finally:
        os.unlink(name)


def _is_array(path: Path) -> bool:
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read(4096).lstrip().startswith("[")
