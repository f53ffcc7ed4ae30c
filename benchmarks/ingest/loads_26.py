"""The load-level cases of stage 26 (lk1-lk4): deliveries over two runs, written with their
expectations after stages 1-25 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import bz2
import math
from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources

# lk1: a Postgres materialized view as the source; run 2 after five sizes were corrected
PG_SOURCE_26 = "stage26_bench_src"
SITKA_COLUMNS = ["id", "size", "time", "tree", "treat"]
SITKA_REVISED = (1, 100, 300, 500, 632)  # the measurements run 2 corrects
SITKA_CHANGE = 0.5  # added to their log size in run 2


def _sitka():
    """geepack's `sitka89` (log sizes of Sitka spruces grown in ozone or not), `id` the
    measurement."""
    return _rdata("geepack", "sitka89").set_axis(SITKA_COLUMNS, axis=1)


def _lk1_first() -> None:
    """The measurements in `sitka_raw`, and the materialized view `sitka` over it that the
    analysts are given (`CREATE MATERIALIZED VIEW ... AS SELECT ...`)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_26} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_26}")
        db.execute(f"CREATE TABLE {PG_SOURCE_26}.sitka_raw (id integer PRIMARY KEY, "
                   "size double precision, time integer, tree integer, treat text)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_26}.sitka_raw VALUES (%s, %s, %s, %s, %s)",
                [(int(r.id), float(r.size), int(r.time), int(r.tree), r.treat)
                 for r in _sitka().itertuples(index=False)])
        db.execute(f"CREATE MATERIALIZED VIEW {PG_SOURCE_26}.sitka AS "
                   f"SELECT id, size, time, tree, treat FROM {PG_SOURCE_26}.sitka_raw")


def _lk1_second() -> None:
    """Five sizes corrected in `sitka_raw`, then the view refreshed (`REFRESH MATERIALIZED
    VIEW`), as the nightly job does."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        with db.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {PG_SOURCE_26}.sitka_raw SET size = size + %s WHERE id = %s",
                [(SITKA_CHANGE, measurement) for measurement in SITKA_REVISED])
        db.execute(f"REFRESH MATERIALIZED VIEW {PG_SOURCE_26}.sitka")


def _lk1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_26} CASCADE")


def _lk1_expect() -> list[tuple]:
    return [(int(r.id), float(r.size) + (SITKA_CHANGE if r.id in SITKA_REVISED else 0),
             int(r.time), int(r.tree), r.treat) for r in _sitka().itertuples(index=False)]


# lk2: the second delivery compressed with bzip2 (`respiratory-2.csv.bz2`)
RESPIRATORY_SPLIT = 200  # rows of the first delivery
RESPIRATORY_COLUMNS = ["center", "id", "treat", "sex", "age", "baseline", "visit", "outcome"]


def _respiratory():
    """geepack's `respiratory` (a respiratory illness trial's visits)."""
    return _rdata("geepack", "respiratory")[RESPIRATORY_COLUMNS]


def _lk2_second(folder: Path) -> None:
    """The second delivery as `bzip2` leaves it: `respiratory-2.csv.bz2`, no plain copy."""
    text = _respiratory().iloc[RESPIRATORY_SPLIT:].to_csv(index=False)
    (folder / "landing" / "respiratory-2.csv.bz2").write_bytes(bz2.compress(text.encode()))


def _lk2_expect() -> list[tuple]:
    return [tuple(v if isinstance(v, str) else int(v) for v in r)
            for r in _respiratory().itertuples(index=False)]


# lk3: the second delivery's extension upper case (`dietox-2.CSV`), as Windows tools write it
DIETOX_SPLIT = 430  # rows of the first delivery
DIETOX_COLUMNS = ["pig", "evit", "cu", "litter", "start", "weight", "feed", "time"]


def _dietox():
    """geepack's `dietox` (pigs' weights by week), names lower-cased; `feed` missing in
    the first week of each pig."""
    return _rdata("geepack", "dietox").drop(columns=["rownames"]).set_axis(DIETOX_COLUMNS,
                                                                            axis=1)


def _lk3_expect() -> list[tuple]:
    return [(int(r.pig), r.evit, r.cu, int(r.litter), float(r.start), float(r.weight),
             None if math.isnan(r.feed) else float(r.feed), int(r.time))
            for r in _dietox().itertuples(index=False)]


# lk4: beside the second delivery, Windows' `Zone.Identifier` stream copied as a file
SPRUCE_SPLIT = 500  # rows of the first delivery
SPRUCE_COLUMNS = ["chamber", "ozone", "id", "time", "wave", "logsize"]
ZONE_IDENTIFIER = ("[ZoneTransfer]\r\nZoneId=3\r\n"
                   "ReferrerUrl=https://portal.example.org/exports\r\n"
                   "HostUrl=https://portal.example.org/exports/spruce-2.csv\r\n")


def _spruce():
    """geepack's `spruce` (log sizes of spruces in two ozone chambers)."""
    return _rdata("geepack", "spruce")[SPRUCE_COLUMNS]


def _lk4_second(folder: Path) -> None:
    """The second delivery, downloaded on Windows and copied over from its drive (WSL,
    Samba): beside it `spruce-2.csv:Zone.Identifier`, the "downloaded from the internet"
    alternate data stream written out as a file of its own."""
    _land(folder, "spruce-2.csv", _spruce().iloc[SPRUCE_SPLIT:])
    (folder / "landing" / "spruce-2.csv:Zone.Identifier").write_text(ZONE_IDENTIFIER,
                                                                      newline="")


def _lk4_expect() -> list[tuple]:
    return [(int(r.chamber), r.ozone, int(r.id), int(r.time), int(r.wave), float(r.logsize))
            for r in _spruce().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "lk1_sitka_pg_materialized_view",
        26,
        "replace from a Postgres materialized view (`sitka`, over the table `sitka_raw`), "
        "run 2 after five sizes were corrected and the view refreshed: 632 rows as "
        "`SELECT * FROM sitka` shows them, run 2's values; or a refusal naming the view; "
        "never an empty table, no columns or run 1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lk1_first(), lambda folder: _lk1_second()],
        _lk1_expect,
        columns=SITKA_COLUMNS,
        cleanup=_lk1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_26}.sitka\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lk2_respiratory_bzip2_delivery",
        26,
        "incremental_files over `landing/*`: the second delivery compressed with bzip2 "
        "(`respiratory-2.csv.bz2`): 444 rows, the delivery read decompressed; or a "
        "refusal naming the file; never compressed bytes loaded as rows or the delivery "
        "skipped",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "respiratory-1.csv",
                                 _respiratory().iloc[:RESPIRATORY_SPLIT]),
            _lk2_second,
        ],
        _lk2_expect,
        columns=RESPIRATORY_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lk3_dietox_upper_case_extension",
        26,
        "incremental_files over `landing/*.csv`: the second delivery named `dietox-2.CSV` "
        "(a Windows tool's upper-case extension): 861 rows, the delivery loaded; or a "
        "refusal naming the file the pattern missed; never the delivery skipped without "
        "a word",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "dietox-1.csv", _dietox().iloc[:DIETOX_SPLIT]),
            lambda folder: _land(folder, "dietox-2.CSV", _dietox().iloc[DIETOX_SPLIT:]),
        ],
        _lk3_expect,
        columns=DIETOX_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lk4_spruce_zone_identifier",
        26,
        "incremental_files over `landing/*`: beside the second delivery its "
        "`spruce-2.csv:Zone.Identifier` (Windows' mark-of-the-web stream copied as a file: "
        "`[ZoneTransfer]`, `ZoneId=3`): 1027 rows, the stream file skipped (a warning "
        "welcome); or a refusal naming it; never its lines loaded as rows or a delivery lost",
        {"mode": "incremental_files", "path": "landing/*"},
        [
            lambda folder: _land(folder, "spruce-1.csv", _spruce().iloc[:SPRUCE_SPLIT]),
            _lk4_second,
        ],
        _lk4_expect,
        columns=SPRUCE_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
]
