"""Parquet files, one or a glob, whose schemas may drift from file to file.

Writers change between deliveries: a column goes from int32 to int64 to double, a column is
added in March, an id turns into text. Columns are unioned by name (absent ones are NULL)
and each column gets the narrowest type every file's values fit: integers widen to BIGINT,
integers and floats to DOUBLE, decimals of different scales to the decimal holding them all
(`decimal(3,1)` and `decimal(6,3)` to `decimal(6,3)`, see `decimals`; DOUBLE past 38
digits, each file then read on its own, see `_each_file`), and anything else that
disagrees to VARCHAR, with a note naming the files, so the change is visible in the run's
log rather than a failed load.

Text written as BYTE_ARRAY without the UTF8 (string) annotation (Hive, Impala, old Spark)
reads as binary (`b'Da Udine'`): a binary column whose every value is valid UTF-8 is read
as text, as DuckDB's `binary_as_string` and Spark's `binaryAsString` do, and one with a
value that is not stays binary; either way a note names it.

pandas' `Period` columns (int64 ordinals marked `pandas.period`) are read as each
period's start, noted (`parquet_periods`).

A source read in place (no `load:`: a view over the files) gets the same readings from
`in_place`, over the files' pattern, so a glob's later files are read as they come.

A glob's Parquet summary files (Dask's and Spark's `_metadata`, `_common_metadata`) are
left out, noted (`parquet_summary`): their rows are the parts'.

pandas' unnamed index column (`__index_level_0__`) is left out when it is 0..n-1 and kept
under that name otherwise, noted (`parquet_index`).

A list column (Spark's `collect_list`) becomes a child table as a JSON array does, noted
naming it (`parquet_lists`): the file declared it a column.
Names a glob's files spell otherwise (`log_radon`, and `LOG_RADON` from a Snowflake
unload) are one column, noted (`parquet_recased`).
A glob over a Delta Lake table's folder reads the files its `_delta_log` says are the table
now, those a commit removed left out, noted (`adapters/delta_log`); read in place, the view
lists them when it is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters import delta_log
from datanet_sql.adapters.files import expand
from datanet_sql.errors import IngestError
from datanet_sql.ingest.decimals import MAX_PRECISION, holding, spelled
from datanet_sql.ingest.readers import (
    parquet_floats,
    parquet_index,
    parquet_lists,
    parquet_packed,
    parquet_periods,
    parquet_recased,
    parquet_summary,
)
from datanet_sql.ingest.readers.shape import Raw
from datanet_sql.ingest.readers.sql import column, connect, ident, named

OPTIONS = ("nested",)


def read(stack: ExitStack, path: Path, fmt: str, options: dict[str, Any],
         columns: dict[str, str]) -> Raw:
    con = connect()
    stack.callback(con.close)
    left_out: list[str] = []
    schemas, written = parquet_recased.unite(_schemas(str(path), left_out), left_out)
    files = list(schemas)
    widened, notes = unify(schemas)
    notes = left_out + notes
    names = list(dict.fromkeys(n for s in schemas.values() for n in s.names))
    partitions = hive_keys(files, names)
    index, verbatim = parquet_index.split(schemas, notes)
    names = [n for n in names if n not in index]
    scan = exp.func("read_parquet", exp.Array(expressions=[exp.Literal.string(f) for f in files]),
                    named("union_by_name", True), named("hive_partitioning", bool(partitions)))
    if partitions:
        names += partitions
        folders = [part for part in Path(files[0]).parent.parts if "=" in part]
        notes.append(f"{path.name}: column(s) {', '.join(partitions)} read from the folder "
                     f"names (Hive partitions, {'/'.join(folders)}/...)")
    singles = parquet_floats.singles(schemas, notes)
    packed = parquet_packed.packed(schemas, notes)
    widened.update({n: exp.DataType.build("DOUBLE") for n in packed if n in widened})
    source = _each_file(files, schemas, widened, partitions, written) \
        if written or _scale_lost(schemas) or singles or packed else exp.Table(this=scan)
    text, binary = _binary_text(con, source, unannotated(schemas), notes)
    durations = _durations(schemas, notes)
    periods = parquet_periods.periods(schemas, notes)
    parquet_lists.noted(schemas, options, notes)
    select = [periods[n].as_(ident(n)) if n in periods else
              exp.cast(column(n), widened[n]).as_(ident(n)) if n in widened else
              _decoded(n).as_(ident(n)) if n in text else
              _interval(n, durations[n]).as_(ident(n)) if n in durations else
              exp.cast(column(n), "BLOB").as_(ident(n)) if n in binary else column(n)
              for n in names]
    relation = con.sql(exp.select(*select).from_(source).sql("duckdb"))
    return Raw(con, relation, str(path), notes=notes, verbatim=set(verbatim))


def _scale_lost(schemas: dict[str, Any]) -> bool:
    """Whether a column's decimals need more than 38 digits together: DuckDB's scan over
    all the files unifies them to a decimal that drops scale (`decimal(38,0)` and
    `decimal(10,5)` to `decimal(38,0)`, 1.23456 read as 1) before any cast can act, so the
    files are read one by one (see `_each_file`)."""
    import pyarrow.types as pt

    found: dict[str, set[Any]] = {}
    for schema in schemas.values():
        for field in schema:
            found.setdefault(field.name, set()).add(field.type)
    return any(len(types) > 1 and all(pt.is_decimal(t) for t in types)
               and holding([(t.precision, t.scale) for t in types]) is None
               for types in found.values())


def _each_file(files: list[str], schemas: dict[str, Any], widened: dict[str, exp.DataType],
               partitions: list[str], written: dict[str, dict[str, str]]) -> exp.Subquery:
    """The files read one by one, each column whose type drifts cast to its unified type
    (see `unify`) within its own file and named as it is read (`written`: {file: {name
    as read: name in the file}}, see `parquet_recased`), then stacked by name (NULL where
    a file lacks a column): no value passes through a type that cannot hold it, and no
    column is two for a file spelling its name otherwise. A float32 is read as the double
    of its shortest decimal (`parquet_floats`), a packed integer unpacked
    (`parquet_packed`), each by its own file's field."""
    reads = []
    for file in files:
        spelled = written.get(file, {})
        picks = [_cast(_as_read(file, field, column(spelled.get(field.name, field.name))),
                       widened.get(field.name)).as_(ident(field.name))
                 for field in schemas[file]] + [column(k) for k in partitions]
        scan = exp.func("read_parquet", exp.Literal.string(file),
                        named("hive_partitioning", bool(partitions)))
        reads.append(exp.select(*picks).from_(exp.Table(this=scan)))
    if len(reads) == 1:
        return reads[0].subquery()
    return exp.union(*reads, distinct=False, by_name=True).subquery()


def _as_read(file: str, field: Any, value: exp.Expression) -> exp.Expression:
    """`value`, the column `field` of `file`, as it is read: a float32 widened to the
    double of its shortest decimal, a packed integer unpacked."""
    return parquet_packed.unpacked(parquet_floats.widened(value, field.type), file, field)


def _cast(value: exp.Expression, to: exp.DataType | None) -> exp.Expression:
    """`value` cast to `to`, or as it is when there is no type to cast to."""
    return exp.cast(value, to) if to is not None else value


def in_place(pattern: str, paths: Sequence[str] | None = None) -> exp.Select:
    """The query a Parquet source read in place is a view of, reading what `read` reads:
    the Hive keys `hive_keys` finds as columns (DuckDB's own guess would also take a key
    that is a column of the files, overriding the files' values), and the binary columns
    whose every value is UTF-8 as text. Those are decoded strictly: a later file with a
    value that is not UTF-8 fails the query naming the value, never reads as NULL. Types
    that drift between files are DuckDB's, as before (a load widens them, see `unify`);
    columns some files lack are read by name (DuckDB read the first file's alone, a
    column added in March gone from the view). Files some of which alone lie in
    `key=value` folders are refused (`_refuse_keys_of_some`).
    A folder with summary files (`parquet_summary`) is read as its data files listed when
    the view is made: DuckDB's glob would read the parts' rows twice through `_metadata`;
    so are `paths` when given (the files the source chooses, `in_place`)."""
    left_out: list[str] = []
    schemas = _schemas(pattern, left_out, paths)
    files = list(schemas)
    names = list(dict.fromkeys(n for s in schemas.values() for n in s.names))
    listed = exp.Array(expressions=[exp.Literal.string(f) for f in files]) \
        if left_out or paths is not None else exp.Literal.string(pattern)
    partitions = hive_keys(files, names)
    if not partitions:
        _refuse_keys_of_some(schemas)
    options = [named("hive_partitioning", bool(partitions))]
    if len({frozenset(schema.names) for schema in schemas.values()}) > 1:
        options.append(named("union_by_name", True))  # else the first file's columns alone
    scan = exp.Table(this=exp.func("read_parquet", listed, *options))
    with closing(connect()) as con:
        text, _ = _binary_text(con, scan, unannotated(schemas), [])
    decoded = [_utf8(n).as_(ident(n)) for n in text] + \
        [_interval(n, unit).as_(ident(n)) for n, unit in _durations(schemas, []).items()] + \
        [start.as_(ident(n)) for n, start in parquet_periods.periods(schemas, []).items()] + \
        _read_alike(schemas)
    return exp.select(exp.Star(replace=decoded) if decoded else exp.Star()).from_(scan)


def _read_alike(schemas: dict[str, Any]) -> list[exp.Expression]:
    """For a view over the files: the float32 and packed integer columns (`_as_read`) read
    as a load reads them, when every file stores the column alike (one scan reads them all:
    DuckDB's union would widen a float32's bits beside a double, or mix packed integers with
    plain ones, before any expression acts); refused otherwise."""
    fields: dict[str, dict[str, Any]] = {}
    for file, schema in schemas.items():
        for field in schema:
            fields.setdefault(field.name, {})[file] = field
    read = []
    for name, by_file in fields.items():
        reads = {f: _as_read(f, field, column(name)) for f, field in by_file.items()}
        if all(r == column(name) for r in reads.values()):
            continue
        file, value = next(iter(reads.items()))
        if len({(str(o.type), parquet_packed.packing(f, o)) for f, o in by_file.items()}) > 1:
            raise IngestError(
                f"column {name}: stored otherwise from file to file "
                f"({', '.join(f'{Path(f).name}: {o.type}' for f, o in by_file.items())}), a "
                f"float32 or packed integer in some: read in place, in one scan, its values "
                f"would be widened or mixed before they are read", file=file,
                hint="add load: to ingest it (each file is read by its own type)")
        read.append(value.as_(ident(name)))
    return read


def _refuse_keys_of_some(schemas: dict[str, Any]) -> None:
    """Refuse files ({file: its Arrow schema}) lying in `key=value` folders that other
    files of the path do not lie in (a Spark job's `events.parquet/year=2024/` parts beside
    plain files), the key no column of the file itself: one scan takes folder keys as
    columns for every file or for none, so those files' key would be lost in place. The
    loader reads each file with its own folders' keys."""
    keyed = {f: [part.split("=", 1)[0] for part in Path(f).parent.parts if "=" in part]
             for f in schemas}
    common = set.intersection(*(set(keys) for keys in keyed.values()))
    for file, keys in keyed.items():
        lost = [k for k in keys if k not in common and k not in schemas[file].names]
        if lost:
            raise IngestError(
                f"column(s) {', '.join(lost)} only in the folder names of this file (a "
                f"partitioned write, Spark's partitionBy), not of every file the path "
                f"reads: read in place, in one scan, the column would be lost", file=file,
                hint="add load: to ingest it (each file is read with its own folders' "
                     "columns), or point the path at the partitioned files alone")


def hive_keys(files: list[str], names: list[str]) -> list[str]:
    """The keys of the `key=value` folders every file lies in, in path order (Hive
    partitions: `year=1969/part-0.parquet` keeps the year only in its folder's name), when
    all files have the same keys and none is a column of the files (then the files' own
    column stands, as DuckDB's reader would let it)."""
    keys = {tuple(part.split("=", 1)[0] for part in Path(f).parent.parts if "=" in part)
            for f in files}
    if len(keys) != 1:
        return []
    (found,) = keys
    return [] if not found or set(found) & set(names) or len(set(found)) != len(found) \
        else list(found)


def unannotated(schemas: dict[str, Any]) -> list[str]:
    """Columns some file stores as binary (BYTE_ARRAY with no logical type), every other
    file storing them as binary or text (or holding no values): text, unless a value is
    not UTF-8."""
    import pyarrow.types as pt

    found: dict[str, list[Any]] = {}
    for schema in schemas.values():
        for field in schema:
            found.setdefault(field.name, []).append(field.type)
    return [name for name, types in found.items()
            if any(_is_binary(t) for t in types)
            and all(_is_binary(t) or pt.is_string(t) or pt.is_large_string(t) or pt.is_null(t)
                    for t in types)]


def _is_binary(arrow_type: Any) -> bool:
    import pyarrow.types as pt

    return bool(pt.is_binary(arrow_type) or pt.is_large_binary(arrow_type))


def _binary_text(con: Any, source: exp.Expression, names: list[str], notes: list[str]
                 ) -> tuple[list[str], list[str]]:
    """`names` (see `unannotated`) split into those every value of which decodes as UTF-8
    and the rest, counted in one pass over the files (`source`, what the read selects
    from); `notes` told which is which."""
    if not names:
        return [], []
    counts = con.execute(exp.select(*[
        exp.func("count_if", exp.and_(column(n).is_(exp.null()).not_(),
                                      _decoded(n).is_(exp.null())))
        for n in names]).from_(source).sql("duckdb")).fetchall()[0]
    text = [n for n, bad in zip(names, counts) if not bad]
    if text:
        notes.append(f"column(s) {', '.join(text)}: binary in the file (BYTE_ARRAY without "
                     f"the UTF8 annotation, as Hive, Impala and old Spark write text), every "
                     f"value valid UTF-8: read as text")
    notes += [f"column {n}: binary in the file (BYTE_ARRAY without the UTF8 annotation) and "
              f"{bad} value(s) are not UTF-8: kept as binary (decode it in a model if it is "
              f"text in another encoding)" for n, bad in zip(names, counts) if bad]
    return text, [n for n in names if n not in text]


def _decoded(name: str) -> exp.Expression:
    """The column's bytes as UTF-8 text; NULL where they are not UTF-8."""
    return exp.func("try", _utf8(name))


def _utf8(name: str) -> exp.Expression:
    """The column's bytes as UTF-8 text; an error where they are not UTF-8."""
    return exp.Decode(this=exp.cast(column(name), "BLOB"), charset=exp.Literal.string("utf-8"))


def _durations(schemas: dict[str, Any], notes: list[str]) -> dict[str, str]:
    """{column: unit} for the columns every file stores as an Arrow duration of one unit
    (pandas timedeltas): Parquet keeps them as plain int64 counts, which DuckDB reads as
    bare integers (604800 for a week), so they are read as INTERVAL, noted."""
    import pyarrow.types as pt

    found: dict[str, set[Any]] = {}
    for schema in schemas.values():
        for field in schema:
            found.setdefault(field.name, set()).add(field.type)
    durations = {name: next(iter(types)).unit for name, types in found.items()
                 if len(types) == 1 and pt.is_duration(next(iter(types)))}
    notes += [f"column {name}: a duration in the file (Arrow duration[{unit}], stored as a "
              f"count of {_UNITS[unit]}): read as INTERVAL" for name, unit in durations.items()]
    return durations


_UNITS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}
_PER_MICROSECOND = {"s": 1_000_000, "ms": 1_000, "us": 1}


def _interval(name: str, unit: str) -> exp.Expression:
    """A duration's count of `unit`s as an INTERVAL (microseconds, DuckDB's finest: a
    nanosecond count is truncated to them)."""
    count = column(name)
    micros = exp.IntDiv(this=count, expression=exp.convert(1_000)) if unit == "ns" else \
        exp.Mul(this=count, expression=exp.convert(_PER_MICROSECOND[unit]))
    return exp.func("to_microseconds", micros)


def _schemas(path: str, notes: list[str],
             paths: Sequence[str] | None = None) -> dict[str, Any]:
    """{file: its Arrow schema} for the Parquet files `path` (a file or a glob) names, or
    `paths` when given, in order, each footer read once; files a Delta table's log removed
    (`adapters/delta_log`) and summary files (`parquet_summary.data_files`) left out, told in
    `notes`."""
    named = paths if paths is not None else expand(path)
    footers = {f: _footer(f) for f in delta_log.data_files(path, list(named), notes)}
    kept = parquet_summary.data_files(path, {f: m for f, (m, _) in footers.items()}, notes)
    return {f: footers[f][1] for f in kept}


def _footer(file: str) -> tuple[Any, Any]:
    """The file's footer: its FileMetaData and its Arrow schema (as `read_schema` gives it)."""
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(file) as parquet_file:
            return parquet_file.metadata, parquet_file.schema_arrow
    except Exception as error:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError, ...
        raise IngestError(f"not a readable Parquet file: {error}", file=file) from None


def unify(schemas: dict[str, Any]) -> tuple[dict[str, exp.DataType], list[str]]:
    """{column: the type it is read as} for columns whose type differs between files, and a
    note for every difference (a type change, a column some files lack)."""
    seen: dict[str, dict[str, Any]] = {}
    for file, schema in schemas.items():
        for field in schema:
            seen.setdefault(field.name, {})[file] = field.type
    widened, notes = {}, []
    for name, by_file in seen.items():
        if len(by_file) < len(schemas):
            notes.append(f"{name}: absent from {len(schemas) - len(by_file)} of {len(schemas)}"
                         f" files (NULL there)")
        typed = {f: t for f, t in by_file.items() if str(t) != "null"}
        if len(typed) < len(by_file) and typed:   # all NULL there: no type to agree with
            notes.append(f"{name}: no values in {_names(set(by_file) - set(typed))} (Parquet "
                         "type null); read as the other files type it")
        types = set(map(str, typed.values()))
        if len(types) > 1 and name not in unannotated(schemas):  # text or bytes: see read
            target = _widest(list(typed.values()))
            widened[name] = exp.DataType.build(target)
            files = ", ".join(f"{Path(f).name}: {t}" for f, t in by_file.items())
            notes.append(f"{name}: types differ between files ({files}); "
                         + (_decimals_note(list(typed.values()))
                            or f"read as {target}"))
    return widened, notes


def _names(files: set[str]) -> str:
    return ", ".join(sorted(Path(f).name for f in files))


def _widest(types: list[Any]) -> str:
    import pyarrow.types as pt

    if all(pt.is_integer(t) for t in types):
        return "BIGINT"
    if all(pt.is_decimal(t) for t in types) and (
            held := holding([(t.precision, t.scale) for t in types])):
        return spelled(*held)
    if all(pt.is_integer(t) or pt.is_floating(t) or pt.is_decimal(t) for t in types):
        return "DOUBLE"
    if all(pt.is_date(t) or pt.is_timestamp(t) for t in types):
        return "TIMESTAMP"
    return "VARCHAR"


def _decimals_note(types: list[Any]) -> str | None:
    """How decimals of several scales were unified (None when not all are decimals): to
    the decimal holding them all (see `decimals`), or, past 38 digits, to DOUBLE, whose
    values are no longer exact."""
    import pyarrow.types as pt

    if not all(pt.is_decimal(t) for t in types):
        return None
    found = " and ".join(dict.fromkeys(f"decimal({t.precision},{t.scale})" for t in types))
    held = holding([(t.precision, t.scale) for t in types])
    if held is None:
        return (f"{found} unified as DOUBLE: no decimal of at most {MAX_PRECISION} digits "
                f"holds them all, so the values are no longer exact")
    return f"{found} unified as decimal({held[0]},{held[1]}), which holds every value exactly"
