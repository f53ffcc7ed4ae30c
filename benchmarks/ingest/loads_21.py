"""The load-level cases of stage 21 (lf1-lf4): deliveries over two runs, written with their
expectations after stages 1-20 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from build4 import _rdata
from build21 import whole
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lf1: a Postgres source table with a `bytea` column; run 2 extends five follow-ups
PG_SOURCE_21 = per_run("stage21_bench_src")
OVARIAN_REVISED = (1, 5, 9, 13, 17)  # the patients whose follow-up run 2 extends
OVARIAN_EXTENSION = 30  # days added to their `futime` in run 2


def _ovarian():
    """survival's `ovarian` (a trial's follow-up), `id` the patient."""
    frame = _rdata("survival", "ovarian")[["rownames", "futime", "age"]]
    return frame.rename(columns={"rownames": "id"})


PNG_START = bytes.fromhex("89504e470d0a1a0a0000000d49484452")  # a PNG's signature, its IHDR


def _scan(patient: int, run: int) -> bytes:
    """A scan's thumbnail stand-in: a PNG's first bytes (a high byte, NULs) and a digest."""
    return PNG_START + hashlib.sha256(f"ovarian-{patient}-{run}".encode()).digest()


def _lf1_first() -> None:
    """The table `patients` with each patient's scan as `bytea`."""
    import psycopg

    rows = [
        (int(r.id), int(r.futime), float(r.age), _scan(int(r.id), 1))
        for r in _ovarian().itertuples(index=False)
    ]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_21} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_21}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_21}.patients (id integer PRIMARY KEY, futime integer, "
            "age double precision, scan bytea)"
        )
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {PG_SOURCE_21}.patients VALUES (%s, %s, %s, %s)", rows)


def _lf1_second() -> None:
    """Five follow-ups extended by 30 days, each with a new scan."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_21}.patients SET futime = futime + %s, scan = %s WHERE id = %s",
            [(OVARIAN_EXTENSION, _scan(p, 2), p) for p in OVARIAN_REVISED],
        )


def _lf1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_21} CASCADE")


def _lf1_expect() -> list[tuple]:
    return [
        (
            int(r.id),
            int(r.futime) + (OVARIAN_EXTENSION if r.id in OVARIAN_REVISED else 0),
            float(r.age),
        )
        for r in _ovarian().itertuples(index=False)
    ]


# lf2: Emacs leaves `poisons-2.csv~` (the draft before the last edit) beside the delivery
POISONS_SPLIT = 24  # rows of the first delivery


def _poisons():
    """boot's `poisons` (survival times of animals by poison and treatment), `id` the row."""
    return _rdata("boot", "poisons").rename(columns={"rownames": "id"})


def _lf2_second(folder: Path) -> None:
    """The second delivery, and Emacs' backup of it: the draft saved before its times were
    corrected (every time doubled)."""
    frame = _poisons().iloc[POISONS_SPLIT:]
    _land(folder, "poisons-2.csv", frame)
    _land(folder, "poisons-2.csv~", frame.assign(time=frame.time * 2))


def _lf2_expect() -> list[tuple]:
    return [
        (int(r.id), float(r.time), int(r.poison), r.treat)
        for r in _poisons().itertuples(index=False)
    ]


# lf3: the operator makes `landing/archive/` and copies the first delivery into it
NITROFEN_SPLIT = 25  # rows of the first delivery


def _nitrofen():
    """boot's `nitrofen` (broods of water fleas by the herbicide's concentration), `id` the
    row."""
    return _rdata("boot", "nitrofen").rename(columns={"rownames": "id"})


def _lf3_second(folder: Path) -> None:
    landing = folder / "landing"
    (landing / "archive").mkdir()
    shutil.copy2(landing / "nitrofen-1.csv", landing / "archive" / "nitrofen-1.csv")
    _land(folder, "nitrofen-2.csv", _nitrofen().iloc[NITROFEN_SPLIT:])


def _lf3_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.conc), int(r.brood1), int(r.total))
        for r in _nitrofen().itertuples(index=False)
    ]


# lf4: the first delivery leaves missing numbers empty, the second writes them `NULL`
CANCER_SPLIT = 114  # rows of the first delivery
CANCER_GAPS = ("meal_cal", "wt_loss")  # integer columns with missing values


def _cancer():
    """survival's `cancer` (the NCCTG lung cancer trial), `id` the row."""
    frame = _rdata("survival", "cancer")[
        ["rownames", "time", "status", "age", "meal.cal", "wt.loss"]
    ]
    return frame.rename(columns={"rownames": "id", "meal.cal": "meal_cal", "wt.loss": "wt_loss"})


def _exported(frame):
    """The rows as the exports write them: the columns with gaps as integers (`1175`, not
    pandas' `1175.0`)."""
    return frame.astype({c: "Int64" for c in CANCER_GAPS})


def _lf4_second(folder: Path) -> None:
    """Rows from 114 on, exported from SSMS ("Save Results As"): every NULL the word `NULL`."""
    path = folder / "landing" / "cancer-2.csv"
    path.write_text(_exported(_cancer().iloc[CANCER_SPLIT:]).to_csv(index=False, na_rep="NULL"))


def _lf4_expect() -> list[tuple]:
    return [
        (int(r.id), int(r.time), int(r.status), int(r.age), whole(r.meal_cal), whole(r.wt_loss))
        for r in _cancer().itertuples(index=False)
    ]


LOAD_CASES = [
    LoadCase(
        "lf1_ovarian_pg_bytea",
        21,
        "replace from a Postgres table with a `bytea` column `scan` (PNG bytes: NULs, high "
        "bytes), run 2 after five follow-ups were extended and rescanned: 26 rows with `id`, "
        "`futime` and `age` as the table holds them (the bytes kept as a blob or hex, or "
        "left out with a note); or a refusal naming the column; never a crash or run 1's "
        "values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lf1_first(), lambda folder: _lf1_second()],
        _lf1_expect,
        columns=["id", "futime", "age"],
        cleanup=_lf1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_21}.patients\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lf2_poisons_emacs_backup",
        21,
        "incremental_files over `landing/*`: Emacs' backup `poisons-2.csv~` (the draft "
        "before the times were corrected, every time doubled) lands beside the second "
        "delivery: 48 rows, the backup skipped (a warning welcome); or a refusal naming it; "
        "never the draft's rows or doubled times",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "poisons-1.csv", _poisons().iloc[:POISONS_SPLIT]),
            _lf2_second,
        ],
        _lf2_expect,
        columns=["id", "time", "poison", "treat"],
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lf3_nitrofen_archive_folder",
        21,
        "incremental_files over `landing/*`: before run 2 the operator makes a folder "
        "`landing/archive/` (the glob matches it) and copies the first delivery into it; "
        "the second delivery lands: 50 rows, the folder skipped (a warning welcome); or a "
        "refusal naming it; never a crash or the archived rows loaded again",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "nitrofen-1.csv", _nitrofen().iloc[:NITROFEN_SPLIT]),
            _lf3_second,
        ],
        _lf3_expect,
        columns=["id", "conc", "brood1", "total"],
        refuse_ok=True,
    ),
    LoadCase(
        "lf4_cancer_ssms_null_words",
        21,
        "incremental_files over `landing/*.csv`: the first delivery leaves missing numbers "
        "empty, the second (SSMS's Save Results As) writes them `NULL` in the integer "
        "columns `meal_cal` and `wt_loss`: 228 rows, those columns integers with NULL there; "
        "or a refusal naming the file and column; never the text `NULL`, the columns turned "
        "text or the rows rejected",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "cancer-1.csv", _exported(_cancer().iloc[:CANCER_SPLIT])),
            _lf4_second,
        ],
        _lf4_expect,
        columns=["id", "time", "status", "age", *CANCER_GAPS],
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
