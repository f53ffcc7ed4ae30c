"""dbt Python models: run in-process on DuckDB as dbt-duckdb runs them (`dbt.ref` relations,
`dbt.config`, `dbt.this`, `session`; a DataFrame or relation returned becomes the table or
incremental rows); refused by name on other engines, where only their readers are skipped."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import psycopg
from dbt_project_helpers import datanet, dbt_project, rows

SCORED = ("import pandas as pd\n\n"
          "def model(dbt, session):\n"
          "    offset = dbt.config.get('offset', 0)\n"
          "    df = dbt.ref('a').filter('x > 1').df()\n"
          "    df['score'] = df['x'] + offset\n"
          "    return df\n")


def test_a_python_model_is_built_and_read_like_any_model(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/a.sql": "select * from (values (1), (2), (3)) as t(x)",
        "models/scored.py": SCORED,
        "models/scored.yml": {"models": [{"name": "scored", "config": {"offset": 10},
                                          "columns": [{"name": "score",
                                                       "data_tests": ["not_null"]}]}]},
        "models/reader.sql": "select x, score from {{ ref('scored') }}",
        "models/summed.py": "def model(dbt, session):\n"
                            "    assert str(dbt.this) == '\"main\".\"summed\"'\n"
                            "    return dbt.ref('reader').aggregate('sum(score) as total')\n"})
    result = datanet(root, "build")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.scored order by x") == [(2, 12), (3, 13)]
    assert rows(root, "select * from main.reader order by x") == [(2, 12), (3, 13)]
    assert rows(root, "select * from main.summed") == [(25,)]
    assert rows(root, "select table_type from information_schema.tables "
                      "where table_name = 'scored'") == [("BASE TABLE",)]
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    node = manifest["nodes"]["model.p.scored"]
    assert node["language"] == "python" and node["depends_on"]["nodes"] == ["model.p.a"]


def test_an_incremental_python_model_merges_its_new_rows(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/events.sql": "select * from (values (1, 'a'), (2, 'b')) as t(id, v)",
        "models/latest.py":
            "def model(dbt, session):\n"
            "    dbt.config(materialized='incremental', unique_key='id')\n"
            "    events = dbt.ref('events')\n"
            "    if dbt.is_incremental:\n"
            "        seen = session.sql(f'select max(id) from {dbt.this}').fetchall()[0][0]\n"
            "        events = events.filter(f'id > {seen}')\n"
            "    return events\n"})
    assert datanet(root, "build").exit_code == 0
    assert rows(root, "select * from main.latest order by id") == [(1, "a"), (2, "b")]
    (root / "models/events.sql").write_text(
        "select * from (values (1, 'changed'), (2, 'b'), (3, 'c')) as t(id, v)")
    again = datanet(root, "build")
    assert again.exit_code == 0, again.output
    assert "merge: +1 rows" in again.output
    # row 1 is not newer than what the table holds: kept as it was
    assert rows(root, "select * from main.latest order by id") == [(1, "a"), (2, "b"),
                                                                    (3, "c")]


def test_an_error_in_the_code_fails_that_model_alone_with_its_line(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/a.sql": "select 1 as x",
        "models/broken.py": "def model(dbt, session):\n    df = dbt.ref('a').df()\n"
                            "    return df['missing_column']\n",
        "models/odd.py": "def model(dbt, session):\n    return 42\n",
        "models/reader.sql": "select * from {{ ref('broken') }}"})
    result = datanet(root, "build")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "models/broken.py:3: Python model 'broken' raised KeyError" in result.output
    assert "Python model 'odd' returned a int, which is not a DuckDB relation" in result.output
    assert "SKIP  model reader" in result.output
    assert rows(root, "select * from main.a") == [(1,)]


def test_other_engines_refuse_it_by_name_and_skip_only_its_readers(tmp_path: Path) -> None:
    schema = f"dn_py_{uuid.uuid4().hex[:8]}"
    output = {"type": "postgres", "host": "127.0.0.1", "port": 5432, "user": "postgres",
              "dbname": "test", "schema": schema}
    root = dbt_project(tmp_path / "p", {
        "models/a.sql": "select 1 as x",
        "models/scored.py": SCORED,
        "models/reader.sql": "select * from {{ ref('scored') }}"}, output)
    try:
        result = datanet(root, "build")
        assert result.exit_code == 1
        assert ("models/scored.py: Python models run on DuckDB targets only; target 'dev' is "
                "postgres") in result.output
        assert "SKIP  model reader" in result.output and "Traceback" not in result.output
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test") as con:
            assert con.execute(f'select x from "{schema}".a').fetchall() == [(1,)]
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test",
                             autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_a_python_models_parents_are_read_from_its_code(tmp_path: Path) -> None:
    """As dbt records them: `dbt.ref`/`dbt.source` calls are its parents (lineage, and
    skipped when one fails, as under dbt), read without running the code."""
    root = dbt_project(tmp_path / "p", {
        "models/broken.sql": "select * from nowhere",
        "models/a.sql": "select 1 as x",
        "models/late.py": "def model(dbt, session):\n"
                          "    return dbt.ref('broken').df().join(dbt.ref('p', 'a').df())\n"})
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert "SKIP  model late" in result.output
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["nodes"]["model.p.late"]["depends_on"]["nodes"] == [
        "model.p.broken", "model.p.a"]
