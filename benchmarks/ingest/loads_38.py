"""The load-level cases of stage 38 (lw1-lw4): deliveries over two runs from a smart-home
hub's zones in Postgres, a food diary app's exports, a bank's statements and a sport
watch's converted sleep files, written with their expectations after stages 1-37 had all
been seen, and never run while they were written (held out). See `loads.py` for how a
case is written and run."""

from __future__ import annotations

from pathlib import Path

import build38
from build4 import _rdata
from load_scorer import LoadCase
from load_steps import PG_DSN, _land, _sources, per_run

# lw1: a smart-home hub's geofence zones, each a Postgres `circle` (centre and radius)
PG_SOURCE_38 = per_run("stage38_bench_src")
ZONE_ORIGIN = (51.5, -0.1)  # the first zone's centre; each next one 0.01 degrees north
WIDENED = (2, 7, 15)         # the zones run 2 widens
WIDENING = 0.5               # each widened radius this much larger
ZONE_COLUMNS = ["id", "name", "area"]


def _zones() -> list[tuple[int, str, float, float, float]]:
    """openintro's `mcu_films` (23 Marvel films: title, length, release, grosses) as a
    hub's zones: id, the film's title as the zone's name, the centre (lat, lon) and the
    radius its length in hours."""
    frame = _rdata("openintro", "mcu_films")
    return [(i + 1, r.movie, round(ZONE_ORIGIN[0] + i / 100, 2), ZONE_ORIGIN[1],
             float(r.length_hrs)) for i, r in enumerate(frame.itertuples(index=False))]


def _pg_float(value: float) -> str:
    """A float8 as Postgres 12 and later writes it: the shortest text that reads back
    exactly (Python's repr), a whole number without `.0`."""
    text = repr(float(value))
    return text.removesuffix(".0")


def _circle(lat: float, lon: float, radius: float) -> str:
    """A circle as Postgres writes it: `<(51.5,-0.1),2>`."""
    return f"<({_pg_float(lat)},{_pg_float(lon)}),{_pg_float(radius)}>"


def _lw1_first() -> None:
    """The table `zones`, `area` of Postgres's geometric type `circle`."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_38} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_38}")
        db.execute(f"CREATE TABLE {PG_SOURCE_38}.zones (id integer PRIMARY KEY, "
                   f"name text NOT NULL, area circle)")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_38}.zones VALUES (%s, %s, circle(point(%s, %s), %s))",
                _zones())


def _lw1_second() -> None:
    """Three zones widened: their radii `WIDENING` larger."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db, db.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PG_SOURCE_38}.zones SET area = circle(center(area), radius(area) + %s) "
            "WHERE id = %s", [(WIDENING, zone) for zone in WIDENED])


def _lw1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_38} CASCADE")


def _lw1_expect() -> list[tuple]:
    """After run 2: each zone's circle as Postgres writes it, three widened."""
    return [(i, name, _circle(lat, lon, radius + (WIDENING if i in WIDENED else 0)))
            for i, name, lat, lon, radius in _zones()]


# lw2: a food diary app's second export after the user switched the app to German
DIARY_COLUMNS = ["item", "calories", "fat", "carbohydrates", "protein"]
DIARY_GERMAN = ["Lebensmittel", "Kalorien", "Fett", "Kohlenhydrate", "Eiweiß"]
DIARY_SPLIT = 40  # the first export's items


def _diary():
    """openintro's `starbucks` (77 Starbucks food items: calories, fat, carbohydrate and
    protein in grams), the items' names without the table's trailing spaces (a kind of
    its own, not this case's)."""
    frame = _rdata("openintro", "starbucks").rename(columns={"carb": "carbohydrates"})
    return frame.assign(item=frame.item.str.strip())[DIARY_COLUMNS]


def _lw2_second(folder: Path) -> None:
    """`diary-2.csv`: the later items, the header in German (`Lebensmittel,Kalorien,...`)
    as the app writes it once its language is German; the values as before."""
    _land(folder, "diary-2.csv", _diary().iloc[DIARY_SPLIT:].set_axis(DIARY_GERMAN, axis=1))


def _lw2_expect() -> list[tuple]:
    """Every item under the first export's names (the German header the same five columns
    in the same order)."""
    return [(r.item, int(r.calories), float(r.fat), int(r.carbohydrates), float(r.protein))
            for r in _diary().itertuples(index=False)]


# lw3: a bank's second statement written with `CR`/`DR` suffixes, the first signed
STATEMENT_COLUMNS = ["id", "amount", "education"]
STATEMENT_SPLIT = 267  # the first statement's transactions


def _transactions():
    """AER's `CPS1985` (534 workers' hourly wages, schooling, experience), each wage a
    transaction numbered by row, every third a debit (`build38.is_debit`)."""
    frame = _rdata("AER", "CPS1985").reset_index(drop=True)
    return frame.assign(id=range(1, len(frame) + 1),
                        signed=[-w if build38.is_debit(i) else w
                                for i, w in enumerate(frame.wage)])


def _lw3_first(folder: Path) -> None:
    frame = _transactions().iloc[:STATEMENT_SPLIT]
    _land(folder, "statement-1.csv", frame.assign(amount=frame.signed)[STATEMENT_COLUMNS])


def _lw3_second(folder: Path) -> None:
    """`statement-2.csv`: the later transactions from the bank's new export, every amount
    unsigned with `CR` or `DR` after it (`5.10 DR`)."""
    frame = _transactions().iloc[STATEMENT_SPLIT:]
    amounts = [build38.cr_dr(i, w) for i, w in zip(range(STATEMENT_SPLIT, len(_transactions())),
                                                    frame.wage)]
    _land(folder, "statement-2.csv", frame.assign(amount=amounts)[STATEMENT_COLUMNS])


def _lw3_expect() -> list[tuple]:
    return [(int(r.id), float(r.signed), int(r.education))
            for r in _transactions().itertuples(index=False)]


# lw4: a sport watch's sleep files, the second converted with `timestamp` as FIT seconds
SLEEP_NIGHTS = 200  # the nights of both files
SLEEP_SPLIT = 100   # the first file's nights


def _sleeps():
    """openintro's `sleep_deprivation` (1,087 workers' nightly sleep as a band of hours,
    `<6` to `>9`, and profession), the
    first nights, each started at `build38.FIRST_NIGHT` plus a day and seven minutes a
    night (naive UTC)."""
    frame = _rdata("openintro", "sleep_deprivation").head(SLEEP_NIGHTS).reset_index(drop=True)
    return frame.assign(started=[build38.FIRST_NIGHT + i * build38.NIGHT_SHIFT
                                 for i in range(len(frame))])


def _lw4_file(folder: Path, name: str, frame, fit: bool) -> None:
    """A Parquet file of nights: `timestamp` a Parquet timestamp (naive UTC), or,
    from the converter's update on, an int64 of FIT seconds (from 1989-12-31)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    stamps = (pa.array([build38.fit_seconds(t) for t in frame.started], pa.int64()) if fit
              else pa.array([t.replace(tzinfo=None) for t in frame.started], pa.timestamp("s")))
    path = folder / "landing" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"timestamp": stamps, "sleep": list(frame.sleep),
                             "profession": list(frame.profession)}), path)


def _lw4_expect() -> list[tuple]:
    """Every night's start as naive UTC (the scorer compares instants as ISO text)."""
    return [(t.replace(tzinfo=None).isoformat(), s, p) for t, s, p in
            zip(_sleeps().started, _sleeps().sleep, _sleeps().profession)]


LOAD_CASES = [
    LoadCase(
        "lw1_mcu_films_pg_circle",
        38,
        "replace from a smart-home hub's Postgres table whose `area` is the geometric "
        "`circle` type (`<(51.5,-0.1),2.18>`), three radii widened in run 2: 23 rows, `area` "
        "the circle as Postgres writes it; or a refusal naming `area` and its type; never "
        "NULL, an empty text, or a crash",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _lw1_first(), lambda folder: _lw1_second()],
        _lw1_expect,
        columns=ZONE_COLUMNS,
        cleanup=_lw1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_38}.zones\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "lw2_starbucks_german_header_delivery",
        38,
        "incremental_files over `landing/*.csv`: a food diary app's exports, the second "
        "after the app was switched to German (`Lebensmittel,Kalorien,Fett,...`): 77 rows "
        "under the first's five names; or a refusal naming the file and its names; never "
        "five new German columns beside NULLs",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [lambda folder: _land(folder, "diary-1.csv", _diary().iloc[:DIARY_SPLIT]),
         _lw2_second],
        _lw2_expect,
        columns=DIARY_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*.csv\n"
                     "        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "lw3_cps1985_credit_debit_delivery",
        38,
        "incremental_files over `landing/*.csv`: a bank's statements, the first signed "
        "(`-5.10`), the second unsigned with `CR`/`DR` after each amount (`5.10 DR`): 534 "
        "rows, the second's debits negative in the first's double column; or a refusal "
        "naming the file; never the debits positive, NULL, or the column turned to text",
        {"mode": "incremental_files", "path": "landing/*.csv"},
        [_lw3_first, _lw3_second],
        _lw3_expect,
        columns=STATEMENT_COLUMNS,
        refuse_ok=True,
    ),
    LoadCase(
        "lw4_sleep_deprivation_fit_seconds_delivery",
        38,
        "incremental_files over `landing/*.parquet`: a sport watch's sleep files, the "
        "second converted with `timestamp` an int64 of FIT seconds (from 1989-12-31) where "
        "the first had a Parquet timestamp: 200 rows, every night its instant; or a refusal "
        "naming the file and `timestamp`; never the column widened to integers or text, "
        "the seconds read from 1970, or the second's nights NULL",
        {"mode": "incremental_files", "path": "landing/*.parquet"},
        [lambda folder: _lw4_file(folder, "sleep-1.parquet", _sleeps().iloc[:SLEEP_SPLIT],
                                  fit=False),
         lambda folder: _lw4_file(folder, "sleep-2.parquet", _sleeps().iloc[SLEEP_SPLIT:],
                                  fit=True)],
        _lw4_expect,
        columns=['"timestamp"', "sleep", "profession"],
        refuse_ok=True,
    ),
]
