"""The config of a snapshot: its keys, and the settings the runner reads from them.

A snapshot is configured where a model is (the `snapshots:` folder config of the project, its
YAML entry, `{{ config() }}` in its block), with dbt's keys of its own. Everything that can be
wrong with them (a missing `unique_key`, a `timestamp` strategy without `updated_at`, both
`hard_deletes` and `invalidate_hard_deletes`) is said here, naming the snapshot, before any
statement runs: a snapshot table is history that cannot be rebuilt, so a half-understood
setting must not touch it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from datanet_sql.errors import ConfigError, did_you_mean

STRATEGIES = ("timestamp", "check")
HARD_DELETES = ("ignore", "invalidate", "new_record")
SNAPSHOT_CHOICES: dict[str, tuple[str, ...]] = {"strategy": STRATEGIES,
                                                "hard_deletes": HARD_DELETES}
# the keys only snapshots have (they share the others with models: unique_key, schema, ...)
SNAPSHOT_KEYS = frozenset({"target_schema", "target_database", "strategy", "updated_at",
                           "check_cols", "invalidate_hard_deletes", "hard_deletes",
                           "dbt_valid_to_current", "snapshot_meta_column_names"})
# dbt's meta columns, by their default names (`snapshot_meta_column_names` renames them)
META_COLUMNS = ("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to",
                "dbt_is_deleted")
Fail = Callable[[str, str], ConfigError]  # (message, hint) -> the error naming the snapshot


@dataclass(frozen=True)
class SnapshotSettings:
    """What a snapshot's config means, checked. SQL expressions are kept as the user wrote
    them; the runner parses them with sqlglot in the target's dialect."""

    strategy: str
    unique_key: tuple[str, ...]  # one SQL expression per key part
    updated_at: str | None  # None: the check strategy stamps rows with the snapshot's time
    check_cols: tuple[str, ...] | None  # None: all columns of the query
    hard_deletes: str
    valid_to_current: str | None  # what dbt_valid_to holds in current rows (NULL if None)
    names: dict[str, str]  # default meta column name -> the name in the table

    def column(self, meta: str) -> str:
        return self.names[meta]

    @property
    def metas(self) -> tuple[str, ...]:
        """The meta columns the table has (by their default names), in dbt's order."""
        return META_COLUMNS if self.hard_deletes == "new_record" else META_COLUMNS[:4]


def snapshot_settings(config: dict[str, Any], *, name: str, file: str,
                      line: int | None = None) -> SnapshotSettings:
    """The settings of snapshot `name`, or a ConfigError naming it and the key to fix."""
    where = {"file": file, "line": line, "model": name}

    def fail(message: str, hint: str) -> ConfigError:
        return ConfigError(f"snapshot '{name}': {message}", hint=hint, **where)

    strategy = config.get("strategy")
    if strategy not in STRATEGIES:
        raise fail(f"strategy {strategy!r} is not one of {', '.join(STRATEGIES)}" +
                   did_you_mean(str(strategy), STRATEGIES),
                   "set config(strategy='timestamp', updated_at='<column>') or "
                   "config(strategy='check', check_cols='all')")
    unique_key = _expressions(config.get("unique_key"))
    if not unique_key:
        raise fail("needs a unique_key", "set unique_key: a column, a list of columns, or "
                                         "an expression, unique in the snapshot's query")
    updated_at = config.get("updated_at")
    if strategy == "timestamp" and not (isinstance(updated_at, str) and updated_at.strip()):
        raise fail("the timestamp strategy needs updated_at",
                   "set updated_at to the column that says when a row last changed")
    return SnapshotSettings(strategy, unique_key, updated_at or None,
                            _check_cols(config, strategy, fail), _hard_deletes(config, fail),
                            _text(config.get("dbt_valid_to_current")),
                            _names(config.get("snapshot_meta_column_names"), fail))


def _expressions(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or []) \
        if isinstance(value, (list, tuple)) else []
    return tuple(str(item).strip() for item in items if str(item).strip())


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _check_cols(config: dict[str, Any], strategy: str, fail: Fail) -> tuple[str, ...] | None:
    value = config.get("check_cols")
    if strategy != "check":
        return None
    if value == "all":
        return None
    columns = _expressions(value)
    if not columns:
        raise fail(f"the check strategy needs check_cols ('all' or a list of columns), not "
                   f"{value!r}", "set check_cols: all, or check_cols: [status, amount]")
    return columns


def _hard_deletes(config: dict[str, Any], fail: Fail) -> str:
    """dbt's `hard_deletes`, or the older `invalidate_hard_deletes: true` (not both)."""
    legacy = config.get("invalidate_hard_deletes")
    mode = config.get("hard_deletes")
    if legacy is not None and mode is not None:
        raise fail("sets both hard_deletes and invalidate_hard_deletes",
                   "keep hard_deletes (ignore, invalidate or new_record) only")
    if mode is not None and mode not in HARD_DELETES:
        raise fail(f"hard_deletes {mode!r} is not one of {', '.join(HARD_DELETES)}" +
                   did_you_mean(str(mode), HARD_DELETES),
                   "ignore keeps deleted rows current; invalidate closes them; new_record "
                   "also adds a row marking the deletion")
    if mode is not None:
        return str(mode)
    return "invalidate" if legacy is True or str(legacy).lower() == "true" else "ignore"


def _names(value: Any, fail: Fail) -> dict[str, str]:
    names = {meta: meta for meta in META_COLUMNS}
    if value is None:
        return names
    if not isinstance(value, dict):
        raise fail(f"snapshot_meta_column_names must be a mapping, not {value!r}",
                   "write snapshot_meta_column_names: {dbt_valid_from: valid_from, ...}")
    for key, name in value.items():
        if key not in names:
            raise fail(f"snapshot_meta_column_names has an unknown key '{key}'." +
                       did_you_mean(str(key), META_COLUMNS),
                       f"the meta columns are {', '.join(META_COLUMNS)}")
        if not isinstance(name, str) or not name.strip():
            raise fail(f"snapshot_meta_column_names.{key} must be a column name",
                       "write the name the column should have in the table")
        names[key] = name.strip()
    if len(set(names.values())) < len(names):
        raise fail("snapshot_meta_column_names gives two meta columns the same name",
                   "give each meta column a name of its own")
    return names
