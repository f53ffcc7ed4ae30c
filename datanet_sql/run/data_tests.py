"""Running data tests as dbt does: the test's query (any test: built-in, custom, singular)
cut to its `limit`, optionally stored, then `fail_calc` over it compared with `warn_if` and
`error_if` in one query; `severity` and --warn-error decide what the comparison means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.errors import RelationNotFoundError
from datanet_sql.project.nodes import Node
from datanet_sql.run.materialize import Outcome, query_of

SHOWN_ROWS = 5


@dataclass
class TestOutcome(Outcome):
    """A test's result: its failures and which thresholds they crossed."""

    should_warn: bool = False
    should_error: bool = False

    def status(self, severity: str, warn_error: bool = False) -> str:
        """dbt's rule: error_if decides a failure only at severity error; else warn_if a
        warning (a failure under --warn-error); else the test passes."""
        if severity == "error" and self.should_error:
            return "fail"
        if self.should_warn:
            return "fail" if warn_error else "warn"
        return "pass"


def failures_schema(schema: str) -> str:
    """Where stored failures go: `<target schema>_test_failures`."""
    return f"{schema}_test_failures"


def failures_relation(node: Node, schema: str, store_failures: bool) -> Relation | None:
    """Where this test keeps its failing rows, or None: dbt's rule (`store_failures_as` wins
    over `store_failures`, which wins over the --store-failures flag; `ephemeral` keeps
    nothing). In a dbt project, the test's relation as dbt names it (`node.audit`); else
    its `schema:` config names `<target schema>_<schema>`."""
    if stored_as(node, store_failures) is None:
        return None
    if node.audit is not None:
        return node.audit
    custom = node.config.get("schema")
    where = f"{schema}_{custom}" if custom else failures_schema(schema)
    return Relation(str(node.config.get("alias") or node.name), where)  # dbt: alias names it


def stored_as(node: Node, store_failures: bool) -> str | None:
    """'table', 'view' or None (not stored)."""
    kind = node.config.get("store_failures_as")
    if kind is None:
        store = node.config.get("store_failures")
        kind = "table" if (store_failures if store is None else store) else None
    return None if kind == "ephemeral" else kind


def run_test(adapter: Adapter, node: Node, store_failures: bool, schema: str) -> TestOutcome:
    if (node.test or {}).get("name") == "anomaly":
        from datanet_sql.observe.anomaly_test import run_anomaly_test

        return run_anomaly_test(adapter, node)
    verdict: dict[str, Any] = (node.test or {})["verdict"]  # compile/test_config.py
    query = query_of(node, adapter)
    if verdict["limit"] is not None:
        query = exp.select("*").from_(_aliased(query, "__dn_limited")).limit(verdict["limit"])
    try:
        audit = failures_relation(node, schema, store_failures)
        if audit is not None:
            store = adapter.replace_view if stored_as(node, store_failures) == "view" else \
                adapter.replace_table
            store(audit, query)
            query = adapter.select_star(audit)
        row = adapter.fetch_one(_verdict_query(query, verdict, adapter.dialect))
    except RelationNotFoundError as err:
        raise _not_built(adapter, query, err) from None
    failures, should_warn, should_error = row if row else (0, False, False)
    outcome = TestOutcome(rows=int(failures or 0), failures=int(failures or 0),
                          should_warn=bool(should_warn), should_error=bool(should_error))
    outcome.message = _message(adapter, query, outcome, verdict)
    if audit is not None:
        outcome.message += f" (stored in {audit})"
    return outcome


def _verdict_query(query: exp.Expression, verdict: dict[str, Any], dialect: str) -> exp.Select:
    """dbt's get_test_sql: `select fail_calc as failures, fail_calc <warn_if> as should_warn,
    fail_calc <error_if> as should_error from (query)`, with sqlglot trees of the compiled
    thresholds (a condition over `failures`, which the fail_calc takes the place of)."""
    fail_calc = sqlglot.parse_one(verdict["fail_calc"], read=dialect)

    def compared(condition: str) -> exp.Expression:
        tree = sqlglot.parse_one(condition, read=dialect)
        return tree.transform(lambda n: exp.paren(fail_calc.copy()) if isinstance(n, exp.Column)
                              and n.name == "failures" and not n.table else n, copy=False)

    return exp.select(exp.alias_(fail_calc.copy(), "failures"),
                      exp.alias_(compared(verdict["warn_if"]), "should_warn"),
                      exp.alias_(compared(verdict["error_if"]), "should_error")
                      ).from_(_aliased(query, "__dn_test"))


def _message(adapter: Adapter, query: exp.Expression, outcome: TestOutcome,
             verdict: dict[str, Any]) -> str:
    """`3 failing rows: a=1, ...`; with a fail_calc of its own, what it counted; a test whose
    failures stay within its thresholds says so."""
    failures = outcome.failures or 0
    if not failures:
        return "pass"
    if verdict["fail_calc"].lower().replace(" ", "") == "count(*)":
        head = f"{failures} failing row{'s' if failures != 1 else ''}"
    else:
        head = f"{verdict['fail_calc']} = {failures}"
    names, rows = adapter.fetch(exp.select("*").from_(_aliased(query, "__dn_shown"))
                                .limit(SHOWN_ROWS))
    shown = "; ".join(", ".join(f"{n}={_shown(v)}" for n, v in zip(names, r)) for r in rows)
    if not outcome.should_warn and not outcome.should_error:
        head = f"pass: {head}, within warn_if and error_if"
    return f"{head}: {shown}" if shown else head


def _aliased(query: exp.Expression, alias: str) -> exp.Subquery:
    return exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier(alias)))


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
