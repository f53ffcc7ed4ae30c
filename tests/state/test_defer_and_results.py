"""`--defer`: a child built while its parent exists only in the state's DuckDB file;
`result:` selectors and `state:` methods against the state; `retry` still reruns what failed."""

from __future__ import annotations

import duckdb

from .helpers import cli_run, edit, project, save_state

TWO_TARGETS = "dev: {type: duckdb, path: .datanet/dev.duckdb}\n" \
              "prod: {type: duckdb, path: .datanet/prod.duckdb}\n"


def test_defer_reads_the_parent_from_the_state_database(tmp_path, caplog):
    root = project(tmp_path / "p", TWO_TARGETS)
    assert cli_run("build", "--project-dir", str(root), "--target", "prod").exit_code == 0
    state = save_state(root, tmp_path / "prod-state")
    edit(root, "models/child_amount.sql",
         "select id, amount * 3 as triple_amount from {{ ref('stg_orders') }}")
    plain = cli_run("run", "--project-dir", str(root), "-s", "child_amount")
    assert plain.exit_code != 0  # stg_orders was never built in dev
    result = cli_run("run", "--project-dir", str(root), "-s", "child_amount", "--defer",
                     "--state", str(state))
    assert result.exit_code == 0, result.output
    assert "child_amount is a view over the state's database file" in caplog.text
    with duckdb.connect(str(root / ".datanet" / "dev.duckdb"), read_only=True) as con:
        tables = {row[0] for row in con.sql("select table_name from information_schema.tables"
                                            " where table_catalog = 'dev'").fetchall()}
        assert tables == {"child_amount"}
        con.sql(f"attach '{root / '.datanet' / 'prod.duckdb'}' as datanet_state (read_only)")
        rows = con.sql("select * from child_amount order by id").fetchall()
    assert rows == [(1, 15), (2, 60), (3, 90)]


def test_defer_needs_state(tmp_path):
    root = project(tmp_path / "p")
    result = cli_run("run", "--project-dir", str(root), "--defer")
    assert result.exit_code == 2 and "--defer and --favor-state need --state DIR" in result.output


def test_state_and_result_methods(tmp_path):
    root = project(tmp_path / "p")
    edit(root, "models/child_status.sql", "select id, status, nope from {{ ref('stg_orders') }}")
    assert cli_run("build", "--project-dir", str(root)).exit_code != 0
    state = save_state(root, tmp_path / "state")

    def names(selector: str) -> set[str]:
        result = cli_run("ls", "--project-dir", str(root), "-s", selector, "--state",
                         str(state), "--output", "name")
        assert result.exit_code == 0, result.output
        return {line for line in result.output.splitlines() if not line.startswith("warning")}

    assert names("result:error") == {"child_status"}
    assert names("result:skipped") == {"grand_status"}
    edit(root, "models/child_status.sql", "select id, status from {{ ref('stg_orders') }}")
    edit(root, "models/new_model.sql", "select 1 as one")
    edit(root, "models/schema.yml", "models:\n  - name: child_filter\n"
                                    "    config: {materialized: table}\n")
    assert names("state:new") == {"new_model"}
    # as in dbt, a new node counts as modified for every reason
    assert names("state:modified.body") == {"child_status", "new_model"}
    assert names("state:modified.configs") == {"child_filter", "new_model"}
    assert names("state:modified") == {"new_model", "child_status", "child_filter"}
    assert "new_model" not in names("state:old")
    assert "stg_orders" in names("state:unmodified")


def test_unknown_state_value_and_missing_state(tmp_path):
    root = project(tmp_path / "p")
    cli_run("compile", "--project-dir", str(root))
    state = save_state(root, tmp_path / "state", "manifest.json")
    bad = cli_run("ls", "--project-dir", str(root), "-s", "state:modifed", "--state", str(state))
    assert bad.exit_code == 1 and "Did you mean" in bad.output and "state:" in bad.output
    none = cli_run("ls", "--project-dir", str(root), "-s", "state:modified")
    assert none.exit_code == 1 and "no --state was given" in none.output
    empty = cli_run("ls", "--project-dir", str(root), "--state", str(tmp_path / "nowhere"))
    assert empty.exit_code == 1 and "no manifest.json there" in empty.output


def test_retry_reruns_only_what_failed(tmp_path):
    root = project(tmp_path / "p")
    edit(root, "models/child_status.sql", "select id, status, nope from {{ ref('stg_orders') }}")
    assert cli_run("build", "--project-dir", str(root)).exit_code != 0
    edit(root, "models/child_status.sql", "select id, status from {{ ref('stg_orders') }}")
    result = cli_run("retry", "--project-dir", str(root))
    assert result.exit_code == 0, result.output
    ran = {line.split()[3] for line in result.output.splitlines() if " OK " in line}
    assert ran == {"child_status", "grand_status"}


def test_a_macro_edit_is_modified_macros(tmp_path):
    root = project(tmp_path / "p")
    edit(root, "macros/dbl.sql", "{% macro dbl(x) %}{{ x }} * 2{% endmacro %}")
    edit(root, "models/child_amount.sql",
         "select id, {{ dbl('amount') }} as double_amount from {{ ref('stg_orders') }}")
    cli_run("compile", "--project-dir", str(root))
    state = save_state(root, tmp_path / "state", "manifest.json")
    edit(root, "macros/dbl.sql", "{% macro dbl(x) %}{{ x }} + {{ x }} + 0{% endmacro %}")
    result = cli_run("ls", "--project-dir", str(root), "-s", "state:modified.macros+",
                     "--state", str(state), "--explain")
    rows = [line.split("\t") for line in result.output.splitlines()[1:]]
    edited = "modified (macros): double_amount (expression)"
    assert rows == [["child_amount", "model", "in", edited],
                    ["grandchild", "model", "in", "reads child_amount.double_amount"]]
