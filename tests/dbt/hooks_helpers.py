"""Small dbt projects written into tmp_path for the hooks, grants, docs and seed-config tests."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import yaml
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli

PG = {"type": "postgres", "host": "127.0.0.1", "port": 5432, "user": "postgres",
      "dbname": "test"}


def datanet(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def dbt_project(root: Path, files: dict[str, str], project: dict[str, Any] | None = None,
                output: dict[str, Any] | None = None) -> Path:
    """dbt_project.yml (+ `project` keys), profiles.yml with one output (DuckDB by default)
    and `files` (path -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "dbt_project.yml").write_text(yaml.safe_dump(
        {"name": "shop", "version": "1.0", "config-version": 2, "profile": "shop",
         **(project or {})}, sort_keys=False))
    output = output or {"type": "duckdb", "path": str(root / "wh.duckdb"), "schema": "main",
                        "threads": 1}
    (root / "profiles.yml").write_text(yaml.safe_dump(
        {"shop": {"target": "dev", "outputs": {"dev": output}}}))
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def warehouse_rows(root: Path, sql: str) -> list[tuple]:
    """`sql`'s rows in the DuckDB warehouse `dbt_project` gives a project (read only)."""
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def statuses(root: Path) -> dict[str, str]:
    """Each node's status in the last command's `.datanet/run_results.json`."""
    results = json.loads((root / ".datanet" / "run_results.json").read_text())["results"]
    return {r["unique_id"]: r["status"] for r in results}


@contextmanager
def pg_schema(prefix: str = "dn_hooks_") -> Iterator[tuple[str, Any]]:
    """A Postgres schema of this test's own (dropped after) and an autocommit connection."""
    import psycopg

    schema = f"{prefix}{uuid.uuid4().hex[:10]}"
    conn = psycopg.connect(host="127.0.0.1", port=5432, user="postgres", dbname="test",
                           autocommit=True)
    try:
        yield schema, conn
    finally:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.close()
