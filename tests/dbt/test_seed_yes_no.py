"""Seeds type Yes/No columns as dbt seeds do, on DuckDB and Postgres, in dbt projects and
datanet.yml projects alike: only `true`/`false` make a boolean column, `Yes`/`No` (and T/F,
y/n) stay text as the file spells them, and `column_types: {answer: boolean}` converts them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import yaml
from hooks_helpers import PG, datanet, dbt_project, pg_schema

FILES = {
    "seeds/yn.csv": "id,answer,flag,short\n1,Yes,true,T\n2,No,false,F\n",
    "seeds/yn_declared.csv": "id,answer\n1,Yes\n2,No\n",
    "seeds/props.yml": "version: 2\nseeds:\n  - name: yn_declared\n"
                       "    config: {column_types: {answer: boolean}}\n",
    "models/said_yes.sql": "select id from {{ ref('yn') }} where answer = 'Yes'",
}
Query = Callable[[str], list[tuple]]


def _datanet_project(root: Path, target: dict[str, object]) -> Path:
    """The same seeds and model under datanet.yml + targets.yml."""
    root.mkdir(parents=True)
    (root / "datanet.yml").write_text("name: shop\ntarget: dev\n")
    (root / "targets.yml").write_text(yaml.safe_dump({"dev": target}))
    for path, text in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def _check(root: Path, query: Query, types: Query) -> None:
    for _ in range(2):  # seeding again replaces the tables as they were
        result = datanet("build", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert query("select id, answer, flag, short from yn order by id") == [
            (1, "Yes", True, "T"), (2, "No", False, "F")]
        assert query("select id, answer from yn_declared order by id") == [(1, True), (2, False)]
        assert query("select id from said_yes") == [(1,)]
    assert types("yn")[1:] == ["text", "boolean", "text"]
    assert types("yn_declared")[1:] == ["boolean"]


def _duckdb(database: Path) -> tuple[Query, Query]:
    def query(sql: str) -> list[tuple]:
        with duckdb.connect(str(database), read_only=True) as con:
            return con.execute(sql).fetchall()

    def types(table: str) -> list[str]:
        rows = query("select data_type from information_schema.columns where table_name = "
                     f"'{table}' order by ordinal_position")
        return [{"VARCHAR": "text", "BOOLEAN": "boolean"}.get(t, t) for (t,) in rows]
    return query, types


def test_dbt_project_on_duckdb(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    query, types = _duckdb(root / "wh.duckdb")
    _check(root, query, types)


def test_datanet_project_on_duckdb(tmp_path: Path) -> None:
    root = _datanet_project(tmp_path / "p", {"type": "duckdb", "path": "wh.duckdb"})
    query, types = _duckdb(root / "wh.duckdb")
    _check(root, query, types)


@pytest.mark.parametrize("kind", ["dbt", "datanet"])
def test_project_on_postgres(tmp_path: Path, kind: str) -> None:
    with pg_schema("seedyesno_") as (schema, conn):
        if kind == "dbt":
            root = dbt_project(tmp_path / "p", FILES, None, {**PG, "schema": schema})
        else:
            root = _datanet_project(tmp_path / "p", {**PG, "schema": schema})

        def query(sql: str) -> list[tuple]:
            conn.execute(f'set search_path to "{schema}"')
            return conn.execute(sql).fetchall()

        def types(table: str) -> list[str]:
            return [t for (t,) in query(
                "select data_type from information_schema.columns where table_schema = "
                f"'{schema}' and table_name = '{table}' order by ordinal_position")]
        _check(root, query, types)


def test_a_word_past_duckdbs_sample_makes_the_column_text(tmp_path: Path) -> None:
    """DuckDB's sniffer reads a sample: a `yes` on the last of 30,000 true/false rows would be
    cast to true unseen. Every row is looked at, so the column is text, each value as written;
    a second build reads the answer from the cache and gives the same table."""
    rows = "".join(f"{i},{'true' if i % 2 else 'false'}\n" for i in range(30_000))
    root = dbt_project(tmp_path / "p", {"seeds/late.csv": f"id,ok\n{rows}30000,yes\n"})
    query, types = _duckdb(root / "wh.duckdb")
    for _ in range(2):
        result = datanet("seed", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert types("late") == ["BIGINT", "text"]
        assert query("select ok, count(*) from late group by ok order by ok") == [
            ("false", 15_000), ("true", 15_000), ("yes", 1)]
