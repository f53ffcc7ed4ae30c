"""Packages in dbt_packages/ as namespaces: `pkg.macro`, unqualified calls inside a package,
adapter.dispatch with dbt's search order, return(), compile-time queries from a package."""

from __future__ import annotations

from pathlib import Path

import duckdb
from dbt_jinja_helpers import build, dbt_project, package, rows

HELPERS = {
    "macros/cents.sql": """
{% macro cents_to_dollars(col) %}{{ return(adapter.dispatch('cents_to_dollars', 'helpers')(col)) }}{% endmacro %}
{% macro default__cents_to_dollars(col) %}({{ col }} / 100){% endmacro %}
{% macro duckdb__cents_to_dollars(col) %}round({{ col }} / 100.0, {{ places() }}){% endmacro %}
{% macro places() %}2{% endmacro %}
{% macro statuses() %}{{ return(['placed', 'shipped']) }}{% endmacro %}
""",
    "macros/lookup.sql": """
{% macro distinct_values(relation, column) %}
  {% set result = run_query('select distinct ' ~ column ~ ' from ' ~ relation ~ ' order by 1') %}
  {{ return(result.columns[0].values() if execute else []) }}
{% endmacro %}
""",
}

ORDERS = "select 1 as id, 1250 as cents, 'placed' as status union all " \
         "select 2, 399, 'shipped' union all select 3, 100, 'returned'"


def _shop(tmp_path: Path, model: str, extra: dict | None = None) -> Path:
    root = dbt_project(tmp_path / "shop", {"models/orders.sql": ORDERS,
                                           "models/report.sql": model}, extra)
    package(root, "helpers", HELPERS)
    return root


def test_a_package_macro_runs_qualified_and_its_own_calls_unqualified(tmp_path: Path) -> None:
    root = _shop(tmp_path, "select id, {{ helpers.cents_to_dollars('cents') }} as dollars "
                           "from {{ ref('orders') }}\n"
                           "where status in ('{{ helpers.statuses() | join(\"', '\") }}')")
    result = build(root)
    assert result.exit_code == 0, result.output
    # duckdb__ was dispatched to (round to places() = 2, called unqualified in the package)
    assert rows(root, "select * from main.report order by id") == [(1, 12.5), (2, 3.99)]


def test_the_root_project_wins_dispatch_and_the_dispatch_config_orders_the_search(
        tmp_path: Path) -> None:
    root = _shop(tmp_path, "select id, {{ helpers.cents_to_dollars('cents') }} as dollars "
                           "from {{ ref('orders') }}")
    (root / "macros").mkdir()
    (root / "macros" / "mine.sql").write_text(
        "{% macro duckdb__cents_to_dollars(col) %}-1{% endmacro %}")
    assert build(root).exit_code == 0
    assert rows(root, "select distinct dollars from main.report") == [(-1,)]
    # `dispatch:` naming only the package: the project's override is not searched
    root = _shop(tmp_path / "b", "select id, {{ helpers.cents_to_dollars('cents') }} as "
                                 "dollars from {{ ref('orders') }}",
                 {"dispatch": [{"macro_namespace": "helpers", "search_order": ["helpers"]}]})
    (root / "macros").mkdir()
    (root / "macros" / "mine.sql").write_text(
        "{% macro duckdb__cents_to_dollars(col) %}-1{% endmacro %}")
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select max(dollars) from main.report") == [(12.5,)]
    assert "dispatch" not in result.output  # read, not warned about


def test_a_package_macro_queries_the_warehouse_while_compiling(tmp_path: Path) -> None:
    root = _shop(tmp_path, "select\n{% for s in helpers.distinct_values(source('raw', 'kinds'), "
                           "'kind') %}  '{{ s }}' as k_{{ loop.index }}{{ ',' if not loop.last }}\n"
                           "{% endfor %}")
    (root / "models" / "sources.yml").write_text(
        "version: 2\nsources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: kinds\n")
    with duckdb.connect(str(root / "shop.duckdb")) as con:
        con.execute("create schema raw; create table raw.kinds as "
                    "select * from (values ('b'), ('a'), ('b')) t(kind)")
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.report") == [("a", "b")]


def test_an_error_in_a_package_macro_names_the_package_file_and_line(tmp_path: Path) -> None:
    root = _shop(tmp_path, "select {{ helpers.broken() }} as x")
    package(root, "helpers", {"macros/broken.sql": "\n\n{% macro broken() %}\n"
                              "{{ exceptions.raise_compiler_error('no way') }}\n{% endmacro %}"})
    result = build(root)
    assert result.exit_code == 1
    assert "dbt_packages/helpers/macros/broken.sql:4" in result.output
    assert "no way" in result.output and "Traceback" not in result.output


def test_dispatch_without_a_candidate_says_what_it_searched(tmp_path: Path) -> None:
    root = _shop(tmp_path, "select {{ adapter.dispatch('nothing', 'helpers')() }} as x")
    result = build(root)
    assert result.exit_code == 1
    assert "shop.duckdb__nothing" in result.output and "helpers.default__nothing" in \
        result.output


def test_a_query_about_a_parent_built_in_the_same_run_sees_it_built(tmp_path: Path) -> None:
    """As dbt renders at run time: on a fresh warehouse, `a` does not exist when the project
    is compiled; `b` is rendered again once `a` is built."""
    root = _shop(tmp_path, "select {{ helpers.column_list(ref('orders')) }} "
                           "from {{ ref('orders') }}")
    package(root, "helpers", {"macros/cols.sql": """
{% macro column_list(relation) %}
  {% if not execute %}{{ return('*') }}{% endif %}
  {% set cols = adapter.get_columns_in_relation(relation) %}
  {% if cols | length == 0 %}{{ exceptions.raise_compiler_error('no columns') }}{% endif %}
  {{ return(cols | map(attribute='name') | reject('equalto', 'cents') | join(', ')) }}
{% endmacro %}"""})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.report order by id") == [
        (1, "placed"), (2, "shipped"), (3, "returned")]
