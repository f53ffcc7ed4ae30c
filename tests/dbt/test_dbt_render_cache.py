"""A model's render depends on where its refs are built: a parent's custom schema or alias,
or a changed `generate_schema_name`, renders its readers again (the cache key of a render holds
the node's own text and config; what its refs resolved to is checked after every render)."""

from __future__ import annotations

from pathlib import Path

from dbt_project_helpers import datanet, dbt_project, rows

CHILD = ("select '{{ ref('z_parent').schema }}' as s, '{{ ref('z_parent').identifier }}' as i, "
         "id from {{ ref('z_parent') }}")


def parent_config(root: Path, **config: str) -> None:
    (root / "models" / "s.yml").write_text(
        "models:\n  - name: z_parent\n    config: {" +
        ", ".join(f"{k}: {v}" for k, v in config.items()) + "}\n")


def test_readers_render_again_when_a_parent_moves(tmp_path: Path) -> None:
    # a_child renders before z_parent (file order): it sees the parent's final schema anyway
    root = dbt_project(tmp_path / "p", {"models/z_parent.sql": "select 1 as id",
                                         "models/a_child.sql": CHILD})
    parent_config(root, schema="one")
    assert datanet(root, "build").exit_code == 0
    assert rows(root, "select s, i, id from main.a_child") == [("main_one", "z_parent", 1)]
    parent_config(root, schema="two", alias="renamed")
    assert datanet(root, "build").exit_code == 0
    assert rows(root, "select s, i, id from main.a_child") == [("main_two", "renamed", 1)]
    (root / "macros").mkdir()
    (root / "macros" / "naming.sql").write_text(
        "{% macro generate_schema_name(custom, node) %}x_{{ custom or target.schema }}"
        "{% endmacro %}")
    assert datanet(root, "build").exit_code == 0
    assert rows(root, "select s, i from x_main.a_child") == [("x_two", "renamed")]
    assert datanet(root, "build").exit_code == 0  # and a warm compile keeps it
    assert rows(root, "select s, i from x_main.a_child") == [("x_two", "renamed")]
