"""Map a target's `type:` to its adapter class, importing drivers only when used."""

from __future__ import annotations

import importlib
from typing import Any

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import AdapterNotInstalledError, ConfigError, did_you_mean

# type -> (module, class, the pip package a user installs to run on it)
ADAPTERS: dict[str, tuple[str, str, str]] = {
    "duckdb": ("datanet_sql.adapters.duckdb", "DuckDBAdapter", "duckdb"),
    "postgres": ("datanet_sql.adapters.postgres", "PostgresAdapter", "psycopg[binary]"),
    "spark": ("datanet_sql.adapters.spark", "SparkAdapter", "pyspark"),
}

# dialects datanet compiles to but cannot run without the warehouse's connector
COMPILE_ONLY: dict[str, str] = {
    "snowflake": "snowflake-connector-python",
    "bigquery": "google-cloud-bigquery",
    "trino": "trino",
    "redshift": "redshift-connector",
}


def adapter_for(target_name: str, config: dict[str, Any]) -> Adapter:
    """Instantiate the adapter of a target; errors name the missing package or the bad type."""
    kind = str(config.get("type", ""))
    if kind in COMPILE_ONLY and kind not in ADAPTERS:
        raise AdapterNotInstalledError(
            f"target '{target_name}' is of type {kind}: datanet compiles to {kind} but cannot "
            f"run on it here",
            hint=f"pip install {COMPILE_ONLY[kind]} and a datanet {kind} adapter, or use "
                 f"`datanet compile --target {target_name}` to review the SQL",
        )
    if kind not in ADAPTERS:
        known = sorted(ADAPTERS) + sorted(COMPILE_ONLY)
        raise ConfigError(f"target '{target_name}' has unknown type '{kind}'."
                          + did_you_mean(kind, known), file="targets.yml",
                          hint=f"use one of: {', '.join(known)}")
    module_name, class_name, package = ADAPTERS[kind]
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        raise AdapterNotInstalledError(
            f"target '{target_name}' needs the Python package '{package}': {err}",
            hint=f"pip install {package}",
        ) from err
    return getattr(module, class_name)(config)
