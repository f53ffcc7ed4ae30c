"""The ingestion benchmark's cases of stage 35 (`build35.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

from typing import Any

import build35
from case import Case, _spelled
from cases_18 import _at

_STANDINGS = build35.standings()
_NBA = build35.nba_heights()
_SWIM = build35.swim_records()
_HSB = build35.hsb2()
_BOOKS = build35.textbooks()
_WAGNER = build35.wagner()
_FILMS = build35.schedule()
_HOOPS = build35.hoops()
_RICCI = build35.ricci()
_MLB = build35.mlb()
_CAMPUS = build35.campus_textbooks()

_STANDING_ROWS = (0, 1, len(_STANDINGS) - 1)
_NBA_ROWS = (0, 1, len(_NBA) - 1)
_SWIM_ROWS = (0, 1, len(_SWIM) - 1)
_HSB_ROWS = (0, 1, len(_HSB) - 1)
_WAGNER_ROWS = (0, 4, 5, len(_WAGNER) - 1)  # 0: `gpa` negative; 4: `ghs`; 5: `y`
_FILM_ROWS = tuple(sorted({0, len(_FILMS) - 1, *[
    i for i, c in enumerate(_FILMS.clock) if c >= "24:00"][:3]}))  # the first past midnight
_RICCI_ROWS = (0, 1, len(_RICCI) - 1)
_MLB_ROWS = (0, 1, len(_MLB) - 1)


def _height_outcomes() -> list[dict[str, Any]]:
    """rt2's acceptable outcomes: `ht` kept as the roster wrote it (`6-5`), or the inches as
    integers with a note naming `ht` (the reading of feet and inches must be told)."""
    names = {c: _at(_NBA, c, _NBA_ROWS) for c in ("last_name", "first_name")}
    return [
        {"types": {"ht": "varchar"}, "values": {**names, "ht": _at(_NBA, "roster", _NBA_ROWS)}},
        {"types": {"ht": "integer"}, "values": {**names, "ht": _at(_NBA, "h_in", _NBA_ROWS)},
         "notes": ["ht"]},
    ]


def _swim_outcomes() -> list[dict[str, Any]]:
    """rt3's acceptable outcomes: `time` kept as written (`1:05.80`, `59.80`), or the
    seconds as doubles with a note naming `time`; never `1:05.80` NULL beside `59.80` read."""
    shared = {"year": _at(_SWIM, "year", _SWIM_ROWS), "sex": _at(_SWIM, "sex", _SWIM_ROWS)}
    return [
        {"types": {"time": "varchar"},
         "values": {**shared, "time": _at(_SWIM, "written", _SWIM_ROWS)}},
        {"types": {"time": "double"},
         "values": {**shared, "time": _at(_SWIM, "time", _SWIM_ROWS)}, "notes": ["time"]},
    ]


def _canvas_values() -> dict[str, Any]:
    """rt4's students: the first row read is the first student, not `Points Possible`."""
    return {"id": _at(_HSB, "id", _HSB_ROWS),
            "student": [(i, f"Student {_HSB.id.iloc[i]:03d}") for i in _HSB_ROWS]}


def _minus_outcomes() -> list[dict[str, Any]]:
    """rt6's acceptable outcomes: `gpa`, `ghs` and `y` each the signed doubles the trailing
    minus means (`2.60-` is -2.6), or kept as the text written."""
    def pair(column: str, source: str) -> tuple[str, Any, Any]:
        values = [(i, round(v, 2)) for i, v in _at(_WAGNER, source, _WAGNER_ROWS)]
        return "double", values, [(i, build35.trailing_minus(v)) for i, v in values]

    outcomes = _spelled({"gpa": pair("gpa", "GPA"), "ghs": pair("ghs", "GHS"),
                         "y": pair("y", "y")})
    for outcome in outcomes:
        outcome["types"]["pa"] = "double"
        outcome["values"]["pa"] = _at(_WAGNER, "PA", _WAGNER_ROWS)
        outcome["values"]["region"] = _at(_WAGNER, "Region", _WAGNER_ROWS)
    return outcomes


_HEIGHTS = _height_outcomes()
_SWIMS = _swim_outcomes()
_MINUS = _minus_outcomes()

CASES = [
    Case(
        "rt1_nflstandings_win_loss_records",
        35,
        "rt1_standings.csv",
        "a standings CSV: `Record` written `14-2-0` (wins-losses-ties): 32 rows, `record` the "
        "text as written; never a date, NULL, or a number",
        rows=len(_STANDINGS),
        rejects=set(),
        columns=["team", "record", "win_pct", "points_for", "points_against"],
        types={"record": "varchar", "win_pct": "double", "points_for": "integer"},
        values={"team": _at(_STANDINGS, "Team", _STANDING_ROWS),
                "record": _at(_STANDINGS, "Record", _STANDING_ROWS),
                "win_pct": _at(_STANDINGS, "WinPct", _STANDING_ROWS)},
    ),
    Case(
        "rt2_nbaheights_feet_inches",
        35,
        "rt2_roster.csv",
        "a team roster: `Ht` in feet and inches joined by a hyphen (`6-5`, `7-0`): 435 rows, "
        "`ht` the text as written, or the inches as integers with a note naming `ht`; never "
        "a date, a subtraction (1) or NULL",
        rows=len(_NBA),
        rejects=set(),
        columns=["last_name", "first_name", "ht"],
        **_HEIGHTS[0],
        alternatives=_HEIGHTS[1:],
    ),
    Case(
        "rt3_swimrecords_meet_times",
        35,
        "rt3_swimrecords.csv",
        "meet results: `Time` written `1:05.80` from a minute on and `59.80` below: 62 rows, "
        "`time` the text as written, or the seconds as doubles with a note naming `time`; "
        "never the `m:ss.cc` rows NULL or rejected, or read as clock times",
        rows=len(_SWIM),
        rejects=set(),
        columns=["year", "sex", "time"],
        **_SWIMS[0],
        alternatives=_SWIMS[1:],
    ),
    Case(
        "rt4_hsb2_canvas_points_possible",
        35,
        "rt4_gradebook.csv",
        "Canvas's gradebook export: under the header a `    Points Possible` line (100.00 "
        "in every assignment, no student id): 200 rows of students, the line left out (with "
        "a note) or a refusal naming it; never `Points Possible` read as a student",
        rows=len(_HSB),
        rejects=set(),
        types={"id": "integer"},
        values=_canvas_values(),
        refuse_ok=True,
    ),
    Case(
        "rt5_uclatextbooks_ris",
        35,
        "rt5_textbooks.ris",
        "a library catalogue's RIS export: `TY  - BOOK` to `ER  - ` per record, a tag, two "
        "spaces and a hyphen before each value, `SN` (the ISBN) missing where a course has "
        "no book: 201 rows, one per record; or a refusal naming the format; never the tag "
        "lines read as rows of a CSV",
        rows=len(_BOOKS),
        rejects=set(),
        refuse_ok=True,
    ),
    Case(
        "rt6_wagnergrowth_sap_trailing_minus",
        35,
        "rt6_wagner.csv",
        "an SAP report's download: negatives with the minus after the digits (`2.60-`) in "
        "`GPA`, `GHS` and `y`: 63 rows, those columns the signed doubles (`-2.6`) or kept as "
        "text; never the sign dropped (2.6), NULLs, or rows rejected",
        rows=len(_WAGNER),
        rejects=set(),
        columns=["region", "period", "pa", "gpa", "hs", "ghs", "y"],
        **_MINUS[0],
        alternatives=_MINUS[1:],
    ),
    Case(
        "rt7_film_broadcast_day_times",
        35,
        "rt7_schedule.csv",
        "a broadcaster's schedule: `Start` on the broadcast day's clock, which runs past "
        "midnight (`24:00`, `25:40`) beside the broadcast day's `Date`: 100 rows, `start` "
        "the text as written; or a refusal naming `start`; never the late slots NULL, "
        "rejected, or wrapped to the same date's morning",
        rows=len(_FILMS),
        rejects=set(),
        columns=["date", "start", "title", "year", "minutes"],
        types={"start": "varchar", "year": "integer", "minutes": "integer"},
        values={"start": _at(_FILMS, "clock", _FILM_ROWS),
                "title": _at(_FILMS, "Title", _FILM_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "rt8_hoops_icalendar",
        35,
        "rt8_hoops.ics",
        "a team's fixtures as an iCalendar feed: a `VCALENDAR` of 147 `VEVENT`s (`UID`, "
        "`DTSTART`, `SUMMARY`, `DESCRIPTION`), CRLF: 147 rows, one per event; or a refusal "
        "naming the format; never the `BEGIN:`/`END:` lines read as rows of a CSV split at "
        "the colon",
        rows=len(_HOOPS),
        rejects=set(),
        refuse_ok=True,
    ),
    Case(
        "rt9_ricci_excel_formula_ids",
        35,
        "rt9_ricci.csv",
        "an HRIS export made for Excel: `Employee ID` written as a formula (`=\"000001\"`) so "
        "Excel keeps the zeros: 118 rows, `employee_id` the text `000001` (the formula's "
        "string, zeros kept); or a refusal naming `employee_id`; never integers (1) or the "
        "`=\"...\"` left in silently",
        rows=len(_RICCI),
        rejects=set(),
        columns=["employee_id", "race", "position", "oral", "written", "combine"],
        types={"employee_id": "varchar", "oral": "double", "combine": "double"},
        values={"employee_id": _at(_RICCI, "employee", _RICCI_ROWS),
                "oral": _at(_RICCI, "Oral", _RICCI_ROWS),
                "combine": _at(_RICCI, "Combine", _RICCI_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "rt10_mlbstandings_leading_dot_rates",
        35,
        "rt10_mlb.csv",
        "a baseball statistics CSV: `PCT`, `AVG`, `OBP` and `SLG` written without a zero "
        "before the point (`.556`, `.250`), `ERA` plain: 30 rows, the four rates doubles "
        "(0.556); never text, NULLs, or 556",
        rows=len(_MLB),
        rejects=set(),
        columns=["team", "league", "w", "l", "pct", "avg", "obp", "slg", "era"],
        types={"pct": "double", "avg": "double", "obp": "double", "slg": "double",
               "era": "double", "w": "integer"},
        values={"team": _at(_MLB, "Team", _MLB_ROWS), "pct": _at(_MLB, "WinPct", _MLB_ROWS),
                "avg": _at(_MLB, "BattingAvg", _MLB_ROWS), "obp": _at(_MLB, "OBP", _MLB_ROWS),
                "slg": _at(_MLB, "SLG", _MLB_ROWS), "era": _at(_MLB, "ERA", _MLB_ROWS)},
    ),
    Case(
        "rt11_textbooks_marc21",
        35,
        "rt11_textbooks.mrc",
        "a library system's course-reserve records as binary MARC 21 (ISO 2709: a 24-byte "
        "leader, a directory, fields ended by 0x1E, subfields after 0x1F, records ended by "
        "0x1D, no line breaks): 73 rows, one per record; or a refusal naming the format; "
        "never the bytes read as one line of text or a crash",
        rows=len(_CAMPUS),
        rejects=set(),
        refuse_ok=True,
    ),
    Case(
        "rt12_exam_sign_in_page",
        35,
        "rt12_exam.csv",
        "`exam.csv` holding the sign-in page a portal sent instead of the export (HTML, no "
        "table): no reading gives the exam scores: a refusal naming the file as HTML; never "
        "the page's lines loaded as rows of one text column",
        rows=4059,  # mlmRev `Exam`'s students, which the file does not hold
        refuse_ok=True,
    ),
]
