"""`datanet ingest --full-refresh`: a `load:` table loaded again from scratch, then swapped in.

The way back when a table's declared types, options or mapping changed, or a bad file widened
a column to text: everything the table has (every landed file, the whole database table) is
loaded as if never loaded, into a shadow table `__dn_refresh__<table>` with child tables,
ledger rows and rejects of its own (the shadow is an ordinary load under another table
name, so every mode, reader and engine works as for a first load). Only when that load is
complete does one transaction drop the old table and its child tables, delete their ledger
rows and rejects, rename the shadow tables into their places and re-label the shadow's
ledger rows and rejects. So a failure or a kill at any moment before the commit leaves the
table, its child tables, ledger rows and rejects exactly as they were (the old table is
queryable during the reload); after it, they are the fresh load's, and the ledger knows
every file and cursor again.

The shadow's name starts with the marker rather than ending with it: the ledger finds a
table's child tables by the prefix `<table>__`, so `<table>__dn_refresh` would pass for a
child table of `<table>` to a plain `ingest` after a killed refresh. What a killed refresh
leaves (the shadow's tables and ledger rows) is dropped when the next refresh starts, and
by a refresh that fails. Spark has no transactions: the swap's statements run one by one
(see `swap`).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import ConfigError, IngestError
from datanet_sql.ingest import ledger
from datanet_sql.ingest.batch_commit import (
    child_name,
    delete_ledger_rows,
    known_children,
    ledger_relation,
    rejects_relation,
)
from datanet_sql.ingest.loader import LoadJob, LoadResult, check_engine, create_ledger, load
from datanet_sql.ingest.writes import delete_rows

SHADOW = "__dn_refresh__"


def refresh(adapter: Adapter, job: LoadJob, readers: Any) -> LoadResult:
    """Load `job`'s table again from scratch into its shadow and swap it in; the result
    names the real child tables. A load that fails, or loads nothing, leaves the table as
    it was (the shadow dropped)."""
    check_engine(adapter, job.name)
    shadow = shadow_job(adapter, job)
    create_ledger(adapter, shadow)  # on a fresh warehouse too, where the ledger is looked in
    discard(adapter, shadow)  # the leftovers of a refresh killed earlier
    try:
        result = load(adapter, shadow, readers)
        if adapter.list_columns(shadow.relation) is None:
            raise IngestError(
                f"source table {job.name}: the full refresh read no rows (no "
                f"landed file, or an empty database table); the table is kept "
                "as it was",
                file=job.config.get("path"),
                hint="land the table's files (or check `path:`/`source_table:`),"
                " then refresh again",
            )
        swap(adapter, job, shadow)
    except BaseException:
        with suppress(Exception):  # the load's error is the one to report
            discard(adapter, shadow)
        raise
    prefix = child_name(shadow, "")
    result.children = {
        child_name(job, name[len(prefix) :]): rows for name, rows in result.children.items()
    }
    return result


def shadow_job(adapter: Adapter, job: LoadJob) -> LoadJob:
    """`job` writing under the shadow's name (its ledger rows and rejects too), its messages
    still naming the table; refused when the shadow's name would pass the engine's
    identifier limit (Postgres would cut it, and the swap rename the wrong table)."""
    name = f"{SHADOW}{job.table}"
    limit = adapter.max_identifier_length
    if limit and len(name.encode()) > limit:
        raise ConfigError(
            f"source table {job.name}: a full refresh loads it as {name}, "
            f"longer than the {limit} bytes a {adapter.dialect} name may have",
            hint=f"shorten the table's name to at most {limit - len(SHADOW)} bytes",
        )
    return replace(job, table=name, relation=job.relation.with_name(name), shown_as=job.name)


def discard(adapter: Adapter, shadow: LoadJob) -> None:
    """The shadow's tables, ledger rows and rejects, in one transaction: what a failed or
    killed refresh left."""
    children = known_children(adapter, shadow)
    with adapter.atomic():
        for name in _tables(shadow, children):
            adapter.execute(adapter.drop(shadow.relation.with_name(name)))
        _forget(adapter, shadow, children)


def swap(adapter: Adapter, job: LoadJob, shadow: LoadJob) -> None:
    """The shadow in the table's place, in one transaction: the old table and child tables
    dropped, their ledger rows and rejects deleted, the shadow's tables renamed into their
    places (on Postgres the views reading them recreated: see `Adapter.swap_in`) and its
    ledger rows and rejects re-labelled. Spark runs these one by one as they come (no
    transactions): a kill midway can leave the table missing or its ledger rows still
    under the shadow's name, which the next `--full-refresh` puts right (it starts over)."""
    old, new = known_children(adapter, job), known_children(adapter, shadow)
    renamed = dict(zip(_tables(shadow, new), _tables(job, new), strict=True))
    with adapter.atomic():
        for name in sorted(set(_tables(job, old)) - set(renamed.values())):
            adapter.execute(adapter.drop(job.relation.with_name(name)))
        _forget(adapter, job, old)
        for before, after in renamed.items():
            adapter.swap_in(job.relation.with_name(after), shadow.relation.with_name(before))
        _relabel(adapter, ledger_relation(job), job.source, renamed, ledger.LEDGER_COLUMNS)
        _relabel(
            adapter,
            rejects_relation(job),
            job.source,
            {shadow.table: job.table},
            ledger.REJECT_COLUMNS,
        )


def _tables(job: LoadJob, children: set[str]) -> list[str]:
    """The job's table and its child tables (array fields `children`)."""
    return [job.table, *[child_name(job, name) for name in sorted(children)]]


def _forget(adapter: Adapter, job: LoadJob, children: set[str]) -> None:
    """The ledger rows of the job's table and child tables, and its rejects."""
    delete_ledger_rows(adapter, job, children, None)
    delete_rows(adapter, rejects_relation(job), ledger.owner(job.source, job.table))


def _relabel(
    adapter: Adapter,
    relation: Relation,
    source: str,
    names: dict[str, str],
    columns: dict[str, str],
) -> None:
    """Rows of `source` in the ledger or the rejects (`columns`) under the table names of
    `names`' keys moved to its values: copied under the new name, then deleted (Spark's
    Parquet tables have no UPDATE; one way for every engine)."""
    renamed = exp.Case(
        this=exp.column("table_name"),
        ifs=[
            exp.If(this=exp.Literal.string(before), true=exp.Literal.string(after))
            for before, after in names.items()
        ],
    )
    shadows = ledger.owner(source, *names)
    copied = (
        exp.select(
            *[renamed.as_(name) if name == "table_name" else exp.column(name) for name in columns]
        )
        .from_(relation.table())
        .where(shadows)
    )
    adapter.execute(adapter.insert_into(relation, copied, list(columns)))
    delete_rows(adapter, relation, shadows.copy())
