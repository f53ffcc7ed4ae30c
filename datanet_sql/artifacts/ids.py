"""dbt's identifiers for datanet's nodes: `model.<package>.<name>` where datanet says `model.<name>`.

dbt-ecosystem tools key everything (parent maps, run results, lineage) by these ids, so the
mapping lives in one place and both artifacts use it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from datanet_sql.project.manifest import Manifest

MANIFEST_SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json"
RUN_RESULTS_SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json"
DBT_VERSION = "1.9.0"  # the dbt release whose artifact schemas these files follow
TARGET_DIR = "target"


def dbt_unique_id(unique_id: str, manifest: Manifest) -> str:
    """`model.stg_orders` -> `model.shop.stg_orders`; `source.raw.orders` -> `source.shop.raw.orders`;
    a model's version (datanet's `model.dim_v2`) -> `model.shop.dim.v2`, as dbt names it; a
    generic test's id ends in dbt's hash of it (`test.shop.unique_m_id.1a2b3c4d5e`), which
    dbt-ecosystem tools match test results by; an on-run hook's
    (`operation.elementary-on-run-end-0`) is its owner's, a package's too."""
    node = manifest.nodes.get(unique_id)
    package = (node.package if node is not None else None) or manifest.project_name
    if node is not None and node.version is not None:
        return f"model.{package}.{node.spec.name}.v{node.version}"
    kind, _, rest = unique_id.partition(".")
    if kind == "operation":  # an on-run hook: its owner (a package's too) leads its name
        package = rest.partition("-")[0]
    suffix = (node.test or {}).get("hash") if node is not None else None
    if suffix and not rest.endswith(f".{suffix}"):
        rest = f"{rest}.{suffix}"
    return f"{kind}.{package}.{rest}"


def metadata(schema: str, invocation_id: str) -> dict[str, Any]:
    """The header every dbt artifact starts with."""
    return {"dbt_schema_version": schema, "dbt_version": DBT_VERSION,
            "generated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "invocation_id": invocation_id, "env": {}}


def new_invocation_id() -> str:
    return str(uuid.uuid4())


def database_of(target: dict[str, Any]) -> str | None:
    """The database a target's relations live in, as dbt names it: DuckDB's catalog is the
    file's stem, Postgres' the DSN's database, Spark has none."""
    if target.get("database"):
        return str(target["database"])
    kind = target.get("type", "duckdb")
    if kind == "duckdb":
        path = str(target.get("path") or f"{target.get('name', 'dev')}.duckdb")
        return "memory" if path == ":memory:" else Path(path).stem
    if kind == "postgres" and "://" in str(target.get("dsn", "")):
        return urlparse(str(target["dsn"])).path.lstrip("/") or None
    if kind == "postgres" and target.get("dbname"):  # a profile's `dbname:` (or `database:`)
        return str(target["dbname"])
    return None
