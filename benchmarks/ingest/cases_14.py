"""The ingestion benchmark's cases of stage 14 (`build14.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build14
from case import Case, _spelled

_CARS = build14.cars()
_BLACKMORE = build14.blackmore()
_BLACKMORE_ROWS = (0, *build14.BLACKMORE_TWICE)  # the first, the three objects with two keys
_MIGRATION = build14.migration()
_SUNSPOTS = build14.sunspots()
_SUNSPOT_ROWS = (0, 1, len(_SUNSPOTS) - 1)
_FDEATHS = build14.fdeaths()
_FDEATHS_ROWS = (0, 35, len(_FDEATHS) - 1)
_SYNTH = build14.synth()
_SYNTH_XS_ROWS = (0, 1, len(_SYNTH) - 1)  # positive, negative (`'-0.74807425`), the last
_SYNTH_YS_ROWS = (0, next(i for i, v in enumerate(_SYNTH.ys) if v < 0), len(_SYNTH) - 1)
_FLORIDA = build14.florida()
_FLORIDA_TOTALS = _FLORIDA[build14.FLORIDA_CANDIDATES].sum(axis=1)
_MENARCHE = build14.menarche()
_UN = build14.un()
_UN_ROWS = (0, build14.UN_SPLIT - 1, build14.UN_SPLIT, len(_UN) - 1)
_BAUMANN = build14.baumann()
_TOPO = build14.topo()
_TOPO_ROWS = (0, 4, 9, len(_TOPO) - 1)  # `level`, `stake 7" below grade`, `pin 1"`, the last
_STATES = build14.states()
_TIMES = ("time64[us]", "time64[ns]", "time32[ms]", "time32[s]")  # how `kind` names a time


def _log4j_outcomes() -> list[dict[str, Any]]:
    """i4's acceptable outcomes: the instants to the millisecond (no zone: the text names
    none), or the text kept."""
    return [
        {
            "types": {"logged_at": "timestamp"},
            "values": {"logged_at": [(i, _SUNSPOTS[i][0]) for i in _SUNSPOT_ROWS]},
        },
        {
            "types": {"logged_at": "varchar"},
            "values": {
                "logged_at": [(i, build14.log4j_stamp(_SUNSPOTS[i][0])) for i in _SUNSPOT_ROWS]
            },
        },
    ]


def _aspnet_date_outcomes() -> list[dict[str, Any]]:
    """i5's acceptable outcomes: each month's first day at midnight UTC (naive, zoned, or a
    date), or the text as JSON decodes it (`/Date(126230400000)/`)."""
    as_kinds = (
        ("timestamp", lambda d: datetime.datetime.combine(d, datetime.time())),
        (
            "timestamp",
            lambda d: datetime.datetime.combine(d, datetime.time(), datetime.timezone.utc),
        ),
        ("date", lambda d: d),
        ("varchar", lambda d: build14.ms_json_date(d).replace("\\/", "/")),
    )
    return [
        {
            "types": {"month": kind, "deaths": "integer"},
            "values": {
                "month": [(i, as_kind(_FDEATHS[i][0])) for i in _FDEATHS_ROWS],
                "deaths": [(i, _FDEATHS[i][1]) for i in _FDEATHS_ROWS],
            },
        }
        for kind, as_kind in as_kinds
    ]


def _injection_guard_outcomes() -> list[dict[str, Any]]:
    """i6's acceptable outcomes: `xs` and `ys` each a double with every sign right, or the
    text kept as written (`'-0.74807425`)."""
    return _spelled(
        {
            column: (
                "double",
                [(i, float(_SYNTH[column].iloc[i])) for i in rows],
                [(i, build14.injection_guarded(_SYNTH[column].iloc[i])) for i in rows],
            )
            for column, rows in (("xs", _SYNTH_XS_ROWS), ("ys", _SYNTH_YS_ROWS))
        }
    )


_LOG4J = _log4j_outcomes()
_ASPNET = _aspnet_date_outcomes()
_GUARDED = _injection_guard_outcomes()

CASES = [
    Case(
        "i1_cars_double_cr",
        14,
        "i1_cars.csv",
        "every line ends `\\r\\r\\n` (Python's csv writer on Windows without `newline=''`): "
        "50 rows of three integers; never a blank row between records, `\\r` kept in `dist` "
        "or `dist` text",
        rows=50,
        rejects=set(),
        columns=["id", "speed", "dist"],
        types={"id": "integer", "speed": "integer", "dist": "integer"},
        values={
            "id": [(0, 1), (49, 50)],
            "speed": [(0, int(_CARS.speed.iloc[0])), (49, int(_CARS.speed.iloc[49]))],
            "dist": [(0, int(_CARS.dist.iloc[0])), (49, int(_CARS.dist.iloc[49]))],
        },
    ),
    Case(
        "i2_blackmore_json_duplicate_keys",
        14,
        "i2_blackmore.ndjson",
        "NDJSON whose serializer wrote `exercise` twice in three objects (a placeholder "
        "`-1.0`, then the value): 945 rows, `exercise` the last value written (as JSON "
        "parsers keep it); or a refusal naming the key and line; never -1.0 kept",
        rows=945,
        rejects=set(),
        columns=["subject", "age", "exercise", "group"],
        types={"age": "double", "exercise": "double", "group": "varchar"},
        values={
            "exercise": [(i, float(_BLACKMORE.exercise.iloc[i])) for i in _BLACKMORE_ROWS],
            "age": [(i, float(_BLACKMORE.age.iloc[i])) for i in _BLACKMORE_ROWS],
            "group": (944, "control"),
        },
        refuse_ok=True,
    ),
    Case(
        "i3_migration_reserved_word_headers",
        14,
        "i3_migration.csv",
        "headers that are SQL reserved words (`order`, `from`, `to`) and a function name "
        "(`count`): 90 rows, the names kept as written; never renamed, rows lost or a crash",
        rows=90,
        rejects=set(),
        columns=["order", "from", "to", "count", "distance"],
        types={"order": "integer", "from": "varchar", "count": "integer", "distance": "integer"},
        values={
            "order": [(0, 1), (89, 90)],
            "from": [(0, "PEI"), (89, _MIGRATION["from"].iloc[89])],
            "to": [(0, "NFLD"), (89, _MIGRATION["to"].iloc[89])],
            "count": [(0, 255), (89, int(_MIGRATION["count"].iloc[89]))],
        },
    ),
    Case(
        "i4_sunspots_log4j_comma_millis",
        14,
        "i4_sunspots.tsv",
        "a log exported as TSV, instants in log4j's default layout (`2024-03-01 "
        "08:00:01,287`, the milliseconds after a comma): 289 rows, each instant right to "
        "the millisecond; or the text kept; never the milliseconds lost, NULLs or rejects",
        rows=289,
        rejects=set(),
        columns=["logged_at", "year", "sunspots"],
        types={"year": "integer", "sunspots": "double", **_LOG4J[0]["types"]},
        values={
            "year": [(i, _SUNSPOTS[i][1]) for i in _SUNSPOT_ROWS],
            "sunspots": [(i, _SUNSPOTS[i][2]) for i in _SUNSPOT_ROWS],
            **_LOG4J[0]["values"],
        },
        alternatives=_LOG4J[1:],
    ),
    Case(
        "i5_fdeaths_aspnet_json_dates",
        14,
        "i5_fdeaths.json",
        'an ASP.NET service\'s JSON array, months written `"\\/Date(126230400000)\\/"`: '
        "72 rows, each month its first day (a timestamp at midnight UTC, zoned or not, or a "
        "date), or the text kept; never epoch integers read as years or NULLs",
        rows=72,
        rejects=set(),
        columns=["month", "deaths"],  # snake_cased, as every stage expects (fixed apart)
        **_ASPNET[0],
        alternatives=_ASPNET[1:],
    ),
    Case(
        "i6_synth_apostrophe_negatives",
        14,
        "i6_synth.csv",
        "a CSV guarded against formula injection, every negative prefixed with `'` "
        "(`'-0.74807425`): 250 rows, `xs` and `ys` doubles with every sign right; or their "
        "text kept as written; or a refusal naming the column; never the negatives NULL, "
        "positive or rejected",
        rows=250,
        rejects=set(),
        columns=["id", "xs", "ys", "yc"],
        types={"id": "integer", "yc": "integer", **_GUARDED[0]["types"]},
        values={"yc": [(0, 0), (249, 1)], **_GUARDED[0]["values"]},
        alternatives=_GUARDED[1:],
        refuse_ok=True,
    ),
    Case(
        "i7_florida_sqlite_generated_column",
        14,
        "i7_florida.db",
        "a SQLite table with a generated column (`total ... GENERATED ALWAYS AS (gore + bush "
        "+ ...) VIRTUAL`): 67 rows, `total` a column with each county's sum; never the "
        "column missing or NULL",
        fmt="sqlite",
        options={"source_table": "votes"},
        rows=67,
        rejects=set(),
        columns=["county", *build14.FLORIDA_CANDIDATES, "total"],
        types={"county": "varchar", "gore": "integer", "total": "integer"},
        values={
            "total": [(i, int(_FLORIDA_TOTALS.iloc[i])) for i in (0, 66)],
            "county": [(0, "ALACHUA"), (66, _FLORIDA.county.iloc[66])],
            "phillips": (66, int(_FLORIDA.phillips.iloc[66])),
        },
    ),
    Case(
        "i8_menarche_xlsx_time_cells",
        14,
        "i8_menarche.xlsx",
        "an xlsx time-of-day column (fractions of a day shown `h:mm`): 25 rows, "
        "`examined_at` a time (08:00, 17:12); never fractions (0.3333), a date in 1899 or "
        "NULLs",
        rows=25,
        rejects=set(),
        columns=["age", "total", "menarche", "examined_at"],
        types={"examined_at": _TIMES, "age": "double", "total": ("integer", "double")},
        values={
            "examined_at": [(i, _MENARCHE.examined_at.iloc[i]) for i in (0, 1, 24)],
            "age": [(i, float(_MENARCHE.age.iloc[i])) for i in (0, 24)],
            "total": (24, int(_MENARCHE.total.iloc[24])),
        },
    ),
    Case(
        "i9_un_spark_output_folder",
        14,
        "i9_un/*",
        "a Spark job's output folder: two snappy Parquet parts, an empty `_SUCCESS` marker "
        "and hidden `.crc` files: the parts' 213 rows; or a refusal naming the file that is "
        "not Parquet; never the marker or checksums read as rows, or a crash",
        fmt="parquet",
        rows=213,
        columns=list(_UN.columns),
        types={"country": "varchar", "fertility": "double"},
        values={
            "country": [(i, _UN.country.iloc[i]) for i in _UN_ROWS],
            "fertility": [(0, 5.968), (212, float(_UN.fertility.iloc[212]))],
        },
        refuse_ok=True,
    ),
    Case(
        "i10_baumann_header_trailer_records",
        14,
        "i10_baumann.txt",
        "a `|` feed with control records, `HDR|READING_STUDY|20240131|000066` above the "
        "names and `TRL|000066` after the last record: 66 rows under the names of line 2 "
        "(the trailer left out or a reject); or a refusal naming the lines; never `HDR` "
        "the header or the trailer a row",
        fmt="csv",
        rows=66,
        rejects=set(),
        columns=build14.BAUMANN_COLUMNS,
        types={"id": "integer", "group": "varchar", "post_test_3": "integer"},
        values={
            "id": [(0, 1), (65, 66)],
            "group": [(0, "Basal"), (65, "Strat")],
            "post_test_3": [(0, 41), (65, int(_BAUMANN.post_test_3.iloc[65]))],
        },
        alternatives=[{"rejects": None}],
        refuse_ok=True,
    ),
    Case(
        "i11_topo_bare_inch_marks",
        14,
        "i11_topo.csv",
        'inch marks in unquoted notes (`stake 7" below grade`, `pin 1"`): 52 rows, each note '
        "with its mark; or a refusal naming the line; never rows merged into one field, "
        "the marks dropped or rejects",
        rows=52,
        rejects=set(),
        columns=["id", "x", "y", "z", "note"],
        types={"id": "integer", "x": "double", "z": "integer", "note": "varchar"},
        values={
            "note": [(i, _TOPO.note.iloc[i]) for i in _TOPO_ROWS],
            "z": [(i, int(_TOPO.z.iloc[i])) for i in _TOPO_ROWS],
        },
        refuse_ok=True,
    ),
    Case(
        "i12_states_xlsm",
        14,
        "i12_states.xlsm",
        "a macro-enabled workbook (`.xlsm`): its sheet's 51 rows; or a refusal naming the "
        "macro-enabled type; never a crash",
        rows=51,
        rejects=set(),
        columns=["state", "region", "pop", "satv", "satm", "percent", "dollars", "pay"],
        types={"state": "varchar", "pop": ("integer", "double"), "dollars": "double"},
        values={
            "state": [(0, "AL"), (50, _STATES.state.iloc[50])],
            "pop": [(0, 4041), (50, int(_STATES["pop"].iloc[50]))],
            "dollars": [(0, 3.648), (50, float(_STATES.dollars.iloc[50]))],
        },
        refuse_ok=True,
    ),
]
