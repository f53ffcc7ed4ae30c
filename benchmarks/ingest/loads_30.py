"""The load-level cases of stage 30 (lo1-lo4): deliveries over two runs from databases,
applications and instruments, written with their expectations after stages 1-27 had all been
seen, and never run while they were written (held out). See `loads.py` for how a case is
written and run."""

from __future__ import annotations

import datetime
import shutil
import sqlite3
from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# the schema lo1's and lo2's Postgres tables are written to (each case drops it after)
PG_SOURCE_30 = per_run("stage30_bench_src")

# lo1: a Postgres enum gains a label (ALTER TYPE ... ADD VALUE) between two merges
NEW_POLL_TYPE = "Online and telephone"  # the label run 2's revisions use
REVISED_POLLS = (3, 17, 40, 88, 121)  # the ids reclassified in run 2
FIRST_SEEN = "2016-06-24 00:00:00+00"
RECLASSIFIED = "2016-07-01 09:30:00+00"


def _polls():
    """dslabs' `brexit_polls` (polls before the UK's 2016 referendum), `id` the poll."""
    frame = _rdata("dslabs", "brexit_polls").rename(columns={"rownames": "id"})
    return frame[["id", "startdate", "pollster", "poll_type", "samplesize", "remain"]]


def _lo1_first() -> None:
    """The polling app's table: `poll_type` of the enum `poll_kind` ('Online',
    'Telephone'), `updated_at` a timestamptz."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_30} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_30}")
        db.execute(f"CREATE TYPE {PG_SOURCE_30}.poll_kind AS ENUM ('Online', 'Telephone')")
        db.execute(f"CREATE TABLE {PG_SOURCE_30}.polls (id integer PRIMARY KEY, "
                   f"startdate date, pollster text, poll_type {PG_SOURCE_30}.poll_kind, "
                   f"samplesize integer, remain double precision, updated_at timestamptz)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_30}.polls VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(int(r.id), r.startdate, r.pollster, r.poll_type, int(r.samplesize),
                  float(r.remain), FIRST_SEEN) for r in _polls().itertuples(index=False)],
            )


def _lo1_second() -> None:
    """A release adds the label `Online and telephone` to the enum; five polls are
    reclassified to it, their `updated_at` moved on."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"ALTER TYPE {PG_SOURCE_30}.poll_kind ADD VALUE '{NEW_POLL_TYPE}'")
        with db.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {PG_SOURCE_30}.polls SET poll_type = %s, updated_at = %s "
                f"WHERE id = %s", [(NEW_POLL_TYPE, RECLASSIFIED, poll) for poll in REVISED_POLLS])


def _drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_30} CASCADE")


def _lo1_expect() -> list[tuple]:
    """Every poll once, the five reclassified with the new label."""
    return [(int(r.id), r.startdate, r.pollster,
             NEW_POLL_TYPE if r.id in REVISED_POLLS else r.poll_type, int(r.samplesize),
             float(r.remain)) for r in _polls().itertuples(index=False)]


# lo2: a Postgres `time` column holding 24:00:00, the end of a day
REVISED_MEANS = (1, 50, 200, 333, 449)  # the ids whose mean run 2 corrects
MEAN_CHANGE = 0.4  # micrograms per cubic metre added to them
DAY_ENDS = "24:00:00"  # Postgres' `time` holds the day's end as 24:00:00


def _pm25():
    """openintro's `pm25_2011_durham` (daily mean PM2.5 at Durham's monitors, 2011), `id`
    the reading, `day` its date."""
    frame = _rdata("openintro", "pm25_2011_durham").rename(columns={"rownames": "id"})
    days = [datetime.datetime.strptime(d, "%m/%d/%y").date().isoformat() for d in frame.date]
    frame = frame.assign(day=days, mean_pm25=frame.daily_mean_pm2_5_concentration)
    return frame[["id", "day", "aqs_site_id", "mean_pm25"]]


def _lo2_first() -> None:
    """The monitoring app's table: each daily mean's window `window_start` 00:00:00 to
    `window_end` 24:00:00 (Postgres' `time`, which Python's `datetime.time` cannot hold)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_30} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_30}")
        db.execute(f"CREATE TABLE {PG_SOURCE_30}.daily_means (id integer PRIMARY KEY, "
                   f"day date, site text, window_start time, window_end time, "
                   f"mean_pm25 double precision)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_30}.daily_means VALUES "
                f"(%s, %s, %s, '00:00:00', %s::time, %s)",
                [(int(r.id), r.day, r.aqs_site_id, DAY_ENDS, float(r.mean_pm25))
                 for r in _pm25().itertuples(index=False)],
            )


def _lo2_second() -> None:
    """Five daily means corrected after the monitors' calibration."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_30}.daily_means "
                           f"SET mean_pm25 = mean_pm25 + %s WHERE id = %s",
                           [(MEAN_CHANGE, reading) for reading in REVISED_MEANS])


def _lo2_expect() -> list[tuple]:
    """Every reading, its window `00:00:00` to `24:00:00` (compared as text), run 2's means."""
    return [(int(r.id), r.day, r.aqs_site_id, "00:00:00", DAY_ENDS,
             float(r.mean_pm25) + (MEAN_CHANGE if r.id in REVISED_MEANS else 0))
            for r in _pm25().itertuples(index=False)]


# lo3: a SQLite app that crashed mid-transaction, leaving a hot rollback journal
MURDERS_FIRST = 700  # rows of run 1; the app commits the rest before run 2


def _murders():
    """openintro's `london_murders` (homicides in London, 2006-2011), `id` the case."""
    frame = _rdata("openintro", "london_murders").rename(columns={"rownames": "id"})
    return frame[["id", "forename", "age", "date", "borough"]]


def _app_rows(frame) -> list[tuple]:
    return [(int(r.id), r.forename, int(r.age), r.date, r.borough)
            for r in frame.itertuples(index=False)]


def _lo3_first(folder: Path) -> None:
    """The app's database (rollback journal, SQLite's default) with the first 700 cases."""
    db = sqlite3.connect(folder / "murders.db")
    with db:
        db.execute("CREATE TABLE murders (id INTEGER PRIMARY KEY, forename TEXT, age INTEGER, "
                   "date TEXT, borough TEXT)")
        db.executemany("INSERT INTO murders VALUES (?, ?, ?, ?, ?)",
                       _app_rows(_murders().iloc[:MURDERS_FIRST]))
    db.close()


def _lo3_second(folder: Path) -> None:
    """The app commits the other 138 cases, then starts a migration that rewrites every
    `borough` and crashes before committing: its changed pages already in `murders.db`
    (spilled from a small cache), the originals in the hot journal `murders.db-journal`
    that SQLite rolls back on the next open. Made in a copy, whose files are taken as the
    crash left them."""
    staging = folder / "app-staging"
    staging.mkdir()
    shutil.copy(folder / "murders.db", staging / "murders.db")
    db = sqlite3.connect(staging / "murders.db", isolation_level=None)
    db.execute("BEGIN")
    db.executemany("INSERT INTO murders VALUES (?, ?, ?, ?, ?)",
                   _app_rows(_murders().iloc[MURDERS_FIRST:]))
    db.execute("COMMIT")
    db.execute("PRAGMA cache_size = 1")
    db.execute("BEGIN")
    db.execute("UPDATE murders SET borough = upper(borough) || ' (MIGRATED)' || "
               "printf('%.500c', '.')")
    for name in ("murders.db", "murders.db-journal"):
        shutil.copy(staging / name, folder / name)
    db.execute("ROLLBACK")
    db.close()
    shutil.rmtree(staging)


def _lo3_expect() -> list[tuple]:
    """Every case as committed: the boroughs as they were before the migration."""
    return _app_rows(_murders())


# lo4: an IoT gateway's files named by their ISO 8601 time, colons included
DM_SPLIT = 400  # rows of the first delivery
DM_COLUMNS = ["date", "s", "f", "s30"]


def _rates():
    """Ecdat's `DM` (the Deutsche Mark's spot and forward rates, weekly), the day ISO."""
    frame = _rdata("Ecdat", "DM")
    days = [datetime.datetime.strptime(str(d), "%Y%m%d").date().isoformat() for d in frame.date]
    return frame.assign(date=days)[DM_COLUMNS]


def _lo4_expect() -> list[tuple]:
    return [(r.date, float(r.s), float(r.f), float(r.s30)) for r in _rates().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lo1_brexit_pg_enum_label_added",
        30,
        "merge on `id` with cursor `updated_at` from a Postgres table whose `poll_type` is an "
        "enum; between the runs `ALTER TYPE ... ADD VALUE 'Online and telephone'` and five "
        "polls reclassified to it: 127 rows, the five with the new label, the rest as "
        "loaded; never a refusal or failure over the label the first run's type lacked, or "
        "the five rows' old label kept",
        {"mode": "merge", "format": "postgres", "primary_key": ["id"], "cursor": "updated_at"},
        [lambda folder: _lo1_first(), lambda folder: _lo1_second()],
        _lo1_expect,
        columns=["id", "startdate", "pollster", "poll_type", "samplesize", "remain"],
        cleanup=_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_30}.polls\n"
            "        load: {mode: merge, primary_key: id, cursor: updated_at}\n"
        ),
    ),
    LoadCase(
        "lo2_pm25_pg_time_end_of_day",
        30,
        "replace from a Postgres table whose `time` column `window_end` holds `24:00:00` "
        "(the end of the day, valid in Postgres, past Python's `datetime.time`) in every "
        "row, run 2 after five means were corrected: 449 rows, `window_end` 24:00:00 (a "
        "time or its text); never a crash, 00:00:00 or NULL in its place",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lo2_first(), lambda folder: _lo2_second()],
        _lo2_expect,
        columns=["id", "day", "site", "cast(window_start as varchar) as window_start",
                 "cast(window_end as varchar) as window_end", "mean_pm25"],
        cleanup=_drop,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_30}.daily_means\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lo3_murders_sqlite_hot_journal",
        30,
        "replace from an app's SQLite database twice: 700 rows, then 138 more committed and "
        "a migration that crashed mid-transaction, its pages in the file and the originals "
        "in the hot journal `murders.db-journal`: 838 rows as committed (the journal rolled "
        "back: boroughs as they were); never the half-written migration's `... (MIGRATED)` "
        "boroughs or a corrupt read",
        {"mode": "replace", "path": None, "dsn": "murders.db", "format": "sqlite",
         "source_table": "murders"},
        [_lo3_first, _lo3_second],
        _lo3_expect,
        columns=["id", "forename", "age", "date", "borough"],
        refuse_ok=True,
    ),
    LoadCase(
        "lo4_dm_iso_colon_file_names",
        30,
        "incremental_files over `landing/*.csv`: an IoT gateway's deliveries named by their "
        "ISO 8601 time, colons included (`dm-2024-01-05T10:00:00Z.csv`): 778 rows of both; "
        "never a file skipped for the colon in its name (taken for a Windows stream, "
        "`name:stream`) or refused",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "dm-2024-01-05T10:00:00Z.csv",
                                 _rates().iloc[:DM_SPLIT]),
            lambda folder: _land(folder, "dm-2024-01-06T10:00:00Z.csv",
                                 _rates().iloc[DM_SPLIT:]),
        ],
        _lo4_expect,
        columns=DM_COLUMNS,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
