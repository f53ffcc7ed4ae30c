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
Stage 4 (`build4.py`, `loads.py`) is held out: written, expectations included, after
stages 1-3 had all been looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
]
