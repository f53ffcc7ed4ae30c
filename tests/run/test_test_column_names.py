"""Generic tests on columns whose names are not plain words (`a-b`, `has space`, `q"x`, `Größe`,
`UPPER`): each test reads the column itself (a `unique` on `a-b` once tested `a - b` and passed on
duplicates), fails on the bad rows, and the other commands keep working (issue 12 item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from datanet_sql.cli.main import cli
from run.helpers import query, run, write_project

NAMES = ["a-b", "has space", 'q"x', "Größe", "UPPER"]
PARENT = 'key,"has space"\nw,w\n'


def run_cli(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _seed(names: list[str]) -> str:
    """Every column: a duplicate, a NULL, and values no accepted_values list allows."""
    rows = [["id", *names], ["1", *["v"] * len(names)], ["2", *["v"] * len(names)],
            ["3", *[""] * len(names)]]
    return "".join(",".join(row) + "\n" for row in rows)


def _yaml_name(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _schema(names: list[str]) -> str:
    columns = "".join(f"""
      - name: {_yaml_name(name)}
        tests:
          - unique
          - not_null
          - accepted_values: {{values: [w]}}
          - expression: {{expression: "<> 'v'"}}
          - relationships: {{to: ref('parent'), field: 'has space'}}
""" for name in names)
    return f"""
models:
  - name: m
    tests:
      - unique_combination_of_columns: {{combination_of_columns: ['a-b', 'has space']}}
      - expression: {{expression: '"a-b" <> ''v'''}}
      - row_count: {{max: 1, config: {{where: '"has space" = ''v'''}}}}
    columns:{columns}"""


def _project(root: Path, names: list[str], **files: str) -> Path:
    return write_project(root, {"seeds/s.csv": _seed(names), "seeds/parent.csv": PARENT,
                                "models/m.sql": "select * from {{ ref('s') }}\n",
                                "models/schema.yml": _schema(names), **files})


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("names") / "p", NAMES)
    assert run(root).success
    return root

def test_every_generic_test_fails_on_the_bad_rows_of_every_odd_name(project: Path) -> None:
    results = {r.name: r for r in run(project, "test", threads=2).results}
    # dbt's names: every character but [0-9a-zA-Z_] of an argument becomes `_`
    slugs = {"a-b": "a_b", "has space": "has_space", 'q"x': "q_x", "Größe": "Gr_e",
             "UPPER": "UPPER"}
    for name, slug in slugs.items():
        for kind, failing in (("unique", 1), ("not_null", 1), ("accepted_values", 1),
                              ("expression", 2)):
            suffix = {"accepted_values": "__w", "expression": "___v_"}.get(kind, "")
            result = results[f"{kind}_m_{slug}{suffix}"]
            assert (result.status, result.rows) == ("fail", failing), (name, kind,
                                                                      result.message)
        assert results[f"unique_m_{slug}"].message == \
            "1 failing row: unique_field='v', n_records=2"
    combination = results["unique_combination_of_columns_m_a_b__has_space"]
    assert (combination.status, combination.rows) == ("fail", 1)
    assert results["expression_m__a_b_v_"].rows == 2
    assert results["row_count_m_1"].message == "1 failing row: row_count=2"
    for slug in slugs.values():
        assert results[f"relationships_m_{slug}__has_space__ref_parent_"].message == \
            "2 failing rows: from_field='v'; from_field='v'"


def test_the_column_is_quoted_never_read_as_sql(project: Path) -> None:
    sql = (project / ".datanet" / "compiled" / "dev" / "tests.sql").read_text(encoding="utf-8")
    assert '"a-b" AS unique_field' in sql and 'GROUP BY\n  "a-b"' in sql
    assert 'NOT "q""x" IN (\'w\')' in sql and '"has space" IS NULL' in sql
    assert "a - b" not in sql.replace('"', "")


def test_tests_on_a_column_that_would_be_arithmetic_fail_on_duplicates(tmp_path: Path) -> None:
    """The original report: `a` and `b` exist too, so `a - b` ran, and was unique."""
    root = write_project(tmp_path / "p", {
        "seeds/s.csv": "a,b,a-b\n1,0,x\n2,0,x\n",
        "models/m.sql": "select * from {{ ref('s') }}\n",
        "models/m.yml": "models:\n  - name: m\n    columns:\n      - name: a-b\n"
                        "        tests: [unique]\n"})
    assert run(root).success
    result = run(root, "test").results[0]
    assert (result.name, result.status, result.message) == (
        "unique_m_a_b", "fail", "1 failing row: unique_field='x', n_records=2")


def test_other_commands_work_with_odd_names(project: Path, tmp_path: Path) -> None:
    assert run_cli("compile", "--project-dir", project).exit_code == 0
    listed = run_cli("ls", "--project-dir", project, "--columns")
    assert listed.exit_code == 0 and 'q"x' in listed.stdout and "has space" in listed.stdout
    shown = run_cli("show", "m", "--project-dir", project, "--format", "csv")
    assert shown.exit_code == 0 and shown.stdout.splitlines()[1] == "1,v,v,v,v,v"
    stored = run_cli("test", "--project-dir", project, "--store-failures", "--threads", "1")
    assert stored.exit_code == 1 and "Traceback" not in stored.output
    assert query(project, 'select * from main_test_failures."unique_m_a_b"') == [("v", 2)]


def test_the_same_tests_fail_the_same_way_on_postgres(tmp_path: Path) -> None:
    """On Postgres, where a quoted name's case matters: the model reading the seed's `Größe`
    and `UPPER` through `select *` builds, its columns spelled as the seed's (the compiler,
    reading DuckDB's case-insensitive SQL, once folded them to `größe` and the build failed)."""
    import uuid

    import psycopg

    dsn = "postgresql://postgres@127.0.0.1:5432/test"
    schema = f"dn_names_{uuid.uuid4().hex[:8]}"
    root = _project(tmp_path / "p", NAMES, **{
        "targets.yml": f"dev: {{type: postgres, dsn: '{dsn}', schema: {schema}}}\n"})
    try:
        before = run(root, "test").results[0]  # issue 18 item 10, on Postgres
        assert (before.status, before.message.splitlines()[0]) == (
            "error", f"relation {schema}.m does not exist: run `datanet build` first")
        assert run(root).success
        with psycopg.connect(dsn) as con:
            columns = con.execute(f'select * from "{schema}".m limit 0').description
        assert [c.name for c in columns] == ["id", *NAMES]
        results = {r.name: (r.status, r.rows) for r in run(root, "test", threads=2).results}
        assert results["unique_m_a_b"] == results["not_null_m_q_x"] == ("fail", 1)
        assert results["relationships_m_has_space__has_space__ref_parent_"] == ("fail", 2)
        assert results["unique_combination_of_columns_m_a_b__has_space"] == ("fail", 1)
        assert set(results.values()) <= {("fail", 1), ("fail", 2)}
    finally:
        with psycopg.connect(dsn, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
