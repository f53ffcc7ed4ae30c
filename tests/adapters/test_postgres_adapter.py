"""Postgres-only behaviour: connection failures, secrets, transactions, dependent views."""

from __future__ import annotations

import threading

import pyarrow as pa
import pytest
from adapter_samples import rows
from sqlglot import parse_one

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.postgres import SWAP_LOCK, SWAP_TARGET, PostgresAdapter
from datanet_sql.adapters.registry import adapter_for
from datanet_sql.errors import (
    AdapterNotInstalledError,
    ConfigError,
    DependentViewsError,
    WarehouseError,
    WarehouseUnavailableError,
)

SECRET = "s3cr3t-Pa55"


@pytest.fixture
def pg(postgres_adapter: PostgresAdapter, pg_schema: str) -> PostgresAdapter:
    return postgres_adapter


def rel(pg: PostgresAdapter, name: str) -> Relation:
    relation = Relation(name, pg.schema_of(Relation(name)))
    for kind in ("VIEW", "TABLE"):
        if pg.relation_kind(relation) == kind.lower():
            pg.execute(f'DROP {kind} "{relation.schema}"."{name}" CASCADE')
    return relation


@pytest.mark.parametrize("config", [
    {"dsn": f"postgresql://postgres:{SECRET}@127.0.0.1:1/test"},
    {"dsn": f"host=127.0.0.1 port=1 dbname=test user=postgres password={SECRET}"},
    {"host": "127.0.0.1", "port": 1, "user": "postgres", "password": SECRET, "dbname": "test"},
])
def test_unreachable_server_names_host_port_not_password(config: dict) -> None:
    adapter = PostgresAdapter(config)
    with pytest.raises(WarehouseUnavailableError) as info:
        adapter.fetch("SELECT 1")
    message = str(info.value)
    assert "127.0.0.1:1" in message
    assert info.value.hint and "server" in info.value.hint
    assert SECRET not in message
    assert SECRET not in repr(info.value) and info.value.__cause__ is None


def test_malformed_dsn_is_config_error_without_password() -> None:
    with pytest.raises(ConfigError) as info:
        PostgresAdapter({"dsn": f"host=127.0.0.1 password={SECRET} nonsense"})
    assert SECRET not in str(info.value)


def test_refused_login_does_not_echo_password(pg: PostgresAdapter) -> None:
    """Trust auth accepts any password, so a missing database makes the login fail."""
    adapter = PostgresAdapter({"dsn": f"postgresql://postgres:{SECRET}@127.0.0.1:5432/no_db_x"})
    with pytest.raises(WarehouseUnavailableError) as info:
        adapter.fetch("SELECT 1")
    assert "no_db_x" in str(info.value) and SECRET not in str(info.value)


def test_transaction_rolls_back_every_statement(pg: PostgresAdapter) -> None:
    relation = rel(pg, "tx_rollback")
    with pytest.raises(WarehouseError):
        pg.transaction([pg.create_table_as(relation, parse_one("SELECT 1 AS id")),
                        "SELECT 1 / 0"])
    assert pg.relation_kind(relation) is None


def test_failed_statement_leaves_connection_usable(pg: PostgresAdapter) -> None:
    with pytest.raises(WarehouseError, match="division by zero"):
        pg.fetch("SELECT 1 / 0")
    assert pg.fetch("SELECT 2 AS x") == (["x"], [(2,)])


def test_swap_recreates_dependent_views(pg: PostgresAdapter) -> None:
    table, view, view2 = rel(pg, "base_t"), rel(pg, "dep_v"), rel(pg, "dep_v2")
    pg.replace_table(table, parse_one("SELECT 1 AS id, 'a' AS v"))
    pg.replace_view(view, parse_one(f'SELECT id, v FROM "{table.schema}"."base_t"'))
    pg.replace_view(view2, parse_one(f'SELECT id FROM "{table.schema}"."dep_v"'))
    pg.replace_table(table, parse_one("SELECT 2 AS id, 'b' AS v"))
    assert rows(pg, view2) == [(2,)]


def test_swap_that_would_drop_other_users_views_is_refused(pg: PostgresAdapter) -> None:
    """Item 3: a rebuilt table that loses a column a view reads must not drop the view."""
    table, view, view2 = rel(pg, "base_r"), rel(pg, "dep_r"), rel(pg, "dep_r2")
    pg.replace_table(table, parse_one("SELECT 1 AS id, 'a' AS v"))
    pg.replace_view(view, parse_one(f'SELECT id, v FROM "{table.schema}"."base_r"'))
    pg.replace_view(view2, parse_one(f'SELECT id FROM "{table.schema}"."dep_r"'))
    with pytest.raises(DependentViewsError) as info:
        pg.replace_table(table, parse_one("SELECT 3 AS id"))  # dep_r reads v
    message = str(info.value)
    assert f"{table.schema}.dep_r (" in message and f"{table.schema}.dep_r2 (" in message
    assert "kept" in message and info.value.hint
    assert rows(pg, table) == [(1, "a")] and rows(pg, view2) == [(1,)]  # nothing changed
    pg.expect_rebuilds([view, view2])  # views the run rebuilds itself may be dropped
    pg.replace_table(table, parse_one("SELECT 3 AS id"))
    assert rows(pg, table) == [(3,)] and pg.relation_kind(view) is None
    pg.expect_rebuilds([])


def test_view_losing_a_column_is_swapped_keeping_its_dependents(pg: PostgresAdapter) -> None:
    table, view, view2 = rel(pg, "base_w"), rel(pg, "dep_w"), rel(pg, "dep_w2")
    pg.replace_table(table, parse_one("SELECT 1 AS id, 'a' AS v"))
    pg.replace_view(view, parse_one(f'SELECT id, v FROM "{table.schema}"."base_w"'))
    pg.replace_view(view2, parse_one(f'SELECT id FROM "{table.schema}"."dep_w"'))
    pg.replace_view(view, parse_one(f'SELECT id FROM "{table.schema}"."base_w"'))
    assert [c.name for c in pg.list_columns(view)] == ["id"] and rows(pg, view2) == [(1,)]


def test_swaps_take_few_round_trips(pg: PostgresAdapter, monkeypatch: pytest.MonkeyPatch) -> None:
    """A view is replaced with the lock and its CREATE OR REPLACE; a table swap asks the
    catalog once for the old relation's kind and its dependent views (each statement a
    round trip, inside one BEGIN ... COMMIT)."""
    table, view = rel(pg, "trips_t"), rel(pg, "trips_v")
    pg.replace_table(table, parse_one("SELECT 1 AS id"))
    pg.replace_view(view, parse_one(f'SELECT id FROM "{table.schema}"."trips_t"'))
    sent: list[str] = []
    original = pg._run
    names = {SWAP_LOCK: "lock", SWAP_TARGET: "catalog"}

    def recording(conn: object, statement: object, params: object = None) -> object:
        sent.append(names[statement] if isinstance(statement, str) else type(statement).__name__)
        return original(conn, statement, params)

    monkeypatch.setattr(pg, "_run", recording)
    pg.replace_view(view, parse_one(f'SELECT id, 2 AS two FROM "{table.schema}"."trips_t"'))
    assert sent == ["lock", "Create"]
    sent.clear()
    pg.replace_table(table, parse_one("SELECT 3 AS id"))
    assert sent == ["Create", "lock", "catalog", "Drop", "Alter", "Composed"]  # the view again
    monkeypatch.undo()
    assert rows(pg, view) == [(3, 2)]


def test_a_view_over_a_table_or_losing_a_column_inside_a_transaction(pg: PostgresAdapter) -> None:
    """The refused CREATE OR REPLACE rolls back to its savepoint only: the enclosing
    transaction (a model's hooks) goes on and commits the swap."""
    table, view = rel(pg, "nest_t"), rel(pg, "nest_v")
    pg.replace_table(table, parse_one("SELECT 1 AS id, 'a' AS v"))
    pg.replace_table(view, parse_one("SELECT 0 AS id"))  # a table holds the view's name
    with pg.atomic():
        pg.execute(f'INSERT INTO "{table.schema}"."nest_t" VALUES (2, \'b\')')
        pg.replace_view(view, parse_one(f'SELECT id, v FROM "{table.schema}"."nest_t"'))
        pg.replace_view(view, parse_one(f'SELECT id FROM "{table.schema}"."nest_t"'))
    assert pg.relation_kind(view) == "view" and rows(pg, view) == [(1,), (2,)]


def test_no_temporary_relation_is_left_after_a_failed_build(pg: PostgresAdapter) -> None:
    table = rel(pg, "tmp_left")
    with pytest.raises(WarehouseError):
        pg.replace_table(table, parse_one("SELECT 1 / 0 AS id"))
    _, found = pg.fetch(f"SELECT tablename FROM pg_tables WHERE schemaname = '{table.schema}' "
                        "AND tablename LIKE 'tmp_left%'")
    assert found == []
    names = {pg.temp_relation(table).name for _ in range(50)}
    assert len(names) == 50 and all(n.startswith("tmp_left__dn_") for n in names)


def test_list_columns_exact_types(pg: PostgresAdapter) -> None:
    relation = rel(pg, "typed")
    pg.replace_table(relation, parse_one(
        "SELECT CAST(1.5 AS DECIMAL(10, 2)) AS amount, CAST('x' AS VARCHAR(20)) AS code, "
        "CAST(NULL AS TIMESTAMP) AS at"))
    assert [(c.name, c.type) for c in pg.list_columns(relation)] == [
        ("amount", "numeric(10,2)"), ("code", "character varying(20)"),
        ("at", "timestamp without time zone")]


def test_load_arrow_nested_and_binary(pg: PostgresAdapter) -> None:
    relation = rel(pg, "nested")
    table = pa.table({"id": [1, 2], "payload": [{"a": 1, "b": ["x"]}, None],
                      "raw": [b"\x00\xff", None]})
    assert pg.load_arrow(relation, table) == 2
    assert [c.type for c in pg.list_columns(relation)] == ["bigint", "jsonb", "bytea"]
    _, result = pg.fetch("SELECT payload->'b'->>0, raw FROM nested ORDER BY id")
    assert result == [("x", b"\x00\xff"), (None, None)]


def test_one_connection_per_thread(pg: PostgresAdapter) -> None:
    adapter = PostgresAdapter({"dsn": pg.config["dsn"], "schema": pg.config["schema"]})
    pids: list[int] = []

    def work() -> None:
        pids.append(adapter.fetch_one("SELECT pg_backend_pid()")[0])

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(pids)) == 3
    adapter.close()
    assert adapter.fetch_one("SELECT 1") == (1,)  # reconnects after close
    adapter.close()


def test_registry_builds_postgres_and_spark_and_names_missing_connectors() -> None:
    assert isinstance(adapter_for("pg", {"type": "postgres", "dsn": "dbname=test"}),
                      PostgresAdapter)
    assert type(adapter_for("big", {"type": "spark"})).__name__ == "SparkAdapter"
    with pytest.raises(AdapterNotInstalledError, match="snowflake-connector-python"):
        adapter_for("sf", {"type": "snowflake"})


def test_long_name_swaps_without_clobbering_itself(pg: PostgresAdapter) -> None:
    """Postgres cuts names at 63 bytes: the temp name must never truncate to the model's."""
    relation = rel(pg, "x" * 63)
    assert len(pg.temp_relation(relation).name) <= 63
    pg.replace_table(relation, parse_one("SELECT 1 AS id"))
    pg.replace_table(relation, parse_one("SELECT 2 AS id"))
    assert rows(pg, relation) == [(2,)]


def test_a_bad_lock_timeout_names_targets_yml(pg: PostgresAdapter) -> None:
    adapter = PostgresAdapter({**pg.config, "lock_timeout": "two minutes"})
    with pytest.raises(ConfigError) as info:
        adapter.fetch("SELECT 1")
    assert info.value.file == "targets.yml" and "lock_timeout 'two minutes'" in str(info.value)
    adapter.close()
