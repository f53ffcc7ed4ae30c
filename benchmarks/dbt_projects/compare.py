"""Row-for-row comparison of the relations dbt built with datanet's, in two DuckDB files.

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
                 **_compare_one(left, right, b, datanet_succeeded)} for b in built]
    finally:
        left.close()
        right.close()


def _compare_one(left: duckdb.DuckDBPyConnection, right: duckdb.DuckDBPyConnection,
                 rel: dict[str, str], datanet_succeeded: set[str]) -> dict[str, Any]:
    expected = _rows(left, rel["schema"], rel["name"])
    actual = _rows(right, rel["schema"], rel["name"])
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


def _varying_columns(con: duckdb.DuckDBPyConnection, sql: str | None,
                     columns: list[str]) -> list[str]:
    """Columns whose values differ between two runs of dbt's compiled `sql` on dbt's own
    warehouse (none when there is no SQL or it does not run as a query there)."""
    if not sql:
        return []
    try:
        runs = [_query(con, sql) for _ in range(2)]
    except duckdb.Error:
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


def _query(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    cursor = con.execute(sql)
    columns = [d[0].lower() for d in cursor.description]
    return columns, [tuple(_norm(v) for v in row) for row in cursor.fetchall()]


def _rows(con: duckdb.DuckDBPyConnection, schema: str, name: str
          ) -> tuple[list[str], list[tuple]] | None:
    found = con.execute("select table_schema from information_schema.tables where "
                        "lower(table_name) = lower(?) order by table_schema = ? desc",
                        [name, schema]).fetchall()
    if not found:
        return None
    return _query(con, f'select * from "{found[0][0]}"."{name}"')


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
