"""Postgres values read the same whatever the server's locale and output settings.

Postgres writes some types as text that hangs on settings of the database, the role or the
server, and psycopg reads that text back:
- `money` as its `lc_monetary` locale writes it (`$46,638.50`, `46.638,50 €`): psycopg has no
  loader for it, so a payroll's pay was loaded as that text, silently no number. Each `money`
  column (or a domain over it) is cast to `numeric(19, s)` on the server instead, `s` the
  locale's digits after the point: the cast works on money's whole count of cents, so it is
  exact whatever the locale (19 digits hold every money value), noted naming the column;
- dates and timestamps as `DateStyle` writes them (`German` `04.03.2026`, `SQL, DMY`
  `04/03/2026`), intervals as `IntervalStyle` does (`sql_standard` `1 2:03:04`): psycopg
  reads only ISO and `postgres`, and refused the others, crashing the read;
- doubles with `extra_float_digits` below 1 rounded to 15 digits (`0.30000000000000004`
  written `0.3`): silently another number.
So the session reads with `DateStyle` ISO, `IntervalStyle` postgres and `extra_float_digits`
1 (the shortest text that reads back exact), which change only how values are written.

`numeric`, integers, booleans and `lc_numeric` (which only `to_char` uses) need nothing.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.ingest.readers.sql import column

MONEY_DIGITS = 19  # digits of money's largest value, 92233720368547758.07 (a 64-bit count)
_SETTINGS = {"DateStyle": "ISO, YMD", "IntervalStyle": "postgres", "extra_float_digits": "1"}


def register(connection: Any) -> None:
    """Write the session's dates, intervals and doubles as psycopg reads them exactly."""
    for name, value in _SETTINGS.items():
        connection.execute("SELECT set_config(%s, %s, false)", (name, value))


def selected(connection: Any, table_oid: int) -> tuple[list[exp.Expression] | None, list[str]]:
    """The table's columns as they are to be selected, each `money` one cast to numeric, and
    a note per such column; (None, []) when it has none (every column as it is, `*`)."""
    columns = connection.execute(
        "SELECT a.attname, coalesce(nullif(t.typbasetype, 0), t.oid) = 'money'::regtype"
        " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
        " WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        (table_oid,)).fetchall()
    money = [name for name, is_money in columns if is_money]
    if not money:
        return None, []
    scale = connection.execute("SELECT scale(0::money::numeric)").fetchone()[0]
    written = connection.execute("SELECT 46638.5::money::text").fetchone()[0]
    numeric = exp.DataType.build(f"numeric({MONEY_DIGITS}, {scale})", dialect="postgres")
    return ([exp.cast(column(name), numeric).as_(name) if name in money else column(name)
             for name, _ in columns],
            [f"column {name}: Postgres money read as numeric({MONEY_DIGITS},{scale}), cast on "
             f"the server (exact): Postgres writes money as text in its lc_monetary locale "
             f"({written})" for name in money])
