"""The fields of dbt's manifest that packages read through `graph` and hash (elementary's
`dbt_artifacts_hashes` compares its rows with dbt's): each as dbt 1.9 writes it. Real DuckDB."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dbt_jinja_helpers import build, dbt_project, package, rows

MODEL = "{{ config(meta={'owner': 'sql'}) }}\nselect 1 as id\n\n"
SCHEMA = """version: 2
models:
  - name: orders
    config:
      meta: {kept: yaml}
    data_tests:
      - checks.sane: {config: {tags: [yaml_tag]}}
    columns:
      - name: id
        data_tests: [not_null]
sources:
  - name: raw
    schema: main
    tables:
      - name: people
        data_tests: [checks.sane]
  - name: late
    schema: main
    freshness: {warn_after: {count: 1, period: day}}
    loaded_at_field: at
    tables: [{name: events}]
seeds:
  - name: codes
    description: >
      Folded, and the last
      text of the file.
"""
SANE = """{% test sane(model) %}
  {{ config(tags=['from_macro']) }}
  select * from {{ model }} where false
{% endtest %}"""


def _manifest(tmp_path: Path) -> dict:
    root = dbt_project(tmp_path / "p", {"models/orders.sql": MODEL,
                                        "models/schema.yml": SCHEMA,
                                        "seeds/codes.csv": "code\n1\n\n"})
    package(root, "checks", {"macros/sane.sql": SANE})
    build(root)  # the sources' tables do not exist: their tests fail, the manifest is written
    return json.loads((root / "target" / "manifest.json").read_text())


def test_files_paths_and_checksums_are_dbts(tmp_path: Path) -> None:
    manifest = _manifest(tmp_path)
    nodes, sources = manifest["nodes"], manifest["sources"]
    model = nodes["model.shop.orders"]
    assert model["checksum"] == {"name": "sha256", "checksum": hashlib.sha256(
        MODEL.strip().encode()).hexdigest()}  # dbt hashes the file stripped
    assert model["patch_path"] == "shop://models/schema.yml"
    seed = nodes["seed.shop.codes"]
    assert seed["checksum"]["checksum"] == hashlib.sha256(b"code\n1").hexdigest()
    assert seed["description"] == "Folded, and the last text of the file."  # no final newline
    test = next(n for uid, n in nodes.items() if uid.startswith("test.shop.checks_sane_orders"))
    assert test["checksum"] == {"name": "none", "checksum": ""}
    assert test["path"] == f"{test['name']}.sql" and test["patch_path"] is None
    assert test["test_metadata"]["kwargs"] == {
        "model": "{{ get_where_subquery(ref('orders')) }}"}
    column_test = next(n for uid, n in nodes.items() if uid.startswith("test.shop.not_null"))
    assert column_test["test_metadata"]["kwargs"] == {
        "column_name": "id", "model": "{{ get_where_subquery(ref('orders')) }}"}
    source_test = next(n for uid, n in nodes.items() if "source_sane" in uid)
    assert source_test["test_metadata"]["kwargs"] == {
        "model": "{{ get_where_subquery(source('raw', 'people')) }}"}
    people = sources["source.shop.raw.people"]
    assert people["path"] == "models/schema.yml" and people["patch_path"] is None
    assert people["freshness"] == {"warn_after": {"count": None, "period": None},
                                   "error_after": {"count": None, "period": None},
                                   "filter": None}
    assert sources["source.shop.late.events"]["freshness"]["warn_after"] == {
        "count": 1, "period": "day"}


def test_config_merges_as_dbts(tmp_path: Path) -> None:
    """`meta` is updated key by key (the YAML's, then `config()`'s); a test macro's
    `config(tags=...)` adds to the test's tags."""
    nodes = _manifest(tmp_path)["nodes"]
    assert nodes["model.shop.orders"]["config"]["meta"] == {"kept": "yaml", "owner": "sql"}
    test = next(n for uid, n in nodes.items() if uid.startswith("test.shop.checks_sane_orders"))
    assert set(test["tags"]) == {"yaml_tag", "from_macro"}


def test_the_graph_holds_no_compiled_code_as_dbts(tmp_path: Path) -> None:
    """dbt's graph is made before any node compiles; a run result's node is compiled."""
    root = dbt_project(tmp_path / "p", {
        "models/orders.sql": "select 1 as id",
        "models/reader.sql": "select '{{ graph.nodes['model.shop.orders'].compiled_code }}' "
                             "as code, {{ graph.nodes['model.shop.orders'].compiled }} as done"},
        {"on-run-end": "create table main.compiled as select "
                       "'{{ results | map(attribute='node') | map(attribute='compiled_code')"
                       " | select | list | length }}' as n"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert rows(root, "select * from main.reader") == [("None", False)]
    assert rows(root, "select n from main.compiled") == [("2",)]
