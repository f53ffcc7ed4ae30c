"""The ingestion benchmark's cases of stage 21 (`build21.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build21
from case import Case, _spelled
from cases_16 import _day_outcomes, _sharing
from cases_18 import _at

_PBC = build21.pbc()
_BREACHES = build21.breaches()
_COAL = build21.coal()
_VETERAN = build21.veteran()
_CHANNING = build21.channing()
_CARDS = build21.sports_cards()
_AIRCONDIT = build21.aircondit()
_HURRICANES = build21.hurricanes()
_AIS = build21.ais()
_CO2 = build21.co2()
_SCHOOLS = build21.caschools()
_CUCKOOS = build21.cuckoos()

_PBC_ROWS = sorted(
    {0, len(_PBC) - 1, *(int(_PBC[c].isna().to_numpy().argmax()) for c in build21.PBC_GAPS)}
)
_BREACH_ROWS = (0, 1, 192, len(_BREACHES) - 1)  # 1 and 192: names holding `, LLC`
_COAL_ROWS = (0, 1, len(_COAL) - 1)
_VETERAN_COLUMNS = [
    "treatment",
    "cell_type",
    "survival_time_days",
    "status",
    "karnofsky_score",
    "months_since_diagnosis",
    "age_years",
    "prior_therapy",
]
_VETERAN_ROWS = (0, 1, len(_VETERAN) - 1)
_CHANNING_ROWS = (0, 1, len(_CHANNING) - 1)
_CARD_ROWS = (0, 1, len(_CARDS) - 1)
_HURRICANE_ROWS = (0, 1, len(_HURRICANES) - 1)
_AIS_ROWS = (0, len(_AIS) - 1)
_CO2_ROWS = (0, len(_CO2) - 1)
_SCHOOL_ROWS = (0, len(_SCHOOLS) // 2 - 1, len(_SCHOOLS) // 2, len(_SCHOOLS) - 1)
_WREN = int((_CUCKOOS.host == build21.HOSTS_DE["wren"]).to_numpy().argmax())
_CUCKOO_ROWS = (0, _WREN, len(_CUCKOOS) - 1)


def _colon_outcomes() -> list[dict[str, Any]]:
    """rf1's acceptable outcomes: `trt`, `chol` and `platelet` each integers with NULL where
    `:` stands, or kept as text (`:` written); the other columns as the file holds them."""
    pairs = {}
    for column in build21.PBC_GAPS:
        values = [(i, build21.whole(_PBC[column].iloc[i])) for i in _PBC_ROWS]
        text = [(i, ":" if v is None else str(v)) for i, v in values]
        pairs[column] = ("integer", values, text)
    return _sharing(
        _spelled(pairs),
        {"id": "integer", "time": "integer", "age": "double", "sex": "varchar"},
        {c: _at(_PBC, c, _PBC_ROWS) for c in ("id", "age", "sex")},
    )


def _japanese_outcomes() -> list[dict[str, Any]]:
    """rf3's acceptable outcomes: each day a date (or a timestamp at midnight), or the text
    as written (`1851年3月15日`); `disaster` the integer."""
    return _sharing(
        _day_outcomes(
            "occurred", [(d,) for d in _COAL.occurred], _COAL_ROWS, build21.japanese, "varchar"
        ),
        {"disaster": "integer"},
        {"disaster": _at(_COAL, "disaster", _COAL_ROWS)},
    )


def _elapsed_outcomes() -> list[dict[str, Any]]:
    """rf7's acceptable outcomes for `operating_time`: a duration (or an interval) of the
    hours, the fraction of days the cell holds, or the text Excel shows (`230:00`)."""
    hours = [(i, int(h)) for i, h in enumerate(_AIRCONDIT.hours)]
    nanos = 3_600 * 10**9
    outcomes = [
        (
            ("duration[s]", "duration[ms]", "duration[us]", "duration[ns]"),
            [(i, datetime.timedelta(hours=h)) for i, h in hours],
        ),
        ("month_day_nano_interval", [(i, (0, 0, h * nanos)) for i, h in hours]),
        ("month_day_nano_interval", [(i, (0, h // 24, h % 24 * nanos)) for i, h in hours]),
        ("double", [(i, h / 24) for i, h in hours]),
        ("varchar", [(i, f"{h}:00") for i, h in hours]),
    ]
    return _sharing(
        [
            {"types": {"operating_time": kind}, "values": {"operating_time": values}}
            for kind, values in outcomes
        ],
        {"failure": "integer"},
        {"failure": _at(_AIRCONDIT, "failure", (0, len(_AIRCONDIT) - 1))},
    )


def _long_date_outcomes() -> list[dict[str, Any]]:
    """rf8's acceptable outcomes: `landfall` each day a date (or a timestamp at midnight), or
    the text Excel shows (`Monday, September 04, 1950`)."""
    return _sharing(
        _day_outcomes(
            "landfall",
            [(d,) for d in _HURRICANES.landfall],
            _HURRICANE_ROWS,
            build21.long_date,
            "varchar",
        ),
        {"name": "varchar", "year": "integer", "deaths": "integer"},
        {c: _at(_HURRICANES, c, _HURRICANE_ROWS) for c in ("name", "deaths")},
    )


_COLONS = _colon_outcomes()
_JAPANESE = _japanese_outcomes()
_ELAPSED = _elapsed_outcomes()
_LONG_DATES = _long_date_outcomes()

CASES = [
    Case(
        "rf1_pbc_eurostat_colon_missing",
        21,
        "rf1_pbc.tsv",
        "a statistics office's TSV in Eurostat's convention, every missing value a lone `:` "
        "(in the integer columns `trt`, `chol`, `platelet`): 418 rows, those columns NULL "
        "there or kept as text; never rejects, rows lost or the other columns text",
        rows=418,
        rejects=set(),
        columns=build21.PBC_COLUMNS,
        **_COLONS[0],
        alternatives=_COLONS[1:],
    ),
    Case(
        "rf2_breaches_printf_spaced_quotes",
        21,
        "rf2_breaches.csv",
        'a C program\'s `printf("%d, \\"%s\\", ...")`: a space after every comma, text quoted '
        'after it (`1, "Mid America Kidney Stone Association, LLC", "MO", 1000`): 1055 rows, '
        "the names whole without their quotes; or a refusal naming the quoting; never a name "
        "cut at its comma, quotes kept, or rows rejected",
        rows=1055,
        rejects=set(),
        columns=["number", "name", "state", "individuals_affected"],
        types={
            "number": "integer",
            "name": "varchar",
            "state": "varchar",
            "individuals_affected": "integer",
        },
        values={c: _at(_BREACHES, c, _BREACH_ROWS) for c in _BREACHES.columns},
        refuse_ok=True,
    ),
    Case(
        "rf3_coal_japanese_dates",
        21,
        "rf3_coal.csv",
        "a CSV from a Japanese-locale spreadsheet, dates as it shows them (`1851年3月15日`): "
        "191 rows, `occurred` each day (a date) or the text as written; never another day, "
        "NULLs or rejects",
        rows=191,
        rejects=set(),
        columns=["disaster", "occurred"],
        **_JAPANESE[0],
        alternatives=_JAPANESE[1:],
    ),
    Case(
        "rf4_veteran_nbsp_headers",
        21,
        "rf4_veteran.csv",
        "a table pasted from a web page and saved as CSV: its header names' spaces "
        "non-breaking (U+00A0, `Cell\\u00a0type`): 137 rows, the names snake-cased as if "
        "the spaces were plain (`cell_type`, `survival_time_days`); never a name keeping "
        "U+00A0 or the values changed",
        rows=137,
        rejects=set(),
        columns=_VETERAN_COLUMNS,
        types={
            "treatment": "integer",
            "cell_type": "varchar",
            "survival_time_days": "integer",
            "age_years": "integer",
        },
        values={
            new: _at(_VETERAN, old, _VETERAN_ROWS)
            for new, old in zip(_VETERAN_COLUMNS, _VETERAN.columns)
        },
    ),
    Case(
        "rf5_channing_sqlite3_cli_no_header",
        21,
        "rf5_channing.csv",
        "`sqlite3 -csv` without `.headers on`: no header line, CRLF, the first record "
        "`Male,782,909,127,1`: 462 rows under generated names `column_1`-`column_5`; or a "
        "refusal saying there is no header; never the first record taken as the names "
        "(461 rows, a column `782`)",
        rows=462,
        rejects=set(),
        columns=[f"column_{i}" for i in range(1, 6)],
        types={"column_1": "varchar", "column_2": "integer", "column_5": "integer"},
        values={
            f"column_{i}": _at(_CHANNING, c, _CHANNING_ROWS)
            for i, c in enumerate(_CHANNING.columns, 1)
        },
        refuse_ok=True,
    ),
    Case(
        "rf6_sportscards_mysql_escaped_commas",
        21,
        "rf6_sportscards.csv",
        "MySQL's `INTO OUTFILE` with `FIELDS TERMINATED BY ','` and no enclosure: the comma "
        "in `income` escaped `\\,` (`[50\\, 75)`): 148 rows, `income` as meant (`[50, 75)`); "
        "or a refusal naming the escape; never rows rejected or shifted, or `\\,` kept",
        rows=148,
        rejects=set(),
        columns=list(_CARDS.columns),
        types={"permonth": "integer", "income": "varchar", "age": "integer"},
        values={c: _at(_CARDS, c, _CARD_ROWS) for c in ("good", "permonth", "income", "age")},
        refuse_ok=True,
    ),
    Case(
        "rf7_aircondit_xlsx_elapsed_hours",
        21,
        "rf7_aircondit.xlsx",
        "an xlsx of elapsed times as Excel durations (fractions of days, format `[h]:mm`, "
        "`230:00` past 24 hours): 12 rows, `operating_time` a duration of the hours, the "
        "days the cell holds, or the text shown; never a timestamp in 1900 or a time of day",
        rows=12,
        columns=["failure", "operating_time"],
        **_ELAPSED[0],
        alternatives=_ELAPSED[1:],
    ),
    Case(
        "rf8_hurricanes_xlsx_system_long_date",
        21,
        "rf8_hurricanes.xlsx",
        "an xlsx date column in Excel's system Long Date format `[$-F800]dddd, mmmm dd, "
        "yyyy` (a locale tag before the codes): 94 rows, `landfall` each day (a date) or "
        "the text shown (`Monday, September 04, 1950`); never the serial numbers",
        rows=94,
        columns=["name", "year", "landfall", "deaths"],
        **_LONG_DATES[0],
        alternatives=_LONG_DATES[1:],
    ),
    Case(
        "rf9_ais_jsonp",
        21,
        "rf9_ais.json",
        "a JSONP response saved as `.json`: the array wrapped in `parseResponse(...);`: 202 "
        "rows of the array; or a refusal naming the wrapper; never a crash",
        rows=202,
        columns=[
            "rcc",
            "wcc",
            "hc",
            "hg",
            "ferr",
            "bmi",
            "ssf",
            "pc_bfat",
            "lbm",
            "ht",
            "wt",
            "sex",
            "sport",
        ],
        types={"ht": "double", "ferr": "integer", "sport": "varchar"},
        values={c: _at(_AIS, c, _AIS_ROWS) for c in ("ht", "ferr", "sport")},
        refuse_ok=True,
    ),
    Case(
        "rf10_co2_jq_seq",
        21,
        "rf10_co2.json",
        "`jq -c --seq` output (RFC 7464): every record preceded by the byte 0x1E: 84 rows; "
        "or a refusal naming the separator; never the lines rejected, rows lost or the "
        "byte kept in a value",
        rows=84,
        rejects=set(),
        columns=["plant", "type", "treatment", "conc", "uptake"],
        types={"plant": "varchar", "conc": "integer", "uptake": "double"},
        values={c: _at(_CO2, c, _CO2_ROWS) for c in ("plant", "conc", "uptake")},
        refuse_ok=True,
    ),
    Case(
        "rf11_caschools_dask_metadata",
        21,
        "rf11_caschools/*",
        "Dask's Parquet folder with its summary files: `part.0.parquet`, `part.1.parquet`, "
        "`_common_metadata` (schema only) and `_metadata` (the parts' row groups): the parts' "
        "420 rows; or a refusal naming a summary file; never 840 rows or a crash",
        fmt="parquet",
        rows=420,
        columns=list(_SCHOOLS.columns),
        types={"district": "integer", "school": "varchar", "read": "double"},
        values={c: _at(_SCHOOLS, c, _SCHOOL_ROWS) for c in ("district", "school", "math")},
        refuse_ok=True,
    ),
    Case(
        "rf12_cuckoos_sqlite_latin1_text",
        21,
        "rf12_cuckoos.db",
        "an old PHP app's SQLite table whose TEXT column `host` holds Latin-1 bytes "
        "(`Zaunk\\xf6nig`), not UTF-8: 120 rows, `host` decoded as written (`Zaunkönig`); "
        "or a refusal naming the column and its encoding; never a crash, `\\ufffd` or rows lost",
        fmt="sqlite",
        options={"source_table": "eggs"},
        rows=120,
        columns=["id", "length", "breadth", "host"],
        types={"id": "integer", "length": "double", "host": "varchar"},
        values={c: _at(_CUCKOOS, c, _CUCKOO_ROWS) for c in ("id", "length", "host")},
        refuse_ok=True,
    ),
]
