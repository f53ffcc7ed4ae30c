"""Which target a compile is for, when `--dialect` asks for another engine than the target's.

SQL compiled for Snowflake that names DuckDB's `main` schema would not run there. So
`compile --dialect X` uses the project's own target of that engine when targets.yml has one
(its schema), and otherwise a compile-only target with the schema that engine's targets get by
default. A compile-only target names no warehouse of the project's: no adapter is opened
for it (`compile --dialect spark` started a JVM over an empty warehouse in the folder it ran
in, or took over a Spark session already running in the process).
"""

from __future__ import annotations

from typing import Any

from datanet_sql.config.project import Project
from datanet_sql.config.targets import load_targets, resolve_target

TARGET_DIALECTS = {"duckdb": "duckdb", "postgres": "postgres", "spark": "spark",
                   "snowflake": "snowflake", "bigquery": "bigquery", "trino": "trino",
                   "redshift": "redshift"}
# what a target of each engine gets when targets.yml names no schema (see config/specs.py)
_DEFAULT_SCHEMA = {"duckdb": "main", "postgres": "public", "spark": "default"}
_WAREHOUSE_DEFAULT_SCHEMA = "analytics"


def compile_target(project: Project, dialect: str | None) -> dict[str, Any]:
    target = resolve_target(project.root, project.target_name)
    if dialect is None or TARGET_DIALECTS[target["type"]] == dialect:
        return target
    _, raw = load_targets(project.root)
    for name, settings in raw.items():
        if isinstance(settings, dict) and TARGET_DIALECTS.get(settings.get("type")) == dialect:
            return resolve_target(project.root, name)
    return {"name": dialect, "type": dialect, "compile_only": True,
            "schema": _DEFAULT_SCHEMA.get(dialect, _WAREHOUSE_DEFAULT_SCHEMA)}
