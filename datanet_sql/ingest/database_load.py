"""Loading a database source table (SQLite or Postgres, `dsn:`): batches of rows at or after
the last loaded cursor value, each with its ledger row in one transaction (see
`batch_commit`); `replace` rewrites the table from all of them in one. What a cursor reads
again (the rows of its last instant, bad rows rejected before) is not loaded twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.ingest import ledger
from datanet_sql.ingest.batch_commit import (
    commit,
    ledger_relation,
    ledger_rows,
    new_batch,
    rejects_relation,
)
from datanet_sql.ingest.files import resolve_path

if TYPE_CHECKING:
    from datanet_sql.ingest.loader import LoadJob, LoadResult


def load_database(adapter: Adapter, job: LoadJob, read_table: Callable[..., Iterator[Any]],
                   result: LoadResult) -> None:
    cursor = job.config.get("cursor")
    done = ledger.entries(adapter, ledger_relation(job), job.source, job.table)
    after = next((e.cursor_value for e in reversed(done) if e.cursor_value is not None), None)
    location = database_location(job)
    batches = read_table(job.config["format"], location, job.config["source_table"],
                         job.config["columns"], cursor, after, required=job.merge_key,
                         on_bad_row=job.config["on_bad_row"],
                         encoding=job.config["options"].get("encoding"))
    # closed however the load ends: a write refused mid-table left the source's connection
    # idle in its transaction, its cursor open, holding locks (a `DROP SCHEMA` of the source
    # waited) until the generator was collected, which a kept traceback delays
    with closing(batches):
        _load_batches(adapter, job, batches, location, after, result)


def _load_batches(adapter: Adapter, job: LoadJob, batches: Iterator[Any], location: str,
                  after: Any, result: LoadResult) -> None:
    """The database table's batches into the warehouse: replaced, or merged or appended
    past the cursor's last value `after`."""
    if job.mode == "replace":
        _replace_from_database(adapter, job, batches, location, result)
        return
    cursor = job.config.get("cursor")
    for read_ in batches:
        if job.stopped():
            return
        had_rows = read_.table.num_rows or read_.rejects
        read_.table = _not_loaded(adapter, job, read_.table, after)
        read_.rejects = _not_rejected_before(adapter, job, read_.rejects)
        if not read_.table.num_rows and not read_.rejects:
            result.skipped += bool(had_rows)  # rows read again: unchanged
            continue
        last = _max(read_.table, cursor)
        rows = ledger_rows(job, location, None, None, read_, last if last is not None
                            else after)
        commit(adapter, job, result, new_batch([read_], rows))
        result.batches += 1


def database_location(job: LoadJob) -> str:
    """Where the database is: a SQLite file's path taken from the project root, as every
    file of a project is (it was taken from the current directory, so `--project-dir`
    run from elsewhere did not find it); a Postgres DSN as written."""
    location = str(job.config["dsn"])
    return resolve_path(job.root, location) if job.config["format"] == "sqlite" else location


def _replace_from_database(adapter: Adapter, job: LoadJob, batches: Iterator[Any],
                           location: str, result: LoadResult) -> None:
    """The table replaced by a database table's rows, read a batch at a time: the first
    batch replaces the table, the others are appended to it, each with its ledger row, all
    in one transaction (a kill leaves the old table and ledger), so only one batch is ever
    held in memory. Spark, without transactions, commits them one by one: a rerun replaces
    whatever a killed run left."""
    with adapter.atomic():
        for number, read_ in enumerate(batches):
            read_.rejects = _not_rejected_before(adapter, job, read_.rejects)
            commit(adapter, job, result, new_batch(
                [read_], ledger_rows(job, location, None, None, read_, None),
                replace=number == 0))
            result.batches = 1


def _not_loaded(adapter: Adapter, job: LoadJob, table: Any, after: str | None) -> Any:
    """A database batch without the rows an earlier load took. A cursor reads rows `>=` its
    last value, so rows written in the instant of the last load are not lost; of the rows at
    that value, those loaded before are dropped: under `append` a key the table holds at
    that value (else every run appended them again), under `merge` a row the table holds
    as it is (a row revised within that instant is applied; before, every run merged the
    unchanged ones again and wrote a ledger row for nothing new). The batch comes in cursor
    order: the rows at the last value are its first ones, and only they are looked at."""
    cursor, key = job.config.get("cursor"), list(job.config["primary_key"] or ())
    have = {c.name for c in adapter.list_columns(job.relation) or []}
    columns = key if job.mode != "merge" else list(table.column_names)
    if after is None or not cursor or not key or cursor not in table.column_names or \
            not have or not set(columns) <= have:
        return table
    values = table[cursor].to_pylist()
    repeated = next((n for n, value in enumerate(values) if _cursor_text(value) != after),
                    len(values))
    if not repeated:
        return table
    query = exp.select(*[exp.column(c, quoted=True) for c in columns]).from_(
        job.relation.table()).where(exp.column(cursor, quoted=True).eq(exp.Literal.string(after)))
    loaded = {_frozen(row) for row in adapter.fetch(query)[1]}
    rows = table.select(columns).slice(0, repeated).to_pylist()
    seen = [n for n, row in enumerate(rows) if _frozen([row[c] for c in columns]) in loaded]
    if not seen:
        return table
    import numpy as np
    import pyarrow as pa

    keep = np.ones(table.num_rows, dtype=bool)
    keep[seen] = False
    return table.filter(pa.array(keep))


def _frozen(value: Any) -> Any:
    """A row's values as a set member: lists (array columns) and dicts as tuples."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _not_rejected_before(adapter: Adapter, job: LoadJob, rejects: list[Any]) -> list[Any]:
    """A database batch's rejects that `_rejects` does not hold yet (same record, that is
    primary key, and raw row). A database table is read again from the cursor's last loaded
    value, or whole without a cursor: a bad row, never loaded, is read and rejected by every
    run, and was stored again each time (with a ledger row for a batch of nothing new)."""
    known: set[tuple[str, str]] = set()
    for start in range(0, len(rejects), 1000):
        numbers = [exp.Literal.string(str(r.record_no)) for r in rejects[start:start + 1000]]
        query = exp.select("record_no", "raw").from_(rejects_relation(job).table()).where(
            exp.and_(ledger.owner(job.source, job.table),
                     exp.column("record_no").isin(*numbers)))
        known.update((str(n), str(raw)) for n, raw in adapter.fetch(query)[1])
    return [r for r in rejects if (str(r.record_no), str(r.raw)) not in known]


def _max(table: Any, column: str | None) -> Any:
    if not column or column not in table.column_names or not table.num_rows:
        return None
    import pyarrow.compute as pc
    return _cursor_value(pc.max(table[column]).as_py())


def _cursor_value(value: Any) -> Any:
    """A cursor value as the ledger keeps it (a timestamp in ISO form)."""
    return value.isoformat(sep=" ") if hasattr(value, "isoformat") else value


def _cursor_text(value: Any) -> str | None:
    """A cursor value as the ledger's text column reads it back."""
    return None if value is None else str(_cursor_value(value))

