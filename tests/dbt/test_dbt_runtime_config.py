"""dbt's runtime config through `builtins.ref.config`, as elementary reads it: the project's
name and version, its vars, the command's `--vars`, and each installed package's version.
Real DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from dbt_jinja_helpers import build, dbt_project, package, rows

VERSION_OF = """
{% macro version_of(name) %}
  {{ return(builtins.ref.config.dependencies[name].version) }}
{% endmacro %}
"""


def test_the_runtime_config_shows_the_project_and_its_packages(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", {"models/meta.sql": """
{%- set conf = builtins.ref.config -%}
select '{{ tools.version_of('tools') }}' as tools_version,
       '{{ conf.project_name }}' as project, '{{ conf.version }}' as version,
       '{{ conf.vars.to_dict()['region'] }}' as region,
       '{{ conf.cli_vars.get('day', 'none') }}' as day,
       (select count(*) from {{ builtins.ref('base') }}) as base_rows""",
        "models/base.sql": "select 1 as id"}, {"vars": {"region": "emea"}})
    folder = package(root, "tools", {"macros/version.sql": VERSION_OF})
    (folder / "dbt_project.yml").write_text(yaml.safe_dump({"name": "tools",
                                                            "version": "0.25.1"}))
    result = build(root, "--vars", json.dumps({"day": "monday"}))
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.meta") == [
        ("0.25.1", "shop", "1.0", "emea", "monday", 1)]
