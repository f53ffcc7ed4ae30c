"""The load-level cases of stage 23 (lh1-lh4): deliveries over two runs, written with their
expectations after stages 1-22 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lh1: a Postgres source table with an `xml` column; run 2 corrects five cars' mpg
PG_SOURCE_23 = per_run("stage23_bench_src")
AUTO_REVISED = (1, 2, 3, 4, 5)  # the cars whose mpg run 2 corrects
AUTO_MPG_CHANGE = 1.5  # miles per gallon added to them in run 2


def _auto():
    """ISLR's `Auto` (cars of 1970-1982), `id` the row."""
    frame = _rdata("ISLR", "Auto")[["rownames", "mpg", "cylinders", "weight", "year", "origin",
                                    "name"]]
    return frame.rename(columns={"rownames": "id"})


def _spec(name: str, origin: int) -> str:
    """A car's specification as the catalogue application stores it: an XML document."""
    return f"<car><name>{escape(name)}</name><origin>{origin}</origin></car>"


def _lh1_first() -> None:
    """The table `cars` with the column `spec` of type `xml`."""
    import psycopg

    rows = [
        (int(r.id), float(r.mpg), int(r.cylinders), int(r.weight), int(r.year),
         _spec(r.name, int(r.origin)))
        for r in _auto().itertuples(index=False)
    ]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_23} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_23}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_23}.cars (id integer PRIMARY KEY, mpg double precision, "
            "cylinders integer, weight integer, year integer, spec xml)"
        )
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_23}.cars VALUES (%s, %s, %s, %s, %s, XMLPARSE(DOCUMENT %s))",
                rows,
            )


def _lh1_second() -> None:
    """Five cars' mpg corrected."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_23}.cars SET mpg = mpg + %s WHERE id = %s",
            [(AUTO_MPG_CHANGE, car) for car in AUTO_REVISED],
        )


def _lh1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_23} CASCADE")


def _lh1_expect() -> list[tuple]:
    return [
        (
            int(r.id),
            float(r.mpg) + (AUTO_MPG_CHANGE if r.id in AUTO_REVISED else 0),
            int(r.cylinders),
            int(r.weight),
            int(r.year),
        )
        for r in _auto().itertuples(index=False)
    ]


# lh2: the second delivery arrives zipped, the glob matching the archive
CARSEATS_SPLIT = 200  # rows of the first delivery
CARSEATS_COLUMNS = ["id", "sales", "price", "shelf_location", "age", "urban"]


def _carseats():
    """ISLR's `Carseats` (child car seat sales at 400 stores), `id` the store."""
    frame = _rdata("ISLR", "Carseats")[["rownames", "Sales", "Price", "ShelveLoc", "Age",
                                        "Urban"]]
    return frame.set_axis(CARSEATS_COLUMNS, axis=1)


def _lh2_second(folder: Path) -> None:
    """The second delivery as a ZIP archive (`carseats-2.zip`) holding `carseats-2.csv`."""
    with zipfile.ZipFile(folder / "landing" / "carseats-2.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("carseats-2.csv", _carseats().iloc[CARSEATS_SPLIT:].to_csv(index=False))


def _lh2_expect() -> list[tuple]:
    return [
        (int(r.id), float(r.sales), int(r.price), r.shelf_location, int(r.age), r.urban)
        for r in _carseats().itertuples(index=False)
    ]


# lh3: a browser downloaded the second delivery twice: `housing-2 (1).csv`, the same bytes
HOUSING_SPLIT = 300  # rows of the first delivery
HOUSING_COLUMNS = ["id", "price", "lotsize", "bedrooms", "driveway"]


def _housing():
    """Ecdat's `Housing` (house sales in Windsor, Canada, 1987), `id` the sale."""
    return _rdata("Ecdat", "Housing")[["rownames", "price", "lotsize", "bedrooms",
                                       "driveway"]].set_axis(HOUSING_COLUMNS, axis=1)


def _lh3_second(folder: Path) -> None:
    """The second delivery and the browser's second copy of it beside it."""
    _land(folder, "housing-2.csv", _housing().iloc[HOUSING_SPLIT:])
    _land(folder, "housing-2 (1).csv", _housing().iloc[HOUSING_SPLIT:])


def _lh3_expect() -> list[tuple]:
    return [
        (int(r.id), float(r.price), int(r.lotsize), int(r.bedrooms), r.driveway)
        for r in _housing().itertuples(index=False)
    ]


# lh4: a dangling symbolic link among the deliveries (its target moved by the export job)
SMARKET_SPLIT = 625  # rows of the first delivery
SMARKET_COLUMNS = ["id", "year", "lag1", "volume", "today", "direction"]


def _smarket():
    """ISLR's `Smarket` (the S&P 500's daily returns, 2001-2005), `id` the day."""
    return _rdata("ISLR", "Smarket")[["rownames", "Year", "Lag1", "Volume", "Today",
                                      "Direction"]].set_axis(SMARKET_COLUMNS, axis=1)


def _lh4_second(folder: Path) -> None:
    """The second delivery, and `smarket-latest.csv`, a symbolic link the export job left
    pointing at `../outbox/smarket-3.csv`, which it has since moved away."""
    _land(folder, "smarket-2.csv", _smarket().iloc[SMARKET_SPLIT:])
    (folder / "landing" / "smarket-latest.csv").symlink_to(Path("..", "outbox", "smarket-3.csv"))


def _lh4_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.year), float(r.lag1), float(r.volume), float(r.today), r.direction)
        for r in _smarket().itertuples(index=False)
    ]


LOAD_CASES = [
    LoadCase(
        "lh1_auto_pg_xml",
        23,
        "replace from a Postgres table with a column `spec` of type `xml` "
        "(`<car><name>...</name><origin>1</origin></car>`), run 2 after five cars' mpg were "
        "corrected: 392 rows with `id`, `mpg`, `cylinders`, `weight` and `year` as the table "
        "holds them (`spec` kept as the document's text, or left out with a note); or a "
        "refusal naming the column; never a crash or run 1's mpg",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lh1_first(), lambda folder: _lh1_second()],
        _lh1_expect,
        columns=["id", "mpg", "cylinders", "weight", "year"],
        cleanup=_lh1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_23}.cars\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lh2_carseats_zip_delivery",
        23,
        "incremental_files over `landing/*`: the first delivery a CSV, the second a ZIP "
        "archive `carseats-2.zip` holding `carseats-2.csv`: 400 rows, the archive's CSV "
        "read; or a refusal naming the archive; never the ZIP's bytes read as rows, "
        "rejects of binary, or the second delivery lost in silence",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "carseats-1.csv", _carseats().iloc[:CARSEATS_SPLIT]),
            _lh2_second,
        ],
        _lh2_expect,
        columns=CARSEATS_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lh3_housing_browser_duplicate",
        23,
        "incremental_files over `landing/*.csv`: run 2 finds the second delivery and a "
        "browser's second download of it, `housing-2 (1).csv`, the same bytes: 546 rows, "
        "the copy skipped as already loaded content (a warning welcome); or a refusal "
        "naming the copy; never the second delivery's 246 rows loaded twice",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "housing-1.csv", _housing().iloc[:HOUSING_SPLIT]),
            _lh3_second,
        ],
        _lh3_expect,
        columns=HOUSING_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lh4_smarket_dangling_symlink",
        23,
        "incremental_files over `landing/*.csv`: beside the second delivery a symbolic "
        "link `smarket-latest.csv` whose target the export job moved away (dangling): 1250 "
        "rows, the link skipped with a warning naming it; or a refusal naming it; never a "
        "traceback or the second delivery lost",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "smarket-1.csv", _smarket().iloc[:SMARKET_SPLIT]),
            _lh4_second,
        ],
        _lh4_expect,
        columns=SMARKET_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
