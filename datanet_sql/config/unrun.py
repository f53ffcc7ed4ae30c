"""Warnings for what a dbt project may hold that datanet accepts but does not run yet.

Warehouse-specific options are accepted so that a dbt project loads, but a user who wrote a
`partition_by` must not believe it ran: every command that loads the project warns, once per
file and key, naming both.
"""

from __future__ import annotations

from typing import Any

from datanet_sql.config.model_config import DBT_SCHEMA_CHANGES, NOT_RUN, config_key

# top-level sections of a schema file (and folders) that are not run yet
NOT_RUN_SECTIONS: dict[str, str] = {}
# YAML properties of dbt's that datanet reads without acting on them, by where they are written
NOT_RUN_PROPERTIES = {
    "column": {"quote": "quoting a column's name in tests and constraints",
               "policy_tags": "BigQuery policy tags"},
    "source": {"quoting": "quoting of source names", "overrides": "overriding a package's "
               "source"},
    "source table": {"quoting": "quoting of source names", "external": "external tables"},
}
# keys whose dbt values are accepted without effect yet (healing keeps its own policy)
NOT_RUN_VALUES = {"on_schema_change": "dbt's schema changes of incremental tables"}
_FREE_FORM = ("meta", "docs", "description", "vars")  # user data: keys there are not config
_TESTS = ("tests", "data_tests")  # a test's arguments are not config either


def not_run_warning(file: str, key: str) -> str:
    """The one wording of the warning (the render pass uses it for `config()` calls too)."""
    properties = {k: v for kinds in NOT_RUN_PROPERTIES.values() for k, v in kinds.items()}
    what = NOT_RUN.get(config_key(key)) or NOT_RUN_SECTIONS.get(key) or properties.get(key) \
        or NOT_RUN_VALUES.get(config_key(key.split(":")[0]), key)
    return f"{file}: `{key}` is accepted but has no effect yet ({what}: not implemented)"


def yaml_warnings(file: str, data: Any) -> list[str]:
    """One warning per not-run key found anywhere in a YAML file's data."""
    keys: dict[str, None] = {}
    _scan(data, keys)
    if isinstance(data, dict):
        keys.update({key: None for key in NOT_RUN_SECTIONS if data.get(key)})
        keys.update({key: None for key in _properties(data)})
    return [not_run_warning(file, key) for key in keys]


def _properties(data: dict[str, Any]) -> list[str]:
    """The not-run properties a schema file sets (to a value other than its default):
    `quote`, `policy_tags` of columns, `quoting`, `overrides`, `external` of sources."""
    def entries(value: Any) -> list[dict[str, Any]]:
        return [item for item in value if isinstance(item, dict)] \
            if isinstance(value, list) else []

    sources = entries(data.get("sources"))
    tables = [t for s in sources for t in entries(s.get("tables"))]
    owners = [m for section in ("models", "seeds", "snapshots") for m in entries(data.get(
        section))]
    owners += [v for m in owners for v in entries(m.get("versions"))]
    columns = [c for owner in owners + tables for c in entries(owner.get("columns"))]
    found = [(kind, item) for kind, items in (("column", columns), ("source", sources),
                                              ("source table", tables)) for item in items]
    return [key for kind, item in found for key in NOT_RUN_PROPERTIES[kind]
            if item.get(key) not in (None, False, [], {})]


def _scan(value: Any, keys: dict[str, None]) -> None:
    if isinstance(value, list):
        for item in value:
            _scan(item, keys)
    elif isinstance(value, dict):
        for key, item in value.items():
            if config_key(str(key)) in NOT_RUN:
                keys[str(key)] = None
            if config_key(str(key)) == "on_schema_change" and item in DBT_SCHEMA_CHANGES:
                keys[f"{key}: {item}"] = None
            if str(key) in _TESTS:
                _scan(_test_configs(item), keys)
            elif str(key) not in _FREE_FORM:
                _scan(item, keys)


def _test_configs(tests: Any) -> list[Any]:
    """The `config:` blocks of a `tests:` list: the rest are the tests' own arguments
    (dbt_utils.mutually_exclusive_ranges' `partition_by` is a column, not a config)."""
    entries = [test for test in (tests if isinstance(tests, list) else [])
               if isinstance(test, dict)]
    # `- unique: {config: ...}`, or `- {test_name: unique, config: ...}`
    specs = [*entries, *(spec for test in entries for spec in test.values()
                         if isinstance(spec, dict))]
    return [spec["config"] for spec in specs if isinstance(spec.get("config"), dict)]
