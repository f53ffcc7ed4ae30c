"""Run generated cleansing SQL on a real engine and collect the clean rows and rejects."""

from __future__ import annotations

import os
from collections.abc import Callable

from sqlglot import exp

from datanet_sql.generate import cleanse_query, fence_stages, plan_column, rejects_query

PG_DSN = os.environ.get("DATANET_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


def load(run: Callable[[str, list | None], list], name: str, values: list[str | None]) -> None:
    """A table `t (id INT, <name> VARCHAR)` holding the values in order."""
    run(f'CREATE TABLE t (id INT, "{name}" VARCHAR)', None)
    for i, value in enumerate(values):
        run(f"INSERT INTO t VALUES ({i}, %s)", [value])


def cleanse(run: Callable[[str, list | None], list], dialect: str, name: str, case: dict):
    """Load the case, plan with the values as sample, return (plan, rows by id, rejects)."""
    raws = [raw for raw, _ in case["values"]]
    load(run, name, raws)
    plan = plan_column(name, case.get("semantic"), "VARCHAR", raws, case.get("rules", "auto"))
    query = cleanse_query(exp.table_("t"), {name: plan}, ["id"]).order_by("id")
    rejects = rejects_query(exp.table_("t"), {name: plan}, ["id"], "m")
    if dialect == "postgres":
        query, rejects = fence_stages(query), fence_stages(rejects)
    return plan, run(query.sql(dialect), None), run(rejects.sql(dialect), None)


def duck_runner(con: object) -> Callable[[str, list | None], list]:
    def run(sql: str, params: list | None) -> list:
        result = con.execute(sql.replace("%s", "?"), params or [])
        return result.fetchall() if result.description else []

    return run
