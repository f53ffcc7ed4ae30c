"""The load-level cases of stage 32 (lq1-lq4): deliveries over two runs from retail,
marketing and app systems, written with their expectations after stages 1-30 had all been
seen, and never run while they were written (held out). See `loads.py` for how a case is
written and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from build18 import _csv_text
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lq1: an app database's table with columns dropped by migrations (Postgres keeps them in
# pg_attribute, `attisdropped`, named `........pg.dropped.N........`)
PG_SOURCE_32 = per_run("stage32_bench_src")
PRICES_REVISED = (3, 100, 480, 777, 966)  # the ids whose `close` run 2 revises
CLOSE_CHANGE = 2.5  # added to them
PRICE_COLUMNS = ["id", "day", "close", "high", "low"]  # after both migrations


def _prices():
    """stevedata's `Arca` (NYSE Arca Steel index, daily, 2017-2020), `id` the row."""
    frame = _rdata("stevedata", "Arca")
    return frame.set_axis(["id", "day", "close", "open", "high", "low"], axis=1)


def _lq1_first() -> None:
    """The table `prices` as a trading app's migrations left it: made with a
    `legacy_ticker` column that a migration dropped before run 1."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_32} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_32}")
        db.execute(f"CREATE TABLE {PG_SOURCE_32}.prices (id integer PRIMARY KEY, "
                   f"legacy_ticker text, day date, close double precision, "
                   f"open double precision, high double precision, low double precision)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_32}.prices VALUES (%s, 'ARCA', %s, %s, %s, %s, %s)",
                [(int(r.id), r.day, float(r.close), float(r.open), float(r.high),
                  float(r.low)) for r in _prices().itertuples(index=False)],
            )
        db.execute(f"ALTER TABLE {PG_SOURCE_32}.prices DROP COLUMN legacy_ticker")


def _lq1_second() -> None:
    """A second migration drops `open`; five closes are revised."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {PG_SOURCE_32}.prices DROP COLUMN open")
        cursor.executemany(f"UPDATE {PG_SOURCE_32}.prices SET close = close + %s WHERE id = %s",
                           [(CLOSE_CHANGE, row) for row in PRICES_REVISED])


def _lq1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_32} CASCADE")


def _lq1_expect() -> list[tuple]:
    """The table as it is after run 2: `id`, `day`, `close` (five revised), `high`, `low`."""
    return [
        (int(r.id), r.day, float(r.close) + (CLOSE_CHANGE if r.id in PRICES_REVISED else 0),
         float(r.high), float(r.low))
        for r in _prices().itertuples(index=False)
    ]


# lq2: the second delivery's header respelled by the POS's new export
TIPS_SPLIT = 50  # rows of the first delivery
TIPS_COLUMNS = ["week", "day", "number_of_people", "bill", "tip"]
TIPS_HEADER_V1 = ["Week", "Day", "Number of People", "Bill", "Tip"]


def _tips():
    """openintro's `tips` (a waiter's tips at a restaurant, by day)."""
    return _rdata("openintro", "tips").drop(columns=["rownames"]).set_axis(TIPS_COLUMNS, axis=1)


def _lq2_first(folder: Path) -> None:
    """The old export: names in title case with spaces (`Number of People`)."""
    path = folder / "landing" / "tips-1.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [TIPS_HEADER_V1] + [list(r) for r in _tips().iloc[:TIPS_SPLIT].itertuples(index=False)]
    path.write_text(_csv_text(rows))


def _lq2_expect() -> list[tuple]:
    return [(int(r.week), r.day, float(r.number_of_people), float(r.bill), float(r.tip))
            for r in _tips().itertuples(index=False)]


# lq3: an inventory snapshot that holds a key twice, an older and a newer revision
YOGURT_SPLIT = 2000  # rows of the first delivery
YOGURT_COLUMNS = ["id", "household", "price_yoplait", "price_dannon", "choice", "version"]
RESENT = {2: True, 40: False, 333: True, 1200: False, 1500: False, 1999: True}  # id - 1 ->
# whether the newer revision comes first in the file (the cursor, not the order, decides)
OLDER_CHANGE, NEWER_CHANGE = 0.5, 1.0  # added to `price_yoplait` by revisions 2 and 3


def _yogurt():
    """Ecdat's `Yogurt` (households' yogurt purchases), `id` the purchase, `version` 1."""
    frame = _rdata("Ecdat", "Yogurt").rename(columns={"id": "household", "rownames": "id"})
    frame = frame.rename(columns=lambda c: c.replace(".", "_"))
    return frame.assign(version=1)[YOGURT_COLUMNS]


def _revision(row, version: int, change: float) -> list:
    return [row.id, row.household, round(row.price_yoplait + change, 2), row.price_dannon,
            row.choice, version]


def _lq3_second(folder: Path) -> None:
    """The second delivery: the purchases after the first 2000, then for six ids two
    revisions each (2 and 3), three of them with the newer written first."""
    frame = _yogurt()
    rows = [YOGURT_COLUMNS] + [list(r) for r in frame.iloc[YOGURT_SPLIT:].itertuples(index=False)]
    for index, newer_first in RESENT.items():
        row = frame.iloc[index]
        pair = [_revision(row, 2, OLDER_CHANGE), _revision(row, 3, NEWER_CHANGE)]
        rows += pair[::-1] if newer_first else pair
    (folder / "landing" / "yogurt-2.csv").write_text(_csv_text(rows))


def _lq3_expect() -> list[tuple]:
    return [(int(r.id), int(r.household),
             round(r.price_yoplait + NEWER_CHANGE, 2) if i in RESENT else r.price_yoplait,
             r.price_dannon, r.choice, 3 if i in RESENT else 1)
            for i, r in enumerate(_yogurt().itertuples(index=False))]


# lq4: the second delivery saved by a colleague's German Excel: `;` and decimal commas
FISHING_SPLIT = 600  # rows of the first delivery
FISHING_COLUMNS = ["mode", "price", "catch", "income"]


def _fishing():
    """Ecdat's `Fishing` (anglers' choice of fishing mode, price, catch rate, income)."""
    return _rdata("Ecdat", "Fishing")[FISHING_COLUMNS]


def _lq4_second(folder: Path) -> None:
    """`fishing-2.csv` as Excel saves a CSV in a German locale: `;`, decimal commas, CRLF."""
    rows = [FISHING_COLUMNS] + [
        [r.mode, *(str(v).replace(".", ",") for v in r[1:])]
        for r in _fishing().iloc[FISHING_SPLIT:].itertuples(index=False)]
    text = _csv_text(rows, ";").replace("\n", "\r\n")
    (folder / "landing" / "fishing-2.csv").write_text(text, newline="")


def _lq4_expect() -> list[tuple]:
    return [(r.mode, float(r.price), float(r.catch), float(r.income))
            for r in _fishing().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lq1_arca_pg_dropped_columns",
        32,
        "replace from an app's Postgres table whose migrations dropped `legacy_ticker` "
        "before run 1 and `open` before run 2 (Postgres keeps both in its catalog as "
        "`........pg.dropped.N........`), five closes revised in run 2: 966 rows of `id`, "
        "`day`, `close`, `high`, `low` with run 2's closes; never a dropped column read, "
        "`open` kept after the replace, or a refusal",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lq1_first(), lambda folder: _lq1_second()],
        _lq1_expect,
        cleanup=_lq1_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_32}.prices\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lq2_tips_respelled_header",
        32,
        "incremental_files over `landing/*.csv`: a POS export headed `Week,Day,Number of "
        "People,Bill,Tip`, then the new export's `week,day,number_of_people,bill,tip`: 95 "
        "rows in five columns (the names snake-case alike); or a refusal naming the "
        "header; never ten columns, each half NULL",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [_lq2_first,
         lambda folder: _land(folder, "tips-2.csv", _tips().iloc[TIPS_SPLIT:])],
        _lq2_expect,
        columns=TIPS_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lq3_yogurt_merge_key_twice_in_delivery",
        32,
        "merge on `id` with cursor `version` over `landing/*.csv`: the second delivery "
        "holds six ids twice, revisions 2 and 3, three with the newer first in the file: "
        "2412 rows, each of the six at revision 3 (`price_yoplait` plus 1.0); or a refusal "
        "naming the key held twice; never both revisions kept or the later line's older "
        "revision winning",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"], "cursor": "version"},
        [lambda folder: _land(folder, "yogurt-1.csv", _yogurt().iloc[:YOGURT_SPLIT]),
         _lq3_second],
        _lq3_expect,
        columns=YOGURT_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lq4_fishing_german_excel_delivery",
        32,
        "incremental_files over `landing/*.csv`: a plain CSV delivery, then one saved by a "
        "German Excel (`;`, decimal commas `182,93`, CRLF): 1182 rows, the second's "
        "numbers the same doubles; or a refusal naming the file; never one column of "
        "whole lines, or `182,93` read as 18293",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "fishing-1.csv", _fishing().iloc[:FISHING_SPLIT]),
         _lq4_second],
        _lq4_expect,
        columns=FISHING_COLUMNS,
        refuse_ok=True,
    ),
]
