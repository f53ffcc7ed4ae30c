"""The ingestion benchmark's cases of stage 17 (`build17.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import json
import math
from typing import Any

import build17
from case import Case, _spelled, _utc
from cases_16 import _sharing

_GUERRY = build17.guerry()
_GUERRY_ROWS = (0, 1, len(_GUERRY) - 1)  # the last, Corse, without a region
_DRINKS = build17.drinks_wages()
_DRINKS_ROWS = sorted({0, *build17.DRINKS_QUOTED, len(_DRINKS) - 1})
_JEVONS = build17.jevons()
_AIRMILES = build17.airmiles()
_AIRMILES_ROWS = (0, 1, len(_AIRMILES) - 1)
_WONG = build17.wong()
_WONG_ROWS = (0, 1, len(_WONG) - 1)
_SOILS = build17.soils()
_IRIS = build17.iris()
_FLORIDA = build17.florida()
_CEMENT = build17.cement()
_LANGREN = build17.langren()
_AMS = build17.ams_survey()
_UN98 = build17.un98()


def _nan_free(value: Any) -> Any:
    """A pandas cell as a reader returns it: a Python value, None for NaN."""
    value = value.item() if hasattr(value, "item") else value
    return None if isinstance(value, float) and math.isnan(value) else value


def _cut_rows() -> list[int]:
    """rb6: the first and last records, and each record a 2033-character line ends inside."""
    ends, length = [], 1  # after the opening `[`
    for record in _SOILS:
        length += len(json.dumps(record, separators=(",", ":"))) + 1  # and its `,` or `]`
        ends.append(length)
    cuts = range(build17.SSMS_LINE, ends[-1], build17.SSMS_LINE)
    return sorted(
        {0, len(_SOILS) - 1, *(next(i for i, end in enumerate(ends) if end > cut) for cut in cuts)}
    )


def _un98_rows() -> list[int]:
    """rb12: each file's first and last row, and the first row whose `tfr` is missing."""
    missing = int(_UN98.tfr.isna().idxmax())
    split = build17.UN98_SPLIT
    return sorted({0, split - 1, split, missing, len(_UN98) - 1})


def _sent_outcomes() -> list[dict[str, Any]]:
    """rb4's acceptable outcomes: each instant in UTC (naive or zoned; 09:00 -0500 is 14:00
    UTC), or the text kept as written; the miles integers."""
    outcomes = [
        {
            "types": {"sent": kind},
            "values": {"sent": [(i, as_kind(_AIRMILES[i][0])) for i in _AIRMILES_ROWS]},
        }
        for kind, as_kind in (
            ("timestamp", _utc),
            ("timestamp", lambda moment: moment),
            ("varchar", build17.rfc2822),
        )
    ]
    return _sharing(
        outcomes, {"miles": "integer"}, {"miles": [(i, _AIRMILES[i][1]) for i in _AIRMILES_ROWS]}
    )


def _snowflake_outcomes() -> list[dict[str, Any]]:
    """rb5's acceptable outcomes: `id` and `id_str` each the exact 64-bit integer or its
    text; the other columns as the API sent them."""
    mixes = _spelled(
        {
            column: (
                "integer",
                [(i, _WONG[i]["id"]) for i in _WONG_ROWS],
                [(i, _WONG[i]["id_str"]) for i in _WONG_ROWS],
            )
            for column in ("id", "id_str")
        }
    )
    return _sharing(
        mixes,
        {"patient": "integer", "sex": "varchar", "age": "double"},
        {
            "patient": [(i, _WONG[i]["patient"]) for i in _WONG_ROWS],
            "age": [(i, _WONG[i]["age"]) for i in _WONG_ROWS],
        },
    )


def _decimal_outcomes() -> list[dict[str, Any]]:
    """rb12's acceptable outcomes: `tfr` and `infant_mortality` decimals (one scale for both
    files, the values equal) or doubles; NULL where missing."""
    rows = _un98_rows()
    outcomes = []
    for kind, as_kind in (("decimal", lambda exact: exact), ("double", float)):

        def value(row: int, column: str, as_kind=as_kind) -> Any:
            # as its file stores it: the first file's values were rounded to its scale
            # (fixed apart after the first score: it expected all at three places)
            scales = build17.UN98_SCALES if column == "tfr" else build17.MORTALITY_SCALES
            scale = scales[0 if row < build17.UN98_SPLIT else 1][1]
            number = _UN98[column].iloc[row]
            return None if math.isnan(number) else as_kind(build17.fixed(number, scale))

        outcomes.append(
            {
                "types": {"tfr": kind, "infant_mortality": kind},
                "values": {
                    column: [(i, value(i, column)) for i in rows]
                    for column in ("tfr", "infant_mortality")
                },
            }
        )
    return _sharing(
        outcomes,
        {"country": "varchar", "region": "varchar"},
        {"country": [(i, _UN98.country.iloc[i]) for i in rows]},
    )


_SENT = _sent_outcomes()
_SNOWFLAKES = _snowflake_outcomes()
_DECIMALS = _decimal_outcomes()

CASES = [
    Case(
        "rb1_guerry_sap_list_borders",
        17,
        "rb1_guerry.txt",
        "SAP's unconverted list export: dashes lines above and below the header and at the "
        "end, every line framed by `|`, fields padded: 86 rows of six columns, values "
        "trimmed, the counts integers, Corse's region NULL; or a refusal naming the layout; "
        "never an empty first or last column, the dashes lines as rows or rejects",
        fmt="csv",
        rows=86,
        rejects=set(),
        columns=build17.GUERRY_COLUMNS,
        types={
            "dept": "integer",
            "region": "varchar",
            "department": "varchar",
            "crime_pers": "integer",
            "literacy": "integer",
        },
        values={
            column: [(i, _nan_free(_GUERRY[column].iloc[i])) for i in _GUERRY_ROWS]
            for column in ("dept", "region", "department", "crime_pers", "literacy")
        },
        refuse_ok=True,
    ),
    Case(
        "rb2_drinkswages_tsv_bare_quotes",
        17,
        "rb2_drinkswages.tsv",
        "`mysql -B` output, tab-separated, nothing quoted: three `trade` values begin with a "
        '`"` (`"stablemen" (as reported)`): 70 rows, those values as written, quotes '
        "included; or a refusal naming the line; never records joined, fields shifted or "
        "rejects",
        rows=70,
        rejects=set(),
        columns=["class", "trade", "sober", "drinks", "wage", "n"],
        types={"trade": "varchar", "sober": "integer", "wage": "double", "n": "integer"},
        values={
            "trade": [(i, _DRINKS.trade.iloc[i]) for i in _DRINKS_ROWS],
            "wage": [(i, float(_DRINKS.wage.iloc[i])) for i in _DRINKS_ROWS],
            "n": [(i, int(_DRINKS.n.iloc[i])) for i in _DRINKS_ROWS],
        },
        refuse_ok=True,
    ),
    Case(
        "rb3_jevons_double_pipe_delimiter",
        17,
        "rb3_jevons.csv",
        "a feed delimited by two characters, `||`: 50 rows of four integer columns; or a "
        "refusal naming the delimiter; never one text column or an empty column between "
        "every two",
        rows=50,
        rejects=set(),
        columns=["actual", "estimated", "frequency", "error"],
        types=dict.fromkeys(["actual", "estimated", "frequency", "error"], "integer"),
        values={
            column: [(0, int(_JEVONS[column].iloc[0])), (49, int(_JEVONS[column].iloc[49]))]
            for column in ("actual", "estimated", "frequency", "error")
        },
        refuse_ok=True,
    ),
    Case(
        "rb4_airmiles_rfc2822_dates",
        17,
        "rb4_airmiles.csv",
        "instants as an e-mail's `Date:` header writes them (`Mon, 01 Mar 1937 09:00:00 "
        "-0500`): 24 rows, each instant in UTC (naive or zoned), or the text kept; or a "
        "refusal naming the column; never the offset dropped (09:00 as UTC) or NULLs",
        rows=24,
        rejects=set(),
        columns=["sent", "miles"],
        **_SENT[0],
        alternatives=_SENT[1:],
        refuse_ok=True,
    ),
    Case(
        "rb5_wong_ndjson_snowflake_ids",
        17,
        "rb5_wong.ndjson",
        "an API's NDJSON keyed by 64-bit snowflake ids past 2^53, their `id_str` twin "
        "beside them: 331 rows, each id exact (an integer or its text); never a double "
        "(ids rounded, two rows sharing one)",
        rows=331,
        rejects=set(),
        columns=["id", "id_str", "patient", "days", "duration", "sex", "age", "piq", "viq"],
        **_SNOWFLAKES[0],
        alternatives=_SNOWFLAKES[1:],
    ),
    Case(
        "rb6_soils_ssms_for_json_split",
        17,
        "rb6_soils.json",
        "SQL Server's `FOR JSON PATH` result saved from SSMS: one JSON array cut into CRLF "
        "lines of 2033 characters, inside values too: 48 rows, each record whole (the records "
        "a cut falls in included); or a refusal naming the line; never records lost or rejects",
        rows=48,
        rejects=set(),
        columns=build17.SOIL_COLUMNS,
        types={
            "group": "integer",
            "contour": "varchar",
            "depth": "varchar",
            "block": "integer",
            "ph": "double",
            "p": "integer",
            "ca": "double",
        },
        values={
            column: [(i, _SOILS[i][column]) for i in _cut_rows()]
            for column in ("group", "contour", "depth", "block", "ph", "p", "ca", "conduc")
        },
        refuse_ok=True,
    ),
    Case(
        "rb7_iris_json_trailing_comma",
        17,
        "rb7_iris.json",
        "a template-made JSON array, pretty-printed, a comma after the last object before "
        "`]`: 150 rows; or a refusal naming the line; never the last record lost, an empty "
        "table, or a NULL row",
        rows=150,
        rejects=set(),
        columns=build17.IRIS_COLUMNS,
        types={**dict.fromkeys(build17.IRIS_COLUMNS[:4], "double"), "species": "varchar"},
        values={
            column: [(0, _IRIS[0][column]), (149, _IRIS[149][column])]
            for column in ("sepal_length", "petal_width", "species")
        },
        refuse_ok=True,
    ),
    Case(
        "rb8_florida_parquet_map_votes",
        17,
        "rb8_florida.parquet",
        "a Spark job's Parquet whose votes per candidate are one `map<string, int64>` column: "
        "67 rows, county and total as written (the map kept, as a child table or text, or "
        "left out with a note); or a refusal naming the column; never a crash",
        rows=67,
        types={"county": "varchar", "total": "integer"},
        values={
            "county": [(0, "ALACHUA"), (66, _FLORIDA.county.iloc[66])],
            "total": [(0, 86242), (66, int(_FLORIDA.total.iloc[66]))],
        },
        refuse_ok=True,
    ),
    Case(
        "rb9_cement_xlsx_empty_first_sheet",
        17,
        "rb9_cement.xlsx",
        "a workbook whose first sheet is Excel's untouched empty `Sheet1`, the data on "
        "`cement`: 13 rows of x1-x4 and y from it; or a refusal naming the sheets; never "
        "an empty table",
        rows=13,
        rejects=set(),
        columns=["x1", "x2", "x3", "x4", "y"],
        types={"x1": ("integer", "double"), "x4": ("integer", "double"), "y": "double"},
        values={
            "x1": [(0, 7), (12, int(_CEMENT.x1.iloc[12]))],
            "x4": [(0, 60), (12, int(_CEMENT.x4.iloc[12]))],
            "y": [(0, 78.5), (12, float(_CEMENT.y.iloc[12]))],
        },
        refuse_ok=True,
    ),
    Case(
        "rb10_langren_csv_jsonb_column",
        17,
        "rb10_langren.csv",
        "Postgres `\\copy ... CSV HEADER` of a `jsonb` column: each object quoted, inner "
        "quotes doubled: 12 rows, `place` the JSON text exactly as written; never the "
        "object split at its commas, rejects, or quotes left doubled",
        rows=12,
        rejects=set(),
        columns=["name", "longitude", "year", "place"],
        types={"name": "varchar", "longitude": "double", "year": "integer", "place": "varchar"},
        values={
            "name": [(0, "G. Jansonius"), (11, _LANGREN[11][0])],
            "year": [(0, 1605), (11, _LANGREN[11][2])],
            "place": [(0, _LANGREN[0][3]), (11, _LANGREN[11][3])],
        },
    ),
    Case(
        "rb11_amssurvey_feather",
        17,
        "rb11_amssurvey.feather",
        "pandas' `to_feather`: an Arrow IPC file (Feather V2, LZ4): 24 rows of its five "
        "columns; or a refusal naming the format and what to do; never a crash",
        rows=24,
        columns=["type", "sex", "citizen", "count", "count11"],
        types={"type": "varchar", "count": "integer", "count11": "integer"},
        values={
            "type": [(0, "I(Pu)"), (23, _AMS.type.iloc[23])],
            "count": [(0, 132), (23, int(_AMS["count"].iloc[23]))],
            "count11": [(0, 148), (23, int(_AMS.count11.iloc[23]))],
        },
        refuse_ok=True,
    ),
    Case(
        "rb12_un98_parquet_decimal_scales",
        17,
        "rb12_un98/*.parquet",
        "two Parquet files of one table, `tfr` `decimal(3,1)` then `decimal(6,3)` "
        "(`infant_mortality` `decimal(4,1)` then `decimal(7,3)`): 207 rows, each value "
        "equal (decimals of one scale, or doubles), NULL where missing; or a refusal naming "
        "the column; never values scaled by 1000 or the second file's rows NULL",
        rows=207,
        columns=["country", "region", "tfr", "infant_mortality"],
        **_DECIMALS[0],
        alternatives=_DECIMALS[1:],
        refuse_ok=True,
    ),
]
