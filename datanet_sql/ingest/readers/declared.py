"""Declared column types (`columns: {quantity: integer}`): parsing them and saying why a
value does not fit, in the words a user wrote."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import ParseError

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.names import snake_case


def declared_types(columns: dict[str, str], file: str) -> dict[str, tuple[exp.DataType, str]]:
    """{snake_cased column: (DuckDB type, the type as the user wrote it)}; a type sqlglot
    cannot parse is an error naming the column."""
    parsed = {}
    for name, spelled in (columns or {}).items():
        try:
            parsed[snake_case(name)] = (exp.DataType.build(str(spelled), dialect="duckdb"),
                                        str(spelled))
        except (ParseError, ValueError):
            raise IngestError(f"column '{name}' is declared as '{spelled}', not a type",
                              file=file, column=name,
                              hint="use a SQL type: integer, bigint, decimal(12,2), double, "
                                   "date, timestamp, varchar, boolean") from None
    return parsed


def misfit(column: str, value: object, spelled: str) -> str:
    """`quantity: 'abc' is not an integer`."""
    article = "an" if spelled[:1].lower() in "aeiou" else "a"
    return f"{column}: {value!r} is not {article} {spelled}"
