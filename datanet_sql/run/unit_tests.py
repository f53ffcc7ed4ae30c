"""Running unit tests: the model's SQL on the given rows, in an in-memory DuckDB, compared with
the expected rows as a multiset on the columns `expect` names.

The warehouse is never touched: the compiler replaced every input by its rows and transpiled
the query to DuckDB. The expected values are cast to the types the model's output really has
here, so `8.50` matches a DECIMAL, `"2016-09-01"` a DATE or TIMESTAMP. A failure's message is a
readable diff: the expected rows the model did not return and the rows it returned that were
not expected, a few of each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.adapters.duckdb import DuckDBAdapter
from datanet_sql.compile.unit_rows import Rows, input_query, parse_query
from datanet_sql.errors import ColumnNotFoundError, DatanetError, WarehouseError, did_you_mean
from datanet_sql.project.nodes import Node
from datanet_sql.run.materialize import Outcome

SHOWN_ROWS = 10  # rows of each side of a diff shown at most
_ACTUAL = Relation("__dn_actual")


def run_unit_test(node: Node) -> Outcome:
    """Run one unit test node (its compiled SQL is DuckDB SQL reading only literal rows)."""
    adapter = DuckDBAdapter({"path": ":memory:"})
    try:
        create = adapter.create_table_as(_ACTUAL, sqlglot.parse_one(str(node.compiled_sql),
                                                                   read="duckdb"))
        _run(adapter.execute, create, node, "the model failed on the given rows")
        actual = {c.name: c.type for c in adapter.list_columns(_ACTUAL) or []}
        expect = Rows.from_dict((node.test or {})["expect"])
        columns = _compared(expect, actual, node)
        expected = _run(adapter.fetch, _expected_query(expect, columns, actual, node), node,
                        "the expected rows do not fit the model's output types")[1]
        got = adapter.fetch(exp.select(*_quoted(columns)).from_(_ACTUAL.table()))[1]
    finally:
        adapter.close()
    expected, got = _rows(expected, columns), _rows(got, columns)
    missing, unexpected = Counter(expected) - Counter(got), Counter(got) - Counter(expected)
    failures = sum(missing.values()) + sum(unexpected.values())
    if not failures:
        return Outcome(rows=0, message="pass", failures=0)
    return Outcome(rows=failures, message=diff_message(columns, missing, unexpected,
                                                       len(expected), len(got)),
                   failures=failures)


def _run(call: Callable[[exp.Expression], Any], statement: exp.Expression, node: Node,
         what: str) -> Any:
    """A statement on the in-memory DuckDB; its error names the unit test and what failed."""
    try:
        return call(statement)
    except WarehouseError as err:
        raise DatanetError(f"unit test {node.name}: {what}: {err.message}", file=node.path,
                           line=node.line) from None


def _compared(expect: Rows, actual: dict[str, str], node: Node) -> list[str]:
    """The columns compared: those `expect` gives (every output column when that is not known:
    a SQL expectation with `*`), as the model's output spells them."""
    folded = {name.casefold(): name for name in actual}
    columns = []
    for name in expect.columns:
        if name.casefold() not in folded:
            raise ColumnNotFoundError(
                f"unit test {node.name}: expect gives column '{name}', which the model does "
                f"not return." + did_you_mean(name, list(actual)), file=node.path,
                line=node.line, column=name, hint=f"the model returns: {', '.join(actual)}")
        columns.append(folded[name.casefold()])
    return columns or list(actual)


def _expected_query(expect: Rows, columns: list[str], actual: dict[str, str],
                    node: Node) -> exp.Query:
    """The expected rows typed as the model's output; a `format: sql` expectation is the
    query the compiler transpiled to DuckDB, its columns cast likewise."""
    if expect.sql is not None:
        query = parse_query(expect.sql, "duckdb", f"unit test {node.name}: expect")
        inner = exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier("e")))
        return exp.select(*[exp.cast(exp.column(_spelled(c, expect.columns) if expect.columns
                                                else c, quoted=True), actual[c]).as_(c)
                            for c in columns]).from_(inner)
    renamed = Rows([_spelled(c, columns) for c in expect.columns], expect.values)
    return input_query(renamed, {c: actual[c] for c in columns}, "duckdb",
                       f"unit test {node.name}: expect")


def _spelled(name: str, columns: list[str]) -> str:
    return next((c for c in columns if c.casefold() == name.casefold()), name)


def _quoted(columns: list[str]) -> list[exp.Expression]:
    return [exp.column(c, quoted=True) for c in columns]


def _rows(rows: list[tuple[Any, ...]], columns: list[str]) -> list[tuple[Any, ...]]:
    return [tuple(_hashable(v) for v in row[: len(columns)]) for row in rows]


def _hashable(value: Any) -> Any:
    """LIST and STRUCT values (Python lists and dicts) compared as tuples."""
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def diff_message(columns: list[str], missing: Counter[tuple[Any, ...]],
                 unexpected: Counter[tuple[Any, ...]], expected: int, got: int) -> str:
    """`actual differs from expected` and a table of the differing rows, columns aligned:
    `-` expected but not returned, `+` returned but not expected."""
    head = (f"actual differs from expected: {sum(missing.values())} expected row(s) missing, "
            f"{sum(unexpected.values())} unexpected (expected {expected} rows, got {got})")
    table: list[tuple[str, list[str]]] = [(" ", list(columns))]
    more: dict[str, int] = {}
    for sign, rows in (("-", missing), ("+", unexpected)):
        listed = list(rows.elements())
        table += [(sign, [_shown(v) for v in row]) for row in listed[:SHOWN_ROWS]]
        more[sign] = max(0, len(listed) - SHOWN_ROWS)
    widths = [max(len(cells[i]) for _, cells in table) for i in range(len(columns))]
    lines = [head]
    for sign, cells in table:
        lines.append(f"  {sign} | " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)))
    lines += [f"  {sign} ... and {count} more" for sign, count in more.items() if count]
    return "\n".join(line.rstrip() for line in lines)


def _shown(value: Any) -> str:
    return "NULL" if value is None else str(value)
