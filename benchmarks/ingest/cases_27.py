"""The ingestion benchmark's cases of stage 27 (`build27.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

from typing import Any

import build27
from case import Case
from cases_16 import _day_outcomes, _sharing
from cases_18 import _at

_CYCLING = build27.cycling()
_ENVIRONMENTAL = build27.environmental()
_CARS = build27.cars()
_LALONDE = build27.lalonde()
_CRASHES = build27.air_crashes()
_WEIGHTS = build27.body_weight()
_KICKS = build27.horse_kicks()
_SAT = build27.sat_act().astype({"satq": "float64"})  # NaN, as `_at` takes a gap
_FRIES = build27.french_fries()
_RADON = build27.radon()
_NLSY = build27.nlsy()
_RESPIRATORY = build27.respiratory()

_CYCLING_ROWS = (0, 1, len(_CYCLING) - 1)
_CENSORED = [i for i, v in enumerate(_ENVIRONMENTAL.ozone) if v < build27.DETECTION_LIMIT]
_ENVIRONMENTAL_ROWS = sorted({0, 1, *_CENSORED, len(_ENVIRONMENTAL) - 1})
_CAR_ROWS = sorted({0, *build27.SEPARATED_ROWS, len(_CARS) - 1})
_LALONDE_ROWS = (0, 1, 184, 185, len(_LALONDE) - 1)  # 185: the first of the controls
_CRASH_ROWS = (0, 1, 2, len(_CRASHES) - 1)
_WEIGHT_ROWS = (0, 1, len(_WEIGHTS) - 1)
_KICK_ROWS = (0, 2, len(_KICKS) - 1)
_SAT_ROWS = (0, 129, len(_SAT) - 1)  # 129: `satq` missing
_FRIES_ROWS = (0, 340, 476, len(_FRIES) - 1)  # 340, 476: a rating missing
_RADON_ROWS = (0, build27.RADON_SPLIT - 1, build27.RADON_SPLIT, len(_RADON) - 1)
_NLSY_ROWS = (0, 1, 5, 11, len(_NLSY) - 1)  # 1: `ppvtr_36` missing; 11: `income` missing
_RESPIRATORY_ROWS = (0, 1, len(_RESPIRATORY) - 1)


def _hungarian_outcomes() -> list[dict[str, Any]]:
    """rl1's acceptable outcomes: `date` the days (a date, or a timestamp at midnight), or
    kept as the text written (`2005. 01. 15.`); `deaths` integers."""
    return _sharing(
        _day_outcomes("date", list(zip(_CYCLING.date)), _CYCLING_ROWS, build27.hungarian,
                      "varchar"),
        {"deaths": "integer"},
        {"deaths": _at(_CYCLING, "deaths", _CYCLING_ROWS)},
    )


def _censored_outcomes() -> list[dict[str, Any]]:
    """rl2's acceptable outcomes: `ozone` kept as the text the lab wrote (`<10`, `41`), or
    the numbers with NULL for the nine censored readings and a note naming the column;
    never `<10` read as 10 (or as 0) unsaid."""
    rows = _ENVIRONMENTAL_ROWS
    shared = {c: _at(_ENVIRONMENTAL, c, rows) for c in ("radiation", "temperature", "wind")}
    types = {"radiation": "integer", "temperature": "integer", "wind": "double"}
    readings = _at(_ENVIRONMENTAL, "ozone", rows)
    return [
        {"types": {**types, "ozone": "varchar"},
         "values": {**shared, "ozone": [(i, build27.reported(v)) for i, v in readings]},
         "notes": []},
        {"types": {**types, "ozone": ("integer", "double")},
         "values": {**shared, "ozone": [(i, None if i in _CENSORED else v) for i, v in readings]},
         "notes": ["ozone"]},
    ]


def _separator_outcomes() -> list[dict[str, Any]]:
    """rl3's acceptable outcomes: each name as written (the separator kept), or with the
    separator made a space (the name as it was before the paste)."""
    names = _at(_CARS, "model", _CAR_ROWS)
    shared = {c: _at(_CARS, c, _CAR_ROWS) for c in ("length", "luggage", "front_hd")}
    types = {"model": "varchar", "length": "integer", "front_hd": "double"}
    return [
        {"types": types,
         "values": {**shared, "model": [(i, build27.separated(i, v)) for i, v in names]}},
        {"types": types, "values": {**shared, "model": names}},
    ]


def _suffix_outcomes() -> list[dict[str, Any]]:
    """rl5's acceptable outcomes: `date` the days (a date, or a timestamp at midnight), or
    kept as the text written (`21st September 1993`)."""
    return _sharing(
        _day_outcomes("date", list(zip(_CRASHES.date)), _CRASH_ROWS, build27.suffixed,
                      "varchar"),
        {"fatalities": "integer", "year": "integer", "cause": "varchar"},
        {c: _at(_CRASHES, c, _CRASH_ROWS) for c in ("phase", "cause", "fatalities", "year")},
    )


_HUNGARIAN = _hungarian_outcomes()
_CENSORING = _censored_outcomes()
_SEPARATORS = _separator_outcomes()
_SUFFIXES = _suffix_outcomes()
_LALONDE_VALUES = {c: _at(_LALONDE, c, _LALONDE_ROWS) for c in ("id", "age", "race", "re78")}
_PAYLOAD = {c: _at(_RESPIRATORY, c, _RESPIRATORY_ROWS)
            for c in ("center", "id", "treat", "age", "visit", "outcome")}

CASES = [
    Case(
        "rl1_cycling_hungarian_dates",
        27,
        "rl1_cycling.csv",
        "a CSV from a Hungarian Excel: `;`, CRLF, days written `2005. 01. 15.` (year, month, "
        "day, each followed by a dot): 208 rows, `date` the days (a date or a timestamp at "
        "midnight) or the text as written; never NULLs, rejects or a day and month swapped",
        rows=len(_CYCLING),
        rejects=set(),
        columns=["date", "deaths"],
        **_HUNGARIAN[0],
        alternatives=_HUNGARIAN[1:],
    ),
    Case(
        "rl2_environmental_detection_limits",
        27,
        "rl2_environmental.csv",
        "a lab's CSV: nine ozone readings under the limit of detection written `<10`: 111 "
        "rows, `ozone` the text as written, or the numbers with NULL for the nine and a "
        "note naming the column; never `<10` read as 10 (or 0) unsaid, or those rows "
        "rejected",
        rows=len(_ENVIRONMENTAL),
        rejects=set(),
        columns=list(_ENVIRONMENTAL.columns),
        **_CENSORING[0],
        alternatives=_CENSORING[1:],
    ),
    Case(
        "rl3_car90_unicode_line_separators",
        27,
        "rl3_car90.csv",
        "a CSV whose four unquoted names hold U+2028 LINE SEPARATOR or U+2029 PARAGRAPH "
        "SEPARATOR between make and model (`Audi\\u202880`): 111 rows, each name one value "
        "(the separator kept, or made a space); never a record split at it, rows shifted "
        "or rejected",
        rows=len(_CARS),
        rejects=set(),
        columns=list(_CARS.columns),
        **_SEPARATORS[0],
        alternatives=_SEPARATORS[1:],
    ),
    Case(
        "rl4_lalonde_ebcdic",
        27,
        "rl4_lalonde.csv",
        "a mainframe's CSV fetched in binary mode: EBCDIC (code page 037), NL (0x25) line "
        "ends: 614 rows of 10 columns decoded from EBCDIC (`id` `NSW1`, `race` `black`); or "
        "a refusal naming the encoding or the file; never one column of mojibake or a "
        "single row",
        rows=len(_LALONDE),
        rejects=set(),
        columns=list(_LALONDE.columns),
        types={"age": "integer", "treat": "integer", "re78": "double", "race": "varchar"},
        values=_LALONDE_VALUES,
        refuse_ok=True,
    ),
    Case(
        "rl5_aircrash_ordinal_suffix_dates",
        27,
        "rl5_aircrash.csv",
        "a report's CSV: days written with an English ordinal suffix (`21st September "
        "1993`, `22nd September 1993`): 439 rows, `date` the days (a date or a timestamp at "
        "midnight) or the text as written; never NULLs, rejects or a wrong day",
        rows=len(_CRASHES),
        rejects=set(),
        columns=list(_CRASHES.columns),
        **_SUFFIXES[0],
        alternatives=_SUFFIXES[1:],
    ),
    Case(
        "rl6_bodyweight_xlsx_unit_formats",
        27,
        "rl6_bodyweight.xlsx",
        "an xlsx whose number cells show a unit from their number format only (`0 \"g\"` "
        "shows 240 as `240 g`, `\"day \"0` shows 8 as `day 8`): 176 rows, `weight` and "
        "`time` the integers the cells hold; never the text shown",
        rows=len(_WEIGHTS),
        rejects=set(),
        columns=list(_WEIGHTS.columns),
        types={c: "integer" for c in _WEIGHTS.columns},
        values={c: _at(_WEIGHTS, c, _WEIGHT_ROWS) for c in _WEIGHTS.columns},
    ),
    Case(
        "rl7_vonbort_power_query_column_names",
        27,
        "rl7_vonbort.xlsx",
        "an xlsx loaded by Power Query without promoting headers: `Column1` ... `Column4` "
        "over the real names' row, then the data: 280 rows of `deaths`, `year`, `corps`, "
        "`fisher` (the generic row left out, a note welcome), `deaths` and `year` "
        "integers; or a refusal naming the two header rows; never the names read as a row "
        "(every column text) or the columns named `column1` ...",
        rows=len(_KICKS),
        columns=list(_KICKS.columns),
        types={"deaths": "integer", "year": "integer", "corps": "varchar"},
        values={c: _at(_KICKS, c, _KICK_ROWS) for c in _KICKS.columns},
        refuse_ok=True,
    ),
    Case(
        "rl8_satact_odata",
        27,
        "rl8_satact.json",
        "an OData v4 response: the records in `value` (each with `@odata.etag`), "
        "`@odata.context` and `@odata.nextLink` beside: 700 rows of the records' fields "
        "(the etag kept beside them or not), `satq` integers with 13 NULL; or a refusal "
        "naming the shape; never one row or the records as one list",
        rows=len(_SAT),
        types={"id": "integer", "act": "integer", "satq": "integer"},
        values={c: _at(_SAT, c, _SAT_ROWS) for c in ("id", "gender", "act", "satq")},
        refuse_ok=True,
    ),
    Case(
        "rl9_frenchfries_json_columns",
        27,
        "rl9_frenchfries.json",
        "R's jsonlite `dataframe = \"columns\"`: one object mapping each column to the list of "
        "its 696 values, `null` for missing: 696 rows of the 9 columns, the ratings doubles "
        "with NULL where missing; or a refusal naming the shape; never one row of lists",
        rows=len(_FRIES),
        rejects=set(),
        columns=list(_FRIES.columns),
        types={"time": "integer", "subject": "integer", "potato": "double",
               "buttery": "double"},
        values={c: _at(_FRIES, c, _FRIES_ROWS)
                for c in ("time", "subject", "potato", "buttery", "painty")},
        refuse_ok=True,
    ),
    Case(
        "rl10_radon_parquet_recased",
        27,
        "rl10_radon/*.parquet",
        "a folder of two Parquet files of one table, the second's names upper-case "
        "(`LOG_RADON`, Snowflake's unload) where the first's are lower-case: 919 rows of 5 "
        "columns, the files' rows in one column each; or a refusal naming the names; "
        "never ten columns, each half NULL",
        rows=len(_RADON),
        rejects=set(),
        columns=list(_RADON.columns),
        types={"log_radon": "double", "basement": "integer", "county_name": "varchar"},
        values={c: _at(_RADON, c, _RADON_ROWS) for c in ("log_radon", "county", "county_name")},
        refuse_ok=True,
    ),
    Case(
        "rl11_nlsyv_sqlite_empty_strings",
        27,
        "rl11_nlsyv.sqlite",
        "an old PHP app's SQLite table: every column INTEGER, each missing answer stored as "
        "the empty string `''` (TEXT): 400 rows, every column integers with NULL where "
        "`''` was stored (a note welcome); never those rows rejected or a column text",
        fmt="sqlite",
        options={"source_table": "children"},
        rows=len(_NLSY),
        rejects=set(),
        columns=list(_NLSY.columns),
        types={c: "integer" for c in _NLSY.columns},
        values={c: _at(_NLSY, c, _NLSY_ROWS) for c in ("id", "ppvtr_36", "income", "momage")},
    ),
    Case(
        "rl12_respiratory_pubsub_base64",
        27,
        "rl12_respiratory.ndjson",
        "Pub/Sub push bodies logged as NDJSON: each line's `message.data` the record's JSON "
        "in base64: 444 rows with the record's fields decoded as columns (`center`, `id`, "
        "`treat`, ..., the envelope's fields beside them or not); or a refusal naming the "
        "encoded payload; never only the envelope with the base64 text",
        rows=len(_RESPIRATORY),
        rejects=set(),
        types={"center": "integer", "age": "integer", "outcome": "integer",
               "treat": "varchar"},
        values=_PAYLOAD,
        refuse_ok=True,
    ),
]
