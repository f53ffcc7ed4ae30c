"""The load-level cases of stage 26 (lk1-lk4): deliveries over two runs, written with their
expectations after stages 1-25 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

import gzip
import io
import math
import tarfile
from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lk1: a Postgres table with a full-text search column (`tsvector`); run 2 corrects five rows
PG_SOURCE_26 = per_run("stage26_bench_src")
CRASH_COLUMNS = ["id", "phase", "cause", "day", "fatalities"]
CRASH_REVISED = (1, 100, 200, 300, 439)  # the crashes whose death toll run 2 corrects
CRASH_CHANGE = 1  # a death added to each in run 2


def _crashes():
    """vcdExtra's `AirCrash` (fatal airliner crashes, 1993-2015), `id` the crash."""
    frame = _rdata("vcdExtra", "AirCrash")[["rownames", "Phase", "Cause", "date", "Fatalities"]]
    return frame.set_axis(CRASH_COLUMNS, axis=1)


def _lk1_first() -> None:
    """The table `crashes` as an application keeps it: beside the data a `search` column of
    type `tsvector` (`to_tsvector('english', phase || ' ' || cause)`, e.g. `'error':3
    'human':2 'land':1`) that its full-text search reads."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_26} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_26}")
        db.execute(f"CREATE TABLE {PG_SOURCE_26}.crashes (id integer PRIMARY KEY, phase text, "
                   "cause text, day date, fatalities integer, search tsvector)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_26}.crashes VALUES (%s, %s, %s, %s, %s, "
                "to_tsvector('english', %s))",
                [(int(r.id), r.phase, r.cause, r.day, int(r.fatalities), f"{r.phase} {r.cause}")
                 for r in _crashes().itertuples(index=False)])


def _lk1_second() -> None:
    """Five death tolls corrected, the rows' `search` rewritten as the application does."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_26}.crashes SET fatalities = fatalities + %s, "
            "search = to_tsvector('english', phase || ' ' || cause) WHERE id = %s",
            [(CRASH_CHANGE, crash) for crash in CRASH_REVISED])


def _lk1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_26} CASCADE")


def _lk1_expect() -> list[tuple]:
    return [(int(r.id), r.phase, r.cause, r.day,
             int(r.fatalities) + (CRASH_CHANGE if r.id in CRASH_REVISED else 0))
            for r in _crashes().itertuples(index=False)]


# lk2: the second delivery a gzipped tar archive holding the CSV (`respiratory-2.tar.gz`)
RESPIRATORY_SPLIT = 200  # rows of the first delivery
ARCHIVED = 1_700_000_000  # the member's mtime, fixed so two builds write the same bytes
RESPIRATORY_COLUMNS = ["center", "id", "treat", "sex", "age", "baseline", "visit", "outcome"]


def _respiratory():
    """geepack's `respiratory` (a respiratory illness trial's visits)."""
    return _rdata("geepack", "respiratory")[RESPIRATORY_COLUMNS]


def _lk2_second(folder: Path) -> None:
    """The second delivery as `tar czf respiratory-2.tar.gz respiratory-2.csv` leaves it:
    one member, the CSV, in a gzipped tar archive, no plain copy beside it."""
    data = _respiratory().iloc[RESPIRATORY_SPLIT:].to_csv(index=False).encode()
    member = tarfile.TarInfo("respiratory-2.csv")
    member.size, member.mtime, member.mode = len(data), ARCHIVED, 0o644
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        tar.addfile(member, io.BytesIO(data))
    (folder / "landing" / "respiratory-2.tar.gz").write_bytes(
        gzip.compress(archive.getvalue(), mtime=0))


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
        "lk1_aircrash_pg_tsvector",
        26,
        "replace from a Postgres table with a full-text search column (`search tsvector`), "
        "run 2 after five death tolls were corrected: 439 rows of `id`, `phase`, `cause`, "
        "`day`, `fatalities` with run 2's values (`search` kept as its text or left out "
        "with a warning); or a refusal naming the column's type; never a traceback or run "
        "1's values",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lk1_first(), lambda folder: _lk1_second()],
        _lk1_expect,
        columns=CRASH_COLUMNS,
        cleanup=_lk1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_26}.crashes\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lk2_respiratory_tar_gz_delivery",
        26,
        "incremental_files over `landing/*`: the second delivery a gzipped tar archive "
        "holding the CSV (`respiratory-2.tar.gz`): 444 rows, the member read; or a "
        "refusal naming the archive; never tar headers or compressed bytes loaded as "
        "rows, or the delivery skipped",
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
