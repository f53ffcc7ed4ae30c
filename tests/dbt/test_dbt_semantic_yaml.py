"""Exposures, metrics, semantic models, saved queries and groups: read, kept, listed; access
and groups checked as dbt does."""

from __future__ import annotations

import json
from pathlib import Path

from dbt_project_helpers import datanet, dbt_project, rows

SEMANTIC = {
    "models/orders.sql": "select 1 as order_id, 10.5 as amount, date '2024-01-02' as ordered_at",
    "models/metricflow_time_spine.sql": "select date '2024-01-01' as date_day",
    "models/schema.yml": {
        "groups": [{"name": "finance", "owner": {"name": "Ana", "email": "ana@example.com"}}],
        "models": [
            {"name": "orders", "group": "finance", "access": "public",
             "columns": [{"name": "order_id", "entity": {"type": "primary"}},
                         {"name": "ordered_at", "granularity": "day",
                          "dimension": {"type": "time"}}],
             "agg_time_dimension": "ordered_at", "semantic_model": {"enabled": True},
             "metrics": [{"name": "order_count", "type": "simple", "agg": "count",
                          "expr": "order_id"}]},
            {"name": "metricflow_time_spine",
             "time_spine": {"standard_granularity_column": "date_day"},
             "columns": [{"name": "date_day", "granularity": "day"}]}],
        "semantic_models": [{
            "name": "orders_sm", "model": "ref('orders')",
            "defaults": {"agg_time_dimension": "ordered_at"},
            "entities": [{"name": "order", "type": "primary", "expr": "order_id"}],
            "measures": [{"name": "order_total", "agg": "sum", "expr": "amount"}],
            "dimensions": [{"name": "ordered_at", "type": "time",
                            "type_params": {"time_granularity": "day"}}]}],
        "metrics": [{"name": "revenue", "label": "Revenue", "type": "simple",
                     "type_params": {"measure": "order_total"}}],
        "saved_queries": [{"name": "daily_revenue",
                           "query_params": {"metrics": ["revenue"],
                                            "group_by": ["TimeDimension('order__ordered_at')"]}}],
        "exposures": [{"name": "weekly_dashboard", "type": "dashboard",
                       "owner": {"name": "Ana"}, "depends_on": ["ref('orders')"]}],
    },
}


def test_semantic_resources_load_without_a_warning_and_the_project_builds(
        tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", SEMANTIC)
    result = datanet(root, "build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert rows(root, "select order_id from main.orders") == [(1,)]


def test_ls_lists_each_resource_type_and_selects_them_by_name(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", SEMANTIC)
    listed = {kind: datanet(root, "ls", "--resource-type", kind, "--output", "name").output.split()
              for kind in ("exposure", "metric", "semantic_model", "saved_query", "group")}
    assert listed == {"exposure": ["weekly_dashboard"], "metric": ["order_count", "revenue"],
                      "semantic_model": ["orders", "orders_sm"],
                      "saved_query": ["daily_revenue"], "group": ["finance"]}
    result = datanet(root, "ls", "--select", "exposure:weekly_dashboard", "--output", "json")
    [exposure] = json.loads(result.output)
    assert exposure["unique_id"] == "exposure.weekly_dashboard"
    assert exposure["depends_on"] == ["model.orders"]
    everything = datanet(root, "ls", "--output", "name").output.split()
    assert {"orders", "revenue", "finance", "orders_sm"} <= set(everything)


def test_the_dbt_manifest_holds_the_resources_in_dbt_shapes(tmp_path: Path) -> None:
    root = dbt_project(tmp_path / "p", SEMANTIC)
    assert datanet(root, "compile").exit_code == 0
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["exposures"]["exposure.p.weekly_dashboard"]["depends_on"] == \
        {"macros": [], "nodes": ["model.p.orders"]}
    assert manifest["metrics"]["metric.p.revenue"]["type"] == "simple"
    assert manifest["semantic_models"]["semantic_model.p.orders_sm"]["depends_on"]["nodes"] == \
        ["model.p.orders"]
    assert manifest["saved_queries"]["saved_query.p.daily_revenue"]["resource_type"] == \
        "saved_query"
    assert manifest["groups"]["group.p.finance"]["owner"]["email"] == "ana@example.com"
    assert manifest["nodes"]["model.p.orders"]["group"] == "finance"
    assert manifest["nodes"]["model.p.orders"]["access"] == "public"
    assert manifest["group_map"] == {"finance": ["model.p.orders"]}


def test_a_private_model_read_from_another_group_is_an_error(tmp_path: Path) -> None:
    files = {"models/secret.sql": "select 1 as x", "models/other.sql": "select 2 as y",
             "models/leak.sql": "select x\nfrom {{ ref('secret') }}",
             "models/friend.sql": "select x from {{ ref('secret') }}",
             "models/schema.yml": {
                 "groups": [{"name": "finance", "owner": {"email": "f@example.com"}},
                            {"name": "sales", "owner": {"name": "S"}}],
                 "models": [{"name": "secret", "access": "private", "group": "finance"},
                            {"name": "friend", "config": {"group": "finance"}},
                            {"name": "leak", "group": "sales"}]}}
    root = dbt_project(tmp_path / "p", files)
    result = datanet(root, "build")
    assert result.exit_code == 1
    assert ("models/leak.sql:2: model 'leak' reads ref('secret'), which is private to group "
            "'finance'") in result.output
    assert rows(root, "select * from main.friend") == [(1,)]  # same group: allowed


def test_a_private_model_without_a_group_is_read_by_no_other_model(tmp_path: Path) -> None:
    files = {"models/secret.sql": "select 1 as x",
             "models/reader.sql": "select x from {{ ref('secret') }}",
             "models/schema.yml": {"models": [{"name": "secret", "access": "private"}]}}
    result = datanet(dbt_project(tmp_path / "p", files), "compile")
    assert result.exit_code == 1
    assert ("models/reader.sql:1: model 'reader' reads ref('secret'), which is private and in "
            "no group") in result.output


def test_an_undeclared_group_and_a_resource_without_a_name_are_errors(tmp_path: Path) -> None:
    files = {"models/m.sql": "select 1 as x",
             "models/schema.yml": {"groups": [{"name": "finance", "owner": {"name": "F"}}],
                                   "models": [{"name": "m", "group": "finanse"}]}}
    result = datanet(dbt_project(tmp_path / "p", files), "compile")
    assert "model 'm' is in group 'finanse', which is not defined. Did you mean 'finance'?" \
        in result.output
    files["models/schema.yml"] = {"metrics": [{"label": "no name", "type": "simple"}]}
    result = datanet(dbt_project(tmp_path / "q", files), "compile")
    assert result.exit_code == 1 and "models/schema.yml:2: a metric must be a mapping with a " \
        "`name:`" in result.output


def _results(root: Path) -> list[tuple[str, str, str | None]]:
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    return [(r["unique_id"], r["status"], r["message"]) for r in results]


def test_build_lists_saved_queries_as_dbt_does(tmp_path: Path) -> None:
    """dbt 1.9's build takes each saved query along, does nothing with it (`NO-OP`) and skips
    it when a node it reads through its metric and semantic model failed (the statuses and
    `depends_on` are dbt-duckdb 1.9's for this project)."""
    root = dbt_project(tmp_path / "p", SEMANTIC)
    assert datanet(root, "build").exit_code == 0
    assert _results(root)[-1] == ("saved_query.p.daily_revenue", "success", "NO-OP")
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert manifest["saved_queries"]["saved_query.p.daily_revenue"]["depends_on"] == \
        {"macros": [], "nodes": ["metric.p.revenue"]}
    # selected by name only: a model's selection leaves it out, as dbt's does
    assert datanet(root, "build", "--select", "orders").exit_code == 0
    assert [uid for uid, _, _ in _results(root)] == ["model.p.orders"]
    (root / "models" / "orders.sql").write_text("select 1 as order_id from nowhere")
    assert datanet(root, "build").exit_code == 1
    assert _results(root)[-1] == ("saved_query.p.daily_revenue", "skipped",
                                  "skipped: model.p.orders ended error")
