"""The cases of the ingestion benchmark and what a careful engineer accepts for each.

Written before any reader ran (see README.md). `stage` 1 is the dev set the readers were
tuned on; stage 2 is held out: scored, never looked at case by case while tuning.
A case lists only what it checks: `rows` kept, `rejects` (record numbers: 1-based data
records, or the primary key for database rows), `columns` (all names, in order), `types`
(integer, double, decimal, date, timestamp, varchar, boolean; a tuple when two are fine),
`values` ({column: (row index, value)}), `children` ({key: (rows, required columns)}),
`notes` (words the schema notes must mention). A value may be a list of (row, value).
Where more than one outcome is fine, `alternatives` lists the other acceptable expectations
(each overrides some fields), and `refuse_ok` says a clear refusal is fine too.
Stage 4 (`build4.py`, `loads.py`) was held out: written, expectations included, after
stages 1-3 had all been looked at. Stage 5 (`build5.py`, `loads.py`) was held out: written,
expectations included, after stages 1-4 had all been looked at; its failures were read to
fix them after its first score, so it is dev now. Stage 6 (`build6.py`, `loads.py`) is
held out: written, expectations included, after stages 1-5 had all been looked at; its
failures were read to fix them after its first score, so it is dev now. Stage 7 (`build7.py`,
`loads.py`) was held out: written, expectations included, after stages 1-6 had all been
looked at; its details were read after its first score, so it is dev now. Stage 8
(`build8.py`, `loads.py`) was held out: written, expectations included, after stages 1-7 had
all been looked at; its details were read after its first score, so it is dev now. Stage 9
(`build9.py`, `loads.py`) was held out: written, expectations included, after stages 1-8
had all been looked at; its details were read after its first score, so it is dev now.
Stage 10 (`build10.py`, `loads.py`) was held out: written, expectations included, after
stages 1-9 had all been looked at; its details were read after its first score, so it is dev
now. Stage 11 (`build11.py`, `loads.py`) is held out: written, expectations included, after
stages 1-10 had all been looked at, and never run while it was written. Stage 12
(`build12.py`, `loads.py`) is held out: written, expectations included, after stages 1-11 had
all been looked at, and never run while it was written.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

import build6
import build7
import build8
import build9
import build10
import build11
import build12
from build5 import HUGE_IDS, LONG_TEXT

FLIGHT_COLUMNS = ["year", "month", "day", "dep_time", "sched_dep_time", "dep_delay", "arr_time",
                  "sched_arr_time", "arr_delay", "carrier", "flight", "tailnum", "origin", "dest",
                  "air_time", "distance", "hour", "minute", "time_hour"]
PENGUIN_COLUMNS = ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
                   "body_mass_g", "sex", "year"]


@dataclass
class Case:
    name: str
    stage: int
    path: str                      # relative to the built folder; a glob for folders
    why: str                       # the expectation in one line
    fmt: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)
    parent_key: list[str] | None = None
    rows: int | None = None
    rejects: set[str] | None = None
    columns: list[str] | None = None
    types: dict[str, Any] = field(default_factory=dict)
    values: dict[str, tuple[int, Any]] = field(default_factory=dict)
    children: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    refuse_ok: bool = False


def _utc(moment: datetime.datetime) -> datetime.datetime:
    """An aware instant as the naive UTC time a column without a zone would hold."""
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _spelled(pairs: dict[str, tuple[str, tuple[int, Any], tuple[int, Any]]]
             ) -> list[dict[str, Any]]:
    """Every mix of columns read as a value or kept as their text: `pairs` maps a column to
    (the type it is read as, (row, value) read, (row, text) kept)."""
    import itertools

    mixes = []
    for choice in itertools.product((True, False), repeat=len(pairs)):
        types, values = {}, {}
        for read, (name, (kind, value, text)) in zip(choice, pairs.items()):
            types[name] = kind if read else "varchar"
            values[name] = value if read else text
        mixes.append({"types": types, "values": values})
    return mixes


_SEATTLE = build6.seattle()
_SEATTLE_ROWS = (0, 1731, 1732, build6.SEATTLE_HOURS - 1)
_PRESIDENTS = build6.presidential()
_AIDS2_DEATH = build6.death_instant(build6.aids2()["death"][0])
_SP500 = build7.sp500()
_SP500_ROWS = (0, 1, 25, build7.SP500_DAYS - 1)   # text cells at 0 and 25, date cells else
_WEEKS = build7.bjsales()
_WEEK_ROWS = (0, 51, 52, len(_WEEKS) - 1)         # 52: 2001-12-31, ISO week 2002-W01

_MCYCLE = build8.mcycle()
_LDEATHS = build8.ldeaths()
_NOTTEM = build8.nottem()
_PIZZAS = build8.pizzas()
_ANIMALS = build8.animals()

_BEAVERS = build9.beavers()
_BEAVER_ROWS = sorted({0, 15, next(i for i, r in enumerate(_BEAVERS) if r[1].hour == 13),
                       next(i for i, r in enumerate(_BEAVERS) if r[1].hour == 0),
                       len(_BEAVERS) - 1})   # the first reading, noon, 1 PM, midnight, last
_WTLOSS = build9.wtloss()
_ACCDEATHS = build9.accdeaths()
_DRIVERS = build9.drivers()

_COWLES = build10.cowles()
_COWLES_ROWS = sorted({0, next(i for i, r in enumerate(_COWLES) if r[4]), build10.RAILS_SWITCH,
                       len(_COWLES) - 1})   # a 'f', the first 't', the first 1, the last
_SALARIES = build10.salaries()
_DJIA = build10.djia()
_DJIA_ROWS = (0, 251, 252, len(_DJIA) - 1)  # the first and last close of each file
_MOVIES = build10.movies()
_SQLCMD_FOOTER = {"210", "211", "212"}      # `(209 rows affected)`: numbered with or
                                            # without the dashes and the blank line


def _sqlcmd_outcomes() -> list[dict[str, Any]]:
    """z5's other acceptable outcomes: the dashes line and the footer each left out or a
    reject (the footer numbered with or without the blank line), the names trimmed or
    kept padded."""
    outcomes = []
    for dashes in (set(), {"1"}):
        for footer in (set(), *({n} for n in _SQLCMD_FOOTER)):
            for name in ("ADVISOR 32/60", f"{'ADVISOR 32/60':<20}"):
                outcomes.append({"rejects": dashes | footer,
                                 "values": {"name": (0, name), "perf": [(0, 198), (208, 45)],
                                            "estperf": (208, 25)}})
    return outcomes


def _mongo_outcomes() -> list[dict[str, Any]]:
    """z7's other acceptable outcomes: the extended-JSON wrappers kept as nested objects,
    flattened (`salary__numberdecimal` or `salary__number_decimal`) with their text."""
    return [{"types": {"yrs_service": "integer", decimal: "varchar",
                       "hired__date": ("varchar", "timestamp")},
             "values": {decimal: [(0, "139750.00"), (396, "81035.00")], "rank": (0, "Prof"),
                        "yrs_service": (396, 4)}}
            for decimal in ("salary__numberdecimal", "salary__number_decimal")]


def _uk_month(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def _sp500_as(spell) -> dict[str, Any]:
    """w6's date column read some other way: `spell(day, was_text)` gives each value."""
    return {"values": {"date": [(i, spell(_SP500[i][0], i % build7.TEXT_DATE_EVERY == 0))
                                for i in _SP500_ROWS]}}

_DAVIS = build11.davis()
_LH = build11.lh()
_JOHNSON = build11.johnson()
_JOHNSON_ROWS = (0, 35, 36, len(_JOHNSON) - 1)   # 3/31/60, 12/31/68, 3/31/69, 12/31/80
_ORNSTEIN = build11.ornstein()
_SHUTTLE = build11.shuttle()
_GALTON = build11.galton()
_WOMENLF = build11.womenlf()
_PIMA = build11.pima()
_PIMA_ROWS = (0, build11.PIMA_SPLIT - 1, build11.PIMA_SPLIT, len(_PIMA) - 1)
_MINN38_ROWS = (0, 1, 167)
_WWW = build11.www_usage()

_MOTORS = build12.motors()
_MROZ = build12.mroz()
_UKGAS = build12.ukgas()
_ARRESTS = build12.arrests()
_GEHAN = build12.gehan()
_AUSTRES = build12.austres()
_LEINHARDT = build12.leinhardt()
_LEINHARDT_ROWS = {0, 14, next(i for i, v in enumerate(_LEINHARDT.infant) if math.isnan(v)), 104}
_EPIL = build12.epil()
_EPIL_DAYS = [build12.visit(int(s), int(p)) for s, p in zip(_EPIL.subject, _EPIL.period)]
_FREEDMAN = build12.freedman()
_FREEDMAN_NULL = next(i for i, v in enumerate(_FREEDMAN.population) if math.isnan(v))
_WOOL = build12.wool()
_FORBES = build12.forbes()
_DURATIONS = ("duration[s]", "duration[ms]", "duration[us]", "duration[ns]",
              "month_day_nano_interval")
_EPOCH_JULIAN_DAY = 2440587.5        # julianday('1970-01-01')


def _julian(day: datetime.date) -> float:
    """A date as SQLite's `julianday()` gives it (midnight: a .5 day)."""
    return _EPOCH_JULIAN_DAY + (day - datetime.date(1970, 1, 1)).days


def _toa5_outcomes() -> list[dict[str, Any]]:
    """The TOA5 file read with its names as written or lowercased, its units and
    processing lines left out or the first two records rejected."""
    outcomes = []
    for stamp, record in (("TIMESTAMP", "RECORD"), ("timestamp", "record")):
        for rejects in (set(), {"1", "2"}):
            outcomes.append({
                "rejects": rejects, "columns": [stamp, record, "lh"],
                "types": {stamp: "timestamp", record: "integer", "lh": "double"},
                "values": {stamp: [(0, _LH[0][0]), (47, _LH[47][0])],
                           record: (47, 47), "lh": [(0, _LH[0][2]), (47, _LH[47][2])]}})
    return outcomes[1:]


def _dynamodb_outcomes() -> list[dict[str, Any]]:
    """DynamoDB JSON unwrapped with its numbers as text, or flattened (`Item__hincome__N`)
    keeping each value, its numbers typed or text."""
    last = int(_WOMENLF.hincome.iloc[-1])
    outcomes = [{"types": {"hincome": "varchar"},
                 "values": {"hincome": [(0, "15"), (262, str(last))],
                            "region": (0, "Ontario")}}]
    for kind, first, final in (("integer", 15, last), ("varchar", "15", str(last))):
        outcomes.append({"columns": None, "types": {"Item__hincome__N": kind},
                         "values": {"Item__hincome__N": [(0, first), (262, final)],
                                    "Item__region__S": (0, "Ontario")}})
    return outcomes


CASES = [
    Case("d1_penguins_cp1252", 1, "d1_penguins_cp1252.csv",
         "cp1252 with `;` and decimal commas is sniffed; umlaut headers folded to ASCII snake_case",
         rows=344, rejects=set(),
         columns=["art", "insel", "schnabellange_mm", "schnabeltiefe_mm", "flossenlange_mm",
                  "korpermasse_g", "geschlecht", "jahr"],
         types={"schnabellange_mm": "double", "korpermasse_g": "double", "jahr": "integer"},
         values={"schnabellange_mm": (0, 39.1), "insel": (0, "Torgersen")}),
    Case("d2_flights_ragged", 1, "d2_flights_ragged.csv",
         "3 rows with a field too many and 2 cut short are rejects with their record numbers",
         rows=1995, rejects={"17", "250", "1003", "40", "1500"}, columns=FLIGHT_COLUMNS,
         types={"dep_delay": "double", "year": "integer", "carrier": "varchar"}),
    Case("d3_airlines_multiline", 1, "d3_airlines_multiline.csv",
         "quoted fields keep their commas, doubled quotes and newlines",
         rows=16, rejects=set(), columns=["carrier", "name", "notes"],
         values={"notes": (0, 'hub "9E",\nsince 1950')}),
    Case("d4_empty", 1, "d4_empty.csv", "a 0-byte file is an empty table, not an error",
         rows=0, rejects=set(), columns=[]),
    Case("d5_penguins_xlsx", 1, "d5_penguins.xlsx",
         "the header row under two title rows and a blank row is found without header_row",
         options={"sheet": "Penguins"}, rows=344, rejects=set(), columns=PENGUIN_COLUMNS,
         types={"bill_length_mm": "double", "year": "integer", "species": "varchar"},
         values={"species": (0, "Adelie"), "bill_length_mm": (0, 39.1)}),
    Case("d6_cars_late_key", 1, "d6_cars.ndjson",
         "a key first seen on line 397 is a column; two cut lines are rejects",
         rows=404, rejects={"100", "333"},
         columns=["name", "miles_per_gallon", "cylinders", "displacement", "horsepower",
                  "weight_in_lbs", "acceleration", "year", "origin", "recall_note"],
         types={"cylinders": "integer", "year": ("date", "timestamp"), "recall_note": "varchar"},
         values={"recall_note": (403, "campaign 406")}),
    Case("d7_flights_parquet_drift", 1, "d7_flights_parquet/*.parquet",
         "int32/int64/double widen to double; int vs text goes to varchar with a note; "
         "a column added later is null before",
         rows=3000, rejects=set(),
         types={"dep_delay": "double", "flight": "varchar", "distance_km": "double",
                "month": "integer"},
         values={"distance_km": (0, None), "flight": (0, "1545")}, notes=["flight"]),
    Case("d8_weather_duplicate_headers", 1, "d8_weather_dupes.csv",
         "headers trimmed, snake_cased, duplicates numbered in order",
         rows=500, rejects=set(),
         columns=["origin", "year", "temp", "temp_2", "temp_3", "wind_speed_mph"],
         types={"temp_2": "double"}),
    Case("h1_planes_utf16", 2, "h1_planes.tsv", "UTF-16 with a BOM, tab-separated",
         rows=3322, rejects=set(),
         columns=["tailnum", "year", "type", "manufacturer", "model", "engines", "seats",
                  "speed", "engine"],
         types={"engines": "integer", "seats": "integer", "manufacturer": "varchar"},
         values={"tailnum": (0, "N10156")}),
    Case("h2_header_only", 2, "h2_header_only.csv",
         "a header and no rows: an empty table with the columns", rows=0, rejects=set(),
         columns=["carrier", "name", "joined_on"]),
    Case("h3_islands_nested", 2, "h3_islands.ndjson",
         "nested object flattened to parent__child; the array becomes a child table",
         parent_key=["island_id"], rows=3, rejects=set(),
         columns=["island_id", "name", "location__lat", "location__lon"],
         types={"location__lat": "double"},
         children={"penguins": (344, ["island_id", "species", "body_mass_g", "year"])}),
    Case("h4_flights_declared", 2, "h4_flights_declared.csv",
         "values that are not integers in a declared integer column are rejects",
         declared={"dep_delay": "integer"}, rows=997, rejects={"12", "480", "901"},
         columns=FLIGHT_COLUMNS, types={"dep_delay": "integer"}),
    Case("h5_weather_xlsx_header_row", 2, "h5_weather.xlsx",
         "the named sheet, header on row 3, datetimes kept as timestamps",
         options={"sheet": "Hourly", "header_row": 3}, rows=300, rejects=set(),
         columns=["origin", "time_hour", "temp", "precip", "day"],
         types={"time_hour": "timestamp", "day": ("date", "timestamp"), "temp": "double"}),
    Case("h6_airports_pipe_latin1", 2, "h6_airports.txt",
         "latin-1, `|`, padded headers, blank lines at the end ignored",
         rows=400, rejects=set(), columns=["faa_code", "airport_name", "lat", "lon", "alt_ft"],
         types={"lat": "double", "alt_ft": "integer"},
         values={"airport_name": (0, "Lansdowne Airport Aéroport Côte")}),
    Case("h7_cars_json_array", 2, "h7_cars.json", "a JSON array file; nested object flattened",
         rows=406, rejects=set(),
         columns=["name", "origin", "specs__cylinders", "specs__weight_lbs"],
         types={"specs__cylinders": "integer"}),
    Case("h8_planes_sqlite", 2, "h8_planes.db",
         "text in a declared integer column of a SQLite table: rejects keyed by primary key",
         fmt="sqlite", options={"source_table": "planes"}, declared={"engines": "integer"},
         rows=198, rejects={"5", "77"}, columns=["id", "tailnum", "year", "engines", "seats"],
         types={"engines": "integer"}),
    # stage 3: fresh held-out cases, written (with these expectations) after stage 2 was seen
    Case("s1_iowa_bom_semicolon", 3, "s1_iowa.csv",
         "UTF-8 BOM, `;`, decimal commas, header names with spaces and units",
         rows=51, rejects=set(),
         columns=["year", "energy_source", "net_generation_gwh", "share"],
         types={"year": "integer", "net_generation_gwh": "integer", "share": "double"},
         values={"share": (0, 35.361), "energy_source": (0, "Fossil Fuels")}),
    Case("s2_stocks_title_ragged", 3, "s2_stocks.csv",
         "title + blank line above the header and two ragged rows: rejects 7 and 300",
         rows=558, rejects={"7", "300"}, columns=["symbol", "date", "price"],
         types={"date": "date", "price": "double"}, values={"symbol": (0, "MSFT")}),
    Case("s3_seattle_nested", 3, "s3_seattle.ndjson",
         "nested object flattened; late key kept; two cut lines rejected; date declared",
         declared={"date": "date"}, rows=1459, rejects={"50", "1000"},
         columns=["date", "weather", "measures__precipitation", "measures__temp_max",
                  "measures__temp_min", "measures__wind", "station_note"],
         types={"date": "date", "measures__wind": "double"},
         values={"station_note": (1458, "sensor replaced"), "measures__temp_max": (0, 12.8)}),
    Case("s4_iris_xlsx", 3, "s4_iris.xlsx", "header found under a title; duplicate names numbered",
         rows=150, rejects=set(), columns=["sepal", "sepal_2", "petal", "petal_2", "species"],
         types={"sepal": "double", "species": "varchar"}, values={"sepal_2": (0, 3.5)}),
    Case("s5_mpg_parquet_drift", 3, "s5_mpg_parquet/*.parquet",
         "int32/int64 widen to bigint; int vs text goes to varchar with a note",
         rows=234, rejects=set(),
         types={"year": "integer", "cyl": "varchar", "displ": "double"},
         values={"cyl": (0, "4"), "model": (0, "a4")}, notes=["cyl"]),
    Case("s6_airports_latin1_tabs", 3, "s6_airports.tsv",
         "latin-1 tab-separated with a quoted tab inside a name",
         rows=600, rejects=set(),
         columns=["iata", "name", "city", "state", "country", "latitude", "longitude"],
         types={"latitude": "double"},
         values={"city": (0, "Saint-Léonard-d'Aston"), "name": (5, "Old\tField")}),
    # stage 4: fresh held-out cases (build4.py), kinds of damage stages 1-3 do not have
    Case("t1_midwest_zero_ids", 4, "t1_midwest.csv",
         "an all-digit id with leading zeros (`000561`) stays text: as a number it loses them",
         rows=437, rejects=set(), columns=["pid", "county", "state", "area", "poptotal"],
         types={"pid": "varchar", "area": "double", "poptotal": "integer"},
         values={"pid": (0, "000561"), "county": (0, "ADAMS")}),
    Case("t2_diamonds_late_text", 4, "t2_diamonds.csv",
         "text first seen past row 50,000 (`POA`): all rows kept, price text with its values; "
         "or a refusal naming price. Rejecting rows on a guessed type is not accepted",
         rows=53940, rejects=set(),
         columns=["carat", "cut", "color", "clarity", "depth", "table", "price", "x", "y", "z"],
         types={"price": "varchar", "carat": "double"},
         values={"price": [(0, "326"), (50000, "POA"), (53939, "2757")]}, refuse_ok=True),
    Case("t3_economics_thousands", 4, "t3_economics.csv",
         "quoted numbers with thousands separators in a file whose decimals are `.` are numbers",
         rows=574, rejects=set(),
         columns=["date", "pce", "pop", "psavert", "uempmed", "unemploy"],
         types={"pce": "double", "pop": ("integer", "double"), "unemploy": ("integer", "double"),
                "date": "date"},
         values={"pop": (0, 198712), "unemploy": [(0, 2944), (573, 8526)],
                 "pce": (573, 12193.8)}),
    Case("t4_msleep_yes_no", 4, "t4_msleep.csv",
         "a yes/no column is boolean, or kept as its text (both lossless); empty values null",
         rows=83, rejects=set(),
         columns=["name", "genus", "vore", "order", "conservation", "sleep_total", "sleep_rem",
                  "sleep_cycle", "awake", "brainwt", "bodywt", "domesticated"],
         types={"domesticated": "boolean", "sleep_rem": "double"},
         values={"domesticated": [(0, False), (4, True)], "sleep_rem": (0, None)},
         alternatives=[{"types": {"domesticated": "varchar", "sleep_rem": "double"},
                        "values": {"domesticated": [(0, "no"), (4, "yes")],
                                   "sleep_rem": (0, None)}}]),
    Case("t5_mtcars_trailing_delimiter", 4, "t5_mtcars.csv",
         "a delimiter ending every line adds no column and no rejects",
         rows=32, rejects=set(),
         columns=["model", "mpg", "cyl", "disp", "hp", "drat", "wt", "qsec", "vs", "am", "gear",
                  "carb"],
         types={"mpg": "double", "cyl": "integer", "model": "varchar"},
         values={"carb": (31, 2), "model": (31, "Volvo 142E")}),
    Case("t6_airquality_r_export", 4, "t6_airquality.csv",
         "R's write.csv: quoted header with a newline snake_cased, `NA` is a missing value",
         rows=153, rejects=set(),
         columns=["ozone", "solar_radiation", "wind", "temp", "month", "day"],
         types={"ozone": "integer", "solar_radiation": "integer", "wind": "double"},
         values={"ozone": [(0, 41), (4, None)], "solar_radiation": [(0, 190), (5, None)]}),
    Case("t7_storms_type_change", 4, "t7_storms.ndjson",
         "`position` an object, then a string from line 1500: kept as one text column with a "
         "note, or lines 1500-2000 rejected, or a refusal naming position; never strings lost",
         rows=2000, rejects=set(),
         columns=["storm_id", "name", "year", "status", "wind", "position"],
         types={"position": "varchar", "wind": "integer"},
         values={"position": (1499, "37.7N 35.3W")}, notes=["position"],
         alternatives=[{"rows": 1499, "rejects": {str(n) for n in range(1500, 2001)},
                        "columns": ["storm_id", "name", "year", "status", "wind",
                                    "position__lat", "position__long"],
                        "types": {"position__lat": "double"},
                        "values": {"position__lat": (0, 27.5)}, "notes": []}],
         refuse_ok=True),
    Case("t8_starwars_array_pairs", 4, "t8_starwars.ndjson",
         "an array of arrays: a child table of one row per inner array with the parent key, or "
         "the array kept whole in a column; a refusal naming colors is fine too",
         parent_key=["id"], rows=87, rejects=set(), columns=["id", "name", "height"],
         types={"height": "double"}, values={"name": (0, "Luke Skywalker")},
         children={"colors": (261, ["id"])},
         alternatives=[{"columns": ["id", "name", "height", "colors"], "children": {}}],
         refuse_ok=True),
    Case("t9_crimea_parquet_nested", 4, "t9_crimea.parquet",
         "a Parquet struct flattened to parent__child; a list of structs becomes a child table",
         parent_key=["month"], rows=24, rejects=set(),
         columns=["month", "deaths__wounds", "deaths__other", "deaths__disease"],
         types={"month": ("date", "timestamp"), "deaths__disease": "integer"},
         values={"deaths__disease": (0, 110)},
         children={"by_cause": (72, ["month", "cause", "count"])}),
    Case("t10_employment_sqlite_mixed", 4, "t10_employment.db",
         "an untyped SQLite column of integers stored as INTEGER, TEXT and REAL: numbers, "
         "values kept",
         fmt="sqlite", options={"source_table": "employment"}, rows=120, rejects=set(),
         columns=["id", "month", "nonfarm", "private"],
         types={"nonfarm": ("integer", "double"), "id": "integer"},
         values={"nonfarm": [(0, 135450), (9, 136882), (29, 137716)]}),
    Case("t11_barley_xlsx_totals", 4, "t11_barley.xlsx",
         "header found under a merged title; the totals row of formulas is not a data row "
         "(dropped with a note, or a reject)",
         options={"sheet": "Yields"}, rows=120, rejects=set(),
         columns=["site", "variety", "year", "yield"],
         types={"yield": "double", "year": "integer", "site": "varchar"},
         values={"yield": [(0, 27.0), (119, 29.33333)], "site": (119, "Duluth")},
         alternatives=[{"rejects": {"121"}}]),
    Case("t12_burtin_single_quotes", 4, "t12_burtin.csv",
         "`'` as the only quote character: quotes removed, commas inside kept",
         rows=16, rejects=set(),
         columns=["bacteria", "penicillin", "streptomycin", "neomycin", "gram_staining", "genus",
                  "label"],
         types={"penicillin": "double", "bacteria": "varchar"},
         values={"label": (0, "Aerobacter aerogenes, other"),
                 "bacteria": (0, "Aerobacter aerogenes")}),
    Case("t13_lariots_cp1252_curly", 4, "t13_lariots.csv",
         "cp1252 curly quotes and dashes decoded as such (not as latin-1 control characters); "
         "CRLF; the unterminated last line is a row",
         rows=63, rejects=set(),
         columns=["first_name", "last_name", "age", "address", "neighborhood", "type"],
         types={"age": ("double", "integer")},
         values={"type": (0, "\u201cOfficer-involved shooting\u201d"),
                 "address": [(0, "2009 W. 6th St. \u2013 corner"),
                             (1, "Main & College\u2019s corner")],
                 "first_name": (62, "Willie Bernard")}),
    # stage 5: fresh held-out cases (build5.py), kinds of damage stages 1-4 do not have
    Case("u1_gapminder_decimal_thousands", 5, "u1_gapminder.csv",
         "`;` with decimal commas and thousands dots: `1.601,06` is 1601.06 and `8.425.333` is "
         "8425333; or such columns kept as their text (lossless); never 1.601 or 28801",
         rows=1704, rejects=set(),
         columns=["country", "continent", "year", "life_exp", "pop", "gdp_percap"],
         types={"year": "integer", "life_exp": "double", "pop": ("integer", "double"),
                "gdp_percap": "double"},
         values={"life_exp": (0, 28.801), "pop": [(0, 8425333), (1703, 12311143)],
                 "gdp_percap": [(0, 779.45), (12, 1601.06)]},
         alternatives=[{"types": {"year": "integer", "life_exp": "double", "pop": "varchar",
                                  "gdp_percap": "varchar"},
                        "values": {"life_exp": (0, 28.801), "pop": (0, "8.425.333"),
                                   "gdp_percap": (12, "1.601,06")}},
                       {"types": {"year": "integer", "pop": "varchar", "gdp_percap": "varchar",
                                  "life_exp": "varchar"},
                        "values": {"life_exp": (0, "28,801"), "pop": (0, "8.425.333"),
                                   "gdp_percap": (12, "1.601,06")}}],
         refuse_ok=True),
    Case("u2_savings_currency_percent", 5, "u2_savings.csv",
         "`\"$2,329.68\"` and `11.43%` stay text; a number only with a note naming the column "
         "(a percent as 11.43 or 0.1143); plain numbers beside them are doubles; or a refusal",
         rows=50, rejects=set(),
         columns=["country", "sr", "pop15", "pop75", "dpi", "ddpi"],
         types={"sr": "varchar", "dpi": "varchar", "pop15": "double"},
         values={"sr": (0, "11.43%"), "dpi": (0, "$2,329.68"), "country": (0, "Australia")},
         alternatives=[
             {"types": {"sr": sr_type, "dpi": dpi_type, "pop15": "double"},
              "values": {"sr": (0, sr), "dpi": (0, dpi)},
              "notes": [name for name, kind in (("sr", sr_type), ("dpi", dpi_type))
                        if kind == "double"]}
             for sr_type, sr in (("varchar", "11.43%"), ("double", 11.43), ("double", 0.1143))
             for dpi_type, dpi in (("varchar", "$2,329.68"), ("double", 2329.68))],
         refuse_ok=True),
    Case("u3_sftemps_two_date_formats", 5, "u3_sftemps.csv",
         "ISO dates then US `MM/DD/YYYY` in one column: every date right (07/20/2010 is July "
         "20th), or the column kept as its text; never NULLs, rejects or swapped day/month",
         rows=365, rejects=set(), columns=["date", "temp"],
         types={"date": "date", "temp": "double"},
         values={"date": [(0, datetime.date(2010, 1, 1)), (200, datetime.date(2010, 7, 20)),
                          (364, datetime.date(2010, 12, 31))], "temp": (0, 49.17)},
         alternatives=[{"types": {"date": "varchar", "temp": "double"},
                        "values": {"date": [(0, "2010-01-01"), (200, "07/20/2010"),
                                            (364, "12/31/2010")]}}],
         refuse_ok=True),
    Case("u4_chickweight_repeated_header", 5, "u4_chickweight.csv",
         "a header line repeated after record 300 is not data: left out (a note welcome) or a "
         "reject (record 301); the columns stay integers; or a refusal naming the line",
         rows=578, rejects=set(), columns=["weight", "time", "chick", "diet"],
         types={"weight": "integer", "time": "integer", "chick": "integer", "diet": "integer"},
         values={"weight": [(0, 42), (300, 144), (577, 264)]},
         alternatives=[{"rejects": {"301"}}], refuse_ok=True),
    Case("u5_toothgrowth_empty_column", 5, "u5_toothgrowth.csv",
         "a named column no row fills is kept, all NULL, in its place (its type any)",
         rows=60, rejects=set(), columns=["len", "supp", "notes", "dose"],
         types={"len": "double", "dose": "double"},
         values={"notes": [(0, None), (59, None)], "supp": (0, "VC")}),
    Case("u6_quakes_ndjson_bom", 5, "u6_quakes.ndjson",
         "a UTF-8 BOM before the first NDJSON line is skipped: the first line is a row, its "
         "first key `lat`",
         rows=1000, rejects=set(), columns=["lat", "long", "depth", "mag", "stations"],
         types={"lat": "double", "depth": "integer", "stations": "integer"},
         values={"lat": (0, -20.42), "depth": (0, 562)}),
    Case("u7_faithful_bigint_overflow", 5, "u7_faithful.ndjson",
         "an integer past BIGINT and UBIGINT on two lines keeps every digit (a wide integer, a "
         "decimal or text); a double rounds it, a NULL or a reject loses it; or a refusal",
         rows=272, rejects=set(), columns=["reading_id", "eruptions", "waiting"],
         types={"reading_id": ("integer", "decimal"), "waiting": "integer"},
         values={"reading_id": [(0, 1), (99, HUGE_IDS[100]), (199, HUGE_IDS[200])]},
         alternatives=[{"types": {"reading_id": "varchar", "waiting": "integer"},
                        "values": {"reading_id": [(0, "1"), (99, str(HUGE_IDS[100])),
                                                  (199, str(HUGE_IDS[200]))]}}],
         refuse_ok=True),
    Case("u8_usarrests_case_keys", 5, "u8_usarrests.json",
         "JSON keys `Name` and `name` are two columns (`name`, `name_2` in key order), each "
         "with its own values; or a refusal naming them; never one overwriting the other",
         rows=50, rejects=set(),
         columns=["name", "name_2", "murder", "assault", "urban_pop", "rape"],
         types={"assault": "integer", "murder": "double"},
         values={"name": (0, "Alabama"), "name_2": [(0, "alabama"), (31, "new-york")]},
         refuse_ok=True),
    Case("u9_trees_parquet_names", 5, "u9_trees.parquet",
         "Parquet names with spaces, parentheses, an umlaut and `³` are snake_cased as CSV "
         "headers are (`³` folded to 3 or dropped)",
         rows=31, rejects=set(), columns=["tree_id", "girth_in", "hohe_ft", "volume_ft3"],
         types={"hohe_ft": "integer", "girth_in": "double"},
         values={"girth_in": (0, 8.3), "volume_ft3": (0, 10.3), "tree_id": (0, 1)},
         alternatives=[{"columns": ["tree_id", "girth_in", "hohe_ft", "volume_ft"],
                        "values": {"girth_in": (0, 8.3), "volume_ft": (0, 10.3)}}]),
    Case("u10_plantgrowth_hidden_sheet", 5, "u10_plantgrowth.xlsx",
         "no `sheet:` and a hidden first sheet: the visible, active sheet is read; or a refusal "
         "listing the sheets; never the hidden lookup",
         rows=30, rejects=set(), columns=["weight", "group"],
         types={"weight": "double", "group": "varchar"},
         values={"weight": (0, 4.17), "group": [(0, "ctrl"), (29, "trt2")]}, refuse_ok=True),
    Case("u11_insectsprays_side_table", 5, "u11_insectsprays.xlsx",
         "a legend table beside the data after a blank column is not part of it: the left "
         "table alone (a note welcome), or a refusal; never legend rows mixed into rows 1-6",
         options={"sheet": "Counts"}, rows=72, rejects=set(), columns=["count", "spray"],
         types={"count": "integer", "spray": "varchar"},
         values={"count": [(0, 10), (71, 13)], "spray": (5, "A")}, refuse_ok=True),
    Case("u12_cars93_copy_escapes", 5, "u12_cars93.tsv",
         "PostgreSQL COPY text: `\\t` inside a field stays in its field (kept as `\\t` or "
         "unescaped to a tab); `\\N` is NULL, or the column kept as text (lossless)",
         rows=93, rejects=set(),
         columns=["manufacturer", "make", "type", "price", "mpg_city", "luggage_room"],
         types={"price": "double", "mpg_city": "integer", "luggage_room": "integer"},
         values={"make": (0, "Acura\\tIntegra"), "luggage_room": [(0, 11), (15, None)]},
         alternatives=[
             {"types": {"price": "double", "mpg_city": "integer", "luggage_room": kind},
              "values": {"make": (0, make), "luggage_room": [(0, first), (15, missing)]}}
             for make in ("Acura\\tIntegra", "Acura\tIntegra")
             for kind, first, missing in (("integer", 11, None), ("varchar", "11", "\\N"))]),
    Case("u13_esoph_nul_bytes", 5, "u13_esoph.csv",
         "NUL bytes padding three values: stripped (`25-34`), or those records rejects (5, 40, "
         "77), or a refusal; kept NULs are not accepted (Postgres refuses them later)",
         rows=88, rejects=set(),
         columns=["agegp", "alcgp", "tobgp", "ncases", "ncontrols"],
         types={"ncases": "integer", "agegp": "varchar"},
         values={"agegp": [(0, "25-34"), (4, "25-34"), (39, "45-54")], "ncontrols": (4, 27)},
         alternatives=[{"rows": 85, "rejects": {"5", "40", "77"},
                        "values": {"agegp": (0, "25-34")}}],
         refuse_ok=True),
    Case("u14_sleep_header_blank_line", 5, "u14_sleep.csv",
         "a header and a blank CRLF line: an empty table with the header's columns",
         rows=0, rejects=set(), columns=["extra", "group", "id"]),
    Case("u15_orange_gzip", 5, "u15_orange.csv.gz",
         "`format: csv` on a gzip-compressed file: read decompressed, or a clear refusal; "
         "never the compressed bytes decoded as text",
         fmt="csv", rows=35, rejects=set(), columns=["tree", "age", "circumference"],
         types={"age": "integer", "circumference": "integer"},
         values={"circumference": [(0, 30), (34, 177)]}, refuse_ok=True),
    Case("u16_warpbreaks_long_text", 5, "u16_warpbreaks.csv",
         "a 3.2 MB field is kept whole, or its record is a reject (20) naming the option to "
         "raise, or a refusal saying so; never cut short or the other rows lost",
         rows=54, rejects=set(), columns=["breaks", "wool", "tension", "notes"],
         types={"breaks": "integer"},
         values={"notes": [(0, "ok"), (19, LONG_TEXT), (53, "ok")], "breaks": (0, 26)},
         alternatives=[{"rows": 53, "rejects": {"20"},
                        "values": {"notes": [(0, "ok"), (52, "ok")], "breaks": (0, 26)}}],
         refuse_ok=True),
    Case("u17_attitude_unicode_headers", 5, "u17_attitude.csv",
         "emoji dropped from names; CJK kept as letters (`投诉`, `learning_学习`) or, when names "
         "are ASCII only, an empty name numbered (`column_2`); values in their columns",
         rows=30, rejects=set(), columns=["rating", "投诉", "learning_学习", "raises"],
         types={"rating": "integer"},
         values={"rating": (0, 43), "投诉": (0, 51), "learning_学习": (0, 39), "raises": (0, 61)},
         alternatives=[{"columns": ["rating", "column_2", "learning", "raises"],
                        "values": {"rating": (0, 43), "column_2": (0, 51), "learning": (0, 39),
                                   "raises": (0, 61)}}]),
    # stage 6: fresh held-out cases (build6.py), kinds of damage stages 1-5 do not have
    Case("v1_swiss_comment_preamble", 6, "v1_swiss.csv",
         "`#` comment lines above the header are not rows nor the header: the header is the "
         "first line that is not a comment",
         rows=47, rejects=set(),
         columns=["province", "fertility", "agriculture", "examination", "education",
                  "catholic", "infant_mortality"],
         types={"fertility": "double", "examination": "integer", "province": "varchar"},
         values={"province": [(0, "Courtelary"), (46, "Rive Gauche")], "fertility": (0, 80.2)}),
    Case("v2_dax_accounting_negatives", 6, "v2_dax.csv",
         "accounting negatives `(15.12)` are -15.12 (a note welcome) or the column kept as its "
         "text (lossless); never 15.12, NULLs or rejects",
         rows=400, rejects=set(), columns=["day", "dax", "change"],
         types={"day": "integer", "dax": "double", "change": "double"},
         values={"change": [(0, None), (1, -15.12), (3, 14.53), (399, -9.27)],
                 "dax": (0, 1628.75)},
         alternatives=[{"types": {"day": "integer", "dax": "double", "change": "varchar"},
                        "values": {"change": [(0, None), (1, "(15.12)"), (3, "14.53")]}}]),
    Case("v3_pressure_signs_scientific", 6, "v3_pressure.csv",
         "scientific notation (`2.000E-04`) is a double; a leading `+` (`+20`, `+1.000E-03`) "
         "is a positive number, or such a column kept as its text; never NULL or a reject",
         rows=19, rejects=set(), columns=["temperature", "pressure", "step"],
         types={"temperature": ("integer", "double"), "pressure": "double", "step": "double"},
         values={"pressure": [(0, 0.0002), (18, 806.0)],
                 "temperature": [(0, 0), (18, 360)], "step": [(0, None), (1, 0.001), (18, 248.0)]},
         alternatives=[{"types": {"pressure": "double", **mix["types"]},
                        "values": {"pressure": [(0, 0.0002), (18, 806.0)], **mix["values"]}}
                       for mix in _spelled({
                           "temperature": (("integer", "double"), (18, 360), (18, "+360")),
                           "step": ("double", (1, 0.001), (1, "+1.000E-03"))})]),
    Case("v4_birthwt_letter_booleans", 6, "v4_birthwt.csv",
         "`T`/`F`, `Y`/`N`, `TRUE`/`FALSE` columns are booleans, or kept as their letters "
         "(lossless); never integers, NULLs or a wrong truth value",
         rows=189, rejects=set(),
         columns=["id", "low", "age", "lwt", "smoke", "ht", "ui", "bwt"],
         types={"smoke": "boolean", "ht": "boolean", "ui": "boolean", "bwt": "integer"},
         values={"smoke": [(0, False), (2, True)], "ht": [(0, False), (12, True)],
                 "ui": [(0, True), (1, False)]},
         alternatives=_spelled({"smoke": ("boolean", [(0, False), (2, True)],
                                          [(0, "F"), (2, "T")]),
                                "ht": ("boolean", [(0, False), (12, True)],
                                       [(0, "N"), (12, "Y")]),
                                "ui": ("boolean", [(0, True), (1, False)],
                                       [(0, "TRUE"), (1, "FALSE")])})),
    Case("v5_seattle_mixed_offsets", 6, "v5_seattle.csv",
         "timestamps with `-08:00` then `-07:00` are instants: 00:00-08:00 is 08:00 UTC, "
         "04:00-07:00 is 11:00 UTC (a zoned timestamp, or naive UTC with a note); or the "
         "text kept; never the local time with its offset dropped",
         rows=build6.SEATTLE_HOURS, rejects=set(), columns=["observed_at", "temp"],
         types={"observed_at": "timestamp", "temp": "double"},
         values={"observed_at": [(i, _SEATTLE[i][0]) for i in _SEATTLE_ROWS]},
         alternatives=[{"types": {"observed_at": "timestamp"},
                        "values": {"observed_at": [(i, _utc(_SEATTLE[i][0]))
                                                   for i in _SEATTLE_ROWS]},
                        "notes": ["observed_at"]},
                       {"types": {"observed_at": "varchar"},
                        "values": {"observed_at": [(i, _SEATTLE[i][0].isoformat())
                                                   for i in _SEATTLE_ROWS]}}]),
    Case("v6_presidential_1904_workbook", 6, "v6_presidential.xlsx",
         "a workbook in the 1904 date system: Eisenhower's term starts 1953-01-20, not four "
         "years and a day later",
         rows=12, rejects=set(), columns=["name", "start", "end", "party"],
         types={"start": "date", "end": "date"},
         values={"start": [(0, _PRESIDENTS[0][1]), (11, _PRESIDENTS[11][1])],
                 "end": (11, _PRESIDENTS[11][2]), "name": (0, "Eisenhower")},
         alternatives=[{"types": {"start": "timestamp", "end": "timestamp"},
                        "values": {"start": [(i, datetime.datetime.combine(
                            _PRESIDENTS[i][1], datetime.time())) for i in (0, 11)],
                                   "end": (11, datetime.datetime.combine(
                                       _PRESIDENTS[11][2], datetime.time()))}}]),
    Case("v7_seals_two_row_header", 6, "v7_seals.xlsx",
         "a header over two rows (merged `position`/`movement` over `lat`/`long`): names joined "
         "(`position_lat`), or the second row's names numbered; columns double, never the "
         "second header row as data; or a refusal naming header_row",
         rows=1155, rejects=set(),
         columns=["position_lat", "position_long", "movement_lat", "movement_long"],
         types={"position_lat": "double", "movement_long": "double"},
         values={"position_lat": (0, 29.7), "movement_lat": (0, 0.143475253741286),
                 "movement_long": (0, -0.915046236652548)},
         alternatives=[{"columns": ["lat", "long", "lat_2", "long_2"],
                        "types": {"lat": "double", "long_2": "double"},
                        "values": {"lat": (0, 29.7), "lat_2": (0, 0.143475253741286)}}],
         refuse_ok=True),
    Case("v8_puromycin_wrapped_json", 6, "v8_puromycin.json",
         "one object wrapping the records under `data`: the 23 records are the rows (a note "
         "welcome); or, by the nesting rule, one row with `data` as a child table of 23; or "
         "a refusal naming `data`",
         rows=23, rejects=set(), columns=["conc", "rate", "state"],
         types={"conc": "double", "rate": "integer"},
         values={"conc": (0, 0.02), "rate": [(0, 76), (22, 160)], "state": (22, "untreated")},
         alternatives=[{"rows": 1, "columns": None, "types": {}, "values": {},
                        "children": {"data": (23, ["conc", "rate", "state"])}}],
         refuse_ok=True),
    Case("v9_stackloss_concatenated_json", 6, "v9_stackloss.json",
         "JSON objects back to back with no newline: 21 rows; or a refusal; never one row "
         "or the file's objects lost",
         rows=21, rejects=set(),
         columns=["run", "air_flow", "water_temp", "acid_conc", "stack_loss"],
         types={"stack_loss": "integer"},
         values={"stack_loss": [(0, 42), (20, 15)], "run": (20, 21)}, refuse_ok=True),
    Case("v10_rock_comment_lines", 6, "v10_rock.ndjson",
         "`//` comment lines in NDJSON are not rows: left out (a note welcome) or rejects "
         "(lines 1 and 25); the 48 records all rows",
         rows=48, rejects=set(), columns=["area", "peri", "shape", "perm"],
         types={"area": "integer", "perm": "double"},
         values={"area": [(0, 4990), (47, 9718)], "perm": (47, 580.0)},
         alternatives=[{"rejects": {"1", "25"}}], refuse_ok=True),
    Case("v11_morley_trailing_commas", 6, "v11_morley.ndjson",
         "an array's objects one a line with trailing commas: the 100 records read (the comma "
         "a separator); or a refusal; never 99 rejects",
         rows=100, rejects=set(), columns=["id", "expt", "run", "speed"],
         types={"speed": "integer"}, values={"speed": [(0, 850), (99, 870)]}, refuse_ok=True),
    Case("v12_aids2_parquet_types", 6, "v12_aids2.parquet",
         "Parquet dictionary text is text; a zoned timestamp keeps its instant; a decimal "
         "keeps its value (decimal, or a double equal to it)",
         rows=2843, rejects=set(),
         columns=["id", "state", "sex", "diag", "death_at", "status", "age_years"],
         types={"state": "varchar", "diag": "date", "death_at": "timestamp",
                "age_years": ("decimal", "double")},
         values={"state": (0, "NSW"), "diag": (0, datetime.date(1989, 11, 9)),
                 "death_at": (0, _AIDS2_DEATH), "age_years": (0, 35.5)},
         alternatives=[{"types": {"state": "varchar", "death_at": "timestamp"},
                        "values": {"state": (0, "NSW"), "death_at": (0, _utc(_AIDS2_DEATH)),
                                   "age_years": (0, 35.5)}}]),
    Case("v13_infert_mixed_line_endings", 6, "v13_infert.csv",
         "CRLF for 100 records then LF: all 248 rows, no `\\r` left in the last column",
         rows=248, rejects=set(),
         columns=["age", "parity", "induced", "case", "spontaneous", "stratum", "education"],
         types={"age": "integer", "education": "varchar"},
         values={"education": [(0, "0-5yrs"), (99, "6-11yrs"), (100, "6-11yrs"),
                               (247, "12+ yrs")]}),
    Case("v14_judges_utf16_be", 6, "v14_judges.csv",
         "UTF-16 big-endian with its BOM is decoded; quoted names keep their commas",
         rows=43, rejects=set(), columns=["judge", "cont", "intg", "rten"],
         types={"cont": "double", "judge": "varchar"},
         values={"judge": [(0, "AARONSON,L.H."), (42, "ZARRILLI,K.J.")], "cont": (0, 5.7)}),
    Case("v15_chickwts_sqlite_view", 6, "v15_chickwts.db",
         "a SQLite view (a join with a computed column) is read as a table: 71 rows",
         fmt="sqlite", options={"source_table": "weights"}, rows=71, rejects=set(),
         columns=["id", "weight", "weight_kg", "feed"],
         types={"weight": "integer", "weight_kg": "double", "feed": "varchar"},
         values={"feed": (0, "horsebean"), "weight_kg": (0, 0.179)}),
    Case("v16_survey_sqlite_without_rowid", 6, "v16_survey.db",
         "a SQLite WITHOUT ROWID table keyed by text is read whole: 237 rows, NULLs kept",
         fmt="sqlite", options={"source_table": "survey"}, rows=237, rejects=set(),
         columns=["student", "sex", "wr_hnd", "pulse", "exer", "age"],
         types={"pulse": "integer", "wr_hnd": "double"},
         values={"student": (0, "S0001"), "pulse": (0, 92)}),
    Case("w1_women_bom_title", 7, "w1_women.csv",
         "a UTF-8 BOM then a title line straight above the header: 15 rows of height and "
         "weight; or a refusal naming the title line; never the title as the header",
         rows=15, rejects=set(), columns=["height", "weight"],
         types={"height": "integer", "weight": "integer"},
         values={"height": [(0, 58), (14, 72)], "weight": (14, 164)}, refuse_ok=True),
    Case("w2_sleep_semicolon_multiline_decimal", 7, "w2_sleep.csv",
         "`;`, decimal commas and quoted remarks holding a newline and a `;`, together: 20 "
         "rows, extra a double, the remarks whole",
         rows=20, rejects=set(), columns=["id", "extra", "group", "subject", "remark"],
         types={"extra": "double", "id": "integer"},
         values={"extra": [(0, 0.7), (1, -1.6), (19, 3.4)],
                 "remark": [(2, build7.SLEEP_REMARKS[2]), (9, build7.SLEEP_REMARKS[9])],
                 "id": (19, 20)}),
    Case("w3_immer_totals_line", 7, "w3_immer.csv",
         "a `Total;;3271.4;2794.0` last line is not a record: left out (a note welcome) or a "
         "reject (31); or kept with a note naming it; or a refusal; never a 31st row said "
         "nothing about",
         rows=30, rejects=set(), columns=["loc", "var", "y1", "y2"],
         types={"y1": "double", "y2": "double"},
         values={"loc": (29, "D"), "y1": (29, 96.0)},
         alternatives=[{"rejects": {"31"}}, {"rows": 31, "notes": ["Total"]}],
         refuse_ok=True),
    Case("w4_metro_cp1252_ndjson", 7, "w4_metro.ndjson",
         "NDJSON in Windows-1252: decoded (Bérault, Champs-Élysées—Clemenceau with its em "
         "dash), a note welcome; or a refusal naming the encoding; never mojibake, U+FFFD or "
         "rejects",
         rows=308, rejects=set(),
         columns=["id", "name", "lines", "passengers", "latitude", "longitude"],
         types={"id": "integer", "latitude": "double", "name": "varchar"},
         values={"name": [(2, "Bérault"), (3, "Champs-Élysées—Clemenceau")],
                 "id": (307, 308)}, refuse_ok=True),
    Case("w5_longley_array_of_arrays", 7, "w5_longley.json",
         "a JSON array of arrays whose first is the header: 16 rows named by it; or a "
         "refusal; never 17 rows or one list column",
         rows=16, rejects=set(), columns=build7.LONGLEY_COLUMNS,
         types={"year": "integer", "gnp": "double"},
         values={"year": [(0, 1947), (15, 1962)], "gnp": (15, 554.894)}, refuse_ok=True),
    Case("w6_sp500_xlsx_text_dates", 7, "w6_sp500.xlsx",
         "a date column of date cells with every 25th a text cell `2015-12-31`: all dates "
         "(date, or timestamp at midnight); or the column text, each value its date spelled "
         "out; never NULLs for the text cells or day numbers for the others",
         rows=build7.SP500_DAYS, rejects=set(), columns=["date", "open", "close", "volume"],
         types={"date": "date", "close": "double", "volume": "integer"},
         values={"date": [(i, _SP500[i][0]) for i in _SP500_ROWS],
                 "close": (0, _SP500[0][2])},
         alternatives=[{"types": {"date": "timestamp"}, **_sp500_as(
                           lambda day, _: datetime.datetime.combine(day, datetime.time()))},
                       {"types": {"date": "varchar"}, **_sp500_as(
                           lambda day, _: day.isoformat())},
                       {"types": {"date": "varchar"}, **_sp500_as(
                           lambda day, text: day.isoformat() if text
                           else f"{day.isoformat()} 00:00:00")}],
         refuse_ok=True),
    Case("w7_whiteside_parquet_null_file", 7, "w7_whiteside/*.parquet",
         "`temp` all NULL (Arrow type null) in one file, double in the other: 56 rows, temp a "
         "double, NULL in the first file's rows and the values in the second's",
         rows=56, rejects=set(),
         types={"temp": "double", "gas": "double", "insul": "varchar"},
         values={"temp": [(0, None), (25, None), (26, -0.7), (55, 9.7)],
                 "gas": [(0, 7.2), (55, 1.5)], "insul": (26, "After")}),
    Case("w8_states_nbsp_thousands", 7, "w8_states.csv",
         "`3 615` (a non-breaking space groups thousands) and `2,1`: numbers, 3615 and 2.1; "
         "or the grouped columns kept as their text (lossless); never 3, 3.615 or NULL",
         rows=50, rejects=set(),
         columns=["state", "population", "income", "illiteracy", "area"],
         types={"population": "integer", "income": "integer", "area": "integer",
                "illiteracy": "double"},
         values={"population": [(0, 3615), (1, 365)], "income": (1, 6315),
                 "area": [(1, 566432), (49, 97203)], "illiteracy": [(0, 2.1), (49, 0.6)]},
         alternatives=[{**mix, "types": {**mix["types"], "illiteracy": "double"},
                        "values": {**mix["values"], "illiteracy": [(0, 2.1), (49, 0.6)]}}
                       for mix in _spelled({
                           "population": ("integer", [(0, 3615), (1, 365)],
                                          [(0, "3\u00a0615"), (1, "365")]),
                           "income": ("integer", (1, 6315), (1, "6\u00a0315")),
                           "area": ("integer", [(1, 566432), (49, 97203)],
                                    [(1, "566\u00a0432"), (49, "97\u00a0203")])})]),
    Case("w9_bjsales_iso_weeks", 7, "w9_bjsales.csv",
         "ISO weeks (`2001-W01`; `2002-W01` starts 2001-12-31) kept as their text; or a "
         "date that is the week's Monday; never NULLs, Jan 1sts or a day off",
         rows=150, rejects=set(), columns=["week", "sales"],
         types={"week": "varchar", "sales": "double"},
         values={"week": [(i, build7.iso_week(_WEEKS[i][0])) for i in _WEEK_ROWS],
                 "sales": [(0, 200.1), (149, 262.7)]},
         alternatives=[{"types": {"week": "date"},
                        "values": {"week": [(i, _WEEKS[i][0]) for i in _WEEK_ROWS]}}]),
    Case("w10_cabbages_gzip_ndjson", 7, "w10_cabbages.ndjson.gz",
         "gzip-compressed NDJSON, the format left to the reader: 60 rows decompressed; or a "
         "refusal naming the format; never the compressed bytes as text",
         rows=60, rejects=set(), columns=["id", "cult", "date", "head_wt", "vit_c"],
         types={"head_wt": "double", "vit_c": "integer", "date": "varchar"},
         values={"cult": [(0, "c39"), (59, "c52")], "vit_c": (59, 72), "date": (0, "d16")},
         refuse_ok=True),
    Case("w11_cats_r_rownames", 7, "w11_cats.csv",
         "R's `write.csv` row names, a first column headed `\"\"`, every field quoted: 144 "
         "rows, the row-name column given some name, the numbers numbers",
         rows=144, rejects=set(),
         types={"sex": "varchar", "bwt": "double", "hwt": "double"},
         values={"sex": [(0, "F"), (143, "M")], "bwt": (143, 3.9), "hwt": (0, 7.0)}),
    Case("w12_hills_sep_hint", 7, "w12_hills.csv",
         "Excel's `sep=;` hint line: the `;` header below it, 35 rows; or a refusal naming "
         "the line; never `sep=` as the header",
         rows=35, rejects=set(), columns=["race", "dist", "climb", "time"],
         types={"dist": "double", "climb": "integer"},
         values={"race": [(0, "Greenmantle"), (34, "Moffat Chase")], "climb": (34, 5000)},
         refuse_ok=True),
    Case("x1_mcycle_trailing_minus", 8, "x1_mcycle.csv",
         "SAP-style trailing minus (`2.7-`): accel a double with its negatives (-2.7); or "
         "accel kept as its text (lossless); never 2.7, NULL or rejects",
         rows=133, rejects=set(), columns=["id", "times", "accel"],
         types={"accel": "double", "times": "double", "id": "integer"},
         values={"accel": [(0, 0.0), (1, -1.3), (2, -2.7), (132, 10.7)], "times": (0, 2.4)},
         alternatives=[{"types": {"accel": "varchar"},
                        "values": {"accel": [(1, "1.3-"), (2, "2.7-"), (132, "10.7")]}}]),
    Case("x2_islands_swiss_apostrophe", 8, "x2_islands.csv",
         "Swiss apostrophe thousands (`11'506`): area an integer, 11506; or kept as its text; "
         "never 11, NULL or rejects",
         rows=48, rejects=set(), columns=["island", "area"], types={"area": "integer"},
         values={"area": [(0, 11506), (1, 5500), (47, 82)], "island": (0, "Africa")},
         alternatives=[{"types": {"area": "varchar"},
                        "values": {"area": [(0, "11'506"), (47, "82")]}}]),
    Case("x3_crabs_stray_bom", 8, "x3_crabs.csv",
         "a second BOM at the start of record 101 (two exports concatenated): 200 rows, id "
         "an integer, 101 in row 100 with no BOM in any value; or a refusal naming the line",
         rows=200, rejects=set(), columns=build8.CRAB_COLUMNS,
         types={"id": "integer", "fl": "double"},
         values={"id": [(0, 1), (99, 100), (100, 101), (199, 200)], "sp": (100, "O"),
                 "bd": (100, 7.4)}, refuse_ok=True),
    Case("x4_precip_crlf_in_quotes", 8, "x4_precip.csv",
         "LF lines with CRLF inside quoted notes: 70 rows, each note whole with its line "
         "break (`\\r\\n` kept, or made `\\n`); never split rows or rejects",
         rows=70, rejects=set(), columns=["station", "inches", "note"],
         types={"inches": "double", "note": "varchar"},
         values={"note": [(i, n) for i, n in build8.PRECIP_NOTES.items()],
                 "station": (69, 70), "inches": (3, 48.5)},
         alternatives=[{"values": {"note": [(i, n.replace("\r\n", "\n"))
                                            for i, n in build8.PRECIP_NOTES.items()],
                                   "station": (69, 70)}}]),
    Case("x5_ldeaths_uk_monthly", 8, "x5_ldeaths.csv",
         "British `01/03/1974` (day first; every value also parses month first): the month "
         "dates (1974-03-01), or the text kept; never 3 January",
         rows=72, rejects=set(), columns=["month", "deaths"],
         types={"month": "date", "deaths": "integer"},
         values={"month": [(i, _LDEATHS[i][0]) for i in (0, 2, 71)], "deaths": (2, 2704)},
         alternatives=[{"types": {"month": "varchar"},
                        "values": {"month": [(i, _uk_month(_LDEATHS[i][0])) for i in (0, 2, 71)]}},
                       {"types": {"month": "timestamp"},
                        "values": {"month": [(i, datetime.datetime.combine(
                            _LDEATHS[i][0], datetime.time())) for i in (0, 2, 71)]}}]),
    Case("x6_nottem_german_month_end", 8, "x6_nottem.csv",
         "German `31.01.1920` dates with `;` and `40,6`: dates (29.02.1920 too) and doubles; "
         "or the dates kept as text; never NULLs, rejects or swapped day and month",
         rows=240, rejects=set(), columns=["monat", "temperatur"],
         types={"monat": "date", "temperatur": "double"},
         values={"monat": [(i, _NOTTEM[i][0]) for i in (0, 1, 239)],
                 "temperatur": [(0, 40.6), (239, 37.8)]},
         alternatives=[{"types": {"monat": "varchar", "temperatur": "double"},
                        "values": {"monat": [(i, f"{_NOTTEM[i][0]:%d.%m.%Y}")
                                             for i in (0, 1, 239)],
                                   "temperatur": [(0, 40.6), (239, 37.8)]}},
                       {"types": {"monat": "timestamp", "temperatur": "double"},
                        "values": {"monat": [(i, datetime.datetime.combine(
                            _NOTTEM[i][0], datetime.time())) for i in (0, 1, 239)],
                                   "temperatur": [(0, 40.6), (239, 37.8)]}}]),
    Case("x7_biopsy_python_nan_ndjson", 8, "x7_biopsy.ndjson",
         "Python's `NaN` token for 16 missing v6 values: all 699 rows, v6 NULL there (or a "
         "double NaN); never rejects, lost rows or v6 as text",
         rows=699, rejects=set(), columns=build8.BIOPSY_COLUMNS,
         types={"v6": ("integer", "double"), "v1": "integer", "class": "varchar"},
         values={"v6": [(0, 1), (23, None), (40, None), (698, 5)], "sample": (0, 1000025),
                 "class": (698, "malignant")},
         alternatives=[{"types": {"v6": "double", "v1": "integer"},
                        "values": {"v6": [(0, 1.0), (698, 5.0)], "sample": (0, 1000025)}}]),
    Case("x8_boston_empty_objects", 8, "x8_boston.ndjson",
         "a nested `location` that is `{}`, missing or `null` on some lines (the first three): "
         "506 rows, location__chas and location__rad integers, NULL on those lines",
         rows=506, rejects=set(),
         columns=["id", "crim", "rm", "medv", "location__chas", "location__rad"],
         types={"location__chas": "integer", "location__rad": "integer", "medv": "double"},
         values={"location__chas": [(i, None) for i in build8.EMPTY_LOCATION] + [(3, 0)],
                 "location__rad": [(0, None), (3, 3), (505, 1)], "medv": (505, 11.9)}),
    Case("x9_volcano_nested_pairs", 8, "x9_volcano.ndjson",
         "`cells`, an array of `[column, height]` arrays: 87 rows and a child table `cells` "
         "of 5,307 linked by `_record_no` (no parent key declared); or `cells` kept as a list "
         "column; or a refusal; never rows lost",
         rows=87, rejects=set(), columns=["row", "_record_no"], types={"row": "integer"},
         values={"row": [(0, 1), (86, 87)]}, children={"cells": (87 * 61, [])},
         alternatives=[{"columns": ["row", "cells"], "children": {}}], refuse_ok=True),
    Case("x10_painters_parquet_binary_strings", 8, "x10_painters.parquet",
         "Parquet text as BYTE_ARRAY without the UTF8 annotation (binary): read as text "
         "(`Da Udine`), a note welcome; or a refusal; never bytes",
         rows=54, rejects=set(),
         columns=["name", "composition", "drawing", "colour", "expression", "school"],
         types={"name": "varchar", "school": "varchar", "composition": "integer"},
         values={"name": [(0, "Da Udine"), (53, "Poussin")], "school": (53, "H")},
         refuse_ok=True),
    Case("x11_pizzaplace_parquet_int96", 8, "x11_pizzaplace.parquet",
         "INT96 timestamps (no zone): the times as written, 2015-01-01 11:38:36; a zoned "
         "column holding those instants as UTC is fine",
         rows=build8.PIZZA_ROWS, rejects=set(),
         columns=["order_id", "sold_at", "name", "size", "price"],
         types={"sold_at": "timestamp", "price": "double"},
         values={"sold_at": [(0, _PIZZAS[0][1]), (1999, _PIZZAS[1999][1])],
                 "order_id": (0, "2015-000001")},
         alternatives=[{"values": {"sold_at": [
             (i, _PIZZAS[i][1].replace(tzinfo=datetime.timezone.utc)) for i in (0, 1999)]}}]),
    Case("x12_animals_xlsx_numbers_as_text", 8, "x12_animals.xlsx",
         "numbers stored as text cells every 4th row: body and brain doubles, 1.35 and 465; "
         "or both kept as text; never NULLs for the text cells",
         rows=28, rejects=set(), columns=["animal", "body", "brain"],
         types={"body": "double", "brain": "double"},
         values={"body": [(0, 1.35), (1, 465.0), (4, 1.04), (27, 192.0)],
                 "brain": [(0, 8.1), (2, 119.5)],
                 "animal": (0, "Mountain beaver")},
         alternatives=[{"types": {"body": "varchar", "brain": "varchar"},
                        "values": {"body": [(0, "1.35"), (4, "1.04")], "brain": (0, "8.1")}}]),
    Case("x13_oats_xlsx_merged_groups", 8, "x13_oats.xlsx",
         "`block` merged down over each block's 12 rows: 72 rows, the block in the first row "
         "of each group and NULL below (as the cells are), or filled down; never rows lost",
         rows=72, rejects=set(), columns=["block", "variety", "nitro", "yield"],
         types={"yield": "integer"},
         values={"block": [(0, "I"), (1, None), (12, "II"), (13, None)],
                 "yield": [(0, 111), (71, 121)], "variety": (71, "Marvellous")},
         alternatives=[{"values": {"block": [(0, "I"), (1, "I"), (12, "II"), (13, "II"),
                                             (71, "VI")],
                                   "yield": [(0, 111), (71, 121)]}}]),
    Case("x14_nile_shift_jis", 8, "x14_nile.csv",
         "Shift_JIS (cp932), Japanese headers: `年`, `流量`, `観測所` (or numbered names), "
         "`アスワン` decoded; or a refusal naming the encoding; never mojibake",
         rows=100, rejects=set(), columns=["年", "流量", "観測所"],
         types={"年": "integer", "流量": "integer"},
         values={"観測所": [(0, build8.NILE_STATION)], "年": [(0, 1871), (99, 1970)],
                 "流量": (0, 1120)},
         alternatives=[{"columns": ["column_1", "column_2", "column_3"],
                        "types": {"column_1": "integer"},
                        "values": {"column_3": [(0, build8.NILE_STATION)],
                                   "column_1": (99, 1970), "column_2": (0, 1120)}}],
         refuse_ok=True),
    Case("y1_mammals_classic_mac", 9, "y1_mammals.csv",
         "classic Mac line ends (a bare CR, Excel's `CSV (Macintosh)`): 62 rows of three "
         "columns; never one row, one wide header or `\\r` inside values",
         rows=62, rejects=set(), columns=["species", "body", "brain"],
         types={"body": "double", "brain": "double", "species": "varchar"},
         values={"species": [(0, "Arctic fox"), (61, "Red fox")], "body": (0, 3.385),
                 "brain": (61, 50.4)}),
    Case("y2_rubber_copy_text_nulls", 9, "y2_rubber.tsv",
         "a Postgres COPY text dump (tabs, `\\N` for NULL): 30 rows, hard an integer, NULL "
         "in rows 2, 10 and 29; never `\\N` as text or rejects",
         rows=30, rejects=set(), columns=["id", "loss", "hard", "tens"],
         types={"hard": "integer", "loss": "integer"},
         values={"hard": [(0, 45), *((i, None) for i in build9.RUBBER_NULLS), (28, 81)],
                 "tens": (29, 127)}),
    Case("y3_beav2_us_12_hour_clock", 9, "y3_beav2.csv",
         "US `11/3/1990 9:30:00 AM` stamps (12 AM is midnight, 12 PM noon): timestamps, "
         "1990-11-03 12:00 at noon and 00:xx after midnight; or the text kept; never 12:xx "
         "for midnight, 00:xx for noon, or 1 PM as 01:00",
         rows=100, rejects=set(), columns=["id", "read_at", "temp", "activ"],
         types={"read_at": "timestamp", "temp": "double"},
         values={"read_at": [(i, _BEAVERS[i][1]) for i in _BEAVER_ROWS],
                 "temp": (99, 38.07)},
         alternatives=[{"types": {"read_at": "varchar"},
                        "values": {"read_at": [(i, build9.us_clock(_BEAVERS[i][1]))
                                               for i in _BEAVER_ROWS]}}]),
    Case("y4_wtloss_xlsx_uncached_formulas", 9, "y4_wtloss.xlsx",
         "`weight_lb` formulas with no cached values (a script-written workbook): computed "
         "(weight x 2.20462); or NULL, or the column left out, with a note naming formulas; "
         "or a refusal; never the formula text or NULLs said nothing about",
         rows=52, rejects=set(), columns=["id", "days", "weight", "weight_lb"],
         types={"weight_lb": "double", "weight": "double", "days": "integer"},
         values={"weight_lb": [(0, 184.35 * 2.20462), (51, 112.6 * 2.20462)],
                 "weight": (51, 112.6), "days": (51, 246)},
         alternatives=[{"types": {"days": "integer"}, "notes": ["formula"],
                        "values": {"weight_lb": [(0, None), (51, None)],
                                   "weight": (51, 112.6)}},
                       {"columns": ["id", "days", "weight"], "types": {"days": "integer"},
                        "notes": ["formula"], "values": {"weight": (51, 112.6)}}],
         refuse_ok=True),
    Case("y5_phones_xlsx_error_cells", 9, "y5_phones.xlsx",
         "two Excel error cells (`#DIV/0!`, `#N/A`) in the number column `calls`: calls a "
         "double, NULL in rows 3 and 15 (a note welcome); or those two rows rejects; or a "
         "refusal; never the column turned to text",
         rows=24, rejects=set(), columns=["id", "year", "calls"],
         types={"calls": "double", "year": "integer"},
         values={"calls": [(0, 4.4), *((i, None) for i in build9.PHONE_ERRORS), (23, 29.0)],
                 "year": [(0, 1950), (23, 1973)]},
         alternatives=[{"rows": 22, "rejects": {"4", "16"}, "types": {"calls": "double"},
                        "values": {"calls": [(0, 4.4), (21, 29.0)], "id": (3, 5)}}],
         refuse_ok=True),
    Case("y6_cushings_json_keyed_by_id", 9, "y6_cushings.json",
         "pandas' `orient=\"index\"` JSON (one object keyed by row id): 27 rows with the "
         "fields as columns (the key kept under some name); or a refusal; never one row",
         rows=27, rejects=set(),
         types={"tetrahydrocortisone": "double", "type": "varchar"},
         values={"tetrahydrocortisone": [(0, 3.1), (26, 20.5)], "type": [(0, "a"), (26, "u")],
                 "pregnanetriol": (26, 0.8)},
         refuse_ok=True),
    Case("y7_anorexia_units_row", 9, "y7_anorexia.csv",
         "a units line (`,,lb,lb`) under the header: not a record: left out (a note "
         "welcome) or a reject (record 1); weights doubles; or a refusal; never the weights "
         "turned to text",
         rows=72, rejects=set(), columns=["id", "treat", "prewt", "postwt"],
         types={"prewt": "double", "postwt": "double", "id": "integer"},
         values={"prewt": [(0, 80.7), (71, 87.3)], "treat": [(0, "Cont"), (71, "FT")]},
         alternatives=[{"rejects": {"1"}}], refuse_ok=True),
    Case("y8_insurance_padded_fields", 9, "y8_insurance.csv",
         "every field padded to a width (`     197`, `<1l     `, the header too): names "
         "trimmed, numbers integers (197); the text trimmed, or kept padded",
         rows=64, rejects=set(), columns=["district", "group", "age", "holders", "claims"],
         types={"district": "integer", "holders": "integer", "claims": "integer",
                "group": "varchar"},
         values={"holders": [(0, 197), (63, 114)], "claims": (63, 33),
                 "group": [(0, "<1l"), (63, ">2l")], "age": [(0, "<25"), (63, ">35")]},
         alternatives=[{"values": {"holders": [(0, 197), (63, 114)],
                                   "group": [(0, "<1l     "), (63, ">2l     ")],
                                   "age": [(0, "<25    "), (63, ">35    ")]}}]),
    Case("y9_snails_excel_text_formula", 9, "y9_snails.csv",
         "codes written `=\"0001\"` (Excel's keep-the-zeros trick): sample the text `0001`; "
         "or a refusal; never 1, or `=\"0001\"` kept said nothing about",
         rows=96, rejects=set(),
         columns=["sample", "species", "exposure", "humidity", "temp", "deaths", "n"],
         types={"sample": "varchar", "deaths": "integer", "humidity": "double"},
         values={"sample": [(0, "0001"), (95, "0096")], "species": (95, "B")},
         refuse_ok=True),
    Case("y10_accdeaths_epoch_millis", 9, "y10_accdeaths.ndjson",
         "`ts` in epoch milliseconds: kept as the integer (lossless), or read as the instant "
         "(1973-01-01 00:00 UTC); never a date in year 4970 or 1971",
         rows=72, rejects=set(), columns=["ts", "deaths"],
         types={"ts": "integer", "deaths": "integer"},
         values={"ts": [(0, 94694400000), (71, build9.epoch_ms(_ACCDEATHS[71][0]))],
                 "deaths": [(0, 9007), (71, 9240)]},
         alternatives=[{"types": {"ts": "timestamp"},
                        "values": {"ts": [(0, _ACCDEATHS[0][0]), (71, _ACCDEATHS[71][0])]}},
                       {"types": {"ts": "timestamp"},
                        "values": {"ts": [(i, _ACCDEATHS[i][0].replace(
                            tzinfo=datetime.timezone.utc)) for i in (0, 71)]}}]),
    Case("y11_road_numbers_turn_strings", 9, "y11_road.ndjson",
         "`fuel` a JSON number on lines 1-13 and a string (`\"196.0\"`) from line 14: a "
         "double throughout; or text throughout, each value spelled; never NULLs or rejects",
         rows=26, rejects=set(), columns=["state", "deaths", "drivers", "fuel"],
         types={"fuel": "double", "deaths": "integer"},
         values={"fuel": [(0, 119.0), (12, 350.0), (13, 196.0), (25, 31.0)],
                 "state": (25, "Mont")},
         alternatives=[{"types": {"fuel": "varchar", "deaths": "integer"},
                        "values": {"fuel": [(13, "196.0"), (25, "31.0")]}}]),
    Case("y12_drivers_hive_partitions", 9, "y12_drivers/year=*/*.parquet",
         "Hive partitions (`year=1969/part-0.parquet`): 192 rows with a `year` column taken "
         "from the folder names (an integer, or its text); never the year lost",
         rows=192, rejects=set(),
         types={"year": "integer", "deaths": "integer"},
         values={"year": [(0, 1969), (191, 1984)], "month": [(0, 1), (191, 12)],
                 "deaths": [(0, _DRIVERS[0][2]), (191, _DRIVERS[191][2])]},
         alternatives=[{"types": {"year": "varchar"},
                        "values": {"year": [(0, "1969"), (191, "1984")],
                                   "deaths": (191, _DRIVERS[191][2])}}]),
    # stage 10: fresh held-out cases (build10.py), kinds of damage stages 1-9 do not have
    Case("z1_arbuthnot_footnotes", 10, "z1_arbuthnot.csv",
         "an open-data CSV ending in a blank line and two quoted footnotes (`Source: ...`, "
         "`Note: ...`): 82 rows, the footnotes left out (a note welcome) or rejects; never "
         "a footnote as a row or the numbers turned to text",
         rows=82, rejects=set(),
         columns=["year", "males", "females", "plague", "mortality", "ratio", "total"],
         types={"year": "integer", "males": "integer", "ratio": "double", "total": "double"},
         values={"year": [(0, 1629), (81, 1710)], "total": (81, 14.928),
                 "ratio": (0, 1.1142430066)},
         alternatives=[{"rejects": {"83", "84"}}, {"rejects": {"84", "85"}}],
         refuse_ok=True),
    Case("z2_nuclear_filtered_rows", 10, "z2_nuclear.xlsx",
         "a sheet saved with an AutoFilter hiding the 6 rows where pt = 1: all 32 rows (hidden "
         "rows are data; a note welcome); never only the 26 visible ones",
         rows=32, rejects=set(),
         columns=["cost", "date", "t1", "t2", "cap", "pr", "ne", "ct", "bw", "cum_n", "pt"],
         types={"cost": "double", "date": "double", "t1": "integer", "pt": "integer"},
         values={"cost": [(0, 460.05), (31, 270.71)], "pt": [(0, 0), (31, 1)],
                 "cum_n": (31, 11)}),
    Case("z3_petrol_offset_table", 10, "z3_petrol.xlsx",
         "a report sheet whose table starts in C2 (row 1 and columns A-B empty): the six "
         "columns and 32 rows; never empty `column_1`/`column_2` columns or the header a row",
         rows=32, rejects=set(), columns=["no", "sg", "vp", "v10", "ep", "y"],
         types={"no": "varchar", "sg": "double", "v10": "integer", "y": "double"},
         values={"no": [(0, "A"), (31, "J")], "sg": (0, 50.8), "y": [(0, 12.2), (31, 18.0)]}),
    Case("z4_prestige_percent_cells", 10, "z4_prestige.xlsx",
         "`women` cells hold fractions formatted `0.00%` (0.1116 shown as 11.16%): the "
         "stored fraction as a double; never 11.16, the text `11.16%` or NULLs; `type` NULL "
         "in its four empty cells",
         rows=102, rejects=set(),
         columns=["occupation", "education", "income", "women", "prestige", "census", "type"],
         types={"women": "double", "income": "integer", "type": "varchar"},
         values={"women": [(0, 0.1116), (101, 0.7087)], "type": [(33, None), (101, "bc")],
                 "occupation": (0, "gov.administrators")}),
    Case("z5_cpus_sqlcmd_output", 10, "z5_cpus.csv",
         "SQL Server `sqlcmd -s \",\"` output: padded fields, a line of dashes under the "
         "header, `(209 rows affected)` after a blank line: 209 rows, the numbers integers, "
         "the dashes and the footer left out or rejects; or a refusal; never the numbers "
         "text because of the dashes, or the footer a row",
         rows=209, rejects=set(),
         columns=["name", "syct", "mmin", "mmax", "cach", "chmin", "chmax", "perf", "estperf"],
         types={"syct": "integer", "perf": "integer", "estperf": "integer", "name": "varchar"},
         values={"name": [(0, "ADVISOR 32/60"), (208, "WANG VS 90")],
                 "perf": [(0, 198), (208, 45)], "estperf": (208, 25)},
         alternatives=_sqlcmd_outcomes(), refuse_ok=True),
    Case("z6_cowles_rails_booleans", 10, "z6_cowles.db",
         "a SQLite `BOOLEAN` column holding 't'/'f' (rows written before a Rails upgrade) "
         "and 1/0 (after): a boolean, true for 't' and 1; or text keeping each spelling; "
         "never NULLs, rejects or 't' read false",
         fmt="sqlite", options={"source_table": "volunteers"}, rows=1421, rejects=set(),
         columns=["id", "neuroticism", "extraversion", "sex", "volunteer"],
         types={"volunteer": "boolean", "neuroticism": "integer"},
         values={"volunteer": [(i, _COWLES[i][4]) for i in _COWLES_ROWS],
                 "sex": (0, "female")},
         alternatives=[{"types": {"volunteer": "varchar"},
                        "values": {"volunteer": [(i, str(build10.rails_spelling(
                            i, _COWLES[i][4]))) for i in _COWLES_ROWS]}}]),
    Case("z7_salaries_mongoexport", 10, "z7_salaries.json",
         "`mongoexport` lines (relaxed extended JSON: `{\"$oid\"}`, `{\"$numberDecimal\": "
         "\"139750.00\"}`, `{\"$date\"}`): 397 rows; the wrappers unwrapped (salary a "
         "number, hired the instant), or flattened keeping their text; never NULL salaries",
         rows=397, rejects=set(),
         types={"salary": ("decimal", "double", "integer"), "hired": ("timestamp", "date"),
                "yrs_service": "integer", "rank": "varchar"},
         values={"salary": [(0, 139750), (396, 81035)], "rank": (0, "Prof"),
                 "hired": [(0, _SALARIES.hired[0].to_pydatetime()),
                           (396, _SALARIES.hired[396].to_pydatetime())]},
         alternatives=[{"values": {"salary": [(0, 139750), (396, 81035)],
                                   "hired": [(i, _SALARIES.hired[i].to_pydatetime().replace(
                                       tzinfo=datetime.timezone.utc)) for i in (0, 396)]}},
                       {"values": {"salary": [(0, 139750), (396, 81035)],
                                   "hired": [(i, _SALARIES.hired[i].date()) for i in (0, 396)]}},
                       *_mongo_outcomes()]),
    Case("z8_sacramento_geojson", 10, "z8_sacramento.geojson",
         "a GeoJSON FeatureCollection (`format: json`): 932 rows, the properties as columns "
         "(`properties__price` or `price`); or one row with a child table `features` of "
         "932; or a refusal; never sales lost",
         fmt="json", rows=932, rejects=set(),
         values={"properties__price": [(0, 59222), (931, 235738)],
                 "properties__city": (0, "SACRAMENTO")},
         alternatives=[{"values": {"price": [(0, 59222), (931, 235738)],
                                   "city": (0, "SACRAMENTO")}},
                       {"rows": 1, "values": {}, "children": {"features": (932, [])}}],
         refuse_ok=True),
    Case("z9_djia_parquet_zone_dropped", 10, "z9_djia/*.parquet",
         "two Parquet files of one feed, `timestamp[us, tz=UTC]` then `timestamp[us]` (the "
         "zone dropped, same UTC clock): 505 rows, every close at 21:00 UTC (naive or "
         "zoned); never 2020's shifted by a zone or the column text",
         rows=505, rejects=set(), columns=["close_at", "value"],
         types={"close_at": "timestamp", "value": "double"},
         values={"close_at": [(i, _DJIA[i][0]) for i in _DJIA_ROWS],
                 "value": [(0, _DJIA[0][1]), (504, _DJIA[504][1])]},
         alternatives=[{"values": {"close_at": [
             (i, _DJIA[i][0].replace(tzinfo=datetime.timezone.utc)) for i in _DJIA_ROWS]}}]),
    Case("z10_sweden_mixed_encodings", 10, "z10_sweden.csv",
         "UTF-8 rows, then 11 rows appended in Windows-1252: every name decoded right "
         "(`Västerbotten` above, `Skåne`, `Örebro` below, a note welcome); or a refusal "
         "naming the mixed encoding; never mojibake (`VÃ¤sterbotten`) or U+FFFD",
         rows=21, rejects=set(),
         columns=["iso", "nuts", "county", "centre", "area", "pop2019"],
         types={"area": "double", "pop2019": "integer"},
         values={"county": [(1, "Västerbotten"), (5, "Östergötland"), (11, "Skåne"),
                            (15, "Örebro"), (20, "Jämtland")],
                 "centre": [(1, "Umeå"), (11, "Malmö, Kristianstad"), (20, "Östersund")]},
         refuse_ok=True),
    Case("z11_gtcars_prn_fixed_width", 10, "z11_gtcars.txt",
         "Excel's space-padded `.prn` text (no delimiter, values holding spaces): 47 rows of "
         "mfr, model, year, trim, hp, msrp; or a refusal (a `widths` option to ask for); "
         "never one column of whole lines or `458 Speciale` split in two",
         rows=47, rejects=set(), columns=build10.GTCARS_COLUMNS,
         types={"year": "integer", "hp": "integer", "msrp": "integer", "model": "varchar"},
         values={"model": [(0, "GT"), (1, "458 Speciale")], "trim": (0, "Base Coupe"),
                 "msrp": [(0, 447000), (46, 304350)], "mfr": (46, "Rolls-Royce")},
         refuse_ok=True),
    Case("z12_movies_scalar_or_array", 10, "z12_movies.ndjson",
         "`genre` an array when several, a bare string when one, absent when none (XML "
         "turned JSON): 400 rows; a child table `genre` of all 448 genres by `id`; or `genre` "
         "text with the single ones as themselves; or a refusal; never the 212 single "
         "genres lost or their lines rejected",
         parent_key=["id"], rows=400, rejects=set(),
         columns=["id", "title", "year", "rating"],
         types={"id": "integer", "rating": "double"},
         values={"title": (399, _MOVIES[399]["title"]), "year": (0, 1971)},
         children={"genre": (sum(len(m["genre"]) for m in _MOVIES), ["id"])},
         alternatives=[{"columns": ["id", "title", "year", "rating", "genre"], "children": {},
                        "types": {"genre": "varchar"},
                        "values": {"genre": [(1, "Comedy"), (4, None), (399, "Comedy")]}}],
         refuse_ok=True),
    # stage 11: fresh held-out cases (build11.py), kinds of damage stages 1-10 do not have
    Case("a1_davis_ssms_nulls", 11, "a1_davis.csv",
         "SSMS \"Save Results As\" CSV writing every NULL as the word `NULL` (17 in `repwt`, "
         "17 in `repht`): 200 rows, `repwt`/`repht` numbers with NULL there; never the "
         "columns text holding 'NULL', or those rows rejected",
         rows=200, rejects=set(),
         columns=["id", "sex", "weight", "height", "repwt", "repht"],
         types={"id": "integer", "weight": "integer", "repwt": ("integer", "double"),
                "repht": ("integer", "double"), "sex": "varchar"},
         values={"repwt": [(0, 77), (46, None), (199, float(_DAVIS.repwt.iloc[199]))],
                 "repht": [(46, None), (47, None), (0, 180)], "sex": (1, "F")}),
    Case("a2_lh_toa5_logger", 11, "a2_lh.dat",
         "a Campbell TOA5 logger file (`format: csv`): a logger line, the names, a units "
         "line and a processing line, then 48 samples: the names from line 2, the units and "
         "processing lines left out or 2 rejects, `lh` a double; or a refusal; never the "
         "logger line as the header or the samples text",
         fmt="csv", rows=48, rejects=set(), columns=["TIMESTAMP", "RECORD", "lh"],
         types={"TIMESTAMP": "timestamp", "RECORD": "integer", "lh": "double"},
         values={"TIMESTAMP": [(0, _LH[0][0]), (47, _LH[47][0])], "RECORD": (47, 47),
                 "lh": [(0, _LH[0][2]), (47, _LH[47][2])]},
         alternatives=_toa5_outcomes(), refuse_ok=True),
    Case("a3_leuk_dos_eof", 11, "a3_leuk.csv",
         "a DOS tool's CRLF CSV ending in a Ctrl-Z byte (0x1A): 33 rows, the Ctrl-Z left out "
         "(or one reject); never a 34th row, `id` text or `time` `'43\\x1a'`",
         rows=33, rejects=set(), columns=["id", "wbc", "ag", "time"],
         types={"id": "integer", "wbc": "integer", "time": "integer"},
         values={"id": (32, 33), "time": [(0, 65), (32, 43)], "ag": (32, "absent")},
         alternatives=[{"rejects": {"34"}}]),
    Case("a4_johnson_two_digit_years", 11, "a4_johnson.csv",
         "US dates with two-digit years `3/31/60` ... `12/31/80`: 84 rows, every date in "
         "1960-1980 (a date or a timestamp); or the text kept; never 2060-2068",
         rows=84, rejects=set(), columns=["quarter_end", "eps"],
         types={"quarter_end": "date", "eps": "double"},
         values={"quarter_end": [(i, _JOHNSON[i][0]) for i in _JOHNSON_ROWS],
                 "eps": [(0, 0.71), (83, _JOHNSON[83][1])]},
         alternatives=[{"types": {"quarter_end": "timestamp", "eps": "double"},
                        "values": {"quarter_end": [
                            (i, datetime.datetime.combine(_JOHNSON[i][0], datetime.time()))
                            for i in _JOHNSON_ROWS]}},
                       {"types": {"quarter_end": "varchar", "eps": "double"},
                        "values": {"quarter_end": [(0, "3/31/60"), (35, "12/31/68"),
                                                   (36, "3/31/69"), (83, "12/31/80")]}}]),
    Case("a5_ornstein_lakh_grouping", 11, "a5_ornstein.tsv",
         "a TSV with `assets` grouped the Indian way (`87,000`, `1,47,670`): 248 rows, "
         "`assets` the number (147670); or every value kept as its text; never 147, NULLs "
         "or the three lakh rows rejected",
         rows=248, rejects=set(), columns=["id", "assets", "sector", "nation", "interlocks"],
         types={"assets": ("integer", "decimal", "double"), "interlocks": "integer"},
         values={"assets": [(i, int(_ORNSTEIN.assets.iloc[i])) for i in (0, 1, 2, 3, 247)],
                 "sector": (0, "BNK")},
         alternatives=[{"types": {"assets": "varchar", "interlocks": "integer"},
                        "values": {"assets": [(i, build11.indian_grouping(
                            int(_ORNSTEIN.assets.iloc[i]))) for i in (0, 1, 2, 3, 247)]}}]),
    Case("a6_shuttle_rich_shared_strings", 11, "a6_shuttle.xlsx",
         "an xlsx as Excel saves it (shared strings), the `error` cells rich text of two runs "
         "(`L` bold, `X`): 256 rows, `error` the whole text `LX`; never `L`, NULL or markup",
         rows=256, rejects=set(),
         columns=["id", "stability", "error", "sign", "wind", "magn", "vis", "use"],
         types={"id": "integer", "error": "varchar", "magn": "varchar"},
         values={"error": [(0, "LX"), (255, _SHUTTLE.error.iloc[255])],
                 "stability": (0, "xstab"), "use": (255, _SHUTTLE.use.iloc[255])}),
    Case("a7_galton_stale_dimension", 11, "a7_galton.xlsx",
         "an xlsx whose sheet declares `<dimension ref=\"A1\"/>` over 929 filled rows: all "
         "928 rows of id, parent, child; never an empty table or one column",
         rows=928, rejects=set(), columns=["id", "parent", "child"],
         types={"id": "integer", "parent": "double", "child": "double"},
         values={"id": (927, 928), "child": [(0, 61.7), (927, float(_GALTON.child.iloc[927]))],
                 "parent": (0, 70.5)}),
    Case("a8_lakehuron_chartsheet_first", 11, "a8_lakehuron.xlsx",
         "a workbook whose first sheet is a chart sheet, the data on sheet `data`: its 98 "
         "rows (the only sheet with cells); or a refusal naming the sheets; never an empty "
         "table or a crash",
         rows=98, rejects=set(), columns=["year", "level_ft"],
         types={"year": "integer", "level_ft": "double"},
         values={"year": [(0, 1875), (97, 1972)], "level_ft": (0, 580.38)}, refuse_ok=True),
    Case("a9_womenlf_dynamodb_export", 11, "a9_womenlf.json",
         "DynamoDB JSON (`{\"Item\": {\"hincome\": {\"N\": \"15\"}}}` per line): 263 rows, "
         "the attributes unwrapped as columns (numbers typed or text) or flattened keeping "
         "each value; or a refusal naming the format; never NULLs or one `Item` column",
         rows=263, rejects=set(), columns=["id", "partic", "hincome", "children", "region"],
         types={"id": "integer", "hincome": "integer", "region": "varchar"},
         values={"hincome": [(0, 15), (262, int(_WOMENLF.hincome.iloc[-1]))],
                 "region": (0, "Ontario")},
         alternatives=_dynamodb_outcomes(), refuse_ok=True),
    Case("a10_pima_parquet_reordered", 11, "a10_pima/*.parquet",
         "two Parquet files of one export, the second's columns in another order (`glu`, "
         "`bp`, `npreg` swapped about, all int64): 332 rows, every value in its column by "
         "name (in either file's order); never the second file's values shifted by position",
         rows=332, rejects=set(),
         types={"id": "integer", "npreg": "integer", "glu": "integer", "bp": "integer",
                "skin": "integer", "age": "integer", "bmi": "double", "ped": "double",
                "type": "varchar"},
         values={c: [(i, _PIMA[c].tolist()[i]) for i in _PIMA_ROWS]
                 for c in ("id", "npreg", "glu", "bp", "age", "type", "bmi")}),
    Case("a11_minn38_parquet_uint64", 11, "a11_minn38.parquet",
         "Parquet `uint64` hash keys, 83 of 168 above 2^63 - 1: each key exact (an unsigned "
         "or wider integer, a decimal, or its text); never negative (wrapped) or rounded",
         rows=168, rejects=set(), columns=["row_hash", "hs", "phs", "fol", "sex", "f"],
         types={"row_hash": ("integer", "decimal"), "f": "integer"},
         values={"row_hash": [(i, build11.row_hash(i)) for i in _MINN38_ROWS],
                 "hs": (0, "L")},
         alternatives=[{"types": {"row_hash": "varchar"},
                        "values": {"row_hash": [(i, str(build11.row_hash(i)))
                                                for i in _MINN38_ROWS]}}]),
    Case("a12_wwwusage_sqlite_epoch", 11, "a12_wwwusage.db",
         "a SQLite `DATETIME` column holding Unix epoch seconds (INTEGER values): 100 rows, "
         "the integers kept; or the instants (2024-01-15 09:00 UTC on, naive UTC or zoned); "
         "never NULLs, text or 1970 dates",
         fmt="sqlite", options={"source_table": "usage"}, rows=100, rejects=set(),
         columns=["id", "observed_at", "users"],
         types={"observed_at": "integer", "users": "integer"},
         values={"observed_at": [(0, _WWW[0][1]), (99, _WWW[99][1])], "users": (0, 88)},
         alternatives=[{"types": {"observed_at": "timestamp"},
                        "values": {"observed_at": [(i, _utc(build11.WWW_START
                                                            + datetime.timedelta(minutes=i)))
                                                   for i in (0, 99)]}},
                       {"types": {"observed_at": "timestamp"},
                        "values": {"observed_at": [(i, build11.WWW_START
                                                    + datetime.timedelta(minutes=i))
                                                   for i in (0, 99)]}}]),
    Case("c1_motors_elapsed_hours", 12, "c1_motors.csv",
         "a test rig's hours to failure as elapsed `H:MM:SS` beyond 24 hours (`8064:00:00`): "
         "40 rows, `time` a duration (8064 hours) or its text kept; never a time of day, "
         "a date, NULLs or rejects",
         rows=40, rejects=set(), columns=["id", "temp", "time", "cens"],
         types={"id": "integer", "temp": "integer", "time": _DURATIONS, "cens": "integer"},
         values={"time": [(i, datetime.timedelta(hours=int(_MOTORS.time.iloc[i])))
                          for i in (0, 10, 39)]},
         alternatives=[{"types": {"time": "varchar"},
                        "values": {"time": [(i, build12.elapsed(int(_MOTORS.time.iloc[i])))
                                            for i in (0, 10, 39)]}}]),
    Case("c2_mroz_paginated_api", 12, "c2_mroz/*.json",
         "a REST API dumped page by page (`{\"data\": [...], \"meta\": ..., \"links\": ...}` "
         "in 4 files): the 753 records of `data` as rows; or a refusal naming the envelope; "
         "never 4 rows of pages, `meta`/`links` as rows or only one page",
         rows=753, rejects=set(),
         columns=["id", "lfp", "k5", "k618", "age", "wc", "hc", "lwg", "inc"],
         types={"id": "integer", "age": "integer", "lwg": "double", "lfp": "varchar"},
         values={"id": [(0, 1), (250, 251), (752, 753)],
                 "inc": [(0, float(_MROZ.inc.iloc[0])), (752, float(_MROZ.inc.iloc[752]))],
                 "lfp": (752, "no")},
         refuse_ok=True),
    Case("c3_ukgas_sqlite_julianday", 12, "c3_ukgas.db",
         "a SQLite `REAL` column of Julian day numbers (`julianday()`: 2436934.5 is "
         "1960-01-01): 108 rows, the reals kept; or the dates (a date or a timestamp); "
         "never NULLs, text or dates off by the epoch",
         fmt="sqlite", options={"source_table": "gas"}, rows=108, rejects=set(),
         columns=["id", "quarter_start", "therms"],
         types={"id": "integer", "quarter_start": "double", "therms": "double"},
         values={"quarter_start": [(i, _julian(_UKGAS[i][1])) for i in (0, 107)],
                 "therms": (0, 160.1)},
         alternatives=[{"types": {"quarter_start": "date"},
                        "values": {"quarter_start": [(i, _UKGAS[i][1]) for i in (0, 107)]}},
                       {"types": {"quarter_start": "timestamp"},
                        "values": {"quarter_start": [
                            (i, datetime.datetime.combine(_UKGAS[i][1], datetime.time()))
                            for i in (0, 107)]}}]),
    Case("c4_arrests_sqlite_uuid_blob", 12, "c4_arrests.db",
         "a SQLite key `id BLOB` holding UUIDs as 16 bytes: 400 rows, each key exact (the "
         "bytes, or the UUID's text, or its hex); never NULL keys, rows lost, mangled "
         "text (a decode of the bytes) or a crash",
         fmt="sqlite", options={"source_table": "arrests"}, rows=400, rejects=set(),
         columns=["id", "released", "colour", "year", "age", "sex", "employed", "citizen",
                  "checks"],
         types={"id": ("binary", "large_binary", "fixed_size_binary[16]"), "year": "integer",
                "checks": "integer", "colour": "varchar"},
         values={"id": [(i, build12.arrest_key(i).bytes) for i in (0, 399)],
                 "colour": (0, _ARRESTS.colour.iloc[0]),
                 "year": (399, int(_ARRESTS.year.iloc[399]))},
         alternatives=[{"types": {"id": ("varchar", "extension<arrow.uuid>")},
                        "values": {"id": [(i, spell(build12.arrest_key(i))) for i in (0, 399)]}}
                       for spell in (str, lambda k: k.hex, lambda k: k.hex.upper(),
                                     lambda k: k)]),
    Case("c5_gehan_parquet_duration", 12, "c5_gehan.parquet",
         "Parquet `duration[s]` remission times (pandas timedeltas, whole weeks): 42 rows, "
         "each a duration (1 week, 10 weeks); or a refusal naming the type; never NULLs, "
         "bare numbers without their unit or the rows lost",
         rows=42, rejects=set(), columns=["id", "pair", "remission", "cens", "treat"],
         types={"id": "integer", "remission": _DURATIONS, "treat": "varchar"},
         values={"remission": [(i, datetime.timedelta(weeks=int(_GEHAN.time.iloc[i])))
                               for i in (0, 1, 41)]},
         refuse_ok=True),
    Case("c6_austres_quarter_labels", 12, "c6_austres.csv",
         "a statistics office's quarters labelled `1971 Q2`: 89 rows, the labels kept as "
         "text, or the quarter's first day (1971-04-01, a date or timestamp); never NULLs, "
         "1971-01-01 for every quarter of 1971 or rejects",
         rows=89, rejects=set(), columns=["quarter", "residents_k"],
         types={"quarter": "varchar", "residents_k": "double"},
         values={"quarter": [(0, "1971 Q2"), (88, _AUSTRES[88][0])],
                 "residents_k": [(0, 13067.3), (88, _AUSTRES[88][1])]},
         alternatives=[{"types": {"quarter": kind},
                        "values": {"quarter": [(0, as_kind(datetime.date(1971, 4, 1))),
                                               (1, as_kind(datetime.date(1971, 7, 1))),
                                               (88, as_kind(datetime.date(1993, 4, 1)))]}}
                       for kind, as_kind in (("date", lambda d: d), (
                           "timestamp", lambda d: datetime.datetime.combine(
                               d, datetime.time())))]),
    Case("c7_leinhardt_sqlplus_spool", 12, "c7_leinhardt.csv",
         "a SQL*Plus spool with `COLSEP ','`: padded fields, the header and a dashes line "
         "repeated every 14 rows after a blank line, `105 rows selected.` at the end: 105 "
         "rows, the values trimmed, INCOME and INFANT numbers (repeats and footer left out "
         "or rejected); or a refusal; never the repeats or dashes as rows, or the columns "
         "text because of them",
         rows=105, columns=["country", "income", "infant", "region", "oil"],
         types={"income": "integer", "infant": "double", "country": "varchar"},
         values={"country": [(0, "Australia"), (104, _LEINHARDT.country.iloc[104])],
                 "income": [(0, 3426), (14, int(_LEINHARDT.income.iloc[14])),
                            (104, int(_LEINHARDT.income.iloc[104]))],
                 "infant": [(i, None if math.isnan(v) else float(v))
                            for i, v in enumerate(_LEINHARDT.infant) if i in _LEINHARDT_ROWS],
                 "region": (0, "Asia"), "oil": (0, "no")},
         refuse_ok=True),
    Case("c8_epil_oracle_dd_mon_rr", 12, "c8_epil.csv",
         "an Oracle export with dates as `DD-MON-RR` (`02-MAR-87`): 236 rows, VISIT_DATE the "
         "date in 1987 (a date or a timestamp) or the text kept; never 2087, NULLs or "
         "rejects",
         rows=236, rejects=set(),
         columns=["id", "subject", "period", "visit_date", "y", "trt", "base", "age"],
         types={"visit_date": "date", "y": "integer", "trt": "varchar"},
         values={"visit_date": [(i, _EPIL_DAYS[i]) for i in (0, 1, 235)],
                 "trt": (0, "placebo")},
         alternatives=[{"types": {"visit_date": "timestamp"},
                        "values": {"visit_date": [
                            (i, datetime.datetime.combine(_EPIL_DAYS[i], datetime.time()))
                            for i in (0, 1, 235)]}},
                       {"types": {"visit_date": "varchar"},
                        "values": {"visit_date": [(0, "02-MAR-87"), (1, "16-MAR-87")]}}]),
    Case("c9_ginzberg_powershell_type_line", 12, "c9_ginzberg.csv",
         "PowerShell 5's `Export-Csv`: a `#TYPE System.Management.Automation.PSCustomObject` "
         "line, then quoted fields: 82 rows, the names from line 2, the numbers as doubles "
         "(quoted or not); or a refusal; never `#TYPE ...` as the header or the columns text",
         rows=82, rejects=set(),
         columns=["id", "simplicity", "fatalism", "depression", "adjsimp", "adjfatal",
                  "adjdep"],
         types={"id": "integer", "simplicity": "double", "adjdep": "double"},
         values={"simplicity": (0, 0.92983), "adjdep": (81, 1.65687), "id": (81, 82)},
         refuse_ok=True),
    Case("c10_freedman_pandas_split_json", 12, "c10_freedman.json",
         "pandas' `orient=\"split\"` JSON (`columns`, `index`, `data` of row lists): 110 "
         "rows of population, nonwhite, density, crime (the city index a column or not); "
         "or a refusal naming the shape; never one row of three lists",
         rows=110, rejects=set(),
         types={"population": ("double", "integer"), "crime": "integer"},
         values={"crime": [(0, 2602), (109, int(_FREEDMAN.crime.iloc[109]))],
                 "population": [(0, 675), (_FREEDMAN_NULL, None)],
                 "nonwhite": (1, 2.6)},
         refuse_ok=True),
    Case("c11_wool_numbers_export_summary", 12, "c11_wool.xlsx",
         "an Apple Numbers xlsx: a first sheet `Export Summary` of sentences, the data on "
         "`Sheet 1 - Table 1`: its 27 rows; or a refusal naming the sheets; never the "
         "summary's sentences as the table",
         rows=27, rejects=set(), columns=["id", "len", "amp", "load", "cycles"],
         types={"id": "integer", "len": "integer", "cycles": "integer"},
         values={"cycles": [(0, 674), (26, int(_WOOL.cycles.iloc[26]))], "id": (26, 27)},
         refuse_ok=True),
    Case("c12_forbes_sqlite_typeless_mixed", 12, "c12_forbes.db",
         "a SQLite table declared without types whose `bp` holds REALs and three TEXT "
         "values (`'197.9'`): 17 rows, `bp` a double with every value (197.9 at row 2); or "
         "every value as text; never NULL for the TEXT ones or those rows rejected",
         fmt="sqlite", options={"source_table": "readings"}, rows=17, rejects=set(),
         columns=["id", "bp", "pres"],
         types={"id": "integer", "bp": "double", "pres": "double"},
         values={"bp": [(i, float(_FORBES.bp.iloc[i])) for i in (0, 2, 9, 16)],
                 "pres": (0, 20.79)},
         alternatives=[{"types": {"id": ("integer", "varchar"), "bp": "varchar",
                                  "pres": ("double", "varchar")},
                        "values": {"bp": [(i, str(_FORBES.bp.iloc[i]))
                                          for i in (0, 2, 9, 16)],
                                   "pres": (0, "20.79")}}]),
]
