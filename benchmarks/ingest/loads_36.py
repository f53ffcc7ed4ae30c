"""The load-level cases of stage 36 (lu1-lu4): deliveries over two runs from a mortgage
servicer's Postgres database, a county assessor's sales feed, the US Postal Service's
yearly statistics and an insurer's marketing figures, written with their expectations
after stages 1-35 had all been seen, and never run while they were written (held out). See
`loads.py` for how a case is written and run."""

from __future__ import annotations

import datetime
from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lu1: a mortgage servicer's loans, the term a Postgres `interval` of whole years
PG_SOURCE_36 = per_run("stage36_bench_src")
EXTENDED = (1, 20, 40, 60, 78)  # the loans whose term run 2 extends (a modification)
EXTENSION_YEARS = 5
LOAN_COLUMNS = ["id", "rate", "interest", "points", "cast(term as varchar) as term"]


def _loans() -> list[tuple]:
    """AER's `Mortgage` (78 US mortgages, fixed or adjustable: the rate, points and the
    years of the loan): id, rate, interest, points, term in years."""
    frame = _rdata("AER", "Mortgage")
    return [(int(r.rownames), r.rate, float(r.interest), float(r.points), int(r.years))
            for r in frame.itertuples(index=False)]


def _lu1_first() -> None:
    """The table `loans` whose `term` is an `interval` (`1 year`, `11 years`)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_36} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_36}")
        db.execute(f"CREATE TABLE {PG_SOURCE_36}.loans (id integer PRIMARY KEY, rate text, "
                   f"interest numeric, points numeric, term interval)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_36}.loans VALUES (%s, %s, %s, %s, "
                f"make_interval(years => %s))", _loans())


def _lu1_second() -> None:
    """Five loans modified: their terms five years longer."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_36}.loans SET term = term + make_interval(years => %s) "
            f"WHERE id = %s", [(EXTENSION_YEARS, loan) for loan in EXTENDED])


def _lu1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_36} CASCADE")


def years_text(years: int) -> str:
    """A whole number of years as Postgres and DuckDB both print the interval."""
    return "1 year" if years == 1 else f"{years} years"


def _lu1_expect() -> list[tuple]:
    """After run 2: every term as its years (`11 years`), five extended; never days."""
    return [(i, rate, interest, points,
             years_text(years + (EXTENSION_YEARS if i in EXTENDED else 0)))
            for i, rate, interest, points, years in _loans()]


# lu2: the assessor's second delivery written without its header line
SALE_SPLIT = 44  # rows of the first delivery
SALE_COLUMNS = ["id", "price", "assess", "bdrms", "lotsize", "sqrft", "colonial"]


def _sales():
    """wooldridge's `hprice1` (88 house sales in Boston, 1990, with their assessed value),
    `id` the sale's row."""
    frame = _rdata("wooldridge", "hprice1").rename(columns={"rownames": "id"})
    return frame[SALE_COLUMNS]


def _lu2_second(folder: Path) -> None:
    """`sales-2.csv`: the later sales, exported with "include column headers" unticked."""
    (folder / "landing" / "sales-2.csv").write_text(
        _sales().iloc[SALE_SPLIT:].to_csv(index=False, header=False))


def _lu2_expect() -> list[tuple]:
    return [(int(r.id), float(r.price), float(r.assess), int(r.bdrms), int(r.lotsize),
             int(r.sqrft), int(r.colonial)) for r in _sales().itertuples(index=False)]


# lu3: a column empty in every row of the first delivery, filled in the second
MAIL_COLUMNS = ["year", "income", "expenses", "post_offices", "pieces_of_mail"]


def _mail():
    """Ecdat's `USPS` (the US Post Office's yearly figures, 1789-2021): income, expenses,
    post offices, and pieces of mail, counted from 1847 on."""
    frame = _rdata("Ecdat", "USPS")
    return frame[["Year", "Income", "Expenses", "postOffices", "piecesOfMail"]].set_axis(
        MAIL_COLUMNS, axis=1)


def mail_split() -> int:
    """The rows of the first delivery: every year before mail was counted."""
    return int(_mail().pieces_of_mail.first_valid_index())


def _lu3_expect() -> list[tuple]:
    return [(int(r.year), float(r.income), float(r.expenses), int(r.post_offices),
             None if r.pieces_of_mail != r.pieces_of_mail else float(r.pieces_of_mail))
            for r in _mail().itertuples(index=False)]


# lu4: the second delivery's numbers with more decimals than the first's
QUOTE_SPLIT = 20  # the first delivery's months, rounded to two decimals
QUOTE_COLUMNS = ["month", "quotes", "tv_adverts"]


def _quotes():
    """fpp3's `insurance` (a US insurer's monthly quotations and television advertising
    expenditure, 2002-2005), the month as its first day."""
    frame = _rdata("fpp3", "insurance")
    months = [datetime.datetime.strptime(m, "%Y %b").date().isoformat() for m in frame.Month]
    return frame.assign(Month=months)[["Month", "Quotes", "TVadverts"]].set_axis(
        QUOTE_COLUMNS, axis=1)


def _rounded(frame):
    """The old export's figures: two decimals."""
    return frame.assign(quotes=frame.quotes.round(2), tv_adverts=frame.tv_adverts.round(2))


def _lu4_second(folder: Path) -> None:
    """`quotes-2.csv`: the later months from the new export, unrounded (`15.38714`)."""
    (folder / "landing" / "quotes-2.csv").write_text(
        _quotes().iloc[QUOTE_SPLIT:].to_csv(index=False))


def _lu4_expect() -> list[tuple]:
    frame = _quotes()
    rows = [*_rounded(frame.iloc[:QUOTE_SPLIT]).itertuples(index=False),
            *frame.iloc[QUOTE_SPLIT:].itertuples(index=False)]
    return [(r.month, float(r.quotes), float(r.tv_adverts)) for r in rows]


LOAD_CASES = [
    LoadCase(
        "lu1_mortgage_pg_interval_years",
        36,
        "replace from a mortgage servicer's Postgres table whose `term` is an `interval` of "
        "whole years (`1 year`, `11 years`: months, which no number of days is), five terms "
        "five years longer in run 2: 78 rows, each term its years (`16 years` read back as "
        "`16 years`); or a refusal naming `term`; never days (365 or 360 a year), months as "
        "a bare number, or NULL",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lu1_first(), lambda folder: _lu1_second()],
        _lu1_expect,
        columns=LOAN_COLUMNS,
        cleanup=_lu1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_36}.loans\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lu2_hprice1_headerless_delivery",
        36,
        "incremental_files over `landing/*.csv`: an assessor's sales feed whose second "
        "delivery was exported without its header line (the first sale's values where the "
        "names were): 88 rows, the second file's values by position under the same names; "
        "or a refusal naming the file; never its first sale taken for names (a row lost and "
        "names `45`, `375.0`, `354.0` ...) or its rows NULL",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "sales-1.csv", _sales().iloc[:SALE_SPLIT]), _lu2_second],
        _lu2_expect,
        columns=SALE_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lu3_usps_column_empty_then_filled",
        36,
        "incremental_files over `landing/*.csv`: the first delivery (1789-1846) has "
        "`pieces_of_mail` empty in every row, the second fills it (mail counted from 1847): "
        "233 rows, `pieces_of_mail` doubles from 1847 (NULL before and where not counted); "
        "or a refusal naming the file and the column; never the numbers kept as text "
        "(`'3860.2'`) because the first file typed the column, or NULL",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "usps-1.csv", _mail().iloc[:mail_split()]),
         lambda folder: _land(folder, "usps-2.csv", _mail().iloc[mail_split():])],
        _lu3_expect,
        columns=MAIL_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lu4_insurance_more_decimals_delivery",
        36,
        "incremental_files over `landing/*.csv`: an insurer's marketing figures, the first "
        "delivery rounded to two decimals (`12.97`), the second from the new export "
        "unrounded (`15.38714`): 40 rows, the second's values whole; never rounded to the "
        "first delivery's two decimals (a DECIMAL(p,2) column) or rejected",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "quotes-1.csv", _rounded(_quotes().iloc[:QUOTE_SPLIT])),
         _lu4_second],
        _lu4_expect,
        columns=QUOTE_COLUMNS,
    ),
]
