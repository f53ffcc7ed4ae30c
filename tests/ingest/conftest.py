"""The one local Spark session of the ingestion tests (its JVM takes about 10 s to start):
tables in `dn_load_shop`, the ledger in `dn_load`; each test names its own tables. And a
DuckDB warehouse of a test's own (`adapter`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
