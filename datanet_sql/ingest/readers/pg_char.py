"""Postgres `character(n)` values without the blanks Postgres pads them with.

A `character(8)` column (`bpchar`; an ERP's or a COBOL system's fixed-width codes) stores
`'bp'` as `'bp      '`, and psycopg hands the padded text over: read as it comes, every
code of the loaded table carried the blanks, so `where currency = 'bp'` in the warehouse
found nothing and a join on the code matched no row. Postgres itself treats the blanks as
insignificant: it compares `'bp'::character(8) = 'bp'`, and casting to text drops them. So
the values are read as Postgres compares them, trailing blanks dropped (other whitespace,
and leading blanks, kept), noted naming the column once a read. A `varchar` or `text`
column keeps its trailing blanks: there they are part of the value.
"""

from __future__ import annotations

from functools import cache
from typing import Any

BPCHAR = 1042  # the type oid of `character(n)`


@cache
def _loader() -> type:
    """psycopg's text loader with the padding dropped (psycopg is imported only when
    Postgres is read)."""
    from psycopg.types.string import TextLoader

    class Unpadded(TextLoader):  # type: ignore[misc, valid-type]
        def load(self, data: Any) -> Any:
            return super().load(data).rstrip(" ")
    return Unpadded


def register(connection: Any) -> None:
    """Load the connection's `character(n)` values without their padding."""
    connection.adapters.register_loader("bpchar", _loader())


def notes(description: Any) -> list[str]:
    """A note for each `character(n)` column of a result (its cursor's description)."""
    return [f"column {column.name}: character({column.display_size or 1}) read without the "
            f"blanks Postgres pads it with (as Postgres compares it and casts it to text)"
            for column in description if column.type_code == BPCHAR]
