"""A package's own on-run-start / on-run-end hooks (elementary's: it opens its cache in
`graph` at the start, its tests fill it, its on-run-end uploads it): dbt runs every installed
package's, by package name, before the project's, each in its package's context; `graph` is
one object for the whole command. Real DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hooks_helpers import datanet, dbt_project

TRACKER = """
{% macro start() %}
  {% do graph.setdefault('tracker', {'seen': []}) %}
  {{ return("create table if not exists main.audit (msg varchar)") }}
{% endmacro %}
{% macro seen(name) %}
  {% do graph['tracker']['seen'].append(name) %}
  {{ return('') }}
{% endmacro %}
{% macro finish() %}
  {% do run_query("insert into main.audit values ('" ~ mine() ~ ": "
                  ~ graph['tracker']['seen'] | sort | join(',') ~ "')") %}
  {{ return('') }}
{% endmacro %}
{% macro mine() %}tracker{% endmacro %}
"""


def _project(root: Path) -> Path:
    project = dbt_project(root, {
        "models/a.sql": "{{ config(post_hook=\"{{ tracker.seen(this.name) }}\") }}\nselect 1 as n",
        "models/b.sql": "{{ config(post_hook=\"{{ tracker.seen(this.name) }}\") }}\nselect 2 as n",
        "macros/mine.sql": "{% macro mine() %}project{% endmacro %}",
    }, {"on-run-start": "insert into main.audit values ('project start')",
        "on-run-end": "insert into main.audit values ('project end')"})
    folder = project / "dbt_packages" / "tracker"
    (folder / "macros").mkdir(parents=True)
    (folder / "macros" / "tracker.sql").write_text(TRACKER)
    (folder / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "tracker", "version": "1.0", "config-version": 2,
        "on-run-start": ["{{ tracker.start() }}"], "on-run-end": "{{ finish() }}"}))
    return project


def test_a_packages_run_hooks_run_first_in_its_context_sharing_the_graph(
        tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    import duckdb

    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        log = [r[0] for r in con.execute("select msg from main.audit").fetchall()]
    # the package's hooks first; its `finish()` calls its own `mine()`, not the project's
    assert log == ["project start", "tracker: a,b", "project end"]
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    assert [r["unique_id"] for r in results if r["unique_id"].startswith("operation.")] == [
        "operation.tracker.tracker-on-run-start-0", "operation.shop.shop-on-run-start-0",
        "operation.tracker.tracker-on-run-end-0", "operation.shop.shop-on-run-end-0"]
    assert {r["status"] for r in results} == {"success"}


def test_a_failing_package_hook_names_its_file(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    (root / "dbt_packages" / "tracker" / "macros" / "tracker.sql").write_text(
        TRACKER.replace("insert into main.audit values ('\" ~ mine()",
                        "insert into nowhere values ('\" ~ mine()"))
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 1
    assert "dbt_packages/tracker/dbt_project.yml" in result.output
    assert "nowhere" in result.output and "Traceback" not in result.output


def test_a_packages_on_run_end_macro_reads_results_as_dbts(tmp_path: Path) -> None:
    """elementary's upload: `results` seen by the package's macros, each result and its node
    serialised with `to_dict()`, sources (checked by datanet alone) not among them, and
    `invocation_id` a string."""
    root = dbt_project(tmp_path / "p", {"models/a.sql": "select 1 as n",
                                        "models/sources.yml": "version: 2\nsources:\n"
                                        "  - name: raw\n    tables: [{name: gone}]\n"})
    folder = root / "dbt_packages" / "uploads"
    (folder / "macros").mkdir(parents=True)
    (folder / "macros" / "up.sql").write_text("""
{% macro upload() %}
  {% set rows = [] %}
  {% for r in results %}
    {% set d = r.to_dict() %}
    {% do rows.append(r.node.to_dict()['unique_id'] ~ ':' ~ d['status'] ~ ':'
                      ~ (r.timing[0].to_dict()['name']) ~ ':' ~ (invocation_id is string)) %}
  {% endfor %}
  {% do run_query("create table main.uploaded as select '" ~ rows | join(',') ~ "' as r") %}
  {{ return('') }}
{% endmacro %}""")
    (folder / "dbt_project.yml").write_text(yaml.safe_dump({
        "name": "uploads", "version": "1.0", "config-version": 2,
        "on-run-end": ["{{ uploads.upload() }}"]}))
    result = datanet("build", "--project-dir", root)
    assert result.exit_code == 0, result.output
    import duckdb

    with duckdb.connect(str(root / "wh.duckdb"), read_only=True) as con:
        assert con.execute("select r from main.uploaded").fetchall() == [
            ("model.shop.a:success:compile:True",)]
