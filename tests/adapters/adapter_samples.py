"""Sample rows and helpers shared by the adapter tests (a uniquely named module, so that it
never collides with another area's test helpers on pytest's import path)."""

from __future__ import annotations

import pyarrow as pa

from datanet_sql.adapters.base import Adapter, Relation

# the rows every sample file holds: unicode, NULLs in text and number columns
SAMPLE_ROWS = [(1, "Zoë", "Köln", 10.5), (2, None, "東京", None), (3, "Ola", None, 7.25)]
SAMPLE_COLUMNS = ["id", "name", "city", "amount"]


def sample_table() -> pa.Table:
    return pa.table({name: [row[i] for row in SAMPLE_ROWS]
                     for i, name in enumerate(SAMPLE_COLUMNS)})


def rows(adapter: Adapter, relation: Relation) -> list[tuple]:
    """All rows, sorted (engines return them in any order); numbers as float for comparison."""
    _, result = adapter.fetch(adapter.select_star(relation))
    return sorted((tuple(_plain(v) for v in row) for row in result), key=repr)


def _plain(value: object) -> object:
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value
