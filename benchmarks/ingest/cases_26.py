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
_RADON = build26.radon()
_OHIO = build26.ohio()
_CNES = build26.cnes()
_JOBS = build26.jobs()
_KLEIN = build26.klein()
_DRAFT = build26.draft()
_MORTALITY = build26.mortality()
_PLUTON = build26.pluton()

_DONNER_ROWS = (0, 1, len(_DONNER) - 1)
_OXBOYS_ROWS = (0, 1, len(_OXBOYS) - 1)
_SINGER_ROWS = (0, 100, len(_SINGER) - 1)
_SLEEP_ROWS = (0, 1, 81, len(_SLEEP) - 1)  # 81: `totwrk` 0 minutes (`0h 0m`)
_RADON_ROWS = (0, 1, len(_RADON) - 1)
_OHIO_ROWS = (0, 4, 8, len(_OHIO) - 1)  # ids 0, 1, 2, 536
_CNES_ROWS = (0, 1, len(_CNES) - 1)
_JOBS_ROWS = (0, 1, len(_JOBS) - 1)
_KLEIN_ROWS = (0, 1, 11, 18, len(_KLEIN) - 1)  # 1, 11, 18: negative investment (`0.2-`)
_DRAFT_ROWS = (0, 59, len(_DRAFT) - 1)  # 59: 29 February
_MORTALITY_ROWS = (0, 1, len(_MORTALITY) - 1)
_PLUTON_ROWS = (0, 1, len(_PLUTON) - 1)
_LOWER = str.lower


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


def _trailing_minus_outcomes() -> list[dict[str, Any]]:
    """rk9's acceptable outcomes: `i` the doubles, negative where SAP put the minus after
    the number, or the text as written (`0.2-`); never `0.2-` read as 0.2 or NULL."""
    amounts = _at(_KLEIN, "I", _KLEIN_ROWS)
    return _sharing(
        _choices({"i": [("double", amounts),
                        ("varchar", [(i, build26.sap_amount(v)) for i, v in amounts])]}),
        {"year": "integer", "c": "double"},
        {c.lower(): _at(_KLEIN, c, _KLEIN_ROWS) for c in ("Year", "C", "G")})


def _rfc2822_outcomes() -> list[dict[str, Any]]:
    """rk10's acceptable outcomes: `birthday` the days (a date, a timestamp at midnight,
    naive or in UTC), or the text as written; never NULLs or a wrong day."""
    days = [(i, _DRAFT.birthday.iloc[i]) for i in _DRAFT_ROWS]
    midnight = [(i, datetime.datetime.combine(d, datetime.time())) for i, d in days]
    readings = [
        ("date", days),
        ("timestamp", midnight),
        ("timestamp", [(i, m.replace(tzinfo=datetime.timezone.utc)) for i, m in midnight]),
        ("varchar", [(i, build26.rfc2822(d)) for i, d in days]),
    ]
    return _sharing(_choices({"birthday": readings}), {"rank": "integer"},
                    {"rank": _at(_DRAFT, "rank", _DRAFT_ROWS)})


_SPANISH = _spanish_outcomes()
_TRACKER = _tracker_outcomes()
_PADDED = _padded_id_outcomes()
_ACCESS = _access_outcomes()
_MINUS = _trailing_minus_outcomes()
_RFC2822 = _rfc2822_outcomes()
_RADON_KEPT = {c: _at(_RADON, c, _RADON_ROWS) for c in ("log_radon", "county_name")}
_MORTALITY_VALUES = {c.lower(): _at(_MORTALITY, c, _MORTALITY_ROWS)
                     for c in ("Region", "Cause", "Rate", "SE")}

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
        "rk5_radon_parquet_null_column",
        26,
        "rk5_radon.parquet",
        "a Parquet batch whose `comment` column is typed `null` (empty in every row): 919 "
        "rows, `comment` kept with NULLs (any type) beside the other five; or it left out "
        "with a note naming it; never a refusal or rows lost",
        fmt="parquet",
        rows=len(_RADON),
        rejects=set(),
        columns=[*_RADON.columns, "comment"],
        types={"log_radon": "double", "basement": "integer", "county_name": "varchar"},
        values={**_RADON_KEPT, "comment": [(i, None) for i in _RADON_ROWS]},
        alternatives=[{"columns": list(_RADON.columns), "values": _RADON_KEPT,
                       "notes": ["comment"]}],
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
        "rk9_klein_sap_trailing_minus",
        26,
        "rk9_klein.tsv",
        "an SAP list saved as TSV: the net investment `I` with the minus after the number "
        "in seven years (`0.2-`): 22 rows, `i` the doubles (-0.2) or the text as written; "
        "never `0.2-` read as 0.2, NULLs or rejects",
        rows=len(_KLEIN),
        rejects=set(),
        columns=[c.lower() for c in _KLEIN.columns],
        **_MINUS[0],
        alternatives=_MINUS[1:],
    ),
    Case(
        "rk10_draft_rfc2822_dates",
        26,
        "rk10_draft.ndjson",
        "NDJSON with `birthday` as RFC 2822 dates (`Thu, 01 Jan 1948 00:00:00 +0000`): 366 "
        "rows, `birthday` the days (a date, or a timestamp at midnight, UTC or naive) or "
        "the text as written; never NULLs, rejects or a day off by one",
        rows=len(_DRAFT),
        rejects=set(),
        columns=list(_DRAFT.columns),
        **_RFC2822[0],
        alternatives=_RFC2822[1:],
    ),
    Case(
        "rk11_mortality_trailing_delimiters",
        26,
        "rk11_mortality.csv",
        "a CSV whose every line, the names' too, ends with the delimiter (`...,SE,`): 400 "
        "rows of the six columns (an empty seventh left out, or kept empty), `rate` and "
        "`se` doubles; never the values shifted a column or every row a reject",
        rows=len(_MORTALITY),
        rejects=set(),
        columns=[c.lower() for c in _MORTALITY.columns],
        types={"rate": "double", "se": "double", "region": "varchar"},
        values=_MORTALITY_VALUES,
        alternatives=[{"columns": None}],
    ),
    Case(
        "rk12_pluton_xlsx_scaled_format",
        26,
        "rk12_pluton.xlsx",
        "an xlsx showing `Pu238` through `0.00%` (0.126 shown `12.60%`) and `Pu241` "
        "through `0.000E+00`: 45 rows, every column the doubles the cells store (0.126, "
        "2.18); never the shown text or the percent times 100",
        rows=len(_PLUTON),
        rejects=set(),
        columns=[c.lower() for c in _PLUTON.columns],
        types={c.lower(): "double" for c in _PLUTON.columns},
        values={c.lower(): _at(_PLUTON, c, _PLUTON_ROWS) for c in ("Pu238", "Pu241")},
    ),
]
