"""Postgres `real` (float4) values as Postgres writes them, in a double.

A borehole log's `real` resistance 4.86 is the float4 nearest 4.86; Postgres prints it as
the shortest decimal that reads back to it (`4.86`), and psycopg's text protocol hands over
that text, which Python reads as the double 4.86. Stored as an Arrow float32, though, the
loaded table widened those bits to a double wherever it met one (a DOUBLE table, a join, a
client): 4.860000133514404, a value nobody wrote. So a `real` column is read as DOUBLE
holding each value as Postgres writes it (what DuckDB's `CAST(CAST(x AS VARCHAR) AS DOUBLE)`
does to a FLOAT), noted naming the column.
"""

from __future__ import annotations

from typing import Any

REAL = 700  # the type oid of `real` (float4)


def notes(description: Any) -> list[str]:
    """A note for each `real` column of a result (its cursor's description)."""
    return [f"column {column.name}: Postgres real (float4) read as DOUBLE holding each value "
            f"as Postgres writes it (4.86, not the float4's bits widened: 4.860000133514404)"
            for column in description if column.type_code == REAL]
