"""Query shapes of real dbt projects (the sixth held-out set in benchmarks/dbt_projects) that
datanet compiled to the wrong SQL or refused: ordered-set aggregates, table functions read
through a CTE, and columns with no alias. Each is a small project built by the real CLI on
DuckDB (and Postgres where the engine names things its own way)."""

from __future__ import annotations

from pathlib import Path

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
