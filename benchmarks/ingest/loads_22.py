"""The load-level cases of stage 22 (lg1-lg4): deliveries over two runs, written with their
expectations after stages 1-21 had all been seen, and never run while they were written
(held out). See `loads.py` for how a case is written and run."""

from __future__ import annotations

from pathlib import Path

from build4 import _rdata
from load_scorer import LoadCase
from load_steps import per_run
from load_steps import PG_DSN, _land, _sources

# lg1: a Postgres source table with a column of a composite type; run 2 resurveys five sites
PG_SOURCE_22 = per_run("stage22_bench_src")
FROGS_RESURVEYED = (2, 3, 4, 5, 6)  # the sites whose altitude and grid reference run 2 revises
FROGS_ALTITUDE_CHANGE = 10  # metres added to their altitude in run 2


def _frogs():
    """DAAG's `frogs` (sites surveyed for the southern corroboree frog), `id` the site."""
    frame = _rdata("DAAG", "frogs")[
        ["rownames", "pres.abs", "easting", "northing", "altitude", "avrain"]
    ]
    return frame.rename(columns={"rownames": "id", "pres.abs": "pres_abs"})


def _lg1_first() -> None:
    """The type `grid_ref` (easting, northing) and the table `sites` with a column of it."""
    import psycopg

    rows = [
        (
            int(r.id),
            int(r.pres_abs),
            int(r.easting),
            int(r.northing),
            int(r.altitude),
            float(r.avrain),
        )
        for r in _frogs().itertuples(index=False)
    ]
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_22} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_22}")
        db.execute(f"CREATE TYPE {PG_SOURCE_22}.grid_ref AS (easting integer, northing integer)")
        db.execute(
            f"CREATE TABLE {PG_SOURCE_22}.sites (id integer PRIMARY KEY, pres_abs integer, "
            f"location {PG_SOURCE_22}.grid_ref, altitude integer, avrain double precision)"
        )
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_22}.sites VALUES "
                f"(%s, %s, ROW(%s, %s)::{PG_SOURCE_22}.grid_ref, %s, %s)",
                rows,
            )


def _lg1_second() -> None:
    """Five sites resurveyed: their altitude 10 m higher, their grid reference one east."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_22}.sites SET altitude = altitude + %s, "
            "location.easting = (location).easting + 1 WHERE id = %s",
            [(FROGS_ALTITUDE_CHANGE, site) for site in FROGS_RESURVEYED],
        )


def _lg1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_22} CASCADE")


def _lg1_expect() -> list[tuple]:
    return [
        (
            int(r.id),
            int(r.pres_abs),
            int(r.altitude) + (FROGS_ALTITUDE_CHANGE if r.id in FROGS_RESURVEYED else 0),
            float(r.avrain),
        )
        for r in _frogs().itertuples(index=False)
    ]


# lg2: on a day without rows the export tool writes its message instead of a CSV
NIHILLS_SPLIT = 12  # rows of the first delivery
NO_DATA_MESSAGE = "No data found for the selected period.\n"


def _nihills():
    """DAAG's `nihills` (Northern Ireland hill races), `race` the name, `hours` the record."""
    frame = _rdata("DAAG", "nihills")[["rownames", "dist", "climb", "time"]]
    return frame.rename(columns={"rownames": "race", "time": "hours"})


def _lg2_second(folder: Path) -> None:
    """The day without rows (`nihills-2.csv`, the tool's message only) and the next day's
    delivery (`nihills-3.csv`)."""
    (folder / "landing" / "nihills-2.csv").write_text(NO_DATA_MESSAGE)
    _land(folder, "nihills-3.csv", _nihills().iloc[NIHILLS_SPLIT:])


def _lg2_expect() -> list[tuple]:
    return [
        (r.race, float(r.dist), int(r.climb), float(r.hours))
        for r in _nihills().itertuples(index=False)
    ]


# lg3: the first delivery comes from a host whose clock runs years ahead
ACME_SPLIT = 30  # rows of the first delivery
FUTURE_MTIME = 1_893_456_000  # 2030-01-01: the skewed clock's stamp on the first delivery


def _acme():
    """boot's `acme` (monthly excess returns of Acme Cleveland and the market), `id` the
    row."""
    return _rdata("boot", "acme").rename(columns={"rownames": "id"})


def _lg3_second(folder: Path) -> None:
    """The second delivery, stamped by a correct clock (now): older than the first."""
    _land(folder, "acme-2.csv", _acme().iloc[ACME_SPLIT:])


def _lg3_expect() -> list[tuple]:
    return [
        (int(r.id), r.month, float(r.market), float(r.acme))
        for r in _acme().itertuples(index=False)
    ]


# lg4: the second delivery comes from a job rewritten with `numpy.savetxt`
GOOG_SPLIT = 49  # rows of the first delivery
GOOG_COLUMNS = ["id", "date", "open", "close", "volume"]


def _goog():
    """openintro's `goog` (Google's monthly prices), `id` the row."""
    return _rdata("openintro", "goog")[["rownames", "date", "open", "close", "volume"]].rename(
        columns={"rownames": "id"}
    )


def _lg4_second(folder: Path) -> None:
    """Rows from 49 on as `numpy.savetxt` writes them with its default `%.18e` for the
    measures (`2.409900000000000000e+06`), `id` and `date` as text, the header without
    numpy's `# `."""
    import numpy as np

    frame = _goog().iloc[GOOG_SPLIT:]
    np.savetxt(
        folder / "landing" / "goog-2.csv",
        frame.to_numpy(dtype=object),
        fmt=["%d", "%s", "%.18e", "%.18e", "%.18e"],
        delimiter=",",
        header=",".join(GOOG_COLUMNS),
        comments="",
    )


def _lg4_expect() -> list[tuple]:
    return [
        (int(r.id), r.date, float(r.open), float(r.close), int(r.volume))
        for r in _goog().itertuples(index=False)
    ]


LOAD_CASES = [
    LoadCase(
        "lg1_frogs_pg_composite_type",
        22,
        "replace from a Postgres table with a column `location` of a composite type "
        "(`grid_ref`: easting, northing), run 2 after five sites were resurveyed: 212 rows "
        "with `id`, `pres_abs`, `altitude` and `avrain` as the table holds them (`location` "
        "kept as text `(1047,115)`, split in its fields, or left out with a note); or a "
        "refusal naming the column; never a crash or run 1's altitudes",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lg1_first(), lambda folder: _lg1_second()],
        _lg1_expect,
        columns=["id", "pres_abs", "altitude", "avrain"],
        cleanup=_lg1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_22}.sites\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lg2_nihills_no_data_message",
        22,
        "incremental_files over `landing/*.csv`: on a day without rows the export tool "
        "wrote its message, `No data found for the selected period.`, as the whole of "
        "`nihills-2.csv`; `nihills-3.csv` lands beside it: 23 rows, the message file "
        "skipped (a warning welcome); or a refusal naming it; never a row or a column made "
        "of the message, or the third delivery lost",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "nihills-1.csv", _nihills().iloc[:NIHILLS_SPLIT]),
            _lg2_second,
        ],
        _lg2_expect,
        columns=["race", "dist", "climb", "hours"],
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lg3_acme_future_mtime",
        22,
        "incremental_files over `landing/*.csv`: the first delivery comes from a host whose "
        "clock runs ahead (stamped 2030-01-01), the second, in run 2, is stamped now, older "
        "than the first: 60 rows; or a refusal naming the future stamp; never the second "
        "delivery skipped as already seen",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(
                folder, "acme-1.csv", _acme().iloc[:ACME_SPLIT], mtime=FUTURE_MTIME
            ),
            _lg3_second,
        ],
        _lg3_expect,
        columns=["id", "month", "market", "acme"],
        refuse_ok=True,
    ),
    LoadCase(
        "lg4_goog_numpy_savetxt_delivery",
        22,
        "incremental_files over `landing/*.csv`: the first delivery as pandas writes it, the "
        "second from a job rewritten with `numpy.savetxt`, its measures in `%.18e` "
        "(`2.409900000000000000e+06` in the integer column `volume`): 98 rows, `volume` "
        "the integers, `open` and `close` the prices; or a refusal naming the file and "
        "column; never NULLs, rejects or `volume` turned text",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [
            lambda folder: _land(folder, "goog-1.csv", _goog().iloc[:GOOG_SPLIT]),
            _lg4_second,
        ],
        _lg4_expect,
        columns=GOOG_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n        load: {mode: incremental_files}\n"),
    ),
]
