"""Generated SQL for declarative models: cleansing (per semantic type), dedupe, aggregation."""

from __future__ import annotations

from datanet_sql.generate.aggregate import aggregate_query
from datanet_sql.generate.cleanse import plan_column, rule_comments
from datanet_sql.generate.dedupe import dedupe_query
from datanet_sql.generate.plan import ColumnPlan
from datanet_sql.generate.queries import REJECT_COLUMNS, cleanse_query, fence_stages, rejects_query

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
