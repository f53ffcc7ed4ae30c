"""pre/post hooks, sql_header and on-run-start/end run as dbt runs them (real DuckDB and
Postgres): in dbt's order, in the model's connection and transaction, once per command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from hooks_helpers import PG, datanet, dbt_project, pg_schema

Query = Callable[[str], list[tuple]]
LOG = "insert into main.log values ('{}')"
PROJECT_HOOKS = {
    "on-run-start": ["create table if not exists main.log (msg varchar)",
                     "{{ log_it('start') }}"],
    "on-run-end": "insert into main.log select 'end ' || '{{ results | map(attribute='status') "
                  "| join(',') }}' || ' ' || '{{ schemas | join(',') }}'",
    "models": {"shop": {"+pre-hook": "{{ log_it('project pre ' ~ this.name) }}"}},
    "seeds": {"shop": {"+post-hook": [LOG.format("seed post {{ this }}")]}},
}
FILES = {
    "macros/log_it.sql": "{% macro log_it(what) %}" + LOG.format("{{ what }}") + "{% endmacro %}",
    "seeds/s.csv": "id\n1\n2\n",
    "models/m.sql": "{{ config(materialized='table', pre_hook=before_begin(\""
                    + LOG.format("before begin") + "\"), post_hook=[\"insert into main.log "
                    "select 'rows ' || count(*) from {{ this }}\", after_commit(\""
                    + LOG.format("after commit {{ this.name }}") + "\")]) }}\n"
                    "select * from {{ ref('s') }}",
    "models/m.yml": "version: 2\nmodels:\n  - name: m\n    config:\n      post_hook: "
                    "\"insert into main.log select 'yaml post ' || count(*) "
                    "from {{ ref('s') }}\"\n",
}


def _log(root: Path) -> list[str]:
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    try:
        return [r[0] for r in con.execute("select msg from main.log").fetchall()]
    finally:
        con.close()


def test_hooks_run_in_dbt_order_once_per_command(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES, PROJECT_HOOKS)
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "has no effect" not in result.output
    once = ["start", "seed post \"main\".\"s\"", "before begin", "project pre m", "yaml post 2",
            "rows 2", "after commit m", "end success,success main"]
    assert _log(root) == once
    result = datanet("seed", "--project-dir", root)  # a second command: its own on-run hooks
    assert result.exit_code == 0, result.output
    assert _log(root) == [*once, "start", "seed post \"main\".\"s\"", "end success main"]


def test_failing_post_hook_fails_its_model_only_and_keeps_the_old_table_on_duckdb(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", _failing_hook_files("post_hook"))
    _check_failing_hook(root, "post_hook", _duckdb_rows(root))


def test_failing_pre_hook_keeps_the_old_table_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", _failing_hook_files("pre_hook"),
                           output={**PG, "schema": schema})

        def rows(name: str) -> list[tuple]:
            return conn.execute(f'select n from "{schema}"."{name}"').fetchall()
        _check_failing_hook(root, "pre_hook", rows)


def test_failing_post_hook_keeps_the_old_table_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", _failing_hook_files("post_hook"),
                           output={**PG, "schema": schema})

        def rows(name: str) -> list[tuple]:
            return conn.execute(f'select n from "{schema}"."{name}"').fetchall()
        _check_failing_hook(root, "post_hook", rows)


def _failing_hook_files(kind: str) -> dict[str, str]:
    """m fails its hook when var fail is set; other has no hook; both select var n."""
    hook = "{% if var('fail', false) %}select * from no_such_table{% else %}select 1{% endif %}"
    return {"models/m.sql": f"{{{{ config(materialized='table', {kind}=['select 1', \"{hook}\"]) "
                            "}}\nselect {{ var('n', 1) }} as n",
            "models/other.sql": "{{ config(materialized='table') }}\nselect {{ var('n', 1) }} as n"}


def _duckdb_rows(root: Path) -> Query:
    def rows(name: str) -> list[tuple]:
        con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
        try:
            return con.execute(f"select n from {name}").fetchall()
        finally:
            con.close()
    return rows


def _check_failing_hook(root: Path, kind: str, rows: Query) -> None:
    assert datanet("run", "--project-dir", root).exit_code == 0
    assert rows("m") == [(1,)]
    for n in (2, 3):  # twice in a row: the failure leaves nothing behind that breaks the next
        result = datanet("run", "--project-dir", root, "--vars", f"{{n: {n}, fail: true}}")
        assert result.exit_code != 0
        assert f"{kind} 2 of model 'm' failed" in result.output
        assert "no_such_table" in result.output and "Traceback" not in result.output
        assert rows("m") == [(1,)]  # the old table is kept
        assert rows("other") == [(n,)]  # the other model is built
    assert datanet("run", "--project-dir", root, "--vars", "{n: 4}").exit_code == 0
    assert rows("m") == [(4,)]


@pytest.mark.parametrize(("flags", "built"), [({}, 1), ({"skip_nodes_if_on_run_start_fails": True}, 0)])
def test_failing_on_run_start_fails_the_command_as_dbt_1_9_does(
        tmp_path: Path, flags: dict, built: int) -> None:
    """dbt 1.9: the failing hook is an error of the command, the hooks after it are skipped,
    and the nodes run all the same unless the flag skips them."""
    root = dbt_project(tmp_path / "p", {"models/m.sql": "select 1 as n"},
                       {"on-run-start": ["select 1", "select * from missing_audit",
                                         "create table main.never (n integer)"],
                        "flags": flags})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "on-run-start 2 (dbt_project.yml) failed" in result.output
    assert "missing_audit" in result.output and "Traceback" not in result.output
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    assert con.execute("select count(*) from information_schema.tables "
                       "where table_name = 'm'").fetchone() == (built,)
    assert con.execute("select count(*) from information_schema.tables "
                       "where table_name = 'never'").fetchone() == (0,)
    dbt_results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    assert {r["unique_id"]: r["status"] for r in dbt_results} == {  # dbt's ids and statuses
        "operation.shop.shop-on-run-start-0": "success",
        "operation.shop.shop-on-run-start-1": "error",
        "operation.shop.shop-on-run-start-2": "skipped",
        "model.shop.m": "success" if built else "skipped"}


def test_failing_on_run_start_stops_a_datanet_project_before_any_model(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "datanet.yml").write_text("name: shop\non_run_start: select * from missing_audit\n")
    (root / "targets.yml").write_text(f"dev: {{type: duckdb, path: {root / 'wh.duckdb'}}}\n")
    (root / "models" / "m.sql").write_text("select 1 as n")
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 1
    assert "on-run-start 1 (datanet.yml) failed" in result.output
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    assert con.execute("select count(*) from information_schema.tables "
                       "where table_name = 'm'").fetchone() == (0,)


@pytest.mark.parametrize(("config", "message"), [
    ("post_hook=\"select {{ nope() }}\"", "post_hook 1 of model 'm' does not render"),
    ("pre_hook=[5]", "pre_hook 1 of 'm' is 5, not a SQL string"),
])
def test_a_bad_hook_fails_its_model_with_a_message_naming_the_hook(
        tmp_path: Path, config: str, message: str) -> None:
    root = dbt_project(tmp_path / "p", {"models/m.sql": f"{{{{ config({config}) }}}}\nselect 1 as n",
                                        "models/ok.sql": "select 2 as n"})
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 1
    assert message in result.output and "models/m.sql" in result.output
    assert "OK    model ok" in result.output


def test_sql_header_runs_in_the_models_session_on_duckdb(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        "models/m.sql": "{{ config(materialized='table', sql_header=\"set variable dn_rate = "
                        "{{ var('rate') }}\") }}\nselect getvariable('dn_rate') * 2 as x"},
        {"vars": {"rate": 21}})
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True)
    assert con.execute("select x from m").fetchall() == [(42,)]


def test_sql_header_runs_in_the_models_transaction_on_postgres(tmp_path: Path) -> None:
    with pg_schema() as (schema, conn):
        root = dbt_project(tmp_path / "p", {
            "models/m.sql": "{{ config(materialized='table', sql_header=\"set local datestyle "
                            "= 'German'\") }}\nselect current_setting('datestyle') as s"},
            output={**PG, "schema": schema})
        result = datanet("run", "--project-dir", root)
        assert result.exit_code == 0, result.output
        assert conn.execute(f'select s from "{schema}".m').fetchall() == [("German, DMY",)]


def test_failing_on_run_end_fails_the_command_and_keeps_what_was_built(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {"models/m.sql": "{{ config(materialized='table') }}\n"
                                                        "select 1 as n"},
                       {"on-run-end": "insert into nowhere values (1)"})
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 1
    assert "on-run-end 1 (dbt_project.yml) failed" in result.output
    assert _duckdb_rows(root)("m") == [(1,)]


def test_datanet_yml_has_the_same_run_hooks(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "models").mkdir(parents=True)
    (root / "datanet.yml").write_text(
        "name: shop\non_run_start: create table if not exists main.log (msg varchar)\n"
        "on_run_end: [\"insert into main.log values ('{{ results | length }} built')\"]\n")
    (root / "targets.yml").write_text(f"dev: {{type: duckdb, path: {root / 'wh.duckdb'}}}\n")
    (root / "models" / "m.sql").write_text("select 1 as n")
    result = datanet("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert _log(root) == ["1 built"]
