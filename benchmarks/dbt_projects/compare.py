"""Row-for-row comparison of the relations dbt built with datanet's: in two DuckDB files, or
in two sets of schemas of one Postgres database (`bench_<project>_dbt*`, `bench_<project>_dn*`).

Two cases are not differences of datanet's: a relation dbt built and the project's own hook
dropped again (absent from both warehouses is equal), and columns whose values change from one
run of dbt's own compiled SQL to the next (`random()`, `now()`): when the rows differ, dbt's
SQL is run twice on dbt's warehouse, and columns that differ between those two runs are left
out of the comparison (the report names them).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import psycopg


def compare_relations(dbt_db: Path, datanet_db: Path, built: list[dict[str, str]],
                      datanet_succeeded: set[str] = frozenset(),
                      ran_in: tuple[Path, Path] | None = None) -> list[dict[str, Any]]:
    """One outcome per relation dbt built; `datanet_succeeded` holds the `kind.name` of the
    nodes datanet's run reported built (a relation absent from both counts only then);
    `ran_in`: the folders dbt and datanet ran in, when not their warehouse's (relative file
    names in views resolve from there)."""
    if not datanet_db.exists():
        return [{**b, "equal": False, "why": "datanet built no warehouse"} for b in built]
    left, right = duckdb.connect(str(dbt_db), read_only=True), \
        duckdb.connect(str(datanet_db), read_only=True)
    folders = ran_in or (dbt_db.parent, datanet_db.parent)
    for con, folder in ((left, folders[0]), (right, folders[1])):
        # dbt-duckdb's external models are views over files named relative to the folder
        # it ran in (the project's), as `read_csv('./m.csv')`
        con.execute(f"SET file_search_path = '{folder}'")
    try:
        return [{**{k: v for k, v in b.items() if k != "sql"},
                 **_compare_one(DuckDBSide(left), DuckDBSide(right), b, datanet_succeeded)}
                for b in built]
    finally:
        left.close()
        right.close()


def compare_postgres(dsn: str, dbt_schema: str, datanet_schema: str,
                     built: list[dict[str, str]],
                     datanet_succeeded: set[str] = frozenset()) -> list[dict[str, Any]]:
    """The same comparison on one Postgres database: dbt built under `dbt_schema` (and the
    custom schemas `<dbt_schema>_<name>` dbt's generate_schema_name makes of it), datanet under
    `datanet_schema` (and its `<datanet_schema>_<name>`). A relation dbt wrote into a schema
    outside its own is not compared: datanet would have written into the same one."""
    with psycopg.connect(dsn, autocommit=True) as con:
        left = PostgresSide(con, dbt_schema, dbt_schema)
        right = PostgresSide(con, datanet_schema, dbt_schema)
        outcomes = []
        for b in built:
            kept = {k: v for k, v in b.items() if k != "sql"}
            if not left.owns(b["schema"]):
                outcomes.append({**kept, "equal": False,
                                 "why": f"dbt wrote it into schema {b['schema']}, outside "
                                        f"{dbt_schema}: both tools share it, not compared"})
                continue
            outcomes.append({**kept, **_compare_one(left, right, b, datanet_succeeded)})
        return outcomes


class DuckDBSide:
    """One tool's relations in its own DuckDB file."""

    error = duckdb.Error

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def rows(self, schema: str, name: str) -> tuple[list[str], list[tuple]] | None:
        found = self.con.execute("select table_schema from information_schema.tables where "
                                 "lower(table_name) = lower(?) order by table_schema = ? desc",
                                 [name, schema]).fetchall()
        if not found:
            return None
        return self.query(f'select * from "{found[0][0]}"."{name}"')

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        return _fetch(self.con.execute(sql))


class PostgresSide:
    """One tool's relations in its own schemas of the shared Postgres database: `prefix` and
    `<prefix>_<custom>`; dbt's schema names (under `dbt_prefix`) are mapped onto them."""

    error = psycopg.Error

    def __init__(self, con: psycopg.Connection, prefix: str, dbt_prefix: str) -> None:
        self.con, self.prefix, self.dbt_prefix = con, prefix, dbt_prefix

    def owns(self, dbt_schema: str) -> bool:
        return dbt_schema == self.dbt_prefix or dbt_schema.startswith(self.dbt_prefix + "_")

    def rows(self, schema: str, name: str) -> tuple[list[str], list[tuple]] | None:
        mine = self.prefix + schema[len(self.dbt_prefix):]
        found = self.con.execute(
            "select table_schema, table_name from information_schema.tables where "
            "lower(table_name) = lower(%s) and (table_schema = %s or starts_with("
            "table_schema, %s)) order by table_schema = %s desc, table_name = %s desc",
            [name, self.prefix, self.prefix + "_", mine, name]).fetchall()
        if not found:
            return None
        names, rows = self.query(f'select * from "{found[0][0]}"."{found[0][1]}"')
        # a value naming a relation (union_relations' `_dbt_source_relation`) names the
        # tool's own schema: read as dbt's, the one difference the benchmark makes itself
        return names, [tuple(v.replace(self.prefix, self.dbt_prefix) if isinstance(v, str)
                             else v for v in row) for row in rows]

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        return _fetch(self.con.execute(sql))


def _compare_one(left: DuckDBSide | PostgresSide, right: DuckDBSide | PostgresSide,
                 rel: dict[str, str], datanet_succeeded: set[str]) -> dict[str, Any]:
    expected = left.rows(rel["schema"], rel["name"])
    actual = right.rows(rel["schema"], rel["name"])
    if expected is None:
        kind, name = rel["unique_id"].split(".")[0], rel["unique_id"].split(".")[-1]
        if actual is None and f"{kind}.{name}" in datanet_succeeded:
            return {"equal": True, "why": "absent from both (dropped after its build by a hook)"}
        return {"equal": False, "why": "dbt's relation not found"}
    if actual is None:
        return {"equal": False, "why": "missing in datanet's warehouse"}
    missing = [c for c in expected[0] if c not in actual[0]]
    if missing:
        return {"equal": False, "why": f"columns missing: {missing[:5]}"}
    order = [actual[0].index(c) for c in expected[0]]
    got = Counter(tuple(row[i] for i in order) for row in actual[1])
    want = Counter(expected[1])
    if got == want:
        return {"equal": True, "why": ""}
    varying = _varying_columns(left, rel.get("sql"), expected[0])
    if varying and _project(got, expected[0], varying) == _project(want, expected[0], varying):
        return {"equal": True, "why": f"equal but for {varying}, which differ between two runs "
                                      f"of dbt's own SQL"}
    return {"equal": False, "why": f"rows differ: dbt {sum(want.values())}, datanet "
                                   f"{sum(got.values())}, {sum((want - got).values())} of dbt's "
                                   f"not in datanet's"}


def _varying_columns(side: DuckDBSide | PostgresSide, sql: str | None,
                     columns: list[str]) -> list[str]:
    """Columns whose values differ between two runs of dbt's compiled `sql` on dbt's own
    warehouse (none when there is no SQL or it does not run as a query there)."""
    if not sql:
        return []
    try:
        runs = [side.query(sql) for _ in range(2)]
    except side.error:
        return []
    if any(names != columns for names, _ in runs):
        return []
    return [name for i, name in enumerate(columns)
            if Counter(r[i] for r in runs[0][1]) != Counter(r[i] for r in runs[1][1])]


def _project(rows: Counter[tuple], columns: list[str], leave_out: list[str]) -> Counter[tuple]:
    keep = [i for i, name in enumerate(columns) if name not in leave_out]
    projected: Counter[tuple] = Counter()
    for row, count in rows.items():
        projected[tuple(row[i] for i in keep)] += count
    return projected


def _fetch(cursor: Any) -> tuple[list[str], list[tuple]]:
    columns = [d[0].lower() for d in cursor.description]
    return columns, [tuple(_norm(v) for v in row) for row in cursor.fetchall()]


def _norm(value: Any) -> Any:
    """Values equal in meaning compare equal: 1 == 1.0, floats to 9 significant digits."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        number = float(value)
        return float(f"{number:.9g}")
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return tuple(_norm(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    return value
