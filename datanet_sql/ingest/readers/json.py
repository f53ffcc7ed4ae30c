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

An integer past BIGINT, which DuckDB reads as a rounded DOUBLE, is read again from its own
text, and `NaN` (what Python's `json.dumps` writes for a missing float) is read as NULL,
noted (`json_numbers`).

A byte-order mark at the start of a line (two UTF-8 exports with a BOM each, joined) makes
DuckDB refuse the file; the lines it starts are named in a note and the file read without
them. A file not in UTF-8 is named with its encoding in the notes, as a CSV's is.

A file keyed by row id, records in an envelope and an Elasticsearch `_bulk` file are read
again from their rows (`json_keyed`, `json_wrapped`, `json_bulk`); NDJSON whose lines are
JSON strings holding the objects (serialized twice) is read from the objects they hold
(`json_twice`: DuckDB refuses such lines, so the file is read line by line); NDJSON whose
lines are Python dict reprs is read from the dicts they spell when small, else refused
(`json_python`); NDJSON lines that are arrays of records (a producer's batch) are read as
their records, numbered by their line (`json_batched`).

Keys that differ only by case (`Name`, `name`) are columns DuckDB cannot name alike (its
names are case-insensitive): they are named from the file's own keys by the rule for
duplicated CSV headers (`name`, `name_2`), see `json_cased`.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    few_others,
    json_batched,
    json_bulk,
    json_duplicates,
    json_dynamo,
    json_mongo,
    json_python,
    json_twice,
)
from datanet_sql.ingest.readers.encoding import (
    bom_note,
    byte_marks,
    compressed,
    detect_encoding,
    doubt_notes,
    encoding_notes,
    normalize_encoding,
    utf8_file,
    without_boms,
)
from datanet_sql.ingest.readers.json_cased import own_keys, renamed_by_duckdb
from datanet_sql.ingest.readers.json_keyed import keyed_rows
from datanet_sql.ingest.readers.json_numbers import (
    keep_wide_integers,
    nan_columns,
    nans_as_null,
    wide_integers,
)
from datanet_sql.ingest.readers.json_sql import described, drop, objects, read_json
from datanet_sql.ingest.readers.json_wrapped import ENVELOPES, starts_with_page, wrapped_rows
from datanet_sql.ingest.readers.shape import RECORD, Query, Raw, shaped
from datanet_sql.ingest.readers.sql import (
    JSON_OBJECT_BYTES,
    column,
    connect,
    lines_of,
    temp_table,
    write_lines,
)

if TYPE_CHECKING:
    from datanet_sql.ingest.reading import ReadResult, Reject

OPTIONS = ("encoding", "nested", "max_object_size")
_ENCODING_SAMPLE = 1 << 20  # bytes decoded before DuckDB reads the rest (which checks UTF-8)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30}
_RAW_CHARS = 1000  # what a reject keeps of a line over the size limit


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    label = str(path)
    limit = object_limit(options, label)
    con = connect(limit)
    stack.callback(con.close)
    if path.stat().st_size == 0:
        return Raw(con, None, label, notes=[f"{path.name}: empty file (0 bytes)"])
    encoding = normalize_encoding(options["encoding"]) if "encoding" in options \
        else detect_encoding(path)
    utf8 = stack.enter_context(utf8_file(path, encoding))
    told = [f"{path.name}: encoding {encoding}"] if encoding not in ("utf-8", "utf-8-sig") \
        else []
    told += encoding_notes(path.name, path, encoding)
    if "encoding" not in options:
        told += doubt_notes(path.name, path, encoding)
    layout = "newline_delimited" if fmt == "ndjson" else "auto"
    error = _load(con, utf8, layout, limit)
    if error is not None and "byte order mark" in str(error) and \
            (lines := byte_marks(utf8).bom_lines):
        told.append(bom_note(path.name, lines))
        utf8 = stack.enter_context(without_boms(utf8))
        error = _load(con, utf8, layout, limit)
    if error is not None:
        raw = _refused_or_by_lines(stack, con, utf8, fmt, label, limit, error)
        raw.notes[:0] = told
        return raw
    rejects: list[Reject] = []
    if unwrapped := _as_rows(stack, con, utf8, label, limit):
        utf8, layout = unwrapped[0], "newline_delimited"
        told.append(unwrapped[1])
        rejects = unwrapped[2]
    notes = told + nans_as_null(con, "_dn_json", path.name)
    written, cased = own_keys(con, "_dn_json", utf8, layout, limit, path.name)
    notes += keep_wide_integers(con, utf8, layout, limit, path.name, written)
    notes += json_dynamo.unwrapped(con, "_dn_json", path.name)
    notes += json_mongo.unwrapped(con, "_dn_json", path.name)
    notes += few_others.in_table(con, "_dn_json", _texts(con, "_dn_json"), path.name)
    return Raw(con, con.table("_dn_json"), label, rejects, notes=notes + cased,
               materialized="_dn_json", written=written)


def _as_rows(stack: ExitStack, con: Any, path: Path, label: str, limit: int
             ) -> tuple[Path, str, list[Reject]] | None:
    """A file read as rows of nested columns that is a table keyed by row id (see
    `json_keyed`), records in a wrapper (see `json_wrapped`) or an Elasticsearch bulk file
    (see `json_bulk`): `_dn_json` read again from its rows, written as NDJSON to a
    temporary file (returned, with the note saying so and the lines rejected)."""
    found = keyed_rows(path, label) if one_nested_row(con, "_dn_json") else None
    if found is None and _maybe_wrapped(con, "_dn_json"):
        found = wrapped_rows(path)
    rejects: list[Reject] = []
    if found is None and json_bulk.looks_bulk(con, "_dn_json") and \
            (bulk := json_bulk.bulk_rows(path, label)):
        found, rejects = bulk[:2], bulk[2]
    if found is None:
        return None
    rows, note = found
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="datanet_json_")))
    lines = folder / "rows.ndjson"
    with open(lines, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    drop(con, "_dn_json")
    error = _load(con, lines, "newline_delimited", limit)
    if error is not None:
        raise IngestError(f"cannot read its rows: {str(error).splitlines()[0]}",
                          file=label) from None
    return lines, note, rejects


def one_nested_row(con: Any, table: str) -> bool:
    """`table` is one row of two or more columns, all objects: the shape of a file keyed
    by row id, which `json_keyed` tells from a record of nested sections."""
    types = described(con, table)
    return len(types) >= 2 and all(t.startswith("STRUCT(") for t in types.values()) and \
        con.execute(exp.select(exp.func("count", exp.Star())).from_(table).sql("duckdb")
                    ).fetchall()[0][0] == 1


def _maybe_wrapped(con: Any, table: str) -> bool:
    """`table` has a column of lists under an envelope's name, or pandas' split columns:
    worth parsing the file whole to see whether `json_wrapped` takes it."""
    types = {name.lower(): kind for name, kind in described(con, table).items()}
    return {"columns", "data"} <= set(types) or any(
        types.get(name, "").endswith("[]") for name in ENVELOPES)


def _refused_or_by_lines(stack: ExitStack, con: Any, utf8: Path, fmt: str, label: str,
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


def _load(con: Any, path: Path, layout: str, limit: int) -> Exception | None:
    """`_dn_json` read from `path`; DuckDB's error when its reader refuses the file."""
    import duckdb

    try:
        con.execute(temp_table("_dn_json", read_json(path, layout, limit)))
    except duckdb.Error as error:
        return error
    return None


def _texts(con: Any, table: str) -> dict[str, exp.Expression]:
    """The top-level text columns of `table` and those of values of several kinds (JSON,
    read as text by `shape`), each as its text."""
    return {n: column(n) if t == "VARCHAR" else exp.func(
        "json_extract_string", column(n), exp.Literal.string("$"))
        for n, t in described(con, table).items() if t in ("VARCHAR", "JSON")}


def stage(con: Any, path: Path, label: str, options: dict[str, Any], columns: dict[str, str],
          parent_key: list[str] | None, table: str, first_record: int) -> ReadResult | None:
    """An NDJSON file read on a DuckDB warehouse's own connection `con` into its temporary
    table `table`, the parent and child rows as queries over it (`shape.shaped`): the
    loader inserts from them in its transaction, so the rows are read once and never copied
    into Arrow and back (profiled on 200k nested lines: the Arrow steps and pyarrow's import
    were a third of the load). Record numbers start at `first_record` (a tailed chunk's
    first line); `label` is the file as messages name it.

    None when the file is to be read into Arrow instead (`read`), which tells what it met:
    options other than max_object_size or declared columns given, a compressed file, a
    first MB that is not plain UTF-8, a read DuckDB refuses (a line that is not a JSON
    object or is too large, a byte that is not UTF-8 further on: the rejects need the
    line-by-line read), no rows, a column that may be a key DuckDB renamed (keys that
    differ only by case, see `json_cased`), a key `rowid` (which would hide the temporary
    table's row numbers), one row of objects (a file keyed by row id, see `json_keyed`), or
    an API's pages, one a line (see `json_wrapped`). The caller drops `table`."""
    import duckdb

    from datanet_sql.ingest.reading import ReadResult

    if set(options) - {"max_object_size"} or columns or compressed(path) or \
            detect_encoding(path, _ENCODING_SAMPLE) != "utf-8":
        return None
    try:
        con.execute(temp_table(table, read_json(path, "newline_delimited",
                                                object_limit(options, label))))
    except duckdb.Error:
        return None
    relation = con.table(table)
    if "rowid" in (c.lower() for c in relation.columns) or wide_integers(con, table) or \
            nan_columns(con, table) or renamed_by_duckdb(relation.columns) or \
            one_nested_row(con, table) or json_bulk.looks_bulk(con, table) or \
            _maybe_wrapped(con, table) and starts_with_page(path):
        return None   # (the Arrow path reads wide integers again, makes NaN NULL and names
                      # keys differing only by case from the file's own, reads a file keyed
                      # by row id, an Elasticsearch bulk file or pages as rows, see the
                      # docstring)
    unwrapped = json_dynamo.unwrapped(con, table, Path(label).name)
    unwrapped += json_mongo.unwrapped(con, table, Path(label).name)
    relation = con.table(table) if unwrapped else relation
    record = exp.Add(this=exp.column("rowid"), expression=exp.Literal.number(first_record))
    parent, children, notes = shaped(relation, exp.to_table(table), parent_key, label, record)
    notes = unwrapped + notes
    counts = [exp.func("count", exp.Star())] + [
        exp.func("coalesce", exp.func("sum", exp.func("len", expr)), exp.Literal.number(0))
        for _, expr in children.values()]
    rows, *elements = con.execute(exp.select(*counts).from_(table).sql("duckdb")).fetchone()
    if not rows:
        return None
    return ReadResult(Query(parent, rows), [], {name: Query(query, int(n)) for (name, (
        query, _)), n in zip(children.items(), elements)}, notes)


def object_limit(options: dict[str, Any], label: str) -> int:
    """`options: {max_object_size:}` in bytes: a number of bytes, or `256MB` (KB, MB, GB;
    `MiB` alike, all 1024-based as DuckDB counts them)."""
    given = options.get("max_object_size", JSON_OBJECT_BYTES)
    if isinstance(given, int) and not isinstance(given, bool) and given > 0:
        return given
    found = _SIZE.fullmatch(str(given).strip()) if isinstance(given, str) else None
    if found is None or float(found[1]) <= 0:
        raise IngestError(f"max_object_size is {given!r}", file=label,
                          hint="give a size such as 256MB (KB, MB, GB) or a number of bytes")
    return int(float(found[1]) * _UNITS[(found[2] or "").lower().replace("i", "")])


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.3g} MB"


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
    top-level key written twice in an object kept once with its last value (noted)."""
    import duckdb

    from datanet_sql.ingest.reading import Reject

    size = exp.func("strlen", column("line"))
    oversize = exp.GT(this=size, expression=exp.Literal.number(limit))
    separated = _drop_separating_commas(con, oversize)
    twice = json_twice.unwrapped(con, "_dn_lines", _unless(oversize, exp.func(
        "json_valid", column("line"))), path.name) if unit == "line" else []
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
    notes = twice + python + batched + (
        [f"{path.name}: {len(rejects) - over} {unit}(s) are not JSON objects"
         + (f", {over} longer than max_object_size ({_megabytes(limit)})" if over else "")]
        if rejects else [])
    if separated:
        notes.append(f"{path.name}: {separated} line(s) are an object followed by a comma (a "
                     f"JSON array's items without its brackets): read without the comma")
    if not con.sql(exp.select("1").from_("_dn_lines").where(is_object).limit(1)
                   .sql("duckdb")).fetchall():  # blank or bad lines only: no columns
        return Raw(con, None, label, rejects, notes)
    notes += json_duplicates.last_values_kept(con, "_dn_lines", "line", RECORD, is_object,
                                              path.name, unit)
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
    notes += nans_as_null(con, "_dn_json", Path(label).name)
    written, cased = own_keys(con, "_dn_json", good, "newline_delimited", limit, path.name)
    notes += keep_wide_integers(con, good, "newline_delimited", limit, path.name, written)
    notes += json_dynamo.unwrapped(con, "_dn_json", path.name)
    notes += json_mongo.unwrapped(con, "_dn_json", path.name)
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
