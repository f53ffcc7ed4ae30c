"""Never run what the project did not ask for: the Jinja sandbox and its limits, models that
write refused at compile, comments built from names escaped in compiled files.

Each goes through the CLI (click's CliRunner) on a small project with a real DuckDB target.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot
from sqlglot.tokens import TokenType
from compile_helpers import assert_cli_error, run_cli, write_project

OK = "select order_id, amount from {{ source('raw', 'orders') }}\n"
ESCAPE = '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}'


def compile_error(root: Path, *fragments: str) -> str:
    return assert_cli_error(run_cli("compile", "--project-dir", root), *fragments)


def compiles(root: Path, *args: str) -> str:
    result = run_cli("compile", "--project-dir", root, *args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stderr


# item 7: the sandbox --------------------------------------------------------------------------

@pytest.mark.parametrize("files, where", [
    ({"models/m.sql": f"select 1 as x\n-- {ESCAPE}\n"}, "models/m.sql:2"),
    ({"models/m.sql": "select {{ evil() }} as x\n",
      "macros/evil.sql": f"{{% macro evil() %}}\n  {ESCAPE}\n{{% endmacro %}}\n"},
     "macros/evil.sql:2"),
    ({"models/m.sql": OK, "tests/t.sql": f"select 1 as x where false\n{ESCAPE}\n"},
     "tests/t.sql:2"),
    ({"models/m.sql": "select '{{ modules.datetime.sys.modules }}' as x\n"}, "models/m.sql:1"),
    ({"models/m.sql": "select '{{ config.__class__ }}' as x\n"}, "models/m.sql:1"),
])
def test_python_internals_are_refused_with_file_and_line(tmp_path: Path, files: dict[str, str],
                                                         where: str) -> None:
    root = write_project(tmp_path / "p", files)
    compile_error(root, f"Error: {where}: ")
    assert not (root / "PWNED").exists()


def test_errors_in_a_macro_file_name_that_file(tmp_path: Path) -> None:
    macros = {"macros/a.sql": "{% macro a() %}1{% endmacro %}\n",
              "models/m.sql": "select {{ b() }} as x\n"}
    root = write_project(tmp_path / "p", {
        **macros, "macros/b.sql": "-- b\n{% macro b() %}{{ nope }}{% endmacro %}\n"})
    compile_error(root, "Error: macros/b.sql:2: Jinja error: 'nope' is undefined")
    root = write_project(tmp_path / "q", {
        **macros, "macros/b.sql": "-- b\n\n{% macro b() %}{{ 1 + }}{% endmacro %}\n"})
    compile_error(root, "Error: macros/b.sql:3: Jinja syntax error")


def test_errors_in_the_body_of_a_macro_file_name_its_line(tmp_path: Path) -> None:
    model = {"models/m.sql": "select {{ g() }} as x\n"}
    root = write_project(tmp_path / "p", {**model, "macros/a.sql": (
        "{% macro g() %}1{% endmacro %}\n\n{{ source('raw', 'nope') }}\n")})
    compile_error(root, "Error: macros/a.sql:3: source('raw', 'nope') is not defined")
    root = write_project(tmp_path / "q", {**model, "macros/a.sql": (
        "{% macro g() %}1{% endmacro %}\n{% for i in [1] recursive %}{{ loop([1]) }}"
        "{% endfor %}\n")})
    compile_error(root, "Error: macros/a.sql:2: the template nests too deeply")


def test_the_escape_is_refused_in_targets_yml(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": OK, "targets.yml":
                                          f"dev: {{type: duckdb, path: '{ESCAPE}'}}\n"})
    compile_error(root, "Error: targets.yml", "refused")
    assert not (root / "PWNED").exists()


def test_the_escape_is_refused_in_show_inline(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": OK})
    result = run_cli("show", "--project-dir", root, "--inline", f"select 1 as x -- {ESCAPE}")
    assert_cli_error(result, "<inline>", "refused")
    assert not (root / "PWNED").exists()


def test_dbt_features_still_render_in_the_sandbox(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "datanet.yml": "name: t\ntarget: dev\nvars: {cols: [order_id, amount]}\n",
        "macros/m.sql": "{% macro cents(c) %}({{ c }} * 100)::int{% endmacro %}\n"
                        "{% macro countdown(n) %}{% if n > 0 %}{{ n }}{{ countdown(n - 1) }}"
                        "{% endif %}{% endmacro %}\n",
        "models/m.sql": """
            {{ config(materialized='table') }}
            {% set names = [] %}{% for c in var('cols') %}{% do names.append(c) %}{% endfor %}
            select {{ names | join(', ') }}, {{ cents('amount') }} as cents,
                   '{{ countdown(3) }}' as c, '{{ "%s-%d" | format("a", 1) }}' as f,
                   {{ range(3) | sum }} as r, '{{ modules.datetime.date(2024, 1, 2) }}' as d,
                   '{{ target.name }}' as t
            from {{ source('raw', 'orders') }}
            {% if is_incremental() %}where false{% endif %}
            """})
    compiles(root)
    sql = (root / ".datanet/compiled/dev/m.sql").read_text()
    for fragment in ("100", "'321'", "'a-1'", '3 AS "r"', "'2024-01-02'", "'dev'"):
        assert fragment in sql, sql
    result = run_cli("run", "--project-dir", root)
    assert result.exit_code == 0, result.output


# item 10, Jinja part: limits ------------------------------------------------------------------

@pytest.mark.parametrize("template, message", [
    ("{% for i in range(10**9) %}x{% endfor %}", "range() of 1,000,000,000 items"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "more than 1,000,000 range() items"),
    ("{{ 'x' * 10**9 }}", "'*' would build a value of more than"),
    ("{{ 9 ** 999999 }}", "too large a number"),
])
def test_runaway_templates_stop_with_an_error(tmp_path: Path, template: str,
                                              message: str) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": f"select 1 as x\n-- {template}\n"})
    compile_error(root, "Error: models/m.sql:2: ", message)


def test_a_render_past_its_time_limit_stops(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from datanet_sql.config import sandbox

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.0)
    root = write_project(tmp_path / "p", {
        "models/m.sql": "select 1 as x\n-- {% for i in range(10) %}{{ i }}{% endfor %}\n"})
    compile_error(root, "Error: models/m.sql:2: rendering took longer than 0 s: an endless loop?")


def test_recursive_macro_is_one_line_naming_macro_and_file(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "macros/a.sql": "{% macro fine() %}1{% endmacro %}\n",
        "macros/loop.sql": "-- a macro that never stops\n"
                           "{% macro forever(n) %}{{ forever(n + 1) }}{% endmacro %}\n",
        "models/m.sql": "select {{ forever(0) }} as x\n"})
    err = compile_error(root, "Error: macros/loop.sql:2: macro 'forever' nests more than",
                        "hint: check the condition that stops 'forever'")
    assert len(err.strip().splitlines()) == 2


# item 8: a model is a query -------------------------------------------------------------------

@pytest.mark.parametrize("sql, kind", [
    ("with d as (delete from raw.orders returning 1) select * from d", "DELETE"),
    ("with d as (insert into t values (1) returning 1) select * from d", "INSERT"),
    ("with d as (update t set a = 1 returning 1) select * from d", "UPDATE"),
    ("select * into copy_of_orders from raw.orders", "SELECT ... INTO"),
    ("select 1 as x;\ndrop table raw.orders", "2 (SELECT, DROP)"),
    ("drop table raw.orders", "not DROP"),
    ("create table x as select 1 as a", "not CREATE"),
    ("truncate raw.orders", "not TRUNCATE"),
    ("copy raw.orders to 'x.csv'", "not COPY"),
    ("grant select on raw.orders to public", "not GRANT"),
    ("alter table raw.orders add column z int", "not ALTER"),
    ("merge into t using s on t.a = s.a when matched then delete", "not MERGE"),
    ("attach 'other.db'", "not ATTACH"),
])
def test_statements_that_write_are_refused_naming_model_and_kind(tmp_path: Path, sql: str,
                                                                 kind: str) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": sql + "\n"})
    compile_error(root, "Error: models/m.sql", "model 'm'", kind)


def test_a_writing_show_inline_is_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"models/m.sql": OK})
    assert run_cli("run", "--project-dir", root).exit_code == 0
    result = run_cli("show", "--project-dir", root, "--inline",
                     "with d as (delete from raw.orders returning 1) select * from d")
    assert_cli_error(result, "<inline>", "DELETE")
    shown = run_cli("show", "--project-dir", root, "--inline", "select count(*) as n from "
                    "{{ source('raw', 'orders') }}", "--format", "csv")
    assert shown.stdout == "n\n2\n"


def test_a_writing_singular_test_is_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "models/m.sql": OK,
        "tests/t.sql": "with d as (\n  delete from raw.orders returning 1\n) select * from d\n"})
    compile_error(root, "Error: tests/t.sql:2: test 't' is refused: it holds a DELETE statement")


def test_the_cte_delete_never_reaches_postgres(tmp_path: Path, pg_schema: str) -> None:
    """The reported attack: a table model whose CTE deleted every row of another table."""
    import psycopg

    dsn = "postgresql://postgres@127.0.0.1:5432/test"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'create table "{pg_schema}".victim as select 1 as id')
    root = write_project(tmp_path / "p", {
        "targets.yml": f"dev: {{type: postgres, dsn: '{dsn}', schema: {pg_schema}}}\n",
        "models/m.sql": "{{ config(materialized='table') }}\n"
                        f"with d as (delete from \"{pg_schema}\".victim returning 1)\n"
                        "select count(*) as n from d\n"})
    result = run_cli("run", "--project-dir", root)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "model 'm' is refused: it holds a DELETE statement" in result.output
    with psycopg.connect(dsn) as conn:
        assert conn.execute(f'select count(*) from "{pg_schema}".victim').fetchone() == (1,)


@pytest.fixture
def pg_schema() -> str:
    import uuid

    import psycopg

    name = f"safety_{uuid.uuid4().hex[:8]}"
    dsn = "postgresql://postgres@127.0.0.1:5432/test"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'create schema "{name}"')
    yield name
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'drop schema "{name}" cascade')


# item 9: comments from names ------------------------------------------------------------------

def test_a_newline_in_a_column_name_stays_inside_the_comment(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {
        "data/orders.csv": 'order_id,"x\ndrop table t",amount\n1, Bob ,3\n2,Ann,4\n',
        "models/clean.yml": "models:\n  - name: clean\n    from: source('raw', 'orders')\n"
                            "    cleanse: auto\n"
                            "    dedupe: {key: [order_id], keep: first, order_by: amount}\n"})
    compiles(root)
    text = (root / ".datanet/compiled/dev/clean.sql").read_text()
    assert "-- x\\ndrop table t: trim" in text  # the header comment, escaped
    tokens = sqlglot.tokenize(text, read="duckdb")  # comments and quoted names are one token
    assert not [t for t in tokens if t.token_type == TokenType.DROP]
    result = run_cli("run", "--project-dir", root)
    assert result.exit_code == 0, result.output
