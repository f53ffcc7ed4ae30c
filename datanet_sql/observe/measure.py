"""Measure a table after a run: one aggregate query (row count, non-null counts of its key
columns, newest loaded-at value) plus the warehouse's column list, so history stays cheap.

Key columns are those a project already says matter: primary keys and columns tested
`unique` or `not_null`. Their null rates are what an anomaly check watches.
"""

from __future__ import annotations

import datetime as dt
import glob
from pathlib import Path

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.observe.state import TableMetrics
from datanet_sql.project.manifest import Manifest
from datanet_sql.project.nodes import Node

KEY_TESTS = ("unique", "not_null")


def key_columns(manifest: Manifest, node: Node) -> list[str]:
    """Columns of `node` tested unique / not_null or constrained as primary key."""
    keys: list[str] = []
    for test in manifest.of_kind("test"):
        info = test.test or {}
        if (info.get("attached_node") == node.unique_id and info.get("name") in KEY_TESTS
                and info.get("column") and info["column"] not in keys):
            keys.append(info["column"])
    for spec in node.column_specs:
        kinds = {getattr(c, "type", None) for c in getattr(spec, "constraints", [])}
        if "primary_key" in kinds and spec.name not in keys:
            keys.append(spec.name)
    return keys


def aggregate_query(node: Node, keys: list[str], loaded_at: str | None,
                    dialect: str) -> exp.Select:
    """SELECT COUNT(*), COUNT(key)..., MAX(loaded_at) FROM the node's relation."""
    assert node.relation is not None
    projections: list[exp.Expression] = [exp.func("COUNT", exp.Star())]
    projections += [exp.func("COUNT", exp.column(key, quoted=True)) for key in keys]
    if loaded_at:
        projections.append(exp.func("MAX", exp.maybe_parse(loaded_at, dialect=dialect)))
    return exp.select(*projections).from_(node.relation.table())


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


def file_loaded_at(root: Path, node: Node) -> float | None:
    """Newest modification time of a file source's files (its `path:`, a glob allowed)."""
    pattern = node.config.get("path")
    if not pattern:
        return None
    matches = glob.glob(str(root / pattern), recursive=True)
    return max((Path(m).stat().st_mtime for m in matches), default=None)


def measure(adapter: Adapter, manifest: Manifest, node: Node, root: Path) -> TableMetrics | None:
    """The node's table as it is now; None when the relation does not exist."""
    if node.relation is None:
        return None
    columns = adapter.list_columns(node.relation)
    if columns is None:
        return None
    present = {c.name.lower(): c.name for c in columns}
    keys = [present[k.lower()] for k in key_columns(manifest, node) if k.lower() in present]
    loaded_field = node.config.get("loaded_at_field")
    row = adapter.fetch_one(aggregate_query(node, keys, loaded_field, manifest.dialect)) or ()
    count = int(row[0]) if row else None
    nulls = {key: round(1 - int(row[i + 1]) / count, 6) if count else 0.0
             for i, key in enumerate(keys)}
    loaded_at = to_epoch(row[-1]) if loaded_field and row else file_loaded_at(root, node)
    return TableMetrics(node.unique_id, count, nulls, loaded_at,
                        {c.name: c.type for c in columns})
