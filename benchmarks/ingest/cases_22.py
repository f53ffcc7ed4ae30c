"""The ingestion benchmark's cases of stage 22 (`build22.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build22
from build21 import _records
from case import Case, _spelled
from cases_16 import _day_outcomes, _sharing
from cases_18 import _at

_POSSUM = build22.possum()
_DEATHS = build22.pr_deaths()
_SKULLS = build22.skulls()
_HEIGHTS = build22.heights()
_MMMEC = build22.mmmec()
_GOOGLE = build22.google_stock()
_ROOTSTOCK = build22.rootstock()
_NOX = build22.nox()
_NOX_RECORDS = _records(_NOX.assign(date=_NOX.date.astype(str)))  # the values as written
_HORSES = build22.horses()
_ARABIDOPSIS = build22.arabidopsis()
_XOM = build22.xom()
_CITIES = build22.cities()

_POSSUM_ROWS = (0, 43, 45, len(_POSSUM) - 1)  # 43 and 45: the ages written `NA`
_POSSUM_COLUMNS = {
    "case": "case",
    "site": "site",
    "pop": "Pop",
    "sex": "sex",
    "age": "age",
    "belly": "belly",
}
_DEATH_ROWS = (0, 11, 12, len(_DEATHS) - 1)  # 11, 12: the 12th and 13th of January
_SKULL_ROWS = (0, len(_SKULLS) - 1)
_HEIGHT_ROWS = (0, 37, 53, len(_HEIGHTS) - 1)  # 37 and 53: heights with a fraction
_MMMEC_ROWS = sorted({0, 1, *build22.MMMEC_FLAGS, len(_MMMEC) - 1})
_GOOGLE_ROWS = (0, 1, len(_GOOGLE) - 1)
_ROOTSTOCK_ROWS = (0, 7, 8, 16, len(_ROOTSTOCK) - 1)  # 8, 16: first trees after a spacer row
_NOX_ROWS = (0, 1, len(_NOX) - 1)
_HORSE_ROWS = (0, 1, len(_HORSES) - 1)
_ARABIDOPSIS_ROWS = (0, int(_ARABIDOPSIS.total_fruits.to_numpy().argmax()), len(_ARABIDOPSIS) - 1)
_XOM_ROWS = (0, 1, len(_XOM) - 1)
_XOM_COLUMNS = ["z_pk", "z_ent", "z_opt", "zvolume", "zdate", "zopen", "zclose"]
_CITY_ROWS = tuple(range(len(_CITIES)))


def _arabic_outcomes() -> list[dict[str, Any]]:
    """rg3's acceptable outcomes: each measurement an integer, or kept as the text written
    (`١٣١`); `epoch` the text."""
    pairs = {
        column: (
            "integer",
            _at(_SKULLS, column, _SKULL_ROWS),
            [
                (i, str(v).translate(build22.ARABIC_DIGITS))
                for i, v in _at(_SKULLS, column, _SKULL_ROWS)
            ],
        )
        for column in build22.SKULL_NUMBERS
    }
    return _sharing(
        _spelled(pairs), {"epoch": "varchar"}, {"epoch": _at(_SKULLS, "epoch", _SKULL_ROWS)}
    )


def _flag_outcomes() -> list[dict[str, Any]]:
    """rg5's acceptable outcomes: `deaths` the integers with the flags left out, a note
    naming the column (the flags said something: provisional, estimated), or `deaths` kept
    as text as written (`51 p`); the other columns as the file holds them."""
    deaths = _at(_MMMEC, "deaths", _MMMEC_ROWS)
    written = [
        (i, f"{v} {build22.MMMEC_FLAGS[i]}" if i in build22.MMMEC_FLAGS else str(v))
        for i, v in deaths
    ]
    shared = {c: _at(_MMMEC, c, _MMMEC_ROWS) for c in ("nation", "county", "expected")}
    kinds = {"nation": "varchar", "county": "integer", "expected": "double"}
    return [
        {
            "types": {**kinds, "deaths": "integer"},
            "values": {**shared, "deaths": deaths},
            "notes": ["deaths"],
        },
        {
            "types": {**kinds, "deaths": "varchar"},
            "values": {**shared, "deaths": written},
            "notes": [],
        },
    ]


def _core_data_outcomes() -> list[dict[str, Any]]:
    """rg11's acceptable outcomes for `zdate`: each month's day at midnight UTC (a naive
    timestamp holding UTC, or a zoned one), or the seconds since 2001 as stored (an
    integer or a double); never those seconds read from 1970."""
    days = [(i, _XOM.date.iloc[i]) for i in _XOM_ROWS]
    moments = [(i, datetime.datetime.combine(d, datetime.time())) for i, d in days]
    outcomes = [
        ("timestamp", moments),
        ("timestamp", [(i, m.replace(tzinfo=datetime.timezone.utc)) for i, m in moments]),
        (("integer", "double"), [(i, build22.cocoa_seconds(d)) for i, d in days]),
    ]
    return _sharing(
        [{"types": {"zdate": kind}, "values": {"zdate": values}} for kind, values in outcomes],
        {"z_pk": "integer", "zvolume": "integer", "zclose": "double"},
        {
            "z_pk": _at(_XOM, "id", _XOM_ROWS),
            "zvolume": _at(_XOM, "volume", _XOM_ROWS),
            "zclose": _at(_XOM, "close", _XOM_ROWS),
        },
    )


def _dms_outcomes() -> list[dict[str, Any]]:
    """rg12's acceptable outcomes: both coordinates kept as the text written
    (`34°55′48″S`), or each signed decimal degrees (south and west negative) to the
    second written."""

    def degrees(value: float) -> float:
        return round(value * 3600) / 3600

    text = {
        "latitude": [(i, build22.dms(_CITIES.latitude.iloc[i], "N", "S")) for i in _CITY_ROWS],
        "longitude": [(i, build22.dms(_CITIES.longitude.iloc[i], "E", "W")) for i in _CITY_ROWS],
    }
    pairs = {
        c: ("double", [(i, degrees(_CITIES[c].iloc[i])) for i in _CITY_ROWS], text[c])
        for c in ("latitude", "longitude")
    }
    return _sharing(
        _spelled(pairs), {"city": "varchar"}, {"city": _at(_CITIES, "city", _CITY_ROWS)}
    )


_THAI = _sharing(
    _day_outcomes("date", [(d,) for d in _DEATHS.date], _DEATH_ROWS, build22.thai, "varchar"),
    {"deaths": "integer"},
    {"deaths": _at(_DEATHS, "deaths", _DEATH_ROWS)},
)
_ARABIC = _arabic_outcomes()
_HEIGHT_TEXT = [(i, build22.inches(_HEIGHTS.height.iloc[i])) for i in _HEIGHT_ROWS]
_FLAGS = _flag_outcomes()
_ISO_CELLS = _sharing(
    _day_outcomes(
        "date", [(d,) for d in _GOOGLE.date], _GOOGLE_ROWS, datetime.date.isoformat, "varchar"
    ),
    {"google_return": "double", "sp500_return": "double"},
    {c: _at(_GOOGLE, c, _GOOGLE_ROWS) for c in ("google_return", "sp500_return")},
)
_NOX_DAYS = _sharing(
    _day_outcomes("date", [(d,) for d in _NOX.date], _NOX_ROWS, datetime.date.isoformat, "varchar"),
    {"ad": "double", "zg": "double"},
    {c: [(i, _NOX_RECORDS[i][c]) for i in _NOX_ROWS] for c in ("ad", "zg")},
)
_CORE_DATA = _core_data_outcomes()
_DMS = _dms_outcomes()

CASES = [
    Case(
        "rg1_possum_r_write_table",
        22,
        "rg1_possum.txt",
        "R's `write.table` with its defaults: space-separated, text quoted, `NA`, the row "
        "names a first field the header does not name (14 names, 15 fields a record): 104 "
        "rows, the row names a column of some name, every other column under its own name "
        "(`case` 1, `pop` `Vic`); or a refusal naming the header's missing field; never the "
        "values shifted one column or the records rejected",
        rows=104,
        rejects=set(),
        types={"case": "integer", "pop": "varchar", "age": "integer", "belly": "double"},
        values={new: _at(_POSSUM, old, _POSSUM_ROWS) for new, old in _POSSUM_COLUMNS.items()},
        refuse_ok=True,
    ),
    Case(
        "rg2_prdeaths_thai_buddhist_dates",
        22,
        "rg2_prdeaths.csv",
        "a CSV from a Thai-locale spreadsheet: dates day first in the Buddhist era "
        "(`1/1/2558` is 2015-01-01): 1201 rows, `date` each Gregorian day (a date) or the "
        "text as written; never the year 2558, month and day swapped, NULLs or rejects",
        rows=1201,
        rejects=set(),
        columns=["date", "deaths"],
        **_THAI[0],
        alternatives=_THAI[1:],
    ),
    Case(
        "rg3_skulls_arabic_indic_digits",
        22,
        "rg3_skulls.csv",
        "an Egyptian data portal's CSV, the measurements in Eastern Arabic digits (`١٣١` is "
        "131): 150 rows, `mb`, `bh`, `bl`, `nh` each the integers or the text as written; "
        "never NULLs, rejects or other numbers",
        rows=150,
        rejects=set(),
        columns=["epoch", *build22.SKULL_NUMBERS],
        **_ARABIC[0],
        alternatives=_ARABIC[1:],
    ),
    Case(
        "rg4_heights_inch_fractions",
        22,
        "rg4_heights.tsv",
        "a US survey form's TSV: heights in inches with fractions (`68 1/2`), whole inches "
        "bare: 852 rows, `height` the double (68.5) or every value the text as written; "
        "never the fractions NULL or rejected, or 68 for `68 1/2`",
        rows=852,
        rejects=set(),
        columns=["sex", "height"],
        types={"sex": "varchar", "height": "double"},
        values={
            "sex": _at(_HEIGHTS, "sex", _HEIGHT_ROWS),
            "height": _at(_HEIGHTS, "height", _HEIGHT_ROWS),
        },
        alternatives=[{"types": {"height": "varchar"}, "values": {"height": _HEIGHT_TEXT}}],
    ),
    Case(
        "rg5_mmmec_eurostat_flags",
        22,
        "rg5_mmmec.tsv",
        "a TSV in Eurostat's convention, flags after values (`51 p` provisional, `80 e` "
        "estimated) in six rows of the integer column `deaths`: 354 rows, `deaths` the "
        "integers with a note naming the column, or kept as text as written; never the "
        "flagged values NULL or rejected",
        rows=354,
        rejects=set(),
        columns=list(_MMMEC.columns),
        **_FLAGS[0],
        alternatives=_FLAGS[1:],
    ),
    Case(
        "rg6_google_xlsx_iso_date_cells",
        22,
        "rg6_google.xlsx",
        'an xlsx whose dates are ISO 8601 date cells (`t="d"`, `<v>2015-05-04</v>`, as '
        "openpyxl writes them with `iso_dates`), not serials: 84 rows, `date` each day (a "
        "date) or the text written; never NULLs, a crash or the rows lost",
        rows=84,
        columns=["date", "google_return", "sp500_return"],
        **_ISO_CELLS[0],
        alternatives=_ISO_CELLS[1:],
    ),
    Case(
        "rg7_rootstock_xlsx_group_spacer_rows",
        22,
        "rg7_rootstock.xlsx",
        "a report sheet with an empty row after each rootstock's eight trees (five empty "
        "rows among 48 data rows): the 48 rows, the empty ones left out; or a refusal "
        "naming the empty rows; never the table cut at the first empty row (8 rows) or "
        "empty rows kept as NULL records",
        rows=48,
        columns=list(_ROOTSTOCK.columns),
        types={"rootstock": "integer", "girth4": "double", "weight15": "double"},
        values={
            c: _at(_ROOTSTOCK, c, _ROOTSTOCK_ROWS) for c in ("rootstock", "girth4", "weight15")
        },
        refuse_ok=True,
    ),
    Case(
        "rg8_nox_syslog_ndjson",
        22,
        "rg8_nox.ndjson",
        "a daemon's JSON records as rsyslog stored them: every line `Jan  1 00:05:01 "
        "sensor01 noxd[4242]: ` then the object: 366 rows of the objects' fields (the "
        "prefix left out or kept in a column of its own); or a refusal naming the prefix; "
        "never every line rejected or an empty table",
        rows=366,
        rejects=set(),
        **_NOX_DAYS[0],
        alternatives=_NOX_DAYS[1:],
        refuse_ok=True,
    ),
    Case(
        "rg9_horses_graphql_connection",
        22,
        "rg9_horses.json",
        'a GraphQL response (`{"data": {"horses": {"edges": [{"cursor": ..., "node": '
        '{...}}], "pageInfo": ...}}}`): 50 rows of the nodes\' fields; or a refusal naming '
        "the nesting; never one row holding the whole response or a crash",
        rows=50,
        columns=list(_HORSES.columns),
        types={
            "horse_id": "integer",
            "price": "integer",
            "age": ("double", "integer"),
            "height": "double",
            "sex": "varchar",
        },
        values={c: _at(_HORSES, c, _HORSE_ROWS) for c in ("horse_id", "price", "height", "sex")},
        refuse_ok=True,
    ),
    Case(
        "rg10_arabidopsis_parquet_float16",
        22,
        "rg10_arabidopsis.parquet",
        "a Parquet file whose `total_fruits` is stored as half floats (Arrow `halffloat`, "
        "Parquet FLOAT16): 625 rows, `total_fruits` the doubles the halves hold (whole "
        "numbers up to 238); or a refusal naming the column and its type; never a crash, "
        "NULLs or the 2-byte values as blobs",
        fmt="parquet",
        rows=625,
        columns=list(_ARABIDOPSIS.columns),
        types={"reg": "varchar", "gen": "integer", "total_fruits": "double"},
        values={c: _at(_ARABIDOPSIS, c, _ARABIDOPSIS_ROWS) for c in ("reg", "total_fruits")},
        refuse_ok=True,
    ),
    Case(
        "rg11_xom_sqlite_core_data_dates",
        22,
        "rg11_xom.sqlite",
        "an iOS app's Core Data store: `ZQUOTE` with `Z_PK`, `Z_ENT`, `Z_OPT` and `ZDATE` a "
        "`TIMESTAMP` column of seconds since 2001-01-01 (`413078400` is 2014-02-03): 98 "
        "rows, `zdate` each month's day at midnight UTC, or the seconds as stored; never "
        "the seconds read from 1970 (1983-02-03)",
        fmt="sqlite",
        options={"source_table": "ZQUOTE"},
        rows=98,
        columns=_XOM_COLUMNS,
        **_CORE_DATA[0],
        alternatives=_CORE_DATA[1:],
    ),
    Case(
        "rg12_cities_dms_coordinates",
        22,
        "rg12_cities.csv",
        "a CSV copied from an encyclopaedia: coordinates in degrees, minutes and seconds "
        "with typographic marks (`34°55′48″S`, U+00B0, U+2032, U+2033): 10 rows, each "
        "coordinate the text as written or signed decimal degrees (-34.93); never NULLs, "
        "rejects or the hemisphere's sign lost",
        rows=10,
        rejects=set(),
        columns=["city", "latitude", "longitude"],
        **_DMS[0],
        alternatives=_DMS[1:],
    ),
]
