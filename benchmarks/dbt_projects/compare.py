"""Row-for-row comparison of the relations dbt built with datanet's, in two DuckDB files."""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb


def compare_relations(dbt_db: Path, datanet_db: Path,
                      built: list[dict[str, str]]) -> list[dict[str, Any]]:
    if not datanet_db.exists():
        return [{**b, "equal": False, "why": "datanet built no warehouse"} for b in built]
    left, right = duckdb.connect(str(dbt_db), read_only=True), \
        duckdb.connect(str(datanet_db), read_only=True)
    try:
        return [{**b, **_compare_one(left, right, b)} for b in built]
    finally:
        left.close()
        right.close()


def _compare_one(left: duckdb.DuckDBPyConnection, right: duckdb.DuckDBPyConnection,
                 rel: dict[str, str]) -> dict[str, Any]:
    expected = _rows(left, rel["schema"], rel["name"])
    actual = _rows(right, rel["schema"], rel["name"])
    if expected is None:
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
    return {"equal": False, "why": f"rows differ: dbt {sum(want.values())}, datanet "
                                   f"{sum(got.values())}, {sum((want - got).values())} of dbt's "
                                   f"not in datanet's"}


def _rows(con: duckdb.DuckDBPyConnection, schema: str, name: str
          ) -> tuple[list[str], list[tuple]] | None:
    found = con.execute("select table_schema from information_schema.tables where "
                        "lower(table_name) = lower(?) order by table_schema = ? desc",
                        [name, schema]).fetchall()
    if not found:
        return None
    relation = f'"{found[0][0]}"."{name}"'
    cursor = con.execute(f"select * from {relation}")
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
