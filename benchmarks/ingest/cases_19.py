"""The ingestion benchmark's cases of stage 19 (`build19.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

from typing import Any

import build19
from case import Case
from cases_16 import _sharing
from cases_18 import _at

_FINGER = build19.fingerprints()
_FARMS = build19.farms()
_ROSSI = build19.rossi()
_DRIVERS = build19.driver_deaths()
_MPLS = build19.mpls_demo()
_SYNTH = build19.synth()
_HALLEY = build19.halley()
_ZEA = build19.zea_mays()
_PHONES = build19.world_phones()
_VIRGINIS = build19.virginis()
_CES = build19.ces11()
_QUARTET = build19.quartet()

_FINGER_ROWS = (0, 1, len(_FINGER) - 1)
_FIRST_AID = int((_ROSSI.fin == "yes").to_numpy().argmax())  # the first row whose flag is set
_ROSSI_ROWS = (0, _FIRST_AID, len(_ROSSI) - 1)
_DRIVER_ROWS = (0, 11, 12, len(_DRIVERS) - 1)
_BATCH_ROWS = sorted(
    {0, len(_SYNTH) - 1, *(r for s, e in build19.BATCHED_LINES for r in (s - 1, s, e - 1, e))}
)
_HALLEY_ROWS = sorted({0, 1, len(_HALLEY) - 1, *build19.BLANK_CELLS})
_ZEA_ROWS = (0, len(_ZEA) - 1)
_PHONE_ROWS = (0, len(_PHONES) - 1)
_VIRGINIS_ROWS = (0, 2, len(_VIRGINIS) - 1)
_CES_ROWS = (0, 1, len(_CES) - 1)
_QUARTET_ROWS = (0, len(_QUARTET) - 1)


def _flag_outcomes() -> list[dict[str, Any]]:
    """rd3's acceptable outcomes for `fin`: the `X` kept as text (NULL where empty), or a
    boolean true where `X` stands and NULL or false where the field is empty."""
    aid = [(i, _ROSSI.fin.iloc[i] == "yes") for i in _ROSSI_ROWS]
    return [
        {"types": {"fin": "varchar"}, "values": {"fin": [(i, "X" if s else None) for i, s in aid]}},
        {
            "types": {"fin": "boolean"},
            "values": {"fin": [(i, True if s else None) for i, s in aid]},
        },
        {"types": {"fin": "boolean"}, "values": {"fin": aid}},
    ]


def _month_outcomes() -> list[dict[str, Any]]:
    """rd4's acceptable outcomes: `month` the first day of its month, or the text kept."""
    return [
        {
            "types": {"month": kind, "deaths": "integer"},
            "values": {"month": values, "deaths": _at(_DRIVERS, "deaths", _DRIVER_ROWS)},
        }
        for kind, values in (
            ("date", _at(_DRIVERS, "month", _DRIVER_ROWS)),
            ("varchar", [(i, _DRIVERS.month.iloc[i].strftime("%b-%y")) for i in _DRIVER_ROWS]),
        )
    ]


def _pair_outcomes() -> list[dict[str, Any]]:
    """rd8's acceptable outcomes: `pair` the number the cells hold, or the text Excel shows."""
    shared = {"cross": _at(_ZEA, "cross", _ZEA_ROWS), "diff": _at(_ZEA, "diff", _ZEA_ROWS)}
    held = _at(_ZEA, "pair", _ZEA_ROWS)
    return [
        {
            "types": {"pair": ("integer", "double"), "cross": "double"},
            "values": {**shared, "pair": held},
        },
        {
            "types": {"pair": "varchar", "cross": "double"},
            "values": {**shared, "pair": [(i, f"{v:03d}") for i, v in held]},
        },
    ]


_FLAGS = _sharing(
    _flag_outcomes(),
    {"week": "integer", "age": "integer"},
    {"age": _at(_ROSSI, "age", _ROSSI_ROWS)},
)
_MONTHS = _month_outcomes()
_PAIRS = _pair_outcomes()
_CES_LAST = len(_CES)  # the last data record's number (1-based)
_QUARTET_LAST = len(_QUARTET)

CASES = [
    Case(
        "rd1_fingerprints_cp1250",
        19,
        "rd1_fingerprints.csv",
        "a Polish Windows application's CSV in cp1250 (`ę`, `ż`, `ó`, `ś` in the header and in "
        "`przewaga`): 36 rows, the letters decoded as written (`Dużo pętli`); or a refusal "
        "naming the encoding; never cp1252's letters in their place (`DuÂżo`, `pê`)",
        rows=36,
        rejects=set(),
        columns=["wiry", "petle", "licznosc", "przewaga"],
        types={
            "wiry": "integer",
            "petle": "integer",
            "licznosc": ("double", "decimal"),
            "przewaga": "varchar",
        },
        values={
            "wiry": _at(_FINGER, "wiry", _FINGER_ROWS),
            "licznosc": _at(_FINGER, "liczba", _FINGER_ROWS),
            "przewaga": [
                (i, build19.lead(int(_FINGER.wiry.iloc[i]), int(_FINGER.petle.iloc[i])))
                for i in _FINGER_ROWS
            ],
        },
        refuse_ok=True,
    ),
    Case(
        "rd2_farms_bcp_utf16_no_bom",
        19,
        "rd2_farms.tsv",
        "SQL Server's `bcp -w` output: UTF-16 LE without a byte order mark, tab-separated, "
        "CRLF: 20 rows of four text columns; or a refusal naming the encoding; never NUL "
        "bytes kept or dropped into one column",
        rows=20,
        rejects=set(),
        columns=["mois", "manag", "use", "manure"],
        types={"mois": "varchar", "manure": "varchar"},
        values={
            c: _at(_FARMS, c.capitalize(), (0, 19)) for c in ("mois", "manag", "use", "manure")
        },
        refuse_ok=True,
    ),
    Case(
        "rd3_rossi_sap_x_flags",
        19,
        "rd3_rossi.csv",
        "an SAP export's checkbox column `fin`: `X` where set, empty where not: 432 rows, "
        "`fin` the `X` as text or a boolean (true at `X`); never rejects, or the set rows "
        "NULL",
        rows=432,
        rejects=set(),
        columns=["week", "arrest", "fin", "age", "prio"],
        **_FLAGS[0],
        alternatives=_FLAGS[1:],
    ),
    Case(
        "rd4_driverdeaths_excel_mmm_yy",
        19,
        "rd4_driverdeaths.csv",
        "months as Excel's `mmm-yy` writes them (`Jan-69` ... `Dec-84`): 192 rows, `month` "
        "the first day of the month in 1969-1984, or the text kept; or a refusal naming the "
        "column; never day 69 of January, the years 2069-2084, or NULLs",
        rows=192,
        rejects=set(),
        columns=["month", "deaths"],
        **_MONTHS[0],
        alternatives=_MONTHS[1:],
        refuse_ok=True,
    ),
    Case(
        "rd5_mplsdemo_k_suffix",
        19,
        "rd5_mplsdemo.csv",
        "a dashboard's export of counts abbreviated `8.2K` (the exact numbers not in the "
        "file): 84 rows, `population` and `hh_income` the text as written; or a refusal "
        "naming the columns; never 8.2 (the K dropped) or NULLs",
        rows=84,
        rejects=set(),
        columns=["neighborhood", "population", "hh_income"],
        types={"neighborhood": "varchar", "population": "varchar", "hh_income": "varchar"},
        values={
            "neighborhood": _at(_MPLS, "neighborhood", (0, 83)),
            "population": [(i, build19.short(int(_MPLS.population.iloc[i]))) for i in (0, 83)],
            "hh_income": [(i, build19.short(int(_MPLS.hh_income.iloc[i]))) for i in (0, 83)],
        },
        refuse_ok=True,
    ),
    Case(
        "rd6_synth_ndjson_batched_lines",
        19,
        "rd6_synth.ndjson",
        "NDJSON with two lines each holding a JSON array of records (a batch of 5 and of 10) "
        "among one-object lines: 1000 rows in file order; or a refusal naming the first "
        "array line; never the 15 records lost, rejected, or one row per array",
        rows=1000,
        rejects=set(),
        columns=["xs", "ys", "yc"],
        types={"xs": "double", "ys": "double", "yc": "integer"},
        values={c: _at(_SYNTH, c, _BATCH_ROWS) for c in ("xs", "yc")},
        refuse_ok=True,
    ),
    Case(
        "rd7_halley_xlsx_space_cells",
        19,
        "rd7_halley.xlsx",
        'an xlsx whose three `deaths` cells were "cleared" by typing spaces (text cells of '
        "one or two spaces): 84 rows, `deaths` numbers with NULL there; or a refusal naming "
        "the cells; never the column text or the rows lost",
        rows=84,
        columns=["age", "deaths", "number", "ratio"],
        types={"age": ("integer", "double"), "deaths": ("integer", "double"), "ratio": "double"},
        values={
            "age": _at(_HALLEY, "age", _HALLEY_ROWS),
            "deaths": [
                (i, None if i in build19.BLANK_CELLS else int(_HALLEY.deaths.iloc[i]))
                for i in _HALLEY_ROWS
            ],
            "ratio": _at(_HALLEY, "ratio", _HALLEY_ROWS),
        },
        refuse_ok=True,
    ),
    Case(
        "rd8_zeamays_xlsx_zero_padded_format",
        19,
        "rd8_zeamays.xlsx",
        "an xlsx whose `pair` numbers carry the number format `000` (shown `001`, held 1): "
        "15 rows, `pair` the number held or the text shown; never NULLs",
        rows=15,
        columns=["pair", "pot", "cross", "self", "diff"],
        **_PAIRS[0],
        alternatives=_PAIRS[1:],
    ),
    Case(
        "rd9_worldphones_parquet_dotted_names",
        19,
        "rd9_worldphones.parquet",
        "R's `write_parquet` names with dots (`N.Amer`, `Mid.Amer`): 7 rows, the names "
        "snake-cased (`n_amer`); never a refusal or a column lost",
        rows=7,
        columns=["year", "n_amer", "europe", "asia", "s_amer", "oceania", "africa", "mid_amer"],
        types={"year": "integer", "n_amer": "integer", "mid_amer": "integer"},
        values={
            "year": _at(_PHONES, "year", _PHONE_ROWS),
            "n_amer": _at(_PHONES, "N.Amer", _PHONE_ROWS),
            "mid_amer": _at(_PHONES, "Mid.Amer", _PHONE_ROWS),
        },
    ),
    Case(
        "rd10_virginis_sqlite_reserved_table",
        19,
        "rd10_virginis.db",
        "a SQLite source table named with an SQL keyword (`order`): 18 rows as the table "
        "holds them; never a syntax error or a crash",
        fmt="sqlite",
        options={"source_table": "order"},
        rows=18,
        columns=["year", "posangle", "distance", "weight", "notes", "authority"],
        types={"year": "double", "distance": "double", "authority": "varchar"},
        values={c: _at(_VIRGINIS, c, _VIRGINIS_ROWS) for c in ("year", "distance", "authority")},
    ),
    Case(
        "rd11_ces11_salesforce_footer",
        19,
        "rd11_ces11.csv",
        "a Salesforce report's CSV: every field quoted, then a blank line and a footer "
        "(`Filtered By:`, two filter lines, `Confidential Information - Do Not Distribute`, "
        "the copyright): 2231 rows, the footer left out (a note welcome) or its lines "
        "rejects; or a refusal naming it; never a footer line as a row or `id` text",
        rows=2231,
        rejects=set(),
        columns=[
            "id",
            "province",
            "population",
            "weight",
            "gender",
            "abortion",
            "importance",
            "education",
            "urban",
        ],
        types={"id": "integer", "population": "integer", "weight": "double"},
        values={c: _at(_CES, c, _CES_ROWS) for c in ("id", "province", "weight", "urban")},
        alternatives=[
            {"rejects": {str(_CES_LAST + n) for n in (1, 2, 3, 4, 5)}},
            {"rejects": {str(_CES_LAST + n) for n in (2, 3, 4, 6, 7)}},
        ],
        refuse_ok=True,
    ),
    Case(
        "rd12_quartet_delimiter_only_lines",
        19,
        "rd12_quartet.csv",
        "Excel's CSV of a sheet whose used range ran past the data: five lines of only "
        "commas after the 11 records: 11 rows, the empty lines left out (or rejects); never "
        "16 rows with five all NULL",
        rows=11,
        rejects=set(),
        columns=["x", "y1", "y2", "y3", "x4", "y4"],
        types={"x": "integer", "y1": "double", "x4": "integer"},
        values={c: _at(_QUARTET, c, _QUARTET_ROWS) for c in ("x", "y1", "y3", "y4")},
        alternatives=[{"rejects": {str(_QUARTET_LAST + n) for n in range(1, 6)}}],
        refuse_ok=True,
    ),
]
