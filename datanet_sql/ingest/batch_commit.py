"""One batch of a load, written in one transaction: its rows, the rows of its child tables,
its rejects and its ledger rows (see loader.py for how batches are made).

The transaction is what makes a load exactly once: a kill at any moment leaves the
warehouse as it was before the batch or after it. The rows reach the warehouse as a
temporary view `BATCH` of the adapter's connection (an Arrow table, a query over rows the
warehouse read itself, or DuckDB's own reader over the files), which `writes` turns into
the mode's statements.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.by_position import headerless
from datanet_sql.ingest.file_names import spellings, stored, stored_expression
from datanet_sql.ingest.landing import LandedFile
from datanet_sql.ingest.padded_keys import trimmed_target
from datanet_sql.ingest.readers.shape import Query
from datanet_sql.ingest.readers.stream import Stream, chain
from datanet_sql.ingest.writes import (
    FILE_COLUMN,
    ORDER,
    Target,
    delete_rows,
    of_files,
    positioned,
    write_child,
    write_rows,
)

if TYPE_CHECKING:
    from datanet_sql.ingest.delta_removed import Removed
    from datanet_sql.ingest.loader import LoadJob, LoadResult

BATCH = "__dn_batch"


@dataclass
class Batch:
    """What one transaction writes: rows, the child rows of their arrays, rejects, ledger."""

    table: Any                            # pyarrow.Table, Stream or Query (None: `scan` has them)
    children: dict[str, Any]              # array field -> child rows (pyarrow.Table, Stream, Query)
    rejects: list[Any]
    ledger_rows: list[exp.Tuple]
    notes: list[str]                      # the reader's schema notes
    files: tuple[str, ...] = ()           # the landed files it is (incremental_files)
    replace: bool = False                 # the batch is the whole table
    scan: Any = None                      # readers.csv_scan.Scan a DuckDB warehouse runs itself
    landed: tuple[LandedFile, ...] = ()   # the scan's files (their ledger rows follow it)
    scanned: int = 0                      # rows the scan inserted, known once it ran
    removed: Removed | None = None        # files their Delta log removed, followed in it

    @property
    def rows(self) -> int:
        return self.table.num_rows if self.table is not None else self.scanned


def new_batch(reads: list[Any], ledger_rows: list[exp.Tuple], replace: bool = False) -> Batch:
    names = dict.fromkeys(name for r in reads for name in r.children)
    children = {name: chain([r.children[name] for r in reads if name in r.children])
                for name in names}
    return Batch(chain([r.table for r in reads]), children,
                  [x for r in reads for x in r.rejects], ledger_rows,
                  [n for r in reads for n in r.schema_notes], replace=replace)


def ledger_rows(job: LoadJob, location: str, size: int | None, sha256: str | None,
                 read_: Any, cursor_value: Any) -> list[exp.Tuple]:
    """The batch's ledger row, and one per child table it fills (so a later batch knows
    which child tables hold rows of this table). A file's `location` is kept by its name
    (see file_names)."""
    location = stored(job.root, location)
    return [ledger.row(job.source, job.table, location, size, sha256, read_.table.num_rows,
                       cursor_value)] + \
        [ledger.row(job.source, child_name(job, name), location, size, sha256, rows.num_rows,
                    None) for name, rows in sorted(read_.children.items())]


def child_name(job: LoadJob, field_name: str) -> str:
    return f"{job.table}__{field_name}"


def ledger_relation(job: LoadJob) -> Relation:
    return Relation(ledger.LEDGER, job.ledger_schema)


def rejects_relation(job: LoadJob) -> Relation:
    return Relation(ledger.REJECTS, job.relation.schema)


class Unscannable(Exception):
    """The warehouse's scan is not to be kept: it met bytes that are not UTF-8, or values
    past DuckDB's type sample that do not fit the type it guessed, or NaN in a double
    column (read as NULL on the Arrow path, noted), or it gave no rows yet
    changed the table's columns (DuckDB types a header alone as text, which a batch known
    to be rowless does not apply). Rolled back; the group is read anew."""


def commit(adapter: Adapter, job: LoadJob, result: LoadResult, batch: Batch) -> None:
    """Rows, child rows, rejects and ledger rows of one batch, in one transaction (on Spark,
    which has none, in that order: the ledger row last, see README "Targets"); first in
    it, what the batch carries of files their Delta log removed (`delta_removed`)."""
    if job.config["on_bad_row"] == "fail" and batch.rejects:
        first = batch.rejects[0]
        raise IngestError(f"source table {job.name}: {len(batch.rejects)} bad "
                          f"row(s), the first at record {first.record_no}: {first.reason}",
                          file=stored(job.root, first.file) if first.file else None,
                          hint="fix the file, or set on_bad_row: reject to load the good rows "
                               "and keep the bad in _rejects")
    parent = _target(job, batch, result.warnings)
    known = set(batch.children) | known_children(adapter, job)
    empty = batch.scan is None and not batch.table.column_names
    if empty and batch.replace:
        raise IngestError(f"source table {job.name}: the file has no columns "
                          f"(empty, or no record in it), nothing to replace the table with",
                          file=batch.files[0] if batch.files else None,
                          hint="land a file with records, or drop the table to empty it")
    # the staged rows are dropped inside the transaction when it commits (a stream staged
    # in a DuckDB table of its own is never committed), after it when it rolls back
    with ExitStack() as views, adapter.atomic():
        if batch.removed:  # withdrawn (or warned about) with the rows replacing theirs
            batch.removed.apply(adapter, job, result)
        if not empty:  # a file or chunk without records: its rejects and ledger rows only
            _write_batch(adapter, job, result, batch, parent, sorted(known), views)
        _drop_superseded_rejects(adapter, job, batch)
        _write_rejects(adapter, job, batch.rejects)
        _write_ledger(adapter, job, batch, known)
        views.close()
    result.rows += batch.rows
    result.rejects += len(batch.rejects)
    for name, rows in batch.children.items():
        child = child_name(job, name)
        result.children[child] = result.children.get(child, 0) + rows.num_rows
    result.read_notes += [n for n in batch.notes if n not in result.read_notes]


def _write_batch(adapter: Adapter, job: LoadJob, result: LoadResult, batch: Batch,
                 parent: Target, children: list[str], views: ExitStack) -> None:
    """The batch's rows and the rows of each child table (`children`: those of the batch and
    those earlier batches filled, whose old rows the mode may remove)."""
    rows, columns = positioned(adapter, parent, *_stage(adapter, job, batch, views),
                               result.notes)
    parent = trimmed_target(adapter, parent, rows, result.notes)
    before = 0 if batch.scan is None or batch.replace else _count_rows(adapter, job.relation)
    evolved = len(result.notes)
    write_rows(adapter, parent, rows, columns, result.notes)
    if batch.scan is not None:
        _scanned(adapter, job, batch, before, columns)
        if not batch.scanned and len(result.notes) > evolved:
            raise Unscannable  # types from a header alone: the Arrow path keeps the table's
    for number, name in enumerate(children):
        _write_child(adapter, job, parent, name, batch.children.get(name),
                     f"{BATCH}_{number}", views, rows, columns, result.notes)


def _stage(adapter: Adapter, job: LoadJob, batch: Batch, views: ExitStack
           ) -> tuple[exp.Table | exp.Subquery, list[str]]:
    """The batch's rows as a relation named `BATCH` and the columns the table receives:
    DuckDB's reader over the files itself (`batch.scan`; as a view it would sniff its
    files again at every statement that reads it, 0.2 CPU s for 50 files), or a view of
    this connection until `views` closes: the Arrow table (DuckDB reads it in place,
    Postgres and Spark copy it) or a query over rows the warehouse read itself (`Query`)."""
    if batch.scan is not None:
        return _named_scan(job, batch.scan).subquery(BATCH), list(batch.scan.columns)
    return exp.to_table(BATCH), _stage_view(adapter, job, batch, views)


def _named_scan(job: LoadJob, scan: Any) -> exp.Select:
    """The scan's rows, its file column (DuckDB's path of each row's file) holding the
    file's name instead (see file_names)."""
    query = scan.query()
    if FILE_COLUMN not in scan.columns:
        return query
    named = stored_expression(job.root, exp.column(FILE_COLUMN, quoted=True))
    return exp.select(*[named.as_(FILE_COLUMN, quoted=True) if c == FILE_COLUMN
                        else exp.column(c, quoted=True) for c in scan.columns]).from_(
        query.subquery("__dn_scan"))


def _stage_view(adapter: Adapter, job: LoadJob, batch: Batch, views: ExitStack) -> list[str]:
    table = batch.table
    if isinstance(table, Query):
        _temporary_view(adapter, BATCH, table.select, views)
        return table.column_names
    import pyarrow as pa

    columns = list(table.column_names)
    if job.mode == "merge" and isinstance(table, Stream):  # the last row of the file wins
        table = table.with_column(ORDER, lambda batch, offset: pa.array(
            range(offset, offset + batch.num_rows)), pa.int64())
    elif job.mode == "merge":
        import numpy as np
        table = table.append_column(ORDER, pa.array(np.arange(table.num_rows)))
    _arrow_view(adapter, BATCH, table, views)
    return columns


def _arrow_view(adapter: Adapter, name: str, rows: Any, views: ExitStack) -> None:
    """Arrow rows as the relation `name` until `views` closes: a Table read in place, a
    Stream's record batches staged one by one (see readers.stream)."""
    views.enter_context(adapter.arrow_view(name, rows.reader() if isinstance(rows, Stream)
                                           else rows))


def _temporary_view(adapter: Adapter, name: str, query: exp.Select, views: ExitStack) -> None:
    """`query` as the temporary view `name` until `views` closes."""
    view = exp.to_table(name)
    adapter.execute(exp.Create(this=view, kind="VIEW", expression=query, properties=exp.Properties(
        expressions=[exp.TemporaryProperty()])))
    views.callback(adapter.execute, exp.Drop(tables=[view], kind="VIEW", exists=True))


def _write_child(adapter: Adapter, job: LoadJob, parent: Target, name: str, rows: Any,
                 view: str, views: ExitStack, parent_rows: exp.Table, parent_columns: list[str],
                 notes: list[str]) -> None:
    """One child table of the batch (`rows` None: the batch has none of it, old rows may go)."""
    if isinstance(rows, Query):
        _temporary_view(adapter, view, rows.select, views)
    elif rows is not None:
        _arrow_view(adapter, view, rows, views)
    child = replace(parent, relation=job.relation.with_name(child_name(job, name)),
                    name=f"{job.name}__{name}", key=(),
                    rowless=rows is not None and not rows.num_rows)
    write_child(adapter, parent, child, view if rows is not None else None,
                list(rows.column_names) if rows is not None else [], parent_rows, parent_columns,
                notes)


def _target(job: LoadJob, batch: Batch, warnings: list[str]) -> Target:
    return Target(job.relation, job.mode, job.name, job.on_schema_change,
                  tuple(job.config["primary_key"] or ()), job.config.get("cursor"),
                  spellings(job.root, batch.files), batch.replace,
                  batch.scan is None and not batch.rows,
                  headerless=_headerless(job, batch),
                  warnings=warnings, loaded_as=job.name)


def _headerless(job: LoadJob, batch: Batch) -> tuple[str, ...]:
    """The batch's files as the ledger names them when they have no header line (see
    by_position), a tailed file's part named by nothing; none when they have one."""
    if not headerless(batch.notes, job.config["options"]):
        return ()
    return tuple(stored(job.root, f) for f in batch.files) or ("the file's new lines",)


def known_children(adapter: Adapter, job: LoadJob) -> set[str]:
    """Array fields of this table that earlier batches loaded into child tables."""
    prefix = f"{job.table}__"
    return {name[len(prefix):] for name in ledger.tables(adapter, ledger_relation(job), job.source)
            if name.startswith(prefix)}


def _scanned(adapter: Adapter, job: LoadJob, batch: Batch, before: int,
             columns: list[str]) -> None:
    """After the scan's INSERT, in its transaction: its rejects, and a ledger row a file
    with the rows it gave: counted by `_datanet_file`, which the insert just wrote (the
    files' names), or, for a batch of one file, the rows the table gained (`before`: its
    rows before the batch); the doubts about the rows it inserted (under `columns`), as a
    read into Arrow has them (`scan_doubts`), a refusal among them rolling it back."""
    from datanet_sql.ingest.reading import source_format
    from datanet_sql.ingest.scan_doubts import doubted

    con, scan = adapter.connection, batch.scan
    if scan.bad_encoding(con) or scan.guessed_misfits(con) or _holds_nan(adapter, job, batch):
        raise Unscannable
    batch.rejects = scan.rejects(con)
    where = of_files(FILE_COLUMN, spellings(job.root, batch.files)) \
        if FILE_COLUMN in scan.columns else None
    if where is not None:
        query = exp.select(FILE_COLUMN, exp.func("count", exp.Star())).from_(
            job.relation.table()).where(where.copy()).group_by(FILE_COLUMN)
        counts = dict(adapter.fetch(query)[1])
    else:
        counts = {stored(job.root, batch.files[0]): _count_rows(adapter, job.relation) - before}
    batch.scanned = sum(counts.values())
    batch.notes += doubted(con, scan, source_format(Path(batch.files[0]), job.config.get(
        "format")), job.relation.table(), columns, where, before,
        (batch.scanned, len(batch.rejects)), bool(job.config["columns"]))
    names = [stored(job.root, f.path) for f in batch.landed]
    batch.ledger_rows = [ledger.row(job.source, job.table, name, f.size, f.sha256,
                                    counts.get(name, 0), None)
                         for name, f in zip(names, batch.landed)]


def _holds_nan(adapter: Adapter, job: LoadJob, batch: Batch) -> bool:
    """The scan inserted NaN into a double column, which the Arrow path reads as NULL,
    noted (`readers.nans`): the rows of the batch's files, or (a batch of one file, no file
    column) the table's."""
    doubles = [c.name for c in adapter.list_columns(job.relation) or []
               if c.type in ("DOUBLE", "FLOAT")]
    if not doubles:
        return False
    query = exp.select(exp.func("count", exp.Star())).from_(job.relation.table()).where(
        exp.or_(*[exp.func("isnan", exp.column(n, quoted=True)) for n in doubles]))
    if FILE_COLUMN in batch.scan.columns:
        query = query.where(of_files(FILE_COLUMN, spellings(job.root, batch.files)))
    return bool(adapter.fetch(query)[1][0][0])


def _count_rows(adapter: Adapter, relation: Relation) -> int:
    """Rows of the table, 0 when it does not exist."""
    if adapter.list_columns(relation) is None:
        return 0
    return int(adapter.fetch(exp.select(exp.func("count", exp.Star())).from_(
        relation.table()))[1][0][0])


def _write_ledger(adapter: Adapter, job: LoadJob, batch: Batch, children: set[str]) -> None:
    """The batch's ledger rows, replacing those of what it replaces (the whole table, or the
    re-delivered file), its child tables' included."""
    if batch.replace or batch.files and job.mode == "incremental_files":
        delete_ledger_rows(adapter, job, children, None if batch.replace else batch.files)
    adapter.execute(exp.insert(exp.Values(expressions=batch.ledger_rows),
                               ledger_relation(job).table()))


def _drop_superseded_rejects(adapter: Adapter, job: LoadJob, batch: Batch) -> None:
    """The rejects of what the batch's rows replace, which were read from a content no
    longer there: those of its re-delivered files (incremental_files; a file read while its
    writer was still writing kept the cut record's reject after the complete file came), or
    all the table's when it is rebuilt from its files (`replace`, which reads every file
    again: each reject was stored once more at every change). A database table's `replace`
    keeps them: it stores only rejects not stored before (database_load._not_rejected_before)."""
    from_files = bool(job.config.get("path"))
    if batch.replace and from_files:
        where = ledger.owner(job.source, job.table)
    elif batch.files and job.mode == "incremental_files" and not batch.replace:
        where = _of_files(job, batch.files)
    else:
        return
    delete_rows(adapter, rejects_relation(job), where)


def _of_files(job: LoadJob, files: tuple[str, ...]) -> exp.Expression:
    """The ledger's or the rejects' rows of the job's table that name one of `files` (by
    any of their spellings, see file_names)."""
    return exp.and_(ledger.owner(job.source, job.table),
                    of_files("file", spellings(job.root, files)))


def withdraw(adapter: Adapter, job: LoadJob, files: tuple[str, ...]) -> None:
    """Under incremental_files, the rows of re-delivered `files` in the table and its child
    tables (each row names its file), their rejects and their ledger rows: what a
    re-delivery replaces, for one whose new content is not loaded (see resent.py). Inside
    the caller's transaction."""
    children = known_children(adapter, job)
    for name in [job.table, *[child_name(job, field) for field in sorted(children)]]:
        relation = job.relation.with_name(name)
        if adapter.list_columns(relation) is not None:
            delete_rows(adapter, relation, of_files(FILE_COLUMN, spellings(job.root, files)))
    delete_rows(adapter, rejects_relation(job), _of_files(job, files))
    delete_ledger_rows(adapter, job, children, files)


def delete_ledger_rows(adapter: Adapter, job: LoadJob, children: set[str],
                        files: tuple[str, ...] | None) -> None:
    """The ledger rows of the table and its child tables: all of them, or those of `files`
    (by any of their spellings, see file_names)."""
    where = ledger.owner(job.source, job.table,
                         *[child_name(job, name) for name in sorted(children)])
    if files is not None:
        where = exp.and_(where, of_files("file", spellings(job.root, files)))
    delete_rows(adapter, ledger_relation(job), where)


def _write_rejects(adapter: Adapter, job: LoadJob, rejects: list[Any]) -> None:
    """The batch's rejects, each naming its file as the ledger does (see file_names)."""
    if not rejects:
        return
    rows = [exp.Tuple(expressions=[exp.Literal.string(str(v)) for v in (
        job.source, job.table, stored(job.root, str(r.file)), r.record_no, r.reason, r.raw)]
        + [exp.CurrentTimestamp()]) for r in rejects]
    for start in range(0, len(rows), 1000):
        adapter.execute(exp.insert(exp.Values(expressions=rows[start:start + 1000]),
                                   rejects_relation(job).table()))
