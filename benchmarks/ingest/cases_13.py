"""The ingestion benchmark's cases of stage 13 (`build13.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build13
from case import Case
from cases_10_12 import _DURATIONS

_MDEATHS = build13.mdeaths()
_MDEATHS_ROWS = (0, 35, 71)
_RIVERS = build13.rivers()
_RIVERS_ROWS = (0, 49, 99, 140)  # the first, the two behind a form feed, the last
_NEWCOMB = build13.newcomb()
_NEWCOMB_ROWS = (0, 1, 2, 65)  # row 2's nanoseconds round up, not down
_EXPENDITURE = build13.expenditure()
_YEARS = ["1940", "1945", "1950", "1955", "1960"]
_POTTERY = build13.pottery()
_STORMER = build13.stormer()
_STORMER_ROWS = (0, 3, 22)  # 35.6 s, 121.2 s (`PT2M1.2S`), 86.5 s
_HARTNAGEL = build13.hartnagel()
_HARTNAGEL_ROWS = (0, build13.HARTNAGEL_SPLIT - 1, build13.HARTNAGEL_SPLIT, len(_HARTNAGEL) - 1)
_SAHLINS = build13.sahlins()
_BFOX = build13.bfox()
_MOORE = build13.moore()
_ANGELL = build13.angell()
_GREENE = build13.greene()
_GREENE_ROWS = (0, next(i for i, v in enumerate(_GREENE.success) if v > 0), len(_GREENE) - 1)


def _excel_serial_outcomes() -> list[dict[str, Any]]:
    """f1's other acceptable outcomes: the serials read as the dates they are (a date or a
    timestamp at midnight)."""
    return [
        {
            "types": {"month": kind},
            "values": {"month": [(i, as_kind(_MDEATHS[i][0])) for i in _MDEATHS_ROWS]},
        }
        for kind, as_kind in (
            ("date", lambda d: d),
            ("timestamp", lambda d: datetime.datetime.combine(d, datetime.time())),
        )
    ]


def _nanosecond_outcomes() -> list[dict[str, Any]]:
    """f3's acceptable outcomes: the instants cut or rounded to the microsecond, zoned or as
    naive UTC; or the text kept."""
    outcomes = []
    for to_micros in (lambda n: n // 1000, lambda n: round(n / 1000)):
        for zoned in (True, False):
            values = []
            for i in _NEWCOMB_ROWS:
                moment, nanos, _ = _NEWCOMB[i]
                moment += datetime.timedelta(microseconds=to_micros(nanos))
                values.append((i, moment if zoned else moment.replace(tzinfo=None)))
            outcomes.append(
                {"types": {"measured_at": "timestamp"}, "values": {"measured_at": values}}
            )
    outcomes.append(
        {
            "types": {"measured_at": "varchar"},
            "values": {"measured_at": (0, "2024-05-01T08:00:00.987654321Z")},
        }
    )
    return outcomes


def _year_header_outcomes() -> list[dict[str, Any]]:
    """f4's acceptable outcomes: the year columns named as written, or with a prefix the
    reader puts before a name that starts with a digit."""
    outcomes = []
    for prefix in ("", "_", "x", "c", "col_", "column_", "year_", "y"):
        names = [f"{prefix}{year}" for year in _YEARS]
        outcomes.append(
            {
                "columns": ["category", *names],
                "types": {"category": "varchar", names[0]: "double", names[-1]: "double"},
                "values": {
                    "category": [(0, "Food and Tobacco"), (4, "Private Education")],
                    names[0]: (4, 0.341),
                    names[-1]: [(0, 86.8), (4, 3.64)],
                },
            }
        )
    return outcomes


def _iso_duration_outcomes() -> list[dict[str, Any]]:
    """f6's other acceptable outcome: the ISO 8601 text kept."""
    return [
        {
            "types": {"run_time": "varchar"},
            "values": {
                "run_time": [
                    (i, build13.iso_duration(_STORMER.run_time.iloc[i])) for i in _STORMER_ROWS
                ]
            },
        }
    ]


_YEAR_HEADERS = _year_header_outcomes()
_NANOSECONDS = _nanosecond_outcomes()

CASES = [
    Case(
        "f1_mdeaths_excel_serial_dates",
        13,
        "f1_mdeaths.csv",
        "a workbook's dates saved as CSV from a `General` column: Excel serial day numbers "
        "(`27030` is 1974-01-01): 72 rows, the integers kept, or the right dates (a date or "
        "a timestamp); never dates counted from 1970 (2044) or NULLs",
        rows=72,
        rejects=set(),
        columns=["month", "deaths"],
        types={"month": "integer", "deaths": "integer"},
        values={
            "month": [(i, build13.excel_serial(_MDEATHS[i][0])) for i in _MDEATHS_ROWS],
            "deaths": [(i, _MDEATHS[i][1]) for i in _MDEATHS_ROWS],
        },
        alternatives=_excel_serial_outcomes(),
    ),
    Case(
        "f2_rivers_form_feeds",
        13,
        "f2_rivers.csv",
        "a line printer's report kept as CSV, a form feed (0x0C) opening every 50th "
        "record's line: 141 rows, `id` and `length_mi` integers (50 and 710 at row 49); or "
        "a refusal naming the byte; never `id` text or those rows rejected",
        rows=141,
        rejects=set(),
        columns=["id", "length_mi"],
        types={"id": "integer", "length_mi": "integer"},
        values={
            "id": [(i, int(_RIVERS.id.iloc[i])) for i in _RIVERS_ROWS],
            "length_mi": [(i, int(_RIVERS.length_mi.iloc[i])) for i in _RIVERS_ROWS],
        },
        refuse_ok=True,
    ),
    Case(
        "f3_newcomb_nanosecond_stamps",
        13,
        "f3_newcomb.csv",
        "RFC 3339 instants with nanoseconds and `Z` (`...T08:00:00.987654321Z`): 66 rows, "
        "each instant right to the microsecond (cut or rounded, zoned or naive UTC); or the "
        "text kept; never NULLs, rejects or the fraction lost",
        rows=66,
        rejects=set(),
        columns=["measured_at", "deviation_ns"],
        types={"measured_at": "timestamp", "deviation_ns": "integer"},
        values={
            "measured_at": _NANOSECONDS[0]["values"]["measured_at"],
            "deviation_ns": [(i, _NEWCOMB[i][2]) for i in _NEWCOMB_ROWS],
        },
        alternatives=_NANOSECONDS[1:],
    ),
    Case(
        "f4_expenditure_year_headers",
        13,
        "f4_expenditure.csv",
        "a wide statistics table whose header is years (`category,1940,...,1960`) over "
        "numbers: 5 rows, the header as names (as written or with a prefix before the "
        "digit), every value a double; never the header read as a data row (6 rows) or "
        "the columns text",
        rows=5,
        rejects=set(),
        **_YEAR_HEADERS[0],
        alternatives=_YEAR_HEADERS[1:],
    ),
    Case(
        "f5_pottery_mysql_backslash_quotes",
        13,
        "f5_pottery.csv",
        "MySQL's `INTO OUTFILE` CSV: text quoted, inner quotes escaped `\\\"` (not doubled), "
        "a comma inside the quoted note: 26 rows of eight columns, the note with its real "
        'quotes (`sherd from the "Llanedyrn" kiln, bag 1`); or a refusal naming the '
        "escape; never backslashes kept, rows split or rejected",
        rows=26,
        rejects=set(),
        columns=["id", "site", "al", "fe", "mg", "ca", "na", "note"],
        types={"id": "integer", "al": "double", "note": "varchar"},
        values={
            "note": [(i, _POTTERY.note.iloc[i]) for i in (0, 25)],
            "site": (25, _POTTERY.Site.iloc[25]),
            "al": (0, 14.4),
            "na": (25, float(_POTTERY.Na.iloc[25])),
        },
        refuse_ok=True,
    ),
    Case(
        "f6_stormer_iso_durations",
        13,
        "f6_stormer.csv",
        "ISO 8601 durations from an API (`PT35.6S`, `PT2M1.2S`): 23 rows, `run_time` a "
        "duration (35.6 s, 121.2 s) or its text kept; never NULLs, rejects or seconds "
        "without the minutes",
        rows=23,
        rejects=set(),
        columns=["id", "viscosity", "weight", "run_time"],
        types={"id": "integer", "viscosity": "double", "run_time": _DURATIONS},
        values={
            "run_time": [
                (i, datetime.timedelta(seconds=float(_STORMER.run_time.iloc[i])))
                for i in _STORMER_ROWS
            ],
            "weight": (22, 100),
        },
        alternatives=_iso_duration_outcomes(),
    ),
    Case(
        "f7_hartnagel_parquet_date_then_timestamp",
        13,
        "f7_hartnagel/*.parquet",
        "two Parquet files of one series, `as_of` a `date32` in the first and a "
        "`timestamp[ms]` at midnight in the second: 38 rows, every `as_of` its Dec 31 (a "
        "date, or a timestamp at midnight throughout); or a refusal naming the column; "
        "never one file's dates NULL or rows lost",
        rows=38,
        columns=[*build13.HARTNAGEL_COLUMNS, "as_of"],
        rejects=set(),
        types={"year": "integer", "as_of": "date", "fconvict": "double"},
        values={
            "as_of": [(i, _HARTNAGEL.as_of.iloc[i]) for i in _HARTNAGEL_ROWS],
            "year": [(i, int(_HARTNAGEL.year.iloc[i])) for i in _HARTNAGEL_ROWS],
            "fconvict": (37, float(_HARTNAGEL.fconvict.iloc[37])),
        },
        alternatives=[
            {
                "types": {"as_of": "timestamp"},
                "values": {
                    "as_of": [
                        (i, datetime.datetime.combine(_HARTNAGEL.as_of.iloc[i], datetime.time()))
                        for i in _HARTNAGEL_ROWS
                    ]
                },
            }
        ],
        refuse_ok=True,
    ),
    Case(
        "f8_sahlins_html_as_xls",
        13,
        "f8_sahlins.xls",
        "a web app's \"Export to Excel\": an HTML table saved as `.xls`: the table's 20 rows "
        "of `consumers` and `acres` doubles; or a refusal saying the file is HTML, not a "
        "workbook; never a crash or rows of markup",
        rows=20,
        rejects=set(),
        columns=["consumers", "acres"],
        types={"consumers": "double", "acres": "double"},
        values={
            "consumers": [(0, 1.0), (19, float(_SAHLINS.consumers.iloc[19]))],
            "acres": [(0, 1.71), (19, float(_SAHLINS.acres.iloc[19]))],
        },
        refuse_ok=True,
    ),
    Case(
        "f9_bfox_zipped_csv",
        13,
        "f9_bfox.zip",
        "an open-data portal's `.zip` holding one CSV: its 30 rows of seven columns; or a "
        "refusal naming the archive (unzip it); never a crash or rows of compressed bytes",
        rows=30,
        rejects=set(),
        columns=["year", "partic", "tfr", "menwage", "womwage", "debt", "parttime"],
        types={"year": "integer", "tfr": "integer", "debt": "double"},
        values={
            "year": [(0, 1946), (29, int(_BFOX.year.iloc[29]))],
            "debt": [(0, 18.18), (29, float(_BFOX.debt.iloc[29]))],
        },
        refuse_ok=True,
    ),
    Case(
        "f10_moore_elasticsearch_bulk",
        13,
        "f10_moore.ndjson",
        'an Elasticsearch `_bulk` file, an action line `{"index": {"_id": ...}}` before '
        "every document: 45 rows of the documents (the `_id` a column or not, the action "
        "lines left out or rejects); or a refusal naming the shape; never 90 rows, half of "
        "them NULL",
        rows=45,
        types={"conformity": "integer", "fscore": "integer", "fcategory": "varchar"},
        values={
            "partner_status": [(0, "low"), (44, _MOORE.partner_status.iloc[44])],
            "fscore": [(0, 37), (44, int(_MOORE.fscore.iloc[44]))],
            "conformity": (44, int(_MOORE.conformity.iloc[44])),
        },
        refuse_ok=True,
    ),
    Case(
        "f11_angell_xlsx_boolean_cells",
        13,
        "f11_angell.xlsx",
        'a workbook column of Excel\'s own boolean cells (`TRUE`/`FALSE`, `t="b"`): 43 rows, '
        "`south` a boolean (false for Rochester, true for Atlanta); never 1/0, text or NULLs",
        rows=43,
        rejects=set(),
        columns=["city", "moral", "hetero", "mobility", "region", "south"],
        types={"south": "boolean", "moral": "double", "city": "varchar"},
        values={
            "south": [(0, False), (42, True)],
            "city": [(0, "Rochester"), (42, "Atlanta")],
            "moral": (42, float(_ANGELL.moral.iloc[42])),
        },
    ),
    Case(
        "f12_greene_unicode_minus",
        13,
        "f12_greene.csv",
        "negatives written with the Unicode minus U+2212 (copied from a typeset report): "
        "384 rows, `success` a double with every sign right (-1.09861); or every value "
        "kept as its text; never NULL or positive for the negatives, or rejects",
        rows=384,
        rejects=set(),
        columns=["id", "judge", "nation", "rater", "decision", "language", "location", "success"],
        types={"success": "double", "id": "integer"},
        values={
            "success": [(i, float(f"{_GREENE.success.iloc[i]:g}")) for i in _GREENE_ROWS],
            "id": (len(_GREENE) - 1, int(_GREENE.id.iloc[-1])),
        },
        alternatives=[
            {
                "types": {"success": "varchar"},
                "values": {
                    "success": [
                        (i, f"{_GREENE.success.iloc[i]:g}".replace("-", "\u2212"))
                        for i in _GREENE_ROWS
                    ]
                },
            }
        ],
    ),
]
