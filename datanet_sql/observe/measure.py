"""Measure a table after a run: one aggregate query (row count, non-null counts of its key
columns, newest loaded-at value, and the distribution statistics asked for) plus the
warehouse's column list, so history stays cheap.

Key columns are those a project already says matter: primary keys and columns tested
`unique` or `not_null`. Their null rates are what an anomaly check watches. Distribution
statistics (mean, p50, p95) are taken only of the numeric columns a project names
(`profile_metrics:` or an anomaly test's `columns:`): a percentile costs a sort.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.adapters.base import Adapter, ColumnInfo, Relation
from datanet_sql.errors import DatanetError
from datanet_sql.observe.state import TableMetrics
from datanet_sql.project.nodes import Node

KEY_TESTS = ("unique", "not_null")
STATS = ("mean", "p50", "p95")
_QUANTILES = {"p50": 0.5, "p95": 0.95}


@dataclass
class MeasuredTable:
    """What measuring a table needs, as plain data (an anomaly test carries it to run time)."""

    unique_id: str
    relation: Relation
    keys: list[str]
    loaded_at_field: str | None = None
    path: str | None = None  # a file source's files (a glob), whose mtimes tell freshness
    stats: dict[str, list[str]] = field(default_factory=dict)  # column -> STATS to take

    def to_dict(self) -> dict[str, Any]:
        return {"unique_id": self.unique_id, "relation": [self.relation.name,
                                                          self.relation.schema],
                "keys": self.keys, "loaded_at_field": self.loaded_at_field, "path": self.path,
                "stats": self.stats}

    @staticmethod
    def from_dict(data: dict[str, Any]) -> MeasuredTable:
        return MeasuredTable(data["unique_id"], Relation(*data["relation"]), data["keys"],
                             data["loaded_at_field"], data["path"], data.get("stats", {}))


def measured_table(node: Node, stats: dict[str, list[str]] | None = None) -> MeasuredTable:
    assert node.relation is not None
    return MeasuredTable(node.unique_id, node.relation, key_columns(node),
                         node.config.get("loaded_at_field"), node.config.get("path"),
                         stats or {})


def stat_names(asked: list[str]) -> list[str]:
    """Asked statistics in STATS order, `median` read as `p50`."""
    wanted = {"p50" if name == "median" else name for name in asked}
    return [stat for stat in STATS if stat in wanted]


def merge_stats(*asks: dict[str, list[str]]) -> dict[str, list[str]]:
    """{column: stats} of several askers joined (each column's stats once, in STATS order)."""
    merged: dict[str, list[str]] = {}
    for ask in asks:
        for column, stats in ask.items():
            merged[column] = stat_names(merged.get(column, []) + stats)
    return merged


def key_columns(node: Node) -> list[str]:
    """Columns of `node` its YAML tests unique / not_null or constrains as primary key (read
    from the spec, so an anomaly test compiled before the column tests sees them too)."""
    keys: list[str] = []
    for spec in node.column_specs:
        tests = list(getattr(spec, "tests", [])) + list(getattr(spec, "data_tests", []))
        names = {str(t if isinstance(t, str) else next(iter(t), "")).split(".")[-1]
                 for t in tests if isinstance(t, (str, dict))}
        kinds = {getattr(c, "type", None) for c in getattr(spec, "constraints", [])}
        if names & set(KEY_TESTS) or "primary_key" in kinds:
            keys.append(spec.name)
    return keys


def aggregate_query(table: MeasuredTable, keys: list[str], dialect: str,
                    stats: dict[str, list[str]] | None = None) -> exp.Select:
    """SELECT COUNT(*), COUNT(key)..., <stat>(column)..., MAX(loaded_at) FROM the table."""
    loaded_at = table.loaded_at_field
    projections: list[exp.Expression] = [exp.func("COUNT", exp.Star())]
    projections += [exp.func("COUNT", exp.column(key, quoted=True)) for key in keys]
    projections += [_stat(column, stat) for column, asked in (stats or {}).items()
                    for stat in asked]
    if loaded_at:
        projections.append(exp.func("MAX", exp.maybe_parse(loaded_at, dialect=dialect)))
    return exp.select(*projections).from_(table.relation.table())


def _stat(column: str, stat: str) -> exp.Expression:
    """AVG, or PERCENTILE_CONT(q) WITHIN GROUP (ORDER BY column), of the column as a double
    (sqlglot writes each engine's spelling: QUANTILE_CONT on DuckDB, PERCENTILE_APPROX on
    Spark)."""
    value = exp.cast(exp.column(column, quoted=True), exp.DataType.build("double"))
    if stat == "mean":
        return exp.func("AVG", value)
    order = exp.Order(expressions=[exp.Ordered(this=value)])
    return exp.WithinGroup(this=exp.PercentileCont(this=exp.Literal.number(_QUANTILES[stat])),
                           expression=order)


def to_epoch(value: object) -> float | None:
    """A warehouse timestamp as epoch seconds; naive values are UTC (as dbt assumes)."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)).timestamp()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).timestamp()
    if isinstance(value, (int, float)):
        return float(value)
    return None


def iso_utc(epoch: float | None) -> str | None:
    """Epoch seconds as dbt's artifacts write times (ISO 8601, UTC, `Z`)."""
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def file_loaded_at(root: Path, pattern: str | None) -> float | None:
    """Newest modification time of a file source's files (its `path:`, a glob allowed)."""
    if not pattern:
        return None
    matches = glob.glob(str(root / pattern), recursive=True)
    return max((Path(m).stat().st_mtime for m in matches), default=None)


def measure(adapter: Adapter, table: MeasuredTable, dialect: str,
            root: Path) -> TableMetrics | None:
    """The table as it is now; None when the relation does not exist."""
    columns = adapter.list_columns(table.relation)
    if columns is None:
        return None
    reading = _Reading(table, columns, dialect)
    return reading.metrics(adapter.fetch_one(reading.query), root)


class RowMemo(Protocol):
    """Aggregate rows kept from earlier measurements, for tables whose data cannot have
    changed since (a file source whose files did not): those are not scanned again."""

    def key(self, table: MeasuredTable, query: exp.Select, columns: list[ColumnInfo]
            ) -> str | None:
        """What the table's row depends on, or None when it cannot be known: then it is
        measured."""

    def get(self, table: MeasuredTable, key: str) -> Sequence[Any] | None: ...

    def put(self, table: MeasuredTable, key: str, row: Sequence[Any]) -> None: ...


def measure_many(adapter: Adapter, tables: Sequence[MeasuredTable], dialect: str, root: Path,
                 failed: Callable[[MeasuredTable, DatanetError], None],
                 memo: RowMemo | None = None) -> list[TableMetrics]:
    """Every table of `tables` that exists, as it is now: what `measure` takes of each, in
    one catalog query for all and one aggregate statement per BATCH tables (a cross join of
    their one-row aggregates), instead of two statements per table. A batch the warehouse
    refuses is measured table by table, so a table it refuses to measure is handed to
    `failed` (with the error) and the others are still measured. A row `memo` holds for a
    table is read from it, not from the warehouse."""
    columns = adapter.list_columns_of([t.relation for t in tables])
    readings = [_Reading(t, columns[t.relation], dialect) for t in tables
                if t.relation in columns]
    found: dict[int, Sequence[Any] | None] = {}
    todo: list[tuple[_Reading, str | None]] = []
    for reading in readings:
        key = None if memo is None else memo.key(reading.table, reading.query, reading.columns)
        row = None if memo is None or key is None else memo.get(reading.table, key)
        if row is not None:
            found[id(reading)] = row
        else:
            todo.append((reading, key))
    for start in range(0, len(todo), BATCH):
        keys = {id(reading): key for reading, key in todo[start:start + BATCH]}
        batch = [reading for reading, _ in todo[start:start + BATCH]]
        for reading, row in _batch_rows(adapter, batch, failed):
            found[id(reading)] = row
            if memo is not None and row is not None and (key := keys[id(reading)]) is not None:
                memo.put(reading.table, key, row)
    return [r.metrics(found[id(r)], root) for r in readings if id(r) in found]


# tables measured by one statement: Postgres plans up to 8 joined relations exhaustively
# (join_collapse_limit), beyond which planning a join of one-row aggregates costs more
BATCH = 8


@dataclass
class _Reading:
    """One table's measurement: its aggregate query and how to read the row it returns."""

    table: MeasuredTable
    columns: list[ColumnInfo]
    dialect: str
    keys: list[str] = field(init=False)
    stats: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        present = {c.name.lower(): c.name for c in self.columns}
        types = {c.name: c.type for c in self.columns}
        self.keys = [present[k.lower()] for k in self.table.keys if k.lower() in present]
        self.stats = {present[c.lower()]: asked for c, asked in self.table.stats.items()
                      if c.lower() in present and
                      is_numeric(types[present[c.lower()]], self.dialect)}

    @property
    def query(self) -> exp.Select:
        return aggregate_query(self.table, self.keys, self.dialect, self.stats)

    def metrics(self, found: Sequence[Any] | None, root: Path) -> TableMetrics:
        row = list(found or ())
        count = int(row[0]) if row else None
        nulls = {key: round(1 - int(row[i + 1]) / count, 6) if count else 0.0
                 for i, key in enumerate(self.keys)}
        values = iter(row[1 + len(self.keys):])
        distribution = {column: {stat: _number(next(values)) for stat in asked}
                        for column, asked in self.stats.items()} if row else {}
        loaded_at = to_epoch(row[-1]) if self.table.loaded_at_field and row else \
            file_loaded_at(root, self.table.path)
        return TableMetrics(self.table.unique_id, count, nulls, loaded_at,
                            {c.name: c.type for c in self.columns}, distribution=distribution)


def _batch_rows(adapter: Adapter, batch: list[_Reading],
                failed: Callable[[MeasuredTable, DatanetError], None]
                ) -> list[tuple[_Reading, Sequence[Any] | None]]:
    """Each reading with its aggregate row; one the warehouse refused is handed to `failed`
    and left out."""
    if len(batch) > 1:
        queries = [reading.query for reading in batch]
        row = None
        with contextlib.suppress(DatanetError):  # then one by one below, to name the table
            row = adapter.fetch_one(_joined(queries))
        if row is not None:
            ends = list(itertools.accumulate(len(q.expressions) for q in queries))
            return [(reading, row[end - len(q.expressions):end])
                    for reading, q, end in zip(batch, queries, ends)]
    rows = []
    for reading in batch:
        try:
            rows.append((reading, adapter.fetch_one(reading.query)))
        except DatanetError as err:
            failed(reading.table, err)
    return rows


def _joined(queries: list[exp.Select]) -> exp.Select:
    """One row holding every query's one row (an aggregate without GROUP BY has exactly
    one): the queries as subqueries, cross joined, their values selected in order."""
    values: list[exp.Expression] = []
    joined: exp.Select | None = None
    for index, query in enumerate(queries):
        alias = f"__dn_m{index}"
        names = [f"v{i}" for i in range(len(query.expressions))]
        query.set("expressions", [exp.alias_(e, n, quoted=True)
                                  for e, n in zip(query.expressions, names)])
        values += [exp.column(n, alias, quoted=True) for n in names]
        part = query.subquery(alias, copy=False)  # built here: nothing to copy for
        joined = exp.select().from_(part, copy=False) if joined is None else \
            joined.join(part, join_type="cross", copy=False)
    assert joined is not None
    return joined.select(*values, copy=False)


def _number(value: Any) -> float | None:
    """A statistic as a float (Decimal from Postgres); None for an empty table's NULL."""
    return None if value is None else round(float(value), 9)


def is_numeric(type_text: str, dialect: str) -> bool:
    """Whether a warehouse column type (as list_columns spells it) holds numbers."""
    try:
        return exp.DataType.build(type_text, dialect=dialect).this in exp.DataType.NUMERIC_TYPES
    except (ParseError, ValueError):  # a type sqlglot cannot read is no number to average
        return False
