"""JSON and NDJSON files, read by DuckDB's read_json over the whole file's schema.

`sample_size=-1` makes DuckDB look at every record, so a key that first appears on the last
line is still a column, and `records=true` makes a line that is valid JSON but not an object
(`[1, 2]`, `7`) fail the read (DuckDB's default then reads the whole file as one JSON
column, silently). A file with bad lines fails DuckDB's reader as a whole; then it is
read line by line, the bad lines rejects (`json_lines`).

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

A file keyed by row id, one of column lists, records in an envelope and an Elasticsearch
`_bulk` file are read again from their rows (`json_keyed`, `json_columns`, `json_wrapped`,
`json_bulk`); Pub/Sub messages are read as the records their base64 data holds
(`json_pubsub`); a Django fixture (`dumpdata`) is read as its model's fields, the `pk`
beside them (`json_django`); a JSON-stat dataset is its cube unrolled, a row per cell
(`json_stat`); NDJSON whose lines are JSON strings holding the objects (serialized
twice) is read from the objects they hold (`json_twice`: DuckDB refuses such lines, so the
file is read line by line); NDJSON whose lines are Python dict reprs is read from the
dicts they spell when small, else refused (`json_python`); NDJSON lines that are arrays of
records (a producer's batch) are read as their records, numbered by their line
(`json_batched`); JSON log lines behind a syslog or container runtime's prefix are read as
their objects (`json_logged`).

Keys that differ only by case (`Name`, `name`) are columns DuckDB cannot name alike (its
names are case-insensitive): they are named from the file's own keys by the rule for
duplicated CSV headers (`name`, `name_2`), see `json_cased`.

Splunk's search results and a Google Sheets API `values` response, tables of strings in
bookkeeping DuckDB would make columns of, are read as the CSV of those strings
(`json_splunk`, `json_sheets`, `json_grid`); so is ThingsBoard's telemetry answer, per key
a list of `{ts, value}` strings, once its keys are aligned by `ts` (`json_thingsboard`).
"""

from __future__ import annotations

import json
import re
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers import (
    few_others,
    json_arcgis,
    json_boxed,
    json_bulk,
    json_django,
    json_dynamo,
    json_framed,
    json_logged,
    json_mongo,
    json_odata,
    json_parts,
    json_pubsub,
    json_respelled,
    json_sheets,
    json_splunk,
    json_stat,
    json_thingsboard,
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
from datanet_sql.ingest.readers.json_cased import renamed_by_duckdb
from datanet_sql.ingest.readers.json_columns import column_rows, one_row_of_lists
from datanet_sql.ingest.readers.json_grid import read_grid
from datanet_sql.ingest.readers.json_keyed import keyed_rows
from datanet_sql.ingest.readers.json_lines import refused_or_by_lines
from datanet_sql.ingest.readers.json_numbers import wide_integers
from datanet_sql.ingest.readers.json_sql import described, drop, read_json
from datanet_sql.ingest.readers.json_tidy import tidied
from datanet_sql.ingest.readers.json_wrapped import ENVELOPES, starts_with_page, wrapped_rows
from datanet_sql.ingest.readers.nans import nan_columns
from datanet_sql.ingest.readers.shape import Query, Raw, shaped
from datanet_sql.ingest.readers.sql import (
    JSON_OBJECT_BYTES,
    column,
    connect,
    ident,
    temp_table,
)

if TYPE_CHECKING:
    from datanet_sql.ingest.reading import ReadResult, Reject

OPTIONS = ("encoding", "nested", "max_object_size")
_ENCODING_SAMPLE = 1 << 20  # bytes decoded before DuckDB reads the rest (which checks UTF-8)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30}
# an analytics report's lists of headers, and a batch's of reports (see `json_report`)
_REPORTS = ("dimensionheaders", "metricheaders", "columnheaders", "reports")


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
    if error is not None and (frame := json_framed.frame_of(utf8)) is not None:
        told.append(frame.note(path.name))
        utf8 = stack.enter_context(frame.unframed(utf8))
        error = _load(con, utf8, layout, limit)
    if error is not None and (prefixed := json_logged.prefix_of(utf8)) is not None:
        told.append(prefixed.note(path.name))
        utf8 = stack.enter_context(prefixed.stripped(utf8))
        error = _load(con, utf8, layout, limit)
    if error is not None:
        raw = refused_or_by_lines(stack, con, utf8, fmt, label, limit, error)
        raw.notes[:0] = told
        return raw
    if grid := json_splunk.grid_of(con, "_dn_json", utf8, path.name) or \
            json_sheets.grid_of(con, "_dn_json", utf8, path.name) or \
            json_thingsboard.grid_of(con, "_dn_json", utf8, path.name):
        return read_grid(stack, con, grid, path, columns, told)
    rejects: list[Reject] = []
    if unwrapped := _as_rows(stack, con, utf8, label, limit):
        told.append(unwrapped[1])
        rejects = unwrapped[2]
        if unwrapped[0] is None:   # pages of no rows that name no columns
            return Raw(con, None, label, rejects, notes=told)
        utf8, layout = unwrapped[0], "newline_delimited"
    tidy, written, cased = tidied(con, utf8, layout, limit, path.name)
    notes = told + tidy
    notes += few_others.in_table(con, "_dn_json", _texts(con, "_dn_json"), path.name)
    return Raw(con, con.table("_dn_json"), label, rejects, notes=notes + cased,
               materialized="_dn_json", written=written)


def _as_rows(stack: ExitStack, con: Any, path: Path, label: str, limit: int
             ) -> tuple[Path | None, str, list[Reject]] | None:
    """A file read as rows of nested columns that is a JSON-stat cube (see `json_stat`;
    before a table keyed by row id, which a bundle of datasets looks like), a table keyed
    by row id (see `json_keyed`) or of column lists (see `json_columns`), records in a
    wrapper (see `json_wrapped`), an Elasticsearch bulk file (see `json_bulk`), Pub/Sub
    messages (see `json_pubsub`) or a Django fixture (see `json_django`): `_dn_json` read
    again from its rows, written as NDJSON to a temporary file (returned, with the note
    saying so and the lines rejected). A wrapper that declares its columns and holds no
    rows (a report of no rows) is a table of no rows with those columns; one that declares
    none (an API's empty page) is no rows and no columns, as an empty file is (no path
    returned)."""
    found = json_stat.cube_rows(path, label) \
        if json_stat.looks_json_stat(con, "_dn_json") else None
    if found is None and one_nested_row(con, "_dn_json"):
        found = keyed_rows(path, label)
    if found is None and one_row_of_lists(con, "_dn_json"):
        found = column_rows(path, label)
    if found is None and json_pubsub.looks_pubsub(con, "_dn_json"):
        found = json_pubsub.pubsub_rows(path, label)
    if found is None and json_django.looks_django(con, "_dn_json"):
        found = json_django.django_rows(path, label)
    declared: dict[str, str] = {}
    if found is None and _maybe_wrapped(con, "_dn_json") and \
            (wrapped := wrapped_rows(path, label)):
        found, declared = wrapped[:2], wrapped[2]
    rejects: list[Reject] = []
    if found is None and json_bulk.looks_bulk(con, "_dn_json") and \
            (bulk := json_bulk.bulk_rows(path, label)):
        found, rejects = bulk[:2], bulk[2]
    if found is None:
        return None
    rows, note = found
    if not rows and not declared:
        drop(con, "_dn_json")
        return None, note, rejects
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="datanet_json_")))
    lines = folder / "rows.ndjson"
    with open(lines, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    drop(con, "_dn_json")
    if declared:
        con.execute(temp_table("_dn_json", exp.select(*(
            exp.cast(exp.Null(), kind).as_(ident(name)) for name, kind in declared.items()
        )).where(exp.false())))
        return lines, note, rejects
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
    """`table` has a column of lists under an envelope's name (or an analytics report's
    headers, or a batch's reports), an OData response's `value`, pandas' split columns, a
    GraphQL response's `data` (an object, or beside a list of `errors`), an Elasticsearch
    response's `hits` object beside its `_shards` or an ArcGIS answer's `features`: worth parsing the file whole to see whether `json_wrapped` takes
    it."""
    types = {name.lower(): kind for name, kind in described(con, table).items()}
    return {"columns", "data"} <= set(types) or any(
        types.get(name, "").endswith("[]") for name in ENVELOPES + _REPORTS) or \
        json_odata.looks_odata(types) or json_arcgis.looks_arcgis(types) or \
        "data" in types and (
        types["data"].startswith("STRUCT(") or types.get("errors", "").endswith("[]")) or \
        {"hits", "_shards"} <= set(types) and types["hits"].startswith("STRUCT(")


def _load(con: Any, path: Path, layout: str, limit: int) -> Exception | None:
    """`_dn_json` read from `path`; DuckDB's error when its reader refuses the file."""
    import duckdb

    try:
        con.execute(temp_table("_dn_json", read_json(path, layout, limit)))
    except duckdb.Error as error:
        return error
    return None


def _staged(con: Any, table: str, path: Path, limit: int, columns: dict[str, str] | None
            ) -> bool:
    """Whether `path` was read into the temporary table `table`: of the `columns` its parts
    agreed on (`json_parts`), or typed by DuckDB over the whole file when None. A typed read
    DuckDB refuses (a value its type cannot hold) is left for the whole-file pass."""
    import duckdb

    try:
        con.execute(temp_table(table, read_json(path, "newline_delimited", limit, columns)))
    except duckdb.Error:
        return False
    return True


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
    differ only by case, see `json_cased`), keys named alike (`bandNumber`,
    `band_number`: maybe respelled mid-file, see `json_respelled`), a key `rowid` (which
    would hide the temporary table's row numbers), one row of objects (a file keyed by row id, see `json_keyed`) or
    of lists (column lists, see `json_columns`), an API's pages, one a line (see
    `json_wrapped`), Pub/Sub messages (see `json_pubsub`), a Django fixture (see
    `json_django`), a JSON-stat cube (see `json_stat`), or Splunk's results, a Sheets
    values response or ThingsBoard's telemetry (read as a CSV, see `json_grid`). The caller drops `table`."""
    from datanet_sql.ingest.reading import ReadResult

    if set(options) - {"max_object_size"} or columns or compressed(path) or \
            detect_encoding(path, _ENCODING_SAMPLE) != "utf-8":
        return None
    limit = object_limit(options, label)
    agreed = json_parts.agreed_columns(con, path, limit)
    if not (agreed and _staged(con, table, path, limit, agreed)) and \
            not _staged(con, table, path, limit, None):
        return None
    relation = con.table(table)
    if "rowid" in (c.lower() for c in relation.columns) or wide_integers(con, table) or \
            nan_columns(con, table) or renamed_by_duckdb(relation.columns) or \
            json_respelled.respelled(relation.columns) or \
            one_nested_row(con, table) or one_row_of_lists(con, table) or \
            json_bulk.looks_bulk(con, table) or json_pubsub.looks_pubsub(con, table) or \
            json_django.looks_django(con, table) or json_stat.looks_json_stat(con, table) or \
            json_splunk.looks_splunk(con, table) or json_sheets.looks_sheets(con, table) or \
            json_thingsboard.looks_thingsboard(con, table) or \
            _maybe_wrapped(con, table) and starts_with_page(path):
        return None   # (the Arrow path reads wide integers again, makes NaN NULL and names
                      # keys differing only by case from the file's own, reads a file keyed
                      # by row id, an Elasticsearch bulk file or pages as rows, see the
                      # docstring)
    unwrapped = json_dynamo.unwrapped(con, table, Path(label).name)
    unwrapped += json_mongo.unwrapped(con, table, Path(label).name)
    unwrapped += json_boxed.unboxed(con, table, Path(label).name)
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
