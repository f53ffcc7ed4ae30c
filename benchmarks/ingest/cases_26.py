"""The ingestion benchmark's cases of stage 26 (`build26.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import build26
from case import Case, _spelled
from cases_10_12 import _DURATIONS
from cases_16 import _sharing
from cases_18 import _at

_DONNER = build26.donner()
_OXBOYS = build26.oxboys()
_SINGER = build26.singer()
_SLEEP = build26.sleep()
_RADON = build26.radon_by_county()
_OHIO = build26.ohio()
_CNES = build26.cnes()
_JOBS = build26.jobs()
_KLEIN = build26.klein()
_DRAFT = build26.draft()
_MORTALITY = build26.mortality()
_CARS = build26.cars()

_DONNER_ROWS = (0, 1, len(_DONNER) - 1)
_OXBOYS_ROWS = (0, 1, len(_OXBOYS) - 1)
_SINGER_ROWS = (0, 100, len(_SINGER) - 1)
_SLEEP_ROWS = (0, 1, 81, len(_SLEEP) - 1)  # 81: `totwrk` 0 minutes (`0h 0m`)
_RADON_ROWS = (0, 1, len(_RADON) - 1)  # counties 1, 2, 85
_OHIO_ROWS = (0, 4, 8, len(_OHIO) - 1)  # ids 0, 1, 2, 536
_CNES_ROWS = (0, 1, len(_CNES) - 1)
_JOBS_ROWS = (0, 1, len(_JOBS) - 1)
_KLEIN_ROWS = (0, 1, len(_KLEIN) - 1)  # 1: negative investment (-0.2)
_DRAFT_ROWS = (0, 1, 2, 10, 21, 59, len(_DRAFT) - 1)  # 1st 2nd 3rd 11th 22nd; 29 Feb
_MORTALITY_ROWS = (0, 1, len(_MORTALITY) - 1)
_CARS_ROWS = (0, 1, len(_CARS) - 1)


def _choices(options: dict[str, list[tuple[Any, list[tuple[int, Any]]]]]
             ) -> list[dict[str, Any]]:
    """Every mix of per-column readings: `options` maps a column to its acceptable
    (type, [(row, value)]) readings, the first the preferred one."""
    mixes = []
    for picked in itertools.product(*options.values()):
        mixes.append({"types": {c: kind for c, (kind, _) in zip(options, picked)},
                      "values": {c: values for c, (_, values) in zip(options, picked)}})
    return mixes


def _spanish_outcomes() -> list[dict[str, Any]]:
    """rk1's acceptable outcomes: `survived` a boolean (VERDADERO true), or the words as
    written; the other columns as the table holds them."""
    flags = _at(_DONNER, "survived", _DONNER_ROWS)
    shared = {c: _at(_DONNER, c, _DONNER_ROWS) for c in ("name", "family", "age", "sex")}
    return _sharing(
        _choices({"survived": [("boolean", [(i, v == 1) for i, v in flags]),
                               ("varchar", [(i, build26.spanish_bool(v)) for i, v in flags])]}),
        {"age": "integer", "name": "varchar"}, shared)


def _tracker_outcomes() -> list[dict[str, Any]]:
    """rk4's acceptable outcomes: `sleep` and `totwrk` each a duration (the minutes), or
    the text as written (`51h 53m`); never the hours alone, NULLs or rejects."""
    pairs = {
        column: (_DURATIONS,
                 [(i, datetime.timedelta(minutes=int(v))) for i, v in
                  _at(_SLEEP, column, _SLEEP_ROWS)],
                 [(i, build26.hours_minutes(int(v))) for i, v in
                  _at(_SLEEP, column, _SLEEP_ROWS)])
        for column in ("sleep", "totwrk")
    }
    return _sharing(_spelled(pairs), {"age": "integer", "educ": "integer"},
                    {c: _at(_SLEEP, c, _SLEEP_ROWS) for c in ("age", "educ")})


def _padded_id_outcomes() -> list[dict[str, Any]]:
    """rk6's acceptable outcomes: `id` the integers the cells store, or the text Excel
    shows through `0000` (`0002`)."""
    ids = _at(_OHIO, "id", _OHIO_ROWS)
    return _sharing(
        _choices({"id": [("integer", ids), ("varchar", [(i, f"{v:04d}") for i, v in ids])]}),
        {"age": "integer", "resp": "integer"},
        {c: _at(_OHIO, c, _OHIO_ROWS) for c in ("age", "smoke", "resp")})


def _access_outcomes() -> list[dict[str, Any]]:
    """rk8's acceptable outcomes: `treat` and `sex` each a boolean (-1 true), or the
    integers Access wrote (-1, 0); never -1 read as a count or NULL."""
    options = {}
    for column in ("treat", "sex"):
        flags = _at(_JOBS, column, _JOBS_ROWS)
        options[column] = [("boolean", [(i, v == 1) for i, v in flags]),
                           ("integer", [(i, build26.access_bool(v)) for i, v in flags])]
    return _sharing(_choices(options), {"age": "double", "depress2": "double"},
                    {c: _at(_JOBS, c, _JOBS_ROWS) for c in ("age", "econ_hard", "depress2")})


def _suffix_outcomes() -> list[dict[str, Any]]:
    """rk9's acceptable outcomes: `birthday` the days (a date, or a timestamp at
    midnight), or the text as written (`January 1st, 1948`); never NULLs or a wrong day."""
    days = [(i, _DRAFT.birthday.iloc[i]) for i in _DRAFT_ROWS]
    readings = [
        ("date", days),
        ("timestamp", [(i, datetime.datetime.combine(d, datetime.time())) for i, d in days]),
        ("varchar", [(i, build26.suffixed(d)) for i, d in days]),
    ]
    return _sharing(_choices({"birthday": readings}), {"rank": "integer"},
                    {"rank": _at(_DRAFT, "rank", _DRAFT_ROWS)})


def _list_outcomes() -> list[dict[str, Any]]:
    """rk5's acceptable outcomes: `readings` a list of doubles per county; or kept as the
    text of that list (any type the reader picks, only its presence checked); or left out
    of the table for a child table of all 919 readings, linked to their county's row by
    `_record_no` (as a child table with no parent key declared is, see x9)."""
    shared = {c: _at(_RADON, c, _RADON_ROWS) for c in ("county", "county_name")}
    lists = [(i, list(_RADON.readings.iloc[i])) for i in _RADON_ROWS]
    return [
        {"columns": list(_RADON.columns), "types": {"county": "integer"},
         "values": {**shared, "readings": lists}},
        {"columns": list(_RADON.columns), "types": {"county": "integer",
                                                    "readings": "varchar"},
         "values": shared},
        {"columns": ["county", "county_name", "_record_no"], "types": {"county": "integer"},
         "values": shared, "children": {"readings": (len(build26.radon()), [])}},
    ]


_SPANISH = _spanish_outcomes()
_TRACKER = _tracker_outcomes()
_PADDED = _padded_id_outcomes()
_ACCESS = _access_outcomes()
_SUFFIX = _suffix_outcomes()
_LISTS = _list_outcomes()
_MORTALITY_TEXT = [(i, build26.with_error(_MORTALITY.Rate.iloc[i], _MORTALITY.SE.iloc[i]))
                   for i in _MORTALITY_ROWS]

CASES = [
    Case(
        "rk1_donner_spanish_booleans",
        26,
        "rk1_donner.csv",
        "a Spanish-locale Excel CSV (`;`): the boolean `survived` written `VERDADERO` / "
        "`FALSO`: 90 rows, `survived` a boolean (VERDADERO true) or the words as written; "
        "never NULLs, rejects or every value false",
        rows=len(_DONNER),
        rejects=set(),
        columns=list(_DONNER.columns),
        **_SPANISH[0],
        alternatives=_SPANISH[1:],
    ),
    Case(
        "rk2_oxboys_odata_v2",
        26,
        "rk2_oxboys.json",
        "an SAP Gateway OData V2 response: the rows in `d.results`, each with a "
        "`__metadata` object, `__count` beside them: 234 rows of `id`, `subject`, `age`, "
        "`height`, `occasion` (`__metadata` left out or kept beside them); or a refusal "
        "naming the shape; never one row or `results` left as a list",
        rows=len(_OXBOYS),
        types={"id": "integer", "subject": "integer", "age": "double", "height": "double",
               "occasion": "integer"},
        values={c: _at(_OXBOYS, c, _OXBOYS_ROWS) for c in ("id", "age", "height")},
        refuse_ok=True,
    ),
    Case(
        "rk3_singer_ebcdic",
        26,
        "rk3_singer.csv",
        "a mainframe CSV fetched in binary mode, in EBCDIC (code page 037, lines ending "
        "0x25): 235 rows of `height` (integers) and `voice_part` decoded; or a refusal "
        "saying the file is not in an ASCII-based encoding; never one row or column of "
        "mojibake",
        rows=len(_SINGER),
        rejects=set(),
        columns=list(_SINGER.columns),
        types={"height": "integer", "voice_part": "varchar"},
        values={c: _at(_SINGER, c, _SINGER_ROWS) for c in _SINGER.columns},
        refuse_ok=True,
    ),
    Case(
        "rk4_sleep_tracker_durations",
        26,
        "rk4_sleep.csv",
        "a time tracker's CSV: weekly minutes of `sleep` and `totwrk` written `51h 53m` "
        "(`0h 0m` where none): 706 rows, each a duration or the text as written; never "
        "the hours alone, NULLs or rejects",
        rows=len(_SLEEP),
        rejects=set(),
        columns=list(_SLEEP.columns),
        **_TRACKER[0],
        alternatives=_TRACKER[1:],
    ),
    Case(
        "rk5_radon_parquet_list_column",
        26,
        "rk5_radon.parquet",
        "a Spark aggregate's Parquet: `readings` a `list<double>` column (`collect_list`), a "
        "row per county: 85 rows, `readings` the lists, or their text, or a child table of "
        "the 919 readings; or a refusal naming the column; never the lists dropped "
        "without a word, one value per list or rows lost",
        fmt="parquet",
        rows=len(_RADON),
        rejects=set(),
        **_LISTS[0],
        alternatives=_LISTS[1:],
        refuse_ok=True,
    ),
    Case(
        "rk6_ohio_xlsx_zero_padded_format",
        26,
        "rk6_ohio.xlsx",
        "an xlsx whose `id` numbers are shown through the format `0000` (`0002`): 2148 "
        "rows, `id` the integers stored or the text shown (`0002`); `age` the integers "
        "(-2 to 1); never NULLs or rows lost",
        rows=len(_OHIO),
        rejects=set(),
        columns=list(_OHIO.columns),
        **_PADDED[0],
        alternatives=_PADDED[1:],
    ),
    Case(
        "rk7_cnes_sqlite_utf16",
        26,
        "rk7_cnes.sqlite",
        "a SQLite database in UTF-16le (`PRAGMA encoding`): the table `answers`, 1529 rows, "
        "the four answers' text read as written (`StronglyAgree`); never mojibake, NUL "
        "bytes in the text or a refusal",
        fmt="sqlite",
        options={"source_table": "answers"},
        rows=len(_CNES),
        columns=[c.lower() for c in _CNES.columns],
        types={"id": "integer", "mbsa2": "varchar", "mbsa9": "varchar"},
        values={c.lower(): _at(_CNES, c, _CNES_ROWS) for c in ("id", "MBSA2", "MBSA9")},
    ),
    Case(
        "rk8_jobs_access_yes_no",
        26,
        "rk8_jobs.csv",
        "Access's text export: the Yes/No fields `treat` and `sex` written -1 (True) and 0: "
        "899 rows, each a boolean (-1 true) or the integers as written; never -1 read as "
        "false, NULLs or rejects",
        rows=len(_JOBS),
        rejects=set(),
        columns=list(_JOBS.columns),
        **_ACCESS[0],
        alternatives=_ACCESS[1:],
    ),
    Case(
        "rk9_draft_ordinal_suffix_dates",
        26,
        "rk9_draft.csv",
        "a BI tool's CSV of a long date in words with ordinal suffixes (`\"January 1st, "
        "1948\"`, `February 29th`): 366 rows, `birthday` the days (a date or a timestamp at "
        "midnight) or the text as written; never NULLs, rejects or a wrong day",
        rows=len(_DRAFT),
        rejects=set(),
        columns=list(_DRAFT.columns),
        **_SUFFIX[0],
        alternatives=_SUFFIX[1:],
    ),
    Case(
        "rk10_klein_jsonlite_boxed",
        26,
        "rk10_klein.ndjson",
        "NDJSON from R's jsonlite without `auto_unbox`: every scalar a one-element array "
        "(`{\"Year\": [1920], \"C\": [39.8]}`): 22 rows, each column the value inside "
        "its array (`year` integers, the others doubles); or a refusal naming the arrays; "
        "never a column of lists, child tables or NULLs",
        rows=len(_KLEIN),
        rejects=set(),
        columns=[c.lower() for c in _KLEIN.columns],
        types={"year": "integer", "c": "double", "i": "double"},
        values={c.lower(): _at(_KLEIN, c, _KLEIN_ROWS) for c in ("Year", "C", "I")},
        refuse_ok=True,
    ),
    Case(
        "rk11_mortality_plus_minus",
        26,
        "rk11_mortality.csv",
        "a report's CSV: each death rate and its standard error in one cell, `rate`, "
        "written `188.2 ± 1.0`: 400 rows, `rate` the text as written; never the rate "
        "alone as a number (the error silently dropped), NULLs or rejects",
        rows=len(_MORTALITY),
        rejects=set(),
        columns=["region", "status", "sex", "cause", "rate"],
        types={"rate": "varchar", "region": "varchar"},
        values={"rate": _MORTALITY_TEXT,
                **{c.lower(): _at(_MORTALITY, c, _MORTALITY_ROWS) for c in ("Region", "Cause")}},
    ),
    Case(
        "rk12_cars_xlsx_phonetic_readings",
        26,
        "rk12_cars.xlsx",
        "a Japanese Excel workbook: the kanji countries (`日本`) carry phonetic readings "
        "(`<rPh>` furigana runs, `ニホン`) beside their text: 117 rows, `country` the text "
        "the cells show (`日本`); never the reading run into it (`日本ニホン`)",
        rows=len(_CARS),
        rejects=set(),
        columns=[c.lower() for c in _CARS.columns],
        types={"price": "integer", "country": "varchar", "mileage": ("integer", "double")},
        values={c.lower(): _at(_CARS, c, _CARS_ROWS)
                for c in ("model", "Price", "Country", "Mileage")},
    ),
]
