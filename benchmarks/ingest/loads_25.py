"""The load-level cases of stage 25 (lj1-lj4): deliveries over two runs, written with their
expectations after stages 1-23 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lj1: a Postgres table partitioned the old way, by inheritance; run 2 corrects five readings
PG_SOURCE_25 = per_run("stage25_bench_src")
CO2_DECADES = (1980, 1990, 2000, 2010)  # a child table per decade, `co2_1980s` ...
CO2_REVISED = (3, 100, 200, 300, 348)  # the readings run 2 corrects
CO2_CHANGE = 0.25  # ppm added to them in run 2


def _co2():
    """Stat2Data's `CO2SouthPole` (the South Pole's monthly CO2, 1988-2016), `id` the
    month."""
    frame = _rdata("Stat2Data", "CO2SouthPole")[["rownames", "Year", "Month", "CO2"]]
    return frame.set_axis(["id", "year", "month", "co2"], axis=1)


def _lj1_first() -> None:
    """The parent `co2` with no rows of its own and a child per decade (`CREATE TABLE
    co2_1990s (CHECK (...)) INHERITS (co2)`), the rows written into the children, as
    before PostgreSQL 10's declarative partitions."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_25} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_25}")
        db.execute(f"CREATE TABLE {PG_SOURCE_25}.co2 (id integer PRIMARY KEY, year integer, "
                   "month integer, co2 double precision)")
        for decade in CO2_DECADES:
            db.execute(
                f"CREATE TABLE {PG_SOURCE_25}.co2_{decade}s (CHECK (year >= {decade} AND "
                f"year < {decade + 10})) INHERITS ({PG_SOURCE_25}.co2)"
            )
        with db.cursor() as cursor:
            for r in _co2().itertuples(index=False):
                child = f"co2_{int(r.year) // 10 * 10}s"
                cursor.execute(f"INSERT INTO {PG_SOURCE_25}.{child} VALUES (%s, %s, %s, %s)",
                               (int(r.id), int(r.year), int(r.month), float(r.co2)))


def _lj1_second() -> None:
    """Five readings corrected through the parent (the update reaches the children)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(f"UPDATE {PG_SOURCE_25}.co2 SET co2 = co2 + %s WHERE id = %s",
                           [(CO2_CHANGE, reading) for reading in CO2_REVISED])


def _lj1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_25} CASCADE")


def _lj1_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.year), int(r.month),
         float(r.co2) + (CO2_CHANGE if r.id in CO2_REVISED else 0))
        for r in _co2().itertuples(index=False)
    ]


# lj2: each delivery beside its checksum file, `sha256sum`'s line
KIDTRAN_SPLIT = 400  # rows of the first delivery
KIDTRAN_COLUMNS = ["obs", "time", "delta", "gender", "race", "age"]


def _kidtran():
    """KMsurv's `kidtran` (kidney transplant patients), `obs` the patient."""
    return _rdata("KMsurv", "kidtran")[KIDTRAN_COLUMNS]


def _land_checked(folder: Path, name: str, frame) -> None:
    """A delivery and its `name.sha256` beside it, as `sha256sum name > name.sha256`
    writes it: the digest, two spaces, the file's name."""
    _land(folder, name, frame)
    digest = hashlib.sha256((folder / "landing" / name).read_bytes()).hexdigest()
    (folder / "landing" / f"{name}.sha256").write_text(f"{digest}  {name}\n")


def _lj2_expect() -> list[tuple]:
    return [tuple(int(v) for v in r) for r in _kidtran().itertuples(index=False)]


# lj3: the second delivery's file name in Latin-1 bytes (unzipped from a Windows archive)
TRANSPLANT_SPLIT = 50  # rows of the first delivery
TRANSPLANT_COLUMNS = ["id", "time", "type", "delta"]
LATIN1_NAME = "greffés-2.csv".encode("latin-1")  # b"greff\xe9s-2.csv": not UTF-8


def _transplants():
    """KMsurv's `alloauto` (leukaemia patients' transplants), `id` the patient."""
    return _rdata("KMsurv", "alloauto").set_axis(TRANSPLANT_COLUMNS, axis=1)


def _lj3_second(folder: Path) -> None:
    """The second delivery under a name whose `é` is the single Latin-1 byte 0xE9, as
    `unzip` leaves a name a Windows tool stored in its code page."""
    path = os.path.join(os.fsencode(folder / "landing"), LATIN1_NAME)
    with open(path, "wb") as delivery:
        delivery.write(_transplants().iloc[TRANSPLANT_SPLIT:].to_csv(index=False).encode())


def _lj3_expect() -> list[tuple]:
    return [(int(r.id), float(r.time), int(r.type), int(r.delta))
            for r in _transplants().itertuples(index=False)]


# lj4: the second delivery's tail NUL bytes (a copy tool preallocated the file, then died)
WINTER_SPLIT = 266  # rows of the first delivery
WINTER_COLUMNS = ["id", "o3", "no2", "no", "so2", "pm10"]
BLOCK = 4096  # the copy tool preallocates whole blocks


def _winter():
    """texmex's `winter` (air pollution in Leeds, winter days), `id` the day."""
    return _rdata("texmex", "winter").set_axis(WINTER_COLUMNS, axis=1)


def _lj4_second(folder: Path) -> None:
    """The second delivery complete, then NUL bytes up to the end of its last 4096-byte
    block: the size the copy tool had reserved, never truncated after it was killed."""
    _land(folder, "winter-2.csv", _winter().iloc[WINTER_SPLIT:])
    path = folder / "landing" / "winter-2.csv"
    size = path.stat().st_size
    with path.open("ab") as delivery:
        delivery.write(b"\0" * (BLOCK - size % BLOCK))


def _lj4_expect() -> list[tuple]:
    return [tuple(int(v) for v in r) for r in _winter().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lj1_co2_pg_inheritance",
        25,
        "replace from a Postgres table partitioned by inheritance (`co2` has no rows of its "
        "own, its children `co2_1980s` ... `co2_2010s` hold them), run 2 after five "
        "readings were corrected: 348 rows as `SELECT * FROM co2` shows them, run 2's "
        "values; or a refusal naming the inheritance; never an empty table (the parent's "
        "own rows only) or run 1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lj1_first(), lambda folder: _lj1_second()],
        _lj1_expect,
        columns=["id", "year", "month", "co2"],
        cleanup=_lj1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_25}.co2\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lj2_kidtran_sha256_sidecars",
        25,
        "incremental_files over `landing/*`: each delivery beside its `sha256sum` file "
        "(`kidtran-1.csv.sha256`: the digest, two spaces, the name): 863 rows, the "
        "checksum files skipped (a warning welcome, or checked); or a refusal naming one; "
        "never a checksum line loaded as a row or a delivery lost",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land_checked(folder, "kidtran-1.csv",
                                         _kidtran().iloc[:KIDTRAN_SPLIT]),
            lambda folder: _land_checked(folder, "kidtran-2.csv",
                                         _kidtran().iloc[KIDTRAN_SPLIT:]),
        ],
        _lj2_expect,
        columns=KIDTRAN_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lj3_alloauto_latin1_file_name",
        25,
        "incremental_files over `landing/*.csv`: the second delivery named "
        "`greffés-2.csv` in Latin-1 bytes (0xE9, not UTF-8), as `unzip` leaves a "
        "Windows archive's name: 101 rows, the file loaded (its name kept some readable "
        "way); or a refusal naming the file; never a traceback or the delivery skipped, "
        "with a warning or without",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "greffes-1.csv", _transplants().iloc[:TRANSPLANT_SPLIT]),
            _lj3_second,
        ],
        _lj3_expect,
        columns=TRANSPLANT_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lj4_winter_nul_tail",
        25,
        "incremental_files over `landing/*.csv`: the second delivery's records complete, "
        "then NUL bytes to the end of its 4096-byte block (a copy tool killed after "
        "preallocating): 532 rows, the NUL tail left out with a warning (or a reject); or "
        "a refusal naming the file; never a row of NULs in the table or the delivery lost",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "winter-1.csv", _winter().iloc[:WINTER_SPLIT]),
            _lj4_second,
        ],
        _lj4_expect,
        columns=WINTER_COLUMNS,
        refuse_ok=True,
    ),
]
