"""The ingestion benchmark's cases of stage 16 (`build16.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any

import build16
from case import Case, _spelled, _utc

_PIMA = build16.pima()
_DRIVERS = build16.driver_deaths()
_DRIVERS_ROWS = (0, 1, len(_DRIVERS) - 1)
_CAVENDISH = build16.cavendish()
_SUNSPOTS = build16.sunspots()
_SUNSPOT_TEXT = _SUNSPOTS.to_csv(index=False).splitlines()[1:]  # each row as pandas wrote it
_FIRST_ZERO = int((_SUNSPOTS.sunspots == 0).idxmax())  # log -inf; the next row's change inf
_SUNSPOT_ROWS = (0, _FIRST_ZERO, _FIRST_ZERO + 1, len(_SUNSPOTS) - 1)
_GUYER = build16.guyer()
_SNOW = build16.snow_deaths()
_NIGHTINGALE = build16.nightingale()
_SP500 = build16.sp500()
_SP500_ROWS = (0, 2, 3, len(_SP500) - 1)  # 01:00+0100, then 03:00+0200 an hour later
_PRESIDENTS = build16.presidents()
_PRESIDENTS_BLANK = [i for i, (_, approval) in enumerate(_PRESIDENTS) if approval is None]
_PRESIDENTS_ROWS = sorted({0, 1, *_PRESIDENTS_BLANK, len(_PRESIDENTS) - 1})
_UCB = build16.ucb_admissions()
_MONARCHS = build16.monarchs()
_MONARCHS_ROWS = (0, len(_MONARCHS) - 2, len(_MONARCHS) - 1)
_PASSENGERS = build16.air_passengers()
_PASSENGERS_ROWS = (0, 47, 48, 96, len(_PASSENGERS) - 1)  # each zip member's first row


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _missing_rows(column: str) -> list[int]:
    """Pima: the first row, the first and last whose `column` is missing (`.`), the last."""
    missing = [i for i, v in enumerate(_PIMA[column].isna()) if v]
    return sorted({0, missing[0], missing[-1], len(_PIMA) - 1})


def _sharing(
    outcomes: list[dict[str, Any]], types: dict[str, Any], values: dict[str, Any]
) -> list[dict[str, Any]]:
    """The outcomes, each also checking the `types` and `values` all of them share (an
    alternative replaces the case's whole `types` and `values`)."""
    return [
        {"types": {**types, **o["types"]}, "values": {**values, **o["values"]}} for o in outcomes
    ]


def _day_outcomes(
    column: str,
    rows: list[tuple[datetime.date, Any]],
    indexes: tuple[int, ...],
    text: Callable[[datetime.date], Any],
    text_kind: str,
) -> list[dict[str, Any]]:
    """A date column's acceptable outcomes: each day as a date or a timestamp at midnight,
    or as written (`text`, of type `text_kind`)."""
    as_kinds = (
        ("date", lambda d: d),
        ("timestamp", lambda d: datetime.datetime.combine(d, datetime.time())),
        (text_kind, text),
    )
    return [
        {
            "types": {column: kind},
            "values": {column: [(i, as_kind(rows[i][0])) for i in indexes]},
        }
        for kind, as_kind in as_kinds
    ]


def _compact_date_outcomes() -> list[dict[str, Any]]:
    """ra2's acceptable outcomes: each month's first day (a date or a timestamp at
    midnight), or the digits kept as an integer or as text (`19690101`); the deaths
    integers."""
    outcomes = _day_outcomes(
        "month",
        _DRIVERS,
        _DRIVERS_ROWS,
        lambda d: int(build16.compact_date(d)),
        "integer",
    )
    outcomes.append(
        {
            "types": {"month": "varchar"},
            "values": {"month": [(i, build16.compact_date(_DRIVERS[i][0])) for i in _DRIVERS_ROWS]},
        }
    )
    return _sharing(
        outcomes, {"deaths": "integer"}, {"deaths": [(i, _DRIVERS[i][1]) for i in _DRIVERS_ROWS]}
    )


def _german_sheets_outcomes() -> list[dict[str, Any]]:
    """ra3's acceptable outcomes: each density column a double (5.61), or its text kept as
    written (`5,61`); NULL where empty either way."""
    rows = (0, 1, 6, len(_CAVENDISH) - 1)

    def text(value: float) -> str | None:
        written = build16.german_sheets_number(value).strip('"')
        return written or None

    mixes = _spelled(
        {
            column: (
                "double",
                [(i, _number(_CAVENDISH[column].iloc[i])) for i in rows],
                [(i, text(_CAVENDISH[column].iloc[i])) for i in rows],
            )
            for column in ("density", "density2", "density3")
        }
    )
    return _sharing(mixes, {"measurement": "integer"}, {"measurement": [(0, 1), (28, 29)]})


def _infinity_outcomes() -> list[dict[str, Any]]:
    """ra4's acceptable outcomes: `log_sunspots` and `pct_change` each a double holding
    -inf and inf where written, NULL where empty; or its text kept as written."""
    position = {"log_sunspots": 2, "pct_change": 3}

    def text(column: str, row: int) -> str | None:
        return _SUNSPOT_TEXT[row].split(",")[position[column]] or None

    mixes = _spelled(
        {
            column: (
                "double",
                [(i, _number(_SUNSPOTS[column].iloc[i])) for i in _SUNSPOT_ROWS],
                [(i, text(column, i)) for i in _SUNSPOT_ROWS],
            )
            for column in position
        }
    )
    return _sharing(
        mixes,
        {"id": "integer", "sunspots": "double"},
        {"sunspots": [(i, float(_SUNSPOTS.sunspots.iloc[i])) for i in _SUNSPOT_ROWS]},
    )


def _offset_outcomes() -> list[dict[str, Any]]:
    """ra8's acceptable outcomes: each instant in UTC (naive or zoned), 01:00+0100 and
    03:00+0200 an hour apart; or the text kept as written."""
    as_kinds = (
        ("timestamp", _utc),
        ("timestamp", lambda moment: moment),
        ("varchar", build16.java_offset_stamp),
    )
    outcomes = [
        {
            "types": {"recorded_at": kind},
            "values": {"recorded_at": [(i, as_kind(_SP500[i][0])) for i in _SP500_ROWS]},
        }
        for kind, as_kind in as_kinds
    ]
    return _sharing(
        outcomes, {"change": "double"}, {"change": [(i, _SP500[i][1]) for i in _SP500_ROWS]}
    )


def _monarch_outcomes() -> list[dict[str, Any]]:
    """ra11's acceptable outcomes: both validity columns dates, or timestamps at midnight
    (9999-12-31 00:00 included)."""
    outcomes = []
    for kind, as_kind in (
        ("date", lambda d: d),
        ("timestamp", lambda d: datetime.datetime.combine(d, datetime.time())),
    ):
        outcomes.append(
            {
                "types": {"valid_from": kind, "valid_to": kind},
                "values": {
                    "valid_from": [(i, as_kind(_MONARCHS[i][1])) for i in _MONARCHS_ROWS],
                    "valid_to": [(i, as_kind(_MONARCHS[i][2])) for i in _MONARCHS_ROWS],
                },
            }
        )
    return _sharing(
        outcomes,
        {"monarch": "varchar", "commonwealth": "boolean"},
        {"monarch": [(0, "Elizabeth"), (11, _MONARCHS[11][0])]},
    )


_COMPACT = _compact_date_outcomes()
_SHEETS = _german_sheets_outcomes()
_INFINITIES = _infinity_outcomes()
_OFFSETS = _offset_outcomes()
_REIGNS = _monarch_outcomes()
_MONTHS = _sharing(
    _day_outcomes("month", _PASSENGERS, _PASSENGERS_ROWS, lambda d: d.isoformat(), "varchar"),
    {"passengers": "integer"},
    {"passengers": [(i, _PASSENGERS[i][1]) for i in _PASSENGERS_ROWS]},
)

CASES = [
    Case(
        "ra1_pima_sas_dot_missing",
        16,
        "ra1_pima.csv",
        "a SAS data step's CSV, every missing number a lone `.` (13 in `bp`, 98 in `skin`, "
        "3 in `bmi`): 300 rows, the three columns numbers with NULL where `.`; or a refusal "
        "naming a column; never text columns, rejects, or `.` read as 0",
        rows=300,
        rejects=set(),
        columns=["id", "npreg", "glu", "bp", "skin", "bmi", "ped", "age", "type"],
        types={
            "id": "integer",
            "bp": ("integer", "double"),
            "skin": ("integer", "double"),
            "bmi": "double",
            "ped": "double",
        },
        values={
            column: [(i, _number(_PIMA[column].iloc[i])) for i in _missing_rows(column)]
            for column in ("bp", "skin", "bmi")
        },
        refuse_ok=True,
    ),
    Case(
        "ra2_driverdeaths_compact_dates",
        16,
        "ra2_driverdeaths.csv",
        "a mainframe extract, the month written `19690101` (YYYYMMDD): 192 rows, each "
        "month's first day (a date or a timestamp at midnight), or the digits kept (integer "
        "or text); never another date (days since an epoch, or NULLs)",
        rows=192,
        rejects=set(),
        columns=["month", "deaths"],
        **_COMPACT[0],
        alternatives=_COMPACT[1:],
    ),
    Case(
        "ra3_cavendish_sheets_german_locale",
        16,
        "ra3_cavendish.csv",
        "Google Sheets' CSV in a German locale: comma-separated, numbers with a decimal "
        'comma quoted (`"5,61"`): 29 rows, the densities doubles (5.61); or their text '
        "kept; or a refusal naming a column; never 561, 5.0, NULLs or rejects",
        rows=29,
        rejects=set(),
        columns=["measurement", "density", "density2", "density3"],
        **_SHEETS[0],
        alternatives=_SHEETS[1:],
        refuse_ok=True,
    ),
    Case(
        "ra4_sunspots_pandas_infinities",
        16,
        "ra4_sunspots.csv",
        "pandas' `to_csv` of derived columns holding `-inf` (log of a zero) and `inf` "
        "(growth from a zero): 3177 rows, both doubles with -inf and inf where written; or "
        "their text kept; or a refusal naming a column; never NULL or rejects for them",
        rows=3177,
        rejects=set(),
        columns=["id", "sunspots", "log_sunspots", "pct_change"],
        **_INFINITIES[0],
        alternatives=_INFINITIES[1:],
        refuse_ok=True,
    ),
    Case(
        "ra5_guyer_pandas_columns_json",
        16,
        "ra5_guyer.json",
        'pandas\' default `to_json()` (`orient="columns"`: one object of columns, each '
        "mapping the row index to the value): 20 rows of cooperation, condition, sex (the "
        "index a column or not); or a refusal naming the shape; never one row of three "
        "objects",
        rows=20,
        rejects=set(),
        types={"cooperation": "integer", "condition": "varchar", "sex": "varchar"},
        values={
            "cooperation": [(0, 49), (19, int(_GUYER.cooperation.iloc[19]))],
            "condition": [(0, "public"), (19, _GUYER.condition.iloc[19])],
            "sex": [(0, "male"), (19, _GUYER.sex.iloc[19])],
        },
        refuse_ok=True,
    ),
    Case(
        "ra6_snow_blank_line_ndjson",
        16,
        "ra6_snow.ndjson",
        'NDJSON with an empty line after every record (`print(json.dumps(r) + "\\n")`): '
        "578 rows of case, x, y; never the empty lines as rows, NULL rows or rejects",
        rows=578,
        rejects=set(),
        columns=["case", "x", "y"],
        types={"case": "integer", "x": "double", "y": "double"},
        values={
            "case": [(0, 1), (577, _SNOW[577]["case"])],
            "x": [(0, 13.58801), (577, _SNOW[577]["x"])],
            "y": [(0, 11.0956), (577, _SNOW[577]["y"])],
        },
    ),
    Case(
        "ra7_nightingale_numpy_hash_header",
        16,
        "ra7_nightingale.csv",
        "`numpy.savetxt` with a header: the names' line starts with `# ` (`# year,month,"
        "...`): 24 rows named from it, integers; or a refusal naming the line; never the "
        "names lost (`column_1`...) or the first record taken for the header",
        rows=24,
        rejects=set(),
        columns=build16.NIGHTINGALE_COLUMNS,
        types=dict.fromkeys(build16.NIGHTINGALE_COLUMNS, "integer"),
        values={
            "year": [(0, 1854), (23, int(_NIGHTINGALE.year.iloc[23]))],
            "month": [(0, 4), (23, int(_NIGHTINGALE.month.iloc[23]))],
            "army": [(0, 8571), (23, int(_NIGHTINGALE.army.iloc[23]))],
        },
        refuse_ok=True,
    ),
    Case(
        "ra8_sp500_colonless_offsets",
        16,
        "ra8_sp500.csv",
        "a Java service's instants with the offset written without a colon "
        "(`2024-03-30T23:00:00+0100`, `+0200` from 31 March): 2780 rows, each instant in "
        "UTC (naive or zoned), 01:00+0100 and 03:00+0200 an hour apart; or the text kept; "
        "or a refusal naming the column; never the offset dropped (Berlin wall times)",
        rows=2780,
        rejects=set(),
        columns=["recorded_at", "change"],
        **_OFFSETS[0],
        alternatives=_OFFSETS[1:],
        refuse_ok=True,
    ),
    Case(
        "ra9_presidents_xlsx_formula_blanks",
        16,
        "ra9_presidents.xlsx",
        'an xlsx column of `=IF(B2="","",B2/100)` formulas, cached as Excel saves them: a '
        "number, or an empty string where the rating is missing (6 of 120): 120 rows, "
        "`approval_share` a double with NULL there; or a refusal naming the column; never "
        "text, the formulas, or rejects",
        rows=120,
        rejects=set(),
        columns=["quarter", "approval", "approval_share"],
        types={"quarter": "varchar", "approval": ("integer", "double"), "approval_share": "double"},
        values={
            "quarter": [(0, "1945 Q1"), (119, _PRESIDENTS[119][0])],
            "approval": [(i, _PRESIDENTS[i][1]) for i in _PRESIDENTS_ROWS],
            "approval_share": [(i, build16.share(_PRESIDENTS[i][1])) for i in _PRESIDENTS_ROWS],
        },
        refuse_ok=True,
    ),
    Case(
        "ra10_ucbadmissions_xlsx_strict",
        16,
        "ra10_ucbadmissions.xlsx",
        'a workbook saved as "Strict Open XML Spreadsheet" (`.xlsx`, the parts in ISO '
        "Strict's namespaces `http://purl.oclc.org/ooxml/...`): its 24 rows; or a refusal "
        "naming the Strict format; never an empty table or a crash",
        rows=24,
        rejects=set(),
        columns=["admit", "gender", "dept", "freq"],
        types={"admit": "varchar", "freq": ("integer", "double")},
        values={
            "admit": [(0, "Admitted"), (23, _UCB.admit.iloc[23])],
            "dept": [(0, "A"), (23, _UCB.dept.iloc[23])],
            "freq": [(0, 512), (23, int(_UCB.freq.iloc[23]))],
        },
        refuse_ok=True,
    ),
    Case(
        "ra11_monarchs_parquet_open_end_date",
        16,
        "ra11_monarchs.parquet",
        "a Parquet dimension whose current row ends `9999-12-31` (`date32`, past a "
        "nanosecond timestamp's range): 12 rows, that end exact (a date, or a timestamp "
        "at midnight); never NULL, a wrapped year, or a crash",
        rows=12,
        columns=["monarch", "valid_from", "valid_to", "commonwealth"],
        **_REIGNS[0],
        alternatives=_REIGNS[1:],
    ),
    Case(
        "ra12_airpassengers_zip_of_three",
        16,
        "ra12_airpassengers.zip",
        "an open-data portal's `.zip` holding three CSVs of one table (four years each): "
        "144 rows, the members in order; or a refusal naming the members; never the first "
        "member's 48 rows alone",
        rows=144,
        rejects=set(),
        columns=["month", "passengers"],
        **_MONTHS[0],
        alternatives=_MONTHS[1:],
        refuse_ok=True,
    ),
]
