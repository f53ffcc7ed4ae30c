"""dbt snapshots on Spark (local PySpark, real): the timestamp and check strategies (some
columns, all), hard deletes (invalidate, new_record), `dbt_valid_to_current` and a column the
source gains, built day after day on Spark and on DuckDB; both engines end with the same
snapshot rows (the clock's values compared by whether a row is current). The commands run
as a user's would, on the worker's one Spark session (Spark keeps one per process)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import duckdb
import yaml
from click.testing import CliRunner

from datanet_sql.adapters.spark import SMALL_DATA_CONFIG, SparkAdapter
from datanet_sql.cli.main import cli
from datanet_sql.config.targets import resolve_target

HEAD = "id,status,amount,updated_at\n"
DAYS = [
    HEAD + ("1,placed,10,2024-01-01 00:00:00\n2,placed,20,2024-01-01 00:00:00\n"
            "3,placed,30,2024-01-01 00:00:00\n"),
    # 1 changed, 2 deleted, 3 as it was, 4 new, and a column the snapshots have not seen
    "id,status,amount,updated_at,note\n" + ("1,shipped,10,2024-01-02 00:00:00,\n"
                                            "3,placed,30,2024-01-01 00:00:00,\n"
                                            "4,placed,40,2024-01-02 00:00:00,new\n"),
]
SNAPSHOTS = """
{% snapshot ts_snap %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at',
          hard_deletes='invalidate') }}
select * from {{ ref('raw_orders') }}
{% endsnapshot %}
{% snapshot check_snap %}
{{ config(unique_key='id', strategy='check', check_cols=['status'],
          hard_deletes='new_record') }}
select * from {{ ref('raw_orders') }}
{% endsnapshot %}
{% snapshot all_snap %}
{{ config(unique_key='id', strategy='check', check_cols='all',
          dbt_valid_to_current="cast('9999-12-31' as timestamp)") }}
select * from {{ ref('raw_orders') }}
{% endsnapshot %}
"""
QUERIES = {
    "ts_snap": "select id, status, amount, cast(dbt_valid_from as string), "
               "dbt_valid_to is null, note from {schema}.ts_snap",
    "check_snap": "select id, status, dbt_is_deleted, dbt_valid_to is null, note "
                  "from {schema}.check_snap",
    "all_snap": "select id, status, cast(dbt_valid_to as date) = date '9999-12-31', note "
                "from {schema}.all_snap",
}
def project(root: Path, schema: str = "s", warehouse: Path | None = None) -> Path:
    for folder in ("seeds", "snapshots"):
        (root / folder).mkdir(parents=True)
    (root / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "shop", "version": "1.0", "profile": "shop",
        "seeds": {"shop": {"+column_types": {"updated_at": "timestamp"}}}}))
    (root / "targets.yml").write_text(yaml.safe_dump({
        "dev": {"type": "duckdb", "path": "shop.duckdb", "schema": "main"},
        "spark": {"type": "spark", **SMALL_DATA_CONFIG, "schema": schema,
                  "warehouse_dir": str(warehouse or root / "spark-warehouse")}}))
    (root / "snapshots" / "orders.sql").write_text(SNAPSHOTS)
    return root


def duckdb_rows(root: Path) -> dict[str, list[list[object]]]:
    for day in DAYS:
        (root / "seeds" / "raw_orders.csv").write_text(day)
        result = CliRunner().invoke(cli, ["build", "--project-dir", str(root)])
        assert result.exit_code == 0, result.output
    with duckdb.connect(str(root / "shop.duckdb"), read_only=True) as con:
        return {name: [list(r) for r in con.execute(
            q.format(schema="main").replace("as string", "as varchar")).fetchall()]
            for name, q in QUERIES.items()}


def spark_rows(root: Path, schema: str) -> dict[str, Any]:
    """The days built on Spark by `datanet build`, then each snapshot's rows and the
    temporary tables left behind."""
    steps = []
    for day in DAYS:
        (root / "seeds" / "raw_orders.csv").write_text(day)
        result = CliRunner().invoke(cli, ["build", "--target", "spark", "--project-dir",
                                          str(root)])
        steps.append(("build", result.exit_code, result.output))
    adapter = SparkAdapter(resolve_target(root, "spark"))
    rows = {name: [list(r) for r in adapter.fetch(q.format(schema=schema))[1]]
            for name, q in QUERIES.items()}
    leftovers = [r[1] for r in adapter.fetch(f"show tables in {schema}")[1] if "__dn_" in r[1]]
    return {"steps": steps, "rows": rows, "leftovers": leftovers}


def test_snapshots_on_spark_hold_the_rows_they_hold_on_duckdb(tmp_path: Path,
                                                               spark_warehouse: Path) -> None:
    schema = f"s_{uuid.uuid4().hex[:8]}"  # the worker's Spark session is shared
    found = spark_rows(project(tmp_path / "spark", schema, spark_warehouse), schema)
    for command, code, output in found["steps"]:
        assert code == 0, (command, output)
    assert "1 new column" in found["steps"][-1][2]  # `note`, added on the second day
    assert found["leftovers"] == []
    expected = duckdb_rows(project(tmp_path / "duck"))

    def key(row: list[object]) -> str:
        return json.dumps(row, default=str)

    for name, rows in expected.items():
        spark = [[str(v) if v is not None else None for v in r] for r in found["rows"][name]]
        duck = [[str(v) if v is not None else None for v in r] for r in rows]
        assert sorted(spark, key=key) == sorted(duck, key=key), name
    assert sorted(map(tuple, expected["ts_snap"]))[:2] == [
        (1, "placed", 10, "2024-01-01 00:00:00", False, None),
        (1, "shipped", 10, "2024-01-02 00:00:00", True, None)]
