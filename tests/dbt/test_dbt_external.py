"""dbt-duckdb's `external` materialization (dbt-activity-schema builds every model so): the
rows written to a file with COPY, a view over the file, the file swapped in atomically; on
another engine, an error naming the model. Real DuckDB and Postgres."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from hooks_helpers import PG, datanet, dbt_project, pg_schema

FILES = {
    "models/orders.sql": "select 1 as id, 'a' as code union all select 2, 'b'",
    "models/big.sql": "{{ config(format='parquet', location='out/big_orders.parquet') }}\n"
                      "select * from {{ ref('orders') }} where id > 1",
    "models/events.sql": "{{ config(format='json') }}\nselect 7 as n",
    "models/none.sql": "select 1::integer as id, 'x' as code, now()::timestamp as at where false",
    "models/child.sql": "{{ config(materialized='view') }}\n"
                        "select count(*) as n, sum(id) as total from {{ ref('orders') }}",
    "models/schema.yml": "version: 2\nmodels:\n  - name: orders\n    columns:\n"
                         "      - name: id\n        data_tests: [unique, not_null]\n",
}
PROJECT = {"models": {"shop": {"+materialized": "external", "+format": "csv",
                               "child": {"+materialized": "view"}}}}


def _rows(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def _project(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    root = dbt_project(tmp_path / "p", {**FILES, **(files or {})}, PROJECT)
    profile = root / "profiles.yml"
    profile.write_text(profile.read_text().replace("threads: 1", "threads: 1\n      "
                                                   "external_root: files"))
    return root


def test_external_models_write_files_and_views_read_them(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    # `external_root` of the profile, relative to the project; `location` as written
    assert (root / "files" / "orders.csv").read_text().splitlines() == ["id,code", "1,a", "2,b"]
    assert json.loads((root / "files" / "events.json").read_text()) == {"n": 7}
    assert _rows(root, "select * from read_parquet('%s')" % (root / "out/big_orders.parquet")) \
        == [(2, "b")]
    # each model is a view over its file: children and tests read it
    assert _rows(root, "select table_name, table_type from information_schema.tables "
                       "order by 1") == [("big", "VIEW"), ("child", "VIEW"), ("events", "VIEW"),
                                         ("none", "VIEW"), ("orders", "VIEW")]
    assert _rows(root, "select * from main.child") == [(2, 3)]
    assert "pass\t2" in result.output  # the tests of `orders` read its view


def test_an_empty_result_keeps_its_columns_without_a_row_of_nulls(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert datanet("build", "--project-dir", root).exit_code == 0
    assert (root / "files" / "none.csv").read_text().splitlines() == ["id,code,at"]
    assert _rows(root, "select column_name, data_type from information_schema.columns "
                       "where table_name = 'none' order by ordinal_position") == [
        ("id", "INTEGER"), ("code", "VARCHAR"), ("at", "TIMESTAMP")]
    assert _rows(root, "select count(*) from main.none") == [(0,)]


def test_a_failing_rebuild_keeps_the_last_good_file(tmp_path: Path) -> None:
    """The query fails while writing: the file is untouched. A post-hook fails after the new
    file was written: the previous file is put back and the view still reads it. No
    temporary file is left beside it either way."""
    root = _project(tmp_path)
    assert datanet("build", "--project-dir", root).exit_code == 0
    good = (root / "files" / "orders.csv").read_text()
    broken = "select 1 as id, error('boom') as code"
    hook = "{{ config(post_hook='select * from no_such_table') }}\nselect 3 as id, 'c' as code"
    for sql in (broken, hook):
        (root / "models" / "orders.sql").write_text(sql)
        result = datanet("run", "-s", "orders", "--project-dir", root)
        assert result.exit_code == 1, result.output
        assert (root / "files" / "orders.csv").read_text() == good
        assert sorted(p.name for p in (root / "files").iterdir()) == [
            "events.json", "none.csv", "orders.csv"]
        assert _rows(root, "select * from main.orders order by id") == [(1, "a"), (2, "b")]


def test_an_external_model_on_postgres_is_refused_by_name(tmp_path: Path) -> None:
    with pg_schema() as (schema, _conn):
        root = dbt_project(tmp_path / "p", {"models/orders.sql": "select 1 as id"},
                           PROJECT, {**PG, "schema": schema, "threads": 1})
        result = datanet("run", "--project-dir", root)
    assert result.exit_code == 1
    assert "external model 'orders'" in result.output
    assert "DuckDB only, not on postgres" in result.output
    assert "Traceback" not in result.output


def test_a_location_datanet_cannot_swap_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "models/orders.sql": "{{ config(location='s3://bucket/orders.csv') }}\nselect 1 as id",
        "models/big.sql": "{{ config(options={'partition_by': 'id'}) }}\nselect 1 as id",
        "models/events.sql": "{{ config(format='delta') }}\nselect 1 as id"})
    result = datanet("run", "-s", "orders big events", "--project-dir", root)
    assert result.exit_code == 1
    assert "external model 'orders': location s3://bucket/orders.csv is not a local file" in \
        result.output
    assert "external model 'big': `options: partition_by` writes a folder" in result.output
    assert "external model 'events': format 'delta' is not one of csv, parquet, json" in \
        result.output


def test_a_mock_run_writes_no_file(tmp_path: Path) -> None:
    """`build --mock` builds into the mock warehouse only: an external model there is a table,
    and the real file is never written."""
    root = _project(tmp_path)
    result = datanet("build", "--mock", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert not (root / "files").exists() and not (root / "out").exists()
    with duckdb.connect(str(root / ".datanet" / "mock.duckdb"), read_only=True) as con:
        assert con.execute("select sum(id) from main.orders").fetchall() == [(3,)]
