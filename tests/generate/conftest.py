"""A fresh in-memory DuckDB per test, in UTC so epoch values read the same everywhere."""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture()
def duck() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    yield con
    con.close()
