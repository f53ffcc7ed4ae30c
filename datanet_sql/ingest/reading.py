"""Reading a source (a file, a glob, a database table) into Arrow, bad records set apart.

This is the seam between ingestion's loaders and the formats: a loader asks for a
`ReadResult` and never sees encodings, delimiters, sheets or drifting schemas. Every format
is read natively by DuckDB or Arrow (Excel and SQLite, row-based libraries, excepted), then
shaped the same way (`readers.shape`): names snake_cased and unique, nested objects
flattened, arrays split into child tables, declared types applied with the values that do
not fit turned into rejects.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.adapters.files import expand
from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.shape import SOURCE_FILE
from datanet_sql.ingest.readers.sql import column, connect, ident

if TYPE_CHECKING:
    import pyarrow

    from datanet_sql.ingest.readers.shape import Query
    from datanet_sql.ingest.readers.stream import Stream

    Rows = pyarrow.Table | Stream | Query  # Query: rows a DuckDB warehouse read itself

__all__ = ["ON_BAD_ROW", "ReadResult", "Reject", "layout_of", "plan_each", "read_each",
           "read_source", "read_table", "stage_json"]

ON_BAD_ROW = ("reject", "skip", "fail")
FILE_FORMATS = ("csv", "tsv", "parquet", "json", "ndjson", "xlsx", "sqlite")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv", ".parquet": "parquet",
               ".pq": "parquet", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
               ".xlsx": "xlsx", ".xlsm": "xlsx", ".db": "sqlite", ".sqlite": "sqlite",
               ".sqlite3": "sqlite", ".gpkg": "sqlite", ".lvm": "csv"}
_TEXT_FORMATS = ("csv", "tsv", "json", "ndjson")   # read from a .gz by their inner extension


@dataclass
class Reject:
    """One bad record, as the `_rejects` table holds it."""

    file: str            # the file (or `sqlite:<path>#table`, `postgres:<table>`)
    record_no: str       # 1-based data record number in the file, or the primary key value
    reason: str          # e.g. "quantity: 'abc' is not an integer"
    raw: str             # the record as read (the raw line for text formats, JSON otherwise)


@dataclass
class ReadResult:
    """The good rows, the bad ones, child tables of arrays, and what was decided on the way.

    Rows are a pyarrow.Table, or (read with `stream=True`) a `readers.stream.Stream` over the
    reader's DuckDB connection, which `resources` keeps open until `close`."""

    table: Rows                          # names trimmed + snake_cased, declared types applied
    rejects: list[Reject] = field(default_factory=list)
    children: dict[str, Rows] = field(default_factory=dict)  # array field -> rows
    schema_notes: list[str] = field(default_factory=list)   # sniffed/widened/unioned
    resources: ExitStack | None = field(default=None, repr=False)

    def close(self) -> None:
        """Release what the rows live in (the reader's connection, temporary files)."""
        if self.resources is not None:
            self.resources.close()

    def in_memory(self) -> ReadResult:
        """The rows (and child rows) as pyarrow Tables, what `resources` held released."""
        from datanet_sql.ingest.readers.stream import Stream

        def table(rows: Rows) -> Rows:
            return rows.read_all() if isinstance(rows, Stream) else rows
        try:
            self.table = table(self.table)
            self.children = {name: table(rows) for name, rows in self.children.items()}
        finally:
            self.close()
        self.resources = None
        return self


def read_source(path: Path, fmt: str | None, options: dict[str, Any], columns: dict[str, str],
                on_bad_row: str = "reject", parent_key: list[str] | None = None,
                stream: bool = False, required: list[str] | None = None) -> ReadResult:
    """One file or glob (csv, tsv, parquet, json, ndjson, xlsx; sqlite needs `source_table`
    in options). `columns` are declared types: a value that does not fit is a reject.

    Arrays of objects become child tables keyed by the array's flattened column name
    (`items`, `customer__tags`); each child row carries `parent_key`'s columns, or
    `_record_no` (added to the parent too) when no key is given.

    With `stream`, the rows of one file stay in the reader's DuckDB (spilling to disk) and
    come as `Stream`s of bounded record batches: what a loader takes, in bounded memory; the
    caller closes the result. Otherwise they are read into Arrow tables.

    A row with no value in a `required` column (a merge's primary key) is a bad row.

    Whatever reader built it, the result passes the generic doubt checks (`doubts`): a
    note where its layout looks misread, a refusal where nothing read can be right (a
    SQLite table, read by `read_table`, passes those of a table there)."""
    from datanet_sql.ingest import doubts

    stack = ExitStack()
    try:
        result = _read_source(stack, path, fmt, options, columns, on_bad_row, parent_key,
                              required)
        kind = source_format(path, fmt)
        if kind != "sqlite":   # a table: `read_table` checked it as one
            doubts.check(result, path, kind, bool(columns))
    except BaseException:
        stack.close()
        raise
    result.resources = stack
    return result if stream else result.in_memory()


def _read_source(stack: ExitStack, path: Path, fmt: str | None, options: dict[str, Any],
                 columns: dict[str, str], on_bad_row: str, parent_key: list[str] | None,
                 required: list[str] | None) -> ReadResult:
    from datanet_sql.ingest.readers import shape

    fmt = source_format(path, fmt)
    _check_on_bad_row(on_bad_row)
    options = dict(options or {})
    if fmt == "postgres":
        raise IngestError("a postgres source is a table, not a file", file=path,
                          hint="give it `dsn:` and `source_table:` (read with read_table)")
    if not _is_glob(path) and not Path(path).is_file():
        raise IngestError("no such file", file=path,
                          hint="check the source's path (relative to the project)")
    _refuse_lfs_pointers(path)
    if options.get("nested", "flatten") not in ("flatten", "keep"):
        raise IngestError(f"nested is '{options['nested']}'", file=path,
                          hint="use nested: flatten (the default) or nested: keep")
    if fmt == "sqlite":
        table = options.pop("source_table", None)
        if not table:
            raise IngestError("a sqlite source needs `source_table`", file=path,
                              hint="name the table inside the database: source_table: orders")
        results = list(read_table("sqlite", str(path), table, columns, required=required,
                                  encoding=options.pop("encoding", None)))
        return _apply_policy(_concat(results), on_bad_row, str(path))
    reader = _reader(fmt)
    _check_options(reader.OPTIONS, options, path)
    files = [Path(path)] if fmt == "parquet" or not _is_glob(path) else \
        [Path(f) for f in expand(str(path))]
    keep_nested = options.get("nested") == "keep"
    if fmt in _TEXT_FORMATS:
        from datanet_sql.ingest.readers.magic import refuse_binary
        from datanet_sql.ingest.readers.markup import refuse_markup

        for file in files:
            refuse_binary(file, fmt)
            refuse_markup(file, fmt)
    if len(files) > 1 and fmt in ("csv", "tsv"):
        raw = reader.read_files(stack, files, fmt, options, columns)
        if raw is not None:
            return _apply_policy(shape.finish(raw, columns, parent_key, keep_nested,
                                              required), on_bad_row, str(path))
    results = [shape.finish(reader.read(stack, file, fmt, options, columns), columns,
                            parent_key, keep_nested, required) for file in files]
    result = results[0] if len(results) == 1 else _concat(results)
    return _apply_policy(result, on_bad_row, str(path))


def read_each(paths: list[Path], fmt: str | None, options: dict[str, Any],
              columns: dict[str, str], on_bad_row: str = "reject",
              parent_key: list[str] | None = None, file_column: str | None = None,
              stream: bool = False, required: list[str] | None = None
              ) -> Iterator[ReadResult] | None:
    """CSV/TSV files of one layout read in one DuckDB scan (one sniff, one connection),
    then split into one result a file, in `paths` order: what a loader that commits file by
    file needs, at the speed of one read. `on_bad_row` applies as each result is taken (a
    `fail` stops at its file, the files before it committed). `file_column` names a column
    that keeps each row's file (the scan's own, no copy). With `stream`, as `read_source`'s:
    the results share one connection, released by closing any of them once all are loaded.
    None when they cannot be read so (another format, fewer than two files, layouts or
    encodings that differ): read each with `read_source`."""
    from datanet_sql.ingest.readers import csv_run, shape

    if len(paths) < 2:
        return None
    stack, parts = ExitStack(), None
    try:
        con = stack.enter_context(closing(connect()))
        scan = plan_each(con, paths, fmt, options, columns, on_bad_row, SOURCE_FILE)
        raw = None if scan is None else csv_run.run(con, scan, strict=False)
        parts = None if raw is None else _split(_doubted(
            shape.finish(raw, columns, parent_key, required=required),
            Path(f"{paths[0].parent}/*"), source_format(paths[0], fmt), bool(columns)), paths,
            file_column)
        if parts is not None and not stream:
            parts = [part.in_memory() for part in parts]
    finally:
        if not stream or parts is None:
            stack.close()
    if parts is None:
        return None
    for part in parts:
        part.resources = stack if stream else None
    return (_apply_policy(part, on_bad_row, str(path)) for path, part in zip(paths, parts))


def plan_each(con: Any, paths: list[Path], fmt: str | None, options: dict[str, Any],
              columns: dict[str, str], on_bad_row: str = "reject",
              file_column: str | None = None) -> Any:
    """The one DuckDB scan (`readers.csv_scan.Scan`) that reads CSV/TSV files of one layout,
    sniffed on `con`, to run on whichever DuckDB connection the caller chooses: a loader
    into a DuckDB warehouse runs it there and inserts straight from DuckDB's reader. None
    when the files cannot be read so (see `read_each`)."""
    from datanet_sql.ingest.readers import csv

    fmt = source_format(paths[0], fmt) if paths else None
    options = dict(options or {})
    if fmt not in ("csv", "tsv") or "nested" in options:
        return None
    _check_on_bad_row(on_bad_row)
    _check_options(csv.OPTIONS, options, paths[0])
    return csv.plan_files(con, paths, fmt, options, columns, file_column)


def stage_json(con: Any, path: Path, label: str, options: dict[str, Any],
               columns: dict[str, str], parent_key: list[str] | None, table: str,
               first_record: int = 1) -> ReadResult | None:
    """An NDJSON file read on the caller's DuckDB connection `con` (a DuckDB warehouse's)
    into its temporary table `table`, the result's table and children being queries over
    it (`readers.shape.Query`) for the caller to insert from: no Arrow copy of the rows.
    None when it is to be read with `read_source` (see `readers.json.stage`)."""
    from datanet_sql.ingest.readers import json

    result = json.stage(con, path, label, dict(options or {}), columns, parent_key, table,
                        first_record)
    return None if result is None else _doubted(result, Path(label), "ndjson", bool(columns))


def layout_of(path: Path, fmt: str | None, options: dict[str, Any], loaded: int | None = None
              ) -> tuple[dict[str, Any], int] | None:
    """For a CSV/TSV file, the options that read the lines appended to it as its first part
    was read (its first `loaded` bytes: the part a load read), and the lines above its
    first record (see `readers.csv.layout_of`); None for the formats a file cannot grow in
    by appended records (Parquet, Excel, JSON, a Flux query's annotated CSV)."""
    from datanet_sql.ingest.readers import csv

    fmt = source_format(path, fmt)
    if fmt not in ("csv", "tsv"):
        return None
    _check_options(csv.OPTIONS, options or {}, path)
    return csv.layout_of(path, fmt, dict(options or {}), loaded)


def _doubted(result: ReadResult, path: Path, fmt: str, declared: bool) -> ReadResult:
    """`result` past the generic doubt checks (`doubts`) that `read_source` runs, for the
    reads a loader takes without it: a folder's one scan checked once, before it is split
    by file (the files share one layout; a sample of each file's rows would cost a pass
    over the files before it), and NDJSON staged in a warehouse."""
    from datanet_sql.ingest import doubts

    doubts.check(result, path, fmt, declared)
    return result


def _split(result: ReadResult, paths: list[Path], file_column: str | None
           ) -> list[ReadResult]:
    """One scan's result as one result a file, by the scan's file column (dropped, or
    renamed to `file_column`): each a query of the scan's rows where the column names its
    file, in the scan's order. Its notes as a file's own read would have them (without the
    scan's label)."""
    from datanet_sql.ingest.readers.stream import of_query

    rows = result.table  # a Stream over the scan's connection
    label = f"{paths[0].parent}/*: "
    notes = [n.removeprefix(label) for n in result.schema_notes]
    scanned = rows.query.subquery("_dn_scanned")
    per_file = exp.select(column(SOURCE_FILE), exp.func("count", exp.Star())).from_(scanned) \
        .group_by(column(SOURCE_FILE))
    counts = dict(rows.con.execute(per_file.sql("duckdb")).fetchall())
    kept = [column(n) if n != SOURCE_FILE else column(n).as_(ident(file_column))
            for n in rows.column_names if n != SOURCE_FILE or file_column]
    return [ReadResult(of_query(rows.con, exp.select(*kept).from_(scanned).where(
        column(SOURCE_FILE).eq(exp.Literal.string(str(path)))), counts.get(str(path), 0)),
        [r for r in result.rejects if r.file == str(path)], {}, list(notes)) for path in paths]


def read_table(fmt: str, location: str, source_table: str, columns: dict[str, str],
               cursor: str | None = None, after: Any = None, batch_rows: int = 100_000,
               required: list[str] | None = None, on_bad_row: str = "reject",
               encoding: str | None = None) -> Iterator[ReadResult]:
    """A database table (sqlite via the standard library, postgres via psycopg with a
    server-side cursor), rows with `cursor >= after` in cursor order, in batches; rejects
    carry the primary key value as their record number (a row without a value in a
    `required` column is one, see `read_source`); `on_bad_row` applies to each batch.
    `encoding`: that of a SQLite file's text that is not UTF-8 (`readers.sqlite_text`).
    The first batch passes the doubt checks that apply to a table (`doubts.check_table`)."""
    from datanet_sql.ingest.readers import database

    if fmt not in ("sqlite", "postgres"):
        raise IngestError(f"cannot read a table from a '{fmt}' source",
                          hint="database formats are sqlite and postgres")
    _check_on_bad_row(on_bad_row)
    for batch in database.read_batches(fmt, location, source_table, columns, cursor, after,
                                       batch_rows, required, encoding):
        yield _apply_policy(batch, on_bad_row, location)


def source_format(path: Path, fmt: str | None) -> str:
    """The format named, or the one the extension says (a glob's extension counts); a
    gzip-compressed file's is the one before `.gz` (`orders.ndjson.gz` is NDJSON), as the
    readers decompress it (`readers.encoding.utf8_file`)."""
    if fmt:
        name = fmt.lower()
        if name in FILE_FORMATS or name == "postgres":
            return name
        raise IngestError(f"unknown source format '{fmt}'", file=path,
                          hint=f"use one of {', '.join(FILE_FORMATS)} or postgres")
    name = Path(str(path).rstrip("*"))
    suffix = name.suffix.lower()
    if suffix == ".gz":
        inner = _EXTENSIONS.get(Path(name.stem).suffix.lower())
        if inner in _TEXT_FORMATS:
            return inner
        raise IngestError("a gzip-compressed file is read by the extension before .gz, and "
                          "only for text formats", file=path,
                          hint=f"set `format:` on the source ({', '.join(_TEXT_FORMATS)}), "
                               f"or decompress the file")
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise IngestError("cannot tell the format from the file name", file=path,
                      hint="set `format:` on the source (csv, tsv, parquet, json, ndjson, "
                           "xlsx, sqlite)")


def _reader(fmt: str) -> Any:
    from datanet_sql.ingest.readers import csv, excel, json, parquet

    return {"csv": csv, "tsv": csv, "parquet": parquet, "json": json, "ndjson": json,
            "xlsx": excel}[fmt]


def _refuse_lfs_pointers(path: Path) -> None:
    """Refuse the file, or a file of the glob, that is a Git LFS pointer (`lfs_pointer`),
    whatever its format: a checkout without git-lfs leaves one in place of the data."""
    from datanet_sql.ingest.readers.lfs_pointer import refuse_pointer

    for file in expand(str(path)) if _is_glob(path) else [path]:
        refuse_pointer(Path(file))


def _is_glob(path: Path) -> bool:
    return any(c in str(path) for c in "*?[")


def _check_options(known: tuple[str, ...], options: dict[str, Any], path: Path) -> None:
    """An option the reader does not know is an error, never silently ignored; so is a
    date format DuckDB cannot read dates with. The date orders a grown file's start decided
    (`csv.layout_of`) are carried as an option no source can spell."""
    from datanet_sql.ingest.readers.csv import ALIASES
    from datanet_sql.ingest.readers.csv_dates import START_ORDERS, StartOrders

    unknown = sorted(k for k in options if ALIASES.get(k, k) not in known and k != "nested"
                     and not (k == START_ORDERS and isinstance(options[k], StartOrders)))
    if unknown:
        raise IngestError(f"unknown option(s) {', '.join(unknown)} for this format", file=path,
                          hint=f"options here are: {', '.join(known)}")
    if "dateformat" in options:
        from datanet_sql.ingest.readers.csv_dates import check_format

        check_format(options["dateformat"], path)


def _check_on_bad_row(on_bad_row: str) -> None:
    if on_bad_row not in ON_BAD_ROW:
        raise IngestError(f"on_bad_row is '{on_bad_row}'", hint="use reject, skip or fail")


def _concat(results: list[ReadResult]) -> ReadResult:
    """Several files' results as one: tables unioned by name (types promoted), children
    of the same name concatenated."""
    import pyarrow as pa

    from datanet_sql.ingest.readers.stream import chain

    def union(tables: list[Any]) -> Any:
        tables = [t for t in tables if t.column_names]
        return chain(tables) if tables else pa.table({})

    names = dict.fromkeys(k for r in results for k in r.children)
    return ReadResult(union([r.table for r in results]),
                      [j for r in results for j in r.rejects],
                      {k: union([r.children[k] for r in results if k in r.children])
                       for k in names},
                      [n for r in results for n in r.schema_notes])


def _apply_policy(result: ReadResult, on_bad_row: str, label: str) -> ReadResult:
    """`reject` keeps the rejects for the `_rejects` table; `skip` drops them with a note;
    `fail` stops this table at the first bad record, naming it."""
    if not result.rejects or on_bad_row == "reject":
        return result
    first = result.rejects[0]
    if on_bad_row == "fail":
        raise IngestError(f"record {first.record_no}: {first.reason}", file=first.file or label,
                          hint="fix the record, or set on_bad_row: reject to load the others")
    result.schema_notes.append(f"skipped {len(result.rejects)} bad record(s) "
                               f"(on_bad_row: skip), the first: record {first.record_no}: "
                               f"{first.reason}")
    result.rejects = []
    return result
