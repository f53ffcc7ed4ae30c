"""dbt's source freshness: how long ago a source last received data, against its
`warn_after` / `error_after` ({count, period}), from the newest `loaded_at_field` value (rows
matching `filter` only) or, for a file source without one, its files' newest modification time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import ConfigError, DatanetError
from datanet_sql.observe.measure import file_loaded_at, to_epoch
from datanet_sql.project.nodes import Node

PERIODS = {"minute": 60, "hour": 3600, "day": 86400}
# the statuses dbt writes in sources.json
PASS, WARN, ERROR, RUNTIME_ERROR = "pass", "warn", "error", "runtime error"


@dataclass
class FreshnessRule:
    """A source table's thresholds in seconds (None: no threshold of that kind)."""

    warn_after: dict[str, Any] | None
    error_after: dict[str, Any] | None
    filter: str | None

    @staticmethod
    def seconds(limit: dict[str, Any] | None) -> float | None:
        return None if not limit else limit["count"] * PERIODS[limit["period"]]


@dataclass
class FreshnessResult:
    node: Node
    rule: FreshnessRule
    status: str
    max_loaded_at: float | None = None
    snapshotted_at: float = 0.0
    message: str = ""
    duration: float = 0.0

    @property
    def age(self) -> float | None:
        return None if self.max_loaded_at is None else self.snapshotted_at - self.max_loaded_at


def rule_of(node: Node) -> FreshnessRule | None:
    """The node's `freshness:` checked, or None when it has none (or both limits are null)."""
    spec = node.config.get("freshness")
    if not spec:
        return None
    where: dict[str, Any] = {"file": node.path, "line": node.line}
    if not isinstance(spec, dict):
        raise ConfigError(f"source '{node.name}' has freshness: {spec!r}", **where,
                          hint="freshness is a mapping: {warn_after: {count: 12, period: hour}}")
    unknown = set(spec) - {"warn_after", "error_after", "filter"}
    if unknown:
        raise ConfigError(f"source '{node.name}': unknown freshness key(s) {sorted(unknown)}",
                          **where, hint="freshness takes warn_after, error_after and filter")
    limits = {key: _limit(node, key, spec.get(key)) for key in ("warn_after", "error_after")}
    if not any(limits.values()):
        return None
    return FreshnessRule(limits["warn_after"], limits["error_after"], spec.get("filter"))


def _limit(node: Node, key: str, value: Any) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict) and value.get("count") is None:
        return None
    ok = (isinstance(value, dict) and set(value) <= {"count", "period"}
          and isinstance(value.get("count"), int) and not isinstance(value["count"], bool)
          and value["count"] > 0 and value.get("period") in PERIODS)
    if not ok:
        raise ConfigError(f"source '{node.name}' has freshness.{key}: {value!r}",
                          file=node.path, line=node.line,
                          hint="write {count: <a whole number above 0>, period: minute|hour|day}")
    return {"count": value["count"], "period": value["period"]}


def newest_loaded_query(node: Node, rule: FreshnessRule, dialect: str) -> exp.Select:
    """SELECT MAX(<loaded_at_field>) FROM the source [WHERE <filter>]."""
    assert node.relation is not None
    query = exp.select(exp.func("MAX", exp.maybe_parse(node.config["loaded_at_field"],
                                                        dialect=dialect)))
    query = query.from_(node.relation.table())
    return query.where(exp.maybe_parse(rule.filter, dialect=dialect)) if rule.filter else query


def check(adapter: Adapter, node: Node, rule: FreshnessRule, root: Path) -> FreshnessResult:
    """Measure one source now and grade it: pass, warn, error or runtime error."""
    from datanet_sql.run.materialize import expose_source

    started = time.perf_counter()
    result = FreshnessResult(node, rule, PASS, snapshotted_at=time.time())
    try:
        if node.config.get("loaded_at_field"):
            if node.config.get("path") and adapter.dialect == "duckdb":  # a view over the files
                adapter.execute(adapter.create_schema(adapter.schema_of(node.relation)))
                expose_source(adapter, node, str(root))
            row = adapter.fetch_one(newest_loaded_query(node, rule, adapter.dialect))
            result.max_loaded_at = to_epoch(row[0]) if row else None
        elif node.config.get("path"):
            result.max_loaded_at = file_loaded_at(root, node.config["path"])
        else:
            raise ConfigError(f"source '{node.name}' has freshness but no loaded_at_field",
                              file=node.path, line=node.line,
                              hint="add loaded_at_field: <the column saying when a row arrived>")
    except DatanetError as err:
        result.status, result.message = RUNTIME_ERROR, err.render()
    else:
        result.status, result.message = _grade(result)
    result.duration = time.perf_counter() - started
    return result


def _grade(result: FreshnessResult) -> tuple[str, str]:
    age = result.age
    if age is None:
        return ERROR, "no rows to tell when it was last loaded"
    for status, limit in ((ERROR, result.rule.error_after), (WARN, result.rule.warn_after)):
        seconds = FreshnessRule.seconds(limit)
        if seconds is not None and age > seconds:
            assert limit is not None
            return status, (f"last loaded {_ago(age)} ago, more than {limit['count']} "
                            f"{limit['period']}(s)")
    return PASS, f"last loaded {_ago(age)} ago"


def _ago(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{max(seconds, 0):.0f}s"
