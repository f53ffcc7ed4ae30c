"""dbt's `run_started_at` and `invocation_id` (dbt-privacy's pepper, dbt_artifacts' upload
tables: fourth held-out set): the command's values, never a cached render's."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import duckdb
from hooks_helpers import datanet, dbt_project

FILES = {
    "models/stamped.sql": "select '{{ run_started_at.strftime(\"%Y-%m-%d\") }}' as day, "
                          "'{{ invocation_id }}' as invocation, "
                          "{{ 'true' if run_started_at > modules.datetime.datetime(2020, 1, 1, "
                          "tzinfo=modules.datetime.timezone.utc) else 'false' }} as after_2020, "
                          "'{{ tojson([invocation_id]) }}' as as_json, "
                          "'{{ {'id': invocation_id} | tojson }}' as filtered_json",
    "models/plain.sql": "select 1 as x",
}


def _stamped(root: Path) -> tuple:
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        return con.execute("select * from stamped").fetchone()


def _invocation(root: Path) -> str:
    return json.loads((root / "target" / "run_results.json").read_text())["metadata"][
        "invocation_id"]


def test_each_build_renders_its_own_start_and_invocation(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    first = datanet("build", "--project-dir", root)
    assert first.exit_code == 0, first.output
    day, invocation, after_2020, as_json, filtered_json = _stamped(root)
    assert day == datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    assert after_2020 is True and invocation == _invocation(root)
    assert json.loads(as_json) == [invocation] and json.loads(filtered_json) == {"id": invocation}
    second = datanet("build", "--project-dir", root)
    assert second.exit_code == 0, second.output
    assert _stamped(root)[1] == _invocation(root) != invocation  # not the cached render's


def test_a_compile_using_them_is_never_reused_whole(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", FILES)
    assert datanet("compile", "--project-dir", root).exit_code == 0
    again = datanet("compile", "--project-dir", root)
    assert again.exit_code == 0 and "nothing changed since the last compile" not in again.output
    compiled = (root / ".datanet" / "compiled" / "dev" / "stamped.sql").read_text()
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["metadata"]["invocation_id"] in compiled


def test_render_renders_a_string_in_the_templates_context(tmp_path: Path) -> None:
    """dbt's `render()` (dbt-datamocktool renders a test's SQL with it)."""
    root = dbt_project(tmp_path / "p", {
        "macros/twice.sql": "{% macro twice(x) %}{{ x * 2 }}{% endmacro %}",
        "models/rendered.sql": "{% set sql = \"select {{ twice(21) }} as n, "
                               "'{{ target.name }}' as t\" %}{{ render(sql) }}"})
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        assert con.execute("select * from rendered").fetchall() == [(42, "dev")]
