"""The load-level cases of stage 29 (ln1-ln4): deliveries over two or three runs, from APIs,
event streams and data lakes, written with their expectations after stages 1-27 had all
been seen, and never run while they were written (held out). See `loads.py` for how a case
is written and run."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
from build4 import _rdata
from build29 import SPARK_JOB, _arrow
from load_scorer import LoadCase
from load_steps import PG_DSN, _sources, per_run

# ln1: a Postgres table of weather stations with a `point` column (longitude, latitude)
PG_SOURCE_29 = per_run("stage29_bench_src")
STATIONS_REVISED = (3, 41, 97, 150, 196)  # the ids whose `dx90_2018` run 2 raises
STATION_COUNTS = ["dx70_1948", "dx70_2018", "dx90_1948", "dx90_2018"]


def _stations():
    """openintro's `climate70` (US weather stations' days over 70 and 90 degrees F, 1948
    and 2018), `id` the row (a station can appear twice)."""
    return _rdata("openintro", "climate70").rename(columns={"rownames": "id"})


def _ln1_first() -> None:
    """The table `stations` as a geo app keeps it: `location point` (longitude, latitude)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_29} CASCADE")
        db.execute(f"CREATE SCHEMA {PG_SOURCE_29}")
        counts = ", ".join(f"{c} integer" for c in STATION_COUNTS)
        db.execute(f"CREATE TABLE {PG_SOURCE_29}.stations (id integer PRIMARY KEY, "
                   f"station text, location point, {counts})")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PG_SOURCE_29}.stations VALUES "
                f"(%s, %s, point(%s, %s), %s, %s, %s, %s)",
                [(int(r.id), r.station, float(r.longitude), float(r.latitude),
                  *(int(getattr(r, c)) for c in STATION_COUNTS))
                 for r in _stations().itertuples(index=False)],
            )


def _ln1_second() -> None:
    """Five stations' `dx90_2018` raised by one (a late correction)."""
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"UPDATE {PG_SOURCE_29}.stations SET dx90_2018 = dx90_2018 + 1 "
                   f"WHERE id = ANY(%s)", [list(STATIONS_REVISED)])


def _ln1_drop() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {PG_SOURCE_29} CASCADE")


def _pg_float(value: float) -> str:
    """A double as Postgres prints it: the shortest exact digits, no `.0` on whole ones."""
    return repr(value).removesuffix(".0")


def _ln1_expect() -> list[tuple]:
    """Every column; `location` the text Postgres writes for a point, `(x,y)`."""
    return [
        (int(r.id), r.station, f"({_pg_float(r.longitude)},{_pg_float(r.latitude)})",
         int(r.dx70_1948), int(r.dx70_2018), int(r.dx90_1948),
         int(r.dx90_2018) + (1 if r.id in STATIONS_REVISED else 0))
        for r in _stations().itertuples(index=False)
    ]


# ln2: Kinesis Data Firehose's gzipped objects, named with no format extension
SLEEP_SPLIT = 90  # rows of the first object
SLEEP_COLUMNS = ["reaction", "days", "subject"]
FIREHOSE_OBJECTS = ("sleep-events-1-2024-03-04-10-15-07-0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f.gz",
                    "sleep-events-1-2024-03-04-10-20-07-9e8d7c6b-5a4f-3e2d-1c0b-a9f8e7d6c5b4.gz")


def _sleep():
    """lme4's `sleepstudy` (reaction times over ten days of sleep deprivation)."""
    return _rdata("lme4", "sleepstudy").drop(columns=["rownames"]).set_axis(SLEEP_COLUMNS,
                                                                            axis=1)


def _ln2_object(folder: Path, part: int) -> None:
    """One Firehose object as it lands from S3: NDJSON, gzipped, named by the stream and
    the time with `.gz` only (no `.ndjson` or `.json` before it)."""
    frame = _sleep()
    rows = frame.iloc[:SLEEP_SPLIT] if part == 0 else frame.iloc[SLEEP_SPLIT:]
    text = "".join(json.dumps(r) + "\n" for r in json.loads(rows.to_json(orient="records")))
    path = folder / "landing" / FIREHOSE_OBJECTS[part]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode(), mtime=0))


def _ln2_expect() -> list[tuple]:
    return [(float(r.reaction), int(r.days), int(r.subject))
            for r in _sleep().itertuples(index=False)]


# ln3: Spark's partitioned output, a month's folder per delivery
BIRTH_COLUMNS = ["date", "births", "wday"]
FIRST_MONTHS = 6  # months landed before run 1; the other six before run 2


def _births():
    """mosaicData's `Births2015` (US births per day, 2015), `month` as Spark's partition
    column writes it (`2015-01`)."""
    frame = _rdata("mosaicData", "Births2015")
    return frame[BIRTH_COLUMNS].assign(month=[d[:7] for d in frame.date])


def _ln3_months(folder: Path, months: range) -> None:
    """Spark's `partitionBy("month")` for `months` (1-based): `landing/month=2015-01/
    part-00000-<job>.c000.snappy.parquet`, `month` only in the folder's name."""
    frame = _births()
    for month in months:
        name = f"2015-{month:02d}"
        place = folder / "landing" / f"month={name}"
        place.mkdir(parents=True, exist_ok=True)
        rows = frame[frame.month == name][BIRTH_COLUMNS]
        days = [datetime.date.fromisoformat(d) for d in rows.date]
        pq.write_table(_arrow(rows.assign(date=days)), place / f"part-00000-{SPARK_JOB}.c000.snappy.parquet")


def _ln3_expect() -> list[tuple]:
    return [(r.date, int(r.births), r.wday, r.month) for r in _births().itertuples(index=False)]


# ln4: Stripe-style list pages merged on `id`, the middle page empty
HOUSE_FIRST = 300  # listings on the first page
HOUSES_REVISED = (4, 77, 150, 222, 299)  # rows of the first page the third page revises
PRICE_CHANGE = 500
FIRST_UPDATED = 1_709_546_400  # `updated` of the first page's rows (plus the row), seconds
LATER_UPDATED = 1_712_224_800  # of the third page's rows (plus the row)
HOUSE_COLUMNS = ["id", "price", "lotsize", "bedrooms", "updated"]


def _houses():
    """AER's `HousePrices` (house sales in Windsor, Canada, 1987), `id` a Stripe-like
    object id, `updated` seconds since 1970 as Stripe's APIs write times."""
    frame = _rdata("AER", "HousePrices")
    frame = frame.assign(id=[f"lst_{n:04d}" for n in frame.rownames],
                         updated=[FIRST_UPDATED + i if i < HOUSE_FIRST else LATER_UPDATED + i
                                  for i in range(len(frame))])
    return frame[["id", "price", "lotsize", "bedrooms", "bathrooms", "stories", "garage",
                  "updated"]]


def _houses_now():
    """The listings after the third page: five revised, their `updated` later still."""
    frame = _houses()
    revised = [i in HOUSES_REVISED for i in range(len(frame))]
    return frame.assign(
        price=[p + PRICE_CHANGE if r else p for r, p in zip(revised, frame.price)],
        updated=[LATER_UPDATED + 1000 + i if r else u
                 for i, (r, u) in enumerate(zip(revised, frame.updated))])


def _page(folder: Path, number: int, rows, has_more: bool) -> None:
    """One page of a Stripe-style list endpoint saved as `landing/page-N.json`."""
    data = [{"object": "listing", **r} for r in json.loads(rows.to_json(orient="records"))]
    body = {"object": "list", "url": "/v1/listings", "has_more": has_more, "data": data}
    path = folder / "landing" / f"page-{number}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=2))


def _ln4_third(folder: Path) -> None:
    """The third page: the rest of the listings and the five revised ones."""
    now = _houses_now()
    import pandas as pd

    revised = now.iloc[list(HOUSES_REVISED)]
    _page(folder, 3, pd.concat([now.iloc[HOUSE_FIRST:], revised]), False)


def _ln4_expect() -> list[tuple]:
    return [(r.id, int(r.price), int(r.lotsize), int(r.bedrooms), int(r.updated))
            for r in _houses_now().itertuples(index=False)]


LOAD_CASES = [
    LoadCase(
        "ln1_climate_pg_point",
        29,
        "replace from a Postgres table with a `point` column (`location`, longitude and "
        "latitude), run 2 after five counts were raised: 197 rows of all seven columns, "
        "`location` the text Postgres writes (`(-84.6411,41.9352)`) with run 2's counts; or a "
        "refusal naming the column's type; never the column dropped or NULL unsaid",
        {"mode": "replace", "format": "postgres"},
        [lambda folder: _ln1_first(), lambda folder: _ln1_second()],
        _ln1_expect,
        cleanup=_ln1_drop,
        refuse_ok=True,
        cli=_sources(
            f"        format: postgres\n        dsn: {PG_DSN}\n"
            f"        source_table: {PG_SOURCE_29}.stations\n"
            "        load: {mode: replace}\n"
        ),
    ),
    LoadCase(
        "ln2_sleep_firehose_gz_objects",
        29,
        "incremental_files over `landing/*`: two Kinesis Firehose objects, gzipped NDJSON "
        "named by the stream and time with `.gz` only (`sleep-events-1-2024-...-<uuid>.gz`): "
        "180 rows, each object decompressed and read as NDJSON; or a refusal naming the "
        "file; never the gzip bytes loaded as rows or an object skipped",
        {"mode": "incremental_files", "path": "landing/*"},
        [lambda folder: _ln2_object(folder, 0), lambda folder: _ln2_object(folder, 1)],
        _ln2_expect,
        columns=SLEEP_COLUMNS,
        refuse_ok=True,
        cli=_sources("        path: landing/*\n        load: {mode: incremental_files}\n"),
    ),
    LoadCase(
        "ln3_births_spark_partition_folders",
        29,
        "incremental_files over `landing/month=*/*.parquet`: Spark's `partitionBy(\"month\")` "
        "output, six month folders, then six more (each file named alike): 365 rows, `month` "
        "taken from the folder names (`2015-01`) beside the files' columns; never the month "
        "lost, a file skipped for its name, or run 1's rows loaded again",
        {"mode": "incremental_files", "path": "landing/month=*/*.parquet"},
        [lambda folder: _ln3_months(folder, range(1, FIRST_MONTHS + 1)),
         lambda folder: _ln3_months(folder, range(FIRST_MONTHS + 1, 13))],
        _ln3_expect,
        columns=[*BIRTH_COLUMNS, "month"],
    ),
    LoadCase(
        "ln4_houses_stripe_pages_empty_page",
        29,
        "merge on `id` with cursor `updated` over `landing/*.json`, three runs of a "
        "Stripe-style list endpoint's pages (`{\"object\": \"list\", \"data\": [...], "
        "\"has_more\"}`), the second page empty (`\"data\": []`): 546 rows, the five listings "
        "the third page revised at their new prices; never a failure on the empty page, "
        "the page's envelope loaded as one row, or a revision lost",
        {"mode": "merge", "path": "landing/*.json", "primary_key": ["id"],
         "cursor": "updated"},
        [
            lambda folder: _page(folder, 1, _houses().iloc[:HOUSE_FIRST], True),
            lambda folder: _page(folder, 2, _houses().iloc[:0], False),
            _ln4_third,
        ],
        _ln4_expect,
        columns=HOUSE_COLUMNS,
    ),
]
