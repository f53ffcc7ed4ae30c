"""A phone number written without its country code takes the country of its own row (the
model's country column), on DuckDB and on the real Postgres server."""

from __future__ import annotations

import psycopg
import pytest
from sqlglot import parse_one

from datanet_sql.generate import cleanse_query, plan_column
from generate.helpers import PG_DSN

ROWS = [  # (id, phone, country, E.164 expected)
    (1, "02 61 03 96 87", "FR", "+33261039687"),        # trunk 0 dropped, row's code added
    (2, "01314960834", " gb ", "+441314960834"),        # country as typed: trimmed, any case
    (3, "+44 (0)20 7496 0296", "GB", "+442074960296"),  # trunk (0) inside an international one
    (4, "(415) 555-0123", "US", "+14155550123"),
    (5, "1 (708) 568-2153", "CA", "+17085682153"),      # already starts with the row's code
    (6, "030 1234567", "DE", "+49301234567"),
    (7, "7700 900123", "GB", "+447700900123"),          # national number without trunk 0
    (8, "0033 4 49 36 47 86", "DE", "+33449364786"),    # dialled internationally: kept
    (9, "(212) 555-0188", None, "+12125550188"),        # no country: the table's usual one
    (10, "612-345-6789", "Atlantis", "+16123456789"),   # not a country: the table's usual one
    (11, "212-555-0190", "us", "+12125550190"),
    (12, "212-555-0191", "US", "+12125550191"),
    (13, "212-555-0192", "US", "+12125550192"),
]
SOURCE = parse_one("SELECT * FROM (VALUES " + ", ".join(
    f"({i}, '{p}', {'NULL' if c is None else repr(c)})" for i, p, c, _ in ROWS) +
    ") AS v(id, phone, country)")


def _query(dialect: str) -> str:
    countries = [c for _, _, c, _ in ROWS]
    phones = [p for _, p, _, _ in ROWS]
    plans = {"phone": plan_column("phone", "phone", "VARCHAR", phones,
                                  siblings={"country_code": ("country", countries)}),
             "country": plan_column("country", "country_code", "VARCHAR", countries)}
    return cleanse_query(SOURCE, plans, ["id"]).sql(dialect)


def test_the_rule_names_the_row_country_and_the_fallback() -> None:
    plan = plan_column("phone", "phone", "VARCHAR", ["(415) 555-0123"],
                       siblings={"country_code": ("country", ["FR", "fr", "GB"])})
    assert plan.rules[-1] == "phone(+row's country, else +33)"   # the usual country's code
    alone = plan_column("phone", "phone", "VARCHAR", ["(415) 555-0123"])
    assert alone.rules[-1] == "phone(+1)"


def test_phones_take_their_rows_country_on_duckdb(duck) -> None:
    rows = duck.execute(_query("duckdb") + " ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(i, want) for i, _, _, want in ROWS]


def test_phones_take_their_rows_country_on_postgres() -> None:
    with psycopg.connect(PG_DSN, autocommit=True) as con:
        rows = con.execute(_query("postgres") + " ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(i, want) for i, _, _, want in ROWS]


@pytest.mark.parametrize("option, want", [("country_column", "+33261039687")])
def test_an_explicit_country_column_option(duck, option: str, want: str) -> None:
    duck.execute("CREATE TABLE t AS SELECT '0261039687' AS phone, 'fr' AS land")
    plan = plan_column("phone", "phone", "VARCHAR", ["0261039687"], [{"phone": {option: "land"}}])
    query = cleanse_query(parse_one("SELECT * FROM t"), {"phone": plan}, ["land"])
    assert duck.execute(query.sql("duckdb")).fetchall() == [("fr", want)]
