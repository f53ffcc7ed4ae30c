"""Loading source tables with `load:` into the warehouse, each batch exactly once.

A batch is one landed file (or, for `replace`, every file of the glob; for a database table,
one batch of rows at or after the last cursor value). Its rows, its rejects and its ledger row
are written in one transaction, so a kill at any moment leaves the warehouse as it was before
the batch or after it, and a rerun carries on from there.

`incremental_files` keeps a `_datanet_file` column on every row: a corrected re-delivery of a
file is one `DELETE ... WHERE _datanet_file = <path>` away from replacing its own rows, and a
reader of the table can always tell where a row came from (which a ledger-side mapping of row
ids would hide, and which would break under merges and vacuuming).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.evolve import evolve_statements
from datanet_sql.ingest.files import resolve_path
from datanet_sql.ingest.landing import LandedFile, landed_files
from datanet_sql.ingest.staging import check_engine, staged

FILE_COLUMN = "_datanet_file"
_BATCH = "__dn_batch"
_ORDER = "__dn_ord"


@dataclass
class LoadJob:
    """One source table to load: where its data comes from, where it goes, and how."""

    source: str
    table: str
    relation: Relation
    ledger_schema: str
    root: Path
    config: dict[str, Any]  # the node's `load` config (see compile/passes/load.py)
    on_schema_change: str = "heal"

    @property
    def mode(self) -> str:
        return str(self.config["mode"])


@dataclass
class LoadResult:
    rows: int = 0      # rows of the batches loaded by this run (before a merge's dedupe)
    batches: int = 0   # files or database batches loaded
    skipped: int = 0   # files already in the ledger with the same content
    rejects: int = 0
    notes: list[str] = field(default_factory=list)  # columns added or widened

    @property
    def message(self) -> str:
        parts = [f"{self.batches} batch(es) loaded", f"{self.skipped} unchanged"]
        if self.rejects:
            parts.append(f"{self.rejects} rejected row(s) in _rejects")
        return ", ".join(parts + self.notes)


def job_for(node: Any, ledger_schema: str, root: Path) -> LoadJob:
    source, table = node.name.split(".", 1)
    return LoadJob(source, table, node.relation, ledger_schema, root, node.config["load"],
                   str(node.config.get("on_schema_change") or "heal"))


def load(adapter: Adapter, job: LoadJob, readers: Any) -> LoadResult:
    """Load every batch not yet in the ledger. `readers` provides `read_source` and
    `read_table` (datanet_sql.ingest.reading, or a stand-in in tests)."""
    check_engine(adapter, f"{job.source}.{job.table}", job.mode)
    for schema in {job.relation.schema, job.ledger_schema}:
        adapter.execute(adapter.create_schema(schema))
    for relation, columns in ((_ledger(job), ledger.LEDGER_COLUMNS),
                              (_rejects(job), ledger.REJECT_COLUMNS)):
        if adapter.list_columns(relation) is None:
            adapter.execute(adapter.create_table_as(relation, ledger.empty(columns)))
    result = LoadResult()
    if job.config.get("path"):
        _load_files(adapter, job, readers.read_source, result)
    else:
        _load_database(adapter, job, readers.read_table, result)
    return result


def _ledger(job: LoadJob) -> Relation:
    return Relation(ledger.LEDGER, job.ledger_schema)


def _rejects(job: LoadJob) -> Relation:
    return Relation(ledger.REJECTS, job.relation.schema)


def _load_files(adapter: Adapter, job: LoadJob, read_source: Callable[..., Any],
                result: LoadResult) -> None:
    files = landed_files(resolve_path(job.root, job.config["path"]))
    if not files:  # an empty landing folder: nothing has arrived yet
        return
    done = ledger.entries(adapter, _ledger(job), job.source, job.table)
    seen = {(e.file, e.sha256) for e in done}

    def read(file: LandedFile) -> Any:
        return read_source(Path(file.path), job.config.get("format"), job.config["options"],
                           job.config["columns"], job.config["on_bad_row"],
                           job.config["primary_key"] or None)

    if job.mode == "replace":
        exists = adapter.list_columns(job.relation) is not None
        if exists and seen == {(f.path, f.sha256) for f in files}:
            result.skipped = len(files)
            return
        reads = [read(f) for f in files]
        _commit(adapter, job, result, [r.table for r in reads],
                [r for read_ in reads for r in read_.rejects],
                [ledger.row(job.source, job.table, f.path, f.size, f.sha256, r.table.num_rows,
                            None) for f, r in zip(files, reads)], replace=True)
        result.batches = len(files)
        return
    for file in files:
        if (file.path, file.sha256) in seen:
            result.skipped += 1
            continue
        read_ = read(file)
        table = read_.table
        if job.mode == "incremental_files":
            import pyarrow as pa
            table = table.append_column(FILE_COLUMN, pa.repeat(pa.scalar(file.path),
                                                               table.num_rows))
        _commit(adapter, job, result, [table], read_.rejects,
                [ledger.row(job.source, job.table, file.path, file.size, file.sha256,
                            table.num_rows, None)], file=file.path)
        result.batches += 1


def _load_database(adapter: Adapter, job: LoadJob, read_table: Callable[..., Iterator[Any]],
                   result: LoadResult) -> None:
    cursor = job.config.get("cursor")
    done = ledger.entries(adapter, _ledger(job), job.source, job.table)
    after = next((e.cursor_value for e in reversed(done) if e.cursor_value is not None), None)
    location = job.config["dsn"]
    batches = read_table(job.config["format"], location, job.config["source_table"],
                         job.config["columns"], cursor, after)
    if job.mode == "replace":
        reads = list(batches)
        if not reads:
            return
        rows = sum(r.table.num_rows for r in reads)
        _commit(adapter, job, result, [r.table for r in reads],
                [x for r in reads for x in r.rejects],
                [ledger.row(job.source, job.table, location, None, None, rows, None)],
                replace=True)
        result.batches = 1
        return
    for read_ in batches:
        if not read_.table.num_rows and not read_.rejects:
            continue
        last = _max(read_.table, cursor)
        _commit(adapter, job, result, [read_.table], read_.rejects,
                [ledger.row(job.source, job.table, location, None, None, read_.table.num_rows,
                            last if last is not None else after)])
        result.batches += 1


def _max(table: Any, column: str | None) -> Any:
    if not column or column not in table.column_names or not table.num_rows:
        return None
    import pyarrow.compute as pc
    value = pc.max(table[column]).as_py()
    return value.isoformat(sep=" ") if hasattr(value, "isoformat") else value


def _commit(adapter: Adapter, job: LoadJob, result: LoadResult, tables: list[Any],
            rejects: Sequence[Any], ledger_rows: list[exp.Tuple], *, replace: bool = False,
            file: str | None = None) -> None:
    """Rows, rejects and ledger rows of one batch, in one transaction."""
    import pyarrow as pa

    if job.config["on_bad_row"] == "fail" and rejects:
        first = rejects[0]
        raise IngestError(f"source table {job.source}.{job.table}: {len(rejects)} bad row(s), "
                          f"the first at record {first.record_no}: {first.reason}",
                          file=first.file, hint="fix the file, or set on_bad_row: reject to "
                                                "load the good rows and keep the bad in _rejects")

    batch = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 \
        else tables[0]
    if job.mode == "merge":  # "the last row of the file wins" needs the file's order
        import numpy as np
        batch = batch.append_column(_ORDER, pa.array(np.arange(batch.num_rows)))
    with _transaction(adapter):
        with staged(adapter, _BATCH, batch):
            _write(adapter, job, batch.column_names, replace, file, result.notes)
        _write_rejects(adapter, job, rejects)
        owner = ledger.owner(job.source, job.table)
        if replace or file is not None and job.mode == "incremental_files":
            where = owner if replace else exp.and_(
                owner, exp.column("file").eq(exp.Literal.string(file)))
            adapter.execute(exp.delete(_ledger(job).table(), where=where))
        adapter.execute(exp.insert(exp.Values(expressions=ledger_rows), _ledger(job).table()))
    result.rows += batch.num_rows
    result.rejects += len(rejects)


@contextmanager
def _transaction(adapter: Adapter) -> Iterator[None]:
    """One transaction where the engine has them. Spark has none: the ledger row is written
    last, so a kill between a batch's rows and its ledger row loads that batch again on the
    rerun (at least once, never lost); each statement itself commits whole or not at all."""
    if not adapter.supports_transactions:
        yield
        return
    adapter.execute("BEGIN TRANSACTION")
    try:
        yield
        adapter.execute("COMMIT")
    except BaseException:
        adapter.execute("ROLLBACK")
        raise


def _write(adapter: Adapter, job: LoadJob, names: list[str], replace: bool,
           file: str | None, notes: list[str]) -> None:
    """The batch's rows into the table, as its mode says."""
    columns = [name for name in names if name != _ORDER]
    if replace or adapter.list_columns(job.relation) is None:
        adapter.execute(adapter.drop(job.relation))
        adapter.execute(adapter.create_table_as(job.relation, _staged(job, columns, False)))
        return
    for statement in evolve_statements(adapter, job.relation, _BATCH, job.on_schema_change,
                                       f"{job.source}.{job.table}", notes):
        adapter.execute(statement)
    if job.mode == "incremental_files" and file is not None:
        adapter.execute(exp.delete(job.relation.table(),
                                   where=exp.column(FILE_COLUMN).eq(exp.Literal.string(file))))
    staged = _staged(job, columns, True)
    if job.mode == "merge":
        for statement in adapter.merge_statements(job.relation, staged, job.config["primary_key"],
                                                  columns):
            adapter.execute(statement)
    else:
        adapter.execute(adapter.insert_into(job.relation, staged, columns))


def _staged(job: LoadJob, columns: list[str], table_exists: bool) -> exp.Select:
    """The batch as the table receives it: for merge, one row per primary key (the highest
    cursor value, then the last in the file) and none older than the table's own row."""
    query = exp.select(*[exp.column(c, quoted=True) for c in columns]).from_(_BATCH)
    if job.mode != "merge":
        return query
    keys = [exp.column(k, quoted=True) for k in job.config["primary_key"]]
    cursor = job.config.get("cursor")
    order = [exp.Ordered(this=exp.column(cursor, quoted=True), desc=True, nulls_first=False)] \
        if cursor else []
    order.append(exp.Ordered(this=exp.column(_ORDER), desc=True))
    rank = exp.Window(this=exp.func("row_number"), partition_by=keys,
                      order=exp.Order(expressions=order))
    query = query.qualify(exp.EQ(this=rank, expression=exp.Literal.number(1)))
    if cursor and table_exists:
        newer = exp.select(exp.Literal.number(1)).from_(
            job.relation.table().as_("__dn_t")).where(exp.and_(
                *[exp.column(k, "__dn_t", quoted=True).eq(exp.column(k, _BATCH, quoted=True))
                  for k in job.config["primary_key"]],
                exp.column(cursor, "__dn_t", quoted=True) > exp.column(cursor, _BATCH,
                                                                        quoted=True)))
        query = query.where(exp.Not(this=exp.Exists(this=newer)))
    return query


def _write_rejects(adapter: Adapter, job: LoadJob, rejects: Sequence[Any]) -> None:
    if not rejects:
        return
    rows = [exp.Tuple(expressions=[exp.Literal.string(str(v)) for v in (
        job.source, job.table, r.file, r.record_no, r.reason, r.raw)] + [exp.CurrentTimestamp()])
        for r in rejects]
    for start in range(0, len(rows), 1000):
        adapter.execute(exp.insert(exp.Values(expressions=rows[start:start + 1000]),
                                   _rejects(job).table()))
