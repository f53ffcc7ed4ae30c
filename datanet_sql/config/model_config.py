"""The config keys of models, seeds and singular tests, checked wherever they are written.

Config is written in three places (datanet.yml folder config, a model's YAML entry, the
`{{ config() }}` call of a .sql file); a misspelled key (`materalized`) kept silently builds a
table as a view, so every place checks its keys here and names the file and line. Keys dbt
has that datanet accepts but that have no effect yet are listed in NOT_RUN: every command
that loads the project warns about them once per file (see `unrun.py`).
"""

from __future__ import annotations

import difflib
from typing import Any

from datanet_sql.config.snapshot_config import SNAPSHOT_CHOICES, SNAPSHOT_KEYS
from datanet_sql.config.yamlfile import YamlDocument, key_line
from datanet_sql.errors import ConfigError, did_you_mean

MATERIALIZATIONS = ("view", "table", "incremental", "ephemeral", "external")
# dbt's on_schema_change of incremental models: accepted so a dbt project loads, warned about
DBT_SCHEMA_CHANGES = ("ignore", "append_new_columns", "sync_all_columns")
CHOICES: dict[str, tuple[str, ...]] = {
    "materialized": MATERIALIZATIONS,
    "incremental_strategy": ("append", "merge", "delete+insert"),
    "on_schema_change": ("heal", "warn", "fail", *DBT_SCHEMA_CHANGES),
    "on_source_outage": ("retry", "stale", "fail"),
    "access": ("private", "protected", "public"),
}
# how alike (difflib's ratio) an unknown key must be to a known one to be taken for its typo
# in a dbt project: `materalized` (0.96) is refused, the project's own `start` (0.67 to `sort`)
# and `time_column` (0.67 to `quote_columns`) are kept
TYPO = 0.85
# keys whose other values dbt only looks up when it uses them (a dbt project's own strategy
# macro): in a dbt project such a value warns with what datanet does instead of stopping a load
OPEN_CHOICES = {
    "incremental_strategy": "the first build creates the table in full; an incremental run of "
                            "it fails (a custom strategy's get_incremental_<name>_sql macro is "
                            "not run by datanet)",
}
# accepted (a dbt project keeps loading) but without effect yet: each warns, naming the file
NOT_RUN = {
    "database": "databases other than the target's",
    "target_database": "databases other than the target's",
    **{key: "warehouse-specific options" for key in (
        "partition_by", "cluster_by", "indexes", "file_format", "location_root", "transient",
        "query_tag", "copy_grants", "labels", "unlogged", "dist", "sort", "sort_type", "bind",
        "on_configuration_change", "merge_update_columns", "merge_exclude_columns",
        "incremental_predicates", "event_time", "batch_size", "lookback", "begin",
        "concurrent_batches", "snowflake_warehouse", "hours_to_expiration", "packages",
        "submission_method", "tblproperties", "buckets", "clustered_by", "table_format",
        "catalog_name", "external_volume", "base_location_root", "base_location_subpath",
        "automatic_clustering", "secure", "tmp_relation_type", "target_lag", "refresh_mode",
        "initialize", "partitions", "partition_expiration_days", "require_partition_filter",
        "kms_key_name", "grant_access_to", "max_staleness", "on_table_exists",
        "view_security", "liquid_clustered_by", "zorder", "databricks_tags", "backup")},
    **{key: "dbt-duckdb's catalog plugins" for key in (
        "plugin", "glue_register", "glue_database", "partition_columns")},
    "static_analysis": "dbt's static analysis switch",
    "quoting": "quoting of relation names",
}
CONFIG_KEYS = frozenset({
    "materialized", "tags", "schema", "alias", "unique_key", "incremental_strategy",
    "on_schema_change", "enabled", "meta", "docs", "severity", "store_failures", "column_types",
    "delimiter", "max_reject_rate", "where", "on_source_outage", "access", "group", "contract",
    "pre_hook", "post_hook", "grants", "persist_docs", "sql_header", "full_refresh",
    "quote_columns", "warn_if", "error_if", "fail_calc", "limit", "store_failures_as",
    # dbt-duckdb's external materialization (datanet_sql/run/external.py)
    "format", "location", "options", "csv_read_options", "parquet_read_options",
    "json_read_options",
    *NOT_RUN,
})


# dbt's defaults of a data test's thresholds (TestConfig of dbt-core)
TEST_DEFAULTS = {"fail_calc": "count(*)", "warn_if": "!= 0", "error_if": "!= 0"}


def config_key(key: str) -> str:
    """The key as datanet stores it: dbt's `+` folder prefix and `pre-hook` spelling removed."""
    return key.lstrip("+").replace("-", "_")


def check_config(config: dict[str, Any], *, file: str, line: int | None = None,
                 model: str | None = None, lines: dict[str, int] | None = None,
                 kind: str = "model", custom: bool = False,
                 package: bool = False) -> list[str]:
    """Refuse an unknown key or a bad value of a key with fixed choices (`materialized: tabel`).

    `lines` maps a key to its own line, when the caller knows it (YAML); `line` is the fallback.
    Snapshots (`kind="snapshot"`) have keys of their own besides the models' ones. In a dbt
    project (`custom`), an unknown key is the project's own config, as dbt keeps it (tools
    like dbt-osmosis and SQLMesh read theirs, macros read it with `config.get`): it is kept and
    the returned warning says so, naming the file, the line and the key it may be a typo of.
    A key that close to one of ours (`+materalized`) is refused there too: it is a typo;
    but not in an installed `package`'s YAML, which dbt reads with it and the project cannot
    fix: there it warns as any key of the package's own.
    """
    known = known_config_keys(kind)
    warnings: list[str] = []
    for raw_key, value in config.items():
        key = config_key(str(raw_key))
        where = {"file": file, "line": (lines or {}).get(raw_key, line), "model": model}
        owner = f"{kind} '{model}': " if model else ""
        if key not in known and custom and (
                package or not difflib.get_close_matches(key, known, 1, TYPO)):
            warnings.append(custom_key_warning(raw_key, kind, **where))
            continue
        if key not in known:
            raise ConfigError(f"{owner}unknown config key '{raw_key}'." +
                              did_you_mean(key, known), **where,
                              hint=f"config keys: {', '.join(sorted(known - set(NOT_RUN)))}"
                                   " (and dbt's others, which warn)")
        choices = CHOICES.get(key) or (SNAPSHOT_CHOICES.get(key) if kind == "snapshot" else None)
        if key == "materialized" and custom and isinstance(value, str):
            continue  # a dbt project's own materialization: the render pass finds its block
        if choices and custom and key in OPEN_CHOICES and value not in choices:
            warnings.append(open_choice_warning(key, value, **where))
            continue
        if choices and value is not None and value not in choices and not has_jinja(value):
            raise ConfigError(f"{owner}{key} {value!r} is not one of {', '.join(choices)}." +
                              did_you_mean(str(value), choices), **where)
        if key == "tags" and not _tags(value):
            raise ConfigError(f"{owner}tags {value!r} is not a tag or a list of tags", **where,
                              hint="write `tags: nightly` or `tags: [nightly, finance]` (dbt "
                                   "refuses an empty `tags:` too)")
    return warnings


def _tags(value: Any) -> bool:
    """Whether a `tags` value is one tag or a list of them, as dbt's schema allows."""
    return isinstance(value, str) or (isinstance(value, list)
                                      and all(isinstance(tag, str) for tag in value))


def has_jinja(value: Any) -> bool:
    """Jinja in a config value (dbt renders it where it uses the value: the render pass does,
    so a value with Jinja is checked after rendering)."""
    if isinstance(value, (list, tuple)):
        return any(has_jinja(v) for v in value)
    if isinstance(value, dict):
        return any(has_jinja(v) for v in value.values())
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def known_config_keys(kind: str) -> frozenset[str]:
    """The config keys of a node of `kind` (snapshots have keys of their own)."""
    return CONFIG_KEYS | SNAPSHOT_KEYS if kind == "snapshot" else CONFIG_KEYS


def open_choice_warning(key: str, value: object, file: str, line: int | None = None,
                        model: str | None = None) -> str:
    """The one wording for a dbt project's value of an OPEN_CHOICES key that datanet lacks."""
    where = f"{file}:{line}" if line else file
    return (f"{where}: {key} {value!r} is not one of {', '.join(CHOICES[key])}: "
            f"{OPEN_CHOICES[key]}")


def custom_key_warning(raw_key: object, kind: str, file: str, line: int | None = None,
                       model: str | None = None) -> str:
    """The one wording for a dbt project's own config key (the render pass uses it for
    `config()` calls, which have no line until rendered)."""
    key = config_key(str(raw_key))
    where = f"{file}:{line}" if line else file
    return (f"{where}: `{raw_key}` is not a config key of dbt's or datanet's: kept as the "
            f"project's own config (`config.get('{key}')` reads it) without effect in datanet."
            + did_you_mean(key, known_config_keys(kind)))


# dbt's keys of a source's `config:`: a key that is none of them is a typo; those datanet
# does not read yet warn
SOURCE_CONFIG_KEYS = ("enabled", "meta", "tags", "freshness", "loaded_at_field", "event_time")
# read where the top-level keys are (compile/passes/load.py: freshness and history use them)
SOURCE_CONFIG_READ = ("meta", "freshness", "loaded_at_field")
# dbt-duckdb's own: `external_location`, its `formatter`, and `plugin`
DUCKDB_SOURCE_KEYS = ("external_location", "formatter", "plugin")


def check_source_config(doc: YamlDocument, loc: tuple[str | int, ...],
                        config: dict[str, Any]) -> list[str]:
    """Refuse an unknown key of a source's `config:`; return a warning for each known one."""
    warnings: list[str] = []
    for key in config:
        line = key_line(doc, (*loc, "config", key))
        if key == "plugin":
            warnings.append(f"{doc.path}: `plugin` (a dbt-duckdb plugin's source) is not read "
                            "by datanet: the source is read as a table in the warehouse")
        if key in DUCKDB_SOURCE_KEYS:  # read with the meta's (config/duckdb_sources.py)
            continue
        if key not in SOURCE_CONFIG_KEYS:
            raise ConfigError(f"unknown source config key '{key}'." +
                              did_you_mean(str(key), SOURCE_CONFIG_KEYS), file=str(doc.path),
                              line=line,
                              hint=f"source config keys: {', '.join(SOURCE_CONFIG_KEYS)}")
        if key not in SOURCE_CONFIG_READ:
            warnings.append(f"{doc.path}: `{key}` is accepted but has no effect yet (a source's "
                            f"`config:`: not implemented)")
    return warnings


def check_folder_config(doc: YamlDocument, section: str, tree: Any, kind: str = "model",
                        custom: bool = False) -> list[str]:
    """Folder config in datanet.yml (`models: {shop: {staging: {+materialized: view}}}`).

    A `+key` is always config; a bare key is config when its value is not a mapping (or it is
    a known key whose value is one, like `meta:`); other mappings are folders. Returns the
    warnings of a dbt project's own keys (`custom`, see check_config).
    """
    warnings: list[str] = []
    _check_level(doc, (section,), tree, kind, custom, warnings)
    return warnings


MAPPING_KEYS = {"meta", "docs", "grants", "persist_docs", "column_types", "contract",
                "snapshot_meta_column_names"}


def _check_level(doc: YamlDocument, loc: tuple[str, ...], level: Any, kind: str,
                 custom: bool, warnings: list[str]) -> None:
    if not isinstance(level, dict):
        return
    for raw_key, value in level.items():
        key = config_key(str(raw_key))
        here = (*loc, raw_key)
        if value is None and not str(raw_key).startswith("+") \
                and key not in known_config_keys(kind):
            continue  # a folder (or package) named with nothing under it, as dbt reads it
        if str(raw_key).startswith("+") or not isinstance(value, dict) or key in MAPPING_KEYS:
            warnings += check_config({raw_key: value}, file=str(doc.path),
                                     line=key_line(doc, here), kind=kind, custom=custom)
        else:
            _check_level(doc, here, value, kind, custom, warnings)
