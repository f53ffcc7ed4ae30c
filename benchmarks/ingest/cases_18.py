"""The ingestion benchmark's cases of stage 18 (`build18.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

from typing import Any

import build18
from case import Case, _spelled
from cases_16 import _sharing
from cases_17 import _nan_free

_WEIGHT = build18.weight_loss()
_KOSTECKI = build18.kostecki()
_FRIENDLY = build18.friendly()
_BRESLAU = build18.breslau()
_GALTON = build18.galton()
_STEAM = build18.steam()
_BOD = build18.bod()
_YEAST = build18.yeast()
_WADERS = build18.waders()
_CANPOP = build18.canpop()
_MPLS = build18.mpls_stops()
_WVS = build18.wvs()


def _at(frame, column: str, rows: Any) -> list[tuple[int, Any]]:
    """(row, value) of `column` at `rows`, as a reader returns them (NaN as None)."""
    return [(i, _nan_free(frame[column].iloc[i])) for i in rows]


def _error_outcomes() -> list[dict[str, Any]]:
    """rc1's acceptable outcomes: `wl2` and `se1` each integers with NULL where a formula
    failed, or kept as text (the error written); the other columns integers."""
    rows = sorted({0, len(_WEIGHT) - 1, *(r for e in build18.SHEET_ERRORS.values() for r in e)})
    pairs = {}
    for column, errors in build18.SHEET_ERRORS.items():
        number = [(i, None if i in errors else int(_WEIGHT[column].iloc[i])) for i in rows]
        text = [(i, errors.get(i, str(_WEIGHT[column].iloc[i]))) for i in rows]
        pairs[column] = ("integer", number, text)
    return _sharing(
        _spelled(pairs),
        {"group": "varchar", "wl1": "integer", "se3": "integer"},
        {"group": _at(_WEIGHT, "group", rows), "wl1": _at(_WEIGHT, "wl1", rows)},
    )


def _question_outcomes() -> list[dict[str, Any]]:
    """rc2's acceptable outcomes: `age` (integer) and `airq` (double) with NULL where `?`
    stands, or kept as text; the other columns as written."""
    rows = sorted({len(_KOSTECKI) - 1, *(r for rs in build18.QUESTION_ROWS.values() for r in rs)})
    pairs = {}
    for column, kind in (("age", "integer"), ("airq", "double")):
        marked = build18.QUESTION_ROWS[column]
        value = [(i, None if i in marked else _nan_free(_KOSTECKI[column].iloc[i])) for i in rows]
        text = [(i, "?" if i in marked else str(_KOSTECKI[column].iloc[i])) for i in rows]
        pairs[column] = (kind, value, text)
    return _sharing(
        _spelled(pairs),
        {"id": "integer", "time": "integer", "headache": ("varchar", "boolean")},
        {"id": _at(_KOSTECKI, "id", rows), "hatype": _at(_KOSTECKI, "hatype", rows)},
    )


def _euro_outcomes() -> list[dict[str, Any]]:
    """rc4's acceptable outcomes: `total` and `average` each the amount (a double or a
    decimal) or the text kept as written; `age` the integer."""
    rows = (0, 1, 50, len(_BRESLAU) - 1)
    pairs = {
        column: (
            ("double", "decimal"),
            [(i, float(_BRESLAU[column].iloc[i])) for i in rows],
            [(i, build18.euro(float(_BRESLAU[column].iloc[i]))) for i in rows],
        )
        for column in ("total", "average")
    }
    return _sharing(_spelled(pairs), {"age": "integer"}, {"age": _at(_BRESLAU, "age", rows)})


_ERRORS = _error_outcomes()
_QUESTIONS = _question_outcomes()
_EUROS = _euro_outcomes()
_GALTON_ROWS = (0, 1, len(_GALTON) - 1)
_YEAST_ROWS = (0, 5, 6, len(_YEAST) - 1)  # the rows before and after the first subtotal
_WADERS_ROWS = (0, len(_WADERS) - 1)
_BLOB_ROWS = (0, 1, build18.BLOB_EVERY, 14 * build18.BLOB_EVERY, build18.MPLS_ROWS - 1)
_WVS_ROWS = (0, build18.WVS_PARTS[0] - 1, build18.WVS_PARTS[0], len(_WVS) - 1)

CASES = [
    Case(
        "rc1_weightloss_sheets_formula_errors",
        18,
        "rc1_weightloss.csv",
        "Google Sheets' CSV of a sheet whose formulas failed in four cells (`#REF!`, `#N/A`, "
        "`#DIV/0!`, `#VALUE!` written in `wl2` and `se1`): 34 rows, those two columns "
        "integers with NULL there or kept as text; or a refusal naming the cells; never "
        "rejects, rows lost, or the other columns text",
        rows=34,
        rejects=set(),
        columns=["group", "wl1", "wl2", "wl3", "se1", "se2", "se3"],
        **_ERRORS[0],
        alternatives=_ERRORS[1:],
        refuse_ok=True,
    ),
    Case(
        "rc2_kostecki_uci_question_marks",
        18,
        "rc2_kostecki.csv",
        "a UCI-style CSV whose missing values are a lone `?` (three in the integer `age`, "
        "three in the double `airq`, the first on the first record): 4152 rows, those "
        "columns NULL there or kept as text; never rejects or rows lost",
        rows=4152,
        rejects=set(),
        columns=["id", "time", "dos", "hatype", "age", "airq", "medication", "headache", "sex"],
        **_QUESTIONS[0],
        alternatives=_QUESTIONS[1:],
    ),
    Case(
        "rc3_friendly_cr_dr_amounts",
        18,
        "rc3_friendly.csv",
        "a bank statement's amounts unsigned with a `CR`/`DR` suffix (`39.00 DR`): 30 rows, "
        "`amount` the text as written; or a refusal naming the column; never numbers with "
        "the suffix dropped (debits and credits alike) or NULLs",
        rows=30,
        rejects=set(),
        columns=["condition", "amount"],
        types={"condition": "varchar", "amount": "varchar"},
        values={
            "condition": _at(_FRIENDLY, "condition", (0, 1, 29)),
            "amount": [(i, build18.cr_dr(i, int(_FRIENDLY.correct.iloc[i]))) for i in (0, 1, 29)],
        },
        refuse_ok=True,
    ),
    Case(
        "rc4_breslau_euro_suffix",
        18,
        "rc4_breslau.csv",
        "a German `;` export with money as `1.765,00 €` (thousands dotted, decimal comma, a "
        "non-breaking space and `€` after): 100 rows, the amounts exact (1765.0) or kept "
        "as text; or a refusal naming the column; never 1.765, NULLs or rejects",
        rows=100,
        rejects=set(),
        columns=["age", "total", "average"],
        **_EUROS[0],
        alternatives=_EUROS[1:],
        refuse_ok=True,
    ),
    Case(
        "rc5_galton_python_repr_lines",
        18,
        "rc5_galton.jsonl",
        "a script's `print(record)` log: one Python dict repr per line (single quotes, "
        "`True`/`False`), not JSON: 934 rows read as the dicts hold them (`family` the text "
        "`001`, `tall` booleans); or a refusal naming the first line; never every line a reject "
        "or one text column",
        rows=934,
        columns=[
            "family",
            "father",
            "mother",
            "midparent_height",
            "children",
            "child_num",
            "gender",
            "child_height",
            "tall",
        ],
        types={"family": "varchar", "father": "double", "children": "integer", "tall": "boolean"},
        values={
            "family": _at(_GALTON, "family", _GALTON_ROWS),
            "child_height": _at(_GALTON, "child_height", _GALTON_ROWS),
            "tall": [(i, bool(_GALTON.child_height.iloc[i] > 70)) for i in _GALTON_ROWS],
        },
        refuse_ok=True,
    ),
    Case(
        "rc6_steam_stata_dta",
        18,
        "rc6_steam.dta",
        "a Stata `.dta` file (version 117): 14 rows of `temp` and `press`; or a refusal "
        "naming the format and what to do; never a crash or binary rows",
        rows=14,
        columns=["temp", "press"],
        types={"temp": "integer", "press": "double"},
        values={"temp": _at(_STEAM, "Temp", (0, 13)), "press": _at(_STEAM, "Press", (0, 13))},
        refuse_ok=True,
    ),
    Case(
        "rc7_bod_orc",
        18,
        "rc7_bod.orc",
        "a Hive table's ORC file: 6 rows of `time` and `demand`; or a refusal naming the "
        "format and what to do; never a crash or binary rows",
        rows=6,
        columns=["time", "demand"],
        types={"time": "integer", "demand": "double"},
        values={"time": _at(_BOD, "Time", (0, 5)), "demand": _at(_BOD, "demand", (0, 5))},
        refuse_ok=True,
    ),
    Case(
        "rc8_yeast_xlsx_subtotals",
        18,
        "rc8_yeast.xlsx",
        "Excel's Data > Subtotal pasted as values: a bold `A Total` row of sums after each "
        "sample's rows, a `Grand Total` at the end: 36 rows, the subtotal rows left out "
        "(told); or a refusal naming them; never the five total rows as data",
        rows=36,
        columns=["sample", "count", "freq"],
        types={"sample": "varchar", "count": ("integer", "double"), "freq": ("integer", "double")},
        values={column: _at(_YEAST, column, _YEAST_ROWS) for column in ("sample", "count", "freq")},
        refuse_ok=True,
    ),
    Case(
        "rc9_waders_xlsx_stacked_tables",
        18,
        "rc9_waders.xlsx",
        "a report sheet with a second table (a key of site codes, its own header) under the "
        "data after two empty rows: 15 rows of `site` and s1-s19; or a refusal naming the "
        "second table; never its header and rows as data (or NULL rows)",
        rows=15,
        columns=["site", *(f"s{n}" for n in range(1, 20))],
        types={"site": "varchar", "s1": ("integer", "double"), "s19": ("integer", "double")},
        values={
            "site": _at(_WADERS, "site", _WADERS_ROWS),
            "s1": _at(_WADERS, "S1", _WADERS_ROWS),
            "s19": _at(_WADERS, "S19", _WADERS_ROWS),
        },
        refuse_ok=True,
    ),
    Case(
        "rc10_canpop_lines_quoted_whole",
        18,
        "rc10_canpop.csv",
        "a CSV opened in Excel as one column and saved: every line one quoted field holding "
        'the record (`"1851,2.436"`): 16 rows of `year` and `population`; or a refusal '
        "naming the layout; never one text column `year_population`",
        rows=16,
        rejects=set(),
        columns=["year", "population"],
        types={"year": "integer", "population": "double"},
        values={
            "year": _at(_CANPOP, "year", (0, 15)),
            "population": _at(_CANPOP, "population", (0, 15)),
        },
        refuse_ok=True,
    ),
    Case(
        "rc11_mplsstops_sqlite_blob_text",
        18,
        "rc11_mplsstops.db",
        "a SQLite TEXT column where a Python app stored every 7th value as a BLOB of its UTF-8 "
        "bytes: 3000 rows, `neighborhood` the text in every row; or a refusal naming the "
        "column; never bytes, hex or `b'...'` text, or NULLs there",
        fmt="sqlite",
        options={"source_table": "stops"},
        rows=3000,
        columns=["id_num", "date", "problem", "race", "gender", "lat", "long", "neighborhood"],
        types={"neighborhood": "varchar", "lat": "double"},
        values={
            "id_num": _at(_MPLS, "id_num", _BLOB_ROWS),
            "neighborhood": _at(_MPLS, "neighborhood", _BLOB_ROWS),
        },
        refuse_ok=True,
    ),
    Case(
        "rc12_wvs_spark_empty_part",
        18,
        "rc12_wvs/*.parquet",
        "a Spark output folder of three Parquet parts, the middle one with no rows (its "
        "schema whole): 5381 rows from the other two; never a refusal or a crash",
        rows=5381,
        columns=["poverty", "religion", "degree", "country", "age", "gender"],
        types={"poverty": "varchar", "age": "integer"},
        values={column: _at(_WVS, column, _WVS_ROWS) for column in ("poverty", "country", "age")},
    ),
]
