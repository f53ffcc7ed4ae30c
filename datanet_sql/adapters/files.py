"""Reading local files for `load_file`: formats, options, Arrow streams and Arrow -> SQL types.

Engines that read files themselves (DuckDB, Spark) only need the format and the options in
their own spelling; engines that cannot (Postgres) get a pyarrow dataset streamed in record
batches, so a large file is never held in memory at once. One option vocabulary for every
engine keeps a source's `options:` portable.
"""

from __future__ import annotations

import csv
import glob
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters import delta_log
from datanet_sql.adapters.base import Relation
from datanet_sql.errors import ConfigError, RelationNotFoundError

FORMATS = {".csv": "csv", ".tsv": "csv", ".tab": "csv", ".txt": "csv", ".parquet": "parquet",
           ".pq": "parquet", ".json": "json", ".ndjson": "json", ".jsonl": "json"}
_TAB_SEPARATED = (".tsv", ".tab")

# the portable option names a source may use; each engine maps them to its own spelling
CSV_OPTIONS = ("delimiter", "header", "quote", "null_values", "text_columns")
# spellings users bring from DuckDB, pandas and Spark
_ALIASES = {"delim": "delimiter", "sep": "delimiter", "separator": "delimiter",
            "nullstr": "null_values", "nullValue": "null_values", "na_values": "null_values"}


def detect_format(path: str, format: str | None = None) -> str:
    """'csv', 'parquet' or 'json' (newline-delimited), from `format` or the file extension."""
    if format:
        name = format.lower().replace("ndjson", "json").replace("jsonl", "json")
        if name in {"csv", "tsv", "parquet", "json"}:
            return "csv" if name == "tsv" else name
        raise ConfigError(f"unknown file format '{format}'",
                          hint="use csv, tsv, parquet, json or ndjson")
    suffix = Path(path.rstrip("*")).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise ConfigError(f"cannot tell the format of '{path}' from its extension",
                      hint="set `format: csv|parquet|json` on the source")


def source_options(path: str, format: str | None, options: dict[str, Any] | None) -> dict[str, Any]:
    """A file source's reader options with what its format implies: a `.tsv` file (or
    `format: tsv`) is split on tabs unless the source says otherwise."""
    given = dict(options or {})
    tab = (format or "").lower() == "tsv" or Path(path.rstrip("*")).suffix.lower() in _TAB_SEPARATED
    if tab and not any(_ALIASES.get(k, k) == "delimiter" for k in given):
        given["delimiter"] = "\t"
    return given


_DIGITS = re.compile(r"(\d+)")


def natural_key(path: str | Path) -> tuple[tuple[str | int, ...], str]:
    """The key that orders paths as a person numbers files: runs of digits compared as
    numbers (`export_9` before `export_10`, `2024-1-9` before `2024-1-10`), the rest as
    text; the path itself breaks ties (`export_9`, `export_09`). Sorted as text,
    `export_10` came first, so under `merge` the older revision landed in the same run won.
    Zero-padded numbers and ISO dates keep their text order."""
    text = str(path)
    parts = _DIGITS.split(text)  # text, digits, text, ...: same kinds at the same places
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), text


PARQUET_SUMMARIES = ("_metadata", "_common_metadata")  # beside a folder's Parquet parts


def expand(path: str) -> list[str]:
    """The files a path or glob names, in natural order (`natural_key`); `**` matches any
    depth of folders (as in DuckDB's own globs); missing files are a
    RelationNotFoundError."""
    files = (
        sorted(glob.glob(path, recursive=True), key=natural_key)
        if any(c in path for c in "*?[")
        else [path]
    )
    files = [f for f in files if Path(f).is_file()]
    if not files:
        raise RelationNotFoundError(f"no file matches '{path}'",
                                    hint="check the path of the source (relative to the project)")
    return files


def csv_options(options: dict[str, Any] | None) -> dict[str, Any]:
    """Validated portable CSV options with their defaults (header on, comma, double quote)."""
    given = {_ALIASES.get(k, k): v for k, v in (options or {}).items()}
    unknown = sorted(set(given) - set(CSV_OPTIONS))
    if unknown:
        raise ConfigError(f"unknown CSV option(s): {', '.join(unknown)}",
                          hint=f"portable options are: {', '.join(CSV_OPTIONS)}")
    nulls = given.get("null_values", [""])
    return {"delimiter": str(given.get("delimiter", ",")),
            "header": bool(given.get("header", True)), "quote": str(given.get("quote", '"')),
            "null_values": [nulls] if isinstance(nulls, str) else list(nulls),
            # read as text, not inferred: a seed's `column_types` cast them later, so `007`
            # declared varchar keeps its zeros (only the Arrow reader infers types apart)
            "text_columns": [str(c) for c in given.get("text_columns") or []]}


def parquet_parts(files: list[str]) -> list[str]:
    """The files of a Parquet glob that hold rows: the summary files Dask, Spark and
    pyarrow's `write_metadata` write beside a folder's parts (`PARQUET_SUMMARIES`) left
    out, whose row groups are the parts' (read, every row would be read twice); all of
    `files` when they are summaries alone (the reader's refusal says why); in a Delta Lake
    table's folder, only the files its log says are the table now (`delta_log`)."""
    parts = [f for f in files if Path(f).name not in PARQUET_SUMMARIES]
    return delta_log.data_files(files[0], parts or files, [])


def arrow_dataset(path: str, format: str, options: dict[str, Any] | None = None,
                  paths: Sequence[str] | None = None) -> Any:
    """A pyarrow dataset over the file(s): streamed by batches, schema unified across files.
    `paths`, when given, are the files read (a source's chosen files, `ingest.in_place`),
    else those `path` names."""
    import pyarrow.dataset as ds

    files = list(paths) if paths is not None else expand(path)
    if format == "parquet":
        files = parquet_parts(files)
    if format == "csv":
        file_format = _arrow_csv_format(csv_options(options))
    elif format == "json":
        file_format = ds.JsonFileFormat()
    else:
        file_format = ds.ParquetFileFormat()
    if len(files) == 1:
        if format == "csv":
            return _csv_dataset(files[0], file_format, csv_options(options))
        return ds.dataset(files, format=file_format)
    import pyarrow as pa

    # a field that only later files carry (a column added mid-year) must not be dropped
    schema = pa.unify_schemas([ds.dataset(f, format=file_format).schema for f in files],
                              promote_options="permissive")
    return ds.dataset(files, format=file_format, schema=schema)


def _csv_dataset(file: str, file_format: Any, opts: dict[str, Any]) -> Any:
    """One CSV file as a dataset; a file that is only its header, with no line end after it
    (dbt-profiler's `test_data_no_rows` seed), is its columns with no rows: Arrow cannot
    infer a block from it, DuckDB and dbt read it so."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    try:
        return ds.dataset([file], format=file_format)
    except pa.ArrowInvalid:
        with open(file, newline="", encoding="utf-8-sig") as handle:
            lines = handle.read(1 << 16).splitlines()
        if not opts["header"] or len(lines) != 1:
            raise
        names = next(csv.reader(lines, delimiter=opts["delimiter"], quotechar=opts["quote"]))
        return ds.dataset(pa.table({name: pa.array([], pa.string()) for name in names}))


def _arrow_csv_format(opts: dict[str, Any]) -> Any:
    """CSV read like DuckDB and Spark do: empty fields are NULL for strings too."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.dataset as ds

    return ds.CsvFileFormat(
        parse_options=pcsv.ParseOptions(delimiter=opts["delimiter"], quote_char=opts["quote"]),
        read_options=pcsv.ReadOptions(autogenerate_column_names=not opts["header"]),
        convert_options=pcsv.ConvertOptions(null_values=opts["null_values"],
                                            strings_can_be_null=True,
                                            quoted_strings_can_be_null=False,
                                            column_types={c: pa.string()
                                                          for c in opts["text_columns"]}),
    )


def arrow_type_sql(arrow_type: Any) -> exp.DataType:
    """The SQL type a column of this Arrow type is created with (nested values become JSON)."""
    import pyarrow.types as pt

    if pt.is_dictionary(arrow_type):
        return arrow_type_sql(arrow_type.value_type)
    for check, name in _type_checks():  # built lazily: importing pyarrow costs 0.1 s
        if check(arrow_type):
            return exp.DataType.build(name)
    if pt.is_decimal(arrow_type):
        return exp.DataType.build(f"DECIMAL({arrow_type.precision}, {arrow_type.scale})")
    if pt.is_timestamp(arrow_type):
        return exp.DataType.build("TIMESTAMPTZ" if arrow_type.tz else "TIMESTAMP")
    if pt.is_nested(arrow_type):
        return exp.DataType.build("JSONB", dialect="postgres")
    return exp.DataType.build("TEXT")


def _type_checks() -> list[tuple[Any, str]]:
    import pyarrow.types as pt

    return [(pt.is_boolean, "BOOLEAN"), (pt.is_int8, "SMALLINT"), (pt.is_int16, "SMALLINT"),
            (pt.is_uint8, "SMALLINT"), (pt.is_int32, "INT"), (pt.is_uint16, "INT"),
            (pt.is_int64, "BIGINT"), (pt.is_uint32, "BIGINT"), (pt.is_uint64, "DECIMAL(20, 0)"),
            (pt.is_floating, "DOUBLE"), (pt.is_string, "TEXT"), (pt.is_large_string, "TEXT"),
            (pt.is_binary, "BLOB"), (pt.is_large_binary, "BLOB"), (pt.is_date, "DATE"),
            (pt.is_time, "TIME"), (pt.is_duration, "INTERVAL"), (pt.is_interval, "INTERVAL"),
            (pt.is_null, "TEXT")]




def create_from_arrow(relation: Relation, schema: Any) -> exp.Create:
    """CREATE TABLE with one column per Arrow field, typed by `arrow_type_sql`."""
    columns = [exp.ColumnDef(this=exp.to_identifier(f.name, quoted=True),
                             kind=arrow_type_sql(f.type)) for f in schema]
    return exp.Create(this=exp.Schema(this=relation.table(), expressions=columns), kind="TABLE")


def is_nested(arrow_type: Any) -> bool:
    import pyarrow.types as pt

    return pt.is_nested(arrow_type)


def is_time(arrow_type: Any) -> bool:
    import pyarrow.types as pt

    return pt.is_time(arrow_type)


def time_texts(column: Any) -> list[str | None]:
    """A time column's values as text (`14:05:00.250000`), from their count of units since
    midnight: pyarrow's own conversion turns 24:00:00, the end of a day that DuckDB's and
    Postgres' TIME hold (a Postgres source's `time`, see `pg_values`), into 00:00:00."""
    import pyarrow as pa

    per_second = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[column.type.unit]
    texts = []
    for units in column.cast(pa.int64()).to_pylist():
        if units is None:
            texts.append(None)
            continue
        seconds, fraction = divmod(units, per_second)
        micros = fraction * 1_000_000 // per_second
        texts.append(f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
                     f".{micros:06d}")
    return texts


def duckdb_reader(path: str, format: str, options: dict[str, Any] | None,
                  paths: Sequence[str] | None = None) -> exp.Expression:
    """DuckDB's table function for the file(s): read_csv / read_parquet / read_json, over
    `path` (DuckDB globs it), or over the list `paths` when given (the files a source
    chooses where DuckDB's glob would read others: `ingest.in_place`)."""
    literal = exp.Literal.string(path) if paths is None else \
        exp.Array(expressions=[exp.Literal.string(p) for p in paths])
    if format == "parquet":
        return exp.func("read_parquet", literal)
    if format == "json":
        return exp.func("read_json_auto", literal,
                        _named("format", exp.Literal.string("newline_delimited")))
    opts = csv_options(options)
    return exp.func(
        "read_csv", literal, _named("header", exp.Boolean(this=opts["header"])),
        _named("delim", exp.Literal.string(opts["delimiter"])),
        _named("quote", exp.Literal.string(opts["quote"])),
        _named("nullstr", exp.Array(expressions=[exp.Literal.string(v)
                                                 for v in opts["null_values"]])),
        _named("auto_detect", exp.true()))


def _named(name: str, value: exp.Expression) -> exp.Expression:
    return exp.PropertyEQ(this=exp.to_identifier(name), expression=value)


def json_key_order(path: str) -> list[str]:
    """Keys of the first NDJSON record, in file order (Spark sorts inferred JSON fields)."""
    import json

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                return list(record) if isinstance(record, dict) else []
    return []


def spark_options(format: str, options: dict[str, Any] | None) -> dict[str, str]:
    """Spark DataFrameReader options for the portable ones (CSV header and types inferred)."""
    if format != "csv":
        return {}
    opts = csv_options(options)
    spark = {"header": str(opts["header"]).lower(), "inferSchema": "true",
             "sep": opts["delimiter"], "quote": opts["quote"], "escape": opts["quote"],
             "encoding": "UTF-8", "mode": "FAILFAST"}
    if opts["null_values"] != [""]:
        spark["nullValue"] = opts["null_values"][0]
    return spark
