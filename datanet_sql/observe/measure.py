"""Measure a table after a run: one aggregate query (row count, non-null counts of its key
columns, newest loaded-at value, and the distribution statistics asked for) plus the
warehouse's column list, so history stays cheap.

Key columns are those a project already says matter: primary keys and columns tested
`unique` or `not_null`. Their null rates are what an anomaly check watches. Distribution
statistics (mean, p50, p95) are taken only of the numeric columns a project names
(`profile_metrics:` or an anomaly test's `columns:`): a percentile costs a sort.
"""

from __future__ import annotations

import datetime as dt
import glob
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.adapters.base import Adapter, Relation
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
    present = {c.name.lower(): c.name for c in columns}
    keys = [present[k.lower()] for k in table.keys if k.lower() in present]
    types = {c.name: c.type for c in columns}
    stats = {present[c.lower()]: asked for c, asked in table.stats.items()
             if c.lower() in present and is_numeric(types[present[c.lower()]], dialect)}
    row = list(adapter.fetch_one(aggregate_query(table, keys, dialect, stats)) or ())
    count = int(row[0]) if row else None
    nulls = {key: round(1 - int(row[i + 1]) / count, 6) if count else 0.0
             for i, key in enumerate(keys)}
    values = iter(row[1 + len(keys):])
    distribution = {column: {stat: _number(next(values)) for stat in asked}
                    for column, asked in stats.items()} if row else {}
    loaded_at = to_epoch(row[-1]) if table.loaded_at_field and row else \
        file_loaded_at(root, table.path)
    return TableMetrics(table.unique_id, count, nulls, loaded_at, types,
                        distribution=distribution)


def _number(value: Any) -> float | None:
    """A statistic as a float (Decimal from Postgres); None for an empty table's NULL."""
    return None if value is None else round(float(value), 9)


def is_numeric(type_text: str, dialect: str) -> bool:
    """Whether a warehouse column type (as list_columns spells it) holds numbers."""
    try:
        return exp.DataType.build(type_text, dialect=dialect).this in exp.DataType.NUMERIC_TYPES
    except (ParseError, ValueError):  # a type sqlglot cannot read is no number to average
        return False
