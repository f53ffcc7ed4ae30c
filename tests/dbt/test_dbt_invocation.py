"""dbt's `flags` and `invocation_args_dict` say the command that runs (issue 14): packages
upload results only under `run`/`build` (elementary, dbt_artifacts) and rebuild under
`--full-refresh`; a render that reads them is never reused for another command."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project

FILES = {
    "models/seen.sql":
        "select '{{ flags.WHICH }}' as which, {{ flags.FULL_REFRESH }} as full_refresh, "
        "'{{ invocation_args_dict.which }}' as args_which, "
        "'{{ invocation_args_dict.get('select', []) | join(',') }}' as selected, "
        "'{{ invocation_args_dict.vars.get('day', '') }}' as day, "
        "'{{ invocation_args_dict.get('selector', '') }}' as selector, "
        "'{{ invocation_args_dict.get('target', '') }}' as target, "
        "{{ invocation_args_dict is mapping }} as is_mapping",
    "models/other.sql": "select 1 as x",
    "selectors.yml": "selectors:\n  - name: just_seen\n    definition: seen\n",
}


def _seen(root: Path) -> tuple:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute("select * from seen").fetchone()


def test_each_command_is_seen_as_dbt_names_it(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    # a compile first: its render must not be reused by the build that follows
    assert datanet("compile", "--project-dir", root).exit_code == 0
    compiled = (root / ".datanet" / "compiled" / "dev" / "seen.sql").read_text()
    assert "'compile' AS \"which\"" in compiled
    built = datanet("build", "--project-dir", root, "--select", "seen", "other",
                    "--vars", "{day: '2024-01-02'}", "--full-refresh")
    assert built.exit_code == 0, built.output
    assert _seen(root) == ("build", True, "build", "seen,other", "2024-01-02", "", "", True)
    ran = datanet("run", "--project-dir", root, "--selector", "just_seen", "--target", "dev")
    assert ran.exit_code == 0, ran.output
    assert _seen(root) == ("run", False, "run", "", "", "just_seen", "dev", True)
    # nor is the last compile reused whole by the next `compile` (its fast path)
    assert datanet("compile", "--project-dir", root).exit_code == 0
    again = datanet("compile", "--project-dir", root)
    assert again.exit_code == 0 and "nothing changed since the last compile" not in again.output


def test_the_whole_dict_as_json_and_other_commands(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {
        **FILES,
        "macros/which.sql": "{% macro which() %}{{ log('WHICH=' ~ flags.WHICH, info=True) }}"
                            "{% endmacro %}",
        "models/args.sql": "select '{{ tojson(invocation_args_dict) }}' as args"})
    assert datanet("seed", "--project-dir", root).exit_code == 0
    ran = datanet("run", "--project-dir", root, "--exclude", "other", "--threads", "1")
    assert ran.exit_code == 0, ran.output
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        args = json.loads(con.execute("select args from args").fetchone()[0])
    assert args["which"] == "run" and args["exclude"] == ["other"] and args["threads"] == 1
    assert args["vars"] == {} and args["warn_error_options"] == {"include": [], "exclude": []}
    assert "full_refresh" not in args  # as dbt: false flags are left out
    assert args["invocation_command"].startswith("datanet")  # the command line as typed
    operation = datanet("run-operation", "which", "--project-dir", root)
    assert operation.exit_code == 0 and "WHICH=run-operation" in operation.output


def test_retry_is_seen_as_the_command_it_retries(tmp_path: Path) -> None:
    """As `dbt retry`: the retried command and its options, not `retry`."""
    root = dbt_project(tmp_path / "p", {
        "models/sources.yml": "version: 2\nsources:\n  - name: raw\n    schema: main\n"
                              "    tables: [{name: late}]\n",
        "models/reader.sql": "select '{{ flags.WHICH }}' as which, "
                             "'{{ invocation_args_dict.vars.day }}' as day "
                             "from {{ source('raw', 'late') }}"})
    first = datanet("build", "--project-dir", root, "--vars", "{day: d1}")
    assert first.exit_code == 1  # the source's table is not there yet
    with duckdb.connect(str(root / "wh.duckdb")) as con:
        con.execute("create table main.late as select 1 as x")
    again = datanet("retry", "--project-dir", root)
    assert again.exit_code == 0, again.output
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        assert con.execute("select * from reader").fetchall() == [("build", "d1")]
