"""Postgres values read the same whatever the server's locale and output settings
(`readers.pg_locale`): `money` as numbers (it was loaded as the text `$46,638.50`), dates and
intervals under any `DateStyle` / `IntervalStyle` (psycopg refused them, crashing the read),
doubles exact under `extra_float_digits = 0` (written rounded to 15 digits). On real
Postgres source tables, loaded into DuckDB and into Postgres."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from ingest_helpers import PG_DSN, Place, pg_source_schema

from datanet_sql.ingest import reading
from datanet_sql.ingest.loader import load
from datanet_sql.ingest.reading import read_table

MONEY_NOTE = ("column {}: Postgres money read as numeric(19,2), cast on the server (exact): "
              "Postgres writes money as text in its lc_monetary locale ($46,638.50)")


@pytest.fixture
def payroll() -> Iterator[str]:
    """A school district's payroll: `base` and `total` of the type money, `bonus` of a
    domain over it, `grade` text that looks like money."""
    with pg_source_schema("pgsource_src") as (con, schema):
        con.execute(f'create domain "{schema}".pay as money')
        con.execute(f'create table "{schema}".payroll (id integer primary key, degree text, '
                    f'base money, total money, bonus "{schema}".pay, grade text)')
        con.execute(f'insert into "{schema}".payroll values '
                    "(1, 'BA', 45388, 46638.5, 100, '$1,000.00'), "
                    "(2, 'MA', '-12.34', '92233720368547758.07', null, 'A'), "
                    "(3, null, null, 0, '$0.05', null)")
        yield f"{schema}.payroll"


def test_money_is_read_as_exact_numbers(payroll: str) -> None:
    batch, = read_table("postgres", PG_DSN, payroll, {})
    schema = batch.table.schema
    assert [str(schema.field(n).type) for n in ("base", "total", "bonus", "grade")] == [
        "decimal128(19, 2)", "decimal128(19, 2)", "decimal128(19, 2)", "string"]
    assert batch.table.select(["id", "base", "total", "bonus", "grade"]).to_pylist() == [
        {"id": 1, "base": Decimal("45388.00"), "total": Decimal("46638.50"),
         "bonus": Decimal("100.00"), "grade": "$1,000.00"},     # text stays text
        {"id": 2, "base": Decimal("-12.34"), "total": Decimal("92233720368547758.07"),
         "bonus": None, "grade": "A"},
        {"id": 3, "base": None, "total": Decimal("0.00"), "bonus": Decimal("0.05"),
         "grade": None}]
    assert [n for n in batch.schema_notes if "money" in n] == [
        MONEY_NOTE.format(name) for name in ("base", "total", "bonus")]


def test_money_is_loaded_as_numbers(tmp_path: Path, place: Place, payroll: str) -> None:
    table = f"t_{uuid.uuid4().hex[:8]}"
    job = place.job(tmp_path, table, "replace", path=None, dsn=PG_DSN, format="postgres",
                    source_table=payroll)
    loaded = load(place.adapter, job, reading)
    assert place.rows(table, "id, degree, base, total, bonus", "id") == [
        (1, "BA", Decimal("45388.00"), Decimal("46638.50"), Decimal("100.00")),
        (2, "MA", Decimal("-12.34"), Decimal("92233720368547758.07"), None),
        (3, None, None, Decimal("0.00"), Decimal("0.05"))]
    assert place.fetch(f"select sum(base) from {place.schema}.{table}") == \
        [(Decimal("45375.66"),)]
    assert MONEY_NOTE.format("base") in loaded.read_notes


def test_money_with_a_declared_type_and_a_cursor(payroll: str) -> None:
    """The user's declared type applies to the numbers; a cursor over the key still works."""
    batch, = read_table("postgres", PG_DSN, payroll, {"base": "double"}, cursor="id", after=2)
    assert batch.table.select(["id", "base", "total"]).to_pylist() == [
        {"id": 2, "base": -12.34, "total": Decimal("92233720368547758.07")},
        {"id": 3, "base": None, "total": Decimal("0.00")}]


def test_a_money_cursor_is_compared_as_the_numbers_read(payroll: str) -> None:
    """An incremental read after the last total loaded (a number now, no longer text)."""
    batch, = read_table("postgres", PG_DSN, payroll, {}, cursor="total",
                        after=Decimal("46638.50"))
    assert batch.table.select(["id", "total"]).to_pylist() == [
        {"id": 1, "total": Decimal("46638.50")},
        {"id": 2, "total": Decimal("92233720368547758.07")}]


def test_a_table_without_money_is_read_as_before(payroll: str) -> None:
    """Near miss: numeric and text holding money-like text are untouched, and unnoted."""
    schema = payroll.split(".")[0]
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(f'create table "{schema}".prices (id int primary key, price numeric, '
                    "label text, Amount numeric(8,2))")
        con.execute(f'insert into "{schema}".prices values (1, 46638.5, \'$46,638.50\', 1.5)')
    batch, = read_table("postgres", PG_DSN, f"{schema}.prices", {})
    assert batch.table.select(["id", "price", "label", "amount"]).to_pylist() == [
        {"id": 1, "price": Decimal("46638.5"), "label": "$46,638.50",
         "amount": Decimal("1.50")}]
    assert not any("money" in n for n in batch.schema_notes)


@pytest.mark.parametrize("options", [
    "-c DateStyle=German", "-c DateStyle=SQL,DMY", "-c DateStyle=Postgres,MDY",
    "-c IntervalStyle=sql_standard", "-c IntervalStyle=iso_8601",
    "-c extra_float_digits=0"])
def test_values_are_read_whatever_the_server_writes_them_in(options: str) -> None:
    """A database or role set to another DateStyle, IntervalStyle or float precision (here by
    the connection's options, as `ALTER DATABASE ... SET` would)."""
    with pg_source_schema("pgsource_src") as (con, schema):
        con.execute(f'create table "{schema}".visits (id int primary key, day date, '
                    "at timestamp, at_tz timestamptz, stay interval, ratio float8)")
        con.execute(f'insert into "{schema}".visits values (1, \'2026-03-04\', '
                    "'2026-03-04 05:06:07.5', '2026-03-04 05:06:07+00', '1 day 02:03:04', "
                    "0.1::float8 + 0.2::float8)")
        dsn = f"{PG_DSN}?options={quote(options)}"
        batch, = read_table("postgres", dsn, f"{schema}.visits", {})
    row, = batch.table.select(["day", "at", "at_tz", "stay", "ratio"]).to_pylist()
    assert row["day"] == date(2026, 3, 4)
    assert row["at"] == datetime(2026, 3, 4, 5, 6, 7, 500000)
    assert row["at_tz"].replace(tzinfo=None) == datetime(2026, 3, 4, 5, 6, 7)
    assert row["stay"] == (0, 1, 7384 * 10**9)   # months, days, nanoseconds: `pg_interval`
    assert row["ratio"] == 0.30000000000000004
