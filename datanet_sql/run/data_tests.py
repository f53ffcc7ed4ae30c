"""Running data tests: count the failing rows, keep a few to show, optionally store them all."""

from __future__ import annotations

from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import RelationNotFoundError
from datanet_sql.project.nodes import Node
from datanet_sql.run.materialize import Outcome, query_of

SHOWN_ROWS = 5


def failures_schema(schema: str) -> str:
    """Where --store-failures keeps each test's failing rows: `<target schema>_test_failures`."""
    return f"{schema}_test_failures"


def run_test(adapter: Adapter, node: Node, store_failures: bool, schema: str) -> Outcome:
    query = query_of(node, adapter)
    failing = exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier("__dn_test")))
    try:
        row = adapter.fetch_one(exp.select(exp.func("count", exp.Star())).from_(failing))
    except RelationNotFoundError as err:
        raise _not_built(adapter, query, err) from None
    failures = int(row[0]) if row else 0
    message = "pass"
    if failures:
        names, rows = adapter.fetch(exp.select("*").from_(failing.copy()).limit(SHOWN_ROWS))
        shown = "; ".join(", ".join(f"{n}={_shown(v)}" for n, v in zip(names, r)) for r in rows)
        message = f"{failures} failing row{'s' if failures != 1 else ''}: {shown}"
    if store_failures or node.config.get("store_failures"):
        audit = Relation(str(node.config.get("alias") or node.name),  # dbt: alias names it
                         failures_schema(schema))  # schema made before the run
        adapter.replace_table(audit, query)
        message += f" (stored in {audit})"
    return Outcome(rows=failures, message=message, failures=failures)


def _not_built(adapter: Adapter, query: exp.Expression,
               err: RelationNotFoundError) -> RelationNotFoundError:
    """What a test run before `build` says: which relation is missing and what to do (not the
    warehouse's own catalog error), or the original error when every relation is there."""
    read = {Relation(t.name, t.db) for t in query.find_all(exp.Table) if t.name and t.db}
    missing = sorted(str(r) for r in read if adapter.list_columns(r) is None)
    if not missing:
        return err
    what = f"relation {missing[0]} does not exist" if len(missing) == 1 else \
        f"relations {', '.join(missing)} do not exist"
    return RelationNotFoundError(f"{what}: run `datanet build` first",
                                 hint="`datanet test` checks tables that `run` or `build` made")


def _shown(value: object) -> str:
    """A failing value as a user reads it: strings quoted, dates and numbers as SQL prints them
    (`2018-02-02`, not `datetime.date(2018, 2, 2)`)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    return str(value)
