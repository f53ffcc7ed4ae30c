"""The ingestion benchmark's cases of stage 30 (`build30.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
import itertools
import json
from typing import Any

import build30
from case import Case, _utc
from cases_16 import _day_outcomes, _sharing
from cases_18 import _at

_RIDERS = build30.riders()
_FOOD = build30.fastfood()
_CLIMATE = build30.climate()
_GLUCOSE = build30.glucose()
_LEAVES = build30.leafshape()
_BABOONS = build30.baboons()
_TOWNS = build30.towns()
_SOLAR = build30.solar()
_OSCARS = build30.oscars()
_SALARIES = build30.salaries()
_ALFALFA = build30.alfalfa()
_JOURNALS = build30.journals()

_RIDER_ROWS = (0, 1, len(_RIDERS) - 1)
_FOOD_ROWS = (0, 1, 15, 82, 205, len(_FOOD) - 1)  # 1, 15: the first fractions; 82, 205: NULL
_CLIMATE_ROWS = (0, 1, len(_CLIMATE) - 1)
_GLUCOSE_ROWS = (0, 13, 14, len(_GLUCOSE) - 1)  # 13, 14: the last of run 1, the first of run 2
_LEAF_ROWS = (0, 1, len(_LEAVES) - 1)
_BABOON_ROWS = (0, 1, len(_BABOONS) - 1)
_TOWN_ROWS = (0, 1, len(_TOWNS) - 1)
_SOLAR_ROWS = (0, 6, len(_SOLAR) - 1)  # 0: no reading (`-9999`), 6: the first reading
_OSCAR_ROWS = (0, 1, len(_OSCARS) - 1)
_SALARY_ROWS = (0, 17, 31, 196, 303, len(_SALARIES) - 1)  # 17, 31: quotes; 196, 303: breaks
_ALFALFA_ROWS = (0, 1, len(_ALFALFA) - 1)  # 0: `date` missing in the table
_JOURNAL_ROWS = (0, 1, len(_JOURNALS) - 1)


def _webkit_outcomes() -> list[dict[str, Any]]:
    """ro1's acceptable outcomes: `date` the integers stored (Chromium's microseconds since
    1601: nothing in the file names the epoch), or the days they stand for: a date, or a
    timestamp at midnight UTC (naive or zoned)."""
    days = list(zip(_RIDERS.date))
    outcomes = _day_outcomes("date", days, _RIDER_ROWS, build30.webkit, "integer")
    utc = datetime.timezone.utc
    outcomes.append({"types": {"date": "timestamp"}, "values": {"date": [
        (i, datetime.datetime.combine(days[i][0], datetime.time(), utc)) for i in _RIDER_ROWS]}})
    return _sharing(
        outcomes,
        {"id": "integer", "day": "varchar", "riders": "integer", "precip": "double"},
        {c: _at(_RIDERS, c, _RIDER_ROWS) for c in ("id", "day", "riders", "clouds")},
    )


def _psql_outcomes() -> list[dict[str, Any]]:
    """ro6's acceptable outcomes: each instant in UTC (naive or zoned), 06:56+03 being
    03:56 UTC; or the text kept as written."""
    moments = [(i, _BABOONS.observed_at.iloc[i].to_pydatetime()) for i in _BABOON_ROWS]
    outcomes = [
        {"types": {"observed_at": kind},
         "values": {"observed_at": [(i, as_kind(m)) for i, m in moments]}}
        for kind, as_kind in (("timestamp", _utc), ("timestamp", lambda m: m),
                              ("varchar", build30.psql_stamp))
    ]
    return _sharing(outcomes, {"observed": ("integer", "boolean")},
                    {"observed": _at(_BABOONS, "observed", _BABOON_ROWS)})


def _coordinate_outcomes() -> list[dict[str, Any]]:
    """ro7's acceptable outcomes: each coordinate a signed double (south and west
    negative), or kept as the text written (`45.000000N`); never the letter dropped with
    the sign (every longitude east)."""
    letters = {"latitude": ("N", "S"), "longitude": ("E", "W")}
    outcomes = []
    for read in itertools.product((True, False), repeat=2):
        types, values = {}, {}
        for parsed, (column, (positive, negative)) in zip(read, letters.items()):
            at = _at(_TOWNS, column, _TOWN_ROWS)
            types[column] = "double" if parsed else "varchar"
            values[column] = [(i, float(f"{v:.6f}") if parsed else
                               build30.hemisphere(v, positive, negative)) for i, v in at]
        outcomes.append({"types": types, "values": values})
    return _sharing(
        outcomes,
        {"index": "integer", "name": "varchar", "population_2021": "integer"},
        {c: _at(_TOWNS, c, _TOWN_ROWS) for c in ("index", "name", "land_area_km2",
                                                 "population_2021")},
    )


def _sentinel_outcomes() -> list[dict[str, Any]]:
    """ro8's acceptable outcomes: `sza` the numbers as written, `-9999` kept (a number the
    file gives no sign of meaning "none"), or NULL there with a note naming the column."""
    readings = _at(_SOLAR, "sza", _SOLAR_ROWS)
    shared = {c: _at(_SOLAR, c, _SOLAR_ROWS) for c in ("latitude", "month", "tst")}
    types = {"latitude": "integer", "month": "varchar", "tst": "integer", "sza": "double"}
    return [
        {"types": types, "values": {**shared, "sza": [
            (i, float(build30.SENTINEL) if v is None else v) for i, v in readings]},
         "notes": []},
        {"types": types, "values": {**shared, "sza": readings}, "notes": ["sza"]},
    ]


def _json_document_outcomes() -> list[dict[str, Any]]:
    """ro12's acceptable outcomes: `publisher` the JSON text as stored, or as DuckDB's JSON
    type writes it back (no spaces), or parsed to the document's fields."""
    stored = _at(_JOURNALS, "publisher", _JOURNAL_ROWS)
    shared = {c: _at(_JOURNALS, c, _JOURNAL_ROWS) for c in ("id", "title", "libprice")}
    types = {"id": "integer", "libprice": "integer", "pages": "integer"}
    compact = [(i, json.dumps(json.loads(v), separators=(",", ":"))) for i, v in stored]
    return [
        {"types": {**types, "publisher": "varchar"}, "values": {**shared, "publisher": stored}},
        {"types": {**types, "publisher": "varchar"}, "values": {**shared, "publisher": compact}},
        {"types": types,
         "values": {**shared, "publisher": [(i, json.loads(v)) for i, v in stored]}},
    ]


_WEBKIT = _webkit_outcomes()
_PSQL = _psql_outcomes()
_COORDINATES = _coordinate_outcomes()
_SENTINELS = _sentinel_outcomes()
_DOCUMENTS = _json_document_outcomes()

CASES = [
    Case(
        "ro1_riders_chromium_webkit_times",
        30,
        "ro1_riders.sqlite",
        "a Chromium-based app's SQLite table: `date` an INTEGER of Chromium's time, "
        "microseconds since 1601-01-01 UTC (12757132800000000 is 2005-04-05): 90 rows, `date` "
        "the integers as stored, or the days (a date, or midnight UTC naive or zoned); never "
        "a time centuries off (read as Unix micro- or milliseconds) or NULL",
        fmt="sqlite",
        options={"source_table": "rides"},
        rows=len(_RIDERS),
        rejects=set(),
        columns=list(_RIDERS.columns),
        **_WEBKIT[0],
        alternatives=_WEBKIT[1:],
    ),
    Case(
        "ro2_fastfood_django_decimal_affinity",
        30,
        "ro2_fastfood.sqlite",
        "a Django app's SQLite table: four DecimalFields declared `decimal`, whole values "
        "stored as INTEGER and fractions as REAL by SQLite's NUMERIC affinity (`sat_fat`'s "
        "first fraction on row 16): 515 rows, the four columns doubles or decimals with "
        "every fraction kept (1.5, 3.5) and NULL where missing; never integers, truncated "
        "or rounded fractions, or rejected rows",
        fmt="sqlite",
        options={"source_table": "menu_item"},
        rows=len(_FOOD),
        rejects=set(),
        columns=list(_FOOD.columns),
        types={"id": "integer", "calories": "integer", "item": "varchar",
               **{c: ("double", "decimal") for c in build30.DECIMAL_COLUMNS}},
        values={c: _at(_FOOD, c, _FOOD_ROWS)
                for c in ("id", "item", "calories", *build30.DECIMAL_COLUMNS)},
    ),
    Case(
        "ro3_climate70_geopackage",
        30,
        "ro3_climate70.gpkg",
        "a GPS survey app's GeoPackage (SQLite): the feature table `stations` with a `geom` "
        "POINT blob, beside GeoPackage's metadata tables, an R*Tree index (a virtual table) "
        "and a trigger calling ST_ functions plain SQLite lacks: 197 rows of all nine "
        "columns (`geom` kept, any type), the counts integers; never a refusal over the "
        "index or trigger, or rows lost",
        fmt="sqlite",
        options={"source_table": "stations"},
        rows=len(_CLIMATE),
        rejects=set(),
        columns=["fid", "geom", "station", "latitude", "longitude", "dx70_1948", "dx70_2018",
                 "dx90_1948", "dx90_2018"],
        types={"fid": "integer", "station": "varchar", "latitude": "double",
               "dx70_1948": "integer", "dx90_2018": "integer"},
        values={c: _at(_CLIMATE, c, _CLIMATE_ROWS)
                for c in ("fid", "station", "latitude", "longitude", "dx70_1948")},
    ),
    Case(
        "ro4_glucose2_run_blocks",
        30,
        "ro4_glucose2.csv",
        "an analyser's CSV appended run by run: each run a `Run,N` line and a `Sample,...` "
        "line, the header again, its readings, a blank line (14 runs): 196 rows of "
        "`subject`, `session`, `time`, `glucose` (the run lines and repeated headers left "
        "out or rejected, a note welcome), numbers typed; or a refusal naming the runs' "
        "lines; never them read as rows or every column text",
        rows=len(_GLUCOSE),
        columns=list(_GLUCOSE.columns),
        types={"subject": "integer", "session": "integer", "time": "integer",
               "glucose": "double"},
        values={c: _at(_GLUCOSE, c, _GLUCOSE_ROWS) for c in _GLUCOSE.columns},
        refuse_ok=True,
    ),
    Case(
        "ro5_leafshape_sample_sheet_sections",
        30,
        "ro5_leafshape.csv",
        "an instrument's sectioned CSV (Illumina sample sheet style): `[Header]` key/value "
        "lines, `[Reads]`, `[Settings]`, then `[Data]` over the names and rows, every line "
        "padded with commas to nine fields, CRLF: 286 rows of the `[Data]` section's nine "
        "columns, the measurements doubles; or a refusal naming the sections; never the "
        "sections' lines as rows or the names taken from `[Header]`",
        rows=len(_LEAVES),
        columns=list(_LEAVES.columns),
        types={"bladelen": "double", "logwid": "double", "arch": "integer",
               "location": "varchar"},
        values={c: _at(_LEAVES, c, _LEAF_ROWS) for c in ("bladelen", "petiole", "arch",
                                                          "location")},
        refuse_ok=True,
    ),
    Case(
        "ro6_baboon_psql_hour_offsets",
        30,
        "ro6_baboon.csv",
        "`\\copy ... CSV HEADER` from a Postgres session in Nairobi: `timestamptz` written "
        "with its offset in hours alone (`1963-11-25 06:56:00+03`): 152 rows, each instant "
        "in UTC (naive or zoned: 03:56), or the text kept; or a refusal naming the column; "
        "never the offset dropped (06:56 taken as UTC) or NULLs",
        rows=len(_BABOONS),
        rejects=set(),
        columns=list(_BABOONS.columns),
        **_PSQL[0],
        alternatives=_PSQL[1:],
        refuse_ok=True,
    ),
    Case(
        "ro7_towny_gps_hemisphere_letters",
        30,
        "ro7_towny.csv",
        "a GPS logger's CSV: coordinates in decimal degrees with the hemisphere a letter "
        "after them, no sign (`45.000000N`, `77.250000W`): 414 rows, each coordinate a "
        "signed double (west negative: -77.25) or the text as written; never the letter "
        "dropped and the longitude read east (77.25), or NULLs",
        rows=len(_TOWNS),
        rejects=set(),
        columns=list(_TOWNS.columns),
        **_COORDINATES[0],
        alternatives=_COORDINATES[1:],
    ),
    Case(
        "ro8_sza_logger_sentinel",
        30,
        "ro8_sza.tsv",
        "a data logger's TSV: its 215 missing `sza` readings written as the sentinel "
        "`-9999`: 816 rows, `sza` doubles with -9999 kept as written (nothing in the file "
        "says it means none), or NULL there with a note naming `sza`; never NULL unsaid, "
        "the column text or those rows rejected",
        rows=len(_SOLAR),
        rejects=set(),
        columns=list(_SOLAR.columns),
        **_SENTINELS[0],
        alternatives=_SENTINELS[1:],
    ),
    Case(
        "ro9_oscars_django_dumpdata",
        30,
        "ro9_oscars.json",
        "Django's `dumpdata --indent 2`: an array of `{\"model\", \"pk\", \"fields\": "
        "{...}}`: 184 rows with the fields under their own names (`pk`, and `model`, kept "
        "beside them or not), `age` and `oscar_yr` integers; or a refusal naming the shape; "
        "never the fields left as one struct or one row",
        rows=len(_OSCARS),
        types={"oscar_yr": "integer", "age": "integer", "name": "varchar"},
        values={c: _at(_OSCARS, c, _OSCAR_ROWS) for c in ("oscar_yr", "name", "movie", "age")},
        refuse_ok=True,
    ),
    Case(
        "ro10_blizzard_copy_row_to_json",
        30,
        "ro10_blizzard.ndjson",
        "`COPY (SELECT row_to_json(s) ...) TO 'file'`: NDJSON through COPY's text format, "
        "every backslash doubled, so the 16 comments holding a quote or a line break read "
        "`\\\\\"` and `\\\\n`: 466 rows, each comment as written in the survey (its quotes "
        "and line breaks); or a refusal naming the doubled backslashes; never those 16 rows "
        "rejected, or a comment holding a backslash and `n` for its line break",
        rows=len(_SALARIES),
        rejects=set(),
        types={"id": "integer", "current_salary": "double", "other_info": "varchar"},
        values={c: _at(_SALARIES, c, _SALARY_ROWS)
                for c in ("id", "current_salary", "other_info", "location")},
        refuse_ok=True,
    ),
    Case(
        "ro11_alfalfa_xlsx_instrument_block",
        30,
        "ro11_alfalfa.xlsx",
        "a plate reader's xlsx: seven key/value rows (device, firmware, a date cell, a time "
        "cell, user) and a blank row above the data: 72 rows of `variety`, `date`, `block`, "
        "`yield` (the block left out, a note welcome), `block` integers, `yield` doubles; or "
        "a refusal naming the rows above the header; never the block's rows read as data "
        "or its first row as the names",
        rows=len(_ALFALFA),
        columns=list(_ALFALFA.columns),
        types={"variety": "varchar", "block": "integer", "yield": "double"},
        values={c: _at(_ALFALFA, c, _ALFALFA_ROWS) for c in _ALFALFA.columns},
        refuse_ok=True,
    ),
    Case(
        "ro12_journals_parquet_json_type",
        30,
        "ro12_journals.parquet",
        "a Parquet column of the JSON logical type (Arrow's `arrow.json` extension): 180 "
        "rows, `publisher` the JSON text (as stored or compacted) or the document parsed; "
        "never a refusal over the type, NULLs or the column dropped",
        rows=len(_JOURNALS),
        rejects=set(),
        columns=list(_JOURNALS.columns),
        **_DOCUMENTS[0],
        alternatives=_DOCUMENTS[1:],
    ),
]
