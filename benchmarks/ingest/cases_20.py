"""The ingestion benchmark's cases of stage 20 (`build20.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build20
from case import Case
from cases_16 import _sharing
from cases_18 import _at

_BOWLEY = build20.bowley()
_CHEST = build20.chest_sizes()
_TROOPS = build20.troops()
_ROTIFER = build20.rotifer()
_PEARSON = build20.pearson_lee()
_PUMPS = build20.pumps()
_GALAXIES = build20.galaxies()
_DACTYL = build20.dactyl()
_CITIES = build20.cities()
_WHEAT = build20.wheat()
_CHOLERA = build20.cholera()
_POLIO = build20.polio()

_BOWLEY_ROWS = (0, 1, len(_BOWLEY) - 1)
_FIRST_RETREAT = int((_TROOPS.direction == "R").to_numpy().argmax())
_TROOP_ROWS = (0, _FIRST_RETREAT, len(_TROOPS) - 1)
_PEARSON_ROWS = sorted({0, 1, len(_PEARSON) - 1, *build20.PEARSON_MISSING})
_GALAXY_ROWS = (0, 1, len(_GALAXIES) - 1)
_CITY_ROWS = (0, 1, len(_CITIES) - 1)
_WHEAT_ROWS = (0, 1, len(_WHEAT) - 3, len(_WHEAT) - 1)
_CHOLERA_ROWS = (0, len(_CHOLERA) - 1)
_ROTIFER_COLUMNS = ("density", "pm_y", "kc_tot")
_POLIO_COLUMNS = ["group", "population", "paralytic", "non_paralytic", "false_reports"]
_POLIO_FIRST = _POLIO[_POLIO.Experiment == _POLIO.Experiment.iloc[0]].reset_index(drop=True)


def _instant_outcomes() -> list[dict[str, Any]]:
    """re1's acceptable outcomes: each year's start as a naive UTC timestamp or a zoned one
    (UTC)."""
    naive = _at(_BOWLEY, "year_start", _BOWLEY_ROWS)
    return [
        {"types": {"year_start": "timestamp"}, "values": {"year_start": values}}
        for values in (
            [(i, t.to_pydatetime()) for i, t in naive],
            [(i, t.to_pydatetime().replace(tzinfo=datetime.timezone.utc)) for i, t in naive],
        )
    ]


def _flag_outcomes() -> list[dict[str, Any]]:
    """re3's acceptable outcomes for `rueckzug`: a boolean (true at `Ja`) or the words kept."""
    retreat = [(i, _TROOPS.direction.iloc[i] == "R") for i in _TROOP_ROWS]
    return [
        {"types": {"rueckzug": "boolean"}, "values": {"rueckzug": retreat}},
        {
            "types": {"rueckzug": "varchar"},
            "values": {"rueckzug": [(i, "Ja" if r else "Nein") for i, r in retreat]},
        },
    ]


def _envelope_outcomes() -> list[dict[str, Any]]:
    """re4's acceptable outcomes: the payload's fields flattened as `payload__<field>`, or
    the envelope unwrapped (the record's own names)."""
    rows = (0, len(_ROTIFER) - 1)
    return [
        {
            "types": {f"{prefix}density": "double", f"{prefix}pm_y": "integer"},
            "values": {f"{prefix}{c}": _at(_ROTIFER, c, rows) for c in _ROTIFER_COLUMNS},
        }
        for prefix in ("payload__", "")
    ]


def _clock_outcomes() -> list[dict[str, Any]]:
    """re7's acceptable outcomes: `observed` a time of day, or its text `HH:MM:SS`."""
    times = _at(_GALAXIES, "observed", _GALAXY_ROWS)
    return [
        {
            "types": {"observed": ("time64[us]", "time64[ns]")},
            "values": {"observed": times},
        },
        {
            "types": {"observed": "varchar"},
            "values": {"observed": [(i, t.strftime("%H:%M:%S")) for i, t in times]},
        },
    ]


_INSTANTS = _sharing(
    _instant_outcomes(), {"value": "double"}, {"value": _at(_BOWLEY, "value", _BOWLEY_ROWS)}
)
_FLAGS = _sharing(
    _flag_outcomes(),
    {"laenge": "double", "ueberlebende": "integer", "gruppe": "integer"},
    {
        "laenge": _at(_TROOPS, "long", _TROOP_ROWS),
        "ueberlebende": _at(_TROOPS, "survivors", _TROOP_ROWS),
    },
)
_ENVELOPES = _envelope_outcomes()
_CLOCKS = _sharing(
    _clock_outcomes(),
    {"velocity": "integer"},
    {"velocity": _at(_GALAXIES, "velocity", _GALAXY_ROWS)},
)
_LAST_CITY = len(_CITIES) - 1

CASES = [
    Case(
        "re1_bowley_bigquery_utc_suffix",
        20,
        "re1_bowley.csv",
        "BigQuery's CSV of a TIMESTAMP: `1855-01-01 00:00:00 UTC` (the word `UTC` after the "
        "time): 45 rows, `year_start` the instant (naive UTC or zoned); never text or NULLs",
        rows=45,
        rejects=set(),
        columns=["year_start", "value"],
        **_INSTANTS[0],
        alternatives=_INSTANTS[1:],
    ),
    Case(
        "re2_chestsizes_quoted_comma_headers",
        20,
        "re2_chestsizes.csv",
        'headers holding a comma and a unit, quoted (`"Chest, inches"`): 16 rows, two '
        "integer columns `chest_inches`, `count_men`; never three columns or a shifted row",
        rows=16,
        rejects=set(),
        columns=["chest_inches", "count_men"],
        types={"chest_inches": "integer", "count_men": "integer"},
        values={
            "chest_inches": _at(_CHEST, "chest", (0, 15)),
            "count_men": _at(_CHEST, "count", (0, 15)),
        },
    ),
    Case(
        "re3_troops_german_ja_nein",
        20,
        "re3_troops.csv",
        "a German `;` export with decimal commas and a flag written `Ja` / `Nein`: 51 rows, "
        "`rueckzug` a boolean (true at `Ja`) or the words kept; never NULLs or rejects",
        rows=51,
        rejects=set(),
        columns=["laenge", "breite", "ueberlebende", "rueckzug", "gruppe"],
        **_FLAGS[0],
        alternatives=_FLAGS[1:],
    ),
    Case(
        "re4_rotifer_kafka_connect_envelope",
        20,
        "re4_rotifer.json",
        'Kafka Connect\'s JSON with `schemas.enable=true`: every line `{"schema": ..., '
        '"payload": ...}`: 20 rows, the payload\'s values as `payload__<field>` or unwrapped '
        "(`density`); never one row per schema field or the payload lost",
        rows=20,
        rejects=set(),
        **_ENVELOPES[0],
        alternatives=_ENVELOPES[1:],
    ),
    Case(
        "re5_pearsonlee_quote_nonnumeric",
        20,
        "re5_pearsonlee.csv",
        "Python's `QUOTE_NONNUMERIC`: text quoted, numbers bare, four missing numbers written "
        '`""`: 746 rows, `child` and `parent` doubles with NULL there; never the columns '
        "text or the rows rejected",
        rows=746,
        rejects=set(),
        columns=["child", "parent", "frequency", "gp", "par", "chl"],
        types={"child": "double", "parent": "double", "frequency": "double", "chl": "varchar"},
        values={
            column: [
                (i, None if build20.PEARSON_MISSING.get(i) == column else value)
                for i, value in _at(_PEARSON, column, _PEARSON_ROWS)
            ]
            for column in ("child", "parent", "par")
        },
    ),
    Case(
        "re6_pumps_sqlite_table_case",
        20,
        "re6_pumps.db",
        "a SQLite table created `Pumps`, named `pumps` in `source_table` (SQLite matches "
        "names without regard to case): 13 rows as the table holds them; never 'no such "
        "table' or a crash",
        fmt="sqlite",
        options={"source_table": "pumps"},
        rows=13,
        columns=["pump", "label", "x", "y"],
        types={"pump": "integer", "label": "varchar", "x": "double"},
        values={c: _at(_PUMPS, c, (0, 12)) for c in ("pump", "label", "x")},
    ),
    Case(
        "re7_galaxies_parquet_time_of_day",
        20,
        "re7_galaxies.parquet",
        "a Parquet `time64[us]` column (a clock time, no date; the night passes midnight): 82 "
        "rows, `observed` a time of day or its `HH:MM:SS` text; never a timestamp on some "
        "day, a number or NULLs",
        rows=82,
        columns=["id", "velocity", "observed"],
        **_CLOCKS[0],
        alternatives=_CLOCKS[1:],
    ),
    Case(
        "re8_dactyl_xlsx_wrapped_headers",
        20,
        "re8_dactyl.xlsx",
        "an xlsx whose header cells hold a line break (Alt+Enter: `Foot` / `(position)`): 60 "
        "rows, the names snake-cased whole (`foot_position`); never the header taken as two "
        "rows or a row lost",
        rows=60,
        columns=["foot_position", "lines_range", "count_of_dactyls"],
        types={"foot_position": ("integer", "double"), "lines_range": "varchar"},
        values={
            "foot_position": _at(_DACTYL, "Foot", (0, 59)),
            "lines_range": _at(_DACTYL, "Lines", (0, 59)),
            "count_of_dactyls": _at(_DACTYL, "count", (0, 59)),
        },
    ),
    Case(
        "re9_cities_dos_cp850",
        20,
        "re9_cities.csv",
        "a DOS program's CSV in code page 850 (`é`, `É` in the header and in `etape`): 20 "
        "rows, the letters decoded as written (`Départ`, `Étape`); or a refusal naming the "
        "encoding; never cp1252's or latin-1's characters in their place",
        rows=20,
        rejects=set(),
        columns=["ville", "longitude", "latitude", "etape"],
        types={"ville": "varchar", "longitude": "double", "etape": "varchar"},
        values={
            "ville": _at(_CITIES, "city", _CITY_ROWS),
            "longitude": _at(_CITIES, "long", _CITY_ROWS),
            "etape": [(i, build20.stage(i, _LAST_CITY)) for i in _CITY_ROWS],
        },
        refuse_ok=True,
    ),
    Case(
        "re10_wheat_powershell_utf16_json",
        20,
        "re10_wheat.json",
        "PowerShell 5's `ConvertTo-Json > file`: a pretty-printed JSON array in UTF-16 LE "
        "with a BOM, CRLF: 53 rows, `wages` NULL in the last three; or a refusal naming the "
        "encoding; never a crash",
        rows=53,
        columns=["year", "wheat", "wages"],
        types={"year": "integer", "wheat": "double", "wages": "double"},
        values={c: _at(_WHEAT, c, _WHEAT_ROWS) for c in ("year", "wheat", "wages")},
        refuse_ok=True,
    ),
    Case(
        "re11_cholera_leading_empty_column",
        20,
        "re11_cholera.csv",
        "Excel's CSV of a table that starts in column B: every line opens with an empty "
        "field: 38 rows, the empty column left out (or kept all NULL as `column_1`); never "
        "the names shifted onto the wrong values",
        rows=38,
        rejects=set(),
        columns=["district", "cholera_deaths", "popn", "region"],
        types={"cholera_deaths": "integer", "popn": "integer", "region": "varchar"},
        values={c: _at(_CHOLERA, c, _CHOLERA_ROWS) for c in ("district", "popn", "region")},
        alternatives=[{"columns": ["column_1", "district", "cholera_deaths", "popn", "region"]}],
    ),
    Case(
        "re12_polio_sheet_per_experiment",
        20,
        "re12_polio.xlsx",
        "a workbook of one sheet per experiment, the same columns on each, no `sheet:`: the "
        "first sheet's 4 rows with a note naming `ObservedControl`; or all 8 rows; or a "
        "refusal naming the sheets; never the first sheet alone in silence",
        rows=4,
        columns=_POLIO_COLUMNS,
        types={"population": "integer", "group": "varchar"},
        values={
            "group": _at(_POLIO_FIRST, "Group", (0, 3)),
            "population": _at(_POLIO_FIRST, "Population", (0, 3)),
        },
        notes=["ObservedControl"],
        alternatives=[
            {
                "rows": 8,
                "columns": None,
                "notes": [],
                "values": {
                    "group": _at(_POLIO, "Group", (0, 7)),
                    "population": _at(_POLIO, "Population", (0, 7)),
                },
            }
        ],
        refuse_ok=True,
    ),
]
