"""The ingestion benchmark's cases of stage 15 (`build15.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build15
from case import Case, _spelled, _utc

_DEATHS = build15.usaccdeaths()
_DEATHS_ROWS = (0, 1, len(_DEATHS) - 1)
_ANSCOMBE = build15.anscombe()
_TITANIC = build15.titanic_survival()
_TITANIC_NONE = [i for i, missing in enumerate(_TITANIC.age.isna()) if missing]
_TITANIC_ROWS = (0, _TITANIC_NONE[0], _TITANIC_NONE[-1], len(_TITANIC) - 1)
_ROBEY = build15.robey()
_ROBEY_ROWS = (0, 3, 4, len(_ROBEY) - 1)  # 22:00 EDT, 01:00 EDT, 01:00 EST, the last
_GILGAIS = build15.gilgais()
_GILGAIS_ROWS = (0, 1, len(_GILGAIS) - 1)
_DEPREDATIONS = build15.depredations()
_ERICKSEN = build15.ericksen()
_WELLS = build15.wells().reset_index()
_BURT = build15.burt()
_GENOTYPE = build15.genotype()
_TITANIC_COUNTS = build15.titanic()
_BACTERIA = build15.bacteria()


def _first_rows(column: str, wanted: int) -> tuple[int, ...]:
    """Depredations: the first row, the first two whose `column` is `wanted`, the last."""
    hits = [i for i, v in enumerate(_DEPREDATIONS[column]) if v == wanted][:2]
    return tuple(sorted({0, *hits, len(_DEPREDATIONS) - 1}))


def _notion_date_outcomes() -> list[dict[str, Any]]:
    """k1's acceptable outcomes: each month's first day (a date or a timestamp at
    midnight), or the text kept as written (`January 1, 1973`)."""
    as_kinds = (
        ("date", lambda d: d),
        ("timestamp", lambda d: datetime.datetime.combine(d, datetime.time())),
        ("varchar", build15.notion_date),
    )
    return [
        {
            "types": {"month": kind, "deaths": "integer"},
            "values": {
                "month": [(i, as_kind(_DEATHS[i][0])) for i in _DEATHS_ROWS],
                "deaths": [(i, _DEATHS[i][1]) for i in _DEATHS_ROWS],
            },
        }
        for kind, as_kind in as_kinds
    ]


def _zone_abbreviation_outcomes() -> list[dict[str, Any]]:
    """k4's acceptable outcomes: each instant in UTC (naive or zoned), 01:00 EDT and 01:00
    EST an hour apart; or the text kept as written."""
    as_kinds = (
        ("timestamp", _utc),
        ("timestamp", lambda moment: moment),
        ("varchar", build15.eastern_stamp),
    )
    return [
        {
            "types": {"recorded_at": kind},
            "values": {"recorded_at": [(i, as_kind(_ROBEY[i][0])) for i in _ROBEY_ROWS]},
        }
        for kind, as_kind in as_kinds
    ]


def _fortran_outcomes() -> list[dict[str, Any]]:
    """k5's acceptable outcomes: each pH column a double, or its text kept as written
    (`0.7000000D+01`)."""
    return _spelled(
        {
            column: (
                "double",
                [(i, float(_GILGAIS[column].iloc[i])) for i in _GILGAIS_ROWS],
                [(i, build15.fortran_double(_GILGAIS[column].iloc[i])) for i in _GILGAIS_ROWS],
            )
            for column in ("ph00", "ph30", "ph80")
        }
    )


def _dash_zero_outcomes() -> list[dict[str, Any]]:
    """k6's acceptable outcomes: `early` and `late` each integers with 0 where `-` is
    written, or their text kept as written."""
    return _spelled(
        {
            column: (
                "integer",
                [(i, int(_DEPREDATIONS[column].iloc[i])) for i in _first_rows(column, 0)],
                [
                    (i, build15.accounting(int(_DEPREDATIONS[column].iloc[i])))
                    for i in _first_rows(column, 0)
                ],
            )
            for column in ("early", "late")
        }
    )


_NOTION = _notion_date_outcomes()
_ZONES = _zone_abbreviation_outcomes()
_FORTRAN = _fortran_outcomes()
_DASHES = _dash_zero_outcomes()
_WELLS_COLUMNS = ["switch", "arsenic", "distance", "education", "association"]

CASES = [
    Case(
        "k1_usaccdeaths_notion_dates",
        15,
        "k1_usaccdeaths.csv",
        'a Notion export, dates written `"January 1, 1973"`: 72 rows, each month its first '
        "day (a date or a timestamp at midnight), or the text kept; never NULLs, rejects or "
        "the comma splitting the date",
        rows=72,
        rejects=set(),
        columns=["month", "deaths"],
        **_NOTION[0],
        alternatives=_NOTION[1:],
    ),
    Case(
        "k2_anscombe_header_trailing_delimiter",
        15,
        "k2_anscombe.csv",
        "only the header line ends with the delimiter (an empty last name), the records "
        "have five fields: 51 rows of the five named columns; never the rows rejected as "
        "short, shifted, or an unnamed empty column kept",
        rows=51,
        rejects=set(),
        columns=["state", "education", "income", "young", "urban"],
        types={"state": "varchar", "education": "integer", "young": "double", "urban": "integer"},
        values={
            "state": [(0, "ME"), (50, _ANSCOMBE.state.iloc[50])],
            "young": [(0, 350.7), (50, float(_ANSCOMBE.young.iloc[50]))],
            "urban": [(0, 508), (50, int(_ANSCOMBE.urban.iloc[50]))],
        },
    ),
    Case(
        "k3_titanic_python_none",
        15,
        "k3_titanic.csv",
        "a Python script's `str()` export, every missing age the word `None`: 1309 rows, "
        "`age` a double, NULL where `None`; or a refusal naming the column; never `age` "
        "text, rejects, or `None` read as 0",
        rows=1309,
        rejects=set(),
        columns=["id", "survived", "sex", "age", "passenger_class"],
        types={"id": "integer", "age": "double", "passenger_class": "varchar"},
        values={
            "age": [
                (i, None if i in _TITANIC_NONE else float(_TITANIC.age.iloc[i]))
                for i in _TITANIC_ROWS
            ],
            "id": [(0, 1), (1308, 1309)],
            "passenger_class": [(0, "1st"), (1308, _TITANIC.passenger_class.iloc[1308])],
        },
        refuse_ok=True,
    ),
    Case(
        "k4_robey_zone_abbreviations",
        15,
        "k4_robey.csv",
        "US Eastern wall times with the zone's abbreviation (`EDT`, then `EST`), 01:00 "
        "twice on 3 November: 50 rows, each instant in UTC (naive or zoned), the two "
        "01:00s an hour apart; or the text kept; or a refusal naming the column; never "
        "the abbreviation dropped (local times, or UTC read as local)",
        rows=50,
        rejects=set(),
        columns=["recorded_at", "country", "region", "tfr", "contraceptors"],
        types={"tfr": "double", "contraceptors": "integer", **_ZONES[0]["types"]},
        values={
            "country": [(0, "Botswana"), (49, _ROBEY[49][1])],
            "contraceptors": [(0, 35), (49, int(_ROBEY[49][4]))],
            **_ZONES[0]["values"],
        },
        alternatives=_ZONES[1:],
        refuse_ok=True,
    ),
    Case(
        "k5_gilgais_fortran_d_exponents",
        15,
        "k5_gilgais.csv",
        "a Fortran program's output, pH written with the double-precision `D` exponent "
        "(`0.7000000D+01`): 365 rows, the pH columns doubles (7.0); or their text kept; or "
        "a refusal naming a column; never NULLs, rejects or a wrong power of ten",
        rows=365,
        rejects=set(),
        columns=["id", "ph00", "ph30", "ph80", "e00"],
        types={"id": "integer", "e00": "integer", **_FORTRAN[0]["types"]},
        values={"e00": [(0, 20), (364, int(_GILGAIS.e00.iloc[364]))], **_FORTRAN[0]["values"]},
        alternatives=_FORTRAN[1:],
        refuse_ok=True,
    ),
    Case(
        "k6_depredations_dash_zeros",
        15,
        "k6_depredations.csv",
        "Excel's Accounting format saved as CSV, every zero of `early` and `late` written "
        "`-`: 434 rows, both integers with 0 where `-`; or their text kept; or a refusal "
        "naming the column; never NULL for the dashes, or rejects",
        rows=434,
        rejects=set(),
        columns=["id", "longitude", "latitude", "number", "early", "late"],
        types={"id": "integer", "longitude": "double", "number": "integer", **_DASHES[0]["types"]},
        values={
            "number": [(0, 1), (433, int(_DEPREDATIONS.number.iloc[433]))],
            **_DASHES[0]["values"],
        },
        alternatives=_DASHES[1:],
        refuse_ok=True,
    ),
    Case(
        "k7_ericksen_double_encoded_ndjson",
        15,
        "k7_ericksen.ndjson",
        "NDJSON whose every line is a JSON string holding the object's JSON (serialized "
        "twice): 66 rows of the objects' ten fields; or a refusal naming the file; never "
        "one text column of JSON",
        rows=66,
        rejects=set(),
        columns=list(_ERICKSEN[0]),
        types={"area": "varchar", "crime": "integer", "undercount": "double"},
        values={
            "area": [(0, "Alabama"), (65, _ERICKSEN[65]["area"])],
            "undercount": [(0, -0.04), (65, _ERICKSEN[65]["undercount"])],
            "city": [(0, "state"), (65, _ERICKSEN[65]["city"])],
        },
        refuse_ok=True,
    ),
    Case(
        "k8_wells_pandas_index_parquet",
        15,
        "k8_wells.parquet",
        "pandas' `to_parquet` of a frame indexed by `household`: the key is the file's last "
        "column (pandas' metadata names it the index): 3020 rows with `household` kept, "
        "last or first; never the key dropped",
        rows=3020,
        columns=[*_WELLS_COLUMNS, "household"],
        types={"household": "integer", "arsenic": "double"},
        values={
            "household": [(0, 1), (3019, 3020)],
            "arsenic": [(0, 2.36), (3019, float(_WELLS.arsenic.iloc[3019]))],
        },
        alternatives=[{"columns": ["household", *_WELLS_COLUMNS]}],
    ),
    Case(
        "k9_burt_xlsx_hyperlink_formulas",
        15,
        "k9_burt.xlsx",
        'an xlsx column of `=HYPERLINK("https://...","Case 1")` formulas with cached text: '
        "27 rows, `case` the shown text (`Case 1`); never the formula, the address or NULLs",
        rows=27,
        rejects=set(),
        columns=["case", "iq_bio", "iq_foster", "social_class"],
        types={"case": "varchar", "iq_bio": ("integer", "double")},
        values={
            "case": [(0, "Case 1"), (1, "Case 2"), (26, "Case 27")],
            "iq_bio": [(0, 82), (26, int(_BURT.iq_bio.iloc[26]))],
            "social_class": [(0, "high"), (26, _BURT.social_class.iloc[26])],
        },
    ),
    Case(
        "k10_genotype_xlsx_styled_empty_rows",
        15,
        "k10_genotype.xlsx",
        "whole columns formatted: a fill and a border on empty cells down to row 2000, "
        "below 61 rows of data: 61 rows; never 1999 rows, blank rows or rejects",
        rows=61,
        rejects=set(),
        columns=["litter", "mother", "wt"],
        types={"litter": "varchar", "wt": "double"},
        values={
            "litter": [(0, "A"), (60, _GENOTYPE.litter.iloc[60])],
            "wt": [(0, 61.5), (60, float(_GENOTYPE.wt.iloc[60]))],
        },
    ),
    Case(
        "k11_titanic_sqlite_spaced_table_name",
        15,
        "k11_titanic.db",
        'a SQLite table named with a space and capitals (`"Passenger Counts"`): its 32 '
        "rows; never a refusal or crash on the name",
        fmt="sqlite",
        options={"source_table": build15.TITANIC_TABLE},
        rows=32,
        rejects=set(),
        columns=["class", "sex", "age", "survived", "freq"],
        types={"class": "varchar", "freq": "integer"},
        values={
            "class": [(0, "1st"), (31, _TITANIC_COUNTS["class"].iloc[31])],
            "freq": [(2, 35), (31, int(_TITANIC_COUNTS.freq.iloc[31]))],
        },
    ),
    Case(
        "k12_bacteria_ctrl_a_delimiter",
        15,
        "k12_bacteria.txt",
        "a Hive text export, fields separated by Ctrl-A (0x01) under a header line: 220 "
        "rows of six columns; or a refusal naming the delimiter; never one column of "
        "whole lines",
        fmt="csv",
        rows=220,
        rejects=set(),
        columns=["y", "ap", "hilo", "week", "id", "trt"],
        types={"week": "integer", "id": "varchar", "trt": "varchar"},
        values={
            "id": [(0, "X01"), (219, _BACTERIA.id.iloc[219])],
            "week": [(1, 2), (219, int(_BACTERIA.week.iloc[219]))],
            "trt": [(0, "placebo"), (219, _BACTERIA.trt.iloc[219])],
        },
        refuse_ok=True,
    ),
]
