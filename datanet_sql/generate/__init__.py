"""Generated SQL for declarative models: cleansing (per semantic type), dedupe, aggregation."""

from __future__ import annotations

from typing import Any

from datanet_sql.lazy import lazy_attribute

# each name is imported from its module when first asked for (PEP 562): healing's sketches and
# profiling's statistics import `generate.sqlfn`, which made every run import the cleansing
# rules too
_HOMES = {
    "aggregate_query": "aggregate", "plan_column": "cleanse", "rule_comments": "cleanse",
    "dedupe_query": "dedupe", "ColumnPlan": "plan", "REJECT_COLUMNS": "queries",
    "cleanse_query": "queries", "fence_stages": "queries", "rejects_query": "queries",
}  # every name of __all__

__all__ = [
    "REJECT_COLUMNS",
    "ColumnPlan",
    "aggregate_query",
    "cleanse_query",
    "dedupe_query",
    "fence_stages",
    "plan_column",
    "rejects_query",
    "rule_comments",
]


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOMES, globals(), name)
