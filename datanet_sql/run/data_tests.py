"""Running data tests: count the failing rows, keep a few to show, optionally store them all."""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.project.nodes import Node
from datanet_sql.run.materialize import Outcome, query_of

SHOWN_ROWS = 5


def failures_schema(schema: str) -> str:
    """Where --store-failures keeps each test's failing rows: `<target schema>_test_failures`."""
    return f"{schema}_test_failures"


def run_test(adapter: Adapter, node: Node, store_failures: bool, schema: str) -> Outcome:
    query = query_of(node, adapter)
    failing = exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier("__dn_test")))
    row = adapter.fetch_one(exp.select(exp.func("count", exp.Star())).from_(failing))
    failures = int(row[0]) if row else 0
    message = "pass"
    if failures:
        names, rows = adapter.fetch(exp.select("*").from_(failing.copy()).limit(SHOWN_ROWS))
        shown = "; ".join(", ".join(f"{n}={_shown(v)}" for n, v in zip(names, r)) for r in rows)
        message = f"{failures} failing row{'s' if failures != 1 else ''}: {shown}"
    if store_failures or node.config.get("store_failures"):
        audit = Relation(node.name, failures_schema(schema))  # schema made before the run
        adapter.replace_table(audit, query)
        message += f" (stored in {audit})"
    return Outcome(rows=failures, message=message, failures=failures)


def _shown(value: object) -> str:
    """A failing value as a user reads it: strings quoted, dates and numbers as SQL prints them
    (`2018-02-02`, not `datetime.date(2018, 2, 2)`)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    return str(value)
