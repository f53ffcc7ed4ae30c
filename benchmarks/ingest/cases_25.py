"""The ingestion benchmark's cases of stage 25 (`build25.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build25
from case import Case, _spelled
from cases_16 import _sharing
from cases_18 import _at

_EPISODES = build25.episodes()
_FOOT = build25.foot_head()
_RAIN = build25.rain()
_SMOKING = build25.smoking()
_BURN = build25.burn()
_PROTHR = build25.prothr()
_ARRIVALS = build25.arrivals()
_WINE = build25.wine()
_DANISH = build25.danish()
_RETAILERS = build25.retailers()
_APPLE = build25.apple()
_TIPI = build25.tipi()

_EPISODE_ROWS = sorted({0, 1, *build25.ZERO_DATE_ROWS, len(_EPISODES) - 1})
_FOOT_ROWS = (0, 1, len(_FOOT) - 1)
_LEAP_DAY_END = 357  # 2000-12-31, written `2000-366`
_RAIN_ROWS = (0, 1, _LEAP_DAY_END, len(_RAIN) - 1)
_SMOKING_ROWS = sorted({0, *build25.FULLWIDTH_ROWS, len(_SMOKING) - 1})
_BURN_ROWS = (0, 39, 40, 80, 120, len(_BURN) - 1)  # 40, 80, 120: the first row of a page
_PROTHR_ROWS = (0, 1, len(_PROTHR) - 1)
_ARRIVAL_ROWS = (0, 1, len(_ARRIVALS) - 1)
_WINE_ROWS = (0, 2, len(_WINE) - 1)
_DANISH_ROWS = (0, 499, 500, 1999, 2000, len(_DANISH) - 1)  # each side of a member's end
_RETAILER_ROWS = (0, 1, 2, len(_RETAILERS) - 1)  # 0: `turnover`, `vat` missing; 2: `staff`
_APPLE_ROWS = (0, 1, len(_APPLE) - 1)  # 0: `change` missing
_TIPI_ROWS = (0, 1, len(_TIPI) - 1)
_TIPI_COLUMNS = [c.lower() for c in build25.TIPI_COLUMNS]
_ZERO_DATE_REJECTS = {str(i + 1) for i in build25.ZERO_DATE_ROWS}


def _zero_date_outcomes() -> list[dict[str, Any]]:
    """rj1's acceptable outcomes: `airdate` the days, NULL where MySQL wrote its zero
    date, with a note naming the column; or the column as written; or those four rows
    rejects (their record numbers), the others' days read."""
    rows = _EPISODE_ROWS
    days = [(i, None if i in build25.ZERO_DATE_ROWS else _EPISODES.airdate.iloc[i]) for i in rows]
    text = [(i, build25.aired(i, _EPISODES.airdate.iloc[i])) for i in rows]
    shared = {"types": {"episode": "integer", "special": "integer"},
              "values": {"nickname": _at(_EPISODES, "nickname", rows),
                         "episode": _at(_EPISODES, "episode", rows)}}
    kept = [i for i in range(len(_EPISODES)) if i not in build25.ZERO_DATE_ROWS]
    return [
        {"types": {**shared["types"], "airdate": "date"},
         "values": {**shared["values"], "airdate": days}, "notes": ["airdate"]},
        {"types": {**shared["types"], "airdate": "varchar"},
         "values": {**shared["values"], "airdate": text}, "notes": []},
        {"rows": len(kept), "rejects": _ZERO_DATE_REJECTS,
         "types": {**shared["types"], "airdate": "date"},
         "values": {"airdate": [(0, _EPISODES.airdate.iloc[kept[0]]),
                                (len(kept) - 1, _EPISODES.airdate.iloc[kept[-1]])]},
         "notes": []},
    ]


def _unit_outcomes() -> list[dict[str, Any]]:
    """rj2's acceptable outcomes: `width`, `circum` and `jaw` each the doubles with a note
    naming the column (the unit dropped said), or kept as the text written (`13.5 cm`)."""
    pairs = {
        column: ("double", _at(_FOOT, column, _FOOT_ROWS),
                 [(i, build25.measured(v)) for i, v in _at(_FOOT, column, _FOOT_ROWS)])
        for column in build25.UNIT_COLUMNS
    }
    mixes = _sharing(
        _spelled(pairs),
        {"front_back": "double", "group": "varchar"},
        {"front_back": _at(_FOOT, "front_back", _FOOT_ROWS),
         "group": _at(_FOOT, "group", _FOOT_ROWS)},
    )
    return [{**m, "notes": [c for c, t in m["types"].items() if c in pairs and t == "double"]}
            for m in mixes]


def _ordinal_outcomes() -> list[dict[str, Any]]:
    """rj3's acceptable outcomes: `day` the days (a date, or a timestamp at midnight), or
    kept as the text written (`2000-004`); never a month-and-day guess or NULLs."""
    days = [(i, _RAIN.day.iloc[i]) for i in _RAIN_ROWS]
    rain = {c: _at(_RAIN, c, _RAIN_ROWS) for c in ("rain", "forecast_2")}
    types = {"rain": "double", "forecast_1": "double"}
    return [
        {"types": {**types, "day": "date"}, "values": {**rain, "day": days}},
        {"types": {**types, "day": "timestamp"},
         "values": {**rain, "day": [(i, datetime.datetime.combine(d, datetime.time()))
                                    for i, d in days]}},
        {"types": {**types, "day": "varchar"},
         "values": {**rain, "day": [(i, build25.ordinal_date(d)) for i, d in days]}},
    ]


def _fullwidth_outcomes() -> list[dict[str, Any]]:
    """rj4's acceptable outcomes: `ttr` and `age` each the integers (full-width digits are
    digits), or kept as the text written; the other columns as they are."""
    pairs = {
        column: ("integer", _at(_SMOKING, column, _SMOKING_ROWS),
                 [(i, build25.full_width(v) if i in build25.FULLWIDTH_ROWS else str(v))
                  for i, v in _at(_SMOKING, column, _SMOKING_ROWS)])
        for column in build25.FULLWIDTH_COLUMNS
    }
    return _sharing(
        _spelled(pairs),
        {"id": "integer", "relapse": "integer", "grp": "varchar"},
        {c: _at(_SMOKING, c, _SMOKING_ROWS) for c in ("id", "relapse", "grp", "gender")},
    )


def _arrival_outcomes() -> list[dict[str, Any]]:
    """rj7's acceptable outcomes: `arrivals` the integers (its header says TYPE_INTEGER),
    or the strings the API sent."""
    shared = {c: _at(_ARRIVALS, c, _ARRIVAL_ROWS) for c in ("quarter", "origin")}
    counts = _at(_ARRIVALS, "arrivals", _ARRIVAL_ROWS)
    return [
        {"types": {"arrivals": "integer", "origin": "varchar"},
         "values": {**shared, "arrivals": counts}},
        {"types": {"arrivals": "varchar", "origin": "varchar"},
         "values": {**shared, "arrivals": [(i, str(v)) for i, v in counts]}},
    ]


def _astype_outcomes() -> list[dict[str, Any]]:
    """rj10's acceptable outcomes: each number column the doubles with NULL for `nan`, or
    kept as the strings the file declares (`75.0`, `nan`); `size` text."""
    pairs = {
        column: ("double", _at(_RETAILERS, column, _RETAILER_ROWS),
                 [(i, str(float(v)) if v is not None else "nan")
                  for i, v in _at(_RETAILERS, column, _RETAILER_ROWS)])
        for column in ("staff", "turnover", "vat")
    }
    return _sharing(_spelled(pairs), {"size": "varchar"},
                    {"size": _at(_RETAILERS, "size", _RETAILER_ROWS)})


def _ticks_outcomes() -> list[dict[str, Any]]:
    """rj11's acceptable outcomes: `date` the closes (a timestamp, 2016-07-21 16:00), or
    the ticks kept as integers with a note naming the column."""
    closes = [(i, _APPLE.date.iloc[i].to_pydatetime()) for i in _APPLE_ROWS]
    shared = {c: _at(_APPLE, c, _APPLE_ROWS) for c in ("price", "change", "volume")}
    return [
        {"types": {"date": "timestamp", "price": "double"},
         "values": {**shared, "date": closes}, "notes": []},
        {"types": {"date": "integer", "price": "double"},
         "values": {**shared, "date": [(i, build25.ticks(d)) for i, d in closes]},
         "notes": ["date"]},
    ]


_ZERO = _zero_date_outcomes()
_UNITS = _unit_outcomes()
_ORDINAL = _ordinal_outcomes()
_FULLWIDTH = _fullwidth_outcomes()
_ARRIVAL = _arrival_outcomes()
_ASTYPE = _astype_outcomes()
_TICKS = _ticks_outcomes()

CASES = [
    Case(
        "rj1_episodes_mysql_zero_dates",
        25,
        "rj1_episodes.csv",
        "a MySQL table's CSV export: the DATE column `airdate` holding MySQL's zero date "
        "`0000-00-00` for four episodes: 191 rows, `airdate` the days with NULL for the "
        "zero dates and a note naming the column, or the column as written; or those four "
        "rows rejects; or a refusal naming the zero dates; never a made-up day "
        "(0001-01-01, 1999-11-30) for them",
        rows=len(_EPISODES),
        rejects=set(),
        columns=list(_EPISODES.columns),
        **_ZERO[0],
        alternatives=_ZERO[1:],
        refuse_ok=True,
    ),
    Case(
        "rj2_foothead_units_in_values",
        25,
        "rj2_foothead.csv",
        "a web form's CSV: `width`, `circum` and `jaw` written with their unit after every "
        "value (`13.5 cm`): 90 rows, each of them the doubles with a note naming it, or "
        "the text as written; never NULLs, rejects or the unit silently dropped",
        rows=len(_FOOT),
        rejects=set(),
        columns=list(_FOOT.columns),
        **_UNITS[0],
        alternatives=_UNITS[1:],
    ),
    Case(
        "rj3_rain_iso_ordinal_dates",
        25,
        "rj3_rain.tsv",
        "a weather service's TSV: days as ISO 8601 ordinal dates (`2000-004`, `2000-366`): "
        "4971 rows, `day` the days (a date or a timestamp at midnight) or the text as "
        "written; never a month read from the day of the year (`2000-004` as April), "
        "NULLs or rejects",
        rows=len(_RAIN),
        rejects=set(),
        columns=list(_RAIN.columns),
        **_ORDINAL[0],
        alternatives=_ORDINAL[1:],
    ),
    Case(
        "rj4_smoking_fullwidth_digits",
        25,
        "rj4_smoking.csv",
        "a form's CSV: in five rows `ttr` and `age` typed with full-width digits "
        "(`１８２`, `３６`): 125 rows, each column the integers or the text as written; "
        "never those rows NULL or rejected",
        rows=len(_SMOKING),
        rejects=set(),
        columns=list(_SMOKING.columns),
        **_FULLWIDTH[0],
        alternatives=_FULLWIDTH[1:],
    ),
    Case(
        "rj5_burn_ssrs_page_headers",
        25,
        "rj5_burn.xlsx",
        "an SSRS report rendered to Excel: the header row repeated above every page of 40 "
        "rows: 154 rows, the repeats left out (or rejects), every column integer; or a "
        "refusal naming the repeated header; never the repeats as rows or the columns text",
        rows=len(_BURN),
        columns=[c.lower() for c in build25.BURN_COLUMNS],
        types={c.lower(): "integer" for c in build25.BURN_COLUMNS},
        values={c.lower(): _at(_BURN, c, _BURN_ROWS) for c in ("Obs", "Z4", "T1")},
        refuse_ok=True,
    ),
    Case(
        "rj6_prothr_xlsx_hidden_columns",
        25,
        "rj6_prothr.xlsx",
        "an xlsx with two columns hidden (`Tstart`, `Tstop`) by the analyst who printed "
        "it: 2152 rows of all 8 columns, the hidden ones read like the others; never "
        "them left out or a refusal",
        rows=len(_PROTHR),
        rejects=set(),
        columns=[c.lower() for c in _PROTHR.columns],
        types={"id": "integer", "tstart": "integer", "tstop": "integer", "treat": "varchar"},
        values={c.lower(): _at(_PROTHR, c, _PROTHR_ROWS)
                for c in ("id", "trans", "Tstart", "Tstop", "treat")},
    ),
    Case(
        "rj7_arrivals_ga4_run_report",
        25,
        "rj7_arrivals.json",
        "a Google Analytics Data API `runReport` response: names in `dimensionHeaders` and "
        "`metricHeaders`, each row `dimensionValues` and `metricValues` lists of "
        "`{\"value\": \"...\"}`: 508 rows of `quarter`, `origin`, `arrivals` (integers or "
        "the strings sent); or a refusal naming the shape; never one row or nested lists",
        rows=len(_ARRIVALS),
        columns=list(_ARRIVALS.columns),
        **_ARRIVAL[0],
        alternatives=_ARRIVAL[1:],
        refuse_ok=True,
    ),
    Case(
        "rj8_wine_jsonapi",
        25,
        "rj8_wine.json",
        "a JSON:API document: `data` a list of `{\"type\", \"id\", \"attributes\": {...}, "
        "\"links\"}`, `links` and `meta` beside it: 72 rows, the attributes under their own "
        "names (`id` and `type` kept beside them or not); or a refusal naming the shape; "
        "never one row or the attributes left as one struct",
        rows=len(_WINE),
        types={"response": "integer", "rating": "integer", "temp": "varchar"},
        values={c: _at(_WINE, c, _WINE_ROWS) for c in ("response", "rating", "contact", "judge")},
        refuse_ok=True,
    ),
    Case(
        "rj9_danish_multi_member_gzip",
        25,
        "rj9_danish.ndjson.gz",
        "an `.ndjson.gz` of five gzip members concatenated (a delivery stream's batches of "
        "500): 2167 rows of `claim` and `loss`; never the first member's 500 rows alone",
        rows=len(_DANISH),
        rejects=set(),
        columns=list(_DANISH.columns),
        types={"claim": "integer", "loss": "double"},
        values={c: _at(_DANISH, c, _DANISH_ROWS) for c in _DANISH.columns},
    ),
    Case(
        "rj10_retailers_parquet_astype_str",
        25,
        "rj10_retailers.parquet",
        "pandas' `df.astype(str).to_parquet()`: every column a string, numbers `75.0`, "
        "missing `nan`: 60 rows, each number column the doubles with NULL for `nan`, or "
        "the strings as declared; never `nan` read as a number (NaN) or rows lost",
        fmt="parquet",
        rows=len(_RETAILERS),
        columns=build25.RETAILER_COLUMNS,
        **_ASTYPE[0],
        alternatives=_ASTYPE[1:],
    ),
    Case(
        "rj11_apple_sqlite_dotnet_ticks",
        25,
        "rj11_apple.sqlite",
        "a Xamarin app's SQLite store (sqlite-net, `storeDateTimeAsTicks`): `date` a "
        "`bigint` of .NET ticks (636047136000000000 is 2016-07-21 16:00): 66 rows, `date` "
        "the timestamps, or the ticks with a note naming the column; never a date off by "
        "centuries (the ticks read as Unix seconds or milliseconds)",
        fmt="sqlite",
        options={"source_table": "Quote"},
        rows=len(_APPLE),
        columns=["id", *_APPLE.columns],
        **_TICKS[0],
        alternatives=_TICKS[1:],
    ),
    Case(
        "rj12_tipi_qualtrics_three_headers",
        25,
        "rj12_tipi.csv",
        "a Qualtrics export: the names' line, then a line of question texts and a line of "
        "`{\"ImportId\":\"QID1\"}` under it, then the answers: 1799 rows, the two lines "
        "left out (a note welcome) or rejects, the scores doubles and `age` integers; or "
        "a refusal naming the lines; never them read as rows or every column text",
        rows=len(_TIPI),
        columns=_TIPI_COLUMNS,
        types={"extraversion": "double", "openness": "double", "age": "integer",
               "familysize": "integer", "education": "varchar"},
        values={c.lower(): _at(_TIPI, c, _TIPI_ROWS)
                for c in ("Extraversion", "education", "gender", "age")},
        refuse_ok=True,
    ),
]
