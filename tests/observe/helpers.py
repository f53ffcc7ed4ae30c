"""A small project for the observability tests: a CSV source with a loaded-at column and
freshness rules, and a model built from it, on a DuckDB file under tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from run.helpers import write, write_project

SOURCES = """
sources:
  - name: raw
    freshness:
      warn_after: {count: 12, period: hour}
      error_after: {count: 1, period: day}
    loaded_at_field: loaded_at
    tables:
      - name: orders
        path: data/orders.csv
        columns:
          - name: id
            tests: [unique, not_null]
      - name: events
        path: data/events.csv
        freshness: {warn_after: {count: 1, period: minute}}
        loaded_at_field: null
"""

MODELS = """
models:
  - name: orders
    columns:
      - name: id
        tests: [not_null]
      - name: customer
        tests: [not_null]
"""


def orders_csv(rows: int, age_hours: float, null_customers: int = 0) -> str:
    """`rows` orders, the newest loaded `age_hours` ago (UTC, naive as warehouses keep it)."""
    newest = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(hours=age_hours)
    lines = ["id,customer,loaded_at"]
    for i in range(rows):
        customer = "" if i < null_customers else f"c{i % 7}"
        at = newest - dt.timedelta(minutes=i)
        lines.append(f"{i + 1},{customer},{at:%Y-%m-%d %H:%M:%S}")
    return "\n".join(lines) + "\n"


def shop(root: Path, rows: int = 10, age_hours: float = 1.0, extra: str = "") -> Path:
    write_project(root, {
        "sources/raw.yml": SOURCES,
        "models/orders.sql": "{{ config(materialized='table') }}\nselect id, customer, loaded_at from {{ source('raw', 'orders') }}",
        "models/orders.yml": MODELS + extra,
        "data/events.csv": "id\n1\n",
    })
    set_orders(root, rows, age_hours)
    return root


def set_orders(root: Path, rows: int, age_hours: float, null_customers: int = 0) -> None:
    write(root, "data/orders.csv", orders_csv(rows, age_hours, null_customers))
