"""Query shapes of real dbt projects (the sixth held-out set in benchmarks/dbt_projects) that
datanet compiled to the wrong SQL or refused: ordered-set aggregates, table functions read
through a CTE, and columns with no alias. Each is a small project built by the real CLI on
DuckDB (and Postgres where the engine names things its own way)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hooks_helpers import PG, datanet, dbt_project, pg_schema, warehouse_rows


def test_an_ordered_set_aggregate_keeps_its_fraction(tmp_path: Path) -> None:
    """`percentile_cont(0.75) within group (order by a)` (jaffle_shop_expand's `dist_*`
    models): sqlglot's DuckDB printer moves the ordered column into the call, in place, so the
    second printing of the same tree (annotate prints it, then emit) read
    `QUANTILE_CONT(a, a ORDER BY a)`, which DuckDB refuses."""
    model = ("select percentile_cont(0.75) within group (order by a) as p75, "
             "percentile_disc(0.5) within group (order by a desc) as p50 "
             "from (values (1), (2), (3), (4)) as t(a)")
    root = dbt_project(tmp_path / "p", {"models/m.sql": model})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert warehouse_rows(root, "select * from main.m") == [(3.25, 3)]
    compiled = (root / ".datanet/compiled/dev/m.sql").read_text()
    assert "QUANTILE_CONT(\"t\".\"a\", 0.75" in compiled, compiled


def test_an_ordered_set_aggregate_on_postgres(tmp_path: Path) -> None:
    model = ("select percentile_cont(0.75) within group (order by a) as p75 "
             "from (values (1), (2), (3), (4)) as t(a)")
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", {"models/m.sql": model},
                           output={**PG, "schema": schema, "threads": 1})
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert conn.execute(f'select p75 from "{schema}".m').fetchall() == [(3.25,)]


def test_a_table_function_read_through_a_cte_is_expanded(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`with source as (select * from read_csv_auto('x.csv')) select a from source`
    (clinical_trials' `stg_sponsors`): the call's columns were unknown at compile, so the CTE's
    `*` stayed unexpanded and every column read from it was refused as missing. DuckDB now
    describes the call at compile (relative names from the folder the command runs in, as
    dbt-duckdb reads them), and describes it again on the next compile: a file that gained a
    column gives the model that column."""
    root = dbt_project(tmp_path / "p", {
        "data/x.csv": "sponsor_id,createdAt\n1,2024-01-01\n2,2024-02-01\n",
        "models/stg.sql": "with source as (select * from read_csv_auto('data/x.csv')), "
                          "final as (select sponsor_id, createdAt from source) "
                          "select * from final",
        "models/every.sql": "select * from read_csv_auto('data/x.csv')",
        "models/child.sql": "select sponsor_id from {{ ref('every') }}"})
    monkeypatch.chdir(root)
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert warehouse_rows(root, "select sponsor_id from main.stg order by 1") == [(1,), (2,)]
    assert warehouse_rows(root, "select count(*) from main.child") == [(2,)]
    (root / "data/x.csv").write_text("sponsor_id,createdAt,name\n1,2024-01-01,a\n")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert warehouse_rows(root, "select name from main.every") == [("a",)]
    (root / "data/x.csv").write_text("id\n1\n")
    result = datanet("build", "--project-dir", root, "-s", "stg")
    assert result.exit_code == 1
    assert "models/stg.sql:1: model 'stg' reads column 'sponsor_id', which does not exist " \
           "in source" in result.output and "columns available: id" in result.output


UNNAMED = """
with overdue as (
    select id, 1 - score, (current_date - due)::integer, upper(name)
    from {{ ref('s') }}
), alerts as (select *, 'info' as severity from overdue)
select * from alerts"""


def test_an_unaliased_column_is_named_as_duckdb_names_it(tmp_path: Path) -> None:
    """jaffle_shop_expand's `wide_supplier_summary` (`1 - sc.fulfillment_rate`) and
    `alert_ar_overdue_90_days` (`extract(...)::integer` through a CTE's `*`): qualify named
    the columns `_col_N` (and a cast by its inner column), where DuckDB names them by the
    expression as its parser prints it. The table built and the catalog its readers are
    checked against now have DuckDB's names."""
    root = dbt_project(tmp_path / "p", {
        "seeds/s.csv": "id,score,due,name\n1,0.25,2024-01-01,ann\n",
        "models/m.sql": UNNAMED,
        "models/child.sql": 'select "(1 - score)" as rest from {{ ref(\'m\') }}'})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    own = warehouse_rows(root, "select column_name from information_schema.columns "
                               "where table_name = 'm' order by ordinal_position")
    raw = UNNAMED.replace("{{ ref('s') }}", "main.s")
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        engine = [d[0] for d in con.execute(raw).description]
    assert [c for (c,) in own] == engine == [
        "id", "(1 - score)", "CAST((current_date - due) AS INTEGER)", "upper(\"name\")",
        "severity"]
    assert warehouse_rows(root, "select rest from main.child") == [(0.75,)]
    manifest = json.loads((root / ".datanet/manifest.json").read_text())
    assert list(manifest["nodes"]["model.m"]["columns"]) == engine


def test_an_unaliased_column_is_named_as_postgres_names_it(tmp_path: Path) -> None:
    """Postgres names by its own rule: the function's name, the cast's column or type,
    `?column?` for an operator."""
    model = "select id, upper(name), 1 - score, coalesce(score, 0), 1::int from {{ ref('s') }}"
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", {
            "seeds/s.csv": "id,score,name\n1,0.25,ann\n", "models/m.sql": model},
            output={**PG, "schema": schema, "threads": 1})
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        columns = conn.execute(
            "select column_name from information_schema.columns where table_schema = %s "
            "and table_name = 'm' order by ordinal_position", [schema]).fetchall()
        assert [c for (c,) in columns] == ["id", "upper", "?column?", "coalesce", "int4"]
