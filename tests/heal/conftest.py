"""Fixtures for healing tests: a fresh in-memory DuckDB and contracts built from SQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.heal.contract import Contract, live_contract


@pytest.fixture
def adapter() -> Iterator[DuckDBAdapter]:
    db = DuckDBAdapter({"path": ":memory:"})
    db.execute("CREATE SCHEMA raw")
    yield db
    db.close()


def fingerprint(db: DuckDBAdapter, query: str, table: str = "t", source: str = "raw") -> Contract:
    """Create raw.<table> from `query` (replacing it) and return its live contract."""
    db.execute(f"DROP TABLE IF EXISTS raw.{table}")
    db.execute(f"CREATE TABLE raw.{table} AS {query}")
    contract = live_contract(db, exp.table_(table, db="raw"), source=source, table=table)
    assert contract is not None
    return contract


@pytest.fixture
def fp(adapter: DuckDBAdapter):
    """`fp(query, table="t")`: build raw.<table> from a query and fingerprint it."""
    return lambda query, table="t": fingerprint(adapter, query, table)
