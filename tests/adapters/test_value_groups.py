"""The fingerprint asks its questions of each column's groups (each distinct value once, with
its count) instead of its rows. Every aggregate must come out as the same aggregate over the
rows gives it, on each engine that groups (DuckDB and Postgres): NULLs, null tokens, repeated
values, unicode, dates written as text, numbers with a decimal comma."""

from __future__ import annotations

import pyarrow as pa
import pytest
from datanet_sql.adapters.base import Adapter, Relation
from datanet_sql.heal.fingerprint import _aggregates, _format_probes
from datanet_sql.heal.sketch import TOP_HASH, over_groups, top_hash
from datanet_sql.heal.value_groups import Over, group_value, grouped, regrouped
from sqlglot import exp

TEXTS = ["05/01/2024", "NA", None, "31/12/2023", "05/01/2024", " n/a ", "Zürich", "東京", "",
         "12,5", "12,5", "7", "2024-02-29", "yes", None, "05/01/2024"]
NUMBERS = [1.5, None, 2.0, 2.0, -3.25, None, 1e9, 0.0, 2.0, 7.0, 7.0, None, 1.5, 4.0, 4.0, 4.0]


@pytest.fixture(params=["duckdb", "postgres"])
def table(request: pytest.FixtureRequest) -> tuple[Adapter, exp.Table]:
    adapter = request.getfixturevalue(f"{request.param}_adapter")
    relation = Relation("vg_values", adapter.schema_of(Relation("vg_values")))
    adapter.load_arrow(relation, pa.table({"t": pa.array(TEXTS, pa.string()),
                                           "x": pa.array(NUMBERS, pa.float64())}))
    return adapter, relation.table()


def _one_row(adapter: Adapter, query: exp.Expression) -> tuple:
    return adapter.fetch(query)[1][0]


@pytest.mark.parametrize(("column", "sql_type"), [("t", "VARCHAR"), ("x", "DOUBLE")])
def test_every_aggregate_over_groups_equals_the_same_over_rows(table, column, sql_type) -> None:
    adapter, rel = table
    col = exp.column(column, quoted=True)
    on_rows = dict(_aggregates(Over(col), sql_type, adapter.dialect))
    on_groups = dict(_aggregates(Over.groups(), sql_type, adapter.dialect))
    if sql_type == "VARCHAR":
        on_rows |= _format_probes(Over(col), adapter.dialect)
        on_groups |= _format_probes(Over.groups(), adapter.dialect)
    keys = [k for k in on_groups if k in on_rows]
    assert len(keys) >= (20 if sql_type == "VARCHAR" else 5)
    rows = _one_row(adapter, exp.select(*[on_rows[k] for k in keys]).from_(rel))
    groups = _one_row(adapter, exp.select(*[on_groups[k] for k in keys]).from_(
        grouped(col, rel).subquery("g")))
    for key, want, got in zip(keys, rows, groups):
        if key == "avg_length":
            assert float(got) == pytest.approx(float(want), rel=1e-12), key
        else:
            assert got == want, key
    assert dict(zip(keys, groups))["nonnull"] == sum(v is not None for v in
                                                     (TEXTS if column == "t" else NUMBERS))


# the top-values hash as its definition reads, over the rows (`sketch.TOP_HASH` reads groups)
ROW_TOP_HASH = (
    "SELECT SUBSTRING(MD5(STRING_AGG(v, '|' ORDER BY v)), 1, 8) FROM (SELECT CAST(d AS TEXT) AS v "
    "FROM (SELECT UPPER(TRIM(t)) AS d FROM __rel) AS x WHERE NOT d IS NULL GROUP BY d "
    "ORDER BY COUNT(*) DESC, CAST(d AS TEXT) LIMIT 20) AS top")


def test_top_hash_of_a_derived_value_from_groups_equals_its_hash_over_rows(table) -> None:
    """A cleaned or parsed column's hash, grouped from its column's groups (the derived value
    computed once per distinct value), is its hash over the rows."""
    adapter, rel = table
    col = exp.column("t", quoted=True)
    reference = exp.maybe_parse(ROW_TOP_HASH, dialect="duckdb").transform(
        lambda node: rel.copy() if isinstance(node, exp.Table) and node.name == "__rel" else node)
    want = _one_row(adapter, reference)
    derived = exp.func("upper", exp.func("trim", group_value()))
    regroup = regrouped(derived, grouped(col, rel))
    got = _one_row(adapter, exp.select(exp.Subquery(this=over_groups(TOP_HASH, regroup))))
    plain = _one_row(adapter, exp.select(exp.Subquery(this=top_hash(col, rel))))
    assert got == want and want[0] and plain[0] != want[0]
