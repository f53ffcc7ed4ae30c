"""The one local Spark session of the ingestion tests (its JVM takes about 10 s to start):
tables in `dn_load_shop`, the ledger in `dn_load`; each test names its own tables. A
DuckDB warehouse of a test's own (`adapter`), and a load target on each engine (`place`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import Place, local_or_pg_place

from datanet_sql.adapters.duckdb import DuckDBAdapter


@pytest.fixture(scope="session")
def spark(spark_warehouse: Path) -> Iterator:
    from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter

    adapter = SparkAdapter({**SMALL_DATA_CONFIG, "schema": "dn_load",
                            "warehouse_dir": str(spark_warehouse)})
    yield adapter
    adapter.close()


@pytest.fixture
def adapter(tmp_path: Path) -> Iterator[DuckDBAdapter]:
    """A DuckDB warehouse file in the test's folder."""
    warehouse = DuckDBAdapter({"path": str(tmp_path / "dw.duckdb")})
    yield warehouse
    warehouse.close()


@pytest.fixture(params=["duckdb", "postgres"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Place]:
    """The target of a load test run on each engine: a DuckDB file in the test's folder, or
    a Postgres schema of its own named after the test module (dropped after). A module that
    runs on Spark too defines its own (`test_load_engines.py`)."""
    prefix = "dn_" + request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    with local_or_pg_place(request.param, tmp_path, prefix) as where:
        yield where
