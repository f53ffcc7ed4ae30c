"""Error kinds decided from the driver's own codes: terminal, transient, relation-missing.

Real errors from real engines: a deadlock and a terminated session on the Postgres server,
DuckDB's exception classes from a real connection.
"""

from __future__ import annotations

import threading
import time

import duckdb
import psycopg
import pytest
from sqlglot import parse_one

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.adapters.duckdb import _translate as duckdb_kind
from datanet_sql.adapters.postgres import PostgresAdapter
from datanet_sql.errors import (
    ConnectionLostError,
    RelationNotFoundError,
    TransientWarehouseError,
    WarehouseError,
)


@pytest.fixture
def pg(postgres_adapter: PostgresAdapter) -> PostgresAdapter:
    adapter = PostgresAdapter(dict(postgres_adapter.config))  # connections of its own
    yield adapter
    adapter.close()


@pytest.mark.parametrize("sql", [
    "SELECT nope FROM (SELECT 1 AS a) t",  # missing column
    "SELEC 1",  # syntax
    "SELECT CAST('x' AS INTEGER)",  # type
])
def test_postgres_terminal_errors_are_not_transient(pg: PostgresAdapter, sql: str) -> None:
    with pytest.raises(WarehouseError) as info:
        pg.fetch(sql)
    assert not isinstance(info.value, TransientWarehouseError | RelationNotFoundError)


def test_postgres_missing_relation(pg: PostgresAdapter) -> None:
    with pytest.raises(RelationNotFoundError):
        pg.fetch("SELECT * FROM no_such_table_xyz")


def test_postgres_deadlock_is_transient(pg: PostgresAdapter) -> None:
    schema = pg.schema_of(Relation("x"))
    for name in ("dl_a", "dl_b"):
        pg.execute(f'CREATE TABLE IF NOT EXISTS "{schema}".{name} (id int)')
    errors: list[Exception] = []
    barrier = threading.Barrier(2)

    def lock(first: str, second: str) -> None:
        try:
            pg.transaction([f'LOCK TABLE "{schema}".{first}', "SELECT pg_sleep(0.3)",
                            f'LOCK TABLE "{schema}".{second}'])
        except WarehouseError as err:
            errors.append(err)
        barrier.wait()

    threads = [threading.Thread(target=lock, args=pair) for pair in
               (("dl_a", "dl_b"), ("dl_b", "dl_a"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1 and isinstance(errors[0], TransientWarehouseError)
    assert "deadlock" in str(errors[0])


def test_a_lost_session_is_only_that_threads(pg: PostgresAdapter) -> None:
    """Item 1's cause: one thread's ended session must not move another thread's open
    transaction to a new connection (its last statements would run outside it)."""
    schema = pg.schema_of(Relation("x"))
    for name in ("lost_a", "lost_b"):
        pg.execute(f'DROP TABLE IF EXISTS "{schema}".{name}')
    outcome: dict[str, Exception] = {}
    victim_ready = threading.Event()

    def long_transaction() -> None:
        try:
            pg.transaction([f'CREATE TABLE "{schema}".lost_a (id int)', "SELECT pg_sleep(1)",
                            f'CREATE TABLE "{schema}".lost_b (id int)', "SELECT 1 / 0"])
        except WarehouseError as err:
            outcome["tx"] = err

    def victim() -> None:
        pid = pg.fetch_one("SELECT pg_backend_pid()")[0]
        outcome["pid"] = pid
        victim_ready.set()
        time.sleep(0.4)
        try:
            pg.fetch("SELECT 1")
        except WarehouseError as err:
            outcome["victim"] = err
        outcome["after"] = pg.fetch_one("SELECT 7")[0]  # a new session for this thread

    threads = [threading.Thread(target=long_transaction), threading.Thread(target=victim)]
    for thread in threads:
        thread.start()
    victim_ready.wait()
    with psycopg.connect(pg.config["dsn"], autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [outcome["pid"]])
    for thread in threads:
        thread.join()
    assert isinstance(outcome["victim"], ConnectionLostError) and outcome["after"] == 7
    assert "division by zero" in str(outcome["tx"])  # its own error, not "lost the connection"
    assert pg.relation_kind(Relation("lost_a", schema)) is None
    assert pg.relation_kind(Relation("lost_b", schema)) is None  # rolled back with the rest


@pytest.mark.parametrize(("sql", "kind"), [
    ("SELECT * FROM no_such_table", RelationNotFoundError),
    ("SELECT * FROM read_csv('/no/such/file.csv')", RelationNotFoundError),
    ("SELECT nope FROM (SELECT 1 AS a)", WarehouseError),
    ("SELEC 1", WarehouseError),
    ("SELECT CAST('x' AS INTEGER)", WarehouseError),
])
def test_duckdb_kinds_from_exception_classes(sql: str, kind: type) -> None:
    adapter = DuckDBAdapter({"path": ":memory:"})
    with pytest.raises(WarehouseError) as info:
        adapter.fetch(sql)
    assert type(info.value) is kind
    adapter.close()


def test_duckdb_write_conflict_is_transient() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT 1 AS id")
    first, second = con.cursor(), con.cursor()
    first.execute("BEGIN")
    second.execute("BEGIN")
    first.execute("UPDATE t SET id = 2")
    with pytest.raises(duckdb.TransactionException) as info:
        second.execute("UPDATE t SET id = 3")
    assert isinstance(duckdb_kind(info.value), TransientWarehouseError)
    con.close()


def test_duckdb_replaces_a_view_by_a_table_and_back() -> None:
    adapter = DuckDBAdapter({"path": ":memory:"})
    relation = Relation("flip", "main")
    adapter.replace_view(relation, parse_one("SELECT 1 AS id"))
    adapter.replace_table(relation, parse_one("SELECT 2 AS id"))
    assert adapter.relation_kind(relation) == "table"
    adapter.replace_view(relation, parse_one("SELECT 3 AS id"))
    assert adapter.relation_kind(relation) == "view"
    assert adapter.fetch_one("SELECT id FROM flip") == (3,)
    adapter.close()
