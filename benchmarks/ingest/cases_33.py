"""The ingestion benchmark's cases of stage 33 (`build33.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import build33
from case import Case, _spelled
from cases_18 import _at

_MANAUS = build33.manaus()
_METALS = build33.metals()
_STARS = build33.stars()
_INTERSALT = build33.intersalt()
_BRAMBLES = build33.brambles()
_MURRAY = build33.murray_darling()
_SALINITY = build33.salinity()
_ICE = build33.ice_core()
_LEAF = build33.leaftemp()
_GOLD = build33.gold_silver()
_PLATES = build33.decontaminants()

_MANAUS_ROWS = (0, 1, len(_MANAUS) - 1)
_METAL_ROWS = (0, 1, len(_METALS) - 1)
_STAR_ROWS = (0, 2, 9, len(_STARS) - 1)
_SALT_ROWS = (0, 3, 4, len(_INTERSALT) - 1)  # 3: `42m`; 4: `na` `200m`
_BRAMBLE_ROWS = (0, 1, len(_BRAMBLES) - 1)
_MURRAY_ROWS = (0, 1, len(_MURRAY) - 1)
_SALINITY_ROWS = (0, 1, len(_SALINITY) - 1)
_ICE_ROWS = (0, 57, 58, 59, 60, 419, len(_ICE) - 1)  # 58, 59, 419: days only a 360-day
# calendar has (1979-02-29, 1979-02-30, 1980-02-30)
_LEAF_ROWS = (0, 1, len(_LEAF) - 1)
_GOLD_ROWS = (0, 1, len(_GOLD) - 1)
_PLATE_ROWS = sorted({*build33.TNTC, 3, len(_PLATES) - 1})


def _lvm_outcomes() -> list[dict[str, Any]]:
    """rr1's acceptable outcomes: `x_value` and `height`, with or without the `Comment`
    column LabVIEW names and never fills (NULL in every row)."""
    columns = ["x_value", "height"]
    return [{"columns": columns}, {"columns": [*columns, "comment"]}]


def _metal_values() -> dict[str, Any]:
    """rr2's groups: the index's two levels, then each (`BIF`, statistic) as `bif_<stat>`."""
    flat = _METALS.set_axis([f"bif_{stat}" for _, stat in _METALS.columns], axis=1)
    flat = flat.reset_index()
    return {c: _at(flat, c, _METAL_ROWS) for c in flat.columns}


def _uncertainty_outcomes() -> list[dict[str, Any]]:
    """rr3's acceptable outcomes: `magnitude` kept as the concise text written (`4.8(1)`),
    or the value before the parenthesis as a double with a note naming `magnitude` (the
    uncertainty left out must be told)."""
    shared = {c: _at(_STARS, c, _STAR_ROWS) for c in ("star", "temp", "type")}
    return [
        {"types": {"magnitude": "varchar", "temp": "integer"},
         "values": {**shared, "magnitude": _at(_STARS, "written", _STAR_ROWS)}},
        {"types": {"magnitude": "double", "temp": "integer"},
         "values": {**shared, "magnitude": _at(_STARS, "magnitude", _STAR_ROWS)},
         "notes": ["magnitude"]},
    ]


def _prefix_outcomes() -> list[dict[str, Any]]:
    """rr4's acceptable outcomes: `b` and `na` each the doubles the prefixes mean (`42m`
    is 0.042), or kept as the text written; `bp` a double either way."""
    def pair(column: str) -> tuple[str, Any, Any]:
        values = _at(_INTERSALT, column, _SALT_ROWS)
        return "double", values, [(i, build33.engineering(v)) for i, v in values]

    outcomes = _spelled({"b": pair("b"), "na": pair("na")})
    for outcome in outcomes:
        outcome["types"]["bp"] = "double"
        outcome["values"]["bp"] = _at(_INTERSALT, "bp", _SALT_ROWS)
        outcome["values"]["country"] = _at(_INTERSALT, "country", _SALT_ROWS)
    return outcomes


def _influx_outcomes() -> list[dict[str, Any]]:
    """rr6's acceptable outcomes: Influx's columns named as written (`_time`, `_value`) or
    without their leading underscore; `_time` the instants (UTC), `_value` doubles."""
    times = [(i, _MURRAY.moment.iloc[i].to_pydatetime()) for i in _MURRAY_ROWS]
    outcomes = []
    for mark in ("_", ""):
        outcomes.append({
            "types": {f"{mark}time": "timestamp", f"{mark}value": "double",
                      f"{mark}field": "varchar", "table": "integer", "basin": "varchar"},
            "values": {f"{mark}time": times, f"{mark}value": _at(_MURRAY, "value", _MURRAY_ROWS),
                       f"{mark}field": [(i, "temperature") for i in _MURRAY_ROWS],
                       "basin": [(i, "murray_darling") for i in _MURRAY_ROWS]}})
    return outcomes


def _telemetry_outcomes() -> list[dict[str, Any]]:
    """rr7's acceptable outcomes: a row per instant, `ts` the epoch milliseconds or the
    instant (UTC), each key's values the doubles or the text ThingsBoard sent."""
    millis = _at(_SALINITY, "ts", _SALINITY_ROWS)
    instants = [(i, datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
                 .replace(tzinfo=None)) for i, ms in millis]
    outcomes = []
    for as_time, as_text in itertools.product((False, True), (False, True)):
        values = {key: [(i, str(v) if as_text else v)
                        for i, v in _at(_SALINITY, key, _SALINITY_ROWS)]
                  for key in build33.SALINITY_KEYS}
        types = {key: "varchar" if as_text else ("double", "integer")
                 for key in build33.SALINITY_KEYS}
        outcomes.append({"types": {**types, "ts": "timestamp" if as_time else "integer"},
                         "values": {**values, "ts": instants if as_time else millis}})
    return outcomes


def _matlab_outcomes() -> list[dict[str, Any]]:
    """rr10's acceptable outcomes: `time` the days as timestamps at midnight or as dates,
    or kept as MATLAB's text; the prices doubles."""
    days = [(i, datetime.date.fromisoformat(d)) for i, d in _at(_GOLD, "day", _GOLD_ROWS)]
    shared = {c: _at(_GOLD, c, _GOLD_ROWS) for c in ("gold", "silver")}
    types = {"gold": "double", "silver": "double"}
    return [
        {"types": {**types, "time": "timestamp"}, "values": {**shared, "time": [
            (i, datetime.datetime.combine(d, datetime.time())) for i, d in days]}},
        {"types": {**types, "time": "date"}, "values": {**shared, "time": days}},
        {"types": {**types, "time": "varchar"}, "values": {**shared, "time": [
            (i, build33.matlab(d.isoformat())) for i, d in days]}},
    ]


def _tntc_outcomes() -> list[dict[str, Any]]:
    """rr11's acceptable outcomes: `count` kept as the text written (`TNTC` and the counts),
    or integers with NULL for `TNTC` and a note naming `count` (a plate too crowded to
    count is not a missing plate: a silent NULL would hide it)."""
    counts = _at(_PLATES, "count", _PLATE_ROWS)
    shared = {"sample_id": [(i, f"DC-{_PLATES['sample'].iloc[i]:04d}") for i in _PLATE_ROWS],
              "concentration": _at(_PLATES, "conc", _PLATE_ROWS),
              "units": [(i, "CFU/plate") for i in _PLATE_ROWS]}
    types = {"sample_id": "varchar", "concentration": "double"}
    return [
        {"types": {**types, "count": "varchar"}, "values": {**shared, "count": [
            (i, "TNTC" if i in build33.TNTC else str(v)) for i, v in counts]}},
        {"types": {**types, "count": "integer"}, "values": {**shared, "count": [
            (i, None if i in build33.TNTC else v) for i, v in counts]}, "notes": ["count"]},
    ]


_LVM = _lvm_outcomes()
_UNCERTAINTY = _uncertainty_outcomes()
_PREFIXES = _prefix_outcomes()
_INFLUX = _influx_outcomes()
_TELEMETRY = _telemetry_outcomes()
_MATLAB = _matlab_outcomes()
_TNTC = _tntc_outcomes()

CASES = [
    Case(
        "rr1_manaus_labview_lvm",
        33,
        "rr1_manaus.lvm",
        "a LabVIEW Measurement File (`format: csv`): a file header block and a channel header "
        "block each closed by `***End_of_Header***`, then `X_Value`, `Height`, `Comment` "
        "(tab-separated) over samples of two fields: 1080 rows, `x_value` and `height` "
        "doubles (`comment` NULL or left out); or a refusal naming the header blocks; never "
        "the header blocks read as rows or taken for the names",
        fmt="csv",
        rows=len(_MANAUS),
        rejects=set(),
        types={"x_value": "double", "height": "double"},
        values={"x_value": _at(_MANAUS, "time", _MANAUS_ROWS),
                "height": _at(_MANAUS, "value", _MANAUS_ROWS)},
        **_LVM[0],
        alternatives=_LVM[1:],
        refuse_ok=True,
    ),
    Case(
        "rr2_metals_pandas_multiindex_csv",
        33,
        "rr2_metals.csv",
        "pandas' `to_csv` of a `groupby(...).agg([...])` frame: three header lines "
        "(`,,BIF,BIF,BIF`, `,,mean,std,count`, `metal,conc,,,`) over the groups: 142 rows "
        "named `metal`, `conc`, `bif_mean`, `bif_std`, `bif_count` (the two levels joined); "
        "or a refusal naming the header lines; never `mean,std,count` or `metal,conc` read "
        "as rows, or every column text",
        rows=len(_METALS),
        rejects=set(),
        columns=["metal", "conc", "bif_mean", "bif_std", "bif_count"],
        types={"metal": "varchar", "conc": "double", "bif_mean": "double",
               "bif_count": "integer"},
        values=_metal_values(),
        refuse_ok=True,
    ),
    Case(
        "rr3_stars_concise_uncertainty",
        33,
        "rr3_stars.csv",
        "a physics lab's catalogue: `magnitude` in concise notation, the uncertainty of the "
        "last digit in parentheses (`4.8(1)`, `-3.1(3)`): 96 rows, `magnitude` the text as "
        "written, or the value before the parenthesis as a double with a note naming "
        "`magnitude`; never NULL, the digits joined (`4.81`), or rows rejected",
        rows=len(_STARS),
        rejects=set(),
        columns=["star", "magnitude", "temp", "type"],
        **_UNCERTAINTY[0],
        alternatives=_UNCERTAINTY[1:],
    ),
    Case(
        "rr4_intersalt_si_prefixes",
        33,
        "rr4_intersalt.csv",
        "a bench instrument's CSV in engineering notation: `b` and one `na` with the SI "
        "prefix `m` for milli (`42m` is 0.042, `200m` is 0.2), values of 1 and over plain: "
        "52 rows, `b` and `na` the doubles meant or kept as text; never `m` read as million, "
        "the prefix dropped (42.0), or NULLs",
        rows=len(_INTERSALT),
        rejects=set(),
        columns=["country", "b", "bp", "na"],
        **_PREFIXES[0],
        alternatives=_PREFIXES[1:],
    ),
    Case(
        "rr5_brambles_dbase_attributes",
        33,
        "rr5_brambles.dbf",
        "a shapefile's attribute table given alone (`.dbf`, dBase III, numeric fields `N` "
        "with fixed widths): 823 rows of `id`, `x`, `y`, `age` (the dBase names lower-cased), "
        "`x` and `y` doubles; or a refusal naming the format; never the binary read as text "
        "lines",
        rows=len(_BRAMBLES),
        rejects=set(),
        columns=list(_BRAMBLES.columns),
        types={"id": ("integer", "double"), "x": "double", "y": "double",
               "age": ("integer", "double")},
        values={c: _at(_BRAMBLES, c, _BRAMBLE_ROWS) for c in _BRAMBLES.columns},
        refuse_ok=True,
    ),
    Case(
        "rr6_murray_influx_annotated_csv",
        33,
        "rr6_murray.csv",
        "InfluxDB's annotated CSV (a Flux answer, CRLF): `#group`, `#datatype`, `#default` "
        "lines above the header, every line opening with an empty annotation field: 867 "
        "rows, `_time` (or `time`) the instants, `_value` doubles, `table` integers, the "
        "tag `basin`; or a refusal naming the annotations; never an annotation line as the "
        "header or a row",
        rows=len(_MURRAY),
        rejects=set(),
        **_INFLUX[0],
        alternatives=_INFLUX[1:],
        refuse_ok=True,
    ),
    Case(
        "rr7_salinity_thingsboard_timeseries",
        33,
        "rr7_salinity.json",
        "ThingsBoard's telemetry answer: one object keyed by telemetry key (`sal`, `lag`, "
        "`trend`, `dis`), each a list of `{\"ts\", \"value\"}` with the value a string: 28 "
        "rows, one per instant, `ts` (epoch ms or the instant) and each key's values "
        "(doubles or the text sent); or a refusal naming the shape; never one row of four "
        "list columns",
        rows=len(_SALINITY),
        rejects=set(),
        **_TELEMETRY[0],
        alternatives=_TELEMETRY[1:],
        refuse_ok=True,
    ),
    Case(
        "rr8_icecore_netcdf_360_day",
        33,
        "rr8_icecore.csv",
        "xarray's `to_dataframe().to_csv()` of a model's file on a `360_day` calendar: "
        "`time` holds `1979-02-29`, `1979-02-30` and `1980-02-30`, days no Gregorian "
        "calendar has: 720 rows, `time` the text as written; or a refusal naming the days; "
        "never those rows NULL, rejected or moved to March while the rest are timestamps",
        rows=len(_ICE),
        rejects=set(),
        columns=list(_ICE.columns),
        types={"time": "varchar", "lat": "double", "deuterium": "double",
               "temp_anomaly": "double"},
        values={c: _at(_ICE, c, _ICE_ROWS) for c in ("time", "deuterium", "temp_anomaly")},
        refuse_ok=True,
    ),
    Case(
        "rr9_leaftemp_influx_line_protocol",
        33,
        "rr9_leaftemp.txt",
        "Telegraf's file output in InfluxDB line protocol (`leaf,co2level=high "
        "sample=1i,vap_press=2.56,... 1796630400000000000`): 62 rows with the tag "
        "`co2level`, the fields `sample` (an integer, its `i` dropped), `vap_press`, "
        "`temp_diff`, `btemp_diff` as columns; or a refusal naming the format; never the "
        "lines split at their commas into columns named from the first point",
        rows=len(_LEAF),
        rejects=set(),
        types={"co2level": "varchar", "sample": "integer", "vap_press": "double",
               "temp_diff": "double"},
        values={"co2level": _at(_LEAF, "CO2level", _LEAF_ROWS),
                "sample": _at(_LEAF, "sample", _LEAF_ROWS),
                "vap_press": _at(_LEAF, "vapPress", _LEAF_ROWS),
                "temp_diff": _at(_LEAF, "tempDiff", _LEAF_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "rr10_goldsilver_matlab_writetable",
        33,
        "rr10_goldsilver.csv",
        "MATLAB's `writetable` of a timetable: `Time` in MATLAB's default "
        "`dd-MMM-yyyy HH:mm:ss` (`30-Dec-1977 00:00:00`): 600 rows, `time` the days "
        "(timestamps at midnight or dates) or the text as written, the prices doubles; never "
        "NULLs or the day and month swapped",
        rows=len(_GOLD),
        rejects=set(),
        columns=["time", "gold", "silver"],
        **_MATLAB[0],
        alternatives=_MATLAB[1:],
    ),
    Case(
        "rr11_decontaminants_lims_tntc",
        33,
        "rr11_decontaminants.csv",
        "a LIMS result export: `Count` colonies per plate, `TNTC` (too numerous to count) "
        "for five plates: 128 rows, `count` the text as written, or integers with NULL for "
        "`TNTC` and a note naming `count`; or a refusal naming the word; never the five "
        "rows rejected, or NULLs with no note",
        rows=len(_PLATES),
        rejects=set(),
        columns=["sample_id", "group", "concentration", "count", "units"],
        **_TNTC[0],
        alternatives=_TNTC[1:],
        refuse_ok=True,
    ),
    Case(
        "rr12_tempcarbon_notebook_repr",
        33,
        "rr12_tempcarbon.txt",
        "a notebook's `print(df)` saved as text: pandas shows five rows at each end, a `...` "
        "line between and `[268 rows x 5 columns]` under them: 258 of the 268 rows are not "
        "in the file, so no reading gives the table: a refusal naming the elided rows; never "
        "the ten rows (or the `...` line) loaded as if they were the table",
        rows=len(build33.temp_carbon()),
        refuse_ok=True,
    ),
]
