"""The ingest ledger: what has been loaded, written in the same transaction as the rows.

`<target schema>._datanet_ingest_ledger` holds one row per loaded file (path, size, content
hash, rows) or per database batch (its cursor value). Because a batch's rows and its ledger
row commit together, a kill at any moment leaves either both or neither, and the next run
picks up exactly where the last commit ended. A file that was not loaded because its
content had been loaded already under another name has a row too (0 rows, its hash and the
`reason`), so the next run neither loads it nor warns about it again (see `resent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation

LEDGER = "_datanet_ingest_ledger"
REJECTS = "_rejects"
LEDGER_COLUMNS = {"source": "VARCHAR", "table_name": "VARCHAR", "file": "VARCHAR",
                  "size": "BIGINT", "sha256": "VARCHAR", "rows": "BIGINT",
                  "cursor_value": "VARCHAR", "loaded_at": "TIMESTAMP",
                  "reason": "VARCHAR"}  # last: a ledger made before it gets it by ALTER
REJECT_COLUMNS = {"source": "VARCHAR", "table_name": "VARCHAR", "file": "VARCHAR",
                  "record_no": "VARCHAR", "reason": "VARCHAR", "raw": "VARCHAR",
                  "loaded_at": "TIMESTAMP"}


@dataclass(frozen=True)
class Entry:
    file: str
    sha256: str | None
    cursor_value: str | None
    size: int | None = None   # bytes of the file (for a tailed file: the offset consumed)
    reason: str | None = None  # why the file's rows were not loaded (None: they were)
    rows: int | None = None    # rows it loaded


def empty(columns: dict[str, str]) -> exp.Select:
    """A query of no rows with the given column types: what the ledger and the rejects table
    are created from (`create_table_as` gives each engine its own table format)."""
    return exp.select(*[exp.cast(exp.null(), exp.DataType.build(kind)).as_(name)
                        for name, kind in columns.items()]).where(exp.false())


def owner(source: str, *tables: str) -> exp.Condition:
    """The ledger (or rejects) rows of one source's tables."""
    names = [exp.Literal.string(t) for t in tables]
    return exp.and_(exp.column("source").eq(exp.Literal.string(source)),
                    exp.column("table_name").eq(names[0]) if len(names) == 1
                    else exp.column("table_name").isin(*names))


def tables(adapter: Adapter, ledger: Relation, source: str) -> list[str]:
    """The tables of `source` the ledger has rows for (loaded tables and their child tables)."""
    query = exp.select("table_name").distinct().from_(ledger.table()).where(
        exp.column("source").eq(exp.Literal.string(source)))
    return [row[0] for row in adapter.fetch(query)[1]]


def entries(adapter: Adapter, ledger: Relation, source: str, table: str) -> list[Entry]:
    query = exp.select("file", "sha256", "cursor_value", "size", "reason", "rows") \
        .from_(ledger.table()) \
        .where(owner(source, table)).order_by("loaded_at", "size")
    return [Entry(*row) for row in adapter.fetch(query)[1]]


def row(source: str, table: str, file: str, size: int | None, sha256: str | None, rows: int,
        cursor_value: Any, reason: str | None = None) -> exp.Tuple:
    """One ledger row as a VALUES tuple, in the columns' order (loaded_at is the
    transaction's time)."""
    def literal(value: Any) -> exp.Expression:
        if value is None:
            return exp.null()
        return exp.Literal.number(value) if isinstance(value, int) else \
            exp.Literal.string(str(value))
    return exp.Tuple(expressions=[literal(v) for v in (source, table, file, size, sha256, rows,
                                                        cursor_value)]
                     + [exp.CurrentTimestamp(), literal(reason)])


def added_columns(ledger: Relation, columns: list[ColumnInfo] | None) -> list[exp.Alter]:
    """The ALTERs giving a ledger made by an earlier version the columns it lacks (they
    are the last ones, so its rows keep lining up with `row`'s values); none for a ledger
    that does not exist yet or has them all."""
    have = {c.name.lower() for c in columns or []}
    return [exp.Alter(this=ledger.table(), kind="TABLE", actions=[exp.ColumnDef(
        this=exp.to_identifier(name), kind=exp.DataType.build(kind))])
        for name, kind in LEDGER_COLUMNS.items() if columns is not None and name not in have]
