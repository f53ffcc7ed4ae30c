"""The example project built on DuckDB, Postgres and Spark gives the same rows in every model.

Rows are compared order-insensitively, with a small numeric tolerance (engines sum floats in
different orders) and values normalised to plain Python types.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from datanet_sql.adapters.spark import SMALL_DATA_CONFIG
from datanet_sql.run.executor import RunOptions
from datanet_sql.run.session import execute, open_session

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"
PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, spark_warehouse: Path) -> Path:
    root = tmp_path_factory.mktemp("xengine") / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".datanet", "profiles"))
    schema = f"xe_{uuid.uuid4().hex[:8]}"
    targets = {
        "dev": {"type": "duckdb"},
        "pg": {"type": "postgres", "dsn": PG_DSN, "schema": schema},
        "spark": {"type": "spark", **SMALL_DATA_CONFIG, "schema": schema,
                  "warehouse_dir": str(spark_warehouse)},  # the worker's one Spark session
    }
    (root / "targets.yml").write_text(yaml.safe_dump(targets), encoding="utf-8")
    yield root
    _drop_pg_schemas(schema)


def _drop_pg_schemas(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as con:
        for name in (schema, f"{schema}_raw"):
            con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def _build_and_read(root: Path, target: str) -> dict[str, list[tuple]]:
    session = open_session(root, target)
    try:
        results = execute(session, "build", options=RunOptions(threads=2))
        assert results.success, [(r.name, r.message) for r in results.failed]
        tables = {}
        for node in session.manifest.in_order("model"):
            if node.materialized == "ephemeral":
                continue
            _, rows = session.adapter.fetch(session.adapter.select_star(node.relation))
            tables[node.name] = rows
        return tables
    finally:
        session.close()


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _key(row: tuple) -> tuple:
    return tuple((v is None, round(v, 4) if isinstance(v, float) else str(v)) for v in row)


def _normalised(rows: list[tuple]) -> list[tuple]:
    return sorted((tuple(_plain(v) for v in row) for row in rows), key=_key)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)
    return a == b


def test_every_model_has_the_same_rows_on_duckdb_postgres_and_spark(project: Path) -> None:
    duck = _build_and_read(project, "dev")
    others = {"pg": _build_and_read(project, "pg"),
              "spark": _build_and_read(project, "spark")}
    assert len(duck) >= 9
    for engine, tables in others.items():
        assert sorted(tables) == sorted(duck), engine
        for model, rows in duck.items():
            expected, got = _normalised(rows), _normalised(tables[model])
            assert len(got) == len(expected), f"{engine}.{model}: row count"
            for want, have in zip(expected, got):
                assert all(_same(a, b) for a, b in zip(want, have)), \
                    f"{engine}.{model}: {want} != {have}"
