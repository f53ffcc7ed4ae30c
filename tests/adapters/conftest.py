"""Real engines for the adapter tests: DuckDB in memory, the Postgres server at 127.0.0.1:5432
(a schema of its own per run, dropped afterwards) and one local Spark session per run."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlglot import exp

from adapter_samples import SAMPLE_COLUMNS, SAMPLE_ROWS, sample_table

from datanet_sql.adapters.base import Adapter, Relation

PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")

def drop_schema(adapter: Adapter, schema: str) -> None:
    adapter.execute(exp.Drop(tables=[exp.Table(this=exp.to_identifier(schema, quoted=True))],
                             kind="SCHEMA", exists=True, cascade=True))


@pytest.fixture(scope="session")
def duckdb_adapter() -> Iterator[Adapter]:
    from datanet_sql.adapters.duckdb import DuckDBAdapter

    adapter = DuckDBAdapter({"path": ":memory:", "schema": "dn_test"})
    adapter.execute(adapter.create_schema("dn_test"))
    yield adapter
    adapter.close()


@pytest.fixture(scope="session")
def pg_schema() -> str:
    return f"dn_test_{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def postgres_adapter(pg_schema: str) -> Iterator[Adapter]:
    from datanet_sql.adapters.postgres import PostgresAdapter

    adapter = PostgresAdapter({"dsn": PG_DSN, "schema": pg_schema})
    adapter.execute(adapter.create_schema(pg_schema))
    yield adapter
    drop_schema(adapter, pg_schema)
    adapter.close()


@pytest.fixture(scope="session")
def spark_adapter(spark_warehouse: Path) -> Iterator[Adapter]:
    """The one SparkSession of the test run (JVM start-up costs ~10 s)."""
    from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter

    adapter = SparkAdapter({**SMALL_DATA_CONFIG, "warehouse_dir": str(spark_warehouse),
                            "schema": "dn_test"})
    yield adapter
    adapter.close()


@pytest.fixture(params=["duckdb", "postgres", "spark"])
def adapter(request: pytest.FixtureRequest) -> Adapter:
    """Each contract test runs once per engine."""
    return request.getfixturevalue(f"{request.param}_adapter")


@pytest.fixture
def rel(adapter: Adapter, request: pytest.FixtureRequest) -> Relation:
    """A fresh relation named after the test, in the engine's test schema."""
    name = request.node.originalname.removeprefix("test_")[:40]
    relation = Relation(name, adapter.schema_of(Relation(name)))
    kind = adapter.relation_kind(relation)
    if kind:
        adapter.execute(adapter.drop(relation, kind=kind.upper()))
    return relation


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same rows as CSV, Parquet and NDJSON, plus a header-only CSV."""
    root = tmp_path_factory.mktemp("files")
    csv = root / "people.csv"
    lines = [",".join(SAMPLE_COLUMNS)]
    lines += [",".join("" if v is None else str(v) for v in row) for row in SAMPLE_ROWS]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parquet = root / "people.parquet"
    pq.write_table(sample_table(), parquet)
    ndjson = root / "people.ndjson"
    ndjson.write_text("\n".join(json.dumps(dict(zip(SAMPLE_COLUMNS, row)), ensure_ascii=False)
                                for row in SAMPLE_ROWS) + "\n", encoding="utf-8")
    empty = root / "empty.csv"
    empty.write_text("id,name\n", encoding="utf-8")
    return {"csv": csv, "parquet": parquet, "json": ndjson, "empty": empty}
