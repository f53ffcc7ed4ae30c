"""Nodes held over to run time: a dbt model whose Jinja asks the warehouse about relations
the run builds first (a package's union of relations, an unpivot) compiles as held over, and
`build` renders, types and emits it once its parents are built, on real DuckDB."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
from dbt_jinja_helpers import build, datanet, dbt_project, package, rows

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"

UNION_MACRO = """
{% macro union_all(relations) %}
  {%- set names = [] -%}
  {%- set types = {} -%}
  {%- for relation in relations -%}
    {%- for col in adapter.get_columns_in_relation(relation) if col.name not in types -%}
      {%- do types.update({col.name: col.data_type}) -%}
      {%- do names.append(col.name) -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- for relation in relations %}
    {%- set own = adapter.get_columns_in_relation(relation) | map(attribute='name') | list %}
  select
    {%- for name in names %}
    {% if name in own %}{{ name }}{% else %}cast(null as {{ types[name] }}) as {{ name }}{% endif %},
    {%- endfor %}
    '{{ relation }}' as _source
  from {{ relation }}
  {% if not loop.last %}union all{% endif %}
  {%- endfor %}
{% endmacro %}
"""

UNPIVOT_MACRO = """
{% macro unpivot(relation, exclude, field_name='field_name', value_name='value') %}
  {%- set columns = adapter.get_columns_in_relation(relation) -%}
  {%- for col in columns if col.name not in exclude %}
  select {{ exclude | join(', ') }}, '{{ col.name }}' as {{ field_name }},
         cast({{ col.name }} as varchar) as {{ value_name }}
  from {{ relation }}
  {% if not loop.last %}union all{% endif %}
  {%- endfor %}
{% endmacro %}
"""

BAD_PICK = """{% set cols = adapter.get_columns_in_relation(ref('stg_a')) %}
select {% for c in cols %}{{ c.name }}_nope{{ ', ' if not loop.last }}{% endfor %}
from {{ ref('stg_a') }}"""

PIVOT = """{% set notes = run_query("select distinct note from " ~ ref('orders_b') ~ " order by 1") %}
{% set values = notes.columns[0].values() if execute else [] %}
select id{% for v in values %}, sum(case when note = '{{ v }}' then amount end) as amount_{{ v }}
{%- endfor %}
from {{ ref('orders_b') }} group by id"""

# a statement whose result has no rows: its columns are still there (get_single_value's default)
NO_ROWS = """{% call statement('q', fetch_result=True) %}
select id from {{ ref('orders_a') }} where id < 0
{% endcall %}
{% set found = load_result('q').table.columns[0].values() if execute else [] %}
select {{ found | length }} as n"""

SCHEMA = """version: 2
models:
  - name: all_orders
    tests:
      - column_count: {expected: 4}
    columns:
      - name: id
        tests: [not_null, unique]
      - name: amount
        description: what was paid
"""


def _project(root: Path, profile: dict[str, Any] | None = None) -> Path:
    dbt_project(root, {
        "seeds/orders_a.csv": "id,amount\n1,5\n2,20\n",
        "seeds/orders_b.csv": "id,amount,note\n3,30,x\n4,1,y\n",
        "models/stg_a.sql": "select * from {{ ref('orders_a') }}",
        "models/stg_b.sql": "select * from {{ ref('orders_b') }}",
        "models/all_orders.sql": "{{ config(materialized='table') }}\n"
                                 "{{ unions.union_all([ref('stg_a'), ref('stg_b')]) }}",
        "models/big_orders.sql": "select id, amount, note from {{ ref('all_orders') }}\n"
                                 "where amount > 10",
        "models/unpivoted.sql": "{{ unpivot(ref('orders_b'), exclude=['id']) }}",
        "models/bad_pick.sql": BAD_PICK,
        "models/after_bad.sql": "select * from {{ ref('bad_pick') }}",
        "models/pivoted.sql": PIVOT,
        "models/no_rows.sql": NO_ROWS,
        "models/schema.yml": SCHEMA,
        "macros/unpivot.sql": UNPIVOT_MACRO,
        "macros/count.sql": "{% test column_count(model, expected) %}"
                            "{% set n = adapter.get_columns_in_relation(model) | length %}"
                            "select {{ n }} as n where {{ n }} != {{ expected }}{% endtest %}"},
        profile=profile)
    package(root, "unions", {"macros/union.sql": UNION_MACRO})
    return root


def _manifest(root: Path) -> dict:
    return json.loads((root / ".datanet" / "manifest.json").read_text())["nodes"]


def _statuses(root: Path) -> dict[str, str]:
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[2]: r["status"] for r in results}


def test_compile_lists_held_over_nodes_and_succeeds(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop")
    result = datanet("compile", "--project-dir", root)
    assert result.exit_code == 0, result.output
    assert "8 nodes held over to run time" in result.output
    assert "model all_orders (models/all_orders.sql): its Jinja asks the warehouse" \
        in result.output
    assert "model big_orders (models/big_orders.sql): it reads all_orders" in result.output
    assert "test column_count_all_orders_4 (models/schema.yml): its Jinja asks" in result.output
    nodes = _manifest(root)
    assert nodes["model.all_orders"]["held_over"].startswith("its Jinja asks the warehouse")
    assert nodes["model.all_orders"]["columns"] == {}
    assert "held_over" not in nodes["model.stg_a"]


def test_build_renders_held_over_nodes_after_their_parents(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop")
    result = build(root, "--threads", 4)
    assert result.exit_code == 1, result.output  # bad_pick fails, alone
    a, b = '"shop"."main"."stg_a"', '"shop"."main"."stg_b"'  # a ref printed as dbt prints it
    assert sorted(rows(root, "select * from main.all_orders")) == [
        (1, 5, None, a), (2, 20, None, a), (3, 30, "x", b), (4, 1, "y", b)]
    assert sorted(rows(root, "select * from main.big_orders")) == [(2, 20, None), (3, 30, "x")]
    assert sorted(rows(root, "select * from main.unpivoted")) == [
        (3, "amount", "30"), (3, "note", "x"), (4, "amount", "1"), (4, "note", "y")]
    assert sorted(rows(root, "select * from main.pivoted")) == [(3, 30, None), (4, None, 1)]
    assert rows(root, "select * from main.no_rows") == [(0,)]
    statuses = _statuses(root)
    assert statuses["bad_pick"] == "error" and statuses["after_bad"] == "skipped"
    assert {statuses[n] for n in ("all_orders", "big_orders", "unpivoted", "pivoted",
                                  "no_rows")} == {"success"}
    assert [s for n, s in statuses.items() if n.startswith(("not_null", "unique", "column_count"))] \
        == ["pass", "pass", "pass"]
    assert "compiled at run time: model 'bad_pick' reads column 'id_nope'" in result.output
    assert "models/bad_pick.sql" in result.output


def test_run_time_columns_and_lineage_are_in_the_manifest(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop")
    build(root, "--threads", 4)
    nodes = _manifest(root)
    columns = nodes["model.all_orders"]["columns"]
    assert list(columns) == ["id", "amount", "note", "_source"]
    assert columns["amount"]["description"] == "what was paid"
    assert columns["amount"]["lineage"] == ["model.stg_a.amount", "model.stg_b.amount"]
    assert nodes["model.big_orders"]["columns"]["note"]["lineage"] == \
        ["model.all_orders.note"]
    compiled = (root / nodes["model.all_orders"]["compiled_path"]).read_text()
    assert "UNION ALL" in compiled


def test_a_rebuild_twice_in_a_row_sees_a_new_column(tmp_path: Path) -> None:
    """Second build: the compile renders on the tables the first left (not held over), the
    run renders again after stg_b gains a column: the table and the manifest have it."""
    root = _project(tmp_path / "shop")
    build(root)
    (root / "seeds/orders_b.csv").write_text("id,amount,note,extra\n3,30,x,1\n4,1,y,2\n")
    result = build(root, "--threads", 4)
    assert result.exit_code == 1, result.output
    assert sorted(rows(root, "select id, extra from main.all_orders")) == [
        (1, None), (2, None), (3, 1), (4, 2)]
    nodes = _manifest(root)
    assert "held_over" not in nodes["model.all_orders"]
    assert list(nodes["model.all_orders"]["columns"]) == ["id", "amount", "note", "extra",
                                                          "_source"]
    assert sorted(rows(root, "select field_name from main.unpivoted")) == [
        ("amount",), ("amount",), ("extra",), ("extra",), ("note",), ("note",)]



def test_held_over_nodes_build_on_postgres(tmp_path: Path, pg_schema: str) -> None:
    root = _project(tmp_path / "shop", {"type": "postgres", "host": "127.0.0.1", "port": 5432,
                                        "user": "postgres", "dbname": "test",
                                        "schema": pg_schema, "threads": 4})
    result = build(root)
    assert result.exit_code == 1, result.output  # bad_pick, alone
    with psycopg.connect(PG_DSN) as con:
        got = con.execute(f'select * from "{pg_schema}".all_orders').fetchall()
        pivoted = con.execute(f'select * from "{pg_schema}".pivoted').fetchall()
    a, b = f'"test"."{pg_schema}"."stg_a"', f'"test"."{pg_schema}"."stg_b"'
    assert sorted(got) == [(1, 5, None, a), (2, 20, None, a), (3, 30, "x", b),
                           (4, 1, "y", b)]
    assert sorted(pivoted) == [(3, 30, None), (4, None, 1)]
    assert _statuses(root)["after_bad"] == "skipped"


def test_selecting_a_child_of_a_held_over_model_this_run_does_not_build(tmp_path: Path) -> None:
    root = _project(tmp_path / "shop")
    assert datanet("seed", "--project-dir", root).exit_code == 0
    result = datanet("run", "--project-dir", root, "--select", "big_orders")
    assert result.exit_code == 1
    assert "it reads all_orders, which is held over to run time and not built yet" \
        in result.output
    assert "--select +big_orders" in result.output


ALWAYS_HELD = """{% set extra = adapter.get_columns_in_relation(
    api.Relation.create(schema=target.schema, identifier='never_built')) %}
select 1 as one{% for c in extra %}, {{ c.name }}{% endfor %}"""


def test_a_held_over_parent_built_earlier_is_compiled_for_its_child(tmp_path: Path) -> None:
    """`maybe` asks about a relation that never exists: held over at every compile. A later
    run selecting only its child compiles it first, from the table the first run built."""
    root = dbt_project(tmp_path / "shop", {
        "models/maybe.sql": ALWAYS_HELD,
        "models/child.sql": "select one + 1 as two from {{ ref('maybe') }}"})
    assert build(root).exit_code == 0
    result = datanet("run", "--project-dir", root, "--select", "child")
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.child") == [(2,)]
    assert _manifest(root)["model.child"]["columns"]["two"]["lineage"] == ["model.maybe.one"]
