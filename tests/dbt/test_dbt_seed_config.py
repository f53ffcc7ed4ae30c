"""dbt's seed config honoured by `datanet seed` (and --full-refresh) on DuckDB and Postgres, and
the per-model `full_refresh` of incremental models."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from hooks_helpers import PG, datanet, dbt_project, pg_schema

SEED_FILES = {
    "seeds/orders.csv": "id;Amount;code\n1;10.5;007\n2;20;008\n",
    "seeds/lookup/skipped.csv": "a\n1\n",
    "seeds/props.yml": "version: 2\nseeds:\n  - name: orders\n    description: raw orders\n"
                       "    config: {column_types: {code: varchar(3)}, quote_columns: false}\n"
                       "    columns:\n      - {name: id, description: the key}\n",
    "models/big.sql": "select id, code from {{ ref('orders') }} where amount > 15",
}
SEED_PROJECT = {"seeds": {"shop": {
    "+delimiter": ";", "+tags": ["raw"], "+docs": {"show": False}, "+full_refresh": False,
    "+post-hook": "insert into {{ this }} (id, amount, code) values (9, 0, '009')",
    "orders": {"+alias": "orders_raw", "+persist_docs": {"relation": True}},
    "lookup": {"+enabled": False}}}}

Query = Callable[[str], list[tuple]]


def _check_seeds(root: Path, query: Query, schema: str) -> None:
    for args in (["seed"], ["seed", "--full-refresh"], ["build", "-s", "tag:raw+"]):
        result = datanet(*args, "--project-dir", root)
        assert result.exit_code == 0, (args, result.output)
        assert "has no effect" not in result.output and "skipped" not in result.output
        # delimiter, column_types (code keeps its zeros), alias, the post-hook's row
        assert query("select id, amount, code from orders_raw order by id") == \
            [(1, 10.5, "007"), (2, 20.0, "008"), (9, 0.0, "009")]
    assert query("select id, code from big") == [(2, "008")]  # tag:raw+ built the child
    assert query("select count(*) from information_schema.tables where table_schema = "
                 f"'{schema}' and table_name in ('orders', 'skipped')") == [(0,)]  # enabled: false


def test_seed_config_on_duckdb(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", SEED_FILES, SEED_PROJECT)

    def query(sql: str) -> list[tuple]:
        con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
    _check_seeds(root, query, "main")
    # quote_columns: false keeps the header's case on DuckDB (it ignores case), as dbt-duckdb
    assert query("select column_name, data_type, comment from duckdb_columns() "
                 "where table_name = 'orders_raw'") == [
        ("id", "BIGINT", None), ("Amount", "DOUBLE", None), ("code", "VARCHAR", None)]
    assert query("select comment from duckdb_tables() where table_name = 'orders_raw'") == \
        [("raw orders",)]


def test_seed_config_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", SEED_FILES, SEED_PROJECT, {**PG, "schema": schema})
        conn.execute(f'create schema "{schema}"')

        def query(sql: str) -> list[tuple]:
            conn.execute(f'set search_path to "{schema}"')
            return conn.execute(sql).fetchall()
        _check_seeds(root, query, schema)
        # quote_columns: false: the header's Amount is folded as Postgres folds unquoted names;
        # the types are dbt-postgres's (integer, float8)
        assert query("select column_name, data_type from information_schema.columns "
                     f"where table_schema = '{schema}' and table_name = 'orders_raw' "
                     "order by ordinal_position") == [
            ("id", "integer"), ("amount", "double precision"), ("code", "character varying")]
        assert query(f"select obj_description('\"{schema}\".orders_raw'::regclass, 'pg_class')") \
            == [("raw orders",)]


def test_a_mixed_case_seed_column_is_read_by_select_star_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", {"seeds/s.csv": "id,Amount\n1,5\n",
                                            "models/m.sql": "select * from {{ ref('s') }}"},
                           output={**PG, "schema": schema})
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert conn.execute(f'select "Amount" from "{schema}".m').fetchall() == [(5,)]


@pytest.mark.parametrize(("configured", "expected"), [
    (False, [(1,), (2,), (3,)]),  # never rebuilt, even with --full-refresh
    (None, [(3,)]),  # the flag decides
    (True, [(3,)]),  # always rebuilt
])
def test_per_model_full_refresh_wins_over_the_flag(tmp_path: Path, configured: bool | None,
                                                   expected: list[tuple]) -> None:
    setting = "" if configured is None else f", full_refresh={configured}"
    root = dbt_project(tmp_path / "p", {"models/inc.sql": (
        f"{{{{ config(materialized='incremental'{setting}) }}}}\nselect {{{{ var('n') }}}} as n")})
    for n in (1, 2):
        assert datanet("run", "--project-dir", root, "--vars", f"{{n: {n}}}").exit_code == 0
    result = datanet("run", "--project-dir", root, "--full-refresh", "--vars", "{n: 3}")
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    assert con.execute("select n from inc order by n").fetchall() == expected


def test_jinja_in_seed_config_is_rendered_and_a_bad_seed_fails_alone(tmp_path: Path) -> None:
    """dbt renders Jinja in YAML config (dbt-project-evaluator's seeds pick a type by
    `target.type`); a seed that still cannot be read fails with its readers, not the project."""
    root = dbt_project(tmp_path / "p", {
        "seeds/pct.csv": "id,share\n1,38.89\n",
        "seeds/broken.csv": "id,n\n1,x\n",
        "seeds/props.yml": (
            "seeds:\n  - name: pct\n    config:\n      column_types:\n"
            "        share: \"{{ 'float' if target.type != 'duckdb' else 'decimal(10,2)' }}\"\n"
            "  - name: broken\n    config: {column_types: {n: not_a_type}}\n"),
        "models/shares.sql": "select id, share * 2 as doubled from {{ ref('pct') }}",
        "models/counts.sql": "select count(*) as n from {{ ref('broken') }}"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "seed 'broken'" in result.output and "not_a_type" in result.output
    assert "skipped: counts" in result.output and "Traceback" not in result.output
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        assert con.execute("select typeof(share), doubled from pct join shares using (id)"
                           ).fetchall() == [("DECIMAL(10,2)", Decimal("77.78"))]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_folder_column_types_type_the_columns_a_seed_has(tmp_path: Path, engine: str) -> None:
    """dbt-activity-schema types `ACTIVITY_REPEATED_AT` for every seed of the project: dbt
    types the columns a seed has by exact name and ignores the others. DuckDB's reader failed
    each seed without the column; now, on both engines, the seed is typed as dbt types it and
    a warning names the ignored names (`activity_repeated_at` is not `ACTIVITY_REPEATED_AT`)."""
    files = {"seeds/a.csv": "id,at\n1,20240102\n", "seeds/b.csv": "id,activity_repeated_at\n2,5\n"}
    project = {"seeds": {"shop": {"+column_types": {"at": "varchar",
                                                    "ACTIVITY_REPEATED_AT": "timestamp"}}}}
    with pg_schema() as (schema, conn):
        output = {**PG, "schema": schema, "threads": 1} if engine == "postgres" else None
        root = dbt_project(tmp_path / "p", files, project, output)
        result = datanet("seed", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert "column_types of at, ACTIVITY_REPEATED_AT ignored: seeds/b.csv has no such " \
            "column" in result.output
        assert "column_types of ACTIVITY_REPEATED_AT ignored: seeds/a.csv" in result.output
        if engine == "postgres":
            rows = conn.execute("select table_name, column_name, data_type from "
                                "information_schema.columns where table_schema = %s "
                                "order by 1, 2", [schema]).fetchall()
        else:
            with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
                rows = con.execute("select table_name, column_name, data_type from "
                                   "information_schema.columns order by 1, 2").fetchall()
    types = {(t, c): d.lower() for t, c, d in rows}
    assert types[("a", "at")] in ("varchar", "character varying")
    assert types[("b", "activity_repeated_at")] in ("integer", "bigint")
