"""Column names keep the warehouse's spelling where a quoted name's case matters (Postgres,
Snowflake): DuckDB-dialect SQL is folded to lower case by qualify, which once made every model
reading a seed's `Größe` fail on Postgres."""

from __future__ import annotations

from pathlib import Path

from run.helpers import write_project

from datanet_sql.compile.pipeline import compile_project

FILES = {
    "seeds/s.csv": 'id,Größe,UPPER\n1,2.5,x\n',
    "models/m.sql": "select * from {{ ref('s') }}\n",
    "models/child.sql": "select größe * 2 as doubled, upper from {{ ref('m') }}\n",
    "models/cte.sql": "with t as (select Größe as g, upper from {{ ref('s') }}) select g, upper from t\n",
}


def _compiled(root: Path, dialect: str) -> dict[str, str]:
    manifest = compile_project(root, dialect=dialect, write=False)[0]
    return {node.name: " ".join(node.compiled_sql.split()) for node in manifest.of_kind("model")}


def test_postgres_reads_and_names_columns_as_stored(tmp_path: Path) -> None:
    sql = _compiled(write_project(tmp_path / "p", FILES), "postgres")
    assert sql["m"] == ('SELECT "s"."id" AS "id", "s"."Größe" AS "Größe", "s"."UPPER" AS "UPPER" '
                        'FROM "public"."s" AS "s"')
    # the child reads m's columns as m now names them; its own alias stays as written
    assert sql["child"] == ('SELECT "m"."Größe" * 2 AS "doubled", "m"."UPPER" AS "UPPER" '
                            'FROM "public"."m" AS "m"')
    # inside a CTE the seed's column is read as stored; the CTE's own names stay folded
    assert sql["cte"] == ('WITH "t" AS ( SELECT "s"."Größe" AS "g", "s"."UPPER" AS "upper" '
                          'FROM "public"."s" AS "s" ) SELECT "t"."g" AS "g", "t"."upper" AS "upper" '
                          'FROM "t" AS "t"')


def test_duckdb_sql_is_left_folded(tmp_path: Path) -> None:
    """DuckDB does not tell the spellings apart: its SQL is as before."""
    sql = _compiled(write_project(tmp_path / "p", FILES), "duckdb")
    assert sql["m"] == ('SELECT "s"."id" AS "id", "s"."größe" AS "größe", "s"."upper" AS "upper" '
                        'FROM "main"."s" AS "s"')
